//! React's module directives, read from the prologue before any transform.

use swc_core::ecma::ast::{Expr, Lit, ModuleItem, Program, Stmt};

/// A module-level `"use client"` or `"use server"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    UseClient,
    UseServer,
}

/// The directive in `program`'s prologue (the leading string statements), if any.
pub fn read_directive(program: &Program) -> Option<Directive> {
    let statements: Box<dyn Iterator<Item = &Stmt>> = match program {
        Program::Module(module) => Box::new(module.body.iter().map_while(ModuleItem::as_stmt)),
        Program::Script(script) => Box::new(script.body.iter()),
    };
    for statement in statements {
        let Stmt::Expr(expression) = statement else {
            break;
        };
        let Expr::Lit(Lit::Str(text)) = &*expression.expr else {
            break;
        };
        match text.value.as_str() {
            Some("use client") => return Some(Directive::UseClient),
            Some("use server") => return Some(Directive::UseServer),
            _ => {}
        }
    }
    None
}
