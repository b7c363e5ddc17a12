//! What a module takes from the modules it imports, read from its ESM syntax before it
//! becomes CommonJS, and whether it is a barrel: a module that only re-exports. The
//! bundler uses both to leave out the modules a barrel re-exports that nobody uses.

use std::collections::HashMap;

use swc_core::ecma::ast::{
    ExportSpecifier, ImportSpecifier, Module, ModuleDecl, ModuleExportName, ModuleItem,
};

/// The names taken from one imported module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportedNames {
    /// Everything: a namespace import, `require`, `import()`, `export *`.
    All,
    /// These export names (none for `import './x'`, which only runs it).
    Names(Vec<String>),
}

/// One re-export of a barrel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reexport {
    /// `export { imported as exported } from '…'`
    Named { imported: String, exported: String },
    /// `export * as exported from '…'`
    Namespace { exported: String },
    /// `export * from '…'`
    Star,
}

/// What an import declaration binds a local name to.
enum Binding {
    /// One export of the module (`default` for a default import).
    Export(String),
    /// The module's namespace.
    Namespace,
}

/// A module's ESM imports, by specifier in source order, and its re-exports when it
/// does nothing else.
#[derive(Debug, Clone, Default)]
pub struct ModuleImports {
    pub imported: Vec<(String, ImportedNames)>,
    pub barrel: Option<Vec<(String, Reexport)>>,
}

fn export_name(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(ident) => ident.sym.to_string(),
        ModuleExportName::Str(text) => text.value.to_string_lossy().into_owned(),
    }
}

impl ModuleImports {
    /// Reads `module` (TypeScript's type-only imports already gone).
    pub fn read(module: &Module) -> ModuleImports {
        let mut imported: Vec<(String, ImportedNames)> = Vec::new();
        let mut take = |specifier: String, names: ImportedNames| match imported
            .iter_mut()
            .find(|(known, _)| *known == specifier)
        {
            Some((_, ImportedNames::All)) => {}
            Some((_, existing)) => match (existing, names) {
                (existing, ImportedNames::All) => *existing = ImportedNames::All,
                (ImportedNames::Names(known), ImportedNames::Names(more)) => known.extend(more),
                _ => {}
            },
            None => imported.push((specifier, names)),
        };
        // Local name → (specifier, what it binds), for barrels that import then export.
        let mut bindings: HashMap<String, (String, Binding)> = HashMap::new();
        let mut reexports = Vec::new();
        let mut is_barrel = true;
        for item in &module.body {
            let ModuleItem::ModuleDecl(decl) = item else {
                is_barrel = false;
                continue;
            };
            match decl {
                ModuleDecl::Import(import) if !import.type_only => {
                    let specifier = import.src.value.to_string_lossy().into_owned();
                    // `import './x'` runs it, which a rewritten barrel would not.
                    if import.specifiers.is_empty() {
                        is_barrel = false;
                    }
                    let mut names = Vec::new();
                    let mut all = false;
                    for binding in &import.specifiers {
                        let (local, bound) = match binding {
                            ImportSpecifier::Named(named) => {
                                let name = named
                                    .imported
                                    .as_ref()
                                    .map_or_else(|| named.local.sym.to_string(), export_name);
                                names.push(name.clone());
                                (named.local.sym.to_string(), Binding::Export(name))
                            }
                            ImportSpecifier::Default(default) => {
                                names.push("default".to_string());
                                (
                                    default.local.sym.to_string(),
                                    Binding::Export("default".to_string()),
                                )
                            }
                            ImportSpecifier::Namespace(namespace) => {
                                all = true;
                                (namespace.local.sym.to_string(), Binding::Namespace)
                            }
                        };
                        bindings.insert(local, (specifier.clone(), bound));
                    }
                    take(
                        specifier,
                        if all {
                            ImportedNames::All
                        } else {
                            ImportedNames::Names(names)
                        },
                    );
                }
                ModuleDecl::ExportNamed(named) if !named.type_only => {
                    for specifier in &named.specifiers {
                        let reexport = match (specifier, &named.src) {
                            (ExportSpecifier::Named(export), Some(_)) => {
                                let imported = export_name(&export.orig);
                                let exported = export
                                    .exported
                                    .as_ref()
                                    .map_or_else(|| imported.clone(), export_name);
                                Some(Reexport::Named { imported, exported })
                            }
                            (ExportSpecifier::Namespace(export), Some(_)) => {
                                Some(Reexport::Namespace {
                                    exported: export_name(&export.name),
                                })
                            }
                            // `export { local as name }` of an imported binding.
                            (ExportSpecifier::Named(export), None) => {
                                let local = export_name(&export.orig);
                                let exported = export
                                    .exported
                                    .as_ref()
                                    .map_or_else(|| local.clone(), export_name);
                                match bindings.get(&local) {
                                    Some((source, Binding::Export(imported))) => {
                                        reexports.push((
                                            source.clone(),
                                            Reexport::Named {
                                                imported: imported.clone(),
                                                exported,
                                            },
                                        ));
                                    }
                                    Some((source, Binding::Namespace)) => {
                                        reexports.push((
                                            source.clone(),
                                            Reexport::Namespace { exported },
                                        ));
                                    }
                                    None => is_barrel = false,
                                }
                                None
                            }
                            _ => {
                                is_barrel = false;
                                None
                            }
                        };
                        if let (Some(reexport), Some(source)) = (reexport, &named.src) {
                            let source = source.value.to_string_lossy().into_owned();
                            let names = match &reexport {
                                Reexport::Named { imported, .. } => {
                                    ImportedNames::Names(vec![imported.clone()])
                                }
                                _ => ImportedNames::All,
                            };
                            take(source.clone(), names);
                            reexports.push((source, reexport));
                        }
                    }
                }
                ModuleDecl::ExportAll(all) if !all.type_only => {
                    let source = all.src.value.to_string_lossy().into_owned();
                    take(source.clone(), ImportedNames::All);
                    reexports.push((source, Reexport::Star));
                }
                ModuleDecl::Import(_) | ModuleDecl::ExportNamed(_) | ModuleDecl::ExportAll(_) => {}
                _ => is_barrel = false,
            }
        }
        // Every import of a barrel must be re-exported, or it is used for something else.
        let reexported = |local: &String| {
            let (source, bound) = &bindings[local];
            reexports.iter().any(|(from, reexport)| {
                from == source
                    && match (bound, reexport) {
                        (
                            Binding::Export(imported),
                            Reexport::Named {
                                imported: other, ..
                            },
                        ) => imported == other,
                        (Binding::Namespace, Reexport::Namespace { .. }) => true,
                        _ => false,
                    }
            })
        };
        let is_barrel = is_barrel && !reexports.is_empty() && bindings.keys().all(reexported);
        ModuleImports {
            imported,
            barrel: is_barrel.then_some(reexports),
        }
    }
}
