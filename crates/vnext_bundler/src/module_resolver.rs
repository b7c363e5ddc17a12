//! Specifier → file, with oxc_resolver configured for the bundle's platform and, for the
//! `client` layer, for the browser.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use oxc_resolver::{
    AliasValue, Resolution, ResolveError, ResolveOptions, Resolver, TsconfigDiscovery,
    TsconfigOptions, TsconfigReferences,
};
use vnext_css::ImportCondition;

use crate::layer::Layer;
use crate::platform::Platform;

/// Where an import leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// Left as an import of the output (`node:fs` on Node and Workers).
    External(String),
    /// A helper the registry runtime itself provides (swc's interop helpers), by id.
    RuntimeHelper(String),
    /// A module replaced by nothing (`"browser": { "./x.js": false }`).
    Empty,
    /// `vnext:rsc-manifests`: the manifests React needs, made once the graph is known.
    RscManifests,
}

pub struct ModuleResolver {
    resolver: Resolver,
    /// The same options with `react-server` first; shares the resolver's caches.
    server_components: Resolver,
    /// The browser's options, for the `client` layer; shares the caches too.
    browser: Resolver,
    platform: Platform,
    /// Package specifiers already resolved in this build, by layer and importing
    /// folder: every module of a React app imports `react/jsx-runtime`, and each lookup
    /// walks up to `node_modules` and reads the package's `exports` again (4% of a build
    /// of 5,000 small TSX modules). The folder decides the answer: the tsconfig is one
    /// for every file, and what else applies (`node_modules`, `package.json` files) is
    /// found from the folder.
    packages: Mutex<PackageResolutions>,
}

type PackageResolutions = HashMap<(Layer, PathBuf, String), Result<Resolved, String>>;

const EXTENSIONS: [&str; 9] = [
    ".tsx", ".ts", ".jsx", ".js", ".mjs", ".cjs", ".mts", ".cts", ".json",
];
const HELPER_PREFIX: &str = "@swc/helpers/_/";
/// The specifier (and module id) of the client reference manifests.
pub const RSC_MANIFESTS: &str = "vnext:rsc-manifests";

impl ModuleResolver {
    /// `alias` maps a package specifier (and the paths under it) to a file, in every
    /// layer: how `next/*` imports reach vnext's own modules. `paths` of the project's
    /// `tsconfig.json` or, without one, its `jsconfig.json` apply everywhere, as in Next.
    pub fn new(root: &Path, platform: Platform, alias: &[(String, PathBuf)]) -> Self {
        let tsconfig = ["tsconfig.json", "jsconfig.json"]
            .iter()
            .map(|name| root.join(name))
            .find(|file| file.is_file());
        let options = resolve_options(platform, alias, tsconfig.clone());
        let resolver = Resolver::new(options.clone());
        let mut server_conditions = options.condition_names.clone();
        server_conditions.insert(0, "react-server".to_string());
        let server_components = resolver.clone_with_options(ResolveOptions {
            condition_names: server_conditions,
            ..options
        });
        let browser =
            resolver.clone_with_options(resolve_options(Platform::Browser, alias, tsconfig));
        Self {
            resolver,
            server_components,
            browser,
            platform,
            packages: Mutex::default(),
        }
    }

    /// Forgets what it has read of the file system (package.json files, folders).
    pub fn clear_cache(&self) {
        self.resolver.clear_cache();
        self.packages().clear();
    }

