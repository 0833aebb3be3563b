//! Widgets: one event pass per widget over pulldown-cmark's stream, chained by `markdown::render`.
//! Passes exchange `Piece`s: Markdown events with their byte range in the page body, plus the
//! checklists and problems they find, which the collector at the end of the chain keeps.

pub mod callout;
pub mod checklist;
pub mod dos_and_donts;
pub mod pull_quote;
pub mod task_list;
pub mod timeline;

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::frontmatter;
use crate::markdown::{self, Checklist};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};
use serde::de::{Deserializer, Visitor};
use serde::Deserialize;
use std::collections::VecDeque;
use std::ops::Range;

/// What flows between passes.
#[derive(Debug)]
pub enum Piece<'a> {
    /// A Markdown event and the byte range of the body it comes from.
    Event(Event<'a>, Range<usize>),
    Checklist(Checklist),
    Problem(Diagnostic),
}

impl<'a> Piece<'a> {
    pub fn html(html: impl Into<String>, at: usize) -> Piece<'a> {
        Piece::Event(Event::Html(CowStr::from(html.into())), at..at)
    }

    pub fn text(text: impl Into<String>, at: usize) -> Piece<'a> {
        Piece::Event(Event::Text(CowStr::from(text.into())), at..at)
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
    line_starts: Vec<usize>,
}

impl<'a> Body<'a> {
    pub fn new(path: &'a str, text: &'a str, first_line: usize, slug: String) -> Body<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Body {
            path,
            text,
            first_line,
            slug,
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
}

/// A fenced widget block as its renderer receives it.
pub struct Block {
    /// The YAML between the fences.
    pub yaml: String,
    /// File line of the YAML's first line.
    pub yaml_line: usize,
    /// Byte range of the whole block (fences included) in the body.
    pub range: Range<usize>,
}

/// The language of a fenced code block: the first word of its info string.
pub fn fence_lang<'e>(event: &'e Event) -> Option<&'e str> {
    match event {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => info.split_whitespace().next(),
        _ => None,
    }
}

/// Deserialises a block's YAML; errors name lines of the `.md` file. serde_yaml prefixes errors
/// inside lists with a path (`.[0]: unknown field …`), which `frontmatter` does not turn into a
/// did-you-mean; that is done here.
#[allow(clippy::result_large_err)] // the same shape as `frontmatter::parse`, which it wraps
pub fn parse_block<T: serde::de::DeserializeOwned>(block: &Block, body: &Body) -> Result<T, Diagnostic> {
    frontmatter::parse(&block.yaml, block.yaml_line, body.path).map_err(|mut d| {
        let message = d.message.clone();
        if let Some((_, rest)) = message.split_once("unknown field \"") {
            let (key, rest) = rest.split_once('"').unwrap_or((rest, ""));
            let expected: Vec<&str> = rest.split('"').skip(1).step_by(2).collect();
            d.hint = Some(match did_you_mean(key, &expected) {
                Some(near) => format!("did you mean \"{near}\"?"),
                None => format!("expected one of: {}", expected.join(", ")),
            });
            d.message = format!("unknown YAML key \"{key}\"");
            d = d.span(key.chars().count());
        }
        d
    })
}

/// Reads a code block's text up to its end; `start` is the range of its `Start` event.
pub fn read_block<'a>(inner: &mut impl Iterator<Item = Piece<'a>>, start: Range<usize>, body: &Body) -> Block {
    let mut yaml = String::new();
    let mut end = start.end;
    for piece in inner.by_ref() {
        match piece {
            Piece::Event(Event::Text(t), _) => yaml.push_str(&t),
            Piece::Event(Event::End(TagEnd::CodeBlock), r) => {
                end = end.max(r.end);
                break;
            }
            _ => {}
        }
    }
    Block {
        yaml,
        yaml_line: body.position(start.start).0 + 1,
        range: start.start..end,
    }
}

/// A pass that replaces every fenced block of one language by what `render` makes of it.
pub struct Fenced<'b, 'a, I> {
    inner: I,
    lang: &'static str,
    render: fn(&Block, &Body) -> Vec<Piece<'static>>,
    body: &'b Body<'a>,
    queue: VecDeque<Piece<'a>>,
}

