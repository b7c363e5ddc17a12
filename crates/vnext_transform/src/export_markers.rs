//! Export names as markers, so that the bundler can shorten them once the graph shows
//! that nothing reads a module's exports except by name. A module is printed before
//! the graph is complete: the keys of its `require.e(exports, { … })` call are written
//! [`export_marker`]s, and each read of an imported module's export (`_dep.name`, as
//! swc's CommonJS transform writes a named import) an [`import_marker`] naming the
//! import by its slot. The bundler replaces both with the final names.

use swc_core::common::SyntaxContext;
use swc_core::ecma::ast::{
    CallExpr, Callee, Decl, Expr, Ident, Lit, MemberExpr, MemberProp, Module, ModuleItem, Stmt,
    VarDeclarator,
};
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

pub const EXPORT_MARKER_START: &str = "__vnext_export_";
pub const IMPORT_MARKER_START: &str = "__vnext_import_";
/// The third argument of a marked `require.e`: the export names as written, which an
/// `export *` of a module whose names were shortened copies under (see the registry).
pub const WRITTEN_NAMES_MARKER: &str = "__vnext_written_names__";
/// swc's helper for `export *`, whose `_(require("x"), exports)` copies names from
/// `x` without reading any itself.
const EXPORT_STAR_HELPER: &str = "@swc/helpers/_/_export_star";
/// swc's helpers that hand back an imported module, or an object that reads it by name:
/// `_interop_require_default` and `_interop_require_wildcard`.
const INTEROP_HELPERS: &str = "@swc/helpers/_/_interop_require_";

/// The key that stands for the export `name`.
pub fn export_marker(name: &str) -> String {
    format!("{EXPORT_MARKER_START}{name}__")
}

/// The property that stands for the export `name` of the module imported in `slot`.
pub fn import_marker(slot: usize, name: &str) -> String {
    format!("{IMPORT_MARKER_START}{slot}_{name}__")
}

/// Whether `byte` can be part of a marker: markers are ASCII identifiers, which is
/// how the bundler finds where they end.
pub fn is_marker_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$'
}

/// Whether `name` can be carried by a marker.
pub fn is_markable(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(is_marker_byte)
}

/// How a module reads the modules it imports.
#[derive(Debug, Clone, Default)]
pub struct ImportedProperties {
    /// The specifier of each slot the module's import markers name.
    pub slots: Vec<String>,
    /// Specifiers of modules read otherwise than by named property or `export *`: a
    /// namespace passed on, a computed property, a `require()` of CommonJS. Every
    /// export name of theirs must stay.
    pub escaping: Vec<String>,
}

/// Marks each read of a named export through a top-level `const _dep = require("…")`
/// (or a helper's call around it), in `module` just after swc's CommonJS transform.
/// `unresolved` is the context of free names (`require`).
pub fn mark_imported_properties(
    module: &mut Module,
    unresolved: SyntaxContext,
) -> ImportedProperties {
    let mut marker = PropertyMarker {
        unresolved,
        bindings: Vec::new(),
        properties: ImportedProperties::default(),
    };
    for item in &module.body {
        let ModuleItem::Stmt(Stmt::Decl(Decl::Var(var))) = item else {
            continue;
        };
        for declarator in &var.decls {
            if let (Some(binding), Some(specifier)) =
                (declarator.name.as_ident(), marker.imported(declarator))
            {
                let slot = marker.slot_of(specifier);
                marker.bindings.push((binding.id.clone(), slot));
            }
        }
    }
    module.visit_mut_with(&mut marker);
    marker.properties
}

struct PropertyMarker {
    unresolved: SyntaxContext,
    /// Each import binding and its slot: a few per module, looked up for every name,
    /// where a scan that compares contexts first beats hashing.
    bindings: Vec<(Ident, usize)>,
    properties: ImportedProperties,
}

impl PropertyMarker {
    fn slot_bound_to(&self, ident: &Ident) -> Option<usize> {
        self.bindings
            .iter()
            .find(|(binding, _)| binding.ctxt == ident.ctxt && binding.sym == ident.sym)
            .map(|(_, slot)| *slot)
    }

