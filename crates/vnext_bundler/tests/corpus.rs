//! The bundler corpus: each folder under `tests/corpus/` is a small project with an
//! `entry.*` file (or the entries and platform in `case.json`). A case that bundles has
//! `expected.txt`, what the bundle prints when Node runs it, plain and minified alike;
//! a case that must fail has
//! `errors.snap.txt`, the diagnostics as the CLI prints them. A case with `"splitting":
//! true`, or whose bundle has stylesheets, also has `chunks.snap.txt`: the files, what
//! each carries and loads, and the CSS. Cases
//! on the `worker` platform also run in workerd (`__tests__/workerd.test.js`).
//! `UPDATE_SNAPSHOTS=1` rewrites these files from what the bundler does now.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use vnext_bundler::{BundleOutput, Bundler, BundlerOptions, Entry, Layer, Platform};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    entries: Option<Vec<PathBuf>>,
    platform: Option<String>,
    #[serde(default)]
    env: HashMap<String, String>,
    #[serde(default)]
    splitting: bool,
    /// Specifier → file relative to the case.
    #[serde(default)]
    alias: HashMap<String, PathBuf>,
}

#[test]
fn corpus() {
    let corpus = manifest_dir().join("tests/corpus");
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
            splitting: false,
            alias: HashMap::new(),
        },
    };
    let entries: Vec<Entry> = match case.entries {
        Some(entries) => entries,
        None => vec![find_entry(dir)?],
    }
    .into_iter()
    .map(|path| Entry {
        path,
        layer: Layer::Default,
    })
    .collect();
    let platform = case
        .platform
        .as_deref()
        .unwrap_or("node")
        .parse::<Platform>()?;
    let bundle = |minify| {
        let options = BundlerOptions {
            root: dir.to_path_buf(),
            platform,
            env: case.env.clone(),
            minify,
            splitting: case.splitting,
            // Plain bundles carry source maps, so every case runs that code too.
            source_map: !minify,
            public_path: "/static/".to_string(),
            stylesheet_preprocessor: None,
            css_targets: Default::default(),
            action_id_salt: String::new(),
            alias: case
                .alias
                .iter()
                .map(|(specifier, file)| (specifier.clone(), dir.join(file)))
                .collect(),
        };
        Bundler::new(options).bundle(&entries)
    };
    let output = bundle(false);

    let mut snapshots = Vec::new();
    if output.has_errors() {
        let text: Vec<String> = output.diagnostics.iter().map(ToString::to_string).collect();
        snapshots.push(("errors.snap.txt", text.join("\n\n") + "\n"));
    } else {
        let plain = run_in_node(dir, &output, "plain")?;
        let minified = run_in_node(dir, &bundle(true), "minified")?;
        if minified != plain {
            return Err(format!(
                "the minified bundle printed something else.\n--- plain\n{plain}\n--- minified\n{minified}"
            ));
        }
        snapshots.push(("expected.txt", plain));
        let has_css = output.files.iter().any(|file| file.path.ends_with(".css"));
        if case.splitting || has_css || !output.assets.is_empty() {
            snapshots.push(("chunks.snap.txt", describe_chunks(&output)));
        }
    }

    for (snapshot, actual) in snapshots {
        let path = dir.join(snapshot);
        if update {
            fs::write(&path, &actual).map_err(|error| error.to_string())?;
            continue;
        }
        let expected = fs::read_to_string(&path)
            .map_err(|_| format!("no {snapshot}; the bundle gave:\n{actual}"))?;
        if expected != actual {
            return Err(format!(
                "{snapshot} differs.\n--- expected\n{expected}\n--- actual\n{actual}"
            ));
        }
    }
    Ok(())
}

/// The output files and what each carries and loads, with content hashes written
/// `[hash]` so the snapshot follows the split, not the bytes.
fn describe_chunks(output: &BundleOutput) -> String {
    let unhash = |path: &str| match path.rsplit_once('-') {
        Some((stem, hash)) if hash.len() == "0123456789abcdef.js".len() => {
            format!("{stem}-[hash].js")
        }
        Some((stem, hash)) if hash.len() == "0123456789abcdef.css".len() => {
            format!("{stem}-[hash].css")
        }
        _ => path.to_string(),
    };
    let list = |paths: &[String]| {
        paths
            .iter()
            .map(|path| unhash(path))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = String::new();
    for file in &output.files {
        text += &unhash(&file.path);
        text += "\n";
        if let Some(entry) = &file.entry {
            text += &format!("  entry: {}\n", entry.display());
        }
        if !file.imports.is_empty() {
            text += &format!("  imports: {}\n", list(&file.imports));
        }
        if !file.dynamic_imports.is_empty() {
            text += &format!("  dynamic imports: {}\n", list(&file.dynamic_imports));
        }
        if !file.modules.is_empty() {
            text += &format!("  modules: {}\n", file.modules.join(", "));
        }
        if !file.css.is_empty() {
            text += &format!("  css: {}\n", list(&file.css));
        }
        if file.path.ends_with(".css") {
            text += &format!("  | {}\n", file.code.trim_end().replace('\n', "\n  | "));
        }
    }
    for asset in &output.assets {
        text += &format!("{} ({} bytes)\n", asset.path, asset.bytes.len());
    }
    text
}

/// Writes the bundle to a temp folder and runs its entries with Node; their stdout.
fn run_in_node(dir: &Path, output: &BundleOutput, variant: &str) -> Result<String, String> {
    if output.has_errors() {
        return Err(format!(
            "the {variant} bundle failed: {:?}",
            output.diagnostics
        ));
    }
    let name = dir.file_name().unwrap().to_string_lossy();
    let out_dir = std::env::temp_dir().join(format!(
        "vnext-corpus-{}-{name}-{variant}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&out_dir);
    output
        .write_to(&out_dir)
        .map_err(|error| error.to_string())?;
    // One process imports every entry in order, as one page runs its scripts; the
    // entries' paths are its arguments (`process.argv[1]` is the first).
    let entries: Vec<PathBuf> = output
        .files
        .iter()
        .filter(|file| file.entry.is_some())
        .map(|file| out_dir.join(&file.path))
        .collect();
    // `.wasm` imports load as `vnext start --runtime node` loads them.
    let wasm_hooks = manifest_dir().join("../../lib/start/wasm-hooks.js");
    let register_hooks = format!(
        "data:text/javascript,import {{ register }} from 'node:module'; register({:?})",
        format!("file://{}", wasm_hooks.display())
    );
    let run = Command::new("node")
        .args(["--import", &register_hooks])
        .args([
            "--input-type=module",
            "--eval",
            "for (const entry of process.argv.slice(1)) await import(entry)",
        ])
        .args(&entries)
        .output();
    let _ = fs::remove_dir_all(&out_dir);
    let run = run.map_err(|error| format!("running node: {error}"))?;
    if !run.status.success() {
        return Err(format!(
            "node exited with {} ({variant}):\n{}",
            run.status,
            String::from_utf8_lossy(&run.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&run.stdout).into_owned())
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

/// The crate's folder, read when the test runs: a target folder shared between two
/// checkouts reuses test binaries, and `env!` would name the other checkout.
fn manifest_dir() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo test sets CARGO_MANIFEST_DIR"),
    )
}
