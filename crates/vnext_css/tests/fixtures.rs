//! Each folder under `tests/fixtures/` holds an `entry.css` or `entry.module.css`;
//! `output.snap.txt` is what compiling it gives: the CSS and the module JavaScript
//! stands for it, or the diagnostic. `UPDATE_SNAPSHOTS=1` rewrites the snapshots.

use std::fs;
use std::path::PathBuf;

use vnext_css::{CssOptions, compile_stylesheet};

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
        let actual = match compile_stylesheet(entry, &source, CssOptions::default()) {
            Ok(compiled) => {
                let mut code = compiled.code;
                for url in &compiled.urls {
                    code = code.replace(
                        &url.placeholder,
                        &format!("[{}:{}:{}]", url.url, url.line, url.column),
                    );
                }
                format!("{code}\n--- module\n{}", compiled.module_js)
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

/// The crate's folder, read when the test runs: a target folder shared between two
/// checkouts reuses test binaries, and `env!` would name the other checkout.
fn manifest_dir() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
}
