//! Functions marked `"use server"` inside a server component module. Each is hoisted to
//! the module's top level as an exported function, registered with React as a server
//! reference under its action id, and replaced where it was written by that reference
//! bound to the variables it closes over. Those values travel through the browser, so
//! they are bound encrypted (`encryptBound`, AES-GCM in the runtime module) and the
//! hoisted function's first statement decrypts them.

use std::collections::HashSet;

use swc_core::common::{DUMMY_SP, Mark, SourceMap, SyntaxContext, sync::Lrc};
use swc_core::ecma::ast::{
    ArrayLit, ArrayPat, ArrowExpr, ArrowFunctionBody, AwaitExpr, BindingIdent, Decl, ExportDecl,
    Expr, FnDecl, Function, FunctionBody, Id, Ident, IdentName, Lit, Module, ModuleDecl,
    ModuleItem, Null, Param, Pat, Program, ReturnStmt, Stmt, VarDecl, VarDeclKind, VarDeclarator,
};
use swc_core::ecma::utils::{ExprFactory, collect_decls};
use swc_core::ecma::visit::{Visit, VisitMut, VisitMutWith, VisitWith};

use crate::parse::parse_program;
use crate::server_references::action_id;

/// The runtime module that encrypts and decrypts closures (an alias in `vnext build`).
const CLOSURE_MODULE: &str = "vnext/action-closure";
const ENCRYPT: &str = "__vnext_encryptBound";
const DECRYPT: &str = "__vnext_decryptBound";

/// Hoists the module's inline actions; returns each one's export name and action id.
pub(crate) fn hoist_inline_actions(
    module: &mut Module,
    source_map: &Lrc<SourceMap>,
    salt: &str,
    file: &str,
    top_level_mark: Mark,
    unresolved_mark: Mark,
) -> Vec<(String, String)> {
    let mut hoister = Hoister {
        salt,
        file,
        top_level: SyntaxContext::empty().apply_mark(top_level_mark),
        unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        hoisted: Vec::new(),
        closures: false,
    };
    module.visit_mut_with(&mut hoister);
    if hoister.hoisted.is_empty() {
        return Vec::new();
    }
    let mut actions = Vec::new();
    let mut registration = String::from(
        "import { registerServerReference as __vnext_registerServerReference } from \"react-server-dom-webpack/server\";\n",
    );
    if hoister.closures {
        registration.push_str(&format!(
            "import {{ encryptBound as {ENCRYPT}, decryptBound as {DECRYPT} }} from \"{CLOSURE_MODULE}\";\n"
        ));
    }
    for function in &hoister.hoisted {
        let name = function.ident.sym.to_string();
        let id = action_id(salt, file, &name);
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

struct Hoister<'a> {
    salt: &'a str,
    file: &'a str,
    top_level: SyntaxContext,
    unresolved: SyntaxContext,
    hoisted: Vec<FnDecl>,
    /// Whether any hoisted action closes over variables (and so needs the closure module).
    closures: bool,
}

impl Hoister<'_> {
    /// Moves `function` to the top level and returns what stands in its place: the
    /// hoisted function, bound to its encrypted closure when it has one.
    fn hoist(&mut self, mut function: Function) -> Expr {
        let closure = self.closure_of(&function);
        let name = Ident::new(
            format!("$$vnext_action_{}", self.hoisted.len()).into(),
            DUMMY_SP,
            self.top_level,
        );
        let id = action_id(self.salt, self.file, &name.sym);
        if !closure.is_empty() {
            self.closures = true;
            // Declared again inside the hoisted function, the closure's variables are
            // bindings of its own scope: a context of their own says so to the passes
            // after (the minifier renames by context).
            let own = SyntaxContext::empty().apply_mark(Mark::new());
            function.visit_mut_with(&mut Recontext {
                ids: closure.iter().map(Ident::to_id).collect(),
                ctxt: own,
            });
            let inner: Vec<Ident> = closure
                .iter()
                .map(|ident| Ident {
                    ctxt: own,
                    ..ident.clone()
                })
                .collect();
            let bound = Ident::new("$$vnext_bound".into(), DUMMY_SP, own);
            function.params.insert(
                0,
                Param::from(Pat::Ident(BindingIdent::from(bound.clone()))),
            );
            let body = function.body.get_or_insert_with(Default::default);
            let directives = body
                .stmts
                .iter()
                .take_while(|stmt| directive(stmt).is_some())
                .count();
            body.stmts
                .insert(directives, self.decrypt_closure(&id, &inner, bound));
        }
        self.hoisted.push(FnDecl {
            ident: name.clone(),
            declare: false,
            function: Box::new(function),
        });
        if closure.is_empty() {
            return Expr::Ident(name);
        }
        let values = ArrayLit {
            span: DUMMY_SP,
            elems: closure
                .into_iter()
                .map(|ident| Some(Expr::Ident(ident).as_arg()))
                .collect(),
        };
        let encrypted = self.helper(ENCRYPT).as_call(
            DUMMY_SP,
            vec![id_literal(&id), Expr::Array(values).as_arg()],
        );
        name.make_member(IdentName::new("bind".into(), DUMMY_SP))
            .as_call(
                DUMMY_SP,
                vec![
                    Expr::Lit(Lit::Null(Null { span: DUMMY_SP })).as_arg(),
                    encrypted.as_arg(),
                ],
            )
    }

    /// `var [a, b] = await __vnext_decryptBound("<id>", $$vnext_bound);`: the closure's
    /// variables, declared inside the hoisted function under their own names.
    fn decrypt_closure(&self, id: &str, closure: &[Ident], bound: Ident) -> Stmt {
        let pattern = ArrayPat {
            span: DUMMY_SP,
            elems: closure
                .iter()
                .map(|ident| Some(Pat::Ident(BindingIdent::from(ident.clone()))))
                .collect(),
            optional: false,
            type_ann: None,
        };
        let decrypted = self
            .helper(DECRYPT)
            .as_call(DUMMY_SP, vec![id_literal(id), Expr::Ident(bound).as_arg()]);
        Stmt::Decl(Decl::Var(Box::new(VarDecl {
            kind: VarDeclKind::Var,
            decls: vec![VarDeclarator {
                span: DUMMY_SP,
                name: Pat::Array(pattern),
                init: Some(Box::new(Expr::Await(AwaitExpr {
                    span: DUMMY_SP,
                    arg: Box::new(decrypted),
                }))),
                definite: false,
            }],
            ..Default::default()
        })))
    }

    fn helper(&self, name: &str) -> Ident {
        Ident::new(name.into(), DUMMY_SP, self.top_level)
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

fn id_literal(id: &str) -> swc_core::ecma::ast::ExprOrSpread {
    Expr::Lit(Lit::Str(id.into())).as_arg()
}

impl VisitMut for Hoister<'_> {
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
    body.is_some_and(|body| {
        body.stmts
            .iter()
            .map_while(directive)
            .any(|text| text == "use server")
    })
}

/// The text of a directive (a string literal statement), if `stmt` is one.
fn directive(stmt: &Stmt) -> Option<&str> {
    let Stmt::Expr(expression) = stmt else {
        return None;
    };
    let Expr::Lit(Lit::Str(text)) = &*expression.expr else {
        return None;
    };
    text.value.as_str()
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

/// Moves the identifiers in `ids` to the context `ctxt`.
struct Recontext {
    ids: HashSet<Id>,
    ctxt: SyntaxContext,
}

impl VisitMut for Recontext {
    fn visit_mut_ident(&mut self, ident: &mut Ident) {
        if self.ids.contains(&ident.to_id()) {
            ident.ctxt = self.ctxt;
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
