//! What the bundler's tests share.

use std::collections::HashMap;
use std::path::PathBuf;

use vnext_bundler::{BundlerOptions, Platform};

/// Options for bundling the project at `root` for Node, without source maps.
pub fn node_options(root: PathBuf, minify: bool) -> BundlerOptions {
    BundlerOptions {
        root,
        platform: Platform::Node,
        env: HashMap::new(),
        minify,
        splitting: false,
        source_map: false,
        public_path: "/".to_string(),
        stylesheet_preprocessor: None,
        css_targets: Default::default(),
        action_id_salt: String::new(),
        alias: Vec::new(),
    }
}
