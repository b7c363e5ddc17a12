//! The tree React renders for a page: which folder fills each segment and slot. Pages
//! share the segments of the folders they pass through, so the manifest lists each
//! segment once and a page's tree only points into that list.

use std::collections::HashMap;

use crate::app_router::{AppDir, SEGMENT_CONVENTIONS, UrlPart};
use crate::manifest::{LoaderTree, TreeSegment};

/// A page's tree before it is numbered: each node names the folder it comes from.
#[derive(Debug)]
pub struct PageTree<'a> {
    segment: SegmentSource<'a>,
    slots: Vec<(&'a str, PageTree<'a>)>,
}

/// How a node renders its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    /// A layout level: the folder's segment files.
    Layout,
    /// The end of the URL: the segment files and the `page`.
    Page,
    /// A slot with nothing for the URL: its segment files and its `default`.
    SlotDefault,
    /// `children` of a folder whose URL only a slot answers: the folder's `default`.
    ChildrenDefault,
}

#[derive(Debug, Clone, Copy)]
struct SegmentSource<'a> {
    dir: &'a AppDir,
    role: Role,
}

impl SegmentSource<'_> {
    fn key(self) -> (*const AppDir, Role) {
        (std::ptr::from_ref(self.dir), self.role)
    }

    fn segment(self) -> TreeSegment {
        let dir = self.dir;
        let (segment, conventions, leaf) = match self.role {
            Role::Layout => (dir.name.clone(), &SEGMENT_CONVENTIONS[..], None),
            Role::Page => (dir.name.clone(), &SEGMENT_CONVENTIONS[..], Some("page")),
            Role::SlotDefault => (dir.name.clone(), &SEGMENT_CONVENTIONS[..], Some("default")),
            Role::ChildrenDefault => ("__DEFAULT__".to_string(), &[][..], Some("default")),
        };
        let files = conventions
            .iter()
            .chain(&leaf)
            .filter_map(|c| dir.conventions.get(c).map(|f| (c.to_string(), f.clone())))
            .collect();
        TreeSegment { segment, files }
    }
}

/// Builds the tree that renders `url` from `dir` down, or `None` when no page below
/// `dir` answers it. `children` comes from the folders; each `@slot` resolves the
/// same URL inside itself and falls back to its `default`.
pub fn page_tree<'a>(dir: &'a AppDir, url: &[UrlPart]) -> Option<PageTree<'a>> {
    subtree(dir, url, false)
}

/// `in_slot`: below a `@slot` folder, where a catch-all answers a URL the slot has no
/// folder for (so `@modal/[...catchAll]` closes a modal on other pages, as in Next).
fn subtree<'a>(dir: &'a AppDir, url: &[UrlPart], in_slot: bool) -> Option<PageTree<'a>> {
    let slot_trees: Vec<(&str, Option<PageTree>)> = dir
        .slots()
        .map(|(name, slot)| (name, subtree(slot, url, true)))
        .collect();

    let is_page = url.is_empty() && dir.conventions.contains_key("page");
    let mut slots = Vec::with_capacity(slot_trees.len() + 1);
    if !is_page {
        let found = url
            .first()
            .and_then(|part| dir.child_at(part))
            .and_then(|child| subtree(child, &url[1..], in_slot))
            .or_else(|| dir.groups().find_map(|group| subtree(group, url, in_slot)))
            .or_else(|| {
                let catch_all = dir.catch_all().filter(|_| in_slot && !url.is_empty())?;
                subtree(catch_all, &[], true)
            });
        if found.is_none() && slot_trees.iter().all(|(_, tree)| tree.is_none()) {
            return None;
        }
        let children = found.unwrap_or_else(|| leaf(dir, Role::ChildrenDefault));
        slots.push(("children", children));
    }
    for ((name, tree), (_, slot)) in slot_trees.into_iter().zip(dir.slots()) {
        slots.push((name, tree.unwrap_or_else(|| leaf(slot, Role::SlotDefault))));
    }
    let role = if is_page { Role::Page } else { Role::Layout };
    Some(PageTree {
        segment: SegmentSource { dir, role },
        slots,
    })
}

fn leaf(dir: &AppDir, role: Role) -> PageTree<'_> {
    PageTree {
        segment: SegmentSource { dir, role },
        slots: Vec::new(),
    }
}

/// Numbers the segments of every page's tree, each distinct segment once.
#[derive(Debug, Default)]
pub struct SegmentTable {
    numbers: HashMap<(*const AppDir, Role), usize>,
    segments: Vec<TreeSegment>,
}

impl SegmentTable {
    pub fn number(&mut self, tree: &PageTree) -> LoaderTree {
        let next = self.segments.len();
        let segment = *self.numbers.entry(tree.segment.key()).or_insert(next);
        if segment == next {
            self.segments.push(tree.segment.segment());
        }
        let mut slots: Vec<(String, LoaderTree)> = tree
            .slots
            .iter()
            .map(|(name, child)| (name.to_string(), self.number(child)))
            .collect();
        slots.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        LoaderTree { segment, slots }
    }

    pub fn into_segments(self) -> Vec<TreeSegment> {
        self.segments
    }
}
