//! One stylesheet, compiled on its own: CSS modules scoped, lowered for the browser
//! targets and printed, its `@import`s taken out for the bundler to follow.

use std::collections::{BTreeMap, HashSet};

use lightningcss::css_modules::{self, CssModuleExport, CssModuleReference};
use lightningcss::dependencies::{Dependency, DependencyOptions};
use lightningcss::error::ErrorLocation;
use lightningcss::rules::CssRule;
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::Targets;
use parcel_sourcemap::SourceMap;
use vnext_diagnostics::{Diagnostic, Location, Mapping};

use crate::BrowserTargets;
use crate::import_condition::{ImportCondition, wrap_in_conditions};

#[derive(Debug, Clone, Copy, Default)]
pub struct CssOptions {
    /// Drop whitespace and merge rules.
    pub minify: bool,
    /// The browsers to lower syntax for.
    pub targets: BrowserTargets,
    /// Record where each piece of the printed CSS came from.
    pub source_map: bool,
}

/// A compiled stylesheet.
#[derive(Debug)]
pub struct CompiledStylesheet {
    /// Its CSS, without its `@import`s; each `url()` is a placeholder (see `urls`).
    pub code: String,
    /// Where the pieces of `code` came from in the source, when source maps are on.
    pub mappings: Vec<Mapping>,
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
/// module. A sheet `@import`ed under `conditions` (outermost first) is wrapped in
/// them, and passes them on to its own imports.
pub fn compile_stylesheet(
    file: &str,
    source: &str,
    conditions: &[ImportCondition],
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
    let imports: Vec<String> = stylesheet
        .rules
        .0
        .iter()
        .filter_map(|rule| match rule {
            CssRule::Import(import) => {
                let mut inherited = conditions.to_vec();
                inherited.extend(ImportCondition::of_rule(import, targets));
                Some(ImportCondition::specifier(&import.url, &inherited))
            }
            _ => None,
        })
        .collect();
    let mut source_map = options.source_map.then(|| {
        let mut map = SourceMap::new("/");
        map.add_source(file);
        map
    });
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
            source_map: source_map.as_mut(),
            ..PrinterOptions::default()
        })
        .map_err(|error| located(file, source, error.kind.to_string(), error.loc.as_ref()))?;

    let mut module_js: String = imports
        .iter()
        .map(|specifier| format!("require({});\n", js_string(specifier)))
        .collect();
    let urls = printed
        .dependencies
        .unwrap_or_default()
        .into_iter()
        .filter_map(|dependency| match dependency {
            Dependency::Url(url) => Some(CssUrl {
                placeholder: url.placeholder,
                url: url.url,
                line: url.loc.start.line as usize,
                column: url.loc.start.column as usize,
            }),
            Dependency::Import(_) => None,
        })
        .collect();
    if let Some(exports) = printed.exports {
        module_js.push_str(&exports_js(exports.into_iter().collect()));
    }
    let mut code = printed.code;
    let lines_before = wrap_in_conditions(&mut code, conditions);
    let mappings = source_map
        .map(|map| {
            map.get_mappings()
                .into_iter()
                .filter_map(|mapping| {
                    let original = mapping.original?;
                    Some(Mapping {
                        generated_line: mapping.generated_line + lines_before,
                        generated_column: mapping.generated_column,
                        original_line: original.original_line,
                        original_column: original.original_column,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(CompiledStylesheet {
        code,
        mappings,
        urls,
        module_js,
    })
}

impl CompiledStylesheet {
    /// The CSS with each `url()` placeholder replaced by what `target_of` gives for it,
    /// and the mappings moved along the lines where a replacement changed the length.
    pub fn with_urls(&self, target_of: impl Fn(&CssUrl) -> String) -> (String, Vec<Mapping>) {
        // (offset in `code`, placeholder length, replacement), in the order they appear.
        let mut replacements: Vec<(usize, usize, String)> = Vec::new();
        let mut seen = HashSet::new();
        // One `url()` written twice has one placeholder.
        for url in self.urls.iter().filter(|url| seen.insert(&url.placeholder)) {
            let target = target_of(url);
            for (offset, _) in self.code.match_indices(&url.placeholder) {
                replacements.push((offset, url.placeholder.len(), target.clone()));
            }
        }
        replacements.sort_by_key(|&(offset, ..)| offset);

        let mut code = String::with_capacity(self.code.len());
        // (line, column, change in length) of each replacement.
        let mut shifts: Vec<(u32, u32, i64)> = Vec::new();
        let (mut copied, mut line, mut line_start) = (0, 0, 0);
        for (offset, length, target) in &replacements {
            let between = &self.code[copied..*offset];
            if let Some(last) = between.rfind('\n') {
                line += between.matches('\n').count() as u32;
                line_start = copied + last + 1;
            }
            let column = (offset - line_start) as u32;
            shifts.push((line, column, target.len() as i64 - *length as i64));
            code.push_str(between);
            code.push_str(target);
            copied = offset + length;
        }
        code.push_str(&self.code[copied..]);

        let mappings = self
            .mappings
            .iter()
            .map(|mapping| {
                let shift: i64 = shifts
                    .iter()
                    .filter(|&&(line, column, _)| {
                        line == mapping.generated_line && column < mapping.generated_column
                    })
                    .map(|&(.., change)| change)
                    .sum();
                Mapping {
                    generated_column: (i64::from(mapping.generated_column) + shift) as u32,
                    ..*mapping
                }
            })
            .collect();
        (code, mappings)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_urls_moves_the_mappings_after_them_on_their_line() {
        let source = ".a {\n  background: url(./a.png);\n}\n.b {\n  background: url(./b.png), url(./a.png);\n}\n.c {\n  color: red;\n}\n";
        let options = CssOptions {
            minify: true,
            source_map: true,
            ..CssOptions::default()
        };
        let compiled = compile_stylesheet("entry.css", source, &[], options).unwrap();
        let (code, mappings) =
            compiled.with_urls(|url| format!("/assets/{}-0123456789abcdef.png", &url.url[2..3]));
        assert_eq!(
            code,
            r#".a{background:url("/assets/a-0123456789abcdef.png")}.b{background:url("/assets/b-0123456789abcdef.png"),url("/assets/a-0123456789abcdef.png")}.c{color:red}"#
        );
        let mapped: Vec<(&str, u32)> = mappings
            .iter()
            .map(|mapping| {
                assert_eq!(mapping.generated_line, 0);
                (
                    &code[mapping.generated_column as usize..][..2],
                    mapping.original_line,
                )
            })
            .collect();
        assert_eq!(mapped, [(".a", 0), (".b", 3), (".c", 6)]);
    }
}
