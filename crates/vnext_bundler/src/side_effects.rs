//! Whether a file's package declares it free of side effects (`"sideEffects": false` in
//! the closest `package.json`), so that the bundle may leave it out when nothing uses
//! what it exports. A list of globs counts as "has side effects".

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Default)]
pub struct PackageSideEffects {
    /// Folder → whether the closest `package.json` at or above it says `false`.
    folders: Mutex<HashMap<PathBuf, bool>>,
}

impl PackageSideEffects {
    pub fn is_free(&self, file: &Path) -> bool {
        let Some(folder) = file.parent() else {
            return false;
        };
        if let Some(&known) = self.folders.lock().unwrap().get(folder) {
            return known;
        }
        let free = match fs::read_to_string(folder.join("package.json")) {
            Ok(text) => serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|package| {
                package.get("sideEffects") == Some(&serde_json::Value::Bool(false))
            }),
            Err(_) => self.is_free(folder),
        };
        self.folders
            .lock()
            .unwrap()
            .insert(folder.to_path_buf(), free);
        free
    }
}
