//! Writes one ES module per entry: imports of externals, the registry runtime, every
//! module the entry reaches as a factory, then the entry's exports as ESM exports.

use std::collections::HashSet;
use std::fmt::Write;

use crate::module_graph::{ModuleBody, ModuleGraph};

/// The module registry every chunk starts with.
pub const REGISTRY: &str = include_str!("runtime/registry.js");

/// The code of the chunk for `entry_id`, starting with `runtime` (the registry).
pub fn write_entry_chunk(graph: &ModuleGraph, entry_id: &str, runtime: &str) -> String {
    let ids = reachable(graph, entry_id);
    let mut out = String::new();
    let mut externals = Vec::new();
    for id in &ids {
        if let Some(ModuleBody::External(name)) = graph.module(id).map(|module| &module.body) {
            let _ = writeln!(
                out,
                "import * as __vnext_external_{} from {};",
                externals.len(),
                js_string(name)
            );
            externals.push(id.as_str());
        }
    }
    out.push_str(runtime);
    out.push('\n');
    out.push_str("const __vnext_require = __vnext_registry({\n");
    for id in &ids {
        let Some(module) = graph.module(id) else {
            continue;
        };
        let _ = write!(out, "{}: ", js_string(id));
        match &module.body {
            ModuleBody::Code(code) => {
                let _ = writeln!(out, "function (module, exports, require) {{\n{code}}},");
            }
            ModuleBody::ClientReferences => {
                let _ = writeln!(
                    out,
                    "function (module, exports, require) {{\n{}}},",
                    client_references_body(graph)
                );
            }
            ModuleBody::External(_) => {
                let index = externals
                    .iter()
                    .position(|external| external == id)
                    .unwrap_or_default();
                // A built-in's default export is the module object itself.
                let _ = writeln!(
                    out,
                    "function (module) {{ const namespace = __vnext_external_{index}; module.exports = 'default' in namespace ? namespace.default : namespace; }},"
                );
            }
        }
    }
    out.push_str("});\n");
    let _ = writeln!(
        out,
        "const __vnext_entry = __vnext_require({});",
        js_string(entry_id)
    );
    write_entry_exports(graph, entry_id, &mut out);
    out
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
/// expects: the client manifest for `renderToReadableStream`, the server consumer
/// manifest for `createFromReadableStream`. The server render loads client modules
/// through the globals webpack would define; this registry provides them.
fn client_references_body(graph: &ModuleGraph) -> String {
    let mut client_manifest = serde_json::Map::new();
    let mut module_map = serde_json::Map::new();
    for reference in &graph.client_references {
        client_manifest.insert(
            reference.reference_id.clone(),
            serde_json::json!({ "id": reference.reference_id, "chunks": [], "name": "*" }),
        );
        module_map.insert(
            reference.reference_id.clone(),
            serde_json::json!({ "*": { "id": reference.ssr_id, "chunks": [], "name": "*" } }),
        );
    }
    let manifests = serde_json::json!({
        "clientManifest": client_manifest,
        "serverConsumerManifest": { "moduleMap": module_map, "serverModuleMap": null, "moduleLoading": null },
    });
    format!(
        "globalThis.__webpack_require__ = require;\nglobalThis.__webpack_chunk_load__ = () => Promise.resolve();\nmodule.exports = {manifests};\n"
    )
}

/// Every module `entry_id` reaches, entry first, each once.
fn reachable(graph: &ModuleGraph, entry_id: &str) -> Vec<String> {
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![entry_id.to_string()];
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(module) = graph.module(&id) {
            // Dynamic imports ride along: everything an entry reaches is in its chunk.
            stack.extend(
                module
                    .dependencies
                    .iter()
                    .rev()
                    .map(|(dependency, _)| dependency.clone()),
            );
        }
        order.push(id);
    }
    order
}

fn js_string(value: &str) -> String {
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
