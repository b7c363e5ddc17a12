//! What each module, and each export of a module, is called in the code the bundler
//! writes. A module is printed before the graph is complete, so it names its
//! dependencies by marker (the `"…3…"` of [`dependency_marker`] is its fourth
//! dependency), its export names and its reads of other modules' exports too (see
//! `vnext_transform`'s `export_markers.rs`), and the chunk writer puts in the final
//! names.
//!
//! Readable output keeps ids as paths from the root. Minified output numbers modules
//! in the order of their sorted paths: the same modules get the same numbers in every
//! build, so an edit renames only the chunks whose code changed, while adding or
//! removing a module renumbers the modules after it. Against paths, three.js × 10
//! comes out 1.4% smaller gzipped (the bench's 5,000 TSX modules, whose short paths
//! repeat their components' names, 1% larger). Numbers hashed from each path, as
//! webpack's deterministic ids are, would survive additions too, but cost 0.7 points
//! on three.js and 4 on the TSX modules: random digits do not compress.
//!
//! Minified output also shortens the export names of each ES module that is read only
//! by name (`a`, `b`, … in the order it exports them): when nothing outside the graph
//! reads it (entries, `import()` targets, React's references), no module takes it as a
//! namespace, with `require()` or dynamically, and it has no `export *` itself (its
//! short names could hide those `export *` brings in). An `export *` of a module whose
//! names were shortened copies them under the names as written, which its `require.e`
//! then carries. Three.js × 10 comes out 2.2% smaller gzipped (its entry's namespace
//! keeps its names), the 5,000 TSX modules 26%.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use memchr::memmem;
use vnext_diagnostics::Mapping;
use vnext_transform::{
    DependencyKind, EXPORT_MARKER_START, IMPORT_MARKER_START, WRITTEN_NAMES_MARKER, is_marker_byte,
};

use crate::chunk_writer::js_string;
use crate::module_graph::{Module, ModuleGraph};
use crate::unused_reexports::roots;

const MARKER_START: &str = "__vnext_";
const DEPENDENCY_MARKER_START: &str = "__vnext_dependency_";

/// How a module's code names its dependency `index` (of [`crate::module_graph::Module::dependencies`])
/// until the chunk writer fills in the id.
pub(crate) fn dependency_marker(index: usize) -> String {
    format!("{DEPENDENCY_MARKER_START}{index}__")
}

pub(crate) struct ModuleIds {
    /// Set when ids are numbers; an id not in the graph (a registry built-in such as a
    /// swc helper) keeps its name.
    numbers: Option<HashMap<String, usize>>,
    /// Shortened export names, by module id; none for readable output.
    export_names: HashMap<String, ShortenedNames>,
}

/// A module's shortened export names.
struct ShortenedNames {
    /// Written → short.
    names: HashMap<String, String>,
    /// The names as written, as a JavaScript array in the order of its keys, when an
    /// `export *` copies them.
    written: Option<String>,
}

impl ModuleIds {
    /// Numbered ids and shortened export names when `minified`.
    pub(crate) fn new(graph: &ModuleGraph, minified: bool) -> Self {
        if !minified {
            return Self {
                numbers: None,
                export_names: HashMap::new(),
            };
        }
        let mut ids: Vec<&str> = graph.modules().map(|module| module.id.as_str()).collect();
        ids.sort_unstable();
        let numbers = ids
            .into_iter()
            .enumerate()
            .map(|(number, id)| (id.to_string(), number))
            .collect();
        Self {
            numbers: Some(numbers),
            export_names: shortened_export_names(graph),
        }
    }

    /// The id as the registry and the RSC manifests key it.
    pub(crate) fn key(&self, id: &str) -> String {
        match self.number(id) {
            Some(number) => number.to_string(),
            None => id.to_string(),
        }
    }

    /// The id as JavaScript: a number or a string.
    pub(crate) fn code(&self, id: &str) -> String {
        match self.number(id) {
            Some(number) => number.to_string(),
            None => js_string(id),
        }
    }

