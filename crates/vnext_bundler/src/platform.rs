//! What a bundle runs on decides how its imports resolve and what stays outside it.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

impl FromStr for Platform {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        [Self::Browser, Self::Node, Self::Worker]
            .into_iter()
            .find(|platform| platform.name() == name)
            .ok_or_else(|| format!("platform must be browser, node or worker, not {name:?}"))
    }
}
