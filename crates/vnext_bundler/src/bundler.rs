//! The long-lived bundler: it owns the resolver (and its caches) for one project and
//! platform, and each `bundle` call is a pass over the entries.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use vnext_diagnostics::Diagnostic;
use vnext_transform::{TransformOptions, minify_script};

use crate::chunk_writer::{REGISTRY, write_entry_chunk};
use crate::module_graph::{GraphContext, build_graph};
use crate::module_resolver::ModuleResolver;
use crate::platform::Platform;

#[derive(Debug, Clone)]
pub struct BundlerOptions {
    /// Module ids and messages are relative to it.
    pub root: PathBuf,
    pub platform: Platform,
    /// `process.env.*` values to inline; `NODE_ENV` defaults to `production`.
    pub env: HashMap<String, String>,
    /// Compress and mangle every module, and the runtime, with swc's minifier.
    pub minify: bool,
}

/// One output file, its path relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub code: String,
}

#[derive(Debug, Default)]
pub struct BundleOutput {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl BundleOutput {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Writes the files into `out_dir`, creating it; each file is written beside its
    /// final name and renamed over it, so a reader never sees half a file.
    pub fn write_to(&self, out_dir: &Path) -> io::Result<()> {
        for file in &self.files {
            let target = out_dir.join(&file.path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            let staging = target.with_extension("js.partial");
            fs::write(&staging, &file.code)?;
            fs::rename(&staging, &target)?;
        }
        Ok(())
    }
}

pub struct Bundler {
    root: PathBuf,
    resolver: ModuleResolver,
    transform: TransformOptions,
    /// The registry runtime every chunk starts with, minified once when asked.
    runtime: String,
}

impl Bundler {
    pub fn new(options: BundlerOptions) -> Self {
        let mut env = options.env;
        env.entry("NODE_ENV".to_string())
            .or_insert_with(|| "production".to_string());
        let runtime = if options.minify {
            minify_script("registry.js", REGISTRY)
                .expect("the registry runtime is valid JavaScript")
        } else {
            REGISTRY.to_string()
        };
        Self {
            root: options.root,
            resolver: ModuleResolver::new(options.platform),
            transform: TransformOptions {
                env,
                minify: options.minify,
            },
            runtime,
        }
    }

    /// Bundles each entry (paths relative to the root, or absolute) into `<name>.js`.
    pub fn bundle(&self, entries: &[PathBuf]) -> BundleOutput {
        let mut output = BundleOutput::default();
        let mut paths = Vec::new();
        let mut names: HashMap<String, PathBuf> = HashMap::new();
        for entry in entries {
            let path = self.root.join(entry);
            let name = format!(
                "{}.js",
                path.file_stem().unwrap_or_default().to_string_lossy()
            );
            if let Some(earlier) = names.insert(name.clone(), entry.clone()) {
                output.diagnostics.push(Diagnostic::error(
                    "duplicate-entry-name",
                    format!(
                        "Entries {} and {} would both be written to {name}; rename one of them",
                        earlier.display(),
                        entry.display()
                    ),
                    vec![earlier.display().to_string(), entry.display().to_string()],
                ));
            }
            match path.canonicalize() {
                Ok(path) => paths.push((name, path)),
                Err(error) => output.diagnostics.push(Diagnostic::error(
                    "entry-not-found",
                    format!("Can't read entry {}: {error}", entry.display()),
                    vec![entry.display().to_string()],
                )),
            }
        }
        if output.has_errors() {
            return output;
        }

        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let context = GraphContext {
            root: &root,
            resolver: &self.resolver,
            transform: &self.transform,
        };
        let entry_paths: Vec<PathBuf> = paths.iter().map(|(_, path)| path.clone()).collect();
        let graph = build_graph(&entry_paths, &context);
        output.diagnostics.extend(graph.diagnostics.iter().cloned());
        if output.has_errors() {
            return output;
        }
        for ((name, _), entry_id) in paths.iter().zip(&graph.entry_ids) {
            output.files.push(OutputFile {
                path: name.clone(),
                code: write_entry_chunk(&graph, entry_id, &self.runtime),
            });
        }
        output
    }
}
