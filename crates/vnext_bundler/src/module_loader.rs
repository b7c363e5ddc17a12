//! Loading one module in one layer, on a rayon thread: read it, compile it by kind
//! (script, stylesheet, JSON, asset), resolve its imports, and print it with their ids.
//! A `"use client"` module in `rsc` becomes a client reference and a `"use server"`
//! module a set of server references; both bring the same file into other layers.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use vnext_css::{ImportCondition, compile_stylesheet};
use vnext_diagnostics::{Diagnostic, Location};
use vnext_transform::{
    Dependency, DependencyKind, Directive, EmittedModule, ImportedNames, ParsedModule, action_id,
    parse_module, server_reference_stub,
};
use xxhash_rust::xxh3::xxh3_64;

use crate::asset::{Asset, data_url, is_asset, strip_data_url_query, with_data_url_query};
use crate::chunk_writer::js_string;
use crate::layer::Layer;
use crate::module_cache::Resolution;
use crate::module_graph::{
    ClientReference, GraphContext, Module, ModuleBody, ModuleCss, ServerReference, module_id,
};
use crate::module_ids::dependency_marker;
use crate::module_resolver::{RSC_MANIFESTS, Resolved};
use crate::platform::Platform;

#[derive(Debug, Clone)]
pub struct LoadedModule {
    pub(crate) module: Arc<Module>,
    /// Every resolution its loading made: what the graph follows, and what tells
    /// whether it can be reused.
    pub resolutions: Vec<Resolution>,
    /// Taken from the cache of an earlier build.
    pub(crate) reused: bool,
    /// The same file in other layers, which this module brings into the graph, with
    /// its id there.
    pub(crate) same_file_in: Vec<(Layer, std::path::PathBuf, String)>,
    /// Set when an `rsc` module turned out to be `"use client"`.
    pub(crate) client_reference: Option<ClientReference>,
    /// Set when an `rsc` module turned out to be `"use server"`.
    pub(crate) server_reference: Option<ServerReference>,
    /// Files it ships as they are.
    pub(crate) assets: Vec<Asset>,
    /// For each Web Worker it starts, the module that gives the worker's URL.
    pub(crate) worker_urls: Vec<Module>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl LoadedModule {
    /// The module, to fill in while it loads (nothing shares it yet).
    fn module_mut(&mut self) -> &mut Module {
        Arc::make_mut(&mut self.module)
    }
}

pub(crate) fn load_module(layer: Layer, path: &Path, context: &GraphContext) -> LoadedModule {
    let id = module_id(context.root, layer, path);
    let full_path = path.to_string_lossy();
    let (path, css_conditions) = ImportCondition::split_specifier(&full_path);
    let path = Path::new(path);
    // Messages name the file; the layer shows in the import trace.
    let file = module_id(context.root, Layer::Default, path);
    let mut loaded = LoadedModule {
        module: Arc::new(Module::new(id, ModuleBody::Code(Arc::default()))),
        same_file_in: Vec::new(),
        resolutions: Vec::new(),
        reused: false,
        client_reference: None,
        server_reference: None,
        assets: Vec::new(),
        worker_urls: Vec::new(),
        diagnostics: Vec::new(),
    };
    if let Some(asset) = strip_data_url_query(path.to_str().unwrap_or_default()) {
        load_data_url(Path::new(asset), &file, &mut loaded);
        return loaded;
    }
    if is_asset(path) {
        load_asset(path, &file, context, &mut loaded);
        return loaded;
    }
    if path
        .extension()
        .is_some_and(|extension| extension == "wasm")
    {
        load_wasm(layer, path, &file, context, &mut loaded);
        return loaded;
    }
    let source = match fs::read_to_string(path) {
        Ok(source) => source,
        Err(error) => {
            loaded.diagnostics.push(unreadable(&file, &error));
            return loaded;
        }
    };
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .unwrap_or_default();
    match extension {
        "json" => match serde_json::from_str::<serde_json::Value>(&source) {
            Ok(_) => {
                loaded.module_mut().body = ModuleBody::Code(Arc::new(EmittedModule {
                    code: format!("module.exports = {};", source.trim()),
                    mappings: Vec::new(),
                }))
            }
            Err(error) => loaded.diagnostics.push(Diagnostic::error(
                "invalid-json",
                format!("{file} is not valid JSON: {error}"),
                vec![file],
            )),
        },
        _ if SCRIPT_EXTENSIONS.contains(&extension) => {
            // Stylesheets are not kept: PostCSS plugins such as Tailwind read other
            // files, and a `url()`'s file can change under an unchanged sheet.
            let source_hash = xxh3_64(source.as_bytes());
            if let Some(mut cached) = context
                .cache
                .get(layer, path, source_hash, context.resolver)
            {
                cached.reused = true;
                return cached;
            }
            load_script(layer, path, &file, &source, context, &mut loaded);
            context.cache.put(layer, path, source_hash, &loaded);
        }
        "css" | "scss" | "sass" => load_stylesheet(
            layer,
            path,
            &file,
            &source,
            &css_conditions,
            context,
            &mut loaded,
        ),
        _ => loaded.diagnostics.push(Diagnostic::error(
            "unsupported-module-type",
            format!("vnext cannot bundle `.{extension}` files yet ({file})"),
            vec![file],
        )),
    }
    loaded
}

const SCRIPT_EXTENSIONS: [&str; 8] = ["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"];

fn is_script(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| SCRIPT_EXTENSIONS.contains(&extension))
}