impl<'b, 'a, I> Fenced<'b, 'a, I> {
    pub fn new(
        inner: I,
        lang: &'static str,
        render: fn(&Block, &Body) -> Vec<Piece<'static>>,
        body: &'b Body<'a>,
    ) -> Self {
        Fenced {
            inner,
            lang,
            render,
            body,
            queue: VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for Fenced<'_, 'a, I> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(piece) = self.queue.pop_front() {
            return Some(piece);
        }
        match self.inner.next()? {
            Piece::Event(e, r) if fence_lang(&e) == Some(self.lang) => {
                let block = read_block(&mut self.inner, r, self.body);
                self.queue.extend((self.render)(&block, self.body));
                self.queue.pop_front()
            }
            other => Some(other),
        }
    }
}

/// Renders a string of a widget's YAML as Markdown. `inline` drops the paragraph around it (for
/// labels and titles). Events are placed at `at` in the body, plus their offset if `exact`
/// (the string appears verbatim there), so links inside report a useful position.
pub fn markdown_pieces(text: &str, at: usize, exact: bool, inline: bool) -> Vec<Piece<'static>> {
    let parser = Parser::new_ext(text, markdown::options()).into_offset_iter();
    let mut pieces = Vec::new();
    let mut paragraphs = 0;
    for (event, r) in parser {
        let range = if exact { at + r.start..at + r.end } else { at..at };
        match event {
            Event::Start(Tag::Paragraph) if inline => {
                paragraphs += 1;
                if paragraphs > 1 {
                    pieces.push(Piece::html("<br>", at));
                }
            }
            Event::End(TagEnd::Paragraph) if inline => {}
            e => pieces.push(Piece::Event(e.into_static(), range)),
        }
    }
    pieces
}

/// Where the YAML string `text` sits in the body: searched for from the start of file line
/// `line`, else the start of that line. The flag says whether it was found verbatim.
pub fn locate(body: &Body, block: &Block, line: usize, text: &str) -> (usize, bool) {
    let from = body.line_offset(line).clamp(block.range.start, block.range.end);
    let hay = &body.text[from..block.range.end.min(body.text.len())];
    match hay.find(text) {
        Some(i) if !text.is_empty() => (from + i, true),
        _ => (from, false),
    }
}

/// Markdown of a YAML string, located in the body (see `locate`).
pub fn located_markdown(body: &Body, block: &Block, line: usize, text: &str, inline: bool) -> Vec<Piece<'static>> {
    let (at, exact) = locate(body, block, line, text);
    markdown_pieces(text, at, exact, inline)
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

/// File lines (relative to the YAML's first line) of the items of a YAML list: the top-level
/// list if `key` is `None`, else the list under `key:`.
pub fn item_lines(yaml: &str, key: Option<&str>) -> Vec<usize> {
    let mut inside = key.is_none();
    let mut indent = None;
    let mut lines = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        let depth = line.len() - trimmed.len();
        if let Some(k) = key {
            if depth == 0 && !trimmed.starts_with('-') && !trimmed.is_empty() {
                inside = trimmed.strip_prefix(k).is_some_and(|r| r.trim_start().starts_with(':'));
                continue;
            }
        }
        if inside && (trimmed.starts_with("- ") || trimmed == "-") && indent.is_none_or(|d| d == depth) {
            indent = Some(depth);
            lines.push(i);
        }
    }
    lines
}

/// A YAML scalar read as text whatever its type, so `when: 2024` needs no quotes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct Scalar;
        impl Visitor<'_> for Scalar {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(Scalar)
    }
}

/// GitHub's heading slug: lower-case, letters, digits, `-` and `_` kept, spaces to `-`, the
/// rest dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// `text` escaped for HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether an explicit id is safe in HTML ids and storage keys.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// FNV-1a, 32 bits: the stable hash behind derived checklist item ids.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The id of a checklist item without an explicit one: `i` + FNV-1a of its normalised text.
pub fn item_id(text: &str) -> String {
    let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    format!("i{:08x}", fnv1a32(normalised.as_bytes()))
}

/// Renders `body` as the page `articles/a.md` (body on file line 3) for the widgets' tests.
#[cfg(test)]
pub fn render_test_page(body: &str) -> (markdown::Rendered, Vec<Diagnostic>) {
    let targets: markdown::LinkTargets = [("articles/a.md", "articles/a.html"), ("faq/b.md", "faq/b.html")]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let input = markdown::Input {
        display_path: "content/articles/a.md",
        rel_path: "articles/a.md",
        body,
        first_line: 3,
        root: "../",
        targets: &targets,
    };
    markdown::render(&input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_file_lines_and_char_columns() {
        let body = Body::new("a.md", "ab\nçd [x]\n", 5, "a".into());
        assert_eq!(body.position(0), (5, 1));
        assert_eq!(body.position(3), (6, 1));
        assert_eq!(body.position(body.text.find('[').unwrap()), (6, 4));
        assert_eq!(body.line_offset(6), 3);
    }

    #[test]
    fn item_ids_hash_normalised_text() {
        assert_eq!(fnv1a32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(item_id("  Call   a Friend "), item_id("call a friend"));
        assert_eq!(item_id("call a friend"), format!("i{:08x}", fnv1a32(b"call a friend")));
    }

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("Before you reach out?"), "before-you-reach-out");
        assert_eq!(slug("Don’t panic — yet"), "dont-panic--yet");
        assert_eq!(slug("Étape 2_b"), "étape-2_b");
    }

    #[test]
    fn finds_list_item_lines() {
        let yaml = "title: T\nitems:\n  - a\n  - id: b\n    text: B\ndone: x\n";
        assert_eq!(item_lines(yaml, Some("items")), vec![2, 3]);
        assert_eq!(item_lines("- when: 1\n  title: x\n- when: 2\n", None), vec![0, 2]);
    }
}
