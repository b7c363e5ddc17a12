//! The App Router: `app/` folders to pages, route handlers and metadata routes,
//! each page with the layout tree React renders for it.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use rayon::prelude::*;

use crate::manifest::RouteKind;
use crate::metadata::{self, MetadataFile};
use crate::scan::{Dir, split_file_name};
use crate::segment::{FolderKind, InterceptMarker, PathSegment};
use vnext_diagnostics::Diagnostic;

/// Files that shape a segment, in the order Next nests them.
pub const SEGMENT_CONVENTIONS: [&str; 9] = [
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

/// Whether the compiler reads this file's exports: pages, route handlers, layouts
/// and generated metadata routes.
pub fn exports_read(file_name: &str, page_extensions: &[String]) -> bool {
    match split_file_name(file_name) {
        Some(("page" | "route" | "layout", extension)) => {
            page_extensions.iter().any(|e| e == extension)
        }
        Some(_) => {
            metadata::classify(file_name, true, page_extensions).is_some_and(|m| m.generated)
        }
        None => false,
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
            .par_iter()
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

    pub fn slots(&self) -> impl Iterator<Item = (&str, &AppDir)> {
        self.index.slots.iter().map(|&i| {
            let slot = &self.dirs[i];
            (slot.name.strip_prefix('@').unwrap_or(&slot.name), slot)
        })
    }

    /// The folder that adds `part` to the URL.
    pub fn child_at(&self, part: &UrlPart) -> Option<&AppDir> {
        self.index.by_url.get(part).map(|&i| &self.dirs[i])
    }

    /// Route groups, in name order.
    pub fn groups(&self) -> impl Iterator<Item = &AppDir> {
        self.index.groups.iter().map(|&i| &self.dirs[i])
    }

    /// The `[...x]` or `[[...x]]` folder.
    pub fn catch_all(&self) -> Option<&AppDir> {
        self.index.catch_all.map(|i| &self.dirs[i])
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
