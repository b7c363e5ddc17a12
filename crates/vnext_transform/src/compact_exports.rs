//! The exports swc's CommonJS transform writes for an ES module, in one call.
//!
//! swc marks the module (`Object.defineProperty(exports, "__esModule", …)`) and defines
//! each export as a getter, through `Object.defineProperty` or a local `_export`
//! helper: about 75 bytes a module plus 60 an export, repeated in every module of a
//! bundle. This pass turns that prologue into `require.e(exports, { name: () => local })`,
//! which the registry runtime expands into the same properties. Its keys are export
//! markers (see `export_markers.rs`) when every name can be one.

use swc_core::common::{DUMMY_SP, SyntaxContext};
use swc_core::ecma::ast::{
    ArrowExpr, ArrowFunctionBody, CallExpr, Callee, Decl, Expr, ExprOrSpread, ExprStmt, Function,
    FunctionBody, Ident, IdentName, KeyValueProp, Lit, MemberExpr, MemberProp, Module, ModuleItem,
    ObjectLit, Prop, PropName, PropOrSpread, Stmt, Str,
};

use crate::export_markers::{WRITTEN_NAMES_MARKER, export_marker, is_markable};

/// One statement of swc's export prologue.
enum Prologue {
    /// `Object.defineProperty(exports, "__esModule", { value: true })`
    EsModuleMark,
    /// `Object.defineProperty(exports, "name", { enumerable: true, get: function () { return local } })`
    Getter(String, Box<Expr>),
    /// `function _export(target, all) { … }`
    ExportHelper,
    /// `_export(exports, { get name() { return local }, … })`
    Getters(Vec<(String, Box<Expr>)>),
}

/// Rewrites the export prologue at the top of `module`, the output of swc's CommonJS
/// transform for an ES module. `unresolved` is the context of free names (`exports`,
/// `require`). Returns the export names, in order, when the keys are markers.
pub fn compact_exports(module: &mut Module, unresolved: SyntaxContext) -> Option<Vec<String>> {
    let start = usize::from(is_use_strict(module.body.first()));
    let mut getters = Vec::new();
    let (mut marked, mut helper, mut helper_called) = (false, false, false);
    let mut end = start;
    for item in &module.body[start..] {
        match read_prologue(item, unresolved) {
            Some(Prologue::EsModuleMark) if !marked => marked = true,
            Some(Prologue::Getter(name, local)) => getters.push((name, local)),
            Some(Prologue::ExportHelper) if !helper => helper = true,
            // The helper's call ends the prologue: what follows is the module's own
            // code, which may declare an `_export` of its own.
            Some(Prologue::Getters(more)) if helper => {
                helper_called = true;
                getters.extend(more);
                end += 1;
                break;
            }
            _ => break,
        }
        end += 1;
    }
    // Without the mark this is not swc's prologue; a helper defined but not called
    // here is the module's own. `__proto__` in an object literal sets the prototype.
    if !marked || helper != helper_called || getters.iter().any(|(name, _)| name == "__proto__") {
        return None;
    }
    let names: Vec<String> = getters.iter().map(|(name, _)| name.clone()).collect();
    let markable = names.iter().all(|name| is_markable(name));
    let call = define_exports(getters, markable, unresolved);
    module.body.splice(start..end, [call]);
    markable.then_some(names)
}

fn is_use_strict(item: Option<&ModuleItem>) -> bool {
    matches!(item, Some(ModuleItem::Stmt(Stmt::Expr(ExprStmt { expr, .. })))
        if matches!(&**expr, Expr::Lit(Lit::Str(text)) if text.value == *"use strict"))
}

fn read_prologue(item: &ModuleItem, unresolved: SyntaxContext) -> Option<Prologue> {
    let ModuleItem::Stmt(stmt) = item else {
        return None;
    };
    if let Stmt::Decl(Decl::Fn(function)) = stmt {
        return (function.ident.sym == "_export").then_some(Prologue::ExportHelper);
    }
    let Stmt::Expr(ExprStmt { expr, .. }) = stmt else {
        return None;
    };
    let Expr::Call(call) = &**expr else {
        return None;
    };
    let is_free = |expr: &Expr, name: &str| matches!(expr, Expr::Ident(ident) if ident.sym == name && ident.ctxt == unresolved);
    let args: Vec<&Expr> = call
        .args
        .iter()
        .filter(|arg| arg.spread.is_none())
        .map(|arg| &*arg.expr)
        .collect();
    if args.len() != call.args.len() || !args.first().is_some_and(|e| is_free(e, "exports")) {
        return None;
    }
    let Callee::Expr(callee) = &call.callee else {
        return None;
    };
    match (&**callee, &args[1..]) {
        (Expr::Ident(helper), [Expr::Object(object)]) if helper.sym == "_export" => {
            getters_of(object).map(Prologue::Getters)
        }
        (Expr::Member(member), [Expr::Lit(Lit::Str(name)), Expr::Object(descriptor)])
            if is_object_define_property(member, unresolved) =>
        {
            let name = name.value.as_str()?;
            if name == "__esModule" {
                let [value] = &descriptor.props[..] else {
                    return None;
                };
                return matches!(key_value(value), Some(("value", Expr::Lit(Lit::Bool(b)))) if b.value)
                    .then_some(Prologue::EsModuleMark);
            }
            let [enumerable, get] = &descriptor.props[..] else {
                return None;
            };
            let is_enumerable = matches!(key_value(enumerable), Some(("enumerable", Expr::Lit(Lit::Bool(b)))) if b.value);
            let Some(("get", Expr::Fn(getter))) = key_value(get) else {
                return None;
            };
            let returned = returned_expr(&getter.function)?;
            is_enumerable.then(|| Prologue::Getter(name.to_string(), returned))
        }
        _ => None,
    }
}

