//! The swc passes vnext runs on each module.

mod compact_exports;
mod dependencies;
mod directive;
mod env_inline;
mod export_markers;
mod file_urls;
mod imported_names;
mod inline_server_actions;
mod layer_attributes;
mod minify;
mod module_transform;
mod parse;
mod print;
mod server_references;
mod wrapper_parameters;

pub use dependencies::{Dependency, DependencyKind};
pub use directive::Directive;
pub use export_markers::{
    EXPORT_MARKER_START, IMPORT_MARKER_START, ImportedProperties, WRITTEN_NAMES_MARKER,
    export_marker, import_marker, is_markable, is_marker_byte,
};
pub use imported_names::{ImportedNames, ModuleImports, Reexport};
pub use minify::minify_script;
pub use module_transform::{
    EmittedModule, ParsedModule, TransformOptions, TransformedModule, parse_module,
};
pub use parse::{locate, parse_program};
pub use server_references::{action_id, server_reference_stub};
