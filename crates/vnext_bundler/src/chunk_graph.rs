//! Splits the module graph into chunks.
//!
//! Without splitting, each entry gets one chunk holding everything it reaches, dynamic
//! imports included. With splitting, every entry and every `import()` target is an
//! entry point, and modules statically reached from the same set of entry points share
//! a chunk: nothing is downloaded twice, and nothing before it is needed. Modules are
//! factories the registry runs on first `require`, so the order chunks load in never
//! matters; only an entry chunk runs code, after its imports have registered.

use std::collections::{HashMap, HashSet};

use vnext_transform::DependencyKind;

use crate::module_graph::ModuleGraph;

#[derive(Debug)]
pub enum ChunkKind {
    /// Named after the entry; runs the entry module when loaded.
    Entry { name: String, module_id: String },
    /// The registry every chunk registers its modules with (only when splitting).
    Runtime,
    /// Carries an `import()` target and what only it needs.
    Async { module_id: String },
    /// Modules several entry points need.
    Shared,
}

#[derive(Debug)]
pub struct Chunk {
    pub kind: ChunkKind,
    /// Module ids, in graph order.
    pub modules: Vec<String>,
    /// Chunks (by index) an entry chunk loads before it runs.
    pub imports: Vec<usize>,
    /// Each `import()` target this chunk's modules name, with the chunks that carry it.
    pub dynamic_imports: Vec<(String, Vec<usize>)>,
}

impl Chunk {
    fn new(kind: ChunkKind) -> Self {
        Self {
            kind,
            modules: Vec::new(),
            imports: Vec::new(),
            dynamic_imports: Vec::new(),
        }
    }
}

#[derive(Debug)]
pub struct ChunkGraph {
    pub chunks: Vec<Chunk>,
    /// The runtime chunk's index, when the registry lives in a file of its own.
    pub runtime: Option<usize>,
}

/// `entries` pairs each entry's output name with its module id.
pub fn split_chunks(
    graph: &ModuleGraph,
    entries: &[(String, String)],
    splitting: bool,
) -> ChunkGraph {
    if !splitting {
        let chunks = entries
            .iter()
            .map(|(name, module_id)| {
                let mut chunk = Chunk::new(ChunkKind::Entry {
                    name: name.clone(),
                    module_id: module_id.clone(),
                });
                chunk.modules = reachable(graph, module_id, |_| true);
                chunk
            })
            .collect();
        return ChunkGraph {
            chunks,
            runtime: None,
        };
    }

    let entry_points = entry_points(graph, entries);
    // For each module, the entry points that reach it, in ascending order.
    let mut reached_by: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, entry_point) in entry_points.iter().enumerate() {
        for id in reachable(graph, entry_point, |kind| kind == DependencyKind::Static) {
            reached_by.entry(id).or_default().push(index);
        }
    }

    let mut chunks = vec![Chunk::new(ChunkKind::Runtime)];
    let mut chunk_of_set: HashMap<Vec<usize>, usize> = HashMap::new();
    // Each entry has its chunk even when all it runs is shared, so its file exists.
    for (index, (name, module_id)) in entries.iter().enumerate() {
        chunk_of_set.entry(vec![index]).or_insert_with(|| {
            chunks.push(Chunk::new(ChunkKind::Entry {
                name: name.clone(),
                module_id: module_id.clone(),
            }));
            chunks.len() - 1
        });
    }
    for module in graph.modules() {
        let Some(set) = reached_by.get(&module.id) else {
            continue;
        };
        let index = *chunk_of_set.entry(set.clone()).or_insert_with(|| {
            let kind = match set.as_slice() {
                [only] => ChunkKind::Async {
                    module_id: entry_points[*only].clone(),
                },
                _ => ChunkKind::Shared,
            };
            chunks.push(Chunk::new(kind));
            chunks.len() - 1
        });
        chunks[index].modules.push(module.id.clone());
    }

    // The chunks that carry an entry point: every chunk whose set names it.
    let mut carriers: Vec<Vec<usize>> = vec![Vec::new(); entry_points.len()];
    let mut sets: Vec<(&Vec<usize>, usize)> =
        chunk_of_set.iter().map(|(set, &c)| (set, c)).collect();
    sets.sort_by_key(|&(_, chunk)| chunk);
    for (set, chunk) in sets {
        for &entry_point in set {
            carriers[entry_point].push(chunk);
        }
    }
    let entry_point_index: HashMap<&str, usize> = entry_points
        .iter()
        .enumerate()
        .map(|(index, id)| (id.as_str(), index))
        .collect();

    for (index, chunk) in chunks.iter_mut().enumerate() {
        if let ChunkKind::Entry { module_id, .. } = &chunk.kind {
            chunk.imports = carriers[entry_point_index[module_id.as_str()]]
                .iter()
                .copied()
                .filter(|&carrier| carrier != index)
                .collect();
        }
        let mut named = HashSet::new();
        for id in &chunk.modules {
            let Some(module) = graph.module(id) else {
                continue;
            };
            for (target, kind) in &module.dependencies {
                if *kind == DependencyKind::Dynamic && named.insert(target.clone()) {
                    let carried_by = carriers[entry_point_index[target.as_str()]].clone();
                    chunk.dynamic_imports.push((target.clone(), carried_by));
                }
            }
        }
    }
    ChunkGraph {
        chunks,
        runtime: Some(0),
    }
}

/// The entries, then every `import()` target anything reaches, each once.
fn entry_points(graph: &ModuleGraph, entries: &[(String, String)]) -> Vec<String> {
    let mut points: Vec<String> = Vec::new();
    for (_, module_id) in entries {
        if !points.contains(module_id) {
            points.push(module_id.clone());
        }
    }
    let mut seen: HashSet<String> = points.iter().cloned().collect();
    for entry in points.clone() {
        for id in reachable(graph, &entry, |_| true) {
            let Some(module) = graph.module(&id) else {
                continue;
            };
            for (target, kind) in &module.dependencies {
                if *kind == DependencyKind::Dynamic && seen.insert(target.clone()) {
                    points.push(target.clone());
                }
            }
        }
    }
    points
}

/// Every module `start` reaches through the edges `follow` accepts, `start` first, each
/// once, depth first in import order.
fn reachable(
    graph: &ModuleGraph,
    start: &str,
    follow: impl Fn(DependencyKind) -> bool,
) -> Vec<String> {
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![start.to_string()];
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(module) = graph.module(&id) {
            stack.extend(
                module
                    .dependencies
                    .iter()
                    .rev()
                    .filter(|(_, kind)| follow(*kind))
                    .map(|(dependency, _)| dependency.clone()),
            );
        }
        order.push(id);
    }
    order
}
