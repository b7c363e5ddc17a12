//! Modules kept between the builds of one `Bundler`, so a rebuild redoes only what
//! changed: a script whose file has the same text, and whose imports still resolve to
//! the same files, is taken as it was instead of being parsed, transformed, minified
//! and printed again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::layer::Layer;
use crate::module_loader::LoadedModule;
use crate::module_resolver::{ModuleResolver, Resolved};

/// One `resolve` a module's loading made, and what it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub specifier: String,
    pub layer: Layer,
    pub result: Result<Resolved, String>,
}

#[derive(Default)]
pub struct ModuleCache {
    modules: Mutex<HashMap<(Layer, PathBuf), (u64, LoadedModule)>>,
}

impl ModuleCache {
    /// The module as it was loaded from a file whose text hashed to `source_hash`, if
    /// each of its imports still resolves as it did then.
    pub fn get(
        &self,
        layer: Layer,
        path: &Path,
        source_hash: u64,
        resolver: &ModuleResolver,
    ) -> Option<LoadedModule> {
        let cached = {
            let modules = self.modules.lock().expect("no thread panics holding it");
            match modules.get(&(layer, path.to_path_buf())) {
                Some((hash, loaded)) if *hash == source_hash => loaded.clone(),
                _ => return None,
            }
        };
        let unchanged = cached.resolutions.iter().all(|resolution| {
            resolver.resolve(path, &resolution.specifier, resolution.layer) == resolution.result
        });
        unchanged.then_some(cached)
    }

    pub fn put(&self, layer: Layer, path: &Path, source_hash: u64, loaded: &LoadedModule) {
        self.modules
            .lock()
            .expect("no thread panics holding it")
            .insert((layer, path.to_path_buf()), (source_hash, loaded.clone()));
    }
}
