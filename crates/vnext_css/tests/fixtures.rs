//! Each folder under `tests/fixtures/` holds an `entry.css` or `entry.module.css`;
//! `output.snap.txt` is what compiling it gives: the CSS (each `url()` shown with
//! where it was), the module JavaScript that stands for it and the source mappings,
//! or the diagnostic. `UPDATE_SNAPSHOTS=1` rewrites the snapshots.

use std::fs;
use std::path::PathBuf;

use vnext_css::{CssOptions, compile_stylesheet};
use vnext_diagnostics::Mapping;

#[test]
fn fixtures() {
    let fixtures = manifest_dir().join("tests/fixtures");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut cases: Vec<PathBuf> = fs::read_dir(&fixtures)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for dir in &cases {
        let entry = ["entry.css", "entry.module.css"]
            .into_iter()
            .find(|name| dir.join(name).is_file())
            .expect("an entry.css or entry.module.css");
        let source = fs::read_to_string(dir.join(entry)).unwrap();
        let options = CssOptions {
            source_map: true,
            ..CssOptions::default()
        };
        let actual = match compile_stylesheet(entry, &source, &[], options) {
            Ok(compiled) => {
                let (code, mappings) =
                    compiled.with_urls(|url| format!("[{}:{}:{}]", url.url, url.line, url.column));
                let mappings = describe_mappings(&code, &source, &mappings);
                format!(
                    "{code}\n--- module\n{}--- mappings\n{mappings}",
                    compiled.module_js
                )
            }
            Err(diagnostic) => format!("{diagnostic}\n"),
        };
        let snapshot = dir.join("output.snap.txt");
        if update {
            fs::write(&snapshot, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&snapshot).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}\n--- expected\n{expected}\n--- actual\n{actual}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// One line per mapping: the printed text from there and the source text it came from
/// (up to eight characters of each), so a snapshot shows whether they agree.
fn describe_mappings(code: &str, source: &str, mappings: &[Mapping]) -> String {
    let at = |text: &str, line: u32, column: u32| -> String {
        let line = text.lines().nth(line as usize).unwrap_or_default();
        line.get(column as usize..)
            .unwrap_or_default()
            .chars()
            .take(8)
            .collect()
    };
    mappings
        .iter()
        .map(|mapping| {
            format!(
                "{}:{} {:?} <- {}:{} {:?}\n",
                mapping.generated_line,
                mapping.generated_column,
                at(code, mapping.generated_line, mapping.generated_column),
                mapping.original_line,
                mapping.original_column,
                at(source, mapping.original_line, mapping.original_column),
            )
        })
        .collect()
}

/// The crate's folder, read when the test runs: a target folder shared between two
/// checkouts reuses test binaries, and `env!` would name the other checkout.
fn manifest_dir() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
}
