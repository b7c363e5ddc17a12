//! One module through every pass: parse (and read the directive), then TypeScript,
//! JSX, env inlining and dead branches, then ESM to CommonJS so the bundler's registry
//! can run it. The module's dependencies are read off the result; ids are put in by
//! [`TransformedModule::emit`] once the bundler has resolved them.

use std::collections::HashMap;

use swc_core::common::comments::SingleThreadedComments;
use swc_core::common::util::take::Take;
use swc_core::common::{GLOBALS, Globals, Mark, SourceMap, SyntaxContext, sync::Lrc};
use swc_core::ecma::ast::{
    Decl, DefaultDecl, ExportSpecifier, Expr, Ident, ModuleDecl, ModuleExportName, Program,
};
use swc_core::ecma::transforms::base::helpers::{HELPERS, Helpers, inject_helpers};
use swc_core::ecma::transforms::base::{fixer::fixer, hygiene::hygiene, resolver};
use swc_core::ecma::transforms::module::common_js::{FeatureFlag, common_js};
use swc_core::ecma::transforms::module::import_analysis::import_analyzer;
use swc_core::ecma::transforms::module::path::Resolver;
use swc_core::ecma::transforms::module::util::{Config as ModuleConfig, ImportInterop};
use swc_core::ecma::transforms::optimization::simplify::{dead_branch_remover, expr_simplifier};
use swc_core::ecma::transforms::react::{self, Runtime};
use swc_core::ecma::transforms::typescript;
use swc_core::ecma::utils::{contains_top_level_await, find_pat_ids};
use swc_core::ecma::visit::{VisitMutWith, VisitWith};
use vnext_diagnostics::{Diagnostic, Location, Mapping};

use crate::compact_exports::compact_exports;
use crate::dependencies::{Dependency, DependencyCollector, DependencyKind, DependencyRewriter};
use crate::directive::{Directive, read_directive};
use crate::env_inline::EnvInline;
use crate::export_markers::{ImportedProperties, mark_imported_properties};
use crate::file_urls::FileUrls;
use crate::imported_names::ModuleImports;
use crate::inline_server_actions::hoist_inline_actions;
use crate::layer_attributes::read_layer_attributes;
use crate::minify::minify_module;
use crate::parse::{locate, parse_program, syntax_for};
use crate::print::print_program;
use crate::server_references::registration_source;
use crate::wrapper_parameters::rename_wrapper_parameter_bindings;

/// What a module needs to become.
#[derive(Debug, Clone, Default)]
pub struct TransformOptions {
    pub env: HashMap<String, String>,
    /// Compress and mangle the module (its body becomes a function's, so its top level
    /// is private).
    pub minify: bool,
    /// Record where each piece of the printed code came from.
    pub source_map: bool,
    /// The secret hashed into server action ids (see [`crate::action_id`]).
    pub action_id_salt: String,
}

/// A module's printed code and, when asked for, its mappings back to the source.
#[derive(Debug, Clone, Default)]
pub struct EmittedModule {
    pub code: String,
    pub mappings: Vec<Mapping>,
}

/// A parsed module whose prologue has been read: enough for the bundler to decide
/// whether to transform it at all (a `"use client"` module in the `rsc` layer is not).
pub struct ParsedModule {
    pub directive: Option<Directive>,
    is_typescript: bool,
    program: Program,
    source_map: Lrc<SourceMap>,
    /// Set for a server component module: its inline actions are hoisted, with ids
    /// derived from this file name.
    inline_actions_of: Option<String>,
}

/// A module after its passes, waiting for its dependencies' ids.
pub struct TransformedModule {
    /// Unique, in source order.
    pub dependencies: Vec<Dependency>,
    /// Names the module exports as ESM (`default` included); empty for CommonJS.
    pub exports: Vec<String>,
    /// Specifiers of `export * from` re-exports, whose names come from the graph.
    pub star_exports: Vec<String>,
    /// Whether the source had `import`/`export` syntax.
    pub is_esm: bool,
    /// `(specifier, layer)` for imports written `with { layer: '…' }`.
    pub layer_switches: Vec<(String, String)>,
    /// `(export name, action id)` of each inline `"use server"` function hoisted.
    pub inline_actions: Vec<(String, String)>,
    /// What it takes from each module it imports, and its re-exports if it is a barrel.
    pub imports: ModuleImports,
    /// Its export names, in order, when its code writes them as export markers.
    pub marked_exports: Option<Vec<String>>,
    /// The imports its import markers name, and those it reads otherwise.
    pub imported_properties: ImportedProperties,
    /// Its body awaits at the top level: it runs as an async function.
    pub has_top_level_await: bool,
    program: Program,
    source_map: Lrc<SourceMap>,
    minify: bool,
    with_mappings: bool,
}

