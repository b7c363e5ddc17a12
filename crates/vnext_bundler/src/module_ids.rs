//! What each module is called in the code the bundler writes. A module is printed
//! before the graph is complete, so it names its dependencies by marker (the `"…3…"`
//! of [`dependency_marker`] is its fourth dependency) and the chunk writer puts in the
//! final ids. Readable output keeps ids as paths from the root. Minified output numbers
//! modules in the order of their sorted paths: the same modules get the same numbers
//! in every build, so an edit renames only the chunks whose code changed, while adding
//! or removing a module renumbers the modules after it. Against paths, three.js × 10
//! comes out 1.4% smaller gzipped (the bench's 5,000 TSX modules, whose short paths
//! repeat their components' names, 1% larger). Numbers hashed from each path, as
//! webpack's deterministic ids are, would survive additions too, but cost 0.7 points
//! on three.js and 4 on the TSX modules: random digits do not compress.

use std::collections::HashMap;

use memchr::memmem;
use vnext_diagnostics::Mapping;
use vnext_transform::DependencyKind;

use crate::chunk_writer::js_string;
use crate::module_graph::ModuleGraph;

const MARKER_START: &str = "__vnext_dependency_";

/// How a module's code names its dependency `index` (of [`crate::module_graph::Module::dependencies`])
/// until the chunk writer fills in the id.
pub(crate) fn dependency_marker(index: usize) -> String {
    format!("{MARKER_START}{index}__")
}

pub(crate) struct ModuleIds {
    /// Set when ids are numbers; an id not in the graph (a registry built-in such as a
    /// swc helper) keeps its name.
    numbers: Option<HashMap<String, usize>>,
}

impl ModuleIds {
    pub(crate) fn new(graph: &ModuleGraph, numbered: bool) -> Self {
        if !numbered {
            return Self { numbers: None };
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

    /// `code`, a module's, with each dependency marker (quoted, as the printer left it)
    /// replaced by the id of that entry of `dependencies`, and `mappings` moved along
    /// the lines where the text got shorter or longer.
    pub(crate) fn fill(
        &self,
        code: &str,
        mappings: &[Mapping],
        dependencies: &[(String, DependencyKind)],
    ) -> (String, Vec<Mapping>) {
        let finder = memmem::Finder::new(MARKER_START);
        let mut filled = String::with_capacity(code.len());
        // `(line, column after the marker in `code`, change in length)` of each
        // replacement, in order, for the mappings.
        let mut shifts: Vec<(u32, u32, i64)> = Vec::new();
        let (mut line, mut line_start) = (0u32, 0usize);
        let mut copied = 0;
        for start in finder.find_iter(code.as_bytes()) {
            let Some((end, index)) = marker_at(code, start) else {
                continue;
            };
            let Some((id, _)) = dependencies.get(index) else {
                continue;
            };
            // With its quotes.
            let (start, end) = (start - 1, end + 1);
            filled.push_str(&code[copied..start]);
            let id = self.code(id);
            filled.push_str(&id);
            copied = end;
            if !mappings.is_empty() {
                let before = &code[line_start..start];
                if let Some(last) = before.rfind('\n') {
                    line += memchr::memchr_iter(b'\n', before.as_bytes()).count() as u32;
                    line_start += last + 1;
                }
                let column = utf16_len(&code[line_start..end]) as u32;
                shifts.push((line, column, id.len() as i64 - (end - start) as i64));
            }
        }
        filled.push_str(&code[copied..]);
        (filled, shift_mappings(mappings, &shifts))
    }
}

/// For a marker whose text starts at `start`, just after its opening quote: where the
/// text ends (before the closing quote) and the dependency index; `None` for text that
/// only looks like a marker.
fn marker_at(code: &str, start: usize) -> Option<(usize, usize)> {
    let quote = *code.as_bytes().get(start.checked_sub(1)?)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let after = &code[start + MARKER_START.len()..];
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let index = after[..digits].parse().ok()?;
    let rest = &after[digits..];
    if !rest.starts_with("__") || rest.as_bytes().get(2) != Some(&quote) {
        return None;
    }
    Some((start + MARKER_START.len() + digits + 2, index))
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

    fn mapping(generated_line: u32, generated_column: u32) -> Mapping {
        Mapping {
            generated_line,
            generated_column,
            original_line: 0,
            original_column: 0,
        }
    }

    #[test]
    fn markers_become_ids_and_mappings_follow() {
        let dependencies = vec![
            ("src/a.js".to_string(), DependencyKind::Static),
            (
                "@swc/helpers/_/_export_star".to_string(),
                DependencyKind::Static,
            ),
        ];
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
        };
        let (filled, shifted) = graph_ids.fill(&code, &mappings, &dependencies);
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
}
