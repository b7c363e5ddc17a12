//! The compiled route table: what the CLI prints, the bundler reads, and the Worker
//! matches against.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeTuple, Serializer};

use crate::match_tree::MatchTree;
use crate::segment::{InterceptMarker, ParamKind};
use crate::segment_config::{ModuleInfo, SegmentConfig};
use vnext_diagnostics::Diagnostic;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RouteManifest {
    /// `app` or `src/app`, when the app has one.
    pub app_dir: Option<String>,
    pub pages_dir: Option<String>,
    pub page_extensions: Vec<String>,
    /// `middleware.*` or `proxy.*`, at the root or in `src/`.
    pub middleware: Option<Middleware>,
    /// `pages/_app`, `_document`, `_error`, when the app defines them.
    pub pages_special: BTreeMap<String, String>,
    /// Every route, most specific first (the order a request tries them in).
    pub routes: Vec<Route>,
    /// The segments the pages' loader trees point into.
    pub segments: Vec<TreeSegment>,
    /// Routes that only answer a soft navigation from a matching page (`Next-Url`).
    pub interceptions: Vec<Interception>,
    /// Segment config and notable exports of each route module that has any.
    pub modules: BTreeMap<String, ModuleInfo>,
    /// The trie both matchers (Rust and the Worker's JS) walk.
    pub matcher: MatchTree,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Middleware {
    pub file: String,
    /// `middleware` or `proxy` (Next 16's name for it).
    pub convention: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Route {
    /// The URL pattern, as Next writes it: `/blog/[slug]`.
    pub path: String,
    pub kind: RouteKind,
    /// The file that answers: the page, route handler or metadata file.
    pub file: String,
    pub params: Vec<Param>,
    /// Whether the path has params.
    pub dynamic: bool,
    /// What a build can tell before rendering; prerendering may still find a static
    /// page to be dynamic.
    pub rendering: Rendering,
    /// Segment config of the whole route: layouts and page combined as Next does.
    #[serde(skip_serializing_if = "is_default")]
    pub config: SegmentConfig,
    /// App Router pages: the layout tree to render.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tree: Option<LoaderTree>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RouteKind {
    /// `app/**/page`
    Page,
    /// `app/**/route`
    Route,
    /// `app/**/{icon,sitemap,robots,…}`
    Metadata,
    /// `pages/**`
    PagesPage,
    /// `pages/api/**`
    PagesApi,
}

/// How Next's route table would mark the route: ○, ● or ƒ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Rendering {
    Static,
    Ssg,
    Dynamic,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
}

/// One segment of the tree React renders for a page: a folder and the files it
/// renders with. Pages passing through the same folder share its segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreeSegment {
    /// The folder name (`blog`, `[slug]`, `(group)`, `@modal`), `__DEFAULT__` for a
    /// folder's `default` standing in for `children`.
    pub segment: String,
    /// Convention name (`layout`, `template`, `loading`, `error`, `not-found`,
    /// `forbidden`, `unauthorized`, `global-error`, and the leaf's `page` or
    /// `default`) to the file.
    pub files: BTreeMap<String, String>,
}

/// A page's loader tree as indexes into [`RouteManifest::segments`], with its slots
/// (`children` and each `@slot`) by name. Serialised compactly, as `[segment]` or
/// `[segment, { slot: tree }]`: a manifest of thousands of pages stays small.
#[derive(Debug, Clone, PartialEq)]
pub struct LoaderTree {
    pub segment: usize,
    /// Sorted by name.
    pub slots: Vec<(String, LoaderTree)>,
}

impl Serialize for LoaderTree {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut tuple = serializer.serialize_tuple(1 + usize::from(!self.slots.is_empty()))?;
        tuple.serialize_element(&self.segment)?;
        if !self.slots.is_empty() {
            tuple.serialize_element(&Slots(&self.slots))?;
        }
        tuple.end()
    }
}

struct Slots<'a>(&'a [(String, LoaderTree)]);

impl Serialize for Slots<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, tree)| (name, tree)))
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Interception {
    /// The intercepting route's own pattern: `/feed/(..)photo/[id]`.
    pub path: String,
    pub marker: InterceptMarker,
    /// Pages the soft navigation comes from: `/feed`.
    pub intercepting_path: String,
    /// The URL it intercepts: `/photo/[id]`.
    pub intercepted_path: String,
    /// Index into `routes` of the page that renders the interception.
    pub route: usize,
}
