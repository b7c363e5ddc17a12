//! What one folder name means in a route: `blog`, `[slug]`, `(group)`, `@slot`, …

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

/// A folder of `app/` (or a file name of `pages/`) as the router reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderKind {
    /// Part of the URL, static or dynamic.
    Path(PathSegment),
    /// `(name)`: organises files, leaves the URL alone.
    Group,
    /// `@name`: a parallel route slot.
    Slot(String),
    /// `(.)x`, `(..)x`, `(..)(..)x`, `(...)x`: intercepts the route `x` resolves to.
    Intercept(InterceptMarker, PathSegment),
    /// `_name`: private, never routed.
    Private,
}

/// One segment of a URL pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSegment {
    Static(String),
    /// `[name]`
    Dynamic(String),
    /// `[...name]`
    CatchAll(String),
    /// `[[...name]]`
    OptionalCatchAll(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum InterceptMarker {
    /// `(.)`: same level.
    #[serde(rename = "(.)")]
    SameLevel,
    /// `(..)`: one level up.
    #[serde(rename = "(..)")]
    OneLevelUp,
    /// `(..)(..)`: two levels up.
    #[serde(rename = "(..)(..)")]
    TwoLevelsUp,
    /// `(...)`: from the root.
    #[serde(rename = "(...)")]
    Root,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ParamKind {
    Dynamic,
    CatchAll,
    OptionalCatchAll,
}

impl InterceptMarker {
    /// Longest first, so `(..)(..)` is not read as `(..)`.
    const ALL: [(&'static str, InterceptMarker); 4] = [
        ("(..)(..)", InterceptMarker::TwoLevelsUp),
        ("(...)", InterceptMarker::Root),
        ("(..)", InterceptMarker::OneLevelUp),
        ("(.)", InterceptMarker::SameLevel),
    ];

    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, m)| *m == self)
            .map(|(s, _)| *s)
            .unwrap_or_default()
    }
}

impl FolderKind {
    pub fn parse(name: &str) -> Self {
        if let Some(rest) = name.strip_prefix('@') {
            return FolderKind::Slot(rest.to_string());
        }
        if name.starts_with('_') {
            return FolderKind::Private;
        }
        for (prefix, marker) in InterceptMarker::ALL {
            if let Some(rest) = name.strip_prefix(prefix) {
                return FolderKind::Intercept(marker, PathSegment::parse(rest));
            }
        }
        if name.starts_with('(') && name.ends_with(')') {
            return FolderKind::Group;
        }
        FolderKind::Path(PathSegment::parse(name))
    }
}

impl PathSegment {
    /// Reads a segment name. Malformed brackets are kept as written here and reported
    /// by the route sorter, which has Next's wording for them.
    pub fn parse(name: &str) -> Self {
        if let Some(inner) = name
            .strip_prefix("[[...")
            .and_then(|s| s.strip_suffix("]]"))
        {
            return PathSegment::OptionalCatchAll(inner.to_string());
        }
        if let Some(inner) = name.strip_prefix("[...").and_then(|s| s.strip_suffix(']')) {
            return PathSegment::CatchAll(inner.to_string());
        }
        if let Some(inner) = name.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            return PathSegment::Dynamic(inner.to_string());
        }
        // `%5F` lets a routed folder start with an underscore.
        match name
            .strip_prefix("%5F")
            .or_else(|| name.strip_prefix("%5f"))
        {
            Some(rest) => PathSegment::Static(format!("_{rest}")),
            None => PathSegment::Static(name.to_string()),
        }
    }

    pub fn param(&self) -> Option<(&str, ParamKind)> {
        match self {
            PathSegment::Static(_) => None,
            PathSegment::Dynamic(name) => Some((name, ParamKind::Dynamic)),
            PathSegment::CatchAll(name) => Some((name, ParamKind::CatchAll)),
            PathSegment::OptionalCatchAll(name) => Some((name, ParamKind::OptionalCatchAll)),
        }
    }

    /// The segment as written in the folder name; borrowed for a static one.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            PathSegment::Static(name) => Cow::Borrowed(name),
            _ => Cow::Owned(self.to_string()),
        }
    }
}

impl fmt::Display for PathSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathSegment::Static(name) => write!(f, "{name}"),
            PathSegment::Dynamic(name) => write!(f, "[{name}]"),
            PathSegment::CatchAll(name) => write!(f, "[...{name}]"),
            PathSegment::OptionalCatchAll(name) => write!(f, "[[...{name}]]"),
        }
    }
}

/// Joins segments into a URL pattern: `/blog/[slug]`, or `/` for none.
pub fn format_path(segments: &[PathSegment]) -> String {
    if segments.is_empty() {
        return "/".to_string();
    }
    segments.iter().map(|s| format!("/{s}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_folder_convention() {
        use FolderKind::*;
        use PathSegment::*;
        let cases = [
            ("blog", Path(Static("blog".into()))),
            ("[slug]", Path(Dynamic("slug".into()))),
            ("[...all]", Path(CatchAll("all".into()))),
            ("[[...opt]]", Path(OptionalCatchAll("opt".into()))),
            ("(marketing)", Group),
            ("@modal", Slot("modal".into())),
            ("_components", Private),
            ("%5Fescaped", Path(Static("_escaped".into()))),
            (
                "(.)photo",
                Intercept(InterceptMarker::SameLevel, Static("photo".into())),
            ),
            (
                "(..)[id]",
                Intercept(InterceptMarker::OneLevelUp, Dynamic("id".into())),
            ),
            (
                "(..)(..)x",
                Intercept(InterceptMarker::TwoLevelsUp, Static("x".into())),
            ),
            (
                "(...)x",
                Intercept(InterceptMarker::Root, Static("x".into())),
            ),
        ];
        for (name, expected) in cases {
            assert_eq!(FolderKind::parse(name), expected, "{name}");
        }
    }
}
