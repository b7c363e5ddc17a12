//! Each chunk's stylesheets as one CSS file beside it, in evaluation order, with a
//! source map when they are on.

use xxhash_rust::xxh3::xxh3_64;

use crate::bundler::OutputFile;
use crate::chunk_graph::{ChunkGraph, evaluation_order};
use crate::layer::Layer;
use crate::module_graph::{Module, ModuleCss, ModuleGraph};
use crate::source_map_writer::SourceMapWriter;

/// A chunk's stylesheets, written as one CSS file.
pub struct ChunkStylesheet {
    /// The evaluation-order place of its first stylesheet, to order an entry's links.
    pub first: usize,
    /// Its name in its chunk's folder, as the chunks beside it refer to it.
    pub name: String,
    pub file: OutputFile,
}

/// For each chunk that carries stylesheets, one CSS file beside it with their CSS in
/// evaluation order, named `<chunk name>-<hash of the CSS>.css`; with `with_source_map`,
/// a `.map` that points each rule back to its stylesheet.
pub fn write_stylesheets(
    graph: &ModuleGraph,
    chunks: &ChunkGraph,
    with_source_map: bool,
) -> Vec<Option<ChunkStylesheet>> {
    if !graph.modules().any(|module| module.css.is_some()) {
        return chunks.chunks.iter().map(|_| None).collect();
    }
    let order = evaluation_order(graph);
    chunks
        .chunks
        .iter()
        .map(|chunk| {
            let mut sheets: Vec<(usize, &Module, &ModuleCss)> = chunk
                .modules
                .iter()
                .filter_map(|id| {
                    let module = graph.module(id)?;
                    let css = module.css.as_ref()?;
                    // A sheet of comments compiles to nothing: no file for it.
                    if css.code.trim().is_empty() {
                        return None;
                    }
                    Some((order.get(id).copied().unwrap_or(usize::MAX), module, css))
                })
                .collect();
            sheets.sort_by_key(|&(place, ..)| place);
            let first = sheets.first()?.0;
            let mut code = String::new();
            let mut source_map = with_source_map.then(SourceMapWriter::default);
            let mut line = 0;
            for (_, module, css) in &sheets {
                if !code.is_empty() {
                    code.push('\n');
                    line += 1;
                }
                let line_count = css.code.lines().count() as u32;
                if let (Some(source_map), Some(source)) = (&mut source_map, &css.source) {
                    let file = module
                        .id
                        .strip_prefix(Layer::of_id(&module.id).id_prefix())
                        .unwrap_or(&module.id);
                    source_map.add_module(line, line_count, file, source, &css.mappings);
                }
                code.push_str(&css.code);
                line += css.code.matches('\n').count() as u32;
            }
            let name = format!("{}-{:016x}.css", chunk.stem(), xxh3_64(code.as_bytes()));
            let source_map = source_map.map(|map| {
                code.push_str(&format!("\n/*# sourceMappingURL={name}.map */"));
                map.finish(&name)
            });
            let path = format!("{}{name}", chunk.side.folder());
            Some(ChunkStylesheet {
                first,
                name,
                file: OutputFile {
                    path,
                    code,
                    source_map,
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
