//! Discovers every module the entries reach, in parallel waves: each wave reads,
//! transforms and resolves its modules on rayon's pool, and the files they import that
//! nobody has claimed yet form the next wave.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use vnext_css::{CssOptions, compile_stylesheet};
use vnext_diagnostics::{Diagnostic, Location};
use vnext_transform::{
    Dependency, DependencyKind, Directive, EmittedModule, ParsedModule, TransformOptions,
    parse_module, server_reference_stub,
};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use crate::asset::{Asset, is_asset};
use crate::bundler::StylesheetPreprocessor;
use crate::layer::Layer;
use crate::module_cache::{ModuleCache, Resolution};
use crate::module_resolver::{ModuleResolver, RSC_MANIFESTS, Resolved};

/// One module of the bundle.
#[derive(Debug, Clone)]
pub struct Module {
    pub id: String,
    pub body: ModuleBody,
    /// Ids of what it imports, with how.
    pub dependencies: Vec<(String, DependencyKind)>,
    /// ESM export names (`default` included); empty for CommonJS.
    pub exports: Vec<String>,
    /// Ids of `export * from` targets.
    pub star_exports: Vec<String>,
    pub is_esm: bool,
    /// The file's text, for source maps' `sourcesContent` (only when they are on).
    pub original_source: Option<String>,
    /// A stylesheet's compiled CSS, which the chunk holding the module ships.
    pub css: Option<String>,
}

#[derive(Debug, Clone)]
pub enum ModuleBody {
    /// The factory's code, with its mappings when source maps are on.
    Code(EmittedModule),
    /// An import the output keeps (`node:fs`).
    External(String),
    /// `vnext:rsc-manifests`, written from [`ModuleGraph::client_references`].
    RscManifests,
}

/// A `"use client"` module reached from the `rsc` layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientReference {
    /// The id the proxy gives React (`$$id`): the module's path from the root.
    pub reference_id: String,
    /// The module's id in the `ssr` layer, where the server render loads it.
    pub ssr_id: String,
    /// The module's id in the `client` layer, which the browser loads.
    pub client_id: String,
}

/// A `"use server"` module, bundled for real in the `rsc` layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerReference {
    /// The module's id in the `rsc` layer.
    pub module_id: String,
    /// `(export name, action id)` for each export.
    pub actions: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct ModuleGraph {
    /// In discovery order; entries first.
    modules: Vec<Module>,
    pub entry_ids: Vec<String>,
    /// Sorted by reference id.
    pub client_references: Vec<ClientReference>,
    /// Sorted by module id.
    pub server_references: Vec<ServerReference>,
    /// How many modules were taken from the cache of an earlier build.
    pub reused_modules: usize,
    /// Files shipped as they are, each once.
    pub assets: Vec<Asset>,
    pub diagnostics: Vec<Diagnostic>,
    index: HashMap<String, usize>,
}

impl ModuleGraph {
    fn insert(&mut self, module: Module) {
        self.index.insert(module.id.clone(), self.modules.len());
        self.modules.push(module);
    }

    /// In discovery order, entries first.
    pub fn modules(&self) -> impl Iterator<Item = &Module> {
        self.modules.iter()
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.index.get(id).map(|&position| &self.modules[position])
    }

    /// Every name `id` exports, following `export *` (which never re-exports `default`).
    pub fn export_names(&self, id: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut visited = HashSet::new();
        self.collect_export_names(id, true, &mut names, &mut visited);
        names
    }

    fn collect_export_names(
        &self,
        id: &str,
        with_default: bool,
        names: &mut Vec<String>,
        visited: &mut HashSet<String>,
    ) {
        let Some(module) = self.module(id) else {
            return;
        };
        if !visited.insert(id.to_string()) {
            return;
        }
        for name in &module.exports {
            if (with_default || name != "default") && !names.contains(name) {
                names.push(name.clone());
            }
        }
        for star in &module.star_exports {
            self.collect_export_names(star, false, names, visited);
        }
    }
}

