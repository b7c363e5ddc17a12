//! One stylesheet, compiled on its own: CSS modules scoped, lowered for the browser
//! targets and printed, its `@import`s taken out for the bundler to follow.

use std::collections::{BTreeMap, HashSet};

use lightningcss::css_modules::{self, CssModuleExport, CssModuleReference};
use lightningcss::dependencies::{Dependency, DependencyOptions};
use lightningcss::error::ErrorLocation;
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::Targets;
use vnext_diagnostics::{Diagnostic, Location};

use crate::BrowserTargets;

#[derive(Debug, Clone, Copy, Default)]
pub struct CssOptions {
    /// Drop whitespace and merge rules.
    pub minify: bool,
    /// The browsers to lower syntax for.
    pub targets: BrowserTargets,
}

/// A compiled stylesheet.
#[derive(Debug)]
pub struct CompiledStylesheet {
    /// Its CSS, without its `@import`s; each `url()` is a placeholder (see `urls`).
    pub code: String,
    /// The `url()`s, for the bundler to point at files it ships (or put back).
    pub urls: Vec<CssUrl>,
    /// CommonJS standing for the stylesheet in the module graph: a `require` of each
    /// `@import` (so imported CSS comes first), and for a `*.module.css` file exports
    /// that map each local class name to the names to put in `className` (its scoped
    /// name, then what it `composes`, required from the file it comes from).
    pub module_js: String,
}

/// A `url()` in a stylesheet.
#[derive(Debug, Clone)]
pub struct CssUrl {
    /// What the code says in its place.
    pub placeholder: String,
    /// What the source said.
    pub url: String,
    /// Where, 1-based.
    pub line: usize,
    pub column: usize,
}

/// Compiles `source`, the text of `file` (relative to the project root, which makes
/// CSS module names the same on every machine). `*.module.{css,scss,sass}` is a CSS
/// module.
pub fn compile_stylesheet(
    file: &str,
    source: &str,
    options: CssOptions,
) -> Result<CompiledStylesheet, Diagnostic> {
    let is_module = [".module.css", ".module.scss", ".module.sass"]
        .iter()
        .any(|suffix| file.ends_with(suffix));
    let parser_options = ParserOptions {
        filename: file.to_string(),
        css_modules: is_module.then(css_modules::Config::default),
        ..ParserOptions::default()
    };
    let mut stylesheet = StyleSheet::parse(source, parser_options).map_err(|error| {
        let message = format!("Parsing CSS source code failed: {}", error.kind);
        located(file, source, message, error.loc.as_ref())
    })?;
    let targets = Targets::from(options.targets);
    stylesheet
        .minify(MinifyOptions {
            targets,
            ..MinifyOptions::default()
        })
        .map_err(|error| located(file, source, error.kind.to_string(), error.loc.as_ref()))?;
    let printed = stylesheet
        .to_css(PrinterOptions {
            minify: options.minify,
            targets,
            analyze_dependencies: Some(DependencyOptions {
                remove_imports: true,
            }),
            ..PrinterOptions::default()
        })
        .map_err(|error| located(file, source, error.kind.to_string(), error.loc.as_ref()))?;

    let mut urls = Vec::new();
    let mut module_js = String::new();
    for dependency in printed.dependencies.unwrap_or_default() {
        match dependency {
            Dependency::Import(import) => {
                module_js.push_str(&format!("require({});\n", js_string(&import.url)));
            }
            Dependency::Url(url) => urls.push(CssUrl {
                placeholder: url.placeholder,
                url: url.url,
                line: url.loc.start.line as usize,
                column: url.loc.start.column as usize,
            }),
        }
    }
    if let Some(exports) = printed.exports {
        module_js.push_str(&exports_js(exports.into_iter().collect()));
    }
    Ok(CompiledStylesheet {
        code: printed.code,
        urls,
        module_js,
    })
}

/// CommonJS mapping each local name to its class names: its own scoped name, then,
/// transitively, what it composes (a local name brings everything that name composes).
fn exports_js(exports: BTreeMap<String, CssModuleExport>) -> String {
    fn expand(
        local: &str,
        exports: &BTreeMap<String, CssModuleExport>,
        visiting: &mut Vec<String>,
        parts: &mut Vec<String>,
    ) {
        let Some(export) = exports.get(local) else {
            return;
        };
        if visiting.iter().any(|name| name == local) {
            return;
        }
        visiting.push(local.to_string());
        for reference in &export.composes {
            let part = match reference {
                CssModuleReference::Local { name } => {
                    match exports.iter().find(|(_, other)| &other.name == name) {
                        Some((other_local, _)) => {
                            parts.push(js_string(name));
                            expand(other_local, exports, visiting, parts);
                            continue;
                        }
                        None => js_string(name),
                    }
                }
                CssModuleReference::Global { name } => js_string(name),
                CssModuleReference::Dependency { name, specifier } => {
                    format!("require({})[{}]", js_string(specifier), js_string(name))
                }
            };
            parts.push(part);
        }
        visiting.pop();
    }

    let mut js = String::from("module.exports = {\n");
    for (local, export) in &exports {
        let mut parts = vec![js_string(&export.name)];
        expand(local, &exports, &mut Vec::new(), &mut parts);
        let mut seen = HashSet::new();
        parts.retain(|part| seen.insert(part.clone()));
        js.push_str(&format!(
            "  {}: {},\n",
            js_string(local),
            parts.join(" + \" \" + ")
        ));
    }
    js.push_str("};\n");
    js
}

/// A diagnostic at lightningcss's location in `file`, with a code frame.
fn located(
    file: &str,
    source: &str,
    message: String,
    location: Option<&ErrorLocation>,
) -> Diagnostic {
    let diagnostic = Diagnostic::error("css-error", message, vec![file.to_string()]);
    match location {
        Some(location) => diagnostic.at(
            source,
            Location {
                file: file.to_string(),
                line: location.line as usize + 1,
                column: location.column as usize,
            },
        ),
        None => diagnostic,
    }
}

fn js_string(value: &str) -> String {
    serde_json::to_string(value).expect("a string always serialises")
}
