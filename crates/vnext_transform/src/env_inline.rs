//! Replaces `process.env.NAME` with the build's value as a string literal, so dead
//! branches (`if (process.env.NODE_ENV !== 'production')`) can be dropped.

use std::collections::HashMap;

use swc_core::common::{Mark, SyntaxContext};
use swc_core::ecma::ast::{Expr, Lit, MemberExpr, MemberProp, Str};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

pub struct EnvInline<'a> {
    pub env: &'a HashMap<String, String>,
    /// `process` must be the global, not a local of that name.
    pub unresolved: SyntaxContext,
}

impl<'a> EnvInline<'a> {
    pub fn new(env: &'a HashMap<String, String>, unresolved_mark: Mark) -> Self {
        Self {
            env,
            unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        }
    }

    fn value_of(&self, member: &MemberExpr) -> Option<&String> {
        let MemberProp::Ident(name) = &member.prop else {
            return None;
        };
        let Expr::Member(env) = &*member.obj else {
            return None;
        };
        let (Expr::Ident(process), MemberProp::Ident(env_name)) = (&*env.obj, &env.prop) else {
            return None;
        };
        if process.sym != "process" || process.ctxt != self.unresolved || env_name.sym != "env" {
            return None;
        }
        self.env.get(name.sym.as_str())
    }
}

impl VisitMut for EnvInline<'_> {
    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        if let Expr::Member(member) = expr
            && let Some(value) = self.value_of(member)
        {
            *expr = Expr::Lit(Lit::Str(Str::from(value.as_str())));
            return;
        }
        expr.visit_mut_children_with(self);
    }
}
