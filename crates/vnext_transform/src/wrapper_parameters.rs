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
pub(crate) fn rename_wrapper_parameter_bindings(module: &mut Module, top_level: SyntaxContext) {
    let mut names = Names {
        top_level,
        used: HashSet::new(),
        clashing: Vec::new(),
    };
    module.visit_with(&mut names);
    if names.clashing.is_empty() {
        return;
    }
    let mut renames = FxHashMap::default();
    for id in names.clashing {
        let mut counter = 0;
        let free = loop {
            let candidate: Atom = match counter {
                0 => format!("_{}", id.0).into(),
                _ => format!("_{}{counter}", id.0).into(),
            };
            if !names.used.contains(&candidate) {
                break candidate;
            }
            counter += 1;
        };
        names.used.insert(free.clone());
        renames.insert(id, free);
    }
    module.visit_mut_with(&mut rename(&renames));
}

/// Every identifier's name, and the top-level bindings that clash.
struct Names {
    top_level: SyntaxContext,
    used: HashSet<Atom>,
    clashing: Vec<Id>,
}

impl Visit for Names {
    fn visit_ident(&mut self, ident: &Ident) {
        if ident.ctxt == self.top_level
            && PARAMETERS.contains(&&*ident.sym)
            && !self.clashing.contains(&ident.to_id())
        {
            self.clashing.push(ident.to_id());
        }
        self.used.insert(ident.sym.clone());
    }
}