/// `Object.defineProperty` of the global `Object` (swc writes it without a context).
fn is_object_define_property(member: &MemberExpr, unresolved: SyntaxContext) -> bool {
    let is_global = |ctxt| ctxt == unresolved || ctxt == SyntaxContext::empty();
    matches!(&*member.obj, Expr::Ident(object) if object.sym == "Object" && is_global(object.ctxt))
        && matches!(&member.prop, MemberProp::Ident(name) if name.sym == "defineProperty")
}

fn key_value(prop: &PropOrSpread) -> Option<(&str, &Expr)> {
    let PropOrSpread::Prop(prop) = prop else {
        return None;
    };
    let Prop::KeyValue(KeyValueProp { key, value }) = &**prop else {
        return None;
    };
    Some((key_name(key)?, value))
}

/// A property's name when it is written as a name or a string.
fn key_name(key: &PropName) -> Option<&str> {
    match key {
        PropName::Ident(name) => Some(name.sym.as_str()),
        PropName::Str(text) => text.value.as_str(),
        _ => None,
    }
}

/// `{ get name() { return local }, … }`: each name and what its getter returns.
fn getters_of(object: &ObjectLit) -> Option<Vec<(String, Box<Expr>)>> {
    object
        .props
        .iter()
        .map(|prop| {
            let PropOrSpread::Prop(prop) = prop else {
                return None;
            };
            let Prop::Getter(getter) = &**prop else {
                return None;
            };
            let name = key_name(&getter.key)?.to_string();
            Some((name, returned_expr(&getter.function)?))
        })
        .collect()
}

/// What a function without parameters whose body is only `return value` returns.
fn returned_expr(function: &Function) -> Option<Box<Expr>> {
    let Some(FunctionBody { stmts, .. }) = &function.body else {
        return None;
    };
    let [Stmt::Return(returned)] = &stmts[..] else {
        return None;
    };
    function
        .params
        .is_empty()
        .then(|| returned.arg.clone())
        .flatten()
}

/// `require.e(exports, { "name": () => local, … })`, keyed by markers if `marked`
/// (and then given the names as written, by marker).
fn define_exports(
    getters: Vec<(String, Box<Expr>)>,
    marked: bool,
    unresolved: SyntaxContext,
) -> ModuleItem {
    let props = getters
        .into_iter()
        .map(|(name, local)| {
            let getter = ArrowExpr {
                span: DUMMY_SP,
                body: Box::new(ArrowFunctionBody::Expr(local)),
                ..Default::default()
            };
            let key = if marked {
                PropName::Ident(IdentName::new(export_marker(&name).into(), DUMMY_SP))
            } else {
                PropName::Str(Str::from(name))
            };
            PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
                key,
                value: Box::new(Expr::Arrow(getter)),
            })))
        })
        .collect();
    let callee = MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(Expr::Ident(Ident::new(
            "require".into(),
            DUMMY_SP,
            unresolved,
        ))),
        prop: MemberProp::Ident(IdentName::new("e".into(), DUMMY_SP)),
    };
    let exports = Ident::new("exports".into(), DUMMY_SP, unresolved);
    let mut args = vec![
        ExprOrSpread::from(Box::new(Expr::Ident(exports))),
        ExprOrSpread::from(Box::new(Expr::Object(ObjectLit {
            span: DUMMY_SP,
            props,
        }))),
    ];
    if marked {
        let names = Ident::new(WRITTEN_NAMES_MARKER.into(), DUMMY_SP, unresolved);
        args.push(ExprOrSpread::from(Box::new(Expr::Ident(names))));
    }
    let call = CallExpr {
        span: DUMMY_SP,
        callee: Callee::Expr(Box::new(Expr::Member(callee))),
        args,
        ..Default::default()
    };
    ModuleItem::Stmt(Stmt::Expr(ExprStmt {
        span: DUMMY_SP,
        expr: Box::new(Expr::Call(call)),
    }))
}
