//! Data-driven tests: each folder in `tests/fixtures/` is an app. Its compiled
//! manifest (or its errors) must equal the checked-in snapshot beside it.
//! `UPDATE_SNAPSHOTS=1 cargo test` rewrites the snapshots; review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use vnext_router::{CompileOptions, compile_routes};

const MANIFEST_SNAPSHOT: &str = "manifest.snap.json";
const ERRORS_SNAPSHOT: &str = "errors.snap.txt";

fn options_for(fixture: &Path) -> CompileOptions {
    let mut options = CompileOptions::default();
    if let Ok(text) = fs::read_to_string(fixture.join("options.json")) {
        let value: serde_json::Value = serde_json::from_str(&text).expect("options.json is JSON");
        if let Some(extensions) = value["pageExtensions"].as_array() {
            options.page_extensions = extensions
                .iter()
                .filter_map(|e| e.as_str().map(String::from))
                .collect();
        }
    }
    options
}

/// What a fixture compiles to, and the snapshot file that holds it.
fn render(fixture: &Path) -> (&'static str, String) {
    match compile_routes(fixture, &options_for(fixture)) {
        Ok(manifest) => (
            MANIFEST_SNAPSHOT,
            serde_json::to_string_pretty(&manifest).unwrap() + "\n",
        ),
        Err(diagnostics) => {
            let text: Vec<String> = diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "[{:?}] {}\nfiles: {}\n{d}\n",
                        d.severity,
                        d.code,
                        d.files.join(", ")
                    )
                })
                .collect();
            (ERRORS_SNAPSHOT, text.join("\n"))
        }
    }
}

#[test]
fn fixtures_match_their_snapshots() {
    let root = manifest_dir().join("tests/fixtures");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut fixtures: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    fixtures.sort();
    assert!(
        fixtures.len() >= 40,
        "expected at least 40 fixtures, found {}",
        fixtures.len()
    );

    let mut failures = Vec::new();
    for fixture in &fixtures {
        let name = fixture.file_name().unwrap().to_string_lossy().to_string();
        let (snapshot_name, actual) = render(fixture);
        if name.starts_with("error-") != (snapshot_name == ERRORS_SNAPSHOT) {
            failures.push(format!(
                "{name}: error fixtures must fail and others must compile"
            ));
        }
        let snapshot = fixture.join(snapshot_name);
        if update {
            for stale in [MANIFEST_SNAPSHOT, ERRORS_SNAPSHOT] {
                let _ = fs::remove_file(fixture.join(stale));
            }
            fs::write(&snapshot, &actual).unwrap();
            continue;
        }
        match fs::read_to_string(&snapshot) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!("{name}: output differs from {snapshot_name}\n--- expected\n{expected}\n--- actual\n{actual}")),
            Err(_) => failures.push(format!("{name}: no {snapshot_name}; run with UPDATE_SNAPSHOTS=1\n{actual}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The crate's folder, read when the test runs: a target folder shared between two
/// checkouts reuses test binaries, and `env!` would name the other checkout.
fn manifest_dir() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
}
