//! `import x from './y' with { layer: 'ssr' }`: how vnext's generated server entry
//! moves from one layer of the graph to another. Read before the CommonJS transform,
//! which drops import attributes.

use swc_core::ecma::ast::{Lit, ModuleDecl, ObjectLit, Program, Prop, PropName, PropOrSpread};

/// `(specifier, layer)` for each import or re-export that names a layer.
pub fn read_layer_attributes(program: &Program) -> Vec<(String, String)> {
    let Program::Module(module) = program else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for decl in module.body.iter().filter_map(|item| item.as_module_decl()) {
        let (source, attributes) = match decl {
            ModuleDecl::Import(import) => (&import.src, &import.with),
            ModuleDecl::ExportAll(all) => (&all.src, &all.with),
            ModuleDecl::ExportNamed(named) => match &named.src {
                Some(source) => (source, &named.with),
                None => continue,
            },
            _ => continue,
        };
        if let Some(layer) = attributes.as_deref().and_then(layer_of) {
            found.push((source.value.to_string_lossy().into_owned(), layer));
        }
    }
    found
}

fn layer_of(attributes: &ObjectLit) -> Option<String> {
    attributes.props.iter().find_map(|property| {
        let PropOrSpread::Prop(property) = property else {
            return None;
        };
        let Prop::KeyValue(pair) = &**property else {
            return None;
        };
        let key = match &pair.key {
            PropName::Ident(name) => name.sym.as_str(),
            PropName::Str(text) => text.value.as_str()?,
            _ => return None,
        };
        match (key, pair.value.as_lit()) {
            ("layer", Some(Lit::Str(value))) => Some(value.value.to_string_lossy().into_owned()),
            _ => None,
        }
    })
}
