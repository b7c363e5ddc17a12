//! Program → JavaScript text.

use swc_core::common::{SourceMap, sync::Lrc};
use swc_core::ecma::ast::Program;
use swc_core::ecma::codegen::text_writer::{JsWriter, WriteJs, omit_trailing_semi};
use swc_core::ecma::codegen::{Config, Emitter};

/// Prints `program`; `minify` drops whitespace and trailing semicolons.
pub fn print_program(source_map: &Lrc<SourceMap>, program: &Program, minify: bool) -> String {
    let mut code = Vec::new();
    let writer = JsWriter::new(source_map.clone(), "\n", &mut code, None);
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
    String::from_utf8(code).expect("swc emits UTF-8")
}
