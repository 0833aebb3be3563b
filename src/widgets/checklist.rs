//! The checklist pass: every ```checklist block and every plain task list becomes a
//! `<fieldset class="checklist">` with stable ids, and a `Checklist` for later stages.

use super::checklist_block;
use super::checklist_fieldset::{fieldset, Draft};
use super::task_list::{self, TaskList};
use super::{escape, fence_lang, item_id, read_block, unclosed_fence, Block, Body, Piece};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::VecDeque;

/// The checklist pass. It also follows headings: a task list is named after the nearest one.
pub struct Checklists<'b, 'a, I> {
    inner: I,
    body: &'b Body<'a>,
    queue: VecDeque<Piece<'a>>,
    /// Pieces of a plain list handed back to be read again, so task lists and checklist blocks
    /// inside its items are found too.
    pending: VecDeque<Piece<'a>>,
    ids: PageIds,
    /// Id and text of the nearest heading so far.
    heading: Option<(String, String)>,
    in_heading: bool,
}

impl<'b, 'a, I> Checklists<'b, 'a, I> {
    pub fn new(inner: I, body: &'b Body<'a>) -> Self {
        Checklists {
            inner,
            body,
            queue: VecDeque::new(),
            pending: VecDeque::new(),
            ids: PageIds::default(),
            heading: None,
            in_heading: false,
        }
    }
}

impl<'a, I: Iterator<Item = Piece<'a>>> Iterator for Checklists<'_, 'a, I> {
    type Item = Piece<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(piece) = self.queue.pop_front() {
            return Some(piece);
        }
        // Most pieces are handed on as received; lists and checklist blocks are taken apart.
        let piece = self.pending.pop_front().or_else(|| self.inner.next());
        match &piece {
            Some(Piece::Event(Event::Start(Tag::Heading { id, .. }), _)) => {
                self.heading = Some((id.as_deref().unwrap_or_default().to_string(), String::new()));
                self.in_heading = true;
            }
            Some(Piece::Event(Event::Text(t) | Event::Code(t), _)) if self.in_heading => {
                if let Some((_, text)) = &mut self.heading {
                    text.push_str(t);
                }
            }
            Some(Piece::Event(Event::End(TagEnd::Heading(_)), _)) => self.in_heading = false,
            Some(Piece::Event(e, r)) if fence_lang(e) == Some("checklist") => {
                let start = r.clone();
                let mut source = std::iter::from_fn(|| self.pending.pop_front().or_else(|| self.inner.next()));
                let block = read_block(&mut source, start, self.body);
                let pieces = self.block(&block);
                self.queue.extend(pieces);
                return self.queue.pop_front();
            }
            Some(Piece::Event(Event::Start(Tag::List(_)), r)) => {
                let at = r.start;
                let mut source = std::iter::from_fn(|| self.pending.pop_front().or_else(|| self.inner.next()));
                let list = task_list::read_list(piece?, &mut source);
                match task_list::task_items(list) {
                    Ok(list) => {
                        let pieces = self.task_list(list, at);
                        self.queue.extend(pieces);
                        return self.queue.pop_front();
                    }
                    Err(mut list) => {
                        // A plain list: its start goes on, the rest is read again.
                        let rest = list.split_off(1);
                        for p in rest.into_iter().rev() {
                            self.pending.push_front(p);
                        }
                        return list.pop();
                    }
                }
            }
            _ => {}
        }
        piece
    }
}

impl<'a, I> Checklists<'_, 'a, I> {
    fn task_list(&mut self, list: TaskList<'a>, at: usize) -> Vec<Piece<'a>> {
        let TaskList { start, items } = list;
        let merged: Vec<Piece<'a>> = items
            .iter()
            .filter_map(|i| task_list::merged_item(&i.label))
            .map(|offset| {
                let d = self.body.error(
                    offset,
                    "this line is indented too far to be an item of its own, so it joins the item above",
                );
                Piece::problem(
                    d.hint("start its `-` in the same column as the `-` above, or two spaces in for a sub-item"),
                )
            })
            .collect();
        let (base, title, legend_hidden) = match &self.heading {
            Some((id, text)) if !id.is_empty() => (id.clone(), text.clone(), true),
            _ => ("list".to_string(), self.body.words.checklist.clone(), false),
        };
        let id = self.ids.derive(&self.body.slug, &base);
        let ids = items.iter().map(|i| item_id(&i.text)).collect();
        merged
            .into_iter()
            .chain(fieldset(
                self.body,
                Draft {
                    id,
                    // Markup, not text: the heading's words are already in the page's plain text.
                    title: vec![Piece::html(escape(&title), at)],
                    title_text: title,
                    done: None,
                    items,
                    ids,
                    legend_hidden,
                    start,
                    at,
                },
            ))
            .collect()
    }

    fn block(&mut self, block: &Block) -> Vec<Piece<'a>> {
        if let Some(d) = unclosed_fence(self.body, &block.range, "```checklist block") {
            return vec![Piece::problem(d)];
        }
        match checklist_block::draft(self.body, block, &mut self.ids) {
            Ok(draft) => fieldset(self.body, draft),
            Err(problems) => problems.into_iter().map(Piece::problem).collect(),
        }
    }
}