    fn number(&self, id: &str) -> Option<usize> {
        self.numbers.as_ref()?.get(id).copied()
    }

    /// The name the export `name` of module `id` gets.
    fn export_name<'a>(&'a self, id: &str, name: &'a str) -> &'a str {
        self.export_names
            .get(id)
            .and_then(|shortened| shortened.names.get(name))
            .map_or(name, String::as_str)
    }

    /// `module`'s code with each marker replaced by the id or name it stands for, and
    /// its mappings moved along the lines where the text got shorter or longer.
    pub(crate) fn fill(
        &self,
        code: &str,
        mappings: &[Mapping],
        module: &Module,
    ) -> (String, Vec<Mapping>) {
        let finder = memmem::Finder::new(MARKER_START);
        let mut filled = String::with_capacity(code.len());
        // `(line, column after the marker in `code`, change in length)` of each
        // replacement, in order, for the mappings.
        let mut shifts: Vec<(u32, u32, i64)> = Vec::new();
        // The line and column of `counted`, how far into `code` they have been counted:
        // minified code is one long line, which must not be counted again per marker.
        let (mut line, mut column, mut counted) = (0u32, 0u32, 0usize);
        let mut copied = 0;
        for start in finder.find_iter(code.as_bytes()) {
            let Some((start, end, text)) = self.replacement(code, start, module) else {
                continue;
            };
            // Markers do not overlap, but text that only looks like one may.
            if start < copied {
                continue;
            }
            filled.push_str(&code[copied..start]);
            filled.push_str(&text);
            copied = end;
            if !mappings.is_empty() {
                let passed = &code[counted..end];
                match passed.rfind('\n') {
                    Some(last) => {
                        line += memchr::memchr_iter(b'\n', passed.as_bytes()).count() as u32;
                        column = utf16_len(&passed[last + 1..]) as u32;
                    }
                    None => column += utf16_len(passed) as u32,
                }
                counted = end;
                shifts.push((line, column, text.len() as i64 - (end - start) as i64));
            }
        }
        filled.push_str(&code[copied..]);
        (filled, shift_mappings(mappings, &shifts))
    }

    /// What replaces the marker that starts at `start`: its span (with its quotes, for
    /// a dependency's) and its text; `None` for text that only looks like a marker.
    fn replacement<'a>(
        &'a self,
        code: &'a str,
        start: usize,
        module: &'a Module,
    ) -> Option<(usize, usize, Cow<'a, str>)> {
        let rest = &code[start..];
        if rest.starts_with(DEPENDENCY_MARKER_START) {
            let (end, index) = dependency_marker_at(code, start)?;
            let (id, _) = module.dependencies.get(index)?;
            return Some((start - 1, end + 1, Cow::Owned(self.code(id))));
        }
        if start > 0 && is_marker_byte(code.as_bytes()[start - 1]) {
            return None;
        }
        let length = rest
            .bytes()
            .take_while(|byte| is_marker_byte(*byte))
            .count();
        let end = start + length;
        if &rest[..length] == WRITTEN_NAMES_MARKER {
            let written = self
                .export_names
                .get(&module.id)
                .and_then(|shortened| shortened.written.as_deref());
            if let Some(written) = written {
                return Some((start, end, Cow::Borrowed(written)));
            }
            // The argument goes, with its comma (a line break before it stays, for the
            // source map's lines).
            let before = code[..start].trim_end_matches(' ');
            let start = before.strip_suffix(',').map_or(start, str::len);
            return Some((start, end, Cow::Borrowed("")));
        }
        let marker = rest[..length].strip_suffix("__")?;
        if let Some(name) = marker.strip_prefix(EXPORT_MARKER_START) {
            return Some((
                start,
                end,
                Cow::Borrowed(self.export_name(&module.id, name)),
            ));
        }
        let (slot, name) = marker.strip_prefix(IMPORT_MARKER_START)?.split_once('_')?;
        let index = (*module.import_slots.get(slot.parse::<usize>().ok()?)?)?;
        let (target, _) = module.dependencies.get(index)?;
        Some((start, end, Cow::Borrowed(self.export_name(target, name))))
    }
}

