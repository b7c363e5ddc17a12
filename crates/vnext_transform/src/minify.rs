//! swc's minifier: compress, then mangle. The bundler minifies each module as it
//! transforms it (in parallel, and on the AST it already has) and the registry runtime
//! once; a chunk is only ever assembled from minified parts.

use swc_core::common::{GLOBALS, Globals, Mark, SourceMap, sync::Lrc};
use swc_core::ecma::ast::{Expr, ExprStmt, Lit, Program, Stmt};
use swc_core::ecma::minifier::optimize;
use swc_core::ecma::minifier::option::{
    CompressOptions, ExtraOptions, MangleOptions, MinifyOptions, TopLevelOptions,
};
use swc_core::ecma::transforms::base::{fixer::fixer, resolver};
use vnext_diagnostics::Diagnostic;

use crate::parse::parse_program;
use crate::print::print_program;

/// Minifies a module's body after the other passes, on the syntax contexts their
/// resolver gave it (`unresolved_mark`, `top_level_mark`): the mangler renames with the
/// same collision checks as hygiene, so hygiene need not run first (12% of a build of
/// 5,000 small TSX modules went to hygiene and to resolving the tree again). Top-level
/// names are dropped and renamed freely: the bundler wraps the body in a function. A
/// leading `"use strict"` goes too: chunks are ES modules, strict already (1% of 5,000
/// small TSX modules gzipped).
pub(crate) fn minify_module(
    mut program: Program,
    source_map: &Lrc<SourceMap>,
    unresolved_mark: Mark,
    top_level_mark: Mark,
) -> Program {
    drop_use_strict(&mut program);
    optimize_program(program, source_map, unresolved_mark, top_level_mark, true)
}

fn drop_use_strict(program: &mut Program) {
    let is_use_strict = |stmt: Option<&Stmt>| {
        matches!(stmt, Some(Stmt::Expr(ExprStmt { expr, .. }))
            if matches!(&**expr, Expr::Lit(Lit::Str(text)) if text.value == *"use strict"))
    };
    match program {
        Program::Module(module) => {
            let leading = module
                .body
                .iter()
                .take_while(|item| is_use_strict(item.as_stmt()))
                .count();
            module.body.drain(..leading);
        }
        Program::Script(script) => {
            let leading = script
                .body
                .iter()
                .take_while(|stmt| is_use_strict(Some(stmt)))
                .count();
            script.body.drain(..leading);
        }
    }
}

/// Minifies `program`, already through the resolver with these marks; `top_level`
/// allows dropping and renaming top-level names.
fn optimize_program(
    program: Program,
    source_map: &Lrc<SourceMap>,
    unresolved_mark: Mark,
    top_level_mark: Mark,
    top_level: bool,
) -> Program {
    let options = MinifyOptions {
        compress: Some(CompressOptions {
            top_level: Some(TopLevelOptions {
                functions: top_level,
            }),
            // Together these three miscompile react-dom 19.3's hook updates (a component
            // that calls `useActionState`, or `use` after another hook, fails with
            // "reading 'memoizedState'" once it re-renders). Found by bisecting the
            // options on a server actions app; turning them off costs 0.3 kB gzip of
            // 80 kB. No one of them alone is enough to break it.
            collapse_vars: false,
            if_return: false,
            sequences: 0,
            // One pass, not swc's default two: as small on the bench's inputs (three.js
            // × 10 came out 1 kB smaller), and faster (5,000 small TSX modules: 5%).
            passes: 1,
            // Without these two swc skips its dead code elimination, which runs twice per
            // module, and the compressor's own dropping of unused names. A module's top
            // level is nearly all used here (its exports are read through getters), so
            // they find little: three.js and a mix of five npm packages came out 0.01% and
            // 0.06% larger gzipped, the example app's client 0.4% smaller, the 5,000 TSX
            // modules the same, and the TSX build used 5 to 12% less CPU.
            unused: false,
            dead_code: false,
            ..Default::default()
        }),
        // `MangleOptions` has no `Default`; the deprecated field must still be named.
        #[allow(deprecated)]
        mangle: Some(MangleOptions {
            props: None,
            top_level: Some(top_level),
            keep_class_names: false,
            keep_fn_names: false,
            keep_private_props: false,
            ie8: false,
            safari10: false,
            reserved: Vec::new(),
            eval: false,
            // Names in one fixed order rather than by each module's character
            // frequencies: the same short names recur from module to module, which
            // gzip rewards (three.js × 10 came out 1.1% smaller), and the count is
            // skipped (3% of the time on 5,000 small TSX modules).
            disable_char_freq: true,
        }),
        ..Default::default()
    };
    let extra = ExtraOptions {
        unresolved_mark,
        top_level_mark,
        mangle_name_cache: None,
    };
    optimize(program, source_map.clone(), None, None, &options, &extra).apply(fixer(None))
}

/// Minifies `code`, a script (the text of `file`) whose top-level names stay as they are.
pub fn minify_script(file: &str, code: &str) -> Result<String, Diagnostic> {
    let source_map: Lrc<SourceMap> = Default::default();
    let program = parse_program(&source_map, file, code)?;
    GLOBALS.set(&Globals::new(), || {
        let unresolved_mark = Mark::new();
        let top_level_mark = Mark::new();
        let program = program.apply(resolver(unresolved_mark, top_level_mark, false));
        let program =
            optimize_program(program, &source_map, unresolved_mark, top_level_mark, false);
        Ok(print_program(&source_map, &program, true, None))
    })
}
