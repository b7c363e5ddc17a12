//! The module graph, resolution and output of vnext's bundler. A [`Bundler`] stays
//! alive across builds (the dev server will rebuild through it); each `bundle` call
//! discovers the graph in parallel waves, splits it into chunks and writes each as an
//! ES module.

mod asset;
mod async_modules;
mod bundler;
mod chunk_graph;
mod chunk_writer;
mod layer;
mod module_cache;
mod module_graph;
mod module_ids;
mod module_loader;
mod module_resolver;
mod platform;
mod side_effects;
mod source_map_writer;
mod stylesheet_writer;
mod unused_reexports;

pub use asset::Asset;
pub use bundler::{
    BundleOutput, Bundler, BundlerOptions, Entry, OutputFile, StylesheetPreprocessor,
};
pub use layer::Layer;
pub use platform::Platform;
pub use vnext_css::BrowserTargets;
