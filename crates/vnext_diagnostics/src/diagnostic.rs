use std::fmt;

use serde::Serialize;

/// A problem found in a user's app. Errors are data: they cross into JS as
/// values and the CLI prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier, e.g. `conflicting-slug-names`, for tools and tests.
    pub code: &'static str,
    pub message: String,
    /// Every file involved, relative to the project directory.
    pub files: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Box<Location>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_frame: Option<String>,
    /// The chain of imports that reached the file, nearest first. (A boxed slice
    /// keeps `Diagnostic` small enough to return in a `Result`.)
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub import_trace: Box<[String]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, files: Vec<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            files,
            location: None,
            code_frame: None,
            import_trace: Box::default(),
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>, files: Vec<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message, files)
        }
    }

    /// Points the diagnostic at a place in a source file and attaches a code frame.
    pub fn at(mut self, source: &str, location: Location) -> Self {
        self.code_frame = Some(crate::code_frame::render(
            source,
            location.line,
            location.column,
        ));
        self.location = Some(Box::new(location));
        self
    }

    /// The same message about the same place, whatever the import trace.
    pub fn same_problem(&self, other: &Diagnostic) -> bool {
        self.code == other.code
            && self.message == other.message
            && self.files == other.files
            && self.location == other.location
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            writeln!(
                f,
                "./{}:{}:{}",
                location.file, location.line, location.column
            )?;
        }
        write!(f, "{}", self.message)?;
        if let Some(frame) = &self.code_frame {
            write!(f, "\n{frame}")?;
        }
        if !self.import_trace.is_empty() {
            write!(f, "\n\nImport trace:")?;
            for file in &self.import_trace {
                write!(f, "\n  ./{file}")?;
            }
        }
        Ok(())
    }
}
