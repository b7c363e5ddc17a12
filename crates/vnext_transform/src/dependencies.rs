//! After the module has become CommonJS, every dependency is a `require("x")`, an
//! `import("x")` or a file URL's `require.url("x")` with a string argument: collect
//! them, then point them at module ids.

use swc_core::common::{DUMMY_SP, Span, Spanned};
use swc_core::ecma::ast::{
    CallExpr, Callee, Expr, Ident, IdentName, Lit, MemberExpr, MemberProp, Str,
};
use swc_core::ecma::visit::{Visit, VisitMut, VisitMutWith, VisitWith};

/// How a module reaches a dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DependencyKind {
    /// `import`/`export ... from` and `require()`: loaded before the module runs.
    Static,
    /// `import()`: may live in another chunk.
    Dynamic,
    /// `new URL('./x', import.meta.url)`: the file's URL. The bundler keeps it as a
    /// static dependency on the file (an asset) or on the worker's URL (a script).
    FileUrl,
    /// The script a Web Worker starts from, which a file URL names: it runs in a
    /// chunk of its own. The bundler tells these from file URLs of assets.
    Worker,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Dependency {
    pub specifier: String,
    pub kind: DependencyKind,
    /// Where the specifier is written, for messages; the first place when repeated.
    pub span: Span,
}

fn string_call(call: &CallExpr) -> Option<(DependencyKind, &Str)> {
    let is_require = |expr: &Expr| matches!(expr, Expr::Ident(ident) if ident.sym == "require");
    let kind = match &call.callee {
        Callee::Import(_) => DependencyKind::Dynamic,
        Callee::Expr(callee) if is_require(callee) => DependencyKind::Static,
        Callee::Expr(callee) => match &**callee {
            Expr::Member(member)
                if is_require(&member.obj)
                    && matches!(&member.prop, MemberProp::Ident(name) if name.sym == "url") =>
            {
                DependencyKind::FileUrl
            }
            _ => return None,
        },
        _ => return None,
    };
    match call.args.as_slice() {
        [argument] if argument.spread.is_none() => match &*argument.expr {
            Expr::Lit(Lit::Str(text)) => Some((kind, text)),
            _ => None,
        },
        _ => None,
    }
}

#[derive(Default)]
pub struct DependencyCollector {
    pub dependencies: Vec<Dependency>,
}

impl Visit for DependencyCollector {
    fn visit_call_expr(&mut self, call: &CallExpr) {
        if let Some((kind, text)) = string_call(call) {
            let specifier = text.value.to_string_lossy().into_owned();
            if !self
                .dependencies
                .iter()
                .any(|known| known.specifier == specifier && known.kind == kind)
            {
                self.dependencies.push(Dependency {
                    specifier,
                    kind,
                    span: text.span(),
                });
            }
        }
        call.visit_children_with(self);
    }
}

/// Rewrites each dependency's string to what `rewrite` returns for it (a module id);
/// `import(id)` becomes `require.load(id)`, the registry's chunk-aware loader, and
/// `require.url(id)` a plain `require(id)`.
pub struct DependencyRewriter<F: Fn(&str, DependencyKind) -> Option<String>> {
    pub rewrite: F,
}

impl<F: Fn(&str, DependencyKind) -> Option<String>> VisitMut for DependencyRewriter<F> {
    fn visit_mut_call_expr(&mut self, call: &mut CallExpr) {
        call.visit_mut_children_with(self);
        let Some((kind, text)) = string_call(call) else {
            return;
        };
        let Some(replacement) = (self.rewrite)(&text.value.to_string_lossy(), kind) else {
            return;
        };
        *call.args[0].expr = Expr::Lit(Lit::Str(Str::from(replacement)));
        let require = || Box::new(Expr::Ident(Ident::new_no_ctxt("require".into(), DUMMY_SP)));
        match kind {
            DependencyKind::Dynamic => {
                let load = MemberExpr {
                    span: DUMMY_SP,
                    obj: require(),
                    prop: MemberProp::Ident(IdentName::new("load".into(), DUMMY_SP)),
                };
                call.callee = Callee::Expr(Box::new(Expr::Member(load)));
            }
            DependencyKind::FileUrl => call.callee = Callee::Expr(require()),
            DependencyKind::Static | DependencyKind::Worker => {}
        }
    }
}
