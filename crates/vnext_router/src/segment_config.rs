//! Reads a route module's segment config and notable exports by parsing it with swc,
//! never running it.

use std::collections::HashMap;

use serde::Serialize;
use swc_core::common::{SourceMap, Span, Spanned, sync::Lrc};
use swc_core::ecma::ast::{
    BinaryOp, Decl, Expr, Lit, ModuleDecl, ModuleExportName, ModuleItem, Program, Stmt, UnaryOp,
};
use vnext_transform::{locate, parse_program};

use vnext_diagnostics::{Diagnostic, Location};

/// The route segment config a module exports, as far as it can be read statically.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revalidate: Option<Revalidate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic_params: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetch_cache: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_region: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_duration: Option<f64>,
}

/// `export const revalidate = false | <seconds>`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Revalidate {
    /// `false`: cache forever.
    Never(bool),
    Seconds(f64),
}

/// What a route module exports that the build cares about.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModuleInfo {
    #[serde(skip_serializing_if = "is_default")]
    pub config: SegmentConfig,
    /// Exported names among `generateStaticParams`, `metadata`, `generateMetadata`,
    /// `viewport`, `generateViewport`, `generateSitemaps`, `generateImageMetadata`,
    /// the Pages Router's data functions and the HTTP methods of a route handler,
    /// in source order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exports: Vec<String>,
}

impl ModuleInfo {
    pub fn has_export(&self, name: &str) -> bool {
        self.exports.iter().any(|e| e == name)
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

const NOTABLE_EXPORTS: [&str; 17] = [
    "getServerSideProps",
    "getStaticProps",
    "getStaticPaths",
    "generateStaticParams",
    "metadata",
    "generateMetadata",
    "viewport",
    "generateViewport",
    "generateSitemaps",
    "generateImageMetadata",
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
];

const CONFIG_EXPORTS: [&str; 7] = [
    "revalidate",
    "dynamic",
    "dynamicParams",
    "fetchCache",
    "runtime",
    "preferredRegion",
    "maxDuration",
];

/// Reads `source` (the text of `file`, a path relative to the project). Returns the
/// module's info and the diagnostics found: a syntax error, an invalid config value,
/// or a config value too dynamic to read.
pub fn read_module(file: &str, source: &str) -> (ModuleInfo, Vec<Diagnostic>) {
    // A module that never spells a name we read exports none of them, so it needs no
    // parse; its syntax errors are the bundler's to report. Next's build skips the
    // parse on the same kind of check.
    let names_any_export = NOTABLE_EXPORTS
        .iter()
        .chain(&CONFIG_EXPORTS)
        .any(|name| source.contains(name));
    if !names_any_export {
        return (ModuleInfo::default(), Vec::new());
    }
    let source_map: Lrc<SourceMap> = Default::default();
    let module = match parse_program(&source_map, file, source) {
        Ok(Program::Module(module)) => module,
        Ok(Program::Script(_)) => return (ModuleInfo::default(), Vec::new()),
        Err(diagnostic) => return (ModuleInfo::default(), vec![diagnostic]),
    };
    let located = |span: Span| locate(&source_map, file, span);

    let mut reader = ExportReader {
        file,
        source,
        locals: HashMap::new(),
        info: ModuleInfo::default(),
        diagnostics: Vec::new(),
        locate: &located,
    };
    for item in &module.body {
        if let ModuleItem::Stmt(Stmt::Decl(Decl::Var(var))) = item {
            for declarator in &var.decls {
                if let (Some(ident), Some(init)) = (declarator.name.as_ident(), &declarator.init) {
                    reader.locals.insert(ident.id.sym.to_string(), init);
                }
            }
        }
    }
    for item in &module.body {
        if let ModuleItem::ModuleDecl(decl) = item {
            reader.read_export(decl);
        }
    }
    (reader.info, reader.diagnostics)
}

struct ExportReader<'a, L: Fn(Span) -> Location> {
    file: &'a str,
    source: &'a str,
    /// Top-level `const`/`let`/`var` initialisers, for `export { x as revalidate }`.
    locals: HashMap<String, &'a Expr>,
    info: ModuleInfo,
    diagnostics: Vec<Diagnostic>,
    locate: &'a L,
}

impl<'a, L: Fn(Span) -> Location> ExportReader<'a, L> {
    fn read_export(&mut self, decl: &'a ModuleDecl) {
        match decl {
            ModuleDecl::ExportDecl(export) => match &export.decl {
                Decl::Fn(function) => self.exported(&function.ident.sym, None),
                Decl::Var(var) => {
                    for declarator in &var.decls {
                        if let Some(ident) = declarator.name.as_ident() {
                            self.exported(&ident.id.sym, declarator.init.as_deref());
                        }
                    }
                }
                _ => {}
            },
            ModuleDecl::ExportNamed(named) => {
                for specifier in &named.specifiers {
                    let Some(specifier) = specifier.as_named() else {
                        continue;
                    };
                    let local = export_name(&specifier.orig);
                    let exported = specifier
                        .exported
                        .as_ref()
                        .map_or(local.clone(), export_name);
                    // Re-exports from another module carry no value we can read here.
                    let value = if named.src.is_none() {
                        self.locals.get(&local).copied()
                    } else {
                        None
                    };
                    self.exported(&exported, value);
                }
            }
            _ => {}
        }
    }

