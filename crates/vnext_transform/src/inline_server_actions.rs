//! Functions marked `"use server"` inside a server component module. Each is hoisted to
//! the module's top level as an exported function, registered with React as a server
//! reference under its action id, and replaced where it was written by that reference
//! bound to the variables it closes over (which become its first parameters).

use std::collections::HashSet;

use swc_core::common::{DUMMY_SP, Mark, SourceMap, SyntaxContext, sync::Lrc};
use swc_core::ecma::ast::{
    ArrowExpr, ArrowFunctionBody, BindingIdent, Decl, ExportDecl, Expr, FnDecl, Function,
    FunctionBody, Id, Ident, IdentName, Lit, Module, ModuleDecl, ModuleItem, Null, Param, Pat,
    Program, ReturnStmt, Stmt, VarDecl, VarDeclKind, VarDeclarator,
};
use swc_core::ecma::utils::{ExprFactory, collect_decls};
use swc_core::ecma::visit::{Visit, VisitMut, VisitMutWith, VisitWith};

use crate::parse::parse_program;
use crate::server_references::action_id;

/// Hoists the module's inline actions; returns each one's export name and action id.
pub(crate) fn hoist_inline_actions(
    module: &mut Module,
    source_map: &Lrc<SourceMap>,
    file: &str,
    top_level_mark: Mark,
    unresolved_mark: Mark,
) -> Vec<(String, String)> {
    let mut hoister = Hoister {
        top_level: SyntaxContext::empty().apply_mark(top_level_mark),
        unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        hoisted: Vec::new(),
    };
    module.visit_mut_with(&mut hoister);
    if hoister.hoisted.is_empty() {
        return Vec::new();
    }
    let mut actions = Vec::new();
    let mut registration = String::from(
        "import { registerServerReference as __vnext_registerServerReference } from \"react-server-dom-webpack/server\";\n",
    );
    for function in &hoister.hoisted {
        let name = function.ident.sym.to_string();
        let id = action_id(file, &name);
        registration.push_str(&format!(
            "__vnext_registerServerReference({name}, \"{id}\", null);\n"
        ));
        actions.push((name, id));
    }
    for function in hoister.hoisted {
        module
            .body
            .push(ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                span: DUMMY_SP,
                decl: Decl::Fn(function),
            })));
    }
    let Ok(Program::Module(mut added)) =
        parse_program(source_map, "vnext:inline-actions", &registration)
    else {
        unreachable!("the registration source is a valid module")
    };
    // Written after the resolver ran: its names are the module's top-level ones.
    added.visit_mut_with(&mut TopLevelNames(hoister.top_level));
    module.body.extend(added.body);
    actions
}

struct Hoister {
    top_level: SyntaxContext,
    unresolved: SyntaxContext,
    hoisted: Vec<FnDecl>,
}

impl Hoister {
    /// Moves `function` to the top level (its closure first among its parameters) and
    /// returns what stands in its place: the hoisted function, bound to that closure.
    fn hoist(&mut self, mut function: Function) -> Expr {
        let closure = self.closure_of(&function);
        let name = Ident::new(
            format!("$$vnext_action_{}", self.hoisted.len()).into(),
            DUMMY_SP,
            self.top_level,
        );
        let closure_params = closure
            .iter()
            .map(|ident| Param::from(Pat::Ident(BindingIdent::from(ident.clone()))));
        function.params.splice(0..0, closure_params);
        self.hoisted.push(FnDecl {
            ident: name.clone(),
            declare: false,
            function: Box::new(function),
        });
        if closure.is_empty() {
            return Expr::Ident(name);
        }
        let args = std::iter::once(Expr::Lit(Lit::Null(Null { span: DUMMY_SP })).as_arg())
            .chain(closure.into_iter().map(|ident| Expr::Ident(ident).as_arg()))
            .collect();
        name.make_member(IdentName::new("bind".into(), DUMMY_SP))
            .as_call(DUMMY_SP, args)
    }

