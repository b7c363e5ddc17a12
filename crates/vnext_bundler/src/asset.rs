//! Files the bundle ships as they are (images, fonts, media): copied to
//! `assets/<name>-<hash>.<ext>` and known to code by their URL.

use std::fs;
use std::io;
use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

/// Extensions imported as assets, from JavaScript or from a stylesheet's `url()`.
const ASSET_EXTENSIONS: [&str; 17] = [
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "woff", "woff2", "ttf",
    "otf", "eot", "mp4", "webm", "mp3",
];

pub fn is_asset(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            ASSET_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        })
}

#[derive(Debug, Clone)]
pub struct Asset {
    /// Relative to the output folder.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Asset {
    /// Reads `file`; its output name carries a hash of its bytes, so it can be cached
    /// forever.
    pub fn read(file: &Path) -> io::Result<Self> {
        let bytes = fs::read(file)?;
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        let extension = file.extension().unwrap_or_default().to_string_lossy();
        Ok(Self {
            path: format!("assets/{stem}-{:016x}.{extension}", xxh3_64(&bytes)),
            bytes,
        })
    }

    /// Where a page finds it: `public_path` (the URL the output folder is served at)
    /// then its path.
    pub fn url(&self, public_path: &str) -> String {
        format!("{public_path}{}", self.path)
    }
}
