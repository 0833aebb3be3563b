//! How diagnostics read in a terminal or a CI log: rustc's layout, a window of the source line
//! around the column, untrusted text escaped, and at most `MAX_PER_FILE` shown per file.

use super::{Diagnostic, Severity};
use std::borrow::Cow;
use std::fmt::Write as _;

/// The most characters of a source line shown, `…` marks aside.
pub const WINDOW: usize = 120;
/// The most diagnostics shown for one file; the rest are counted in one line.
pub const MAX_PER_FILE: usize = 50;
/// The most characters of a message or hint shown: they quote the editor's text, which may be
/// huge.
const MAX_MESSAGE: usize = 500;

/// The part of `line` around 1-based column `col` (at most `WINDOW` characters, with `…` where
/// it was cut), and the column in that part.
pub fn window(line: &str, col: usize) -> (String, usize) {
    if line.len() <= WINDOW {
        return (line.to_string(), col.max(1));
    }
    window_in(line, &char_starts(line), col)
}

/// The byte offset of every character of `line`, then its length.
pub fn char_starts(line: &str) -> Vec<usize> {
    line.char_indices().map(|(i, _)| i).chain([line.len()]).collect()
}

/// `window`, given `char_starts(line)`, so many windows of one line cost one pass over it.
pub fn window_in(line: &str, starts: &[usize], col: usize) -> (String, usize) {
    let chars = starts.len() - 1;
    if chars <= WINDOW {
        return (line.to_string(), col.max(1));
    }
    let caret = col.saturating_sub(1).min(chars);
    let end = (caret.saturating_sub(WINDOW / 3) + WINDOW).min(chars);
    let start = end - WINDOW;
    let mut out = String::with_capacity(starts[end] - starts[start] + 6);
    if start > 0 {
        out.push('…');
    }
    out.push_str(&line[starts[start]..starts[end]]);
    if end < chars {
        out.push('…');
    }
    (out, caret - start + 1 + usize::from(start > 0))
}

/// `text` with every character that could forge or garble a line of the report escaped:
/// control characters (line breaks and terminal escapes included), line and paragraph
/// separators, and the marks that reorder text. Tabs are kept when `keep_tabs`.
pub fn escape(text: &str, keep_tabs: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_escape(c, keep_tabs)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c, keep_tabs);
    }
    Cow::Owned(out)
}

fn needs_escape(c: char, keep_tabs: bool) -> bool {
    (c.is_control() && !(keep_tabs && c == '\t'))
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char, keep_tabs: bool) {
    if !needs_escape(c, keep_tabs) {
        out.push(c);
        return;
    }
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// A message or hint: escaped, and cut after `MAX_MESSAGE` characters.
fn shown_text(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_MESSAGE) {
        Some((cut, _)) => Cow::Owned(format!("{}…", escape(&text[..cut], false))),
        None => escape(text, false),
    }
}

pub fn render(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let (path, message) = (escape(&d.path, false), shown_text(&d.message));
    let mut out = String::new();
    if d.line == 0 {
        let _ = writeln!(out, "{path}: {severity}: {message}");
    } else {
        let _ = writeln!(out, "{path}:{}:{}: {severity}: {message}", d.line, d.col);
    }
    let hint = d.hint.as_deref().map(shown_text);
    match (&d.source_line, d.line) {
        (Some(src), line) if line > 0 => {
            let col = if d.source_col > 0 { d.source_col } else { d.col };
            let (shown, caret_pad, room) = source_and_caret(src, col);
            let pad = " ".repeat(line.to_string().len());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{line} | {shown}");
            let hint = hint.map(|h| format!(" {h}")).unwrap_or_default();
            let carets = "^".repeat(d.len.min(room).max(1));
            let _ = writeln!(out, "{pad} | {caret_pad}{carets}{hint}");
        }
        _ => {
            if let Some(hint) = hint {
                let _ = writeln!(out, "  = help: {hint}");
            }
        }
    }
    out
}