    /// The variables `function` reads from the functions around it (module-level names
    /// and globals stay as they are), in the order it first reads them.
    fn closure_of(&self, function: &Function) -> Vec<Ident> {
        let declared: HashSet<Id> = collect_decls::<Id, _>(function).into_iter().collect();
        let mut reads = IdentReads::default();
        function.visit_with(&mut reads);
        reads
            .idents
            .into_iter()
            .filter(|ident| {
                ident.ctxt != self.top_level
                    && ident.ctxt != self.unresolved
                    && !declared.contains(&ident.to_id())
            })
            .collect()
    }
}

impl VisitMut for Hoister {
    fn visit_mut_stmt(&mut self, stmt: &mut Stmt) {
        if let Stmt::Decl(Decl::Fn(declaration)) = stmt
            && is_inline_action(declaration.function.body.as_ref())
        {
            let name = declaration.ident.clone();
            let function = std::mem::take(&mut *declaration.function);
            let init = self.hoist(function);
            // `var`, so the name is in scope from the top of its function, as the
            // declaration's was.
            *stmt = Stmt::Decl(Decl::Var(Box::new(VarDecl {
                kind: VarDeclKind::Var,
                decls: vec![VarDeclarator {
                    span: DUMMY_SP,
                    name: Pat::Ident(BindingIdent::from(name)),
                    init: Some(Box::new(init)),
                    definite: false,
                }],
                ..Default::default()
            })));
            return;
        }
        stmt.visit_mut_children_with(self);
    }

    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        let hoistable = match expr {
            Expr::Fn(function) => is_inline_action(function.function.body.as_ref()),
            Expr::Arrow(arrow) => match &*arrow.body {
                ArrowFunctionBody::FunctionBody(body) => is_inline_action(Some(body)),
                ArrowFunctionBody::Expr(_) => false,
            },
            _ => false,
        };
        if !hoistable {
            expr.visit_mut_children_with(self);
            return;
        }
        let function = match std::mem::replace(expr, Expr::Invalid(Default::default())) {
            Expr::Fn(function) => *function.function,
            Expr::Arrow(arrow) => arrow_to_function(arrow),
            _ => unreachable!("checked above"),
        };
        *expr = self.hoist(function);
    }

    // An action's own nested functions stay inside it.
    fn visit_mut_function(&mut self, function: &mut Function) {
        if !is_inline_action(function.body.as_ref()) {
            function.visit_mut_children_with(self);
        }
    }
}

/// Whether a function body starts with the `"use server"` directive.
fn is_inline_action(body: Option<&FunctionBody>) -> bool {
    let Some(body) = body else {
        return false;
    };
    for statement in &body.stmts {
        let Stmt::Expr(expression) = statement else {
            return false;
        };
        let Expr::Lit(Lit::Str(text)) = &*expression.expr else {
            return false;
        };
        if text.value.as_str() == Some("use server") {
            return true;
        }
    }
    false
}

fn arrow_to_function(arrow: ArrowExpr) -> Function {
    let body = match *arrow.body {
        ArrowFunctionBody::FunctionBody(body) => body,
        ArrowFunctionBody::Expr(value) => FunctionBody {
            span: DUMMY_SP,
            stmts: vec![Stmt::Return(ReturnStmt {
                span: DUMMY_SP,
                arg: Some(value),
            })],
        },
    };
    Function {
        params: arrow.params.into_iter().map(Param::from).collect(),
        body: Some(body),
        is_async: arrow.is_async,
        ctxt: arrow.ctxt,
        span: arrow.span,
        ..Default::default()
    }
}

/// Every identifier a function reads, once each, in order.
#[derive(Default)]
struct IdentReads {
    seen: HashSet<Id>,
    idents: Vec<Ident>,
}

impl Visit for IdentReads {
    fn visit_ident(&mut self, ident: &Ident) {
        if self.seen.insert(ident.to_id()) {
            self.idents.push(ident.clone());
        }
    }
}

/// Gives identifiers parsed after the resolver the module's top-level context.
struct TopLevelNames(SyntaxContext);

impl VisitMut for TopLevelNames {
    fn visit_mut_ident(&mut self, ident: &mut Ident) {
        ident.ctxt = self.0;
    }
}
