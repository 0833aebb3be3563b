//! GFM's extended autolinks: bare `https://…`, `http://…` and `www.…` in text become links, as
//! on GitHub (trailing punctuation and an unbalanced `)` stay outside the link).

use crate::widgets::Piece;
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use std::collections::VecDeque;

pub struct Autolinks<'a, I> {
    inner: I,
    queue: VecDeque<Piece<'a>>,
    /// The piece read past a run of text, still to be looked at.
    held: Option<Piece<'a>>,
    /// Inside a link, image or code block, where text is never linked.
    shielded: usize,
}

impl<'a, I> Autolinks<'a, I> {
    pub fn new(inner: I) -> Self {
        Autolinks {
            inner,
            queue: VecDeque::new(),
            held: None,
            shielded: 0,
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for Autolinks<'a, I> {
    type Item = Piece<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(piece) = self.queue.pop_front() {
            return Some(piece);
        }
        let piece = self.held.take().or_else(|| self.inner.next())?;
        match &piece {
            Piece::Event(Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)), _) => {
                self.shielded += 1
            }
            Piece::Event(Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock), _) => {
                self.shielded = self.shielded.saturating_sub(1)
            }
            Piece::Event(Event::Text(t), r) if self.shielded == 0 && might_link(t) => {
                // The parser splits text at `_`, `(` and the like: the link is read whole.
                let (mut text, at) = (t.to_string(), r.start);
                for next in self.inner.by_ref() {
                    match next {
                        Piece::Event(Event::Text(t), _) => text.push_str(&t),
                        other => {
                            self.held = Some(other);
                            break;
                        }
                    }
                }
                let mut pieces = split(&text, at);
                if pieces.is_empty() {
                    pieces.push(Piece::Event(Event::Text(CowStr::from(text)), r.clone()));
                }
                self.queue.extend(pieces);
                return self.queue.pop_front();
            }
            _ => {}
        }
        Some(piece)
    }
}

fn might_link(text: &str) -> bool {
    text.contains("://") || text.contains("www.")
}

/// The text as text and link pieces.
fn split(text: &str, at: usize) -> Vec<Piece<'static>> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    for (i, len, dest) in bare(text) {
        if plain_from < i {
            out.push(Piece::text(text[plain_from..i].to_string(), at));
        }
        out.push(Piece::Event(
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: CowStr::from(dest),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }),
            at..at,
        ));
        out.push(Piece::text(text[i..i + len].to_string(), at));
        out.push(Piece::Event(Event::End(TagEnd::Link), at..at));
        plain_from = i + len;
    }
    if plain_from < text.len() && !out.is_empty() {
        out.push(Piece::text(text[plain_from..].to_string(), at));
    }
    out
}

/// The bare addresses in `text` (`check --external` asks about them too): each one's byte
/// offset, length, and the address it links to.
pub fn bare(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let boundary = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "*_~(".contains(c));
        let scheme = ["https://", "http://", "www."]
            .into_iter()
            .find(|s| rest.starts_with(s));
        let (Some(scheme), true) = (scheme, boundary) else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let len = link_len(rest);
        if len <= scheme.len() || !rest[scheme.len()..len].contains(|c: char| c.is_alphanumeric()) {
            i += scheme.len();
            continue;
        }
        let url = &rest[..len];
        let dest = match scheme {
            "www." => format!("http://{url}"),
            _ => url.to_string(),
        };
        out.push((i, len, dest));
        i += len;
    }
    out
}

/// Length of the link at the start of `text`: up to whitespace or `<`, less trailing
/// punctuation and any `)` that has no `(` inside the link.
fn link_len(text: &str) -> usize {
    let mut end = text.find(|c: char| c.is_whitespace() || c == '<').unwrap_or(text.len());
    loop {
        let link = &text[..end];
        let Some(last) = link.chars().next_back() else { return 0 };
        let unbalanced = last == ')' && link.matches(')').count() > link.matches('(').count();
        if "?!.,:*_~'\"".contains(last) || unbalanced {
            end -= last.len_utf8();
        } else {
            return end;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    #[test]
    fn bare_addresses_are_linked_as_on_github() {
        let (r, _) = render_test_page(
            "See https://example.org/a_(b). Or www.example.com, (http://x.example/y) and `https://code.example`.\n\nhttps://a.example [https://inside.example](https://t.example)\n",
        );
        assert_eq!(
            r.html,
            "<p>See <a href=\"https://example.org/a_(b)\">https://example.org/a_(b)</a>. Or <a href=\"http://www.example.com\">www.example.com</a>, (<a href=\"http://x.example/y\">http://x.example/y</a>) and <code>https://code.example</code>.</p>\n<p><a href=\"https://a.example\">https://a.example</a> <a href=\"https://t.example\">https://inside.example</a></p>\n"
        );
    }

    #[test]
    fn code_blocks_and_words_are_left_alone() {
        let (r, _) = render_test_page("```\nhttps://x.example\n```\n\nnotwww.example and https:// alone\n");
        assert!(!r.html.contains("<a "), "{}", r.html);
    }
}
