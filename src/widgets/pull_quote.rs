//! Pull quotes: a plain blockquote whose last paragraph starts with an em dash and a space
//! (`— `, typed as such) becomes a `<figure class="pull-quote">` with that paragraph, dash
//! removed, as its caption. Hyphens and en dashes are ordinary prose.

use super::Piece;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::VecDeque;

/// What may open an attribution: an em dash and a space. Smart punctuation also makes an em
/// dash of `---`, so the source is checked too.
const DASHES: &[&str] = &["— ", "—\u{a0}"];

/// The pull-quote pass: plain blockquotes are held until they end, then rewritten or passed on.
pub struct PullQuotes<'t, 'a, I> {
    inner: I,
    /// The page body, to tell a typed em dash from `---`.
    source: &'t str,
    queue: VecDeque<Piece<'a>>,
}

impl<'t, 'a, I> PullQuotes<'t, 'a, I> {
    pub fn new(inner: I, source: &'t str) -> Self {
        PullQuotes {
            inner,
            source,
            queue: VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for PullQuotes<'_, 'a, I> {
    type Item = Piece<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(piece) = self.queue.pop_front() {
            return Some(piece);
        }
        let piece = self.inner.next();
        let Some(start @ Piece::Event(Event::Start(Tag::BlockQuote(None)), _)) = piece else {
            return piece;
        };
        let mut quote = vec![start];
        let mut depth = 1;
        for piece in self.inner.by_ref() {
            match &piece {
                Piece::Event(Event::Start(Tag::BlockQuote(_)), _) => depth += 1,
                Piece::Event(Event::End(TagEnd::BlockQuote(_)), _) => depth -= 1,
                _ => {}
            }
            quote.push(piece);
            if depth == 0 {
                break;
            }
        }
        self.queue.extend(rewrite(quote, self.source));
        self.queue.pop_front()
    }
}

/// The quote as a figure if its last paragraph is an attribution, else unchanged.
fn rewrite<'a>(mut quote: Vec<Piece<'a>>, source: &str) -> Vec<Piece<'a>> {
    let n = quote.len();
    if n < 4 || !matches!(quote[n - 2], Piece::Event(Event::End(TagEnd::Paragraph), _)) {
        return quote;
    }
    let Some(p) = quote[..n - 2]
        .iter()
        .rposition(|e| matches!(e, Piece::Event(Event::Start(Tag::Paragraph), _)))
    else {
        return quote;
    };
    let typed = match &quote[p + 1] {
        Piece::Event(Event::Text(_), r) => source.get(r.start..).is_some_and(|s| s.starts_with('—')),
        _ => false,
    };
    if p <= 1 || !typed || !strip_dash(&mut quote[p + 1..n - 2]) {
        return quote;
    }
    let at = match &quote[0] {
        Piece::Event(_, r) => r.start,
        _ => 0,
    };
    let mut pieces = quote.into_iter();
    let mut out = Vec::with_capacity(n + 2);
    out.push(Piece::html("<figure class=\"pull-quote\"><blockquote>\n", at));
    pieces.next();
    out.extend(pieces.by_ref().take(p - 1));
    out.push(Piece::html("</blockquote><figcaption>", at));
    pieces.next();
    out.extend(pieces.by_ref().take(n - 3 - p));
    out.push(Piece::html("</figcaption></figure>\n", at));
    out
}

/// Removes the leading dash of an attribution; false (and nothing changed) if there is none.
/// The dash may arrive split over several text events.
fn strip_dash(events: &mut [Piece]) -> bool {
    let texts = events
        .iter()
        .take_while(|e| matches!(e, Piece::Event(Event::Text(_), _)))
        .count();
    let mut joined = String::new();
    for e in &events[..texts] {
        if let Piece::Event(Event::Text(t), _) = e {
            joined.push_str(t);
        }
    }
    let Some(rest) = DASHES.iter().find_map(|d| joined.strip_prefix(d)) else {
        return false;
    };
    let rest = rest.trim_start().to_string();
    for (i, e) in events[..texts].iter_mut().enumerate() {
        if let Piece::Event(ev, _) = e {
            *ev = Event::Text(CowStr::from(if i == 0 { rest.clone() } else { String::new() }));
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    const FIGURE: &str = "<figure class=\"pull-quote\"><blockquote>\n<p>It was the space that helped.</p>\n</blockquote><figcaption>Sam, <em>two years on</em></figcaption></figure>\n";

    #[test]
    fn attribution_after_an_em_dash_becomes_a_caption() {
        let (r, _) = render_test_page("> It was the space that helped.\n>\n> — Sam, *two years on*\n");
        assert_eq!(r.html, FIGURE);
    }

    #[test]
    fn hyphens_and_en_dashes_are_prose() {
        for dash in ["--", "---", "–", "-"] {
            let body = format!("> It was the space that helped.\n>\n> {dash} Sam, *two years on*\n");
            let (r, _) = render_test_page(&body);
            assert!(r.html.starts_with("<blockquote>"), "{dash}: {}", r.html);
        }
    }

    #[test]
    fn other_quotes_stay_blockquotes() {
        for body in [
            "> Just a quote.\n",
            "> — Only a dash line\n",
            "> One\n>\n> Two — not at the start\n",
            "> A\n>\n> —Sam\n",
        ] {
            let (r, _) = render_test_page(body);
            assert!(r.html.starts_with("<blockquote>"), "{body}: {}", r.html);
        }
    }

    #[test]
    fn nested_quotes_are_kept_whole() {
        let (r, _) = render_test_page("> Outer\n> > inner\n>\n> — Ann\n");
        assert_eq!(
            r.html,
            "<figure class=\"pull-quote\"><blockquote>\n<p>Outer</p>\n<blockquote>\n<p>inner</p>\n</blockquote>\n</blockquote><figcaption>Ann</figcaption></figure>\n"
        );
    }
}
