//! Minified output shortens the export names of modules read only by name, and keeps
//! those of modules read whole. The corpus case `export-names-kept-where-read-as-a-whole`
//! shows that the bundle still runs; this shows which names went.

mod common;

use std::path::Path;

use vnext_bundler::{Bundler, Entry, Layer};

#[test]
fn only_names_read_by_name_alone_are_shortened() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/export-names-kept-where-read-as-a-whole");
    let bundler = Bundler::new(common::node_options(root, true));
    let output = bundler.bundle(&[Entry {
        path: "entry.js".into(),
        layer: Layer::Default,
    }]);
    assert!(!output.has_errors(), "{:?}", output.diagnostics);
    let code = &output.files[0].code;
    let appears = |name: &str| {
        code.match_indices(name).any(|(at, _)| {
            let is_word =
                |byte: Option<&u8>| byte.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
            !is_word(code.as_bytes().get(at.wrapping_sub(1)))
                && !is_word(code.as_bytes().get(at + name.len()))
        })
    };
    let shortened = [
        "shape",
        "increment",
        "fromTwoSpecifiers",
        "keysOfTwice",
        "requiredKeys",
    ];
    let kept = ["other", "second", "spare", "hub", "later"];
    assert_eq!(shortened.map(appears), [false; 5], "{code}");
    assert_eq!(kept.map(appears), [true; 5], "{code}");
    // An `export *` target's names are shortened and written out once for the copy.
    assert!(code.contains(r#"["fromStar","unused"]"#), "{code}");
}
