//! Top-level await: a module that awaits at its top level is async, and so is every
//! module that imports it statically, up to the entries, as in ES modules. The chunk
//! writer runs an async module's factory as an async function that first waits for
//! what it imports (see the registry's `ready`).

use std::collections::HashMap;

use vnext_transform::DependencyKind;

use crate::module_graph::ModuleGraph;

pub fn mark_async_importers(graph: &mut ModuleGraph) {
    let mut pending: Vec<String> = graph
        .modules()
        .filter(|module| module.is_async)
        .map(|module| module.id.clone())
        .collect();
    if pending.is_empty() {
        return;
    }
    let mut importers_of: HashMap<String, Vec<String>> = HashMap::new();
    for module in graph.modules() {
        for (target, kind) in &module.dependencies {
            if *kind == DependencyKind::Static {
                importers_of
                    .entry(target.clone())
                    .or_default()
                    .push(module.id.clone());
            }
        }
    }
    while let Some(id) = pending.pop() {
        for importer in importers_of.remove(&id).unwrap_or_default() {
            if let Some(module) = graph.module_mut(&importer)
                && !module.is_async
            {
                module.is_async = true;
                pending.push(importer);
            }
        }
    }
}

/// What an async module waits for before its body runs: what it imports, in order.
pub fn awaited_imports(graph: &ModuleGraph, id: &str) -> Vec<String> {
    let Some(module) = graph.module(id) else {
        return Vec::new();
    };
    let imported = module.imported_names.iter().map(|(target, _)| target);
    let barrel = module.barrel.iter().flatten().map(|(target, _)| target);
    let mut awaited: Vec<String> = Vec::new();
    for target in imported.chain(barrel) {
        let still_imported = module.dependencies.iter().any(|(known, _)| known == target);
        if still_imported && !awaited.contains(target) {
            awaited.push(target.clone());
        }
    }
    awaited
}
