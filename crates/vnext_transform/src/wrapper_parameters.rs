//! An ES module's body runs as the body of the registry's `function (module, exports,
//! require)`, where in the source those three names are free. A top-level binding of
//! one of them (`const require = createRequire(import.meta.url)`, common in ES modules
//! written for Node) would meet the parameter: as `let`, `const` or `class` it
//! redeclares it, a syntax error that stops the whole chunk; as `var` or a function it
//! replaces the value the CommonJS pass's own `require(…)` calls read. Such a binding
//! is renamed to a name the module does not use.

use std::collections::HashSet;

use rustc_hash::FxHashMap;
use swc_core::atoms::Atom;
use swc_core::common::SyntaxContext;
use swc_core::ecma::ast::{Id, Ident, Module};
use swc_core::ecma::transforms::base::rename::rename;
use swc_core::ecma::visit::{Visit, VisitMutWith, VisitWith};

const PARAMETERS: [&str; 3] = ["module", "exports", "require"];

/// Renames the top-level bindings of `module` (those in `top_level`, the context the
/// resolver gave them) that are named like a parameter of the registry's wrapper.
/// `source` is the module's text: a binding's name is written there, so a module whose
/// text has none of the names is not walked (a full walk is 1% of a build of 5,000
/// small TSX modules, none of which has one).
pub(crate) fn rename_wrapper_parameter_bindings(
    module: &mut Module,
    source: &str,
    top_level: SyntaxContext,
) {
    if !PARAMETERS.iter().any(|name| source.contains(name)) {
        return;
    }
    let mut clashing = Clashing {
        top_level,
        ids: Vec::new(),
    };
    module.visit_with(&mut clashing);
    if clashing.ids.is_empty() {
        return;
    }
    let mut used = UsedNames::default();
    module.visit_with(&mut used);
    let mut renames = FxHashMap::default();
    for id in clashing.ids {
        let free = (0..)
            .map(|counter| -> Atom {
                match counter {
                    0 => format!("_{}", id.0).into(),
                    _ => format!("_{}{counter}", id.0).into(),
                }
            })
            .find(|candidate| !used.0.contains(candidate))
            .expect("some name is free");
        used.0.insert(free.clone());
        renames.insert(id, free);
    }
    module.visit_mut_with(&mut rename(&renames));
}

/// The top-level bindings named like a parameter.
struct Clashing {
    top_level: SyntaxContext,
    ids: Vec<Id>,
}

impl Visit for Clashing {
    fn visit_ident(&mut self, ident: &Ident) {
        if ident.ctxt == self.top_level
            && PARAMETERS.contains(&&*ident.sym)
            && !self.ids.contains(&ident.to_id())
        {
            self.ids.push(ident.to_id());
        }
    }
}

/// Every identifier's name.
#[derive(Default)]
struct UsedNames(HashSet<Atom>);

impl Visit for UsedNames {
    fn visit_ident(&mut self, ident: &Ident) {
        self.0.insert(ident.sym.clone());
    }
}
