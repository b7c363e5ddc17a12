//! Splits the module graph into chunks, for the server and for the browser.
//!
//! Without splitting, each entry gets one chunk holding everything it reaches, dynamic
//! imports included. With splitting, every entry and every `import()` target is an
//! entry point, and modules statically reached from the same set of entry points share
//! a chunk: nothing is downloaded twice, and nothing before it is needed. Modules are
//! factories the registry runs on first `require`, so the order chunks load in never
//! matters; only an entry chunk runs code, after its imports have registered.
//!
//! A Web Worker's script starts a chunk of its own, holding everything it reaches and
//! the registry: a worker is a realm of its own, and its chunk loads as a classic
//! script as well as a module.

use std::collections::{HashMap, HashSet};

use vnext_transform::DependencyKind;

use crate::layer::Layer;
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
    /// Starts a Web Worker: runs the module when loaded.
    Worker { module_id: String },
}

/// Where a chunk runs. Server chunks are written at the top of the output folder;
/// browser chunks (the `client` layer) under `client/`, with a registry of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Server,
    Browser,
}

impl Side {
    /// Where modules of `layer` run.
    pub fn of(layer: Layer) -> Self {
        match layer {
            Layer::Client => Self::Browser,
            _ => Self::Server,
        }
    }

    /// The folder its files go in, relative to the output folder.
    pub fn folder(self) -> &'static str {
        match self {
            Self::Server => "",
            Self::Browser => "client/",
        }
    }
}

#[derive(Debug)]
pub struct Chunk {
    pub kind: ChunkKind,
    pub side: Side,
    /// Module ids, in graph order.
    pub modules: Vec<String>,
    /// Chunks (by index) an entry chunk loads before it runs.
    pub imports: Vec<usize>,
    /// Each `import()` target this chunk's modules name, with the chunks that carry it.
    pub dynamic_imports: Vec<(String, Vec<usize>)>,
    /// The chunks of the Web Workers its modules start, whose file names it holds.
    pub workers: Vec<usize>,
}

impl Chunk {
    /// What its file names start with: the entry's name, `runtime`, `chunk` for shared
    /// code, or the file an `import()` loads.
    pub fn stem(&self) -> String {
        match &self.kind {
            ChunkKind::Entry { name, .. } => name.strip_suffix(".js").unwrap_or(name).to_string(),
            ChunkKind::Runtime => "runtime".to_string(),
            ChunkKind::Shared => "chunk".to_string(),
            ChunkKind::Async { module_id } | ChunkKind::Worker { module_id } => {
                std::path::Path::new(module_id).file_stem().map_or_else(
                    || "chunk".to_string(),
                    |stem| stem.to_string_lossy().into_owned(),
                )
            }
        }
    }

    fn new(kind: ChunkKind, side: Side) -> Self {
        Self {
            kind,
            side,
            modules: Vec::new(),
            imports: Vec::new(),
            dynamic_imports: Vec::new(),
            workers: Vec::new(),
        }
    }
}

#[derive(Debug, Default)]
pub struct ChunkGraph {
    pub chunks: Vec<Chunk>,
    /// For each client reference (by its `client` layer id), the browser chunks that
    /// carry it: what React's client manifest lists for the browser to load.
    pub client_reference_chunks: HashMap<String, Vec<usize>>,
}

impl ChunkGraph {
    /// The chunk holding `side`'s registry, when it has a file of its own.
    pub fn runtime(&self, side: Side) -> Option<usize> {
        self.chunks
            .iter()
            .position(|chunk| chunk.side == side && matches!(chunk.kind, ChunkKind::Runtime))
    }

    /// The chunk whose registry chunk `index` registers its modules with, when it is
    /// not chunk `index` itself.
    pub fn runtime_of(&self, index: usize) -> Option<usize> {
        let chunk = &self.chunks[index];
        match chunk.kind {
            ChunkKind::Worker { .. } => None,
            _ => self.runtime(chunk.side).filter(|&runtime| runtime != index),
        }
    }

    /// The chunk a Web Worker starting from `module_id` loads.
    pub fn worker_chunk(&self, module_id: &str) -> Option<usize> {
        self.chunks.iter().position(
            |chunk| matches!(&chunk.kind, ChunkKind::Worker { module_id: id } if id == module_id),
        )
    }

    /// A chunk for each Web Worker something starts, and each chunk's `workers`.
    fn add_worker_chunks(&mut self, graph: &ModuleGraph) {
        let workers_of = |module_ids: &[String]| -> Vec<String> {
            let dependencies = module_ids
                .iter()
                .filter_map(|id| graph.module(id))
                .flat_map(|module| &module.dependencies);
            let targets = dependencies.filter(|(_, kind)| *kind == DependencyKind::Worker);
            targets.map(|(target, _)| target.clone()).collect()
        };
        let mut index = 0;
        // Worker chunks are added at the end, and go through this loop too.
        while index < self.chunks.len() {
            for worker in workers_of(&self.chunks[index].modules) {
                let worker_chunk = self.worker_chunk(&worker).unwrap_or_else(|| {
                    let side = Side::of(Layer::of_id(&worker));
                    let mut chunk = Chunk::new(
                        ChunkKind::Worker {
                            module_id: worker.clone(),
                        },
                        side,
                    );
                    chunk.modules =
                        reachable(graph, &worker, |kind| kind != DependencyKind::Worker);
                    self.chunks.push(chunk);
                    self.chunks.len() - 1
                });
                if !self.chunks[index].workers.contains(&worker_chunk) {
                    self.chunks[index].workers.push(worker_chunk);
                }
            }
            index += 1;
        }
    }
}

