//! Leaves out what barrels re-export that nobody uses. A barrel (a module that only
//! re-exports) is rewritten to re-export just the names its importers take, and a
//! module it no longer reaches is dropped when its package says it has no side effects
//! and nothing else imports it: `import { Camera } from 'lucide-react'` ships one icon,
//! not the whole set.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use vnext_transform::{
    DependencyKind, EmittedModule, ImportedNames, Reexport, import_marker, is_markable,
};

use crate::chunk_writer::js_string;
use crate::module_graph::{ModuleBody, ModuleGraph};
use crate::module_ids::dependency_marker;

/// The names of a module that something uses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Used {
    all: bool,
    names: HashSet<String>,
}

impl Used {
    /// Adds `taken`; true when that changed anything.
    fn add(&mut self, taken: &ImportedNames) -> bool {
        match taken {
            ImportedNames::All => !std::mem::replace(&mut self.all, true),
            ImportedNames::Names(names) => {
                let before = self.names.len();
                self.names.extend(names.iter().cloned());
                !self.all && self.names.len() != before
            }
        }
    }

    fn has(&self, name: &str) -> bool {
        self.all || self.names.contains(name)
    }
}

pub fn drop_unused_reexports(graph: &mut ModuleGraph) {
    if !graph.modules().any(|module| module.barrel.is_some()) {
        return;
    }
    let used = used_names(graph);
    // Targets the graph never loaded were left out for having no side effects.
    let may_have_side_effects: HashSet<String> = graph
        .modules()
        .filter(|module| !module.side_effect_free)
        .map(|module| module.id.clone())
        .collect();
    // The barrels that re-export something unused; one whose re-exports are all used
    // stays as it was compiled.
    let cut: Vec<(String, Vec<(String, Reexport)>)> = graph
        .modules()
        .filter_map(|module| {
            let reexports = module.barrel.as_ref()?;
            let live = live_reexports(reexports, used.get(&module.id));
            (live.len() != reexports.len()).then(|| (module.id.clone(), live))
        })
        .collect();
    let mut dropped_targets = Vec::new();
    for (id, live) in cut {
        let module = graph.module_mut(&id).expect("the id is the graph's");
        let reexports = module.barrel.as_ref().expect("it is a barrel");
        // A target still runs, in its place, when something uses it or it may have
        // side effects.
        let mut required: Vec<String> = Vec::new();
        for (target, _) in reexports {
            let is_live = live.iter().any(|(id, _)| id == target);
            if required.contains(target) {
                continue;
            }
            if is_live || may_have_side_effects.contains(target) {
                required.push(target.clone());
            } else {
                dropped_targets.push(target.clone());
            }
        }
        module.body = ModuleBody::Code(Arc::new(EmittedModule {
            code: barrel_code(&required, &live),
            mappings: Vec::new(),
        }));
        module.marked_exports = None;
        module.import_slots = (0..required.len()).map(Some).collect();
        module.read_whole = live
            .iter()
            .filter(|(_, reexport)| matches!(reexport, Reexport::Namespace { .. }))
            .map(|(target, _)| target.clone())
            .collect();
        module.dependencies = required
            .into_iter()
            .map(|target| (target, DependencyKind::Static))
            .collect();
    }
    drop_unreached(graph, dropped_targets);
}

/// The re-exports of a barrel that something uses, given what is `used` of it.
pub(crate) fn live_reexports(
    reexports: &[(String, Reexport)],
    used: Option<&Used>,
) -> Vec<(String, Reexport)> {
    let none = Used::default();
    let used = used.unwrap_or(&none);
    let provided = provided_names(reexports);
    reexports
        .iter()
        .filter(|(_, reexport)| match reexport {
            Reexport::Named { exported, .. } | Reexport::Namespace { exported } => {
                used.has(exported)
            }
            Reexport::Star => {
                used.all
                    || used
                        .names
                        .iter()
                        .any(|name| !provided.contains(name.as_str()))
            }
        })
        .cloned()
        .collect()
}

