//! A chunk's source map: each module's mappings, shifted to the line its code starts
//! on in the chunk, encoded as the source map format's Base64 VLQ.

use vnext_diagnostics::Mapping;

/// Builds one source map (version 3) from modules added in the order they appear.
#[derive(Debug, Default)]
pub struct SourceMapWriter {
    sources: Vec<String>,
    contents: Vec<String>,
    mappings: String,
    /// The line the encoding has reached, and the previous segment's fields, which
    /// the format stores as differences.
    line: u32,
    column: u32,
    source: u32,
    original_line: u32,
    original_column: u32,
    /// Whether the current line has a segment yet.
    line_started: bool,
}

impl SourceMapWriter {
    /// Adds `mappings` of the module `source` (with its text `content`) whose code
    /// starts at line `first_line` of the chunk and takes `line_count` lines. Modules
    /// must come in chunk order.
    pub fn add_module(
        &mut self,
        first_line: u32,
        line_count: u32,
        source: &str,
        content: &str,
        mappings: &[Mapping],
    ) {
        if mappings.is_empty() {
            return;
        }
        let source_index = self.sources.len() as u32;
        self.sources.push(format!("vnext:///{source}"));
        self.contents.push(content.to_string());
        for mapping in mappings {
            let line = first_line + mapping.generated_line;
            if line < self.line {
                continue;
            }
            self.start_segment(line);
            write_vlq(
                &mut self.mappings,
                i64::from(mapping.generated_column) - i64::from(self.column),
            );
            write_vlq(
                &mut self.mappings,
                i64::from(source_index) - i64::from(self.source),
            );
            write_vlq(
                &mut self.mappings,
                i64::from(mapping.original_line) - i64::from(self.original_line),
            );
            write_vlq(
                &mut self.mappings,
                i64::from(mapping.original_column) - i64::from(self.original_column),
            );
            self.column = mapping.generated_column;
            self.source = source_index;
            self.original_line = mapping.original_line;
            self.original_column = mapping.original_column;
        }
        // What follows is the chunk's own code: a segment with no source ends the
        // module's last mapping there, or tools stretch it over the rest of the file.
        self.start_segment(first_line + line_count);
        write_vlq(&mut self.mappings, -i64::from(self.column));
        self.column = 0;
    }

    /// Moves to `line` and separates a new segment from the line's last one.
    fn start_segment(&mut self, line: u32) {
        while self.line < line {
            self.mappings.push(';');
            self.line += 1;
            self.column = 0;
            self.line_started = false;
        }
        if self.line_started {
            self.mappings.push(',');
        }
        self.line_started = true;
    }

    /// The map as JSON, for the output file named `file`.
    pub fn finish(self, file: &str) -> String {
        serde_json::json!({
            "version": 3,
            "file": file,
            "sources": self.sources,
            "sourcesContent": self.contents,
            "names": [],
            "mappings": self.mappings,
        })
        .to_string()
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 VLQ: the sign in the lowest bit, then five bits per digit, low digits first,
/// with a continuation bit.
fn write_vlq(out: &mut String, value: i64) {
    let mut rest = if value < 0 {
        ((-value) << 1) | 1
    } else {
        value << 1
    } as u64;
    loop {
        let mut digit = (rest & 0b11111) as usize;
        rest >>= 5;
        if rest > 0 {
            digit |= 0b100000;
        }
        out.push(BASE64[digit] as char);
        if rest == 0 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vlq(value: i64) -> String {
        let mut out = String::new();
        write_vlq(&mut out, value);
        out
    }

    #[test]
    fn vlq_matches_the_format() {
        assert_eq!(vlq(0), "A");
        assert_eq!(vlq(1), "C");
        assert_eq!(vlq(-1), "D");
        assert_eq!(vlq(15), "e");
        assert_eq!(vlq(16), "gB");
        assert_eq!(vlq(-17), "jB");
        assert_eq!(vlq(1000), "w+B");
    }

    #[test]
    fn modules_are_shifted_and_fields_are_differences() {
        let at = |generated_line, generated_column, original_line, original_column| Mapping {
            generated_line,
            generated_column,
            original_line,
            original_column,
        };
        let mut writer = SourceMapWriter::default();
        writer.add_module(1, 1, "a.ts", "a", &[at(0, 0, 0, 0), at(0, 4, 0, 6)]);
        writer.add_module(3, 1, "b.ts", "b", &[at(0, 2, 5, 1)]);
        let map: serde_json::Value = serde_json::from_str(&writer.finish("out.js")).unwrap();
        assert_eq!(
            map["sources"],
            serde_json::json!(["vnext:///a.ts", "vnext:///b.ts"])
        );
        // Line 0 empty; line 1: a.ts 0:0 and 0:6; line 2: no source; line 3: b.ts 5:1;
        // line 4: no source.
        assert_eq!(map["mappings"], ";AAAA,IAAM;A;ECKL;A");
    }
}
