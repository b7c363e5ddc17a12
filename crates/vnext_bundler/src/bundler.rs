//! The long-lived bundler: it owns the resolver (and its caches) for one project and
//! platform, and each `bundle` call is a pass over the entries.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use vnext_css::{BrowserTargets, CssOptions};
use vnext_diagnostics::Diagnostic;
use vnext_transform::{TransformOptions, minify_script};

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use crate::asset::Asset;
use crate::async_modules::mark_async_importers;
use crate::chunk_graph::{ChunkGraph, ChunkKind, Side, split_chunks};
use crate::chunk_writer::{REGISTRY, WrittenChunk, fill_placeholders, write_chunk};
use crate::layer::Layer;
use crate::module_cache::ModuleCache;
use crate::module_graph::{GraphContext, build_graph};
use crate::module_ids::ModuleIds;
use crate::module_resolver::{ModuleResolver, RSC_MANIFESTS};
use crate::platform::Platform;
use crate::side_effects::PackageSideEffects;
use crate::stylesheet_writer::{ChunkStylesheet, write_stylesheets};
use crate::unused_reexports::drop_unused_reexports;

/// Runs on every stylesheet before lightningcss: the app's PostCSS plugins, which the
/// binding calls in JavaScript. The error is the message to show.
pub trait StylesheetPreprocessor: Send + Sync {
    fn preprocess(&self, file: &Path, source: &str) -> Result<String, String>;
}

#[derive(Clone)]
pub struct BundlerOptions {
    /// Module ids and messages are relative to it.
    pub root: PathBuf,
    pub platform: Platform,
    /// `process.env.*` values to inline; `NODE_ENV` defaults to `production`.
    pub env: HashMap<String, String>,
    /// Compress and mangle every module, and the runtime, with swc's minifier.
    pub minify: bool,
    /// Split shared code and `import()` targets into chunks of their own (see
    /// [`crate::chunk_graph`]); otherwise each entry is one self-contained file.
    pub splitting: bool,
    /// Write `<file>.map` beside each output file, mapping it back to the sources.
    pub source_map: bool,
    /// The URL the output folder is served at (`/` by default); assets' URLs start
    /// with it.
    pub public_path: String,
    pub stylesheet_preprocessor: Option<Arc<dyn StylesheetPreprocessor>>,
    /// The browsers stylesheets are lowered for.
    pub css_targets: BrowserTargets,
    /// The secret hashed into server action ids, so that they cannot be computed from
    /// the source; `vnext build` passes the build's encryption key, as Next does.
    pub action_id_salt: String,
    /// Specifier → file, resolved before packages (`next/link` → vnext's own).
    pub alias: Vec<(String, PathBuf)>,
}

/// A module to bundle and the layer it starts in.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Relative to the root, or absolute.
    pub path: PathBuf,
    pub layer: Layer,
}

/// One output file; paths are relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub code: String,
    /// Its source map, written to `<path>.map`.
    pub source_map: Option<String>,
    /// The entry it runs, as given to [`Bundler::bundle`].
    pub entry: Option<PathBuf>,
    /// For an entry, every file it loads before running; with the entry itself, this
    /// is what a page must download to run it.
    pub imports: Vec<String>,
    /// Files an `import()` in it may load.
    pub dynamic_imports: Vec<String>,
    /// Ids of the modules it carries.
    pub modules: Vec<String>,
    /// Stylesheets to link, in order: for an entry, those of every file it loads and
    /// its own; for a chunk, its own.
    pub css: Vec<String>,
}

#[derive(Debug, Default)]
pub struct BundleOutput {
    pub files: Vec<OutputFile>,
    /// Images, fonts and media, copied as they are.
    pub assets: Vec<Asset>,
    /// Modules taken unchanged from earlier builds by the same `Bundler`.
    pub reused_modules: usize,
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
            write_whole(&target, file.code.as_bytes())?;
            if let Some(map) = &file.source_map {
                write_whole(&out_dir.join(format!("{}.map", file.path)), map.as_bytes())?;
            }
        }
        for asset in &self.assets {
            let target = out_dir.join(&asset.path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            write_whole(&target, &asset.bytes)?;
        }
        Ok(())
    }
}

fn write_whole(target: &Path, contents: &[u8]) -> io::Result<()> {
    let mut staging = target.as_os_str().to_owned();
    staging.push(".partial");
    fs::write(&staging, contents)?;
    fs::rename(&staging, target)
}