/// The module whose export is the URL of the chunk a Web Worker starts from, the
/// worker's entry being `worker_id`.
fn worker_url_module(worker_id: String) -> Module {
    let mut module = Module::new(format!("{worker_id}?worker-url"), ModuleBody::WorkerUrl);
    module
        .dependencies
        .push((worker_id, DependencyKind::Worker));
    module
}

fn load_script(
    layer: Layer,
    path: &Path,
    file: &str,
    source: &str,
    context: &GraphContext,
    loaded: &mut LoadedModule,
) {
    let mut parsed = match parse_module(file, source) {
        Ok(parsed) => parsed,
        Err(diagnostic) => {
            loaded.diagnostics.push(diagnostic);
            return;
        }
    };
    match (layer, parsed.directive) {
        (Layer::Rsc, Some(Directive::UseClient)) => {
            return load_client_reference(path, file, context, loaded);
        }
        (Layer::Rsc, Some(Directive::UseServer)) => {
            for location in parsed.exports_that_are_not_async_functions(file) {
                let message =
                    "Only async functions are allowed to be exported in a \"use server\" file.";
                let diagnostic =
                    Diagnostic::error("use-server-export", message, vec![file.to_string()]);
                loaded.diagnostics.push(diagnostic.at(source, location));
            }
            let actions = actions_of(&context.transform.action_id_salt, file, &parsed);
            parsed.register_server_references(&actions);
            loaded.server_reference = Some(ServerReference {
                module_id: loaded.module.id.clone(),
                actions,
            });
        }
        (Layer::Ssr | Layer::Client, Some(Directive::UseServer)) => {
            // The actions run on the server: the real module joins the `rsc` layer.
            let actions = actions_of(&context.transform.action_id_salt, file, &parsed);
            let rsc_id = module_id(context.root, Layer::Rsc, path);
            loaded
                .same_file_in
                .push((Layer::Rsc, path.to_path_buf(), rsc_id));
            let stub = server_reference_stub(&actions);
            // The stub has no directive, so this does not come back here.
            return load_script(layer, path, file, &stub, context, loaded);
        }
        (Layer::Rsc, None) => parsed.hoist_inline_actions(file),
        _ => {}
    }
    let transformed = parsed.transform(context.transform);
    if !transformed.inline_actions.is_empty() {
        loaded.server_reference = Some(ServerReference {
            module_id: loaded.module.id.clone(),
            actions: transformed.inline_actions.clone(),
        });
    }
    let at_dependency = |code, message: String, dependency: &Dependency| {
        let diagnostic = Diagnostic::error(code, message, vec![file.to_string()]);
        match transformed.locate(file, dependency) {
            Some(location) => diagnostic.at(source, location),
            None => diagnostic,
        }
    };
    // Where each resolved dependency is in the module's list.
    let mut positions: HashMap<(String, DependencyKind), usize> = HashMap::new();
    for dependency in &transformed.dependencies {
        let switched = transformed
            .layer_switches
            .iter()
            .find(|(specifier, _)| *specifier == dependency.specifier);
        let target_layer = match switched.map(|(_, name)| name.parse::<Layer>()) {
            None => layer,
            Some(Ok(target)) => target,
            Some(Err(message)) => {
                loaded
                    .diagnostics
                    .push(at_dependency("unknown-layer", message, dependency));
                continue;
            }
        };
        if let Some(message) = target_layer.refuses(&dependency.specifier) {
            loaded.diagnostics.push(at_dependency(
                "wrong-side-import",
                message.to_string(),
                dependency,
            ));
            continue;
        }
        let names_file_url = dependency.kind == DependencyKind::FileUrl;
        let result = context
            .resolver
            .resolve(path, &dependency.specifier, target_layer);
        let names_shipped_file = matches!(&result, Ok(Resolved::File(target)) if is_asset(target));
        let result = result.map(|resolved| match resolved {
            Resolved::File(target)
                if names_file_url
                    && names_shipped_file
                    && context.resolver.platform_of(target_layer) == Platform::Worker =>
            {
                Resolved::File(with_data_url_query(&target))
            }
            other => other,
        });
        loaded.resolutions.push(Resolution {
            specifier: dependency.specifier.clone(),
            layer: target_layer,
            result: result.clone(),
        });
        match result {
            Ok(resolved) => {
                let names_worker = names_file_url
                    && matches!(&resolved, Resolved::File(target) if is_script(target));
                if names_file_url && !names_shipped_file && !names_worker {
                    let message = format!(
                        "new URL('{}', import.meta.url) must name a script (a Web Worker's) or a file vnext ships as it is (an image, font or media file)",
                        dependency.specifier
                    );
                    loaded.diagnostics.push(at_dependency(
                        "file-url-not-asset",
                        message,
                        dependency,
                    ));
                    continue;
                }
                let dependency_id = resolved_id(context.root, target_layer, &resolved);
                positions.insert(
                    (dependency.specifier.clone(), dependency.kind),
                    loaded.module.dependencies.len(),
                );
                if names_worker {
                    // The module gets the worker's URL from a module that stands for it.
                    let url_module = worker_url_module(dependency_id);
                    loaded
                        .module_mut()
                        .dependencies
                        .push((url_module.id.clone(), DependencyKind::Static));
                    loaded.worker_urls.push(url_module);
                    continue;
                }
                // A file URL of an asset runs the asset's module for its URL.
                let kind = match dependency.kind {
                    DependencyKind::FileUrl => DependencyKind::Static,
                    kind => kind,
                };
                loaded.module_mut().dependencies.push((dependency_id, kind));
            }
            Err(message) => {
                // The resolver names packages by absolute path; the project's files are
                // named from its root everywhere else.
                let root = format!("{}/", context.root.display());
                let message = message.replace(&root, "./");
                loaded
                    .diagnostics
                    .push(at_dependency("module-not-found", message, dependency))
            }
        }
    }
    let module = loaded.module_mut();
    let dependencies = &module.dependencies;
    let position_of = |specifier: &String| {
        positions
            .get(&(specifier.clone(), DependencyKind::Static))
            .copied()
    };
    let id_of = |specifier: &String| Some(dependencies[position_of(specifier)?].0.clone());
    module.star_exports = transformed.star_exports.iter().filter_map(id_of).collect();
    module.imported_names = transformed
        .imports
        .imported
        .iter()
        .filter_map(|(specifier, names)| Some((id_of(specifier)?, names.clone())))
        .collect();
    // A module read otherwise than by named property may be read for any name.
    let properties = &transformed.imported_properties;
    module.read_whole = properties.escaping.iter().filter_map(id_of).collect();
    for target in &module.read_whole {
        let imported_names = &mut module.imported_names;
        imported_names.retain(|(id, _)| id != target);
        imported_names.push((target.clone(), ImportedNames::All));
    }
    module.import_slots = properties.slots.iter().map(position_of).collect();
    module.marked_exports = transformed.marked_exports.clone();
    module.barrel = transformed.imports.barrel.as_ref().and_then(|reexports| {
        reexports
            .iter()
            .map(|(specifier, reexport)| Some((id_of(specifier)?, reexport.clone())))
            .collect()
    });
    module.side_effect_free = context.side_effects.is_free(path);
    module.is_async = transformed.has_top_level_await;
    module.exports = transformed.exports.clone();
    module.is_esm = transformed.is_esm;
    module.body = ModuleBody::Code(Arc::new(transformed.emit(|specifier, kind| {
        let position = positions.get(&(specifier.to_string(), kind))?;
        Some(dependency_marker(*position))
    })));
    if context.transform.source_map {
        module.original_source = Some(source.into());
    }
}

