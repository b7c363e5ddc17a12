/// A position in printed code and the position in the module's source it came from,
/// as source maps record them. Lines and columns start at 0; for JavaScript, columns
/// count UTF-16 units in the output and characters in the source; for CSS, bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mapping {
    pub generated_line: u32,
    pub generated_column: u32,
    pub original_line: u32,
    pub original_column: u32,
}