    fn packages(&self) -> MutexGuard<'_, PackageResolutions> {
        self.packages.lock().expect("no thread panics holding it")
    }

    /// The platform `layer` runs on.
    pub fn platform_of(&self, layer: Layer) -> Platform {
        if layer == Layer::Client {
            Platform::Browser
        } else {
            self.platform
        }
    }

    /// Resolves `specifier` as written in `importer`, for `layer`. The error is the
    /// message to show.
    pub fn resolve(
        &self,
        importer: &Path,
        specifier: &str,
        layer: Layer,
    ) -> Result<Resolved, String> {
        if specifier.starts_with(HELPER_PREFIX) {
            return Ok(Resolved::RuntimeHelper(specifier.to_string()));
        }
        if specifier == RSC_MANIFESTS {
            return Ok(Resolved::RscManifests);
        }
        let is_package = !specifier.starts_with('.') && !Path::new(specifier).is_absolute();
        let Some(folder) = importer.parent().filter(|_| is_package) else {
            return self.resolve_uncached(importer, specifier, layer);
        };
        let key = (layer, folder.to_path_buf(), specifier.to_string());
        if let Some(resolved) = self.packages().get(&key) {
            return resolved.clone();
        }
        let resolved = self.resolve_uncached(importer, specifier, layer);
        self.packages().insert(key, resolved.clone());
        resolved
    }

    fn resolve_uncached(
        &self,
        importer: &Path,
        specifier: &str,
        layer: Layer,
    ) -> Result<Resolved, String> {
        let resolver = match layer {
            Layer::Rsc => &self.server_components,
            Layer::Client => &self.browser,
            Layer::Default | Layer::Ssr => &self.resolver,
        };
        let platform = self.platform_of(layer);
        match resolver.resolve_file(importer, specifier) {
            Ok(resolution) => Ok(Resolved::File(file_of(resolution))),
            Err(ResolveError::Builtin { resolved, .. }) if platform.has_node_builtins() => {
                Ok(Resolved::External(resolved))
            }
            Err(ResolveError::Builtin { resolved, .. }) => Err(format!(
                "Module not found: Can't resolve '{specifier}': `{resolved}` is a Node.js built-in module, which the {} platform does not have",
                platform.name()
            )),
            Err(ResolveError::Ignored(_)) => Ok(Resolved::Empty),
            Err(ResolveError::NotFound(_)) => {
                Err(format!("Module not found: Can't resolve '{specifier}'"))
            }
            Err(error) => Err(format!(
                "Module not found: Can't resolve '{specifier}': {error}"
            )),
        }
    }
}

/// The resolved file; a stylesheet imported under conditions keeps them after it, as
/// `?…`, which makes it a module of its own (see `ImportCondition`).
fn file_of(resolution: Resolution) -> PathBuf {
    match resolution.query() {
        Some(query) if ImportCondition::is_condition_query(query) => {
            let mut path = resolution.path().as_os_str().to_owned();
            path.push(query);
            PathBuf::from(path)
        }
        _ => resolution.into_path_buf(),
    }
}

fn resolve_options(
    platform: Platform,
    alias: &[(String, PathBuf)],
    tsconfig: Option<PathBuf>,
) -> ResolveOptions {
    let strings = |items: &[&str]| {
        items
            .iter()
            .map(|item| item.to_string())
            .collect::<Vec<_>>()
    };
    ResolveOptions {
        condition_names: strings(platform.condition_names()),
        main_fields: strings(platform.main_fields()),
        alias_fields: if platform == Platform::Browser {
            vec![vec!["browser".to_string()]]
        } else {
            Vec::new()
        },
        alias: alias
            .iter()
            .map(|(specifier, file)| {
                let target = AliasValue::Path(file.to_string_lossy().into_owned());
                (specifier.clone(), vec![target])
            })
            .collect(),
        extensions: strings(&EXTENSIONS),
        // TypeScript's ESM style names the output: `./math.js` means `./math.ts`.
        extension_alias: vec![
            (".js".to_string(), strings(&[".js", ".ts", ".tsx", ".jsx"])),
            (".mjs".to_string(), strings(&[".mjs", ".mts"])),
            (".cjs".to_string(), strings(&[".cjs", ".cts"])),
        ],
        builtin_modules: true,
        // Found once rather than looked for beside every importer (2.5% of a build of
        // 5,000 small modules).
        tsconfig: tsconfig.map(|config_file| {
            TsconfigDiscovery::Manual(TsconfigOptions {
                config_file,
                references: TsconfigReferences::Disabled,
            })
        }),
        ..ResolveOptions::default()
    }
}