/// For a dependency marker whose text starts at `start`, just after its opening quote:
/// where the text ends (before the closing quote) and the dependency index.
fn dependency_marker_at(code: &str, start: usize) -> Option<(usize, usize)> {
    let quote = *code.as_bytes().get(start.checked_sub(1)?)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let after = &code[start + DEPENDENCY_MARKER_START.len()..];
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let index = after[..digits].parse().ok()?;
    let rest = &after[digits..];
    if !rest.starts_with("__") || rest.as_bytes().get(2) != Some(&quote) {
        return None;
    }
    Some((start + DEPENDENCY_MARKER_START.len() + digits + 2, index))
}

/// The shortened export names of each module whose exports may be renamed, and
/// whether an `export *` copies them (and so needs the names as written).
fn shortened_export_names(graph: &ModuleGraph) -> HashMap<String, ShortenedNames> {
    let mut read_whole: HashSet<String> = roots(graph).into_iter().collect();
    for module in graph.modules() {
        for (target, kind) in &module.dependencies {
            if *kind != DependencyKind::Static
                || !module.is_esm
                || module.read_whole.contains(target)
            {
                read_whole.insert(target.clone());
            }
        }
    }
    let star_targets: HashSet<&str> = graph
        .modules()
        .flat_map(|module| module.star_exports.iter().map(String::as_str))
        .collect();
    graph
        .modules()
        // Its own short names could hide names that `export *` brought in.
        .filter(|module| module.star_exports.is_empty() && !read_whole.contains(&module.id))
        .filter_map(|module| {
            let names = module.marked_exports.as_ref()?;
            let shortened = ShortenedNames {
                names: names
                    .iter()
                    .enumerate()
                    .map(|(index, name)| (name.clone(), short_name(index)))
                    .collect(),
                written: star_targets
                    .contains(module.id.as_str())
                    .then(|| serde_json::to_string(names).expect("strings serialise")),
            };
            Some((module.id.clone(), shortened))
        })
        .collect()
}

/// The `index`th of `a`, `b`, … `Z`, `$`, `_`, `aa`, `ba`, … `_a`, `ab`, …
fn short_name(mut index: usize) -> String {
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$_";
    const NEXT: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$_0123456789";
    let mut name = vec![FIRST[index % FIRST.len()]];
    index /= FIRST.len();
    while index > 0 {
        index -= 1;
        name.push(NEXT[index % NEXT.len()]);
        index /= NEXT.len();
    }
    String::from_utf8(name).expect("ASCII")
}

fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.encode_utf16().count()
    }
}