/// The source line escaped, the padding that puts a caret under column `col` of it, and how
/// many characters remain from there (so an underline never runs past the line).
fn source_and_caret(src: &str, col: usize) -> (String, String, usize) {
    let mut shown = String::with_capacity(src.len());
    let mut pad = String::new();
    let mut room = 0;
    for (i, c) in src.chars().enumerate() {
        let before = shown.len();
        push_escaped(&mut shown, c, true);
        if i + 1 < col {
            let width = shown[before..].chars().count();
            pad.extend(std::iter::repeat_n(if c == '\t' { '\t' } else { ' ' }, width));
        } else {
            room += 1;
        }
    }
    (shown, pad, room.max(1))
}

/// Every diagnostic rendered, but at most `MAX_PER_FILE` for each file (as they come: sort
/// first); the rest of a file's are counted in one line after its last one shown.
pub fn render_capped(problems: &[Diagnostic]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = problems;
    while let Some(first) = rest.first() {
        let run = rest.iter().take_while(|d| d.path == first.path).count();
        out.extend(rest[..run.min(MAX_PER_FILE)].iter().map(render));
        if run > MAX_PER_FILE {
            let hidden = &rest[MAX_PER_FILE..run];
            let errors = hidden.iter().filter(|d| d.is_error()).count();
            out.push(format!(
                "{}: and {} more in this file ({errors} error{}, {} warning{}); fix the ones above and run again to see them\n",
                escape(&first.path, false),
                hidden.len(),
                plural(errors),
                hidden.len() - errors,
                plural(hidden.len() - errors),
            ));
        }
        rest = &rest[run..];
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_shows_a_window_with_the_caret_on_the_column() {
        let line = format!("{}BAD{}", "é".repeat(5000), "x".repeat(5000));
        let mut d = Diagnostic::error("a.md", 1, 5001, "here").span(3);
        d.attach_line(&line);
        let text = d.render();
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines[2].strip_prefix("1 | ").unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.chars().count(), WINDOW + 2);
        let caret = lines[3].strip_prefix("  | ").unwrap();
        let at = caret.find('^').unwrap();
        let under: String = shown.chars().skip(at).take(3).collect();
        assert_eq!(under, "BAD", "{text}");
        assert_eq!(caret.trim(), "^^^");
    }

    #[test]
    fn windows_at_either_end_are_full_and_marked_on_one_side() {
        let line = "abcdefghij".repeat(30);
        let (start, col) = window(&line, 3);
        assert_eq!((start.chars().count(), col), (WINDOW + 1, 3));
        assert!(start.ends_with('…') && !start.starts_with('…'));
        let (end, col) = window(&line, 300);
        assert_eq!((end.chars().count(), col), (WINDOW + 1, WINDOW + 1));
        assert!(end.starts_with('…') && end.ends_with('j'));
        assert_eq!(window("short", 9), ("short".to_string(), 9));
    }

    #[test]
    fn control_characters_in_paths_and_lines_are_escaped() {
        let mut d = Diagnostic::error("content/a\n::error file=x.md::forged\u{1b}[2J.md", 1, 3, "bad\r\nthing");
        d.attach_line("a\u{1b}b\u{202e}c");
        let text = d.render();
        assert_eq!(
            text,
            "content/a\\n::error file=x.md::forged\\u{1b}[2J.md:1:3: error: bad\\r\\nthing\n  |\n1 | a\\u{1b}b\\u{202e}c\n  |        ^\n"
        );
        assert_eq!(text.lines().count(), 4);
    }

    #[test]
    fn at_most_fifty_per_file_then_a_count() {
        let mut all: Vec<Diagnostic> = (1..=120).map(|i| Diagnostic::error("a.md", i, 1, "x")).collect();
        all.push(Diagnostic::warning("a.md", 200, 1, "w"));
        all.push(Diagnostic::error("b.md", 1, 1, "y"));
        let shown = render_capped(&all);
        assert_eq!(shown.len(), MAX_PER_FILE + 2);
        assert_eq!(
            shown[MAX_PER_FILE],
            "a.md: and 71 more in this file (70 errors, 1 warning); fix the ones above and run again to see them\n"
        );
        assert!(shown[MAX_PER_FILE + 1].starts_with("b.md:1:1: error: y"));
    }
}
