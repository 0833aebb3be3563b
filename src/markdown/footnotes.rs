//! Footnotes: references become `<sup><a href="#fn-x" id="fnref-x">1</a></sup>`, numbered in
//! the order they are first cited, and the definitions are collected in a list at the end of
//! the page, each with a link back to where it was cited. Ids come from the page's id registry.

use crate::widgets::{escape, slug, Body, Piece};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{HashMap, VecDeque};

/// A cited footnote: its number and ids.
struct Cited {
    number: usize,
    id: String,
    first_ref: String,
}

pub struct Footnotes<'b, 'a, I> {
    inner: I,
    body: &'b Body<'a>,
    /// Citations in order of first reference.
    cited: Vec<CowStr<'a>>,
    numbers: HashMap<CowStr<'a>, Cited>,
    definitions: HashMap<CowStr<'a>, Vec<Piece<'a>>>,
    queue: VecDeque<Piece<'a>>,
    done: bool,
}

impl<'b, 'a, I> Footnotes<'b, 'a, I> {
    pub fn new(inner: I, body: &'b Body<'a>) -> Self {
        Footnotes {
            inner,
            body,
            cited: Vec::new(),
            numbers: HashMap::new(),
            definitions: HashMap::new(),
            queue: VecDeque::new(),
            done: false,
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for Footnotes<'_, 'a, I> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        loop {
            if let Some(piece) = self.queue.pop_front() {
                return Some(piece);
            }
            if self.done {
                return None;
            }
            match self.inner.next() {
                None => {
                    self.done = true;
                    self.section();
                }
                Some(Piece::Event(Event::FootnoteReference(name), r)) => {
                    return Some(Piece::html(self.reference(name), r.start));
                }
                Some(Piece::Event(Event::Start(Tag::FootnoteDefinition(name)), _)) => {
                    let mut content = Vec::new();
                    for piece in self.inner.by_ref() {
                        if matches!(piece, Piece::Event(Event::End(TagEnd::FootnoteDefinition), _)) {
                            break;
                        }
                        content.push(piece);
                    }
                    self.definitions.entry(name).or_insert(content);
                }
                Some(piece) => return Some(piece),
            }
        }
    }
}

impl<'a, I> Footnotes<'_, 'a, I> {
    fn reference(&mut self, name: CowStr<'a>) -> String {
        let mut ids = self.body.ids.borrow_mut();
        let base = match slug(&name) {
            s if s.is_empty() => "note".to_string(),
            s => s,
        };
        let (number, id, ref_id) = match self.numbers.get(&name) {
            Some(c) => (c.number, c.id.clone(), ids.unique(&format!("fnref-{base}"))),
            None => {
                let cited = Cited {
                    number: self.cited.len() + 1,
                    id: ids.unique(&format!("fn-{base}")),
                    first_ref: ids.unique(&format!("fnref-{base}")),
                };
                let out = (cited.number, cited.id.clone(), cited.first_ref.clone());
                self.cited.push(name.clone());
                self.numbers.insert(name, cited);
                out
            }
        };
        format!("<sup class=\"footnote-ref\"><a href=\"#{id}\" id=\"{ref_id}\">{number}</a></sup>")
    }

    /// The list of cited footnotes, queued at the end of the page; definitions never cited are
    /// left out, as on GitHub.
    fn section(&mut self) {
        if self.cited.is_empty() {
            return;
        }
        let at = self.body.text.len();
        let words = self.body.words;
        self.queue.push_back(Piece::html(
            format!(
                "<section class=\"footnotes\" aria-label=\"{}\">\n<ol>\n",
                escape(&words.footnotes)
            ),
            at,
        ));
        let back_label = escape(&words.footnote_back);
        for name in std::mem::take(&mut self.cited) {
            let Some(cited) = self.numbers.get(&name) else { continue };
            let mut content = self.definitions.remove(&name).unwrap_or_default();
            let back = format!(
                " <a href=\"#{}\" class=\"footnote-back\" aria-label=\"{}\">↩</a>",
                cited.first_ref,
                back_label.replace("{n}", &cited.number.to_string())
            );
            // Inside the last paragraph, as GitHub places it, else after the content.
            let end = match content.last() {
                Some(Piece::Event(Event::End(TagEnd::Paragraph), _)) => content.len() - 1,
                _ => content.len(),
            };
            content.insert(end, Piece::html(back, at));
            self.queue
                .push_back(Piece::html(format!("<li id=\"{}\">\n", cited.id), at));
            self.queue.extend(content);
            self.queue.push_back(Piece::html("</li>\n", at));
        }
        self.queue.push_back(Piece::html("</ol>\n</section>\n", at));
    }
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    #[test]
    fn footnotes_are_collected_at_the_end_with_back_links() {
        let body = "## Note\n\nFirst[^note] and again[^note], then[^b].\n\n[^b]: Bee.\n[^note]: A *note*.\n[^unused]: Never cited.\n\nAfter.\n";
        let (r, p) = render_test_page(body);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            r.html,
            "<h2 id=\"note\">Note</h2>\n<p>First<sup class=\"footnote-ref\"><a href=\"#fn-note\" id=\"fnref-note\">1</a></sup> and again<sup class=\"footnote-ref\"><a href=\"#fn-note\" id=\"fnref-note-1\">1</a></sup>, then<sup class=\"footnote-ref\"><a href=\"#fn-b\" id=\"fnref-b\">2</a></sup>.</p>\n<p>After.</p>\n<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n<li id=\"fn-note\">\n<p>A <em>note</em>. <a href=\"#fnref-note\" class=\"footnote-back\" aria-label=\"Back to reference 1\">↩</a></p>\n</li>\n<li id=\"fn-b\">\n<p>Bee. <a href=\"#fnref-b\" class=\"footnote-back\" aria-label=\"Back to reference 2\">↩</a></p>\n</li>\n</ol>\n</section>\n"
        );
        assert!(r.text.iter().any(|b| b.text.contains("A note.")));
    }

    #[test]
    fn a_french_page_labels_its_footnotes_in_french() {
        let (r, _) = crate::widgets::render_test_page_in("A[^x].\n\n[^x]: B.\n", &crate::widgets::Words::french());
        assert!(
            r.html.contains("<section class=\"footnotes\" aria-label=\"Notes\">"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("aria-label=\"Retour à l’appel de note 1\">↩</a>"),
            "{}",
            r.html
        );
    }
}