/// Parses `source`, the text of `file` (as it should appear in messages), and reads
/// its directive.
pub fn parse_module(file: &str, source: &str) -> Result<ParsedModule, Diagnostic> {
    let source_map: Lrc<SourceMap> = Default::default();
    let program = parse_program(&source_map, file, source)?;
    Ok(ParsedModule {
        directive: read_directive(&program),
        is_typescript: syntax_for(file).typescript(),
        program,
        source_map,
        inline_actions_of: None,
    })
}

impl ParsedModule {
    /// The names the module exports as ESM, as written (`default` included).
    pub fn export_names(&self) -> Vec<String> {
        read_exports(&self.program).0
    }

    /// Where each export statement of a `"use server"` module starts that exports
    /// something other than an async function: Next refuses them. Re-exported names
    /// (`export { x }`) are not judged.
    pub fn exports_that_are_not_async_functions(&self, file: &str) -> Vec<Location> {
        let Program::Module(module) = &self.program else {
            return Vec::new();
        };
        let is_async_function = |expr: &Expr| match expr {
            Expr::Arrow(arrow) => arrow.is_async,
            Expr::Fn(function) => function.function.is_async,
            _ => false,
        };
        let mut refused = Vec::new();
        for decl in module.body.iter().filter_map(|item| item.as_module_decl()) {
            match decl {
                ModuleDecl::ExportDecl(export) => {
                    let refuse = match &export.decl {
                        Decl::Fn(function) => !function.function.is_async,
                        Decl::Var(var) => !var.decls.iter().all(|declarator| {
                            declarator.init.as_deref().is_some_and(is_async_function)
                        }),
                        Decl::Class(_) => true,
                        _ => false,
                    };
                    if refuse {
                        refused.push(export.span);
                    }
                }
                ModuleDecl::ExportDefaultDecl(export) => {
                    let is_async = matches!(&export.decl, DefaultDecl::Fn(function) if function.function.is_async);
                    if !is_async {
                        refused.push(export.span);
                    }
                }
                ModuleDecl::ExportDefaultExpr(export) if !is_async_function(&export.expr) => {
                    refused.push(export.span);
                }
                _ => {}
            }
        }
        refused
            .into_iter()
            .map(|span| locate(&self.source_map, file, span))
            .collect()
    }

    /// For a `"use server"` module in the `rsc` layer: registers each export named in
    /// `actions` (`(export name, action id)`) with React as a server reference.
    pub fn register_server_references(&mut self, actions: &[(String, String)]) {
        let Program::Module(module) = &mut self.program else {
            return;
        };
        let source = registration_source(actions);
        let Ok(Program::Module(registration)) =
            parse_program(&self.source_map, "vnext:server-references", &source)
        else {
            unreachable!("the registration source is a valid module")
        };
        module.body.extend(registration.body);
    }

    /// Makes [`Self::transform`] hoist the module's inline `"use server"` functions, as
    /// a server component module's are; `file` names them in their action ids.
    pub fn hoist_inline_actions(&mut self, file: &str) {
        self.inline_actions_of = Some(file.to_string());
    }

