//! Heading ids: GitHub-style slugs of the heading text (or an explicit `{#id}`), made unique on
//! the page with `-1`, `-2`, written into the heading's `Start` event.

use crate::widgets::{plain_text, slug, Body, Piece};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{HashSet, VecDeque};

pub struct HeadingIds<'b, 'a, I> {
    inner: I,
    body: &'b Body<'a>,
    used: HashSet<String>,
    queue: VecDeque<Piece<'a>>,
}

impl<'b, 'a, I> HeadingIds<'b, 'a, I> {
    pub fn new(inner: I, body: &'b Body<'a>) -> Self {
        HeadingIds {
            inner,
            body,
            used: HashSet::new(),
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
                id,
                classes,
                attrs,
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
        let id = self.unique(id.as_deref(), &plain_text(&content), range.start);
        let start = Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes,
            attrs,
        };
        self.queue.extend(content);
        Some(Piece::Event(Event::Start(start), range))
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> HeadingIds<'_, 'a, I> {
    /// The explicit id if given (a duplicate is an error), else the slug, de-duplicated.
    fn unique(&mut self, explicit: Option<&str>, text: &str, at: usize) -> String {
        if let Some(id) = explicit {
            if !self.used.insert(id.to_string()) {
                let d = self.body.error(at, format!("two headings have the id \"{id}\""));
                self.queue
                    .push_back(Piece::problem(d.hint("change one of the `{#…}` ids")));
            }
            return id.to_string();
        }
        let base = match slug(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        // One look-up for the usual, unique heading.
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = 0;
        loop {
            n += 1;
            let id = format!("{base}-{n}");
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}
