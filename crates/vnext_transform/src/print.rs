//! Program → JavaScript text, and where each piece of it came from.

use swc_core::common::{SourceMap, sync::Lrc};
use swc_core::ecma::ast::Program;
use swc_core::ecma::codegen::text_writer::{JsWriter, WriteJs, omit_trailing_semi};
use swc_core::ecma::codegen::{Config, Emitter};
use vnext_diagnostics::Mapping;

/// Prints `program`; `minify` drops whitespace and trailing semicolons. With
/// `mappings`, records where each printed token came from in the source map's first
/// file (the module itself; code a pass added from elsewhere has no mapping).
pub fn print_program(
    source_map: &Lrc<SourceMap>,
    program: &Program,
    minify: bool,
    mappings: Option<&mut Vec<Mapping>>,
) -> String {
    let mut code = Vec::new();
    let mut positions = Vec::new();
    let writer = JsWriter::new(
        source_map.clone(),
        "\n",
        &mut code,
        mappings.is_some().then_some(&mut positions),
    );
    let writer: Box<dyn WriteJs> = if minify {
        Box::new(omit_trailing_semi(writer))
    } else {
        Box::new(writer)
    };
    let mut emitter = Emitter {
        cfg: Config::default().with_minify(minify),
        cm: source_map.clone(),
        comments: None,
        wr: writer,
    };
    emitter
        .emit_program(program)
        .expect("writing to a Vec cannot fail");
    drop(emitter);
    if let Some(mappings) = mappings {
        let file = source_map.files()[0].clone();
        for (position, generated) in positions {
            if position.is_dummy() || position < file.start_pos || position > file.end_pos {
                continue;
            }
            let original = source_map.lookup_char_pos_with(file.clone(), position);
            mappings.push(Mapping {
                generated_line: generated.line,
                generated_column: generated.col,
                original_line: original.line.saturating_sub(1) as u32,
                original_column: original.col.0 as u32,
            });
        }
    }
    String::from_utf8(code).expect("swc emits UTF-8")
}