/// Checklist ids taken on a page: an explicit id may not repeat one, a derived id steps past them.
#[derive(Default)]
pub(super) struct PageIds(Vec<String>);

impl PageIds {
    pub(super) fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|u| u == id)
    }

    pub(super) fn claim(&mut self, id: String) -> String {
        self.0.push(id.clone());
        id
    }

    /// `{page-slug}-{base}`, made unique on the page with `-2`, `-3`.
    pub(super) fn derive(&mut self, page_slug: &str, base: &str) -> String {
        let stem = match base {
            "" => page_slug.to_string(),
            b => format!("{page_slug}-{b}"),
        };
        let mut id = stem.clone();
        let mut n = 1;
        while self.0.contains(&id) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        self.claim(id)
    }
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    #[test]
    fn item_ids_survive_reordering_and_rewording_of_markup() {
        let ids = |body: &str| {
            let (r, _) = render_test_page(body);
            let mut ids: Vec<(String, String)> = r.checklists[0]
                .items
                .iter()
                .map(|i| (i.text.to_lowercase(), i.id.clone()))
                .collect();
            ids.sort();
            ids
        };
        let a = ids("- [ ] Call a friend\n- [ ] Sleep   on it\n");
        let b = ids("- [ ] Sleep on **it**\n- [x] call a  friend\n");
        assert_eq!(
            a.iter().map(|x| &x.1).collect::<Vec<_>>(),
            b.iter().map(|x| &x.1).collect::<Vec<_>>()
        );
        assert_eq!(a[0].1, format!("i{:08x}", crate::widgets::fnv1a32(b"call a friend")));
    }

    #[test]
    fn task_lists_are_named_after_the_nearest_heading() {
        let body = "- [ ] a\n\n## Next steps\n\n- [ ] b\n\ntext\n\n- [ ] c\n";
        let (r, problems) = render_test_page(body);
        assert!(problems.is_empty(), "{problems:?}");
        let named: Vec<(&str, Option<&str>)> = r
            .checklists
            .iter()
            .map(|c| (c.id.as_str(), c.title.as_deref()))
            .collect();
        assert_eq!(
            named,
            vec![
                ("a-list", Some("Checklist")),
                ("a-next-steps", Some("Next steps")),
                ("a-next-steps-2", Some("Next steps"))
            ]
        );
        assert!(r.html.contains("<legend class=\"visually-hidden\">Next steps</legend>"));
        assert!(!r.html.contains("disabled"));
    }

    #[test]
    fn a_task_list_without_a_heading_is_titled_in_the_page_language() {
        let (r, _) = crate::widgets::render_test_page_in("- [ ] a\n", &crate::widgets::Words::french());
        assert_eq!(r.checklists[0].title.as_deref(), Some("Liste de contrôle"));
        assert!(r.html.contains("<legend>Liste de contrôle</legend>"), "{}", r.html);
    }

    #[test]
    fn plain_lists_stay_lists() {
        let (r, _) = render_test_page("- a\n- b\n");
        assert_eq!(r.html, "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
        assert!(r.checklists.is_empty());
    }
}

#[cfg(test)]
mod merged {
    use crate::widgets::render_test_page;

    #[test]
    fn an_over_indented_task_item_is_an_error() {
        let (r, p) = render_test_page("## Steps\n\n- [ ] One\n      - [ ] Two\n- [ ] Three\n");
        let got: Vec<(usize, usize)> = p.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(got, vec![(6, 7)], "{p:?}");
        assert_eq!(r.checklists[0].items.len(), 2);
    }
}

#[cfg(test)]
mod unclosed {
    use crate::widgets::render_test_page;

    #[test]
    fn unclosed_widget_blocks_are_one_error_at_their_opening_line() {
        for (lang, line) in [("checklist", 5), ("timeline", 5), ("dos-and-donts", 5)] {
            let body = format!("Intro.\n\n```{lang}\ntitle: T\n\n## Later\n\n```timeline\n- when: x\n");
            let (_, p) = render_test_page(&body);
            assert_eq!(p.len(), 1, "{lang}: {p:?}");
            assert_eq!((p[0].line, p[0].col), (line, 1));
            assert_eq!(
                p[0].message,
                format!("this ```{lang} block's fence ``` is never closed")
            );
        }
    }
}
