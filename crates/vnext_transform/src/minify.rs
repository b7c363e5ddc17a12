//! Minifying a whole chunk with swc's minifier: compress, then mangle. A chunk is an
//! ES module, so its top-level names are private to it and can be mangled too.

use swc_core::common::{GLOBALS, Globals, Mark, SourceMap, sync::Lrc};
use swc_core::ecma::minifier::optimize;
use swc_core::ecma::minifier::option::{
    CompressOptions, ExtraOptions, MangleOptions, MinifyOptions, TopLevelOptions,
};
use swc_core::ecma::transforms::base::{fixer::fixer, resolver};
use vnext_diagnostics::Diagnostic;

use crate::parse::parse_program;
use crate::print::print_program;

/// Minifies `code`, the text of the chunk `file`.
pub fn minify(file: &str, code: &str) -> Result<String, Diagnostic> {
    let source_map: Lrc<SourceMap> = Default::default();
    let program = parse_program(&source_map, file, code)?;
    GLOBALS.set(&Globals::new(), || {
        let unresolved_mark = Mark::new();
        let top_level_mark = Mark::new();
        let program = program.apply(resolver(unresolved_mark, top_level_mark, false));
        let options = MinifyOptions {
            compress: Some(CompressOptions {
                top_level: Some(TopLevelOptions { functions: true }),
                ..Default::default()
            }),
            // `MangleOptions` has no `Default`; the deprecated field must still be named.
            #[allow(deprecated)]
            mangle: Some(MangleOptions {
                props: None,
                top_level: Some(true),
                keep_class_names: false,
                keep_fn_names: false,
                keep_private_props: false,
                ie8: false,
                safari10: false,
                reserved: Vec::new(),
                eval: false,
                disable_char_freq: false,
            }),
            ..Default::default()
        };
        let extra = ExtraOptions {
            unresolved_mark,
            top_level_mark,
            mangle_name_cache: None,
        };
        let program =
            optimize(program, source_map.clone(), None, None, &options, &extra).apply(fixer(None));
        Ok(print_program(&source_map, &program, true))
    })
}
