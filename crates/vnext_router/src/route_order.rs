//! Next's rules for which route patterns may live together, and the order a request
//! tries them in.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::segment::{PathSegment, format_path};
use vnext_diagnostics::Diagnostic;

/// Orders two URL patterns as Next's `sortPages` does: segment by segment, a pattern
/// that ends first wins, then static before `[x]` before `[...x]` before `[[...x]]`,
/// then by name.
pub fn compare_paths(a: &[PathSegment], b: &[PathSegment]) -> Ordering {
    for i in 0..a.len().max(b.len()) {
        let (Some(x), Some(y)) = (a.get(i), b.get(i)) else {
            return a.len().cmp(&b.len());
        };
        let order = specificity(x)
            .cmp(&specificity(y))
            .then_with(|| collate(&x.text(), &y.text()));
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

fn specificity(segment: &PathSegment) -> u8 {
    match segment {
        PathSegment::Static(_) => 0,
        PathSegment::Dynamic(_) => 1,
        PathSegment::CatchAll(_) => 2,
        PathSegment::OptionalCatchAll(_) => 3,
    }
}

/// An approximation of JavaScript's `localeCompare` in the root locale, which Next
/// uses for ties: punctuation before digits before letters, letters compared
/// without case first, lower case before upper case. Sorting thousands of routes
/// calls this often, so it allocates nothing.
fn collate(a: &str, b: &str) -> Ordering {
    fn class(c: char) -> u8 {
        if c.is_alphabetic() {
            2
        } else if c.is_numeric() {
            1
        } else {
            0
        }
    }
    let mut x = a.chars();
    let mut y = b.chars();
    let primary = loop {
        match (x.next(), y.next()) {
            (None, None) => break Ordering::Equal,
            (None, Some(_)) => break Ordering::Less,
            (Some(_), None) => break Ordering::Greater,
            (Some(c), Some(d)) => {
                let order = class(c)
                    .cmp(&class(d))
                    .then_with(|| c.to_lowercase().cmp(d.to_lowercase()));
                if order != Ordering::Equal {
                    break order;
                }
            }
        }
    };
    primary.then_with(|| {
        // Lower case sorts first at equal letters.
        a.chars()
            .map(|c| c.is_uppercase())
            .cmp(b.chars().map(|c| c.is_uppercase()))
    })
}

/// A route pattern and the file that declares it, for validation.
pub struct Pattern<'a> {
    pub segments: &'a [PathSegment],
    pub file: &'a str,
}

/// Next checks the two routers differently: the Pages Router's route tree refuses
/// different slug names at one level; the App Router checks each route on its own
/// and names it in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    App,
    Pages,
}