    fn exported(&mut self, name: &str, value: Option<&'a Expr>) {
        if NOTABLE_EXPORTS.contains(&name) {
            self.info.exports.push(name.to_string());
            return;
        }
        if !CONFIG_EXPORTS.contains(&name) {
            return;
        }
        let Some(expr) = value else {
            self.diagnostics.push(self.unreadable(name));
            return;
        };
        let constant = evaluate(expr);
        if let Err(problem) = self.apply(name, constant) {
            let location = (self.locate)(expr.span());
            let diagnostic = match problem {
                ConfigProblem::Unreadable => self.unreadable(name),
                ConfigProblem::Invalid(expected) => Diagnostic::error(
                    "invalid-segment-config",
                    format!(
                        "Next.js can't recognize the exported `{name}` field in route. It has an invalid value: {expected}.\nThe exported configuration object in a source file needs to have a very specific format from which some properties can be statically parsed at compiled-time.\nhttps://nextjs.org/docs/app/api-reference/file-conventions/route-segment-config"
                    ),
                    vec![self.file.to_string()],
                ),
            };
            self.diagnostics.push(diagnostic.at(self.source, location));
        }
    }

    fn unreadable(&self, name: &str) -> Diagnostic {
        Diagnostic::warning(
            "unreadable-segment-config",
            format!(
                "The segment config `{name}` in {} is not a literal value, so vnext cannot read it at build time. Use a literal number, string or boolean.",
                self.file
            ),
            vec![self.file.to_string()],
        )
    }

