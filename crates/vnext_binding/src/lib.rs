//! The napi-rs addon: thin wrappers over vnext's crates. Nothing here decides
//! anything; it converts arguments and results and moves work off the JS thread.

use std::path::PathBuf;

use napi::bindgen_prelude::{AsyncTask, Env, Error, Result, Status, Task};
use napi_derive::napi;
use serde::Serialize;
use vnext_router::{CompileOptions, MatchTree};

#[napi(object)]
pub struct CompileRoutesOptions {
    /// `pageExtensions` from `next.config`; Next's default when absent.
    pub page_extensions: Option<Vec<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
enum Outcome<'a> {
    Manifest(&'a vnext_router::RouteManifest),
    Errors(&'a [vnext_router::Diagnostic]),
}

pub struct CompileRoutesTask {
    project_dir: PathBuf,
    options: CompileOptions,
}

impl Task for CompileRoutesTask {
    type Output = String;
    type JsValue = String;

    /// Runs on the libuv thread pool; the router fans out with rayon inside.
    fn compute(&mut self) -> Result<String> {
        // Serialised straight to text: a `serde_json::Value` on the way would double
        // the work for a large app.
        let json = match vnext_router::compile_routes(&self.project_dir, &self.options) {
            Ok(manifest) => serde_json::to_string(&Outcome::Manifest(&manifest)),
            Err(diagnostics) => serde_json::to_string(&Outcome::Errors(&diagnostics)),
        };
        json.map_err(|e| Error::from_reason(e.to_string()))
    }

    fn resolve(&mut self, _env: Env, output: String) -> Result<String> {
        Ok(output)
    }
}

/// Compiles the app's routes. Resolves to JSON, `{ manifest }` or `{ errors }`:
/// one string crosses into JS, where `JSON.parse` builds the objects fastest.
#[napi(ts_return_type = "Promise<string>")]
pub fn compile_routes_json(
    project_dir: String,
    options: Option<CompileRoutesOptions>,
) -> AsyncTask<CompileRoutesTask> {
    let mut compile_options = CompileOptions::default();
    if let Some(extensions) = options.and_then(|o| o.page_extensions) {
        compile_options.page_extensions = extensions;
    }
    AsyncTask::new(CompileRoutesTask {
        project_dir: PathBuf::from(project_dir),
        options: compile_options,
    })
}

/// The Rust matcher over a manifest's `matcher` tree; the Worker uses the JS one.
#[napi]
pub struct RouteMatcher {
    tree: MatchTree,
}

#[napi]
impl RouteMatcher {
    /// `treeJson` is `JSON.stringify(manifest.matcher)`.
    #[napi(constructor)]
    pub fn new(tree_json: String) -> Result<Self> {
        let tree = serde_json::from_str(&tree_json).map_err(|e| {
            Error::new(Status::InvalidArg, format!("not a route matcher tree: {e}"))
        })?;
        Ok(Self { tree })
    }

    /// `{ route, params }` for the first route that matches, or `null`. Throws an
    /// error whose message starts `DecodeError` for a malformed percent-encoding.
    #[napi(ts_return_type = "{ route: number; params: Record<string, string | string[]> } | null")]
    pub fn match_path(&self, pathname: String) -> Result<Option<serde_json::Value>> {
        match self.tree.match_path(&pathname) {
            Ok(found) => Ok(found.map(|m| serde_json::to_value(m).unwrap_or_default())),
            Err(error) => Err(Error::new(
                Status::InvalidArg,
                format!("DecodeError: failed to decode param {:?}", error.segment),
            )),
        }
    }
}
