//! The module graph, resolution and output of vnext's bundler. A [`Bundler`] stays
//! alive across builds (the dev server will rebuild through it); each `bundle` call
//! discovers the graph in parallel waves and writes one ES module per entry.

mod bundler;
mod chunk_writer;
mod layer;
mod module_graph;
mod module_resolver;
mod platform;

pub use bundler::{BundleOutput, Bundler, BundlerOptions, OutputFile};
pub use layer::Layer;
pub use platform::Platform;
