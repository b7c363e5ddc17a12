//! The bundler corpus: each folder under `tests/corpus/` is a small project with an
//! `entry.*` file (or the entries and platform in `case.json`). A case that bundles has
//! `expected.txt`, what the bundle prints when Node runs it; a case that must fail has
//! `errors.snap.txt`, the diagnostics as the CLI prints them. `UPDATE_SNAPSHOTS=1`
//! rewrites either file from what the bundler does now.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use vnext_bundler::{Bundler, BundlerOptions, Platform};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    entries: Option<Vec<PathBuf>>,
    platform: Option<String>,
    #[serde(default)]
    env: HashMap<String, String>,
}

#[test]
fn corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut cases: Vec<PathBuf> = fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for dir in &cases {
        if let Err(message) = run_case(dir, update) {
            failures.push(format!(
                "{}: {message}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

fn run_case(dir: &Path, update: bool) -> Result<(), String> {
    let case: Case = match fs::read_to_string(dir.join("case.json")) {
        Ok(text) => serde_json::from_str(&text).map_err(|error| format!("case.json: {error}"))?,
        Err(_) => Case {
            entries: None,
            platform: None,
            env: HashMap::new(),
        },
    };
    let entries = match case.entries {
        Some(entries) => entries,
        None => vec![find_entry(dir)?],
    };
    let bundler = Bundler::new(BundlerOptions {
        root: dir.to_path_buf(),
        platform: case
            .platform
            .as_deref()
            .unwrap_or("node")
            .parse::<Platform>()?,
        env: case.env,
    });
    let output = bundler.bundle(&entries);

    let (snapshot, actual) = if output.has_errors() {
        let text: Vec<String> = output.diagnostics.iter().map(ToString::to_string).collect();
        ("errors.snap.txt", text.join("\n\n") + "\n")
    } else {
        let out_dir = std::env::temp_dir().join(format!(
            "vnext-corpus-{}-{}",
            std::process::id(),
            dir.file_name().unwrap().to_string_lossy()
        ));
        let _ = fs::remove_dir_all(&out_dir);
        output
            .write_to(&out_dir)
            .map_err(|error| error.to_string())?;
        let main = out_dir.join(&output.files[0].path);
        let run = Command::new("node")
            .arg(&main)
            .output()
            .map_err(|error| format!("running node: {error}"))?;
        let _ = fs::remove_dir_all(&out_dir);
        if !run.status.success() {
            return Err(format!(
                "node exited with {}:\n{}",
                run.status,
                String::from_utf8_lossy(&run.stderr)
            ));
        }
        (
            "expected.txt",
            String::from_utf8_lossy(&run.stdout).into_owned(),
        )
    };

    let path = dir.join(snapshot);
    if update {
        fs::write(&path, &actual).map_err(|error| error.to_string())?;
        return Ok(());
    }
    let expected = fs::read_to_string(&path)
        .map_err(|_| format!("no {snapshot}; the bundle gave:\n{actual}"))?;
    if expected != actual {
        return Err(format!(
            "{snapshot} differs.\n--- expected\n{expected}\n--- actual\n{actual}"
        ));
    }
    Ok(())
}

fn find_entry(dir: &Path) -> Result<PathBuf, String> {
    [
        "entry.js",
        "entry.mjs",
        "entry.cjs",
        "entry.ts",
        "entry.tsx",
        "entry.jsx",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|name| dir.join(name).is_file())
    .ok_or_else(|| "no entry file and no case.json".to_string())
}
