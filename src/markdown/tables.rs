//! Table alignment as classes (`align-left|center|right`, styled by the theme): pulldown-cmark
//! writes `style="text-align: …"`, which the page's Content-Security-Policy blocks.

use crate::widgets::Piece;
use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

pub struct TableAlign<I> {
    inner: I,
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
}

impl<I> TableAlign<I> {
    pub fn new(inner: I) -> Self {
        TableAlign {
            inner,
            alignments: Vec::new(),
            in_head: false,
            cell: 0,
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for TableAlign<I> {
    type Item = Piece<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        let piece = self.inner.next()?;
        let Piece::Event(event, range) = piece else {
            return Some(piece);
        };
        let event = match event {
            Event::Start(Tag::Table(alignments)) => {
                self.alignments = alignments;
                // The writer then writes cells without a style; aligned ones are written here.
                Event::Start(Tag::Table(Vec::new()))
            }
            Event::Start(Tag::TableHead) => {
                (self.in_head, self.cell) = (true, 0);
                event
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                event
            }
            Event::Start(Tag::TableRow) => {
                self.cell = 0;
                event
            }
            Event::End(TagEnd::TableCell) => {
                self.cell += 1;
                event
            }
            Event::Start(Tag::TableCell) => match self.class() {
                Some(class) => {
                    let cell = if self.in_head { "<th class=\"" } else { "<td class=\"" };
                    return Some(Piece::html(format!("{cell}{class}\">"), range.start));
                }
                None => event,
            },
            event => event,
        };
        Some(Piece::Event(event, range))
    }
}

impl<I> TableAlign<I> {
    fn class(&self) -> Option<&'static str> {
        match self.alignments.get(self.cell)? {
            Alignment::None => None,
            Alignment::Left => Some("align-left"),
            Alignment::Center => Some("align-center"),
            Alignment::Right => Some("align-right"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    #[test]
    fn alignment_is_a_class_not_a_style() {
        let (r, _) = render_test_page("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n");
        assert_eq!(
            r.html,
            "<table><thead><tr><th class=\"align-left\">a</th><th class=\"align-center\">b</th><th class=\"align-right\">c</th><th>d</th></tr></thead><tbody>\n<tr><td class=\"align-left\">1</td><td class=\"align-center\">2</td><td class=\"align-right\">3</td><td>4</td></tr>\n</tbody></table>\n"
        );
    }
}
