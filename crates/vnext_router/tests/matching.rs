//! The shared match vectors, against the Rust matcher. The JS matcher runs the
//! same file in `__tests__/route-matcher.test.js`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{Value, json};
use vnext_router::{CompileOptions, RouteManifest, compile_routes};

#[test]
fn rust_matcher_agrees_with_the_vectors() {
    let tests = manifest_dir().join("tests");
    let vectors: Value =
        serde_json::from_str(&std::fs::read_to_string(tests.join("match_vectors.json")).unwrap())
            .unwrap();
    let mut manifests: BTreeMap<String, RouteManifest> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in vectors["cases"].as_array().unwrap() {
        let fixture = case["fixture"].as_str().unwrap();
        let manifest = manifests.entry(fixture.to_string()).or_insert_with(|| {
            compile_routes(
                &tests.join("fixtures").join(fixture),
                &CompileOptions::default(),
            )
            .unwrap()
        });
        let path = case["path"].as_str().unwrap();
        let actual = match manifest.matcher.match_path(path) {
            Err(_) => json!({ "route": "decode-error" }),
            Ok(None) => json!({ "route": null }),
            Ok(Some(found)) => json!({
                "route": manifest.routes[found.route].path,
                "params": found.params,
            }),
        };
        let mut expected = json!({ "route": case["route"] });
        if let Some(params) = case.get("params") {
            expected["params"] = params.clone();
        }
        if actual != expected {
            failures.push(format!(
                "{fixture} {path}: expected {expected}, got {actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The crate's folder, read when the test runs: a target folder shared between two
/// checkouts reuses test binaries, and `env!` would name the other checkout.
fn manifest_dir() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
}
