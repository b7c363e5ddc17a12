//! `compile_routes`: project folder in, route manifest (or Next's errors) out.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::app_router::{self, AppDir, AppEntry, UrlPart, format_url};
use crate::loader_tree::{self, PageTree, SegmentTable};
use crate::manifest::{
    Interception, Middleware, Param, Rendering, Route, RouteKind, RouteManifest,
};
use crate::match_tree::MatchTree;
use crate::pages_router::{self, PagesEntry};
use crate::route_order::{self, Pattern, Rules};
use crate::scan::Dir;
use crate::segment::{InterceptMarker, PathSegment, format_path};
use crate::segment_config::{self, ModuleInfo, Revalidate, SegmentConfig};
use vnext_diagnostics::Diagnostic;

#[derive(Debug, Clone)]
pub struct CompileOptions {
    /// `pageExtensions` from `next.config`.
    pub page_extensions: Vec<String>,
}

impl Default for CompileOptions {
    fn default() -> Self {
        Self {
            page_extensions: ["tsx", "ts", "jsx", "js"].map(String::from).to_vec(),
        }
    }
}

/// Compiles the routes of the Next.js app in `project`. On failure, returns every
/// error found (warnings ride along); nothing here panics on bad input.
pub fn compile_routes(
    project: &Path,
    options: &CompileOptions,
) -> Result<RouteManifest, Vec<Diagnostic>> {
    let extensions = &options.page_extensions;
    let app_dir = find_dir(project, "app");
    let pages_dir = find_dir(project, "pages");
    let base = match (&app_dir, &pages_dir) {
        (None, None) => {
            return Err(vec![Diagnostic::error(
                "no-routes-dir",
                "Couldn't find any `pages` or `app` directory. Please create one under the project root",
                Vec::new(),
            )]);
        }
        (Some(app), Some(pages)) if parent(app) != parent(pages) => {
            return Err(vec![Diagnostic::error(
                "split-routes-dirs",
                "`pages` and `app` directories should be under the same folder",
                vec![app.clone(), pages.clone()],
            )]);
        }
        (Some(dir), _) | (None, Some(dir)) => parent(dir).to_string(),
    };

    let mut diagnostics = Vec::new();
    let middleware = find_middleware(project, &base, extensions, &mut diagnostics);

    let read_app_file = |name: &str| app_router::exports_read(name, extensions);
    let read_pages_file = |name: &str| pages_router::page_stem(name, extensions).is_some();
    let (app_scan, pages_scan) = rayon::join(
        || {
            app_dir
                .as_deref()
                .map(|rel| Dir::scan(project, rel, &read_app_file))
        },
        || {
            pages_dir
                .as_deref()
                .map(|rel| Dir::scan(project, rel, &read_pages_file))
        },
    );
    let app_root = app_scan
        .as_ref()
        .map(|dir| AppDir::from_scan(dir, extensions, true));
    let app_entries = app_root
        .as_ref()
        .map(app_router::collect_entries)
        .unwrap_or_default();
    let pages = pages_scan
        .as_ref()
        .map(|dir| pages_router::collect(dir, extensions));

    if let Some(root) = &app_root {
        app_router::check_slot_defaults(root, &mut diagnostics);
    }

    let mut sources = HashMap::new();
    for scan in app_scan.iter().chain(&pages_scan) {
        scan.collect_sources(&mut sources);
    }
    let modules = read_modules(
        &sources,
        &app_entries,
        pages.as_ref().map(|p| &p.entries[..]),
        &mut diagnostics,
    );

    let mut routes = Vec::new();
    let mut interception_sources = Vec::new();
    let mut segments = SegmentTable::default();
    if let Some(root) = &app_root {
        app_routes(
            root,
            &app_entries,
            &modules,
            &mut routes,
            &mut interception_sources,
            &mut segments,
            &mut diagnostics,
        );
    }
    if let Some(pages) = &pages {
        pages_routes(&pages.entries, &modules, &mut routes, &mut diagnostics);
    }

    // Interceptions are reached through `Next-Url`, never by their own path.
    let matchable: Vec<(Vec<PathSegment>, usize)> = routes
        .iter()
        .enumerate()
        .filter(|(i, _)| !interception_sources.iter().any(|(route, _)| route == i))
        .map(|(i, (segments, _))| (segments.clone(), i))
        .collect();
    for (rules, is_pages) in [(Rules::App, false), (Rules::Pages, true)] {
        let patterns: Vec<Pattern> = matchable
            .iter()
            .filter(|(_, i)| {
                matches!(
                    routes[*i].1.kind,
                    RouteKind::PagesPage | RouteKind::PagesApi
                ) == is_pages
            })
            .map(|(segments, i)| Pattern {
                segments,
                file: &routes[*i].1.file,
            })
            .collect();
        diagnostics.extend(route_order::validate(&patterns, rules));
    }

    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }

    let mut order: Vec<usize> = (0..routes.len()).collect();
    order.sort_by(|a, b| {
        route_order::compare_paths(&routes[*a].0, &routes[*b].0)
            .then_with(|| routes[*a].1.path.cmp(&routes[*b].1.path))
    });
    let mut new_index = vec![0; routes.len()];
    for (position, old) in order.iter().enumerate() {
        new_index[*old] = position;
    }
    let mut matcher = MatchTree::default();
    let mut by_order: Vec<&(Vec<PathSegment>, usize)> = matchable.iter().collect();
    by_order.sort_by_key(|(_, old)| new_index[*old]);
    for (segments, old) in by_order {
        matcher.insert(segments, new_index[*old]);
    }
    let interceptions = interception_sources
        .into_iter()
        .map(|(old, mut interception)| {
            interception.route = new_index[old];
            interception
        })
        .collect();
    let mut slots: Vec<Option<Route>> = routes.into_iter().map(|(_, route)| Some(route)).collect();
    let routes = order.iter().filter_map(|i| slots[*i].take()).collect();

    let manifest = RouteManifest {
        app_dir,
        pages_dir,
        page_extensions: extensions.clone(),
        middleware,
        pages_special: pages.map(|p| p.special).unwrap_or_default(),
        routes,
        segments: segments.into_segments(),
        interceptions,
        modules: modules
            .into_iter()
            .filter(|(_, info)| *info != ModuleInfo::default())
            .collect(),
        matcher,
        warnings: diagnostics,
    };
    // Freeing the scanned trees takes milliseconds the caller need not wait for.
    drop(app_entries);
    rayon::spawn(move || drop((app_scan, pages_scan, app_root)));
    Ok(manifest)
}

