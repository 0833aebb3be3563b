//! `Diagnostic`: a problem found in the input, with where it is and how to fix it, and its rendering.

mod display;

pub use display::{render_capped, MAX_PER_FILE};

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
    /// The text of `line` around the column (cut to a window, with `…` where it was cut),
    /// filled in from the source before rendering.
    pub source_line: Option<String>,
    /// The 1-based column in `source_line` the caret goes under.
    #[serde(skip)]
    pub source_col: usize,
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
            source_col: 0,
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

    /// Fills `source_line` from the file's text, if the diagnostic points at a line. Scans the
    /// text up to that line; for many diagnostics on one file, `SourceLines` scans it once.
    pub fn attach_source(&mut self, text: &str) {
        if self.line > 0 && self.source_line.is_none() {
            if let Some(line) = text.split('\n').nth(self.line - 1) {
                self.attach_line(line);
            }
        }
    }

    /// Keeps the part of `line` (the text of line `self.line`) around the column: at most
    /// `display::WINDOW` characters, so a diagnostic on a huge line stays small.
    pub fn attach_line(&mut self, line: &str) {
        let line = line.trim_end_matches('\r');
        let (window, col) = display::window(line, self.col);
        self.source_line = Some(window);
        self.source_col = col;
    }

    /// Renders the diagnostic as `path:line:col: error: message`, then the source line with a
    /// caret under the problem and the hint beside it, as rustc does. Control characters in any
    /// of it are shown escaped, so a file name cannot forge lines of the report.
    pub fn render(&self) -> String {
        display::render(self)
    }
}

/// The start of every line of a file, found once, so attaching lines to many diagnostics about
/// one file costs one pass over it.
pub struct SourceLines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The character offsets of the last long line windowed: diagnostics come sorted, so many
    /// on one long line find them here rather than each scanning the line.
    long_line: std::cell::RefCell<(usize, Vec<usize>)>,
}

impl<'a> SourceLines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        SourceLines {
            text,
            starts,
            long_line: Default::default(),
        }
    }

    /// The text of 1-based line `n`, without its line feed.
    pub fn line(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(self.text.len(), |next| next - 1);
        self.text.get(start..end)
    }

    /// Attaches its line to `d`, if it points at one of this file's lines.
    pub fn attach(&self, d: &mut Diagnostic) {
        let Some(line) = self.line(d.line).filter(|_| d.source_line.is_none()) else {
            return;
        };
        let line = line.trim_end_matches('\r');
        if line.len() <= display::WINDOW {
            return d.attach_line(line);
        }
        let mut long = self.long_line.borrow_mut();
        if long.0 != d.line || long.1.is_empty() {
            *long = (d.line, display::char_starts(line));
        }
        let (window, col) = display::window_in(line, &long.1, d.col);
        d.source_line = Some(window);
        d.source_col = col;
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
