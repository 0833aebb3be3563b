//! Callouts: GitHub alerts (`> [!NOTE]` … `> [!CAUTION]`) become `<div class="callout">`.

use super::Piece;
use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

/// The callout pass: a plain map, alerts need no look-ahead.
pub fn callouts<'a>(inner: impl Iterator<Item = Piece<'a>>) -> impl Iterator<Item = Piece<'a>> {
    inner.map(|piece| match piece {
        Piece::Event(Event::Start(Tag::BlockQuote(Some(kind))), r) => {
            let (class, title) = names(kind);
            Piece::html(
                format!(
                    "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n"
                ),
                r.start,
            )
        }
        Piece::Event(Event::End(TagEnd::BlockQuote(Some(_))), r) => Piece::html("</div>\n", r.start),
        other => other,
    })
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
