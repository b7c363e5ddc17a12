//! Discovers every module the entries reach, in parallel waves: each wave reads,
//! transforms and resolves its modules on rayon's pool, and the files they import that
//! nobody has claimed yet form the next wave.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use vnext_css::CssOptions;
use vnext_diagnostics::{Diagnostic, Mapping};
use vnext_transform::{DependencyKind, EmittedModule, ImportedNames, Reexport, TransformOptions};

use crate::asset::Asset;
use crate::bundler::StylesheetPreprocessor;
use crate::layer::Layer;
use crate::module_cache::ModuleCache;
use crate::module_loader::{LoadedModule, load_module, resolved_id};
use crate::module_resolver::{ModuleResolver, RSC_MANIFESTS, Resolved};
use crate::side_effects::PackageSideEffects;
use crate::unused_reexports::{live_reexports, used_names};

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
    pub original_source: Option<Arc<str>>,
    /// A stylesheet's compiled CSS, which the chunk holding the module ships.
    pub css: Option<ModuleCss>,
    /// What it takes from the modules it imports with ESM syntax, by id; a dependency
    /// not listed is taken whole.
    pub imported_names: Vec<(String, ImportedNames)>,
    /// A barrel's re-exports, by target id.
    pub barrel: Option<Vec<(String, Reexport)>>,
    /// Its export names, in order, when its code writes them as export markers (see
    /// `module_ids.rs`).
    pub marked_exports: Option<Vec<String>>,
    /// For each slot its import markers name, the index of that dependency.
    pub import_slots: Vec<Option<usize>>,
    /// Ids of the ES module's static dependencies that it reads otherwise than by
    /// name or `export *`, so that their export names must stay.
    pub read_whole: Vec<String>,
    /// Its package says it has no side effects.
    pub side_effect_free: bool,
    /// It awaits at its top level, or imports a module that does: it runs as an async
    /// function, once what it imports has finished.
    pub is_async: bool,
}

/// A stylesheet's compiled CSS.
#[derive(Debug, Clone)]
pub struct ModuleCss {
    pub code: String,
    /// Where its pieces came from, when source maps are on.
    pub mappings: Vec<Mapping>,
    /// The CSS lightningcss compiled (a preprocessor's output for Sass), for the source
    /// map's `sourcesContent`; only when source maps are on.
    pub source: Option<String>,
}

#[derive(Debug, Clone)]
pub enum ModuleBody {
    /// The factory's code, with its mappings when source maps are on; shared, as the
    /// module cache keeps the same module for the next build.
    Code(Arc<EmittedModule>),
    /// An import the output keeps (`node:fs`).
    External(String),
    /// A WebAssembly module, imported by the output as its file (a path from the
    /// output folder) so that the runtime hands over a compiled `WebAssembly.Module`:
    /// Workers may not compile WebAssembly at run time.
    Wasm(String),
    /// `vnext:rsc-manifests`, written from [`ModuleGraph::client_references`].
    RscManifests,
    /// The URL of the chunk a Web Worker starts from: the chunk of the module's one
    /// dependency, of kind [`DependencyKind::Worker`].
    WorkerUrl,
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
    modules: Vec<Arc<Module>>,
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
    /// A module is shared with the `Bundler`'s cache, which keeps it as loaded: changing
    /// it here (see [`Self::module_mut`]) copies it first.
    fn insert(&mut self, module: Arc<Module>) {
        self.index.insert(module.id.clone(), self.modules.len());
        self.modules.push(module);
    }

    /// In discovery order, entries first.
    pub fn modules(&self) -> impl Iterator<Item = &Module> {
        self.modules.iter().map(|module| &**module)
    }

    pub(crate) fn module_mut(&mut self, id: &str) -> Option<&mut Module> {
        self.index
            .get(id)
            .map(|&position| Arc::make_mut(&mut self.modules[position]))
    }