/// Refuses the combinations of patterns Next refuses, with Next's messages.
pub fn validate(patterns: &[Pattern<'_>], rules: Rules) -> Vec<Diagnostic> {
    let mut root = Node::default();
    let mut diagnostics = Vec::new();
    for pattern in patterns {
        let mut insert = Insert {
            rules,
            pattern,
            slugs: Vec::new(),
        };
        if let Err(diagnostic) = insert.descend(&mut root, pattern.segments) {
            diagnostics.push(diagnostic);
        }
    }
    root.check_optional_catch_alls(rules, "/", &mut diagnostics);
    diagnostics
}

#[derive(Default)]
struct Node {
    /// A file whose pattern ends here.
    route: Option<String>,
    statics: BTreeMap<String, Node>,
    slugs: BTreeMap<String, Named<Node>>,
    catch_all: Option<Named<()>>,
    optional_catch_all: Option<Named<()>>,
}

struct Named<T> {
    name: String,
    /// The first file that used this name here.
    file: String,
    child: T,
}

fn refuse(message: String, files: &[&str]) -> Diagnostic {
    let mut files: Vec<String> = files.iter().map(|f| f.to_string()).collect();
    files.dedup();
    Diagnostic::error("invalid-route-pattern", message, files)
}

struct Insert<'p, 'a> {
    rules: Rules,
    pattern: &'p Pattern<'a>,
    /// Params met so far on this pattern, with the file that named each.
    slugs: Vec<String>,
}

impl Insert<'_, '_> {
    fn file(&self) -> &str {
        self.pattern.file
    }

    /// Next's message, naming the route under the App Router's rules.
    fn refuse(&self, message: &str, files: &[&str]) -> Diagnostic {
        match self.rules {
            Rules::Pages => refuse(message.to_string(), files),
            Rules::App => refuse(
                format!(
                    "{} in route \"{}\".",
                    message.trim_end_matches('.'),
                    format_path(self.pattern.segments)
                ),
                files,
            ),
        }
    }

    fn descend(&mut self, node: &mut Node, segments: &[PathSegment]) -> Result<(), Diagnostic> {
        let Some((first, rest)) = segments.split_first() else {
            node.route.get_or_insert_with(|| self.file().to_string());
            return Ok(());
        };
        let file = self.file().to_string();
        match first {
            PathSegment::Static(name) => {
                if name.contains('…') {
                    return Err(refuse(
                        format!(
                            "Detected a three-dot character ('…') at ('{name}'). Did you mean ('...')?"
                        ),
                        &[&file],
                    ));
                }
                self.descend(node.statics.entry(name.clone()).or_default(), rest)
            }
            PathSegment::Dynamic(name) => {
                check_name(first, name, &file)?;
                self.check_slug(name)?;
                if self.rules == Rules::Pages
                    && let Some(existing) = node.slugs.values().find(|s| s.name != *name)
                {
                    return Err(different_slugs(&existing.name, name, &existing.file, &file));
                }
                let slug = node.slugs.entry(name.clone()).or_insert_with(|| Named {
                    name: name.clone(),
                    file: file.clone(),
                    child: Node::default(),
                });
                self.slugs.push(name.clone());
                self.descend(&mut slug.child, rest)
            }
            PathSegment::CatchAll(name) | PathSegment::OptionalCatchAll(name) => {
                check_name(first, name, &file)?;
                if !rest.is_empty() {
                    return Err(
                        self.refuse("Catch-all must be the last part of the URL.", &[&file])
                    );
                }
                self.check_slug(name)?;
                let optional = matches!(first, PathSegment::OptionalCatchAll(_));
                let (same, other) = if optional {
                    (&node.optional_catch_all, &node.catch_all)
                } else {
                    (&node.catch_all, &node.optional_catch_all)
                };
                if let Some(other) = other {
                    let message = if optional {
                        format!(
                            "You cannot use both an required and optional catch-all route at the same level (\"[...{}]\" and \"{first}\" ).",
                            other.name
                        )
                    } else {
                        format!(
                            "You cannot use both an optional and required catch-all route at the same level (\"[[...{}]]\" and \"{first}\").",
                            other.name
                        )
                    };
                    return Err(refuse(message, &[&other.file, &file]));
                }
                if self.rules == Rules::Pages
                    && let Some(existing) = same
                    && existing.name != *name
                {
                    return Err(different_slugs(&existing.name, name, &existing.file, &file));
                }
                let named = Named {
                    name: name.clone(),
                    file,
                    child: (),
                };
                if optional {
                    node.optional_catch_all.get_or_insert(named);
                } else {
                    node.catch_all.get_or_insert(named);
                }
                Ok(())
            }
        }
    }

    fn check_slug(&self, name: &str) -> Result<(), Diagnostic> {
        let word_only = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        };
        for previous in &self.slugs {
            if previous == name {
                return Err(self.refuse(
                    &format!("You cannot have the same slug name \"{name}\" repeat within a single dynamic path"),
                    &[self.file()],
                ));
            }
            if word_only(previous) == word_only(name) {
                return Err(self.refuse(
                    &format!("You cannot have the slug names \"{previous}\" and \"{name}\" differ only by non-word symbols within a single dynamic path"),
                    &[self.file()],
                ));
            }
        }
        Ok(())
    }
}

impl Node {
    /// A page at `/docs` and one at `/docs/[[...slug]]` would both answer `/docs`.
    fn check_optional_catch_alls(
        &self,
        rules: Rules,
        prefix: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if let (Some(route), Some(optional)) = (&self.route, &self.optional_catch_all) {
            let here = if prefix == "/" {
                "/"
            } else {
                prefix.trim_end_matches('/')
            };
            let message = match rules {
                Rules::Pages => format!(
                    "You cannot define a route with the same specificity as a optional catch-all route (\"{here}\" and \"{here}[[...{}]]\").",
                    optional.name
                ),
                Rules::App => format!(
                    "You cannot define a route with the same specificity as an optional catch-all route (\"{here}\" and \"{}[[...{}]]\").",
                    prefix, optional.name
                ),
            };
            diagnostics.push(refuse(message, &[route, &optional.file]));
        }
        for (name, child) in &self.statics {
            child.check_optional_catch_alls(rules, &format!("{prefix}{name}/"), diagnostics);
        }
        for slug in self.slugs.values() {
            slug.child.check_optional_catch_alls(
                rules,
                &format!("{prefix}[{}]/", slug.name),
                diagnostics,
            );
        }
    }
}