/// `app` wins over `src/app`, as in Next.
fn find_dir(project: &Path, name: &str) -> Option<String> {
    [name.to_string(), format!("src/{name}")]
        .into_iter()
        .find(|rel| project.join(rel).is_dir())
}

fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(parent, _)| parent)
}

fn join(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_string()
    } else {
        format!("{base}/{name}")
    }
}

fn find_middleware(
    project: &Path,
    base: &str,
    extensions: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Middleware> {
    let find = |stem: &str| {
        extensions
            .iter()
            .map(|ext| join(base, &format!("{stem}.{ext}")))
            .find(|rel| project.join(rel).is_file())
    };
    match (find("middleware"), find("proxy")) {
        (Some(middleware), Some(proxy)) => {
            diagnostics.push(Diagnostic::error(
                "middleware-and-proxy",
                format!(
                    "Both middleware file \"./{middleware}\" and proxy file \"./{proxy}\" are detected. Please use \"./{proxy}\" only. Learn more: https://nextjs.org/docs/messages/middleware-to-proxy"
                ),
                vec![middleware, proxy],
            ));
            None
        }
        (Some(file), None) => Some(Middleware {
            file,
            convention: "middleware",
        }),
        (None, Some(file)) => Some(Middleware {
            file,
            convention: "proxy",
        }),
        (None, None) => None,
    }
}

/// Parses, in parallel, every module whose exports shape a route: the entries and
/// the layouts above them. The scan read their text (`exports_read`, `page_stem`).
fn read_modules(
    sources: &HashMap<&str, &io::Result<String>>,
    app_entries: &[AppEntry<'_>],
    pages_entries: Option<&[PagesEntry]>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, ModuleInfo> {
    let mut files = BTreeSet::new();
    for entry in app_entries {
        if entry.metadata.is_none_or(|m| m.generated) {
            files.insert(entry.file.as_str());
        }
        for dir in &entry.chain {
            if let Some(layout) = dir.conventions.get("layout") {
                files.insert(layout);
            }
        }
    }
    for entry in pages_entries.unwrap_or_default() {
        files.insert(&entry.file);
    }
    let read: Vec<(String, ModuleInfo, Vec<Diagnostic>)> = files
        .into_par_iter()
        .filter_map(|file| Some((file, *sources.get(file)?)))
        .map(|(file, source)| match source {
            Ok(source) => {
                let (info, found) = segment_config::read_module(file, source);
                (file.to_string(), info, found)
            }
            Err(error) => (
                file.to_string(),
                ModuleInfo::default(),
                vec![Diagnostic::error(
                    "unreadable-file",
                    format!("Could not read {file}: {error}"),
                    vec![file.to_string()],
                )],
            ),
        })
        .collect();
    read.into_iter()
        .map(|(file, info, found)| {
            diagnostics.extend(found);
            (file, info)
        })
        .collect()
}

type CompiledRoute = (Vec<PathSegment>, Route);

fn app_routes(
    root: &AppDir,
    entries: &[AppEntry<'_>],
    modules: &BTreeMap<String, ModuleInfo>,
    routes: &mut Vec<CompiledRoute>,
    interceptions: &mut Vec<(usize, Interception)>,
    segments: &mut SegmentTable,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut by_path: BTreeMap<String, Vec<&AppEntry>> = BTreeMap::new();
    for entry in entries {
        by_path.entry(entry.path()).or_default().push(entry);
    }
    // Each path compiles on its own; the results keep the paths' order.
    let compiled: Vec<(Option<AppRoute>, Vec<Diagnostic>)> = by_path
        .into_par_iter()
        .map(|(path, group)| {
            let mut found = Vec::new();
            let route = app_route(root, path, &group, modules, &mut found);
            (route, found)
        })
        .collect();
    for (compiled, found) in compiled {
        diagnostics.extend(found);
        if let Some(mut compiled) = compiled {
            if let Some(interception) = compiled.interception {
                interceptions.push((routes.len(), interception));
            }
            compiled.route.tree = compiled.tree.map(|tree| segments.number(&tree));
            routes.push((compiled.segments, compiled.route));
        }
    }
}

/// A compiled App Router route before its tree is numbered.
struct AppRoute<'a> {
    segments: Vec<PathSegment>,
    route: Route,
    tree: Option<PageTree<'a>>,
    /// What it intercepts, when it is an intercepting route.
    interception: Option<Interception>,
}

fn app_route<'a>(
    root: &'a AppDir,
    path: String,
    group: &[&AppEntry<'_>],
    modules: &BTreeMap<String, ModuleInfo>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<AppRoute<'a>> {
    let entry = pick_entry(&path, group, diagnostics)?;
    let segments: Vec<PathSegment> = entry
        .url
        .iter()
        .map(|part| match part {
            UrlPart::Path(segment) => segment.clone(),
            UrlPart::Intercept(_, segment) => segment.clone(),
        })
        .collect();
    let mut files: Vec<&str> = entry
        .chain
        .iter()
        .filter_map(|dir| dir.conventions.get("layout").map(String::as_str))
        .collect();
    if entry.kind == RouteKind::Page && files.is_empty() {
        let relative = entry
            .file
            .split_once("app/")
            .map_or(entry.file.as_str(), |(_, rest)| rest);
        diagnostics.push(Diagnostic::error(
            "missing-root-layout",
            format!("{relative} doesn't have a root layout. To fix this error, make sure every page has a root layout."),
            vec![entry.file.clone()],
        ));
        return None;
    }
    files.push(&entry.file);
    let config = merge_config(
        files
            .iter()
            .filter_map(|f| modules.get(*f))
            .map(|m| &m.config),
    );
    let chain_exports = |name: &str| {
        files
            .iter()
            .any(|f| modules.get(*f).is_some_and(|m| m.has_export(name)))
    };
    // Metadata routes that generate several images or sitemaps take an id.
    let generates_ids = entry.kind == RouteKind::Metadata
        && modules.get(&entry.file).is_some_and(|m| {
            m.has_export("generateImageMetadata") || m.has_export("generateSitemaps")
        });
    let rendering = match entry.kind {
        RouteKind::Metadata if generates_ids => Rendering::Ssg,
        RouteKind::Metadata if segments.iter().all(|s| s.param().is_none()) => Rendering::Static,
        RouteKind::Metadata => Rendering::Dynamic,
        // Since Next 15 a route handler is static only when it opts in.
        RouteKind::Route
            if !(config.dynamic.as_deref() == Some("force-static")
                || matches!(config.revalidate, Some(Revalidate::Seconds(s)) if s > 0.0)
                || chain_exports("generateStaticParams")) =>
        {
            Rendering::Dynamic
        }
        _ => page_rendering(
            &config,
            segments.iter().any(|s| s.param().is_some()),
            chain_exports("generateStaticParams"),
        ),
    };
    let tree = (entry.kind == RouteKind::Page)
        .then(|| loader_tree::page_tree(root, &entry.url))
        .flatten();
    let mut segments = segments;
    let path = if generates_ids {
        if let Some(PathSegment::Static(last)) = segments.last_mut() {
            *last = last.trim_end_matches(".xml").to_string();
        }
        segments.push(PathSegment::Dynamic("__metadata_id__".to_string()));
        format_path(&segments)
    } else {
        path
    };
    let params = params_of(&segments);
    let interception = interception_of(&entry.url, &path);
    let route = Route {
        dynamic: !params.is_empty(),
        params,
        path,
        kind: entry.kind,
        file: entry.file.clone(),
        rendering,
        config,
        tree: None,
    };
    Some(AppRoute {
        segments,
        route,
        tree,
        interception,
    })
}

/// Of the entries answering one path, the one that is its route; two that both
/// claim it are refused with Next's message.
fn pick_entry<'e, 'a>(
    path: &str,
    group: &[&'e AppEntry<'a>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'e AppEntry<'a>> {
    let mut chosen: Option<&AppEntry> = None;
    for entry in group {
        let Some(existing) = chosen else {
            chosen = Some(entry);
            continue;
        };
        if entry.kind == RouteKind::Page && existing.kind == RouteKind::Page {
            if !entry.in_slot && !existing.in_slot {
                let (existing_dir, entry_dir) = diverging_folders(existing, entry);
                diagnostics.push(Diagnostic::error(
                    "duplicate-page",
                    format!(
                        "You cannot have two parallel pages that resolve to the same path. Please check {existing_dir} and {entry_dir}."
                    ),
                    vec![existing.file.clone(), entry.file.clone()],
                ));
            } else if existing.in_slot && !entry.in_slot {
                chosen = Some(entry);
            }
            continue;
        }
        let (a, b) = (kind_name(entry.kind), kind_name(existing.kind));
        let items = if a == b {
            format!("{a}s")
        } else {
            format!("{a} and {b}")
        };
        diagnostics.push(Diagnostic::error(
            "conflicting-routes",
            format!(
                "An issue occurred while preparing your Next.js app\nConflicting {items} at {path}: {a} at {} and {b} at {}",
                entry.app_page, existing.app_page
            ),
            vec![existing.file.clone(), entry.file.clone()],
        ));
    }
    chosen
}

/// How Next names two pages that collide: the first page's folder, and the second
/// page's folders down to where the two part ways (`/(a)/x` and `/(b)`).
fn diverging_folders(existing: &AppEntry, entry: &AppEntry) -> (String, String) {
    let folders = |e: &AppEntry| -> Vec<String> {
        let mut parts: Vec<String> = e.app_page.split('/').skip(1).map(String::from).collect();
        parts.pop();
        parts
    };
    let (a, b) = (folders(existing), folders(entry));
    let shared = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let join = |parts: &[String]| parts.iter().map(|p| format!("/{p}")).collect::<String>();
    (join(&a), join(&b[..(shared + 1).min(b.len())]))
}

fn kind_name(kind: RouteKind) -> &'static str {
    match kind {
        RouteKind::Page | RouteKind::PagesPage => "page",
        RouteKind::Route | RouteKind::PagesApi => "route",
        RouteKind::Metadata => "metadata",
    }
}

fn interception_of(url: &[UrlPart], path: &str) -> Option<Interception> {
    let position = url
        .iter()
        .position(|part| matches!(part, UrlPart::Intercept(..)))?;
    let UrlPart::Intercept(marker, segment) = &url[position] else {
        return None;
    };
    let intercepting = &url[..position];
    let base: &[UrlPart] = match marker {
        InterceptMarker::SameLevel => intercepting,
        InterceptMarker::OneLevelUp => &intercepting[..intercepting.len().saturating_sub(1)],
        InterceptMarker::TwoLevelsUp => &intercepting[..intercepting.len().saturating_sub(2)],
        InterceptMarker::Root => &[],
    };
    let mut intercepted = base.to_vec();
    intercepted.push(UrlPart::Path(segment.clone()));
    intercepted.extend(url[position + 1..].iter().cloned());
    Some(Interception {
        path: path.to_string(),
        marker: *marker,
        intercepting_path: format_url(intercepting),
        intercepted_path: format_url(&intercepted),
        route: 0,
    })
}

fn pages_routes(
    entries: &[PagesEntry],
    modules: &BTreeMap<String, ModuleInfo>,
    routes: &mut Vec<CompiledRoute>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let app_paths: BTreeMap<String, String> = routes
        .iter()
        .map(|(_, r)| (r.path.clone(), r.file.clone()))
        .collect();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for entry in entries {
        let path = format_path(&entry.segments);
        if let Some(first) = seen.insert(path.clone(), &entry.file) {
            diagnostics.push(Diagnostic::warning(
                "duplicate-page",
                format!(
                    "Duplicate page detected. {first} and {} both resolve to {path}.",
                    entry.file
                ),
                vec![first.to_string(), entry.file.clone()],
            ));
            seen.insert(path, first);
            continue;
        }
        if let Some(app_file) = app_paths.get(&path) {
            diagnostics.push(Diagnostic::error(
                "app-and-pages-conflict",
                format!("App Router and Pages Router both match path: {path}\nNext.js does not support having both App Router and Pages Router routes matching the same path. Please remove one of the conflicting routes."),
                vec![entry.file.clone(), app_file.clone()],
            ));
            continue;
        }
        let info = modules.get(&entry.file);
        let exports = |name: &str| info.is_some_and(|m| m.has_export(name));
        let rendering = if entry.kind == RouteKind::PagesApi || exports("getServerSideProps") {
            Rendering::Dynamic
        } else if exports("getStaticProps") {
            Rendering::Ssg
        } else {
            Rendering::Static
        };
        routes.push((
            entry.segments.clone(),
            Route {
                path,
                kind: entry.kind,
                file: entry.file.clone(),
                params: params_of(&entry.segments),
                dynamic: entry.segments.iter().any(|s| s.param().is_some()),
                rendering,
                config: info.map(|m| m.config.clone()).unwrap_or_default(),
                tree: None,
            },
        ));
    }
}

fn params_of(segments: &[PathSegment]) -> Vec<Param> {
    segments
        .iter()
        .filter_map(PathSegment::param)
        .map(|(name, kind)| Param {
            name: name.to_string(),
            kind,
        })
        .collect()
}

/// Combines the config of a route's layouts and page, outermost first, as Next's
/// `reduceAppConfig` does: deeper segments override, and the lowest `revalidate`
/// wins, a number over `false`.
fn merge_config<'a>(configs: impl Iterator<Item = &'a SegmentConfig>) -> SegmentConfig {
    let mut merged = SegmentConfig::default();
    for config in configs {
        let SegmentConfig {
            revalidate,
            dynamic,
            dynamic_params,
            fetch_cache,
            runtime,
            preferred_region,
            max_duration,
        } = config.clone();
        merged.revalidate = match (merged.revalidate, revalidate) {
            (Some(Revalidate::Seconds(a)), Some(Revalidate::Seconds(b))) => {
                Some(Revalidate::Seconds(a.min(b)))
            }
            (Some(Revalidate::Seconds(a)), Some(Revalidate::Never(_))) => {
                Some(Revalidate::Seconds(a))
            }
            (current, None) => current,
            (_, next) => next,
        };
        merged.dynamic = dynamic.or(merged.dynamic);
        merged.dynamic_params = dynamic_params.or(merged.dynamic_params);
        merged.fetch_cache = fetch_cache.or(merged.fetch_cache);
        merged.runtime = runtime.or(merged.runtime);
        merged.preferred_region = preferred_region.or(merged.preferred_region);
        merged.max_duration = max_duration.or(merged.max_duration);
    }
    merged
}

fn page_rendering(config: &SegmentConfig, dynamic_path: bool, generates_params: bool) -> Rendering {
    let forced_dynamic = config.dynamic.as_deref() == Some("force-dynamic")
        || matches!(config.revalidate, Some(Revalidate::Seconds(s)) if s == 0.0);
    if forced_dynamic || (dynamic_path && !generates_params) {
        Rendering::Dynamic
    } else if dynamic_path {
        Rendering::Ssg
    } else {
        Rendering::Static
    }
}
