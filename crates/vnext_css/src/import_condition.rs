//! The conditions of an `@import` (`layer(…)`, `supports(…)`, a media query list): the
//! imported sheet applies only inside them. The bundler keeps such an import as an edge
//! of the graph, to a module of its own whose specifier carries the conditions; that
//! module's CSS is wrapped in the matching at-rules, and the imports inside it inherit
//! them.

use lightningcss::rules::import::ImportRule;
use lightningcss::stylesheet::PrinterOptions;
use lightningcss::targets::Targets;
use lightningcss::traits::ToCss;

/// How a conditional `@import`'s specifier carries its conditions.
const QUERY_START: &str = "?vnext-css-import=";

/// One `@import`'s conditions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportCondition {
    /// `Some("")` for an anonymous `layer`.
    pub layer: Option<String>,
    /// With its parentheses: `(display: grid)`.
    pub supports: Option<String>,
    pub media: Option<String>,
}

impl ImportCondition {
    /// The conditions `rule` names, if any, printed for the browser `targets` (they
    /// end up around CSS that was printed for them too).
    pub(crate) fn of_rule(rule: &ImportRule, targets: Targets) -> Option<ImportCondition> {
        let print = |value: &dyn Print| value.print(targets);
        let condition = ImportCondition {
            layer: rule
                .layer
                .as_ref()
                .map(|name| name.as_ref().map(|name| print(name)).unwrap_or_default()),
            supports: rule.supports.as_ref().map(|supports| print(supports)),
            media: (!rule.media.media_queries.is_empty()).then(|| print(&rule.media)),
        };
        (condition != ImportCondition::default()).then_some(condition)
    }

    /// The specifier of `url` imported under `conditions` (outermost first).
    pub(crate) fn specifier(url: &str, conditions: &[ImportCondition]) -> String {
        if conditions.is_empty() {
            return url.to_string();
        }
        let fields: Vec<String> = conditions
            .iter()
            .flat_map(|condition| {
                [&condition.layer, &condition.supports, &condition.media].map(|field| {
                    field
                        .as_deref()
                        .map_or("-".to_string(), |text| format!("+{text}"))
                })
            })
            .collect();
        let path = url.split(['?', '#']).next().unwrap_or(url);
        format!("{path}{QUERY_START}{}", percent_encode(&fields.join("\n")))
    }

    /// Splits what [`ImportCondition::specifier`] made, once resolved to a path, into
    /// the path and its conditions.
    pub fn split_specifier(specifier: &str) -> (&str, Vec<ImportCondition>) {
        let Some((path, encoded)) = specifier.split_once(QUERY_START) else {
            return (specifier, Vec::new());
        };
        let decoded = percent_decode(encoded);
        let fields: Vec<Option<String>> = decoded
            .split('\n')
            .map(|field| field.strip_prefix('+').map(str::to_string))
            .collect();
        let conditions = fields
            .chunks_exact(3)
            .map(|fields| ImportCondition {
                layer: fields[0].clone(),
                supports: fields[1].clone(),
                media: fields[2].clone(),
            })
            .collect();
        (path, conditions)
    }

    /// Whether a resolved specifier's query is one [`ImportCondition::specifier`] wrote.
    pub fn is_condition_query(query: &str) -> bool {
        query.starts_with(QUERY_START)
    }

    /// The at-rules that open this condition, outermost first: the layer, then
    /// `@supports`, then `@media`.
    fn openings(&self) -> Vec<String> {
        let mut openings = Vec::new();
        if let Some(layer) = &self.layer {
            openings.push(if layer.is_empty() {
                "@layer {".to_string()
            } else {
                format!("@layer {layer} {{")
            });
        }
        if let Some(supports) = &self.supports {
            openings.push(format!("@supports {supports} {{"));
        }
        if let Some(media) = &self.media {
            openings.push(format!("@media {media} {{"));
        }
        openings
    }
}

/// `code` inside the at-rules of `conditions` (outermost first), one opening per line
/// before it and the closing braces on a line after it; returns how many lines were
/// put before it.
pub(crate) fn wrap_in_conditions(code: &mut String, conditions: &[ImportCondition]) -> u32 {
    let openings: Vec<String> = conditions
        .iter()
        .flat_map(ImportCondition::openings)
        .collect();
    if openings.is_empty() {
        return 0;
    }
    let mut wrapped = openings.join("\n");
    wrapped.push('\n');
    wrapped.push_str(code.trim_end());
    wrapped.push('\n');
    wrapped.push_str(&"}".repeat(openings.len()));
    wrapped.push('\n');
    *code = wrapped;
    openings.len() as u32
}

/// lightningcss's printer, for the small pieces a condition holds.
trait Print {
    fn print(&self, targets: Targets) -> String;
}

impl<T: ToCss> Print for T {
    fn print(&self, targets: Targets) -> String {
        let options = PrinterOptions {
            targets,
            ..PrinterOptions::default()
        };
        self.to_css_string(options).unwrap_or_default()
    }
}

/// Every byte but ASCII letters, digits and `-_.` as `%XX`, so that the conditions
/// survive inside a specifier's query.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = (bytes[index] == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_survive_the_specifier() {
        let conditions = vec![
            ImportCondition {
                layer: Some(String::new()),
                supports: None,
                media: Some("print".to_string()),
            },
            ImportCondition {
                layer: Some("base.reset".to_string()),
                supports: Some("(display: grid)".to_string()),
                media: Some("screen and (min-width: 600px)".to_string()),
            },
        ];
        let specifier = ImportCondition::specifier("./a.css?v=1", &conditions);
        assert!(!specifier.contains(' ') && !specifier.contains('#'));
        let (path, decoded) = ImportCondition::split_specifier(&specifier);
        assert_eq!(path, "./a.css");
        assert_eq!(decoded, conditions);
        assert_eq!(ImportCondition::specifier("./a.css", &[]), "./a.css");
    }
}
