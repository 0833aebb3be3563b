//! The end of the chain: rewrites links, gathers headings, plain text, checklists, lint facts
//! and problems while handing the events on to the HTML writer.

use super::{file_links, links, Heading, Input, Rendered, TextBlock};
use crate::diagnostic::Diagnostic;
use crate::widgets::{Body, Piece};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

pub struct Collector<'b, 'a, I> {
    inner: I,
    input: &'b Input<'b>,
    body: &'b Body<'a>,
    out: Rendered,
    /// The page's plain text, every block in one buffer (one growing string instead of one per
    /// block), cut into `TextBlock`s by `finish`.
    text: String,
    /// Heading and start offset in `text` of each block, in page order.
    blocks: Vec<(Option<usize>, usize)>,
    problems: Vec<Diagnostic>,
    in_heading: bool,
    /// Offset of the image being read and whether it has alt text yet.
    image: Option<(usize, bool)>,
    /// Level of the previous heading; the page title is the `h1`.
    level: u8,
    /// Whether the page holds raw HTML, so its HTML must go through the sanitiser.
    pub raw_html: bool,
}

impl<'b, 'a, I> Collector<'b, 'a, I> {
    pub fn new(inner: I, input: &'b Input<'b>, body: &'b Body<'a>) -> Self {
        Collector {
            inner,
            input,
            body,
            out: Rendered::default(),
            text: String::with_capacity(body.text.len()),
            blocks: vec![(None, 0)],
            problems: Vec::new(),
            in_heading: false,
            image: None,
            level: 1,
            raw_html: false,
        }
    }

    /// The finished page: text blocks cut to size (trailing blanks dropped, blank blocks left
    /// out), words counted.
    pub fn finish(mut self, html: String) -> (Rendered, Vec<Diagnostic>) {
        // Pages are kept until the build ends, their spare capacity with them.
        self.out.html = match wasteful(html.len(), html.capacity()) {
            true => html.as_str().to_owned(),
            false => html,
        };
        let ends = self
            .blocks
            .iter()
            .skip(1)
            .map(|&(_, start)| start)
            .chain([self.text.len()]);
        let mut words = 0;
        let mut text = Vec::with_capacity(self.blocks.len());
        for (&(heading, start), end) in self.blocks.iter().zip(ends) {
            let block = self.text[start..end].trim_end();
            if block.trim_start().is_empty() {
                continue;
            }
            words += count_words(block);
            text.push(TextBlock {
                heading,
                text: block.to_owned(),
            });
        }
        self.out.text = text;
        self.out.words = words + self.out.headings.iter().map(|h| count_words(&h.text)).sum::<usize>();
        (self.out, self.problems)
    }

    fn push_text(&mut self, text: &str) {
        if let Some((_, alt)) = &mut self.image {
            *alt |= !text.trim().is_empty();
        }
        let target = match (self.in_heading, self.out.headings.last_mut()) {
            (true, Some(h)) => &mut h.text,
            _ => &mut self.text,
        };
        target.push_str(text);
    }

