//! Callouts: GitHub alerts (`> [!NOTE]` … `> [!CAUTION]`) become `<div class="callout">`.

use super::{escape, Body, Piece, Words};
use crate::diagnostic::{did_you_mean, Diagnostic};
use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

/// The callout types GitHub knows.
const KINDS: &[&str] = &["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

/// The callout pass: alerts need no look-ahead, and every other piece is handed on as received.
pub struct Callouts<'b, 'a, I> {
    inner: I,
    body: &'b Body<'a>,
    problem: Option<Piece<'a>>,
}

pub fn callouts<'b, 'a, I: Iterator<Item = Piece<'a>>>(inner: I, body: &'b Body<'a>) -> Callouts<'b, 'a, I> {
    Callouts {
        inner,
        body,
        problem: None,
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for Callouts<'_, 'a, I> {
    type Item = Piece<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(problem) = self.problem.take() {
            return Some(problem);
        }
        let piece = self.inner.next();
        match &piece {
            Some(Piece::Event(Event::Start(Tag::BlockQuote(None)), r)) => {
                self.problem = unknown_kind(self.body, r.start).map(Piece::problem);
                piece
            }
            Some(Piece::Event(Event::Start(Tag::BlockQuote(Some(kind))), r)) => {
                let (class, title) = names(*kind, self.body.words);
                let title = escape(title);
                let mut open = String::with_capacity(96);
                for part in [
                    "<div class=\"callout callout-",
                    class,
                    "\" role=\"note\"><p class=\"callout-title\">",
                    &title,
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

/// An error for a quote that opens with `[!WORD]` where WORD is no callout type: GitHub shows
/// it as text, which is never what the editor meant.
fn unknown_kind(body: &Body, at: usize) -> Option<Diagnostic> {
    let line = body.text.get(at..)?.lines().next()?;
    let start = at + line.find("[!")?;
    let rest = line.trim_start_matches([' ', '\t', '>']).strip_prefix("[!")?;
    let word = &rest[..rest.find(']')?];
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let upper = word.to_ascii_uppercase();
    let d = body
        .error(start, format!("unknown callout type \"[!{word}]\""))
        .span(word.len() + 3);
    Some(match did_you_mean(&upper, KINDS) {
        Some(near) => d.hint(format!("did you mean \"[!{near}]\"?")),
        None => {
            d.hint("use one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION]; safety guidance uses [!CAUTION]")
        }
    })
}

/// A kind's class and its title in the page's language.
fn names(kind: BlockQuoteKind, words: &Words) -> (&'static str, &str) {
    match kind {
        BlockQuoteKind::Note => ("note", &words.note),
        BlockQuoteKind::Tip => ("tip", &words.tip),
        BlockQuoteKind::Important => ("important", &words.important),
        BlockQuoteKind::Warning => ("warning", &words.warning),
        BlockQuoteKind::Caution => ("caution", &words.caution),
    }
}

#[cfg(test)]
mod tests {
    use crate::widgets::{render_test_page, render_test_page_in, Words};

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

    #[test]
    fn callout_titles_are_in_the_page_language_and_escaped() {
        let words = Words::french();
        let got: Vec<String> = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
            .iter()
            .map(|m| render_test_page_in(&format!("> [!{m}]\n> x\n"), &words).0.html)
            .collect();
        let titles: Vec<&str> = got
            .iter()
            .map(|h| h.split("callout-title\">").nth(1).unwrap().split('<').next().unwrap())
            .collect();
        assert_eq!(
            titles,
            ["Remarque", "Conseil", "Important", "Avertissement", "Attention"]
        );
        let tips = crate::i18n::Strings::resolve(
            &[crate::i18n::Layer::parse("en", "en.yaml", "callout_tip: \"Tips & <tricks>\"\n").unwrap()],
            "en",
        )
        .0;
        let (r, _) = render_test_page_in("> [!TIP]\n> x\n", &Words::new(&tips));
        assert!(
            r.html
                .contains("<p class=\"callout-title\">Tips &amp; &lt;tricks&gt;</p>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn unknown_callout_types_are_errors_with_a_suggestion() {
        let (_, p) = render_test_page("Intro.\n\n> [!DANGER]\n> Stay safe.\n\n> [!WARNNG]\n> x\n\n> [link] is fine\n");
        let got: Vec<(usize, usize, &str, Option<&str>)> = p
            .iter()
            .map(|d| (d.line, d.col, d.message.as_str(), d.hint.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (5, 3, "unknown callout type \"[!DANGER]\"", Some("use one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION]; safety guidance uses [!CAUTION]")),
                (8, 3, "unknown callout type \"[!WARNNG]\"", Some("did you mean \"[!WARNING]\"?")),
            ]
        );
    }
}
