//! Each chunk's stylesheets as one CSS file beside it, in evaluation order.

use xxhash_rust::xxh3::xxh3_64;

use crate::bundler::OutputFile;
use crate::chunk_graph::{ChunkGraph, evaluation_order};
use crate::module_graph::ModuleGraph;

/// A chunk's stylesheets, written as one CSS file.
pub struct ChunkStylesheet {
    /// The evaluation-order place of its first stylesheet, to order an entry's links.
    pub first: usize,
    /// Its name in its chunk's folder, as the chunks beside it refer to it.
    pub name: String,
    pub file: OutputFile,
}

/// For each chunk that carries stylesheets, one CSS file beside it with their CSS in
/// evaluation order, named `<chunk name>-<hash of the CSS>.css`.
pub fn write_stylesheets(graph: &ModuleGraph, chunks: &ChunkGraph) -> Vec<Option<ChunkStylesheet>> {
    if !graph.modules().any(|module| module.css.is_some()) {
        return chunks.chunks.iter().map(|_| None).collect();
    }
    let order = evaluation_order(graph);
    chunks
        .chunks
        .iter()
        .map(|chunk| {
            let mut sheets: Vec<(usize, &str)> = chunk
                .modules
                .iter()
                .filter_map(|id| {
                    let css = graph.module(id)?.css.as_deref()?;
                    // A sheet of comments compiles to nothing: no file for it.
                    if css.trim().is_empty() {
                        return None;
                    }
                    Some((order.get(id).copied().unwrap_or(usize::MAX), css))
                })
                .collect();
            sheets.sort_by_key(|&(place, _)| place);
            let first = sheets.first()?.0;
            let code: String = sheets
                .iter()
                .map(|&(_, css)| css)
                .collect::<Vec<_>>()
                .join("\n");
            let name = format!("{}-{:016x}.css", chunk.stem(), xxh3_64(code.as_bytes()));
            let path = format!("{}{name}", chunk.side.folder());
            Some(ChunkStylesheet {
                first,
                name,
                file: OutputFile {
                    path,
                    code,
                    source_map: None,
                    entry: None,
                    imports: Vec::new(),
                    dynamic_imports: Vec::new(),
                    modules: Vec::new(),
                    css: Vec::new(),
                },
            })
        })
        .collect()
}