/// What building a graph needs besides the entries.
pub struct GraphContext<'a> {
    pub root: &'a Path,
    pub resolver: &'a ModuleResolver,
    pub transform: &'a TransformOptions,
    /// The URL the output folder is served at, for assets' URLs.
    pub public_path: &'a str,
    pub cache: &'a ModuleCache,
    pub stylesheet_preprocessor: Option<&'a dyn StylesheetPreprocessor>,
}

/// Builds the graph of `entries`: absolute paths, each with the layer it starts in.
pub fn build_graph(entries: &[(Layer, PathBuf)], context: &GraphContext) -> ModuleGraph {
    let mut graph = ModuleGraph::default();
    let mut first_importer: HashMap<String, String> = HashMap::new();
    let mut wave: Vec<(Layer, PathBuf)> = entries.to_vec();
    let mut claimed: HashSet<(Layer, PathBuf)> = wave.iter().cloned().collect();
    graph.entry_ids = entries
        .iter()
        .map(|(layer, path)| module_id(context.root, *layer, path))
        .collect();
    let mut wants_manifests = false;

    while !wave.is_empty() {
        let loaded: Vec<LoadedModule> = wave
            .par_iter()
            .map(|(layer, path)| load_module(*layer, path, context))
            .collect();
        let mut next = Vec::new();
        for module in loaded {
            for (id, layer, resolved) in &module.resolved {
                match resolved {
                    Resolved::File(path) if claimed.insert((*layer, path.clone())) => {
                        first_importer.insert(id.clone(), module.module.id.clone());
                        next.push((*layer, path.clone()));
                    }
                    Resolved::External(name) if !graph.index.contains_key(id) => {
                        graph.insert(Module::new(id.clone(), ModuleBody::External(name.clone())));
                    }
                    Resolved::RscManifests => wants_manifests = true,
                    _ => {}
                }
            }
            for (layer, path, id) in &module.same_file_in {
                if claimed.insert((*layer, path.clone())) {
                    first_importer.insert(id.clone(), module.module.id.clone());
                    next.push((*layer, path.clone()));
                }
            }
            if let Some(reference) = &module.client_reference
                && !graph.client_references.contains(reference)
            {
                graph.client_references.push(reference.clone());
            }
            if let Some(reference) = module.server_reference {
                graph.server_references.push(reference);
            }
            for asset in module.assets {
                if !graph.assets.iter().any(|known| known.path == asset.path) {
                    graph.assets.push(asset);
                }
            }
            graph.reused_modules += usize::from(module.reused);
            for mut diagnostic in module.diagnostics {
                // A client component is in the `ssr` and `client` layers: say it once.
                if graph
                    .diagnostics
                    .iter()
                    .any(|earlier| earlier.same_problem(&diagnostic))
                {
                    continue;
                }
                diagnostic.import_trace = import_trace(&module.module.id, &first_importer).into();
                graph.diagnostics.push(diagnostic);
            }
            graph.insert(module.module);
        }
        wave = next;
    }

    if wants_manifests {
        graph
            .client_references
            .sort_by(|a, b| a.reference_id.cmp(&b.reference_id));
        graph
            .server_references
            .sort_by(|a, b| a.module_id.cmp(&b.module_id));
        let mut manifests = Module::new(RSC_MANIFESTS.to_string(), ModuleBody::RscManifests);
        // The server loads these by id (client components to render them to HTML,
        // actions to run them), so they belong in its chunks.
        let client_modules = graph.client_references.iter().map(|r| &r.ssr_id);
        let action_modules = graph.server_references.iter().map(|r| &r.module_id);
        manifests.dependencies = client_modules
            .chain(action_modules)
            .map(|id| (id.clone(), DependencyKind::Static))
            .collect();
        graph.insert(manifests);
    }
    graph
}