/// `entries` pairs each entry's output name with its module id. Entries in the `client`
/// layer, and every client reference, make the browser side, which is always split:
/// each client component is loaded on its own when a page needs it.
pub fn split_chunks(
    graph: &ModuleGraph,
    entries: &[(String, String)],
    splitting: bool,
) -> ChunkGraph {
    let (browser_entries, server_entries): (Vec<_>, Vec<_>) = entries
        .iter()
        .cloned()
        .partition(|(_, id)| Layer::of_id(id) == Layer::Client);
    let mut chunk_graph = ChunkGraph::default();
    if splitting {
        chunk_graph.split_side(graph, Side::Server, &server_entries, &[]);
    } else {
        for (name, module_id) in server_entries {
            let mut chunk = Chunk::new(
                ChunkKind::Entry {
                    name,
                    module_id: module_id.clone(),
                },
                Side::Server,
            );
            chunk.modules = reachable(graph, &module_id, |kind| kind != DependencyKind::Worker);
            chunk_graph.chunks.push(chunk);
        }
    }
    let references: Vec<String> = graph
        .client_references
        .iter()
        .map(|reference| reference.client_id.clone())
        .collect();
    if !browser_entries.is_empty() || !references.is_empty() {
        let carriers = chunk_graph.split_side(graph, Side::Browser, &browser_entries, &references);
        chunk_graph.client_reference_chunks = references.into_iter().zip(carriers).collect();
    }
    chunk_graph.add_worker_chunks(graph);
    chunk_graph
}

impl ChunkGraph {
    /// Splits what `entries` and `extra_points` reach into chunks of `side`; the chunks
    /// that carry each of `extra_points`.
    fn split_side(
        &mut self,
        graph: &ModuleGraph,
        side: Side,
        entries: &[(String, String)],
        extra_points: &[String],
    ) -> Vec<Vec<usize>> {
        let entry_points = entry_points(graph, entries, extra_points);
        // For each module, the entry points that reach it, in ascending order.
        let mut reached_by: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, entry_point) in entry_points.iter().enumerate() {
            for id in reachable(graph, entry_point, |kind| kind == DependencyKind::Static) {
                reached_by.entry(id).or_default().push(index);
            }
        }

        let first = self.chunks.len();
        let chunks = &mut self.chunks;
        chunks.push(Chunk::new(ChunkKind::Runtime, side));
        let mut chunk_of_set: HashMap<Vec<usize>, usize> = HashMap::new();
        // Each entry has its chunk even when all it runs is shared, so its file exists.
        for (index, (name, module_id)) in entries.iter().enumerate() {
            chunk_of_set.entry(vec![index]).or_insert_with(|| {
                let kind = ChunkKind::Entry {
                    name: name.clone(),
                    module_id: module_id.clone(),
                };
                chunks.push(Chunk::new(kind, side));
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
                chunks.push(Chunk::new(kind, side));
                chunks.len() - 1
            });
            chunks[index].modules.push(module.id.clone());
        }

        // The chunks that carry an entry point: every chunk whose set names it.
        let mut carriers: Vec<Vec<usize>> = vec![Vec::new(); entry_points.len()];
        let mut sets: Vec<(&Vec<usize>, usize)> = chunk_of_set
            .iter()
            .map(|(set, &chunk)| (set, chunk))
            .collect();
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

        for (index, chunk) in chunks.iter_mut().enumerate().skip(first) {
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
        extra_points
            .iter()
            .map(|point| carriers[entry_point_index[point.as_str()]].clone())
            .collect()
    }
}

/// Each module's place in evaluation order: depth first from the entries, then from
/// the client references, a module after everything it imports, imports in the order
/// they are written. Stylesheets are put together in this order, so an `@import`ed
/// sheet comes before its importer and a component's before the page that uses it.
pub fn evaluation_order(graph: &ModuleGraph) -> HashMap<String, usize> {
    let roots = graph.entry_ids.iter().chain(
        graph
            .client_references
            .iter()
            .map(|reference| &reference.client_id),
    );
    let mut order = HashMap::new();
    let mut entered = HashSet::new();
    for root in roots {
        // (module, whether its imports are done)
        let mut stack = vec![(root.as_str(), false)];
        while let Some((id, imports_done)) = stack.pop() {
            if imports_done {
                let next = order.len();
                order.entry(id.to_string()).or_insert(next);
                continue;
            }
            if !entered.insert(id) {
                continue;
            }
            stack.push((id, true));
            if let Some(module) = graph.module(id) {
                stack.extend(
                    module
                        .dependencies
                        .iter()
                        .rev()
                        .map(|(dependency, _)| (dependency.as_str(), false)),
                );
            }
        }
    }
    order
}

/// The entries, the extra points, then every `import()` target they reach, each once.
fn entry_points(
    graph: &ModuleGraph,
    entries: &[(String, String)],
    extra_points: &[String],
) -> Vec<String> {
    let mut points: Vec<String> = Vec::new();
    for module_id in entries.iter().map(|(_, id)| id).chain(extra_points) {
        if !points.contains(module_id) {
            points.push(module_id.clone());
        }
    }
    let mut seen: HashSet<String> = points.iter().cloned().collect();
    for entry in points.clone() {
        for id in reachable(graph, &entry, |kind| kind != DependencyKind::Worker) {
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
