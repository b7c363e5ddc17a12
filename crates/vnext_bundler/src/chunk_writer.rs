//! Writes each chunk as an ES module: the registry (imported, or inlined when it has no
//! chunk of its own), the chunks an entry needs, imports of externals, the chunk's
//! modules registered as factories with where their `import()` targets live, then for
//! an entry chunk its entry's exports as ESM exports.

use std::fmt::Write;

use rayon::prelude::*;
use vnext_diagnostics::Mapping;
use vnext_transform::DependencyKind;

use crate::async_modules::awaited_imports;
use crate::chunk_graph::{ChunkGraph, ChunkKind, Side};
use crate::layer::Layer;
use crate::module_graph::{ModuleBody, ModuleGraph};
use crate::module_ids::ModuleIds;
use crate::source_map_writer::SourceMapWriter;

/// The module registry every chunk starts with.
pub const REGISTRY: &str = include_str!("runtime/registry.js");

/// How the writer names another chunk before file names are known; the bundler puts
/// in the content-hashed names with [`fill_placeholders`] once every chunk is written.
fn chunk_placeholder(index: usize) -> String {
    format!("{PLACEHOLDER_START}chunk_{index}__")
}

/// Likewise for the stylesheet of chunk `index`.
fn css_placeholder(index: usize) -> String {
    format!("{PLACEHOLDER_START}css_{index}__")
}

const PLACEHOLDER_START: &str = "__vnext_";

