//! The App Router: `app/` folders to pages, route handlers and metadata routes,
//! each page with the layout tree React renders for it.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::manifest::{LoaderTree, RouteKind};
use crate::metadata::{self, MetadataFile};
use crate::scan::{Dir, split_file_name};
use crate::segment::{FolderKind, InterceptMarker, PathSegment};
use vnext_diagnostics::Diagnostic;

/// Files that shape a segment, in the order Next nests them.
const SEGMENT_CONVENTIONS: [&str; 9] = [
    "layout",
    "template",
    "error",
    "loading",
    "not-found",
    "forbidden",
    "unauthorized",
    "global-error",
    "global-not-found",
];

/// A folder of `app/` with its convention files picked out.
#[derive(Debug)]
pub struct AppDir {
    pub name: String,
    pub kind: FolderKind,
    pub rel: String,
    /// Convention (`page`, `layout`, `route`, `default`, …) to file path.
    pub conventions: BTreeMap<&'static str, String>,
    pub metadata: Vec<(MetadataFile, String)>,
    pub dirs: Vec<AppDir>,
    /// Indexes into `dirs`, so building a page's tree does not scan every folder.
    index: DirIndex,
}

#[derive(Debug, Default)]
struct DirIndex {
    /// Folders that add a URL segment, by that segment.
    by_url: HashMap<UrlPart, usize>,
    /// The `[...x]` or `[[...x]]` folder, if any.
    catch_all: Option<usize>,
    groups: Vec<usize>,
    slots: Vec<usize>,
}

impl DirIndex {
    fn new(dirs: &[AppDir]) -> Self {
        let mut index = DirIndex::default();
        for (i, dir) in dirs.iter().enumerate() {
            match &dir.kind {
                FolderKind::Path(segment) => {
                    index
                        .by_url
                        .entry(UrlPart::Path(segment.clone()))
                        .or_insert(i);
                    if matches!(
                        segment,
                        PathSegment::CatchAll(_) | PathSegment::OptionalCatchAll(_)
                    ) {
                        index.catch_all.get_or_insert(i);
                    }
                }
                FolderKind::Intercept(marker, segment) => {
                    index
                        .by_url
                        .entry(UrlPart::Intercept(*marker, segment.clone()))
                        .or_insert(i);
                }
                FolderKind::Group => index.groups.push(i),
                FolderKind::Slot(_) => index.slots.push(i),
                FolderKind::Private => {}
            }
        }
        index
    }
}

impl AppDir {
    /// Private folders (`_x`) and everything under them are left out.
    pub fn from_scan(dir: &Dir, page_extensions: &[String], at_root: bool) -> AppDir {
        let mut conventions = BTreeMap::new();
        let mut metadata = Vec::new();
        for file in &dir.files {
            let Some((stem, extension)) = split_file_name(file) else {
                continue;
            };
            let convention = ["page", "route", "default"]
                .into_iter()
                .chain(SEGMENT_CONVENTIONS)
                .find(|c| *c == stem);
            match convention {
                Some(convention) if page_extensions.iter().any(|e| e == extension) => {
                    // With `page.tsx` and `page.js` both present, the earlier
                    // `pageExtensions` entry wins.
                    let rank = |f: &String| {
                        page_extensions
                            .iter()
                            .position(|e| f.ends_with(&format!(".{e}")))
                    };
                    let path = dir.file_path(file);
                    let keep = conventions
                        .get(convention)
                        .is_none_or(|existing: &String| rank(&path) < rank(existing));
                    if keep {
                        conventions.insert(convention, path);
                    }
                }
                _ => {
                    if let Some(found) = metadata::classify(file, at_root, page_extensions) {
                        metadata.push((found, dir.file_path(file)));
                    }
                }
            }
        }
        let dirs: Vec<AppDir> = dir
            .dirs
            .iter()
            .filter(|d| FolderKind::parse(&d.name) != FolderKind::Private)
            .map(|d| AppDir::from_scan(d, page_extensions, false))
            .collect();
        let index = DirIndex::new(&dirs);
        AppDir {
            name: dir.name.clone(),
            kind: if at_root {
                FolderKind::Group
            } else {
                FolderKind::parse(&dir.name)
            },
            rel: dir.rel.clone(),
            conventions,
            metadata,
            dirs,
            index,
        }
    }

    fn slots(&self) -> impl Iterator<Item = (&str, &AppDir)> {
        self.index.slots.iter().map(|&i| {
            let slot = &self.dirs[i];
            (slot.name.strip_prefix('@').unwrap_or(&slot.name), slot)
        })
    }

