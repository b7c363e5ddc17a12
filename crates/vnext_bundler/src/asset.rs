//! Files the bundle ships as they are (images, fonts, media): copied to
//! `assets/<name>-<hash>.<ext>` and known to code by their URL.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

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

/// Marks a file named by `new URL('./x', import.meta.url)` in a Worker's server code.
/// A Worker has no file system and no `import.meta.url`; what it can always fetch is a
/// `data:` URL, so the file's bytes ride in the code (Next's edge runtime answers such
/// URLs from its function's files instead).
const DATA_URL_QUERY: &str = "?vnext-data-url";

pub fn with_data_url_query(file: &Path) -> PathBuf {
    let mut path = file.as_os_str().to_owned();
    path.push(DATA_URL_QUERY);
    PathBuf::from(path)
}

/// The file a path made by [`with_data_url_query`] names.
pub fn strip_data_url_query(path: &str) -> Option<&str> {
    path.strip_suffix(DATA_URL_QUERY)
}

/// `data:<type>;base64,<bytes>` of `file`.
pub fn data_url(file: &Path) -> io::Result<String> {
    let bytes = fs::read(file)?;
    let extension = file
        .extension()
        .unwrap_or_default()
        .to_string_lossy()
        .to_ascii_lowercase();
    let media_type = match extension.as_str() {
        "png" | "gif" | "webp" | "avif" | "bmp" => format!("image/{extension}"),
        "jpg" | "jpeg" => "image/jpeg".to_string(),
        "svg" => "image/svg+xml".to_string(),
        "ico" => "image/x-icon".to_string(),
        "woff" | "woff2" | "ttf" | "otf" => format!("font/{extension}"),
        _ => "application/octet-stream".to_string(),
    };
    Ok(format!(
        "data:{media_type};base64,{}",
        STANDARD.encode(bytes)
    ))
}