/// `mappings` with each column past a replacement on its line moved by the change in
/// length; both lists are in order of position.
fn shift_mappings(mappings: &[Mapping], shifts: &[(u32, u32, i64)]) -> Vec<Mapping> {
    let mut shifted = Vec::with_capacity(mappings.len());
    let mut next = 0;
    let (mut line, mut delta) = (u32::MAX, 0i64);
    for mapping in mappings {
        if mapping.generated_line != line {
            line = mapping.generated_line;
            delta = 0;
            while next < shifts.len() && shifts[next].0 < line {
                next += 1;
            }
        }
        while next < shifts.len()
            && shifts[next].0 == line
            && shifts[next].1 <= mapping.generated_column
        {
            delta += shifts[next].2;
            next += 1;
        }
        shifted.push(Mapping {
            generated_column: (i64::from(mapping.generated_column) + delta) as u32,
            ..*mapping
        });
    }
    shifted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::module_graph::ModuleBody;

    fn mapping(generated_line: u32, generated_column: u32) -> Mapping {
        Mapping {
            generated_line,
            generated_column,
            original_line: 0,
            original_column: 0,
        }
    }

    fn module_of(dependencies: &[&str]) -> Module {
        let mut module = Module::new("src/b.js".to_string(), ModuleBody::External(String::new()));
        module.dependencies = dependencies
            .iter()
            .map(|id| (id.to_string(), DependencyKind::Static))
            .collect();
        module
    }

    #[test]
    fn markers_become_ids_and_mappings_follow() {
        let module = module_of(&["src/a.js", "@swc/helpers/_/_export_star"]);
        let code = format!(
            "let é=require(\"{}\"),b=require('{}');\nb(é,\"__vnext_dependency_x__\");require(\"{}\")",
            dependency_marker(0),
            dependency_marker(1),
            dependency_marker(0),
        );
        // At `é`, after the first marker, at the second and after it, then on the next line.
        let mappings = [
            mapping(0, 4),
            mapping(0, 38),
            mapping(0, 50),
            mapping(0, 74),
            mapping(1, 0),
            mapping(1, 62),
        ];
        let graph_ids = ModuleIds {
            numbers: Some(HashMap::from([("src/a.js".to_string(), 417)])),
            export_names: HashMap::new(),
        };
        let (filled, shifted) = graph_ids.fill(&code, &mappings, &module);
        assert_eq!(
            filled,
            "let é=require(417),b=require(\"@swc/helpers/_/_export_star\");\nb(é,\"__vnext_dependency_x__\");require(417)"
        );
        // A quoted marker is 24 UTF-16 units long: the number is 21 shorter, the helper's
        // name 5 longer.
        let columns: Vec<(u32, u32)> = shifted
            .iter()
            .map(|mapping| (mapping.generated_line, mapping.generated_column))
            .collect();
        assert_eq!(
            columns,
            [(0, 4), (0, 17), (0, 29), (0, 58), (1, 0), (1, 41)]
        );
    }

    #[test]
    fn export_markers_become_the_shortened_names() {
        let mut module = module_of(&["src/a.js", "src/c.cjs"]);
        module.import_slots = vec![Some(1), Some(0)];
        let renamed = |names: &[(&str, &str)], written: Option<&str>| ShortenedNames {
            names: names
                .iter()
                .map(|(old, new)| (old.to_string(), new.to_string()))
                .collect(),
            written: written.map(str::to_string),
        };
        let graph_ids = ModuleIds {
            numbers: None,
            export_names: HashMap::from([
                ("src/a.js".to_string(), renamed(&[("Vector3", "a")], None)),
                (
                    "src/b.js".to_string(),
                    renamed(
                        &[("Box", "a"), ("default", "b")],
                        Some("[\"Box\",\"default\"]"),
                    ),
                ),
            ]),
        };
        let code = "require.e(exports,{__vnext_export_Box__:()=>c,__vnext_export_default__:()=>d},__vnext_written_names__);\
            c.__vnext_import_1_Vector3__(c.__vnext_import_1_Unknown__,e.__vnext_import_0_Vector3__);\
            x__vnext_import_1_Vector3__;__vnext_export_";
        let (filled, _) = graph_ids.fill(code, &[], &module);
        assert_eq!(
            filled,
            "require.e(exports,{a:()=>c,b:()=>d},[\"Box\",\"default\"]);c.a(c.Unknown,e.Vector3);x__vnext_import_1_Vector3__;__vnext_export_"
        );

        // Names no `export *` copies are not written out.
        module.id = "src/a.js".to_string();
        let code = "require.e(exports, {\n    __vnext_export_Vector3__: ()=>c\n}, __vnext_written_names__);";
        let (filled, _) = graph_ids.fill(code, &[], &module);
        assert_eq!(filled, "require.e(exports, {\n    a: ()=>c\n});");
    }

    #[test]
    fn short_names_grow_a_letter_at_a_time() {
        let names: Vec<String> = [0, 25, 26, 53, 54, 55, 2 * 54].map(short_name).into();
        assert_eq!(names, ["a", "z", "A", "_", "aa", "ba", "ab"]);
    }
}