    /// Takes the modules `ids` out of the graph.
    pub(crate) fn remove(&mut self, ids: &HashSet<String>) {
        if ids.is_empty() {
            return;
        }
        self.modules.retain(|module| !ids.contains(&module.id));
        self.index = self
            .modules
            .iter()
            .enumerate()
            .map(|(position, module)| (module.id.clone(), position))
            .collect();
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.index.get(id).map(|&position| &*self.modules[position])
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
    pub side_effects: &'a PackageSideEffects,
    pub stylesheet_preprocessor: Option<&'a dyn StylesheetPreprocessor>,
    pub stylesheet: CssOptions,
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
    // What barrels without side effects re-export is loaded only once something is
    // found to use it (see `unused_reexports.rs`): target id → where, and the barrel.
    let mut parked: HashMap<String, (Layer, PathBuf, String)> = HashMap::new();

    loop {
        if wave.is_empty() {
            wave = unpark(&graph, &mut parked, &mut claimed, &mut first_importer);
            if wave.is_empty() {
                break;
            }
        }
        let loaded: Vec<LoadedModule> = wave
            .par_iter()
            .map(|(layer, path)| load_module(*layer, path, context))
            .collect();
        let mut next = Vec::new();
        for module in loaded {
            let parks_targets = module.module.barrel.is_some() && module.module.side_effect_free;
            for resolution in &module.resolutions {
                let (layer, Ok(resolved)) = (resolution.layer, &resolution.result) else {
                    continue;
                };
                match resolved {
                    Resolved::File(path)
                        if parks_targets
                            && !claimed.contains(&(layer, path.clone()))
                            && context.side_effects.is_free(path) =>
                    {
                        let id = resolved_id(context.root, layer, resolved);
                        parked
                            .entry(id)
                            .or_insert_with(|| (layer, path.clone(), module.module.id.clone()));
                    }
                    Resolved::File(path) if claimed.insert((layer, path.clone())) => {
                        let id = resolved_id(context.root, layer, resolved);
                        first_importer.insert(id, module.module.id.clone());
                        next.push((layer, path.clone()));
                    }
                    Resolved::External(name) if !graph.index.contains_key(name) => {
                        graph.insert(Arc::new(Module::new(
                            name.clone(),
                            ModuleBody::External(name.clone()),
                        )));
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
            for url_module in module.worker_urls {
                if !graph.index.contains_key(&url_module.id) {
                    graph.insert(Arc::new(url_module));
                }
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
        graph.insert(Arc::new(manifests));
    }
    graph
}

/// The parked targets that a barrel's importers now use, claimed for the next wave.
fn unpark(
    graph: &ModuleGraph,
    parked: &mut HashMap<String, (Layer, PathBuf, String)>,
    claimed: &mut HashSet<(Layer, PathBuf)>,
    first_importer: &mut HashMap<String, String>,
) -> Vec<(Layer, PathBuf)> {
    if parked.is_empty() {
        return Vec::new();
    }
    let used = used_names(graph);
    let mut wave = Vec::new();
    for module in graph.modules() {
        let Some(reexports) = &module.barrel else {
            continue;
        };
        for (target, _) in live_reexports(reexports, used.get(&module.id)) {
            if let Some((layer, path, barrel)) = parked.remove(&target)
                && claimed.insert((layer, path.clone()))
            {
                first_importer.insert(target, barrel);
                wave.push((layer, path));
            }
        }
    }
    wave
}

impl Module {
    pub(crate) fn new(id: String, body: ModuleBody) -> Self {
        Self {
            id,
            body,
            dependencies: Vec::new(),
            exports: Vec::new(),
            star_exports: Vec::new(),
            is_esm: false,
            original_source: None,
            css: None,
            imported_names: Vec::new(),
            barrel: None,
            marked_exports: None,
            import_slots: Vec::new(),
            read_whole: Vec::new(),
            side_effect_free: false,
            is_async: false,
        }
    }
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

/// A file's id in `layer`: the layer's prefix, then its path from the project root
/// with `/` separators.
pub(crate) fn module_id(root: &Path, layer: Layer, path: &Path) -> String {
    // Text, not `Path::strip_prefix`, which walks both paths component by component:
    // an id is made for every import, some on the graph's one thread.
    const SEPARATORS: [char; 2] = ['/', '\\'];
    let (path, root) = (path.to_string_lossy(), root.to_string_lossy());
    let relative = path
        .strip_prefix(&*root)
        .and_then(|rest| {
            if root.ends_with(SEPARATORS) {
                Some(rest)
            } else {
                rest.strip_prefix(SEPARATORS)
            }
        })
        .unwrap_or(&path);
    format!("{}{}", layer.id_prefix(), relative.replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_paths_from_the_root() {
        let id =
            |root: &str, path: &str| module_id(Path::new(root), Layer::Default, Path::new(path));
        assert_eq!(id("/app", "/app/src/page.tsx"), "src/page.tsx");
        assert_eq!(id("/", "/src/page.tsx"), "src/page.tsx");
        // A folder whose name only starts with the root's is outside it.
        assert_eq!(id("/app", "/application/page.tsx"), "/application/page.tsx");
        assert_eq!(
            module_id(Path::new("/app"), Layer::Rsc, Path::new("/app/page.tsx")),
            format!("{}page.tsx", Layer::Rsc.id_prefix())
        );
    }
}
