//! Heading ids: GitHub-style slugs of the heading text (or an explicit, validated `{#id}`), made
//! unique on the page, written into the heading's `Start` event. Only `{#id}` and `{.class}` are
//! heading attributes: any other `{…}` at the end of a heading stays part of its text.

use crate::widgets::{html_ids, plain_text, slug, valid_id, Body, Piece};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::VecDeque;
use std::ops::Range;

pub struct HeadingIds<'b, 'a, I> {
    inner: I,
    body: &'b Body<'a>,
    queue: VecDeque<Piece<'a>>,
}

impl<'b, 'a, I> HeadingIds<'b, 'a, I> {
    pub fn new(inner: I, body: &'b Body<'a>) -> Self {
        HeadingIds {
            inner,
            body,
            queue: VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for HeadingIds<'_, 'a, I> {
    type Item = Piece<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(piece) = self.queue.pop_front() {
            return Some(piece);
        }
        let piece = self.inner.next();
        let Some(Piece::Event(
            Event::Start(Tag::Heading {
                level,
                mut id,
                mut classes,
                attrs: _,
            }),
            range,
        )) = piece
        else {
            return piece;
        };
        let mut content = Vec::new();
        for piece in self.inner.by_ref() {
            let end = matches!(piece, Piece::Event(Event::End(TagEnd::Heading(_)), _));
            content.push(piece);
            if end {
                break;
            }
        }
        if let Some(block) = text_block(self.body.text, &range, &content) {
            // `{x}` or `{key=value}`: not an attribute block, so the editor's text.
            let end = content.len().saturating_sub(1);
            content.insert(end, Piece::text(format!(" {block}"), range.end));
            id = None;
            classes.clear();
        }
        let id = self.unique(id.as_deref(), &plain_text(&content), range.start);
        let start = Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes,
            // Always empty: a block with more than `#id` and `.class` is text (above).
            attrs: Vec::new(),
        };
        self.queue.extend(content);
        Some(Piece::Event(Event::Start(start), range))
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> HeadingIds<'_, 'a, I> {
    /// The explicit id if it is valid and free (else an error, and the slug), else the slug,
    /// de-duplicated.
    fn unique(&mut self, explicit: Option<&str>, text: &str, at: usize) -> String {
        if let Some(id) = explicit {
            match self.explicit_problem(id) {
                None => return id.to_string(),
                Some((message, hint)) => {
                    let d = self.body.error(at, message).hint(hint);
                    self.queue.push_back(Piece::problem(d));
                }
            }
        }
        let base = match slug(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        self.body.ids.borrow_mut().unique(&base)
    }

    /// What is wrong with an explicit `{#id}`, if anything; a good one is taken.
    fn explicit_problem(&self, id: &str) -> Option<(String, &'static str)> {
        if !valid_id(id) {
            return Some((
                format!("invalid heading id \"{id}\""),
                "use letters, digits, `-` and `_`, e.g. `{#after-a-long-relationship}`",
            ));
        }
        if html_ids::RESERVED.contains(&id) {
            return Some((
                format!("the heading id \"{id}\" is used by the theme on every page"),
                "choose another `{#…}` id",
            ));
        }
        match self.body.ids.borrow_mut().claim(id) {
            true => None,
            false => Some((
                format!("two headings have the id \"{id}\""),
                "change one of the `{#…}` ids",
            )),
        }
    }
}

/// The `{…}` that ends a heading in the source, if the parser took it as attributes although
/// it holds more than `#id` and `.class` words, so it belongs to the text.
fn text_block<'t>(text: &'t str, range: &Range<usize>, content: &[Piece]) -> Option<&'t str> {
    let source = text.get(range.clone())?.trim_end();
    let mut lines = source.lines().rev();
    let mut last = lines.next()?;
    // A setext heading's underline is not text; an ATX heading may close with `#`s.
    if last.trim().bytes().all(|b| b == b'=' || b == b'-') {
        last = lines.next()?;
    }
    let last = last.trim_end().trim_end_matches('#').trim_end();
    let inner = last.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    let words = &inner[open + 1..];
    let attributes = words
        .split_whitespace()
        .all(|w| w.len() > 1 && w.starts_with(['#', '.']));
    let kept = plain_text(content).trim_end().ends_with('}');
    (!attributes && !kept).then(|| &last[open..])
}