impl Module {
    fn new(id: String, body: ModuleBody) -> Self {
        Self {
            id,
            body,
            dependencies: Vec::new(),
            exports: Vec::new(),
            star_exports: Vec::new(),
            is_esm: false,
            original_source: None,
            css: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct LoadedModule {
    module: Module,
    /// Every resolution its loading made, to tell whether it can be reused.
    pub resolutions: Vec<Resolution>,
    /// Taken from the cache of an earlier build.
    reused: bool,
    /// Each dependency's id, layer and what it resolved to.
    resolved: Vec<(String, Layer, Resolved)>,
    /// The same file in other layers, which this module brings into the graph, with
    /// its id there.
    same_file_in: Vec<(Layer, PathBuf, String)>,
    /// Set when an `rsc` module turned out to be `"use client"`.
    client_reference: Option<ClientReference>,
    /// Set when an `rsc` module turned out to be `"use server"`.
    server_reference: Option<ServerReference>,
    /// Files it ships as they are.
    assets: Vec<Asset>,
    diagnostics: Vec<Diagnostic>,
}

fn load_module(layer: Layer, path: &Path, context: &GraphContext) -> LoadedModule {
    let id = module_id(context.root, layer, path);
    // Messages name the file; the layer shows in the import trace.
    let file = module_id(context.root, Layer::Default, path);
    let mut loaded = LoadedModule {
        module: Module::new(id, ModuleBody::Code(EmittedModule::default())),
        resolved: Vec::new(),
        same_file_in: Vec::new(),
        resolutions: Vec::new(),
        reused: false,
        client_reference: None,
        server_reference: None,
        assets: Vec::new(),
        diagnostics: Vec::new(),
    };
    if is_asset(path) {
        load_asset(path, &file, context, &mut loaded);
        return loaded;
    }
    let source = match fs::read_to_string(path) {
        Ok(source) => source,
        Err(error) => {
            loaded.diagnostics.push(Diagnostic::error(
                "unreadable-module",
                format!("Can't read {file}: {error}"),
                vec![file],
            ));
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
                loaded.module.body = ModuleBody::Code(EmittedModule {
                    code: format!("module.exports = {};", source.trim()),
                    mappings: Vec::new(),
                })
            }
            Err(error) => loaded.diagnostics.push(Diagnostic::error(
                "invalid-json",
                format!("{file} is not valid JSON: {error}"),
                vec![file],
            )),
        },
        "js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx" => {
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
        "css" | "scss" | "sass" => {
            load_stylesheet(layer, path, &file, &source, context, &mut loaded)
        }
        _ => loaded.diagnostics.push(Diagnostic::error(
            "unsupported-module-type",
            format!("vnext cannot bundle `.{extension}` files yet ({file})"),
            vec![file],
        )),
    }
    loaded
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
            let actions = actions_of(file, &parsed);
            parsed.register_server_references(&actions);
            loaded.server_reference = Some(ServerReference {
                module_id: loaded.module.id.clone(),
                actions,
            });
        }
        (Layer::Ssr | Layer::Client, Some(Directive::UseServer)) => {
            // The actions run on the server: the real module joins the `rsc` layer.
            let actions = actions_of(file, &parsed);
            let rsc_id = module_id(context.root, Layer::Rsc, path);
            loaded
                .same_file_in
                .push((Layer::Rsc, path.to_path_buf(), rsc_id));
            let stub = server_reference_stub(&actions);
            // The stub has no directive, so this does not come back here.
            return load_script(layer, path, file, &stub, context, loaded);
        }
        _ => {}
    }
    let transformed = parsed.transform(context.transform);
    let at_dependency = |code, message: String, dependency: &Dependency| {
        let diagnostic = Diagnostic::error(code, message, vec![file.to_string()]);
        match transformed.locate(file, dependency) {
            Some(location) => diagnostic.at(source, location),
            None => diagnostic,
        }
    };
    let mut ids: HashMap<(String, DependencyKind), String> = HashMap::new();
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
        let result = context
            .resolver
            .resolve(path, &dependency.specifier, target_layer);
        loaded.resolutions.push(Resolution {
            specifier: dependency.specifier.clone(),
            layer: target_layer,
            result: result.clone(),
        });
        match result {
            Ok(resolved) => {
                let dependency_id = resolved_id(context.root, target_layer, &resolved);
                ids.insert(
                    (dependency.specifier.clone(), dependency.kind),
                    dependency_id.clone(),
                );
                loaded
                    .module
                    .dependencies
                    .push((dependency_id.clone(), dependency.kind));
                loaded
                    .resolved
                    .push((dependency_id, target_layer, resolved));
            }
            Err(message) => {
                loaded
                    .diagnostics
                    .push(at_dependency("module-not-found", message, dependency))
            }
        }
    }
    loaded.module.star_exports = transformed
        .star_exports
        .iter()
        .filter_map(|specifier| {
            ids.get(&(specifier.clone(), DependencyKind::Static))
                .cloned()
        })
        .collect();
    loaded.module.exports = transformed.exports.clone();
    loaded.module.is_esm = transformed.is_esm;
    loaded.module.body = ModuleBody::Code(
        transformed.emit(|specifier, kind| ids.get(&(specifier.to_string(), kind)).cloned()),
    );
    if context.transform.source_map {
        loaded.module.original_source = Some(source.to_string());
    }
}