    /// The specifier `declarator` binds: `require("x")`, or `helper._(require("x"))`
    /// with one of swc's interop helpers.
    fn imported(&self, declarator: &VarDeclarator) -> Option<String> {
        let Expr::Call(call) = &**declarator.init.as_ref()? else {
            return None;
        };
        if let Some(specifier) = self.required(call) {
            return Some(specifier);
        }
        let is_interop = self
            .helper_called(call)
            .is_some_and(|helper| helper.starts_with(INTEROP_HELPERS));
        match &call.args[..] {
            [argument] if is_interop && argument.spread.is_none() => match &*argument.expr {
                Expr::Call(inner) => self.required(inner),
                _ => None,
            },
            _ => None,
        }
    }

    /// The specifier of the helper `call` calls as `helper._(…)`, an import binding.
    fn helper_called(&self, call: &CallExpr) -> Option<&str> {
        let Callee::Expr(callee) = &call.callee else {
            return None;
        };
        let Expr::Member(MemberExpr {
            obj,
            prop: MemberProp::Ident(method),
            ..
        }) = &**callee
        else {
            return None;
        };
        let Expr::Ident(helper) = &**obj else {
            return None;
        };
        let slot = self.slot_bound_to(helper)?;
        (method.sym == "_").then(|| self.properties.slots[slot].as_str())
    }

    /// `x` of `require("x")`.
    fn required(&self, call: &CallExpr) -> Option<String> {
        let Callee::Expr(callee) = &call.callee else {
            return None;
        };
        if !matches!(&**callee, Expr::Ident(Ident { sym, ctxt, .. }) if sym == "require" && *ctxt == self.unresolved)
        {
            return None;
        }
        match &call.args[..] {
            [argument] if argument.spread.is_none() => match &*argument.expr {
                Expr::Lit(Lit::Str(text)) => text.value.as_str().map(str::to_string),
                _ => None,
            },
            _ => None,
        }
    }

    fn slot_of(&mut self, specifier: String) -> usize {
        let slots = &mut self.properties.slots;
        match slots.iter().position(|known| *known == specifier) {
            Some(slot) => slot,
            None => {
                slots.push(specifier);
                slots.len() - 1
            }
        }
    }

    /// `helper._(require("x"), exports)` with swc's `export *` helper.
    fn is_export_star(&self, call: &CallExpr) -> bool {
        let required = match call.args.first() {
            Some(argument) => {
                matches!(&*argument.expr, Expr::Call(inner) if self.required(inner).is_some())
            }
            None => false,
        };
        required && self.helper_called(call) == Some(EXPORT_STAR_HELPER)
    }

    fn escape(&mut self, specifier: &str) {
        if !self
            .properties
            .escaping
            .iter()
            .any(|known| known == specifier)
        {
            self.properties.escaping.push(specifier.to_string());
        }
    }
}

impl VisitMut for PropertyMarker {
    fn visit_mut_var_declarator(&mut self, declarator: &mut VarDeclarator) {
        let is_import = declarator
            .name
            .as_ident()
            .is_some_and(|binding| self.slot_bound_to(binding).is_some());
        // Its `require` is what the slot stands for.
        if !is_import {
            declarator.visit_mut_children_with(self);
        }
    }

    fn visit_mut_member_expr(&mut self, member: &mut MemberExpr) {
        if let (Expr::Ident(object), MemberProp::Ident(name)) = (&*member.obj, &mut member.prop)
            && let Some(slot) = self.slot_bound_to(object)
            && is_markable(&name.sym)
        {
            name.sym = import_marker(slot, &name.sym).into();
            return;
        }
        member.visit_mut_children_with(self);
    }

    fn visit_mut_ident(&mut self, ident: &mut Ident) {
        if let Some(slot) = self.slot_bound_to(ident) {
            let specifier = self.properties.slots[slot].clone();
            self.escape(&specifier);
        }
    }

    fn visit_mut_call_expr(&mut self, call: &mut CallExpr) {
        if let Some(specifier) = self.required(call) {
            self.escape(&specifier);
        }
        if self.is_export_star(call) {
            call.callee.visit_mut_with(self);
            return;
        }
        call.visit_mut_children_with(self);
    }
}