    /// Whether a route (page or handler) lives below this folder, outside slots.
    fn has_child_routes(&self) -> bool {
        self.dirs.iter().any(|d| {
            !matches!(d.kind, FolderKind::Slot(_))
                && (d.conventions.contains_key("page")
                    || d.conventions.contains_key("route")
                    || d.has_child_routes())
        })
    }
}

/// One URL segment of an app path: a path segment or an interception.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UrlPart {
    Path(PathSegment),
    Intercept(InterceptMarker, PathSegment),
}

impl fmt::Display for UrlPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlPart::Path(segment) => write!(f, "{segment}"),
            UrlPart::Intercept(marker, segment) => write!(f, "{}{segment}", marker.as_str()),
        }
    }
}

pub fn format_url(parts: &[UrlPart]) -> String {
    if parts.is_empty() {
        return "/".to_string();
    }
    parts.iter().map(|p| format!("/{p}")).collect()
}

/// A page, route handler or metadata file, where it sits and the URL it answers.
#[derive(Debug)]
pub struct AppEntry<'a> {
    pub kind: RouteKind,
    pub file: String,
    /// Next's name for it: the folders from `app/` and the file's convention,
    /// e.g. `/(shop)/cart/page`. Used in Next's error messages.
    pub app_page: String,
    pub url: Vec<UrlPart>,
    /// Whether a `@slot` folder is on the way, making it a parallel page.
    pub in_slot: bool,
    pub metadata: Option<&'a MetadataFile>,
    /// The folders from `app/` down to the file's own.
    pub chain: Vec<&'a AppDir>,
}

impl AppEntry<'_> {
    pub fn path(&self) -> String {
        format_url(&self.url)
    }
}

/// Lists every page, route handler and metadata route under `root`.
pub fn collect_entries(root: &AppDir) -> Vec<AppEntry<'_>> {
    let mut entries = Vec::new();
    let mut walk = Walk {
        chain: Vec::new(),
        url: Vec::new(),
        folders: Vec::new(),
        in_slot: false,
    };
    walk.visit(root, &mut entries);
    entries
}

struct Walk<'a> {
    chain: Vec<&'a AppDir>,
    url: Vec<UrlPart>,
    folders: Vec<&'a str>,
    in_slot: bool,
}

impl<'a> Walk<'a> {
    fn visit(&mut self, dir: &'a AppDir, out: &mut Vec<AppEntry<'a>>) {
        self.chain.push(dir);
        let pushed_url = match &dir.kind {
            FolderKind::Path(segment) => Some(UrlPart::Path(segment.clone())),
            FolderKind::Intercept(marker, segment) => {
                Some(UrlPart::Intercept(*marker, segment.clone()))
            }
            _ => None,
        };
        let was_in_slot = self.in_slot;
        if matches!(dir.kind, FolderKind::Slot(_)) {
            self.in_slot = true;
        }
        if self.chain.len() > 1 {
            self.folders.push(&dir.name);
        }
        if let Some(part) = &pushed_url {
            self.url.push(part.clone());
        }

        for (convention, kind) in [("page", RouteKind::Page), ("route", RouteKind::Route)] {
            if let Some(file) = dir.conventions.get(convention) {
                out.push(self.entry(kind, file.clone(), convention, None, Vec::new()));
            }
        }
        for (found, file) in &dir.metadata {
            let extra = vec![UrlPart::Path(PathSegment::Static(found.route_name.clone()))];
            out.push(self.entry(
                RouteKind::Metadata,
                file.clone(),
                &found.route_name,
                Some(found),
                extra,
            ));
        }
        for child in &dir.dirs {
            self.visit(child, out);
        }

        if pushed_url.is_some() {
            self.url.pop();
        }
        if self.chain.len() > 1 {
            self.folders.pop();
        }
        self.in_slot = was_in_slot;
        self.chain.pop();
    }

    fn entry(
        &self,
        kind: RouteKind,
        file: String,
        leaf: &str,
        metadata: Option<&'a MetadataFile>,
        extra_url: Vec<UrlPart>,
    ) -> AppEntry<'a> {
        let app_page = self
            .folders
            .iter()
            .copied()
            .chain([leaf])
            .map(|f| format!("/{f}"))
            .collect();
        let mut url = self.url.clone();
        url.extend(extra_url);
        AppEntry {
            kind,
            file,
            app_page,
            url,
            in_slot: self.in_slot,
            metadata,
            chain: self.chain.clone(),
        }
    }
}

