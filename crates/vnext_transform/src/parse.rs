//! Parsing a source file with the syntax its extension implies.

use swc_core::common::{FileName, SourceMap, Span, Spanned, sync::Lrc};
use swc_core::ecma::ast::{EsVersion, Program};
use swc_core::ecma::parser::{EsSyntax, Syntax, TsSyntax, parse_file_as_program};
use vnext_diagnostics::{Diagnostic, Location};

/// Parses `source`, the text of `file` (a path as it should appear in messages), into
/// `source_map`. ESM or CommonJS is decided by the content. The first syntax error,
/// including those the parser recovers from, becomes a diagnostic with a code frame.
pub fn parse_program(
    source_map: &Lrc<SourceMap>,
    file: &str,
    source: &str,
) -> Result<Program, Diagnostic> {
    let source_file = source_map.new_source_file(
        Lrc::new(FileName::Custom(file.to_string())),
        source.to_string(),
    );
    let mut recovered = Vec::new();
    let parsed = parse_file_as_program(
        &source_file,
        syntax_for(file),
        EsVersion::latest(),
        None,
        &mut recovered,
    );
    match parsed {
        Ok(program) if recovered.is_empty() => Ok(program),
        result => {
            let error = match result {
                Err(error) => error,
                Ok(_) => recovered.swap_remove(0),
            };
            let location = locate(source_map, file, error.span());
            Err(Diagnostic::error(
                "syntax-error",
                error.kind().msg().into_owned(),
                vec![file.to_string()],
            )
            .at(source, location))
        }
    }
}

/// The 1-based line and character column where `span` starts.
pub fn locate(source_map: &SourceMap, file: &str, span: Span) -> Location {
    let position = source_map.lookup_char_pos(span.lo);
    Location {
        file: file.to_string(),
        line: position.line,
        column: position.col_display + 1,
    }
}

/// TypeScript for `.ts`/`.mts`/`.cts`/`.tsx`; JavaScript with JSX for everything else.
pub(crate) fn syntax_for(file: &str) -> Syntax {
    match file.rsplit('.').next().unwrap_or_default() {
        "ts" | "mts" | "cts" => Syntax::Typescript(TsSyntax::default()),
        "tsx" => Syntax::Typescript(TsSyntax {
            tsx: true,
            ..Default::default()
        }),
        _ => Syntax::Es(EsSyntax {
            jsx: true,
            ..Default::default()
        }),
    }
}