    /// Keeps words of neighbouring blocks apart in the plain text.
    fn separate(&mut self) {
        let start = self.blocks.last().map_or(0, |&(_, start)| start);
        if self.text.len() > start && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    fn see(&mut self, event: &Event<'a>, range: Range<usize>) {
        match event {
            Event::Text(t) | Event::Code(t) => self.push_text(t),
            Event::SoftBreak | Event::HardBreak => self.push_text(" "),
            Event::Start(Tag::Heading { level, id, .. }) => {
                let level = *level as u8;
                let line = self.body.position(range.start).0;
                if level == 1 {
                    let d = self
                        .body
                        .error(range.start, "a `#` heading in the body makes a second page title");
                    self.problems.push(d.hint(
                        "the page's title (its one `#` heading) comes from `title:` in the front matter; use `##` for sections",
                    ));
                }
                if level > self.level + 1 {
                    self.out.heading_skips.push((line, self.level, level));
                }
                self.level = level;
                self.out.headings.push(Heading {
                    level,
                    id: id.as_deref().unwrap_or_default().to_string(),
                    text: String::new(),
                    line,
                });
                self.blocks.push((Some(self.out.headings.len() - 1), self.text.len()));
                self.in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                self.in_heading = false;
                if let Some(h) = self.out.headings.last_mut() {
                    h.text = h.text.trim().to_string();
                }
            }
            Event::Start(Tag::Image { .. }) => self.image = Some((range.start, false)),
            Event::End(TagEnd::Image) => {
                if let Some((at, false)) = self.image.take() {
                    self.out.images_without_alt.push(self.body.position(at));
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // Widgets' markup arrives with an empty range; raw HTML has its source.
                if !range.is_empty() {
                    self.raw_html = true;
                    self.problems
                        .extend(super::sanitize::removals(self.body, html, range.start));
                    self.out.html_anchors.extend(super::sanitize::defined_ids(html));
                }
                if has_script(html) {
                    let len = html.trim_end().chars().count().min(80);
                    let d = self.body.error(range.start, "scripts are not allowed in content");
                    self.problems.push(
                        d.span(len)
                            .hint("the page's Content-Security-Policy blocks inline scripts; remove the <script>"),
                    );
                }
                if matches!(event, Event::Html(_)) {
                    self.separate();
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            )
            | Event::Rule => self.separate(),
            _ => {}
        }
    }

    fn link(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
        let (line, col) = self.body.position(range.start);
        let resolved = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => links::resolve(dest_url, line, col, self.input),
            Event::Start(Tag::Image { dest_url, .. }) => file_links::resolve_image(dest_url, line, col, self.input),
            _ => return event,
        };
        self.out.links.extend(resolved.link);
        self.out.files.extend(resolved.file);
        if let Some(d) = resolved.problem {
            let len = self
                .body
                .text
                .get(range)
                .and_then(|s| s.lines().next())
                .map_or(1, |s| s.chars().count());
            self.problems.push(d.span(len));
        }
        let Some(href) = resolved.href else {
            return event;
        };
        match event {
            Event::Start(Tag::Link {
                link_type, title, id, ..
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: href.into(),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type, title, id, ..
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: href.into(),
                title,
                id,
            }),
            event => event,
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for Collector<'_, 'a, I> {
    type Item = Event<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            match self.inner.next()? {
                Piece::Event(event @ Event::Start(Tag::Link { .. }), range) => return Some(self.link(event, range)),
                Piece::Event(event @ Event::Start(Tag::Image { .. }), range) => {
                    self.see(&event, range.clone());
                    return Some(self.link(event, range));
                }
                Piece::Event(event, range) => {
                    self.see(&event, range);
                    return Some(event);
                }
                Piece::Checklist(c) => self.out.checklists.push(*c),
                Piece::Problem(d) => self.problems.push(*d),
            }
        }
    }
}

/// Whether a string of `len` bytes holds so many spare ones that a copy is worth it: the
/// allocator shrinks a block in place, spare bytes kept, unless it falls below half.
fn wasteful(len: usize, capacity: usize) -> bool {
    capacity - len > len / 8 + 32
}

/// Words as runs of non-blank bytes: ASCII whitespace only, which is what separates words in
/// practice, and much cheaper than Unicode-aware splitting.
fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for b in text.bytes() {
        let blank = b.is_ascii_whitespace();
        words += usize::from(!blank && !in_word);
        in_word = !blank;
    }
    words
}

/// Whether raw HTML opens a `<script` element, in any letter case.
fn has_script(html: &str) -> bool {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|i| {
        bytes.get(i + 1).is_some_and(|b| b | 0x20 == b's')
            && bytes.get(i..i + 7).is_some_and(|w| w.eq_ignore_ascii_case(b"<script"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_non_blank_bytes() {
        for (text, words) in [
            ("", 0),
            ("a", 1),
            ("  a b\tc\n\x0bd \r\x0ce ", 5),
            ("één  twee", 2),
            (" \n ", 0),
        ] {
            assert_eq!(count_words(text), words, "{text:?}");
        }
    }

    #[test]
    fn script_tags_are_found_in_any_case() {
        assert!(has_script("<p>x</p><SCRIPT src=a>"));
        assert!(!has_script("<p>scripts</p><scrip"));
    }
}