fn different_slugs(previous: &str, next: &str, previous_file: &str, file: &str) -> Diagnostic {
    refuse(
        format!(
            "You cannot use different slug names for the same dynamic path ('{previous}' !== '{next}')."
        ),
        &[previous_file, file],
    )
}

/// Malformed bracket names, which the folder parser keeps as written.
fn check_name(segment: &PathSegment, name: &str, file: &str) -> Result<(), Diagnostic> {
    if let PathSegment::Dynamic(inner) = segment
        && let Some(unwrapped) = inner.strip_prefix('[').and_then(|s| s.strip_suffix(']'))
        && !unwrapped.starts_with("...")
    {
        return Err(refuse(
            format!("Optional route parameters are not yet supported (\"{segment}\")."),
            &[file],
        ));
    }
    if name.starts_with('[') || name.ends_with(']') {
        return Err(refuse(
            format!("Segment names may not start or end with extra brackets ('{name}')."),
            &[file],
        ));
    }
    if name.starts_with('.') {
        return Err(refuse(
            format!("Segment names may not start with erroneous periods ('{name}')."),
            &[file],
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(path: &str) -> Vec<PathSegment> {
        path.split('/')
            .filter(|s| !s.is_empty())
            .map(PathSegment::parse)
            .collect()
    }

    #[test]
    fn orders_like_next() {
        let mut paths = vec![
            "/[[...root]]",
            "/shop/[[...f]]",
            "/docs/[...p]",
            "/blog/[slug]",
            "/blog/new",
            "/a/[b]/c",
            "/a/b/[c]",
            "/",
            "/about",
            "/[locale]/settings",
            "/[locale]/[page]",
        ];
        paths.sort_by(|a, b| compare_paths(&parse(a), &parse(b)));
        assert_eq!(
            paths,
            [
                "/",
                "/a/b/[c]",
                "/a/[b]/c",
                "/about",
                "/blog/new",
                "/blog/[slug]",
                "/docs/[...p]",
                "/shop/[[...f]]",
                "/[locale]/settings",
                "/[locale]/[page]",
                "/[[...root]]",
            ]
        );
    }

    fn messages(paths: &[&str]) -> Vec<String> {
        messages_with(paths, Rules::Pages)
    }

    fn messages_with(paths: &[&str], rules: Rules) -> Vec<String> {
        let parsed: Vec<_> = paths.iter().map(|p| parse(p)).collect();
        let patterns: Vec<_> = parsed
            .iter()
            .zip(paths)
            .map(|(segments, file)| Pattern { segments, file })
            .collect();
        validate(&patterns, rules)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn refuses_what_next_refuses() {
        assert_eq!(
            messages(&["/[id]", "/[slug]/x"]),
            ["You cannot use different slug names for the same dynamic path ('id' !== 'slug')."]
        );
        assert_eq!(
            messages(&["/[id]/[id]"]),
            ["You cannot have the same slug name \"id\" repeat within a single dynamic path"]
        );
        assert_eq!(
            messages(&["/[...a]/b"]),
            ["Catch-all must be the last part of the URL."]
        );
        assert_eq!(
            messages(&["/docs", "/docs/[[...slug]]"]),
            [
                "You cannot define a route with the same specificity as a optional catch-all route (\"/docs\" and \"/docs[[...slug]]\")."
            ]
        );
        assert_eq!(
            messages(&["/[[id]]"]),
            ["Optional route parameters are not yet supported (\"[[id]]\")."]
        );
        assert!(messages(&["/a/[x]", "/b/[y]", "/[z]/c"]).is_empty());
    }

    #[test]
    fn the_app_router_names_the_route_and_allows_different_slugs() {
        assert!(messages_with(&["/[id]", "/[slug]/other"], Rules::App).is_empty());
        assert_eq!(
            messages_with(&["/[id]/[id]"], Rules::App),
            [
                "You cannot have the same slug name \"id\" repeat within a single dynamic path in route \"/[id]/[id]\"."
            ]
        );
        assert_eq!(
            messages_with(&["/[...a]/[b]"], Rules::App),
            ["Catch-all must be the last part of the URL in route \"/[...a]/[b]\"."]
        );
        assert_eq!(
            messages_with(&["/docs", "/docs/[[...slug]]"], Rules::App),
            [
                "You cannot define a route with the same specificity as an optional catch-all route (\"/docs\" and \"/docs/[[...slug]]\")."
            ]
        );
    }
}