/// `code` with each placeholder replaced, in one pass, by `chunk_name(index)` or
/// `css_name(index)`; text that only looks like a placeholder is kept.
pub fn fill_placeholders<'a>(
    code: &str,
    chunk_name: impl Fn(usize) -> &'a str,
    css_name: impl Fn(usize) -> Option<&'a str>,
) -> String {
    let mut filled = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(start) = rest.find(PLACEHOLDER_START) {
        filled.push_str(&rest[..start]);
        let after = &rest[start + PLACEHOLDER_START.len()..];
        let (kind, tail) = after.split_once('_').unwrap_or(("", after));
        let digits = tail.len() - tail.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let index = tail[..digits].parse::<usize>().ok();
        let name = match (kind, index) {
            _ if !tail[digits..].starts_with("__") => None,
            ("chunk", Some(index)) => Some(chunk_name(index)),
            ("css", Some(index)) => css_name(index),
            _ => None,
        };
        match name {
            Some(name) => {
                filled.push_str(name);
                rest = &tail[digits + 2..];
            }
            None => {
                filled.push_str(PLACEHOLDER_START);
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// What loading chunk `index` means: its file, and its stylesheet when the runtime
/// links it (`links_css`: a browser chunk that has one).
fn files_to_load(index: usize, links_css: &[bool]) -> Vec<String> {
    let mut files = vec![chunk_placeholder(index)];
    if links_css[index] {
        files.push(css_placeholder(index));
    }
    files
}

/// A chunk's code, naming other chunks by [`chunk_placeholder`], and its source map
/// when asked for. Swapping in names changes no line, so the map stays true.
pub struct WrittenChunk {
    pub code: String,
    pub source_map: Option<SourceMapWriter>,
}

/// Writes chunk `index`. `runtime` is the registry's source, inlined when the registry
/// has no chunk of its own.
pub fn write_chunk(
    graph: &ModuleGraph,
    ids: &ModuleIds,
    chunks: &ChunkGraph,
    index: usize,
    runtime: &str,
    links_css: &[bool],
    with_source_map: bool,
) -> WrittenChunk {
    let chunk = &chunks.chunks[index];
    let mut out = String::new();
    let mut source_map = with_source_map.then(SourceMapWriter::default);
    if matches!(chunk.kind, ChunkKind::Runtime) {
        let _ = writeln!(
            out,
            "{runtime}\nconst __vnext_require = __vnext_registry(import.meta.url);\nexport {{ __vnext_require }};"
        );
        if chunk.side == Side::Browser {
            // React's client loads client components through webpack's globals.
            out.push_str("globalThis.__webpack_require__ = __vnext_require;\nglobalThis.__webpack_chunk_load__ = __vnext_require.loadChunk;\n");
        }
        return WrittenChunk {
            code: out,
            source_map,
        };
    }
    let runtime_chunk = chunks.runtime_of(index);
    if let Some(runtime_chunk) = runtime_chunk {
        let _ = writeln!(
            out,
            "import {{ __vnext_require }} from \"./{}\";",
            chunk_placeholder(runtime_chunk)
        );
    }
    for import in &chunk.imports {
        let _ = writeln!(out, "import \"./{}\";", chunk_placeholder(*import));
    }
    // Imports the output keeps: built-ins by namespace, WebAssembly by default export.
    let mut externals = Vec::new();
    for id in &chunk.modules {
        let import = match graph.module(id).map(|module| &module.body) {
            Some(ModuleBody::External(name)) => format!(
                "* as __vnext_external_{} from {}",
                externals.len(),
                js_string(name)
            ),
            Some(ModuleBody::Wasm(file)) => format!(
                "__vnext_external_{} from {}",
                externals.len(),
                js_string(&format!("./{file}"))
            ),
            _ => continue,
        };
        let _ = writeln!(out, "import {import};");
        externals.push(id.as_str());
    }
    if runtime_chunk.is_none() {
        // A worker's chunk may load as a classic script, without `import.meta`.
        let base = match chunk.kind {
            ChunkKind::Worker { .. } => "globalThis.location?.href",
            _ => "import.meta.url",
        };
        let _ = writeln!(
            out,
            "{runtime}\nconst __vnext_require = __vnext_registry({base});"
        );
    }
    out.push_str("__vnext_require.register({\n");
    // Filling in a module's markers is its own work: done in parallel, written in order.
    let mut filled: Vec<Option<(String, Vec<Mapping>)>> = chunk
        .modules
        .par_iter()
        .map(|id| {
            let module = graph.module(id)?;
            match &module.body {
                ModuleBody::Code(emitted) => {
                    Some(ids.fill(&emitted.code, &emitted.mappings, module))
                }
                _ => None,
            }
        })
        .collect();
    // Lines before `counted` bytes of `out`, for placing modules in the source map.
    let (mut lines, mut counted) = (0, 0);
    for (id, filled) in chunk.modules.iter().zip(&mut filled) {
        let Some(module) = graph.module(id) else {
            continue;
        };
        let _ = write!(out, "{}: ", ids.code(id));
        match &module.body {
            ModuleBody::Code(_) => {
                let (code, mappings) = filled.take().expect("filled above");
                if module.is_async {
                    // What it imports finishes first, in order, as ES modules do.
                    let awaited: Vec<String> = awaited_imports(graph, id)
                        .iter()
                        .map(|id| ids.code(id))
                        .collect();
                    let _ = writeln!(
                        out,
                        "async function (module, exports, require) {{\nawait require.ready([{}]);",
                        awaited.join(", ")
                    );
                } else {
                    out.push_str("function (module, exports, require) {\n");
                }
                if let (Some(source_map), Some(original)) =
                    (&mut source_map, &module.original_source)
                {
                    lines += out.as_bytes()[counted..]
                        .iter()
                        .filter(|&&byte| byte == b'\n')
                        .count();
                    counted = out.len();
                    let file = module
                        .id
                        .strip_prefix(Layer::of_id(id).id_prefix())
                        .unwrap_or(id);
                    let line_count = code.lines().count() as u32;
                    source_map.add_module(lines as u32, line_count, file, original, &mappings);
                }
                let _ = writeln!(out, "{code}}},");
            }
            ModuleBody::RscManifests => {
                let _ = writeln!(
                    out,
                    "function (module, exports, require) {{\n{}}},",
                    rsc_manifests_body(graph, ids, chunks, links_css)
                );
            }
            ModuleBody::Wasm(_) => {
                let _ = writeln!(
                    out,
                    "function (module) {{ module.exports = __vnext_external_{}; }},",
                    external_index(&externals, id)
                );
            }
            ModuleBody::WorkerUrl => {
                let chunk = module
                    .dependencies
                    .iter()
                    .find(|(_, kind)| *kind == DependencyKind::Worker)
                    .and_then(|(worker_id, _)| chunks.worker_chunk(worker_id))
                    .expect("every worker has its chunk");
                let _ = writeln!(
                    out,
                    "function (module) {{ module.exports = \"./{}\"; }},",
                    chunk_placeholder(chunk)
                );
            }
            ModuleBody::External(_) => {
                let index = external_index(&externals, id);
                // A built-in's default export is the module object itself.
                let _ = writeln!(
                    out,
                    "function (module) {{ const namespace = __vnext_external_{index}; module.exports = 'default' in namespace ? namespace.default : namespace; }},"
                );
            }
        }
    }
    out.push('}');
    if !chunk.dynamic_imports.is_empty() {
        let targets: serde_json::Map<String, serde_json::Value> = chunk
            .dynamic_imports
            .iter()
            .map(|(target, carriers)| {
                let files = carriers
                    .iter()
                    .flat_map(|&carrier| files_to_load(carrier, links_css))
                    .map(serde_json::Value::from);
                (ids.key(target), serde_json::Value::Array(files.collect()))
            })
            .collect();
        let _ = write!(out, ", {}", serde_json::Value::Object(targets));
    }
    out.push_str(");\n");
    if let ChunkKind::Worker { module_id } = &chunk.kind {
        let id = ids.code(module_id);
        if graph
            .module(module_id)
            .is_some_and(|module| module.is_async)
        {
            let _ = writeln!(out, "__vnext_require.ready([{id}]);");
        } else {
            let _ = writeln!(out, "__vnext_require({id});");
        }
    }
    if let ChunkKind::Entry { module_id, .. } = &chunk.kind {
        if graph
            .module(module_id)
            .is_some_and(|module| module.is_async)
        {
            let _ = writeln!(
                out,
                "await __vnext_require.ready([{}]);",
                ids.code(module_id)
            );
        }
        let _ = writeln!(
            out,
            "const __vnext_entry = __vnext_require({});",
            ids.code(module_id)
        );
        write_entry_exports(graph, module_id, &mut out);
    }
    WrittenChunk {
        code: out,
        source_map,
    }
}

fn write_entry_exports(graph: &ModuleGraph, entry_id: &str, out: &mut String) {
    let is_esm = graph.module(entry_id).is_some_and(|module| module.is_esm);
    if !is_esm {
        // Node's rule for importing CommonJS from ESM: the default export is `module.exports`.
        out.push_str("export default __vnext_entry;\n");
        return;
    }
    let names = graph.export_names(entry_id);
    for (index, name) in names.iter().enumerate() {
        let _ = writeln!(
            out,
            "const __vnext_export_{index} = __vnext_entry[{}];",
            js_string(name)
        );
    }
    if !names.is_empty() {
        let list: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(index, name)| format!("__vnext_export_{index} as {}", export_name(name)))
            .collect();
        let _ = writeln!(out, "export {{ {} }};", list.join(", "));
    }
}

/// The manifests React's RSC packages read, in the shapes `react-server-dom-webpack`
/// expects: the client manifest for `renderToReadableStream` (the browser's module id
/// and the chunks that carry it, as `[chunk id, file]` pairs where both are the file),
/// and the server consumer manifest for `createFromReadableStream` (the same module in
/// the `ssr` layer), and the server manifest for `decodeReply`/`decodeAction` (each
/// action id's module and export). The server loads modules through the globals
/// webpack would define; this registry provides them.
fn rsc_manifests_body(
    graph: &ModuleGraph,
    ids: &ModuleIds,
    chunks: &ChunkGraph,
    links_css: &[bool],
) -> String {
    let mut client_manifest = serde_json::Map::new();
    let mut module_map = serde_json::Map::new();
    for reference in &graph.client_references {
        let files: Vec<String> = chunks.client_reference_chunks[&reference.client_id]
            .iter()
            .flat_map(|&chunk| files_to_load(chunk, links_css))
            .flat_map(|file| [file.clone(), file])
            .collect();
        client_manifest.insert(
            reference.reference_id.clone(),
            serde_json::json!({ "id": ids.key(&reference.client_id), "chunks": files, "name": "*" }),
        );
        module_map.insert(
            ids.key(&reference.client_id),
            serde_json::json!({ "*": { "id": ids.key(&reference.ssr_id), "chunks": [], "name": "*" } }),
        );
    }
    let mut server_manifest = serde_json::Map::new();
    for reference in &graph.server_references {
        for (name, action_id) in &reference.actions {
            server_manifest.insert(
                action_id.clone(),
                serde_json::json!({ "id": ids.key(&reference.module_id), "chunks": [], "name": name }),
            );
        }
    }
    let manifests = serde_json::json!({
        "clientManifest": client_manifest,
        "serverConsumerManifest": { "moduleMap": module_map, "serverModuleMap": null, "moduleLoading": null },
        "serverManifest": server_manifest,
    });
    format!(
        "globalThis.__webpack_require__ = require;\nglobalThis.__webpack_chunk_load__ = () => Promise.resolve();\nmodule.exports = {manifests};\n"
    )
}

/// The binding a kept import of module `id` goes by in its chunk.
fn external_index(externals: &[&str], id: &str) -> usize {
    externals
        .iter()
        .position(|external| *external == id)
        .unwrap_or_default()
}

pub(crate) fn js_string(value: &str) -> String {
    serde_json::to_string(value).expect("a string always serialises")
}

/// An export name as ESM writes it: bare when it is an identifier, quoted otherwise.
fn export_name(name: &str) -> String {
    let is_identifier = name
        .chars()
        .next()
        .is_some_and(|first| first.is_alphabetic() || first == '_' || first == '$')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if is_identifier {
        name.to_string()
    } else {
        js_string(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_look_alikes_kept() {
        let names = ["runtime-1.js", "chunk-2.js", "lazy-3.js"];
        let code = format!(
            "import \"./{}\"; load(\"{}\", \"{}\"); __vnext_require(\"__vnext_chunk_x__\"); {}",
            chunk_placeholder(0),
            chunk_placeholder(2),
            css_placeholder(2),
            css_placeholder(1),
        );
        let filled = fill_placeholders(
            &code,
            |index| names[index],
            |index| (index == 2).then_some("lazy-9.css"),
        );
        assert_eq!(
            filled,
            "import \"./runtime-1.js\"; load(\"lazy-3.js\", \"lazy-9.css\"); __vnext_require(\"__vnext_chunk_x__\"); __vnext_css_1__"
        );
    }
}