/// Builds the loader tree that renders `url` from `dir` down, or `None` when no page
/// below `dir` answers it. `children` comes from the folders; each `@slot` resolves
/// the same URL inside itself and falls back to its `default`.
pub fn loader_tree(dir: &AppDir, url: &[UrlPart]) -> Option<LoaderTree> {
    subtree(dir, url, false)
}

/// `in_slot`: below a `@slot` folder, where a catch-all answers a URL the slot has no
/// folder for (so `@modal/[...catchAll]` closes a modal on other pages, as in Next).
fn subtree(dir: &AppDir, url: &[UrlPart], in_slot: bool) -> Option<LoaderTree> {
    let mut node = LoaderTree {
        segment: dir.name.clone(),
        files: segment_files(dir),
        slots: BTreeMap::new(),
    };
    let slot_trees: Vec<(&str, Option<LoaderTree>)> = dir
        .slots()
        .map(|(name, slot)| (name, subtree(slot, url, true)))
        .collect();

    let children = if url.is_empty() && dir.conventions.contains_key("page") {
        node.files
            .insert("page".to_string(), dir.conventions["page"].clone());
        None
    } else {
        let by_segment = url
            .first()
            .and_then(|part| dir.index.by_url.get(part))
            .and_then(|&i| subtree(&dir.dirs[i], &url[1..], in_slot));
        let found = by_segment
            .or_else(|| {
                dir.index
                    .groups
                    .iter()
                    .find_map(|&i| subtree(&dir.dirs[i], url, in_slot))
            })
            .or_else(|| {
                let index = dir.index.catch_all.filter(|_| in_slot && !url.is_empty())?;
                subtree(&dir.dirs[index], &[], true)
            });
        if found.is_none() && slot_trees.iter().all(|(_, tree)| tree.is_none()) {
            return None;
        }
        Some(found.unwrap_or_else(|| children_fallback(dir)))
    };

    if let Some(children) = children {
        node.slots.insert("children".to_string(), children);
    }
    for ((name, tree), (_, slot)) in slot_trees.into_iter().zip(dir.slots()) {
        let tree = tree.unwrap_or_else(|| slot_fallback(slot));
        node.slots.insert(name.to_string(), tree);
    }
    Some(node)
}

/// What renders when a slot has nothing for the URL: the slot folder's own files
/// around its `default` (or, without one, Next's built-in not-found).
fn slot_fallback(slot: &AppDir) -> LoaderTree {
    let mut files = segment_files(slot);
    files.extend(default_file(slot));
    LoaderTree {
        segment: slot.name.clone(),
        files,
        slots: BTreeMap::new(),
    }
}

/// `children` of a folder whose URL only a slot answers: the folder's `default`.
fn children_fallback(dir: &AppDir) -> LoaderTree {
    LoaderTree {
        segment: "__DEFAULT__".to_string(),
        files: default_file(dir).into_iter().collect(),
        slots: BTreeMap::new(),
    }
}

fn default_file(dir: &AppDir) -> Option<(String, String)> {
    dir.conventions
        .get("default")
        .map(|file| ("default".to_string(), file.clone()))
}

fn segment_files(dir: &AppDir) -> BTreeMap<String, String> {
    SEGMENT_CONVENTIONS
        .iter()
        .filter_map(|c| dir.conventions.get(c).map(|f| (c.to_string(), f.clone())))
        .collect()
}

/// Next 16 requires a `default` in a slot whose parent has other routes below it, so
/// that a hard navigation to one of them can render the slot.
pub fn check_slot_defaults(root: &AppDir, diagnostics: &mut Vec<Diagnostic>) {
    check_dir(root, "", diagnostics);
}

fn check_dir(dir: &AppDir, here: &str, diagnostics: &mut Vec<Diagnostic>) {
    if matches!(
        dir.kind,
        FolderKind::Path(PathSegment::CatchAll(_) | PathSegment::OptionalCatchAll(_))
    ) {
        return;
    }
    if dir.has_child_routes() {
        for (name, slot) in dir.slots() {
            if !slot.conventions.contains_key("default") && !slot.has_child_routes() {
                diagnostics.push(Diagnostic::error(
                    "missing-slot-default",
                    format!(
                        "Missing required default.js file for parallel route at {here}/@{name}\nThe parallel route slot \"@{name}\" is missing a default.js file. When using parallel routes, each slot must have a default.js file to serve as a fallback.\n\nCreate a default.js file at: {}/default.js",
                        slot.rel
                    ),
                    vec![slot.rel.clone()],
                ));
            }
        }
    }
    for child in &dir.dirs {
        check_dir(child, &format!("{here}/{}", child.name), diagnostics);
    }
}
