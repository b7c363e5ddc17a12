//! The napi-rs addon: thin wrappers over vnext's crates. Nothing here decides
//! anything; it converts arguments and results and moves work off the JS thread.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use napi::bindgen_prelude::{AsyncTask, Env, Error, FnArgs, Promise, Result, Status, Task};
use napi::threadsafe_function::ThreadsafeFunction;
use napi_derive::napi;
use serde::Serialize;
use vnext_bundler::{
    BrowserTargets, Bundler, BundlerOptions, Entry, Layer, Platform, StylesheetPreprocessor,
};
use vnext_diagnostics::Diagnostic;
use vnext_router::{CompileOptions, MatchTree};

// The bundler allocates many small, short-lived strings and AST nodes across rayon's
// threads; mimalloc serves that far faster than glibc's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[napi(object)]
pub struct CompileRoutesOptions {
    /// `pageExtensions` from `next.config`; Next's default when absent.
    pub page_extensions: Option<Vec<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
enum Outcome<'a> {
    Manifest(&'a vnext_router::RouteManifest),
    Errors(&'a [Diagnostic]),
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

#[napi(object, object_to_js = false)]
pub struct NativeBundlerOptions {
    /// The project folder; module ids and messages are relative to it.
    pub root: String,
    /// `browser`, `node` or `worker`.
    pub platform: String,
    /// `process.env.*` values to inline.
    pub env: Option<HashMap<String, String>>,
    /// Compress and mangle each chunk.
    pub minify: Option<bool>,
    /// Put shared code and `import()` targets in chunks of their own.
    pub splitting: Option<bool>,
    /// Write a source map beside each output file.
    pub sourcemap: Option<bool>,
    /// The URL the output folder is served at; `/` when absent.
    pub public_path: Option<String>,
    /// `(file, css) => Promise<css>`: the app's PostCSS, run on every stylesheet.
    pub preprocess_css: Option<PreprocessCss>,
    /// Specifier → file (relative to the root, or absolute), used before packages.
    pub alias: Option<HashMap<String, String>>,
    /// The browsers to lower stylesheets for, as `browserslist` resolves the app's
    /// config (`chrome 120`, …); Next's default targets when absent.
    pub browserslist: Option<Vec<String>>,
    /// The secret hashed into server action ids; empty when absent.
    pub action_id_salt: Option<String>,
}

/// Called from the bundler's threads; weak, so it never keeps Node running.
type PreprocessCss = ThreadsafeFunction<
    FnArgs<(String, String)>,
    Promise<String>,
    FnArgs<(String, String)>,
    Status,
    false,
    true,
>;

/// The app's PostCSS, in JavaScript: each call waits, on the bundler's thread, for the
/// promise the function returns. The JavaScript thread is free meanwhile, as a bundle
/// runs off it.
struct JsStylesheetPreprocessor(PreprocessCss);

impl StylesheetPreprocessor for JsStylesheetPreprocessor {
    fn preprocess(&self, file: &Path, source: &str) -> std::result::Result<String, String> {
        let arguments = (file.to_string_lossy().into_owned(), source.to_string());
        futures_executor::block_on(async {
            let promise = self
                .0
                .call_async(arguments.into())
                .await
                .map_err(|error| error.reason.clone())?;
            promise.await.map_err(|error| error.reason.clone())
        })
    }
}

#[napi(object)]
pub struct NativeEntry {
    /// Relative to the root, or absolute.
    pub path: String,
    /// `default` (the default), `rsc`, `ssr` or `client`.
    pub layer: Option<String>,
}

/// A bundler kept alive between builds: it owns the resolver's caches.
#[napi(js_name = "Bundler")]
pub struct NativeBundler {
    inner: Arc<Bundler>,
}

#[napi]
impl NativeBundler {
    #[napi(constructor)]
    pub fn new(options: NativeBundlerOptions) -> Result<Self> {
        let platform: Platform = options
            .platform
            .parse()
            .map_err(|message: String| Error::new(Status::InvalidArg, message))?;
        let css_targets = match options.browserslist {
            Some(resolved) => BrowserTargets::from_browserslist(&resolved)
                .map_err(|message| Error::new(Status::InvalidArg, message))?,
            None => BrowserTargets::default(),
        };
        let root = PathBuf::from(options.root);
        let inner = Bundler::new(BundlerOptions {
            root: root.clone(),
            platform,
            env: options.env.unwrap_or_default(),
            minify: options.minify.unwrap_or(false),
            splitting: options.splitting.unwrap_or(false),
            source_map: options.sourcemap.unwrap_or(false),
            public_path: options.public_path.unwrap_or_else(|| "/".to_string()),
            alias: options
                .alias
                .unwrap_or_default()
                .into_iter()
                .map(|(specifier, file)| (specifier, root.join(file)))
                .collect(),
            stylesheet_preprocessor: options.preprocess_css.map(|function| {
                Arc::new(JsStylesheetPreprocessor(function)) as Arc<dyn StylesheetPreprocessor>
            }),
            css_targets,
            action_id_salt: options.action_id_salt.unwrap_or_default(),
        });
        Ok(Self {
            inner: Arc::new(inner),
        })
    }

    /// Bundles `entries` into `outDir`. Resolves to JSON: `{ files, diagnostics }`,
    /// where `files` lists what was written (nothing when there are errors).
    #[napi(ts_return_type = "Promise<string>")]
    pub fn bundle_json(
        &self,
        entries: Vec<NativeEntry>,
        out_dir: String,
    ) -> Result<AsyncTask<BundleTask>> {
        let entries = entries
            .into_iter()
            .map(|entry| {
                let layer = match entry.layer {
                    Some(name) => name
                        .parse()
                        .map_err(|message: String| Error::new(Status::InvalidArg, message))?,
                    None => Layer::Default,
                };
                Ok(Entry {
                    path: PathBuf::from(entry.path),
                    layer,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(AsyncTask::new(BundleTask {
            bundler: self.inner.clone(),
            entries,
            out_dir: PathBuf::from(out_dir),
        }))
    }
}

pub struct BundleTask {
    bundler: Arc<Bundler>,
    entries: Vec<Entry>,
    out_dir: PathBuf,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WrittenFile<'a> {
    path: &'a str,
    size: usize,
    entry: Option<&'a Path>,
    imports: &'a [String],
    dynamic_imports: &'a [String],
    modules: &'a [String],
    css: &'a [String],
}

#[derive(Serialize)]
struct WrittenAsset<'a> {
    path: &'a str,
    size: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BundleReport<'a> {
    files: Vec<WrittenFile<'a>>,
    assets: Vec<WrittenAsset<'a>>,
    reused_modules: usize,
    diagnostics: &'a [Diagnostic],
}

impl Task for BundleTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> Result<String> {
        let output = self.bundler.bundle(&self.entries);
        let files = if output.has_errors() {
            Vec::new()
        } else {
            output.write_to(&self.out_dir).map_err(|e| {
                Error::from_reason(format!("writing {}: {e}", self.out_dir.display()))
            })?;
            output
                .files
                .iter()
                .map(|file| WrittenFile {
                    path: &file.path,
                    size: file.code.len(),
                    entry: file.entry.as_deref(),
                    imports: &file.imports,
                    dynamic_imports: &file.dynamic_imports,
                    modules: &file.modules,
                    css: &file.css,
                })
                .collect()
        };
        // Nothing is bundled, so nothing is listed, when there are errors.
        let assets = output
            .assets
            .iter()
            .map(|asset| WrittenAsset {
                path: &asset.path,
                size: asset.bytes.len(),
            })
            .collect();
        let report = BundleReport {
            files,
            assets,
            reused_modules: output.reused_modules,
            diagnostics: &output.diagnostics,
        };
        serde_json::to_string(&report).map_err(|e| Error::from_reason(e.to_string()))
    }

    fn resolve(&mut self, _env: Env, output: String) -> Result<String> {
        Ok(output)
    }
}
