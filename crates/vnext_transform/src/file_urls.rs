//! `new URL('./file.png', import.meta.url)`: the file's address, resolved against the
//! module's own. The file becomes a dependency of its own kind, written
//! `require.url('./file.png')` until the bundler names it (it gives the URL where the
//! bundle serves the file, or where a Web Worker's chunk is), and the chunk's
//! `import.meta.url` stays the base.

use swc_core::common::{DUMMY_SP, Mark, SyntaxContext};
use swc_core::ecma::ast::{
    CallExpr, Callee, Expr, ExprOrSpread, Ident, IdentName, Lit, MemberExpr, MemberProp,
    MetaPropKind, NewExpr, Str,
};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

pub struct FileUrls {
    /// `URL` and `require` must be the globals.
    unresolved: SyntaxContext,
}

impl FileUrls {
    pub fn new(unresolved_mark: Mark) -> Self {
        Self {
            unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        }
    }

    /// The relative specifier of `new URL('./x', import.meta.url)`.
    fn file_of<'a>(&self, new: &'a NewExpr) -> Option<&'a Str> {
        let Expr::Ident(callee) = &*new.callee else {
            return None;
        };
        if callee.sym != "URL" || callee.ctxt != self.unresolved {
            return None;
        }
        let [file, base] = new.args.as_deref()? else {
            return None;
        };
        if file.spread.is_some() || base.spread.is_some() {
            return None;
        }
        let Expr::Lit(Lit::Str(file)) = &*file.expr else {
            return None;
        };
        let Expr::Member(base) = &*base.expr else {
            return None;
        };
        let is_import_meta_url = matches!(&*base.obj, Expr::MetaProp(meta) if meta.kind == MetaPropKind::ImportMeta)
            && matches!(&base.prop, MemberProp::Ident(name) if name.sym == "url");
        let specifier = file.value.as_str()?;
        let is_relative = specifier.starts_with("./") || specifier.starts_with("../");
        (is_import_meta_url && is_relative).then_some(file)
    }
}

impl VisitMut for FileUrls {
    fn visit_mut_new_expr(&mut self, new: &mut NewExpr) {
        new.visit_mut_children_with(self);
        let Some(file) = self.file_of(new).cloned() else {
            return;
        };
        let require = Ident::new("require".into(), DUMMY_SP, self.unresolved);
        let url = MemberExpr {
            span: DUMMY_SP,
            obj: Box::new(Expr::Ident(require)),
            prop: MemberProp::Ident(IdentName::new("url".into(), DUMMY_SP)),
        };
        let call = CallExpr {
            span: DUMMY_SP,
            callee: Callee::Expr(Box::new(Expr::Member(url))),
            args: vec![ExprOrSpread::from(Box::new(Expr::Lit(Lit::Str(file))))],
            ..Default::default()
        };
        if let Some(args) = &mut new.args {
            args[0] = ExprOrSpread::from(Box::new(Expr::Call(call)));
        }
    }
}
