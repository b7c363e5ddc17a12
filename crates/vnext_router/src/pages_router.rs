//! The Pages Router: every file in `pages/` with a page extension is a route.

use std::collections::BTreeMap;

use crate::manifest::RouteKind;
use crate::scan::Dir;
use crate::segment::PathSegment;

/// A file of `pages/` and the route it makes.
#[derive(Debug)]
pub struct PagesEntry {
    pub kind: RouteKind,
    pub file: String,
    pub segments: Vec<PathSegment>,
}

/// `_app`, `_document` and `_error` shape every page rather than being routes.
const SPECIAL_PAGES: [&str; 3] = ["_app", "_document", "_error"];

pub struct PagesRoutes {
    pub entries: Vec<PagesEntry>,
    /// `_app` etc. to their file.
    pub special: BTreeMap<String, String>,
}

pub fn collect(root: &Dir, page_extensions: &[String]) -> PagesRoutes {
    let mut routes = PagesRoutes {
        entries: Vec::new(),
        special: BTreeMap::new(),
    };
    visit(root, &mut Vec::new(), page_extensions, &mut routes);
    routes
}

fn visit(
    dir: &Dir,
    folders: &mut Vec<PathSegment>,
    page_extensions: &[String],
    out: &mut PagesRoutes,
) {
    for file in &dir.files {
        let Some(stem) = page_stem(file, page_extensions) else {
            continue;
        };
        let path = dir.file_path(file);
        if folders.is_empty() && SPECIAL_PAGES.contains(&stem) {
            out.special.insert(stem.to_string(), path);
            continue;
        }
        let mut segments = folders.clone();
        // Only the last `index` names its folder: `pages/index/index.js` is `/index`.
        if stem != "index" {
            segments.push(PathSegment::parse(stem));
        }
        let is_api = matches!(segments.first(), Some(PathSegment::Static(first)) if first == "api");
        out.entries.push(PagesEntry {
            kind: if is_api {
                RouteKind::PagesApi
            } else {
                RouteKind::PagesPage
            },
            file: path,
            segments,
        });
    }
    for child in &dir.dirs {
        folders.push(PathSegment::parse(&child.name));
        visit(child, folders, page_extensions, out);
        folders.pop();
    }
}

/// The file name without its page extension, or `None` when it is not a page.
pub fn page_stem<'a>(file: &'a str, page_extensions: &[String]) -> Option<&'a str> {
    if file.ends_with(".d.ts") {
        return None;
    }
    page_extensions.iter().find_map(|extension| {
        file.strip_suffix(extension.as_str())
            .and_then(|rest| rest.strip_suffix('.'))
            .filter(|stem| !stem.is_empty())
    })
}
