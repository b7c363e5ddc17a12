//! Stylesheets through lightningcss: CSS modules scoped, syntax lowered for the
//! browser targets, minified, `@import`s handed back to the bundler's graph. Errors are
//! diagnostics with a code frame.

mod stylesheet;

pub use stylesheet::{CompiledStylesheet, CssOptions, CssUrl, compile_stylesheet};
