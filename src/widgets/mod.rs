//! Widgets: one event pass per widget over pulldown-cmark's stream, chained by `markdown::render`.
//! Passes exchange `Piece`s: Markdown events with their byte range in the page body, plus the
//! checklists and problems they find, which the collector at the end of the chain keeps.

pub mod block;
pub mod callout;
pub mod checklist;
mod checklist_block;
mod checklist_fieldset;
pub mod dos_and_donts;
pub mod help_services;
pub mod html_ids;
pub mod ids;
pub mod pull_quote;
pub mod safety_callout;
pub mod task_list;
pub mod timeline;
pub mod words;

pub use block::{
    fence_lang, item_lines, located_markdown, markdown_pieces, parse_block, read_block, unclosed_fence, Block, Fenced,
    Text,
};
pub use ids::{escape, fnv1a32, item_id, slug, valid_id};
pub use words::Words;

use crate::diagnostic::Diagnostic;
use crate::markdown::Checklist;
use pulldown_cmark::{CowStr, Event};
use std::cell::RefCell;
use std::ops::Range;

/// What flows between passes.
#[derive(Debug)]
pub enum Piece<'a> {
    /// A Markdown event and the byte range of the body it comes from.
    Event(Event<'a>, Range<usize>),
    /// Boxed, like `Problem`: rare, and every event moves through each pass at the enum's size.
    Checklist(Box<Checklist>),
    Problem(Box<Diagnostic>),
}

impl<'a> Piece<'a> {
    pub fn problem(diagnostic: Diagnostic) -> Piece<'a> {
        Piece::Problem(Box::new(diagnostic))
    }

    /// Markup a widget writes: a `&'static str` is borrowed, not copied.
    pub fn html(html: impl Into<CowStr<'a>>, at: usize) -> Piece<'a> {
        Piece::Event(Event::Html(html.into()), at..at)
    }

    pub fn text(text: impl Into<CowStr<'a>>, at: usize) -> Piece<'a> {
        Piece::Event(Event::Text(text.into()), at..at)
    }
}

/// The page body as passes see it: its text, where its lines start, how it is named.
pub struct Body<'a> {
    pub path: &'a str,
    pub text: &'a str,
    /// File line of the body's first line.
    pub first_line: usize,
    /// The page's slug, the prefix of derived checklist ids.
    pub slug: String,
    /// Every id the page's content has taken so far, shared by the passes that write ids.
    pub ids: RefCell<html_ids::HtmlIds>,
    /// The fixed words widgets write, in the page's language.
    pub words: &'a Words,
    /// How many folders down from its language's content folder the page is (`articles/a.md`
    /// is 1, also under `content/fr/`), for links widgets write to the handbook's own pages.
    pub depth: usize,
    line_starts: Vec<usize>,
}

impl<'a> Body<'a> {
    pub fn new(path: &'a str, text: &'a str, first_line: usize, slug: String, words: &'a Words) -> Body<'a> {
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Body {
            path,
            text,
            first_line,
            slug,
            ids: RefCell::default(),
            words,
            depth: path
                .strip_prefix(crate::CONTENT_PREFIX)
                .unwrap_or(path)
                .matches('/')
                .count(),
            line_starts,
        }
    }

    /// File line and 1-based column (in characters) of a byte offset of the body.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[index];
        let col = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (self.first_line + index, col)
    }

    /// Byte offset of the start of a file line, clamped to the body.
    pub fn line_offset(&self, line: usize) -> usize {
        let index = line.saturating_sub(self.first_line).min(self.line_starts.len() - 1);
        self.line_starts[index]
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.position(offset);
        Diagnostic::error(self.path, line, col, message)
    }

    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.position(offset);
        Diagnostic::warning(self.path, line, col, message)
    }
}

/// Plain text of events: text and code kept, breaks as spaces, markup dropped.
pub fn plain_text<'p, 'a: 'p>(pieces: impl IntoIterator<Item = &'p Piece<'a>>) -> String {
    let mut text = String::new();
    for piece in pieces {
        match piece {
            Piece::Event(Event::Text(t) | Event::Code(t), _) => text.push_str(t),
            Piece::Event(Event::SoftBreak | Event::HardBreak, _) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Renders `body` as the page `articles/a.md` (body on file line 3) for the widgets' tests.
#[cfg(test)]
pub fn render_test_page(body: &str) -> (crate::markdown::Rendered, Vec<Diagnostic>) {
    render_test_page_in(body, &Words::english())
}

/// `render_test_page` with the words of another language.
#[cfg(test)]
pub fn render_test_page_in(body: &str, words: &Words) -> (crate::markdown::Rendered, Vec<Diagnostic>) {
    let targets: crate::markdown::LinkTargets = [("articles/a.md", "articles/a.html"), ("faq/b.md", "faq/b.html")]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let input = crate::markdown::Input {
        display_path: "content/articles/a.md",
        rel_path: "articles/a.md",
        body,
        first_line: 3,
        root: "../",
        targets: &targets,
        files: &crate::files::ContentFiles::default(),
        words,
    };
    crate::markdown::render(&input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_file_lines_and_char_columns() {
        let body = Body::new("a.md", "ab\nçd [x]\n", 5, "a".into(), Words::english_static());
        assert_eq!(body.position(0), (5, 1));
        assert_eq!(body.position(3), (6, 1));
        assert_eq!(body.position(body.text.find('[').unwrap()), (6, 4));
        assert_eq!(body.line_offset(6), 3);
    }
}