    fn apply(&mut self, name: &str, value: Option<Constant>) -> Result<(), ConfigProblem> {
        let value = value.ok_or(ConfigProblem::Unreadable)?;
        let config = &mut self.info.config;
        match name {
            "revalidate" => {
                config.revalidate = Some(match value {
                    Constant::Bool(false) => Revalidate::Never(false),
                    Constant::Number(n) if n >= 0.0 => Revalidate::Seconds(n),
                    _ => return Err(invalid("a non-negative number or false")),
                })
            }
            "dynamic" => {
                config.dynamic = Some(one_of(
                    value,
                    &["auto", "force-dynamic", "error", "force-static"],
                )?)
            }
            "dynamicParams" => match value {
                Constant::Bool(b) => config.dynamic_params = Some(b),
                _ => return Err(invalid("a boolean")),
            },
            "fetchCache" => {
                config.fetch_cache = Some(one_of(
                    value,
                    &[
                        "auto",
                        "default-cache",
                        "only-cache",
                        "force-cache",
                        "force-no-store",
                        "default-no-store",
                        "only-no-store",
                    ],
                )?)
            }
            "runtime" => {
                config.runtime = Some(one_of(value, &["nodejs", "edge", "experimental-edge"])?)
            }
            "preferredRegion" => {
                config.preferred_region = Some(match value {
                    Constant::String(region) => vec![region],
                    Constant::Strings(regions) => regions,
                    _ => return Err(invalid("a string or an array of strings")),
                })
            }
            "maxDuration" => match value {
                Constant::Number(n) if n >= 0.0 => config.max_duration = Some(n),
                _ => return Err(invalid("a non-negative number")),
            },
            _ => {}
        }
        Ok(())
    }
}

enum ConfigProblem {
    Unreadable,
    /// What Next says of the value.
    Invalid(String),
}

fn invalid(expected: &str) -> ConfigProblem {
    ConfigProblem::Invalid(format!("expected {expected}"))
}

/// A string from a fixed set, refused in the words Next uses.
fn one_of(value: Constant, allowed: &[&str]) -> Result<String, ConfigProblem> {
    let expected = allowed
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match value {
        Constant::String(s) if allowed.contains(&s.as_str()) => Ok(s),
        Constant::String(s) => Err(ConfigProblem::Invalid(format!(
            "unknown variant `{s}`, expected one of {expected}"
        ))),
        _ => Err(ConfigProblem::Invalid(format!(
            "expected one of {expected}"
        ))),
    }
}

fn export_name(name: &ModuleExportName) -> String {
    name.atom().to_string()
}

#[derive(Debug, Clone, PartialEq)]
enum Constant {
    Bool(bool),
    Number(f64),
    String(String),
    Strings(Vec<String>),
    Other,
}

/// Folds the constant expressions people write for config: literals, `60 * 60`,
/// `-1`, template strings without substitutions, arrays of strings, `as const`.
fn evaluate(expr: &Expr) -> Option<Constant> {
    Some(match expr {
        Expr::Lit(Lit::Bool(b)) => Constant::Bool(b.value),
        Expr::Lit(Lit::Num(n)) => Constant::Number(n.value),
        Expr::Lit(Lit::Str(s)) => Constant::String(s.value.to_string_lossy().into_owned()),
        Expr::Lit(_) => Constant::Other,
        Expr::Tpl(tpl) if tpl.exprs.is_empty() => {
            Constant::String(tpl.quasis.iter().map(|q| q.raw.to_string()).collect())
        }
        Expr::Paren(paren) => evaluate(&paren.expr)?,
        Expr::TsAs(e) => evaluate(&e.expr)?,
        Expr::TsSatisfies(e) => evaluate(&e.expr)?,
        Expr::TsConstAssertion(e) => evaluate(&e.expr)?,
        Expr::Unary(unary) if unary.op == UnaryOp::Minus => match evaluate(&unary.arg)? {
            Constant::Number(n) => Constant::Number(-n),
            _ => Constant::Other,
        },
        Expr::Bin(bin) => match (evaluate(&bin.left)?, evaluate(&bin.right)?) {
            (Constant::Number(a), Constant::Number(b)) => Constant::Number(match bin.op {
                BinaryOp::Add => a + b,
                BinaryOp::Sub => a - b,
                BinaryOp::Mul => a * b,
                BinaryOp::Div => a / b,
                _ => return None,
            }),
            _ => return None,
        },
        Expr::Array(array) => {
            let mut strings = Vec::new();
            for element in &array.elems {
                match element.as_ref().map(|e| evaluate(&e.expr)) {
                    Some(Some(Constant::String(s))) => strings.push(s),
                    _ => return Some(Constant::Other),
                }
            }
            Constant::Strings(strings)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_literal_config_and_exports() {
        let (info, diagnostics) = read_module(
            "app/page.tsx",
            "export const revalidate = 60 * 60;\nexport const dynamic = 'force-static' as const;\nconst regions = ['iad1', `sfo1`];\nexport { regions as preferredRegion };\nexport async function generateStaticParams() { return [] }\nexport default function Page() { return <p/> }\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(info.config.revalidate, Some(Revalidate::Seconds(3600.0)));
        assert_eq!(info.config.dynamic.as_deref(), Some("force-static"));
        assert_eq!(
            info.config.preferred_region,
            Some(vec!["iad1".to_string(), "sfo1".to_string()])
        );
        assert_eq!(info.exports, ["generateStaticParams"]);
    }

    #[test]
    fn revalidate_false_means_never() {
        let (info, _) = read_module("app/page.js", "export const revalidate = false");
        assert_eq!(info.config.revalidate, Some(Revalidate::Never(false)));
    }

    #[test]
    fn route_handler_methods_are_listed() {
        let (info, _) = read_module(
            "app/api/route.ts",
            "export async function GET() {}\nexport const POST = async () => {}\n",
        );
        assert_eq!(info.exports, ["GET", "POST"]);
    }

    #[test]
    fn an_invalid_value_points_at_it() {
        let (_, diagnostics) = read_module("app/page.tsx", "export const dynamic = 'nope'\n");
        assert_eq!(diagnostics.len(), 1);
        let location = diagnostics[0].location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (1, 24));
        assert_eq!(diagnostics[0].code, "invalid-segment-config");
    }

    #[test]
    fn a_syntax_error_is_a_diagnostic_not_a_panic() {
        let (_, diagnostics) = read_module(
            "app/page.tsx",
            "export const revalidate = 60\nexport default function Page() { return <div> }\n",
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "syntax-error");
        assert!(
            diagnostics[0]
                .code_frame
                .as_ref()
                .unwrap()
                .contains("> 2 |")
        );
    }

    #[test]
    fn a_computed_value_is_a_warning() {
        let (info, diagnostics) = read_module(
            "app/page.ts",
            "export const revalidate = Number(process.env.X)\n",
        );
        assert_eq!(info.config.revalidate, None);
        assert_eq!(diagnostics[0].code, "unreadable-segment-config");
        assert!(!diagnostics[0].is_error());
    }
}
