//! Stylesheets through lightningcss: CSS modules scoped, syntax lowered for the
//! browser targets, minified, `@import`s handed back to the bundler's graph. Errors are
//! diagnostics with a code frame.

mod browser_targets;
mod import_condition;
mod stylesheet;

pub use browser_targets::BrowserTargets;
pub use import_condition::ImportCondition;
pub use stylesheet::{CompiledStylesheet, CssOptions, CssUrl, compile_stylesheet};
