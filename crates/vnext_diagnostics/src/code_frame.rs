//! Babel-style code frames: a few lines around a location, the line numbered and
//! marked, and a caret under the column.

const CONTEXT_LINES: usize = 2;

/// `line` and `column` are 1-based; `column` counts characters.
pub fn render(source: &str, line: usize, column: usize) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let first = line.saturating_sub(CONTEXT_LINES).max(1);
    let last = (line + CONTEXT_LINES).min(lines.len().max(1));
    let gutter_width = last.to_string().len();

    let mut out = Vec::new();
    for number in first..=last {
        let text = lines.get(number - 1).copied().unwrap_or("");
        let marker = if number == line { '>' } else { ' ' };
        out.push(
            format!("{marker} {number:>gutter_width$} | {text}")
                .trim_end()
                .to_string(),
        );
        if number == line {
            let indent: String = text
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push(format!("  {:gutter_width$} | {indent}^", ""));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn marks_the_line_and_column() {
        let source = "a\nb\nlet x = ;\nc\nd\ne";
        assert_eq!(
            render(source, 3, 9),
            "  1 | a\n  2 | b\n> 3 | let x = ;\n    |         ^\n  4 | c\n  5 | d"
        );
    }

    #[test]
    fn clamps_at_the_start_and_end_of_the_file() {
        assert_eq!(render("oops", 1, 1), "> 1 | oops\n    | ^");
    }
}
