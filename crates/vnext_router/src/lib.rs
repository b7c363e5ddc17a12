//! Compiles a Next.js app's `app/` and `pages/` folders into a route manifest, with
//! Next's ordering and Next's errors, and matches paths against it.

mod app_router;
mod compile;
mod loader_tree;
mod manifest;
mod match_tree;
mod metadata;
mod pages_router;
mod route_order;
mod scan;
mod segment;
mod segment_config;

pub use compile::{CompileOptions, compile_routes};
pub use manifest::{
    Interception, LoaderTree, Middleware, Param, Rendering, Route, RouteKind, RouteManifest,
    TreeSegment,
};
pub use match_tree::{DecodeError, MatchTree, ParamValue, RouteMatch};
pub use segment::{InterceptMarker, ParamKind};
pub use segment_config::{ModuleInfo, Revalidate, SegmentConfig};
pub use vnext_diagnostics::{Diagnostic, Location, Severity};