/// What each module's importers take from it, followed through barrels.
pub(crate) fn used_names(graph: &ModuleGraph) -> HashMap<String, Used> {
    let mut used: HashMap<String, Used> = HashMap::new();
    let mut changed_barrels = Vec::new();
    // Records what `target` gives; a barrel whose use grew is looked at again.
    let take = |used: &mut HashMap<String, Used>,
                target: &str,
                taken: &ImportedNames,
                changed_barrels: &mut Vec<String>| {
        let is_barrel = graph
            .module(target)
            .is_some_and(|module| module.barrel.is_some());
        if used.entry(target.to_string()).or_default().add(taken) && is_barrel {
            changed_barrels.push(target.to_string());
        }
    };
    // Modules something outside the graph's edges loads are taken whole: entries and
    // React's client and server references.
    for root in roots(graph) {
        take(&mut used, &root, &ImportedNames::All, &mut changed_barrels);
    }
    for module in graph.modules().filter(|module| module.barrel.is_none()) {
        for (target, kind) in &module.dependencies {
            // Two specifiers may name one module.
            let mut imported = module
                .imported_names
                .iter()
                .filter(|(id, _)| id == target)
                .peekable();
            if *kind != DependencyKind::Static || imported.peek().is_none() {
                take(&mut used, target, &ImportedNames::All, &mut changed_barrels);
            }
            for (_, names) in imported {
                take(&mut used, target, names, &mut changed_barrels);
            }
        }
    }
    while let Some(barrel) = changed_barrels.pop() {
        let Some(reexports) = graph
            .module(&barrel)
            .and_then(|module| module.barrel.as_ref())
        else {
            continue;
        };
        let through = used.get(&barrel).cloned().unwrap_or_default();
        let provided = provided_names(reexports);
        for (target, reexport) in reexports {
            let taken = match reexport {
                Reexport::Named { imported, exported } if through.has(exported) => {
                    ImportedNames::Names(vec![imported.clone()])
                }
                Reexport::Namespace { exported } if through.has(exported) => ImportedNames::All,
                Reexport::Star if through.all => ImportedNames::All,
                Reexport::Star => ImportedNames::Names(
                    through
                        .names
                        .iter()
                        .filter(|name| !provided.contains(name.as_str()))
                        .cloned()
                        .collect(),
                ),
                _ => continue,
            };
            take(&mut used, target, &taken, &mut changed_barrels);
        }
    }
    used
}

/// What a barrel's named re-exports provide (`export *` gives the rest).
fn provided_names(reexports: &[(String, Reexport)]) -> HashSet<&str> {
    reexports
        .iter()
        .filter_map(|(_, reexport)| match reexport {
            Reexport::Named { exported, .. } | Reexport::Namespace { exported } => {
                Some(exported.as_str())
            }
            Reexport::Star => None,
        })
        .collect()
}

/// Modules loaded by something besides the graph's edges: entries, and the modules of
/// React's client and server references.
pub(crate) fn roots(graph: &ModuleGraph) -> Vec<String> {
    graph
        .entry_ids
        .iter()
        .chain(
            graph
                .client_references
                .iter()
                .flat_map(|r| [&r.ssr_id, &r.client_id]),
        )
        .chain(graph.server_references.iter().map(|r| &r.module_id))
        .cloned()
        .collect()
}

/// The CommonJS of a barrel that runs `required` in order and re-exports `live`.
fn barrel_code(required: &[String], live: &[(String, Reexport)]) -> String {
    let mut code =
        String::from("Object.defineProperty(exports, \"__esModule\", { value: true });\n");
    // `required` becomes the module's dependencies, in this order.
    for local in 0..required.len() {
        code.push_str(&format!(
            "const _{local} = require(\"{}\");\n",
            dependency_marker(local)
        ));
    }
    let local_of = |target: &String| {
        required
            .iter()
            .position(|id| id == target)
            .expect("a live re-export's target is required")
    };
    for (target, reexport) in live {
        let local = local_of(target);
        // As swc's own interop: a CommonJS target's `module.exports` is its default.
        let namespace =
            format!("require(\"@swc/helpers/_/_interop_require_wildcard\")._(_{local})");
        let (name, value) = match reexport {
            Reexport::Named { imported, exported } if is_markable(imported) => (
                exported,
                format!("{namespace}.{}", import_marker(local, imported)),
            ),
            Reexport::Named { imported, exported } => {
                (exported, format!("{namespace}[{}]", js_string(imported)))
            }
            Reexport::Namespace { exported } => (exported, namespace),
            Reexport::Star => {
                code.push_str(&format!(
                    "require(\"@swc/helpers/_/_export_star\")._(_{local}, exports);\n"
                ));
                continue;
            }
        };
        code.push_str(&format!(
            "Object.defineProperty(exports, {}, {{ enumerable: true, get: function () {{ return {value}; }} }});\n",
            js_string(name)
        ));
    }
    code
}

/// Drops each module in `candidates` (and, in turn, what only it imported) that no
/// module left in the graph imports, is no root, and whose package says it has no side
/// effects.
fn drop_unreached(graph: &mut ModuleGraph, mut candidates: Vec<String>) {
    let mut importers: HashMap<String, usize> = HashMap::new();
    for module in graph.modules() {
        for (target, _) in &module.dependencies {
            *importers.entry(target.clone()).or_default() += 1;
        }
    }
    let roots: HashSet<String> = roots(graph).into_iter().collect();
    let mut dropped = HashSet::new();
    while let Some(id) = candidates.pop() {
        let removable = importers.get(&id).copied().unwrap_or(0) == 0
            && !roots.contains(&id)
            && !dropped.contains(&id)
            && graph
                .module(&id)
                .is_some_and(|module| module.side_effect_free);
        if !removable {
            continue;
        }
        dropped.insert(id.clone());
        for (target, _) in &graph.module(&id).expect("checked above").dependencies {
            if let Some(count) = importers.get_mut(target) {
                *count -= 1;
            }
            candidates.push(target.clone());
        }
    }
    graph.remove(&dropped);
}
