//! Reads the app's folders into memory once, in parallel, so the routers work on
//! plain data.

use std::fs;
use std::path::Path;

use rayon::prelude::*;

/// A folder under `app/` or `pages/`.
#[derive(Debug, Default)]
pub struct Dir {
    /// The folder's own name; empty for the root being scanned.
    pub name: String,
    /// Path relative to the project, with `/` separators.
    pub rel: String,
    /// File names in this folder, sorted.
    pub files: Vec<String>,
    /// Sub-folders, sorted by name. Private folders (`_x`) are kept here; the app
    /// router skips them, the pages router does not have them.
    pub dirs: Vec<Dir>,
}

impl Dir {
    /// Scans `project/rel` recursively. A folder that cannot be read reads as empty.
    pub fn scan(project: &Path, rel: &str) -> Dir {
        let name = rel.rsplit('/').next().unwrap_or_default().to_string();
        Self::scan_at(project, rel.to_string(), name)
    }

    fn scan_at(project: &Path, rel: String, name: String) -> Dir {
        let mut files = Vec::new();
        let mut sub_dirs = Vec::new();
        if let Ok(entries) = fs::read_dir(project.join(&rel)) {
            for entry in entries.flatten() {
                let Ok(entry_name) = entry.file_name().into_string() else {
                    continue;
                };
                let is_dir = entry
                    .file_type()
                    .map(|t| t.is_dir() || (t.is_symlink() && entry.path().is_dir()))
                    .unwrap_or(false);
                if is_dir {
                    if entry_name != "node_modules" && !entry_name.starts_with('.') {
                        sub_dirs.push(entry_name);
                    }
                } else {
                    files.push(entry_name);
                }
            }
        }
        files.sort();
        sub_dirs.sort();
        let dirs = sub_dirs
            .into_par_iter()
            .map(|child| Self::scan_at(project, format!("{rel}/{child}"), child))
            .collect();
        Dir {
            name,
            rel,
            files,
            dirs,
        }
    }

    pub fn file_path(&self, file: &str) -> String {
        format!("{}/{file}", self.rel)
    }
}

/// Splits a file name at its first dot, as Next does: `page.test.tsx` has the
/// extension `test.tsx`. `.d.ts` files are never route files.
pub fn split_file_name(name: &str) -> Option<(&str, &str)> {
    if name.ends_with(".d.ts") {
        return None;
    }
    name.split_once('.')
}