/// Next's message for a Sass file in an app without `sass`.
const SASS_MISSING: &str =
    "To use Next.js' built-in Sass support, you first need to install `sass`.
Run `npm i sass` or `yarn add sass` inside your workspace.

Learn more: https://nextjs.org/docs/messages/install-sass";

/// A stylesheet (`.css`, or Sass once the preprocessor has made it CSS): compiled by
/// lightningcss, its CSS kept on the module, and in the graph as the JavaScript that
/// stands for it (its `@import`s, a CSS module's class names). The `ssr` copy of a
/// stylesheet ships no CSS: its `client` copy does.
fn load_stylesheet(
    layer: Layer,
    path: &Path,
    file: &str,
    source: &str,
    conditions: &[ImportCondition],
    context: &GraphContext,
    loaded: &mut LoadedModule,
) {
    let options = context.stylesheet;
    let preprocessed;
    let source = match context.stylesheet_preprocessor {
        Some(preprocessor) => match preprocessor.preprocess(path, source) {
            Ok(css) => {
                preprocessed = css;
                preprocessed.as_str()
            }
            Err(message) => {
                let diagnostic =
                    Diagnostic::error("stylesheet-preprocessing", message, vec![file.into()]);
                return loaded.diagnostics.push(diagnostic);
            }
        },
        // Sass needs the `sass` package, which the preprocessor brings.
        None if !file.ends_with(".css") => {
            let start = Location {
                file: file.to_string(),
                line: 1,
                column: 1,
            };
            let diagnostic =
                Diagnostic::error("sass-not-installed", SASS_MISSING, vec![file.into()]);
            return loaded.diagnostics.push(diagnostic.at(source, start));
        }
        None => source,
    };
    let compiled = match compile_stylesheet(file, source, conditions, options) {
        Ok(compiled) => compiled,
        Err(diagnostic) => return loaded.diagnostics.push(diagnostic),
    };
    let mut targets = HashMap::new();
    for url in &compiled.urls {
        let Some(relative) = local_file(&url.url) else {
            continue;
        };
        let folder = path.parent().unwrap_or(Path::new(""));
        match Asset::read(&folder.join(relative)) {
            Ok(asset) => {
                let suffix = &url.url[relative.len()..];
                targets.insert(
                    url.placeholder.clone(),
                    format!("{}{suffix}", asset.url(context.public_path)),
                );
                loaded.assets.push(asset);
            }
            Err(_) => {
                let message = format!("Module not found: Can't resolve '{}'", url.url);
                let location = Location {
                    file: file.to_string(),
                    line: url.line,
                    column: url.column,
                };
                loaded.diagnostics.push(
                    Diagnostic::error("module-not-found", message, vec![file.to_string()])
                        .at(source, location),
                );
            }
        }
    }
    if layer != Layer::Ssr {
        let (code, mappings) = compiled.with_urls(|url| {
            targets
                .get(&url.placeholder)
                .cloned()
                .unwrap_or_else(|| url.url.clone())
        });
        let source = context.transform.source_map.then(|| source.to_string());
        loaded.module_mut().css = Some(ModuleCss {
            code,
            mappings,
            source,
        });
    }
    load_script(layer, path, file, &compiled.module_js, context, loaded);
}

