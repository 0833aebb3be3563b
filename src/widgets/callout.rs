//! Callouts: GitHub alerts (`> [!NOTE]` … `> [!CAUTION]`) become `<div class="callout">`.

use super::Piece;
use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

/// The callout pass: alerts need no look-ahead, and every other piece is handed on as received.
pub struct Callouts<I> {
    inner: I,
}

pub fn callouts<'a, I: Iterator<Item = Piece<'a>>>(inner: I) -> Callouts<I> {
    Callouts { inner }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for Callouts<I> {
    type Item = Piece<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        let piece = self.inner.next();
        match &piece {
            Some(Piece::Event(Event::Start(Tag::BlockQuote(Some(kind))), r)) => {
                let (class, title) = names(*kind);
                let mut open = String::with_capacity(96);
                for part in [
                    "<div class=\"callout callout-",
                    class,
                    "\" role=\"note\"><p class=\"callout-title\">",
                    title,
                    "</p>\n",
                ] {
                    open.push_str(part);
                }
                Some(Piece::html(open, r.start))
            }
            Some(Piece::Event(Event::End(TagEnd::BlockQuote(Some(_))), r)) => Some(Piece::html("</div>\n", r.start)),
            _ => piece,
        }
    }
}

fn names(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    #[test]
    fn alerts_become_callouts() {
        for (marker, class, title) in [
            ("NOTE", "note", "Note"),
            ("TIP", "tip", "Tip"),
            ("IMPORTANT", "important", "Important"),
            ("WARNING", "warning", "Warning"),
            ("CAUTION", "caution", "Caution"),
        ] {
            let (r, _) = render_test_page(&format!("> [!{marker}]\n> Stay safe.\n"));
            assert_eq!(
                r.html,
                format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n<p>Stay safe.</p>\n</div>\n")
            );
            assert_eq!(r.text[0].text, "Stay safe.");
        }
    }
}