/// Next's message for a Sass file in an app without `sass`.
const SASS_MISSING: &str = "To use Next.js' built-in Sass support, you first need to install `sass`.\nRun `npm i sass` or `yarn add sass` inside your workspace.\n\nLearn more: https://nextjs.org/docs/messages/install-sass";

/// A stylesheet (`.css`, or Sass once the preprocessor has made it CSS): compiled by lightningcss, its CSS kept on the module, and in the graph
/// as the JavaScript that stands for it (its `@import`s, a CSS module's class names).
/// The `ssr` copy of a stylesheet ships no CSS: its `client` copy does.
fn load_stylesheet(
    layer: Layer,
    path: &Path,
    file: &str,
    source: &str,
    context: &GraphContext,
    loaded: &mut LoadedModule,
) {
    let options = CssOptions {
        minify: context.transform.minify,
    };
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
    let compiled = match compile_stylesheet(file, source, options) {
        Ok(compiled) => compiled,
        Err(diagnostic) => return loaded.diagnostics.push(diagnostic),
    };
    let mut code = compiled.code;
    for url in &compiled.urls {
        let target = match local_file(&url.url) {
            Some(relative) => {
                let folder = path.parent().unwrap_or(Path::new(""));
                match Asset::read(&folder.join(relative)) {
                    Ok(asset) => {
                        let suffix = &url.url[relative.len()..];
                        let target = format!("{}{suffix}", asset.url(context.public_path));
                        loaded.assets.push(asset);
                        target
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
                        continue;
                    }
                }
            }
            None => url.url.clone(),
        };
        code = code.replace(&url.placeholder, &target);
    }
    if layer != Layer::Ssr {
        loaded.module.css = Some(code);
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
            loaded.module.body = ModuleBody::Code(EmittedModule {
                code: format!("module.exports = {url};\n"),
                mappings: Vec::new(),
            });
            loaded.assets.push(asset);
        }
        Err(error) => loaded.diagnostics.push(Diagnostic::error(
            "unreadable-module",
            format!("Can't read {file}: {error}"),
            vec![file.to_string()],
        )),
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

/// Each export of a `"use server"` module with its action id: a hash of the file and
/// the name, so the id says nothing of either.
fn actions_of(file: &str, parsed: &ParsedModule) -> Vec<(String, String)> {
    parsed
        .export_names()
        .into_iter()
        .map(|name| {
            let id = format!("{:032x}", xxh3_128(format!("{file}#{name}").as_bytes()));
            (name, id)
        })
        .collect()
}

/// `id`, the module that first imported it, and so on up to an entry, each as its
/// file and layer.
fn import_trace(id: &str, first_importer: &HashMap<String, String>) -> Vec<String> {
    let mut ids = vec![id];
    while let Some(importer) = first_importer.get(*ids.last().unwrap()) {
        ids.push(importer);
    }
    ids.into_iter().map(Layer::describe_id).collect()
}

fn resolved_id(root: &Path, layer: Layer, resolved: &Resolved) -> String {
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

/// A file's id in `layer`: the layer's prefix, then its path from the project root
/// with `/` separators.
fn module_id(root: &Path, layer: Layer, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    format!(
        "{}{}",
        layer.id_prefix(),
        relative.to_string_lossy().replace('\\', "/")
    )
}
