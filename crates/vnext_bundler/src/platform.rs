//! What a bundle runs on decides how its imports resolve and what stays outside it.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Browser,
    Node,
    /// Cloudflare Workers (workerd) with `nodejs_compat`.
    Worker,
}

impl Platform {
    pub fn condition_names(self) -> &'static [&'static str] {
        match self {
            Self::Browser => &["browser", "import", "module", "default"],
            Self::Node => &["node", "import", "module", "require", "default"],
            Self::Worker => &[
                "workerd",
                "worker",
                "edge-light",
                "import",
                "module",
                "default",
            ],
        }
    }

    pub fn main_fields(self) -> &'static [&'static str] {
        match self {
            Self::Browser => &["browser", "module", "main"],
            Self::Node | Self::Worker => &["module", "main"],
        }
    }

    /// Node's built-in modules stay imports on Node and on Workers (`nodejs_compat`);
    /// a browser has none.
    pub fn has_node_builtins(self) -> bool {
        !matches!(self, Self::Browser)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Browser => "browser",
            Self::Node => "node",
            Self::Worker => "worker",
        }
    }
}