/// The file part of a `url()` that names a file beside the stylesheet (`./a.png?v=1`
/// → `./a.png`); `None` for data URLs, absolute URLs and fragments, which stay.
fn local_file(url: &str) -> Option<&str> {
    let is_elsewhere = url.starts_with("data:")
        || url.starts_with('/')
        || url.starts_with('#')
        || url.contains("://");
    if is_elsewhere {
        return None;
    }
    let end = url.find(['?', '#']).unwrap_or(url.len());
    Some(&url[..end])
}

/// An imported image, font or media file: shipped as it is, its URL the default export.
fn load_asset(path: &Path, file: &str, context: &GraphContext, loaded: &mut LoadedModule) {
    match Asset::read(path) {
        Ok(asset) => {
            let url = serde_json::to_string(&asset.url(context.public_path))
                .expect("a string always serialises");
            loaded.module_mut().body = ModuleBody::Code(Arc::new(EmittedModule {
                code: format!("module.exports = {url};\n"),
                mappings: Vec::new(),
            }));
            loaded.assets.push(asset);
        }
        Err(error) => loaded.diagnostics.push(unreadable(file, &error)),
    }
}

fn unreadable(file: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "unreadable-module",
        format!("Can't read {file}: {error}"),
        vec![file.to_string()],
    )
}

