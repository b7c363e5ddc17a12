//! A `Bundler` kept between builds redoes only what changed: an unchanged module whose
//! imports resolve as before is reused; a changed file, or an import that now resolves
//! elsewhere, is loaded again.

mod common;

use std::fs;
use std::path::Path;

use vnext_bundler::{Bundler, Entry, Layer};

fn write(dir: &Path, file: &str, text: &str) {
    fs::write(dir.join(file), text).unwrap();
}

#[test]
fn rebuilds_reuse_what_did_not_change() {
    let dir = std::env::temp_dir().join(format!("vnext-warm-rebuild-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    write(
        &dir,
        "entry.js",
        "import { a } from './a.js'\nimport { c } from './c'\nconsole.log(a, c)\n",
    );
    write(&dir, "a.js", "export const a = 'a1'\n");
    write(&dir, "c.js", "export const c = 'c from js'\n");

    let bundler = Bundler::new(common::node_options(dir.clone(), false));
    let entries = [Entry {
        path: "entry.js".into(),
        layer: Layer::Default,
    }];
    let build = || {
        let output = bundler.bundle(&entries);
        assert!(!output.has_errors(), "{:?}", output.diagnostics);
        (output.files[0].code.clone(), output.reused_modules)
    };

    let (first, reused) = build();
    assert_eq!(reused, 0);
    let (second, reused) = build();
    assert_eq!((second == first, reused), (true, 3));

    write(&dir, "a.js", "export const a = 'a2'\n");
    let (third, reused) = build();
    assert!(third.contains("'a2'"));
    assert_eq!(reused, 2);

    // `./c` now finds c.ts first: the entry's text is the same, but it is loaded again.
    write(&dir, "c.ts", "export const c: string = 'c from ts'\n");
    let (fourth, reused) = build();
    assert!(fourth.contains("'c from ts'"));
    assert_eq!(reused, 1, "a.js is reused; entry.js and c.ts are loaded");

    fs::remove_dir_all(&dir).unwrap();
}
