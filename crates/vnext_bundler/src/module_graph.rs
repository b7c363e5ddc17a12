//! Discovers every module the entries reach, in parallel waves: each wave reads,
//! transforms and resolves its modules on rayon's pool, and the files they import that
//! nobody has claimed yet form the next wave.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use vnext_diagnostics::Diagnostic;
use vnext_transform::{Dependency, DependencyKind, Directive, TransformOptions, transform_module};

use crate::module_resolver::{ModuleResolver, Resolved};

/// One module of the bundle.
#[derive(Debug)]
pub struct Module {
    pub id: String,
    pub body: ModuleBody,
    /// Ids of what it imports, with how.
    pub dependencies: Vec<(String, DependencyKind)>,
    pub directive: Option<Directive>,
    /// ESM export names (`default` included); empty for CommonJS.
    pub exports: Vec<String>,
    /// Ids of `export * from` targets.
    pub star_exports: Vec<String>,
    pub is_esm: bool,
}

#[derive(Debug)]
pub enum ModuleBody {
    /// The factory's code.
    Code(String),
    /// An import the output keeps (`node:fs`).
    External(String),
}

#[derive(Debug, Default)]
pub struct ModuleGraph {
    /// In discovery order; entries first.
    pub modules: Vec<Module>,
    pub entry_ids: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    index: HashMap<String, usize>,
}

impl ModuleGraph {
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
}

/// Builds the graph of `entries` (absolute paths).
pub fn build_graph(entries: &[PathBuf], context: &GraphContext) -> ModuleGraph {
    let mut graph = ModuleGraph::default();
    let mut first_importer: HashMap<String, String> = HashMap::new();
    let mut claimed: HashSet<PathBuf> = entries.iter().cloned().collect();
    let mut wave: Vec<PathBuf> = entries.to_vec();
    graph.entry_ids = entries
        .iter()
        .map(|entry| module_id(context.root, entry))
        .collect();

    while !wave.is_empty() {
        let loaded: Vec<LoadedModule> = wave
            .par_iter()
            .map(|path| load_module(path, context))
            .collect();
        let mut next = Vec::new();
        for module in loaded {
            for (id, resolved) in &module.resolved {
                match resolved {
                    Resolved::File(path) if claimed.insert(path.clone()) => {
                        first_importer.insert(id.clone(), module.module.id.clone());
                        next.push(path.clone());
                    }
                    Resolved::External(name) if !graph.index.contains_key(id) => {
                        graph.index.insert(id.clone(), graph.modules.len());
                        graph.modules.push(Module {
                            id: id.clone(),
                            body: ModuleBody::External(name.clone()),
                            dependencies: Vec::new(),
                            directive: None,
                            exports: Vec::new(),
                            star_exports: Vec::new(),
                            is_esm: false,
                        });
                    }
                    _ => {}
                }
            }
            for mut diagnostic in module.diagnostics {
                diagnostic.import_trace = import_trace(&module.module.id, &first_importer).into();
                graph.diagnostics.push(diagnostic);
            }
            graph
                .index
                .insert(module.module.id.clone(), graph.modules.len());
            graph.modules.push(module.module);
        }
        wave = next;
    }
    graph
}

struct LoadedModule {
    module: Module,
    /// Each dependency's id and what it resolved to.
    resolved: Vec<(String, Resolved)>,
    diagnostics: Vec<Diagnostic>,
}

fn load_module(path: &Path, context: &GraphContext) -> LoadedModule {
    let id = module_id(context.root, path);
    let mut loaded = LoadedModule {
        module: Module {
            id: id.clone(),
            body: ModuleBody::Code(String::new()),
            dependencies: Vec::new(),
            directive: None,
            exports: Vec::new(),
            star_exports: Vec::new(),
            is_esm: false,
        },
        resolved: Vec::new(),
        diagnostics: Vec::new(),
    };
    let source = match fs::read_to_string(path) {
        Ok(source) => source,
        Err(error) => {
            loaded.diagnostics.push(Diagnostic::error(
                "unreadable-module",
                format!("Can't read {id}: {error}"),
                vec![id],
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
                loaded.module.body =
                    ModuleBody::Code(format!("module.exports = {};", source.trim()))
            }
            Err(error) => loaded.diagnostics.push(Diagnostic::error(
                "invalid-json",
                format!("{id} is not valid JSON: {error}"),
                vec![id],
            )),
        },
        "js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx" => {
            load_script(path, &source, context, &mut loaded)
        }
        _ => loaded.diagnostics.push(Diagnostic::error(
            "unsupported-module-type",
            format!("vnext cannot bundle `.{extension}` files yet (imported as {id})"),
            vec![id],
        )),
    }
    loaded
}

fn load_script(path: &Path, source: &str, context: &GraphContext, loaded: &mut LoadedModule) {
    let id = loaded.module.id.clone();
    let transformed = match transform_module(&id, source, context.transform) {
        Ok(transformed) => transformed,
        Err(diagnostic) => {
            loaded.diagnostics.push(diagnostic);
            return;
        }
    };
    let mut ids: HashMap<(String, DependencyKind), String> = HashMap::new();
    for dependency in &transformed.dependencies {
        match context.resolver.resolve(path, &dependency.specifier) {
            Ok(resolved) => {
                let dependency_id = resolved_id(context.root, &resolved);
                ids.insert(
                    (dependency.specifier.clone(), dependency.kind),
                    dependency_id.clone(),
                );
                loaded
                    .module
                    .dependencies
                    .push((dependency_id.clone(), dependency.kind));
                loaded.resolved.push((dependency_id, resolved));
            }
            Err(message) => {
                loaded
                    .diagnostics
                    .push(unresolved(&id, source, &transformed, dependency, message))
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
    loaded.module.directive = transformed.directive;
    loaded.module.exports = transformed.exports.clone();
    loaded.module.is_esm = transformed.is_esm;
    loaded.module.body = ModuleBody::Code(
        transformed.emit(|specifier, kind| ids.get(&(specifier.to_string(), kind)).cloned()),
    );
}

fn unresolved(
    id: &str,
    source: &str,
    transformed: &vnext_transform::TransformedModule,
    dependency: &Dependency,
    message: String,
) -> Diagnostic {
    Diagnostic::error("module-not-found", message, vec![id.to_string()])
        .at(source, transformed.locate(id, dependency))
}

/// `id`, the module that first imported it, and so on up to an entry.
fn import_trace(id: &str, first_importer: &HashMap<String, String>) -> Vec<String> {
    let mut trace = vec![id.to_string()];
    while let Some(importer) = first_importer.get(trace.last().unwrap()) {
        trace.push(importer.clone());
    }
    trace
}

fn resolved_id(root: &Path, resolved: &Resolved) -> String {
    match resolved {
        Resolved::File(path) => module_id(root, path),
        Resolved::External(name) => name.clone(),
        Resolved::RuntimeHelper(id) => id.clone(),
        Resolved::Empty => EMPTY_MODULE_ID.to_string(),
    }
}

/// The id of the module that stands for `false` in a `browser` field.
pub const EMPTY_MODULE_ID: &str = "vnext:empty";

/// A file's id: its path from the project root with `/` separators.
fn module_id(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}
