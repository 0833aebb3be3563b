//! `Diagnostic`: a problem found in the input, with where it is and how to fix it, and its rendering.

use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem. `line` and `col` are 1-based; 0 means "the whole file".
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub col: usize,
    /// How many characters the caret underline spans (at least 1).
    pub len: usize,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
    /// The text of `line`, filled in from the source before rendering.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            col,
            len: 1,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(path: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn span(mut self, len: usize) -> Self {
        self.len = len.max(1);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Fills `source_line` from the file's text, if the diagnostic points at a line.
    pub fn attach_source(&mut self, text: &str) {
        if self.line > 0 && self.source_line.is_none() {
            self.source_line = text
                .lines()
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
    }

    /// Renders the diagnostic as `path:line:col: error: message`, then the source line with a
    /// caret under the problem and the hint beside it, as rustc does.
    pub fn render(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = String::new();
        if self.line == 0 {
            let _ = writeln!(out, "{}: {severity}: {}", self.path, self.message);
        } else {
            let _ = writeln!(
                out,
                "{}:{}:{}: {severity}: {}",
                self.path, self.line, self.col, self.message
            );
        }
        match (&self.source_line, self.line) {
            (Some(src), line) if line > 0 => {
                let width = line.to_string().len();
                let pad = " ".repeat(width);
                let caret_pad: String = src
                    .chars()
                    .take(self.col.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{line} | {src}");
                let hint = self.hint.as_deref().map(|h| format!(" {h}")).unwrap_or_default();
                let _ = writeln!(out, "{pad} | {caret_pad}{}{hint}", "^".repeat(self.len));
            }
            _ => {
                if let Some(hint) = &self.hint {
                    let _ = writeln!(out, "  = help: {hint}");
                }
            }
        }
        out
    }
}

/// Sorts diagnostics by file, then position, so reports read top to bottom and are stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message)));
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring letters each cost one, so "tgas" is one step from "tags".
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j - 1] + cost).min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc_with_caret_and_hint() {
        let mut d = Diagnostic::error("content/articles/a.md", 4, 1, "unknown front matter key \"tgas\"")
            .span(4)
            .hint("did you mean \"tags\"?");
        d.attach_source("---\ntitle: A\nsummary: B\ntgas: [space]\n---\n");
        assert_eq!(
            d.render(),
            "content/articles/a.md:4:1: error: unknown front matter key \"tgas\"\n  |\n4 | tgas: [space]\n  | ^^^^ did you mean \"tags\"?\n"
        );
    }

    #[test]
    fn suggests_only_near_misses() {
        assert_eq!(did_you_mean("tgas", &["title", "tags", "summary"]), Some("tags"));
        assert_eq!(did_you_mean("sumary", &["title", "tags", "summary"]), Some("summary"));
        assert_eq!(did_you_mean("colour", &["title", "tags", "summary"]), None);
    }
}
