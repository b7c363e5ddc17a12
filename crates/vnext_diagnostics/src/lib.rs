//! Errors are data: every crate reports problems as [`Diagnostic`]s that cross into JS as
//! values and that the CLI prints; nothing panics on bad input. Source positions live
//! here too: [`Location`]s for diagnostics, [`Mapping`]s for source maps.

mod code_frame;
mod diagnostic;
mod mapping;

pub use diagnostic::{Diagnostic, Location, Severity};
pub use mapping::Mapping;
