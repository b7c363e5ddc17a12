//! Errors are data: every crate reports problems as [`Diagnostic`]s that cross into JS as
//! values and that the CLI prints; nothing panics on bad input.

mod code_frame;
mod diagnostic;

pub use diagnostic::{Diagnostic, Location, Severity};
