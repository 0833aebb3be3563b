//! Fenced widget blocks: reading a block's YAML, deserialising it with lines of the `.md` file,
//! the pass that swaps a block for its widget, and Markdown inside YAML strings.

use super::{Body, Piece};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::frontmatter;
use crate::markdown;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};
use serde::de::{Deserializer, Visitor};
use serde::Deserialize;
use std::collections::VecDeque;
use std::ops::Range;

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

/// An error at a fenced block's opening line if no closing fence ends it: the parser then runs
/// the block to the end of the page (or of its list item or quote), or to the closing fence of
/// the next block, whose opening line (a fence with a language) it swallows. `what` names the block.
pub fn unclosed_fence(body: &Body, range: &Range<usize>, what: &str) -> Option<Diagnostic> {
    let source = body.text.get(range.clone())?.trim_end_matches(['\n', '\r']);
    let (first, rest) = source.split_once('\n').unwrap_or((source, ""));
    let first = first.trim_start_matches([' ', '\t', '>']);
    let mark = first.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let fence = &first[..first.find(|c| c != mark).unwrap_or(first.len())];
    let last = rest
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim_start_matches([' ', '\t', '>'])
        .trim_end();
    let closed = !rest.is_empty() && last.len() >= fence.len() && last.chars().all(|c| c == mark);
    // A line like ```timeline inside means the next block's closing fence closed this one.
    let stolen = rest.lines().any(|l| {
        let l = l.trim_start_matches([' ', '\t', '>']);
        l.strip_prefix(fence)
            .is_some_and(|info| info.starts_with(|c: char| c.is_alphabetic()))
    });
    if closed && !stolen {
        return None;
    }
    let start = range.start + body.text[range.start..].find(mark).unwrap_or(0);
    let d = body.error(start, format!("this {what}'s fence {fence} is never closed"));
    Some(d.span(first.trim_end().chars().count()).hint(format!(
        "end it with a line of {fence} below its last line: without one, the rest of the page becomes part of it"
    )))
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

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(piece) = self.queue.pop_front() {
            return Some(piece);
        }
        // Most pieces pass straight through, handed on as received.
        let piece = self.inner.next();
        let start = match &piece {
            Some(Piece::Event(e, r)) if fence_lang(e) == Some(self.lang) => r.clone(),
            _ => return piece,
        };
        let block = read_block(&mut self.inner, start, self.body);
        match unclosed_fence(self.body, &block.range, &format!("```{} block", self.lang)) {
            // Its YAML would be the rest of the page: only the real mistake is reported.
            Some(d) => self.queue.push_back(Piece::problem(d)),
            None => self.queue.extend((self.render)(&block, self.body)),
        }
        self.queue.pop_front()
    }
}

/// Renders a string of a widget's YAML as Markdown. `inline` drops the paragraph around it (for
/// labels and titles). Events are placed at `at` in the body, plus their offset if `exact`
/// (the string appears verbatim there), so links inside report a useful position.
pub fn markdown_pieces(text: &str, at: usize, exact: bool, inline: bool) -> Vec<Piece<'static>> {
    if inline && is_plain(text) {
        let range = if exact { at..at + text.len() } else { at..at };
        return vec![Piece::Event(Event::Text(CowStr::from(text.to_string())), range)];
    }
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

/// Whether Markdown would render `text` as itself: no markup, entities, smart punctuation or
/// block syntax. Most widget strings are, and skip a parser.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && !bytes[0].is_ascii_digit()
        && !b"-+=>#".contains(&bytes[0])
        && !bytes.iter().any(|&b| MARKUP[usize::from(b)])
        && !text.contains("--")
        && !text.contains("...")
        && text.trim() == text
}

/// Bytes that may make Markdown of a string differ from the string, as a table: `is_plain`
/// looks up every byte of every widget string.
const MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let markup = b"*_[]`<>!&\\~'\"|\n\r\t$^";
    let mut i = 0;
    while i < markup.len() {
        table[markup[i] as usize] = true;
        i += 1;
    }
    table
};

/// Where the YAML string `text` sits in the body: searched for from the start of file line
/// `line`, else the start of that line. The flag says whether it was found verbatim.
pub fn locate(body: &Body, block: &Block, line: usize, text: &str) -> (usize, bool) {
    let from = body.line_offset(line).clamp(block.range.start, block.range.end);
    let hay = &body.text[from..block.range.end.min(body.text.len())];
    match find(hay, text) {
        Some(i) => (from + i, true),
        None => (from, false),
    }
}

/// `hay.find(needle)` for a non-empty needle, without building a two-way searcher per call:
/// the needle is usually found at the first candidate, a few bytes into its line.
fn find(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(i) = hay.get(from..)?.iter().position(|&b| b == first) {
        if hay[from + i..].starts_with(needle) {
            return Some(from + i);
        }
        from += i + 1;
    }
    None
}

/// Markdown of a YAML string, located in the body (see `locate`).
pub fn located_markdown(body: &Body, block: &Block, line: usize, text: &str, inline: bool) -> Vec<Piece<'static>> {
    let (at, exact) = locate(body, block, line, text);
    markdown_pieces(text, at, exact, inline)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strings_skip_the_parser_with_the_same_result() {
        let html = |pieces: Vec<Piece<'static>>| {
            let mut out = String::new();
            let events = pieces.into_iter().filter_map(|p| match p {
                Piece::Event(e, _) => Some(e),
                _ => None,
            });
            pulldown_cmark::html::push_html(&mut out, events);
            out
        };
        for text in [
            "I have rested",
            "Months 1–2 (roughly)",
            "Call them, or not.",
            "Ask: why?",
        ] {
            assert!(is_plain(text), "{text}");
            let mut parsed = String::new();
            pulldown_cmark::html::push_html(&mut parsed, Parser::new_ext(text, markdown::options()));
            assert_eq!(
                format!("<p>{}</p>\n", html(markdown_pieces(text, 0, true, true))),
                parsed
            );
        }
        for text in [
            "It's *fine*",
            "1. first",
            "a -- b",
            "x & y",
            "- item",
            "#tag",
            " indented",
        ] {
            assert!(!is_plain(text), "{text}");
        }
    }

    #[test]
    fn finds_list_item_lines() {
        let yaml = "title: T\nitems:\n  - a\n  - id: b\n    text: B\ndone: x\n";
        assert_eq!(item_lines(yaml, Some("items")), vec![2, 3]);
        assert_eq!(item_lines("- when: 1\n  title: x\n- when: 2\n", None), vec![0, 2]);
    }
}