pub struct Bundler {
    root: PathBuf,
    platform: Platform,
    resolver: ModuleResolver,
    transform: TransformOptions,
    splitting: bool,
    public_path: String,
    stylesheet_preprocessor: Option<Arc<dyn StylesheetPreprocessor>>,
    stylesheet: CssOptions,
    cache: ModuleCache,
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
            resolver: ModuleResolver::new(&options.root, options.platform, &options.alias),
            root: options.root,
            platform: options.platform,
            transform: TransformOptions {
                env,
                minify: options.minify,
                source_map: options.source_map,
                action_id_salt: options.action_id_salt,
            },
            splitting: options.splitting,
            public_path: options.public_path,
            stylesheet_preprocessor: options.stylesheet_preprocessor,
            stylesheet: CssOptions {
                minify: options.minify,
                targets: options.css_targets,
                source_map: options.source_map,
            },
            cache: ModuleCache::default(),
            runtime,
        }
    }

    /// Bundles each entry into `<name>.js` (`client/<name>.js` for the `client` layer).
    pub fn bundle(&self, entries: &[Entry]) -> BundleOutput {
        let mut output = BundleOutput::default();
        let mut paths = Vec::new();
        let mut names: HashMap<String, PathBuf> = HashMap::new();
        for entry in entries {
            let path = self.root.join(&entry.path);
            let name = format!(
                "{}.js",
                path.file_stem().unwrap_or_default().to_string_lossy()
            );
            let file = format!("{}{name}", Side::of(entry.layer).folder());
            if let Some(earlier) = names.insert(file.clone(), entry.path.clone()) {
                output.diagnostics.push(Diagnostic::error(
                    "duplicate-entry-name",
                    format!(
                        "Entries {} and {} would both be written to {file}; rename one of them",
                        earlier.display(),
                        entry.path.display()
                    ),
                    vec![
                        earlier.display().to_string(),
                        entry.path.display().to_string(),
                    ],
                ));
            }
            match path.canonicalize() {
                Ok(path) => paths.push((name, (entry.layer, path))),
                Err(error) => output.diagnostics.push(Diagnostic::error(
                    "entry-not-found",
                    format!("Can't read entry {}: {error}", entry.path.display()),
                    vec![entry.path.display().to_string()],
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
            public_path: &self.public_path,
            stylesheet_preprocessor: self.stylesheet_preprocessor.as_deref(),
            stylesheet: self.stylesheet,
            cache: &self.cache,
            side_effects: &PackageSideEffects::default(),
        };
        // Files may have come or gone since the last build.
        self.resolver.clear_cache();
        let entry_paths: Vec<(Layer, PathBuf)> =
            paths.iter().map(|(_, entry)| entry.clone()).collect();
        let mut graph = build_graph(&entry_paths, &context);
        output.diagnostics.extend(graph.diagnostics.iter().cloned());
        if output.has_errors() {
            return output;
        }
        drop_unused_reexports(&mut graph);
        mark_async_importers(&mut graph);
        let named_entries: Vec<(String, String)> = paths
            .iter()
            .zip(&graph.entry_ids)
            .map(|((name, _), id)| (name.clone(), id.clone()))
            .collect();
        let chunks = split_chunks(&graph, &named_entries, self.splitting);
        let stylesheets = write_stylesheets(&graph, &chunks, self.transform.source_map);
        // In a browser, loading a chunk links its stylesheet too.
        let links_css: Vec<bool> = chunks
            .chunks
            .iter()
            .zip(&stylesheets)
            .map(|(chunk, stylesheet)| {
                let in_browser = chunk.side == Side::Browser || self.platform == Platform::Browser;
                let in_worker = matches!(chunk.kind, ChunkKind::Worker { .. });
                in_browser && !in_worker && stylesheet.is_some()
            })
            .collect();
        let ids = ModuleIds::new(&graph, self.transform.minify);
        let written: Vec<WrittenChunk> = (0..chunks.chunks.len())
            .into_par_iter()
            .map(|index| {
                let source_map = self.transform.source_map;
                write_chunk(
                    &graph,
                    &ids,
                    &chunks,
                    index,
                    &self.runtime,
                    &links_css,
                    source_map,
                )
            })
            .collect();
        let names = file_names(&chunks, &written, &stylesheets);
        for (index, (chunk, written)) in chunks.chunks.iter().zip(written).enumerate() {
            let mut code = fill_placeholders(
                &written.code,
                |chunk| &names[chunk],
                |chunk| stylesheets[chunk].as_ref().map(|sheet| sheet.name.as_str()),
            );
            let source_map = written.source_map.map(|map| {
                let _ = writeln!(code, "//# sourceMappingURL={}.map", names[index]);
                map.finish(&names[index])
            });
            let entry = match &chunk.kind {
                ChunkKind::Entry { module_id, .. } => graph
                    .entry_ids
                    .iter()
                    .position(|id| id == module_id)
                    .map(|position| entries[position].path.clone()),
                _ => None,
            };
            // Paths from the output folder; a chunk only names chunks of its own side.
            let path_of = |index: usize| format!("{}{}", chunk.side.folder(), names[index]);
            output.files.push(OutputFile {
                path: path_of(index),
                code,
                source_map,
                entry,
                imports: chunks
                    .runtime_of(index)
                    .iter()
                    .chain(&chunk.imports)
                    .map(|&index| path_of(index))
                    .collect(),
                dynamic_imports: chunk
                    .dynamic_imports
                    .iter()
                    .flat_map(|(_, carriers)| carriers)
                    .map(|&index| path_of(index))
                    .collect::<BTreeSet<String>>()
                    .into_iter()
                    .collect(),
                modules: chunk.modules.clone(),
                css: chunks
                    .runtime(chunk.side)
                    .iter()
                    .chain(&chunk.imports)
                    .chain([&index])
                    .filter_map(|&loaded| stylesheets[loaded].as_ref())
                    .map(|stylesheet| (stylesheet.first, stylesheet.file.path.clone()))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .map(|(_, path)| path)
                    .collect(),
            });
        }
        output.files.extend(
            stylesheets
                .into_iter()
                .flatten()
                .map(|stylesheet| stylesheet.file),
        );
        output.assets = graph.assets;
        output.reused_modules = graph.reused_modules;
        output
    }
}

/// Each chunk's file name: an entry keeps its own (`main.js`); the others are named by
/// a hash of their content and of every chunk they load, so a name changes exactly
/// when what loading it runs changes, and files can be cached forever.
fn file_names(
    chunks: &ChunkGraph,
    written: &[WrittenChunk],
    stylesheets: &[Option<ChunkStylesheet>],
) -> Vec<String> {
    // A chunk's own hash covers its stylesheet, whose name it may carry.
    let own_hashes: Vec<u64> = written
        .iter()
        .zip(stylesheets)
        .map(|(chunk, stylesheet)| {
            let mut hasher = Xxh3::new();
            hasher.update(chunk.code.as_bytes());
            if let Some(stylesheet) = stylesheet {
                hasher.update(stylesheet.name.as_bytes());
            }
            hasher.digest()
        })
        .collect();
    chunks
        .chunks
        .iter()
        .enumerate()
        .map(|(index, chunk)| {
            if let ChunkKind::Entry { name, .. } = &chunk.kind {
                return name.clone();
            }
            let mut hasher = Xxh3::new();
            for loaded in loaded_chunks(chunks, index) {
                hasher.update(&own_hashes[loaded].to_le_bytes());
            }
            format!("{}-{:016x}.js", chunk.stem(), hasher.digest())
        })
        .collect()
}

/// `index` and every chunk it may load, directly or through others, in index order.
fn loaded_chunks(chunks: &ChunkGraph, index: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![index];
    while let Some(current) = stack.pop() {
        if !seen.insert(current) {
            continue;
        }
        stack.extend(references(chunks, current));
    }
    seen
}

/// The chunks chunk `index` names: its runtime, its imports, its `import()` targets',
/// and, when it carries the client reference manifests, every client reference's.
fn references(chunks: &ChunkGraph, index: usize) -> Vec<usize> {
    let chunk = &chunks.chunks[index];
    let mut references: Vec<usize> = chunks
        .runtime_of(index)
        .into_iter()
        .chain(chunk.imports.iter().copied())
        .chain(chunk.workers.iter().copied())
        .collect();
    references.extend(
        chunk
            .dynamic_imports
            .iter()
            .flat_map(|(_, carriers)| carriers.iter().copied()),
    );
    if chunk.modules.iter().any(|id| id == RSC_MANIFESTS) {
        references.extend(chunks.client_reference_chunks.values().flatten().copied());
    }
    references
}
