//! The swc passes vnext runs on each module.

mod parse;

pub use parse::{locate, parse_program, syntax_for};
