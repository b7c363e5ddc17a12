//! A module can be bundled more than once, once per layer that reaches it: the React
//! Server Components world (`rsc`), the server render of client components (`ssr`),
//! client components in the browser (`client`), or plain code (`default`). Each layer
//! resolves with its own conditions and gives its modules their own ids.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    Default,
    /// Server components: `react-server` first among the conditions; a `"use client"`
    /// module becomes a client reference.
    Rsc,
    /// Client components rendered to HTML on the server.
    Ssr,
    /// Client components in the browser: resolved for the browser whatever the
    /// bundle's platform, and written to chunks of their own under `client/`.
    Client,
}

impl Layer {
    /// Put before a module's path to make its id; `default` modules have none.
    pub fn id_prefix(self) -> &'static str {
        match self {
            Self::Default => "",
            Self::Rsc => "(rsc)/",
            Self::Ssr => "(ssr)/",
            Self::Client => "(client)/",
        }
    }

    /// The layer a module id belongs to.
    pub fn of_id(id: &str) -> Self {
        [Self::Rsc, Self::Ssr, Self::Client]
            .into_iter()
            .find(|layer| id.starts_with(layer.id_prefix()))
            .unwrap_or(Self::Default)
    }

    /// A module id as a person reads it: the file, then the layer as Next names it
    /// (`button.js [Client Component SSR]`).
    pub fn describe_id(id: &str) -> String {
        for (layer, label) in [
            (Self::Rsc, "Server Component"),
            (Self::Ssr, "Client Component SSR"),
            (Self::Client, "Client Component Browser"),
        ] {
            if let Some(file) = id.strip_prefix(layer.id_prefix()) {
                return format!("{file} [{label}]");
            }
        }
        id.to_string()
    }

    /// Next's error for a marker package imported on the wrong side: `server-only`
    /// from a client component, `client-only` from a server component.
    pub fn refuses(self, specifier: &str) -> Option<&'static str> {
        match (self, specifier) {
            (Self::Ssr | Self::Client, "server-only") => Some(
                "'server-only' cannot be imported from a Client Component module\n\nIt should only be used from a Server Component.",
            ),
            (Self::Rsc, "client-only") => Some(
                "'client-only' cannot be imported from a Server Component module\n\nIt should only be used from a Client Component.",
            ),
            _ => None,
        }
    }
}

impl FromStr for Layer {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "default" => Ok(Self::Default),
            "rsc" => Ok(Self::Rsc),
            "ssr" => Ok(Self::Ssr),
            "client" => Ok(Self::Client),
            other => Err(format!(
                "unknown layer {other:?}: use default, rsc, ssr or client"
            )),
        }
    }
}
