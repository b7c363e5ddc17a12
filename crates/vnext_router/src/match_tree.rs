//! The route trie. The Rust side builds and walks it; the Worker's JS matcher walks
//! the same tree from the manifest, so both answer alike.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::segment::PathSegment;

/// A node of the trie: the route that ends here, and the ways on. Children are tried
/// in Next's order: static, `[x]`, `[...x]`, `[[...x]]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchTree {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<usize>,
    #[serde(rename = "static", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub statics: BTreeMap<String, MatchTree>,
    /// More than one when App Router pages use different names at one level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dynamic: Vec<DynamicChild>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catch_all: Option<CatchAllLeaf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional_catch_all: Option<CatchAllLeaf>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DynamicChild {
    pub param: String,
    pub node: MatchTree,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatchAllLeaf {
    pub param: String,
    pub route: usize,
}

/// A matched route and its params, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteMatch {
    /// Index into the manifest's `routes`.
    pub route: usize,
    pub params: BTreeMap<String, ParamValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ParamValue {
    One(String),
    Many(Vec<String>),
}

/// A path segment that is not valid percent-encoded UTF-8; Next answers 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub segment: String,
}

impl MatchTree {
    /// Adds a route. Routes are inserted most specific first, so the first to claim
    /// a place keeps it and children end up in Next's order.
    pub fn insert(&mut self, segments: &[PathSegment], route: usize) {
        let Some((first, rest)) = segments.split_first() else {
            self.route.get_or_insert(route);
            return;
        };
        match first {
            PathSegment::Static(name) => self
                .statics
                .entry(name.clone())
                .or_default()
                .insert(rest, route),
            PathSegment::Dynamic(param) => {
                let position = match self.dynamic.iter().position(|d| d.param == *param) {
                    Some(position) => position,
                    None => {
                        self.dynamic.push(DynamicChild {
                            param: param.clone(),
                            node: MatchTree::default(),
                        });
                        self.dynamic.len() - 1
                    }
                };
                self.dynamic[position].node.insert(rest, route)
            }
            PathSegment::CatchAll(param) => {
                self.catch_all.get_or_insert(CatchAllLeaf {
                    param: param.clone(),
                    route,
                });
            }
            PathSegment::OptionalCatchAll(param) => {
                self.optional_catch_all.get_or_insert(CatchAllLeaf {
                    param: param.clone(),
                    route,
                });
            }
        }
    }

    /// Matches a pathname (no query). One trailing slash is ignored; each segment
    /// is percent-decoded as `decodeURIComponent` does.
    pub fn match_path(&self, pathname: &str) -> Result<Option<RouteMatch>, DecodeError> {
        let trimmed = pathname.strip_prefix('/').unwrap_or(pathname);
        let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
        let segments = if trimmed.is_empty() {
            Vec::new()
        } else {
            trimmed
                .split('/')
                .map(decode_uri_component)
                .collect::<Result<Vec<_>, _>>()?
        };
        let mut params = Vec::new();
        Ok(self.walk(&segments, &mut params))
    }

    fn walk<'a>(
        &'a self,
        segments: &[String],
        params: &mut Vec<(&'a str, ParamValue)>,
    ) -> Option<RouteMatch> {
        let Some((first, rest)) = segments.split_first() else {
            if let Some(route) = self.route {
                return Some(found(route, params));
            }
            // `[[...x]]` matches its parent's path with the param absent.
            return self
                .optional_catch_all
                .as_ref()
                .map(|leaf| found(leaf.route, params));
        };
        if !first.is_empty() {
            if let Some(child) = self.statics.get(first.as_str())
                && let Some(matched) = child.walk(rest, params)
            {
                return Some(matched);
            }
            for dynamic in &self.dynamic {
                params.push((&dynamic.param, ParamValue::One(first.clone())));
                if let Some(matched) = dynamic.node.walk(rest, params) {
                    return Some(matched);
                }
                params.pop();
            }
        }
        let leaf = self
            .catch_all
            .as_ref()
            .or(self.optional_catch_all.as_ref())?;
        params.push((&leaf.param, ParamValue::Many(segments.to_vec())));
        let matched = found(leaf.route, params);
        params.pop();
        Some(matched)
    }
}

fn found(route: usize, params: &[(&str, ParamValue)]) -> RouteMatch {
    RouteMatch {
        route,
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    }
}

/// JavaScript's `decodeURIComponent`: every `%XX` decoded, the result must be UTF-8.
pub fn decode_uri_component(segment: &str) -> Result<String, DecodeError> {
    if !segment.contains('%') {
        return Ok(segment.to_string());
    }
    let error = || DecodeError {
        segment: segment.to_string(),
    };
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or_else(error)?;
            let digit = |b: u8| (b as char).to_digit(16).ok_or_else(error);
            out.push((digit(hex[0])? * 16 + digit(hex[1])?) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| error())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_like_javascript() {
        assert_eq!(decode_uri_component("a%20b").unwrap(), "a b");
        assert_eq!(decode_uri_component("%E2%9C%93").unwrap(), "✓");
        assert_eq!(decode_uri_component("a%2Fb").unwrap(), "a/b");
        assert!(decode_uri_component("%zz").is_err());
        assert!(decode_uri_component("%E2%9C").is_err());
        assert!(decode_uri_component("100%").is_err());
        assert!(decode_uri_component("%+1").is_err());
    }
}
