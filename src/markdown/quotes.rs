//! The language's quotation marks: straight double quotes that smart punctuation turned into
//! “ ” become the marks of the interface strings' `quote_open` / `quote_close` (« … » with
//! non-breaking spaces in French). Quotes typed curly, and apostrophes, stay as written.

use crate::widgets::{Piece, Words};
use pulldown_cmark::{CowStr, Event};

/// The marks straight quotes become, or `None` where they are English's own.
pub fn marks(words: &Words) -> Option<(&str, &str)> {
    let (open, close) = (words.quote_open.as_str(), words.quote_close.as_str());
    (open != "“" || close != "”").then_some((open, close))
}

/// The mark for one smart-punctuation event: `text` made from `source` (its slice of Markdown).
pub fn swap<'m>(text: &str, source: &str, marks: (&'m str, &'m str)) -> Option<&'m str> {
    match (text, source) {
        ("“", "\"") => Some(marks.0),
        ("”", "\"") => Some(marks.1),
        _ => None,
    }
}

/// The body's events with the language's quotation marks.
pub struct Quotes<'s, 'w, I> {
    inner: I,
    source: &'s str,
    marks: Option<(&'w str, &'w str)>,
}

impl<'s, 'w, I> Quotes<'s, 'w, I> {
    pub fn new(inner: I, source: &'s str, words: &'w Words) -> Self {
        Quotes {
            inner,
            source,
            marks: marks(words),
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for Quotes<'_, '_, I> {
    type Item = Piece<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        let piece = self.inner.next()?;
        let Some(marks) = self.marks else { return Some(piece) };
        match piece {
            Piece::Event(Event::Text(t), range) if t.len() == 3 => {
                let source = self.source.get(range.clone()).unwrap_or_default();
                let text = swap(&t, source, marks).map_or(t, |m| CowStr::from(m.to_string()));
                Some(Piece::Event(Event::Text(text), range))
            }
            piece => Some(piece),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::smart_punctuation_in;
    use crate::widgets::render_test_page_in;

    fn render_with_words(body: &str, words: &Words) -> String {
        render_test_page_in(body, words).0.html
    }

    #[test]
    fn french_pages_get_guillemets_with_non_breaking_spaces() {
        let fr = Words::french();
        let html = render_with_words("Il a dit \"bonjour\" puis l'a \"revue\".\n\nDéjà “cité”.\n", &fr);
        assert!(
            html.contains("Il a dit «\u{a0}bonjour\u{a0}» puis l’a «\u{a0}revue\u{a0}».</p>"),
            "{html}"
        );
        // Quotes typed curly stay as written.
        assert!(html.contains("Déjà “cité”."), "{html}");
        // A widget's Markdown strings too.
        let html = render_with_words("- [ ] J'ai dit \"non\"\n", &fr);
        assert!(html.contains("J’ai dit «\u{a0}non\u{a0}»"), "{html}");
        let html = render_with_words(
            "```timeline\n- when: Mois 1\n  title: Le \"non\"\n  body: Un \"oui\".\n```\n",
            &fr,
        );
        assert!(
            html.contains("Le «\u{a0}non\u{a0}»") && html.contains("Un «\u{a0}oui\u{a0}»."),
            "{html}"
        );
        let html = render_with_words("Il a dit \"bonjour\".\n", Words::english_static());
        assert!(html.contains("Il a dit “bonjour”."), "{html}");
    }

    #[test]
    fn french_titles_get_guillemets_too() {
        let fr = Words::french();
        assert_eq!(
            smart_punctuation_in("Dire \"non\" à l'ex", &fr),
            "Dire «\u{a0}non\u{a0}» à l’ex"
        );
        assert_eq!(smart_punctuation_in("Say \"no\"", Words::english_static()), "Say “no”");
    }
}