/// A file a Worker's server code names with `new URL()`: its `data:` URL.
fn load_data_url(path: &Path, file: &str, loaded: &mut LoadedModule) {
    match data_url(path) {
        Ok(url) => {
            loaded.module_mut().body = ModuleBody::Code(Arc::new(EmittedModule {
                code: format!("module.exports = {};\n", js_string(&url)),
                mappings: Vec::new(),
            }))
        }
        Err(error) => loaded.diagnostics.push(unreadable(file, &error)),
    }
}

/// A `.wasm` import (`./x.wasm` or `./x.wasm?module`): shipped beside the server's
/// chunks, which import it compiled.
fn load_wasm(
    layer: Layer,
    path: &Path,
    file: &str,
    context: &GraphContext,
    loaded: &mut LoadedModule,
) {
    if context.resolver.platform_of(layer) == Platform::Browser {
        loaded.diagnostics.push(Diagnostic::error(
            "wasm-in-browser",
            format!("{file} is a WebAssembly module, which vnext imports in server code only. In the browser, fetch it and use WebAssembly.instantiateStreaming."),
            vec![file.to_string()],
        ));
        return;
    }
    match Asset::read(path) {
        Ok(asset) => {
            loaded.module_mut().body = ModuleBody::Wasm(asset.path.clone());
            loaded.assets.push(asset);
        }
        Err(error) => loaded.diagnostics.push(unreadable(file, &error)),
    }
}

/// In the `rsc` layer a `"use client"` module is not run: it becomes a proxy whose
/// exports are references React serialises, and the real module joins the `ssr` and
/// `client` layers.
fn load_client_reference(
    path: &Path,
    file: &str,
    context: &GraphContext,
    loaded: &mut LoadedModule,
) {
    let reference = ClientReference {
        reference_id: file.to_string(),
        ssr_id: module_id(context.root, Layer::Ssr, path),
        client_id: module_id(context.root, Layer::Client, path),
    };
    let proxy = format!(
        "module.exports = require('react-server-dom-webpack/server').createClientModuleProxy({});",
        serde_json::to_string(file).expect("a string always serialises")
    );
    // The server renders it to HTML; the browser runs it.
    for (layer, id) in [
        (Layer::Ssr, &reference.ssr_id),
        (Layer::Client, &reference.client_id),
    ] {
        loaded
            .same_file_in
            .push((layer, path.to_path_buf(), id.clone()));
    }
    loaded.client_reference = Some(reference);
    // The proxy has no directive, so this does not come back here.
    load_script(Layer::Rsc, path, file, &proxy, context, loaded);
}

/// Each export of a `"use server"` module with its action id.
fn actions_of(salt: &str, file: &str, parsed: &ParsedModule) -> Vec<(String, String)> {
    parsed
        .export_names()
        .into_iter()
        .map(|name| {
            let id = action_id(salt, file, &name);
            (name, id)
        })
        .collect()
}

pub(crate) fn resolved_id(root: &Path, layer: Layer, resolved: &Resolved) -> String {
    match resolved {
        Resolved::File(path) => module_id(root, layer, path),
        Resolved::External(name) => name.clone(),
        Resolved::RuntimeHelper(id) => id.clone(),
        Resolved::Empty => EMPTY_MODULE_ID.to_string(),
        Resolved::RscManifests => RSC_MANIFESTS.to_string(),
    }
}

/// The id of the module that stands for `false` in a `browser` field.
pub const EMPTY_MODULE_ID: &str = "vnext:empty";