    /// Runs every pass.
    pub fn transform(self, options: &TransformOptions) -> TransformedModule {
        let Self {
            is_typescript,
            mut program,
            source_map,
            inline_actions_of,
            ..
        } = self;
        GLOBALS.set(&Globals::new(), || {
            HELPERS.set(&Helpers::new(true), || {
                let unresolved_mark = Mark::new();
                let top_level_mark = Mark::new();
                program.mutate(resolver(unresolved_mark, top_level_mark, is_typescript));
                if is_typescript {
                    program.mutate(typescript::typescript(
                        typescript::Config::default(),
                        unresolved_mark,
                        top_level_mark,
                    ));
                }
                let inline_actions = match (&inline_actions_of, &mut program) {
                    (Some(file), Program::Module(module)) => hoist_inline_actions(
                        module,
                        &source_map,
                        &options.action_id_salt,
                        file,
                        top_level_mark,
                        unresolved_mark,
                    ),
                    _ => Vec::new(),
                };
                let jsx = react::Options {
                    runtime: Some(Runtime::Automatic),
                    ..Default::default()
                };
                program.mutate(react::react(
                    source_map.clone(),
                    None::<SingleThreadedComments>,
                    jsx,
                    top_level_mark,
                    unresolved_mark,
                ));
                program.visit_mut_with(&mut EnvInline::new(&options.env, unresolved_mark));
                program.visit_mut_with(&mut FileUrls::new(unresolved_mark));
                program.mutate(expr_simplifier(unresolved_mark, Default::default()));
                program.mutate(dead_branch_remover(unresolved_mark));

                let (exports, star_exports) = read_exports(&program);
                let has_top_level_await = contains_top_level_await(&program);
                let imports = match &program {
                    Program::Module(module) => ModuleImports::read(module),
                    Program::Script(_) => ModuleImports::default(),
                };
                let layer_switches = read_layer_attributes(&program);
                let is_esm = matches!(&program, Program::Module(module) if module.body.iter().any(|item| item.is_module_decl()));

                let module_config = ModuleConfig {
                    import_interop: Some(ImportInterop::Swc),
                    ignore_dynamic: true,
                    allow_top_level_this: true,
                    // Modules run inside ES module chunks, where it means the chunk.
                    preserve_import_meta: true,
                    ..Default::default()
                };
                let features = FeatureFlag {
                    support_block_scoping: true,
                    support_arrow: true,
                };
                program.mutate(import_analyzer(ImportInterop::Swc, true));
                program.mutate(inject_helpers(unresolved_mark));
                program.mutate(common_js(Resolver::Default, unresolved_mark, module_config, features));
                let unresolved = SyntaxContext::empty().apply_mark(unresolved_mark);
                let (marked_exports, imported_properties) = match (is_esm, &mut program) {
                    (true, Program::Module(module)) => {
                        let top_level = SyntaxContext::empty().apply_mark(top_level_mark);
                        rename_wrapper_parameter_bindings(
                            module,
                            &source_map.files()[0].src,
                            top_level,
                        );
                        (
                            compact_exports(module, unresolved),
                            mark_imported_properties(module, unresolved),
                        )
                    }
                    _ => (None, ImportedProperties::default()),
                };
                if options.minify {
                    // The minifier ends with its own fixer.
                    program.map_with_mut(|program| {
                        minify_module(program, &source_map, unresolved_mark, top_level_mark)
                    });
                } else {
                    program.mutate(hygiene());
                    program.mutate(fixer(None));
                }

                let mut collector = DependencyCollector::default();
                program.visit_with(&mut collector);
                TransformedModule {
                    dependencies: collector.dependencies,
                    imports,
                    marked_exports,
                    imported_properties,
                    has_top_level_await,
                    exports,
                    star_exports,
                    is_esm,
                    layer_switches,
                    inline_actions,
                    program,
                    source_map: source_map.clone(),
                    minify: options.minify,
                    with_mappings: options.source_map,
                }
            })
        })
    }
}

impl TransformedModule {
    /// Where `dependency` is written in the source, if it is.
    pub fn locate(&self, file: &str, dependency: &Dependency) -> Option<Location> {
        // A dependency a transform added (the JSX runtime) is written nowhere.
        (!dependency.span.is_dummy()).then(|| locate(&self.source_map, file, dependency.span))
    }

    /// Prints the module's code with each dependency pointed at the id `id_of` gives it.
    pub fn emit(mut self, id_of: impl Fn(&str, DependencyKind) -> Option<String>) -> EmittedModule {
        self.program
            .visit_mut_with(&mut DependencyRewriter { rewrite: id_of });
        let mut mappings = Vec::new();
        let code = print_program(
            &self.source_map,
            &self.program,
            self.minify,
            self.with_mappings.then_some(&mut mappings),
        );
        EmittedModule { code, mappings }
    }
}

fn read_exports(program: &Program) -> (Vec<String>, Vec<String>) {
    let mut names = Vec::new();
    let mut stars = Vec::new();
    let Program::Module(module) = program else {
        return (names, stars);
    };
    let export_name = |name: &ModuleExportName| match name {
        ModuleExportName::Ident(ident) => ident.sym.to_string(),
        ModuleExportName::Str(text) => text.value.to_string_lossy().into_owned(),
    };
    for decl in module.body.iter().filter_map(|item| item.as_module_decl()) {
        match decl {
            ModuleDecl::ExportDecl(export) => match &export.decl {
                Decl::Class(class) => names.push(class.ident.sym.to_string()),
                Decl::Fn(function) => names.push(function.ident.sym.to_string()),
                Decl::Var(var) => {
                    let bound: Vec<Ident> = find_pat_ids(&var.decls);
                    names.extend(bound.into_iter().map(|ident| ident.sym.to_string()));
                }
                _ => {}
            },
            ModuleDecl::ExportNamed(named) => {
                for specifier in &named.specifiers {
                    names.push(match specifier {
                        ExportSpecifier::Named(named) => {
                            export_name(named.exported.as_ref().unwrap_or(&named.orig))
                        }
                        ExportSpecifier::Namespace(namespace) => export_name(&namespace.name),
                        ExportSpecifier::Default(default) => default.exported.sym.to_string(),
                    });
                }
            }
            ModuleDecl::ExportDefaultDecl(_) | ModuleDecl::ExportDefaultExpr(_) => {
                names.push("default".to_string())
            }
            ModuleDecl::ExportAll(all) => stars.push(all.src.value.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    (names, stars)
}
