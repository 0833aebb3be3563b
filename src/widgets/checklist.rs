//! Checklists: every ```checklist block and every plain task list becomes a
//! `<fieldset class="checklist">` with stable ids, and a `Checklist` for later stages.

use super::task_list::{self, TaskItem};
use super::{escape, fence_lang, item_id, item_lines, located_markdown, plain_text, read_block, slug, valid_id};
use super::{parse_block, Block, Body, Piece, Text};
use crate::diagnostic::Diagnostic;
use crate::frontmatter;
use crate::markdown::{Checklist, ChecklistItem};
use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Deserialize;
use std::collections::VecDeque;

/// A ```checklist block exactly as an editor writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist {
    id: Option<Text>,
    title: Option<Text>,
    done: Option<Text>,
    items: Option<Vec<RawItem>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawItem {
    Text(Text),
    Full(RawFullItem),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFullItem {
    id: Option<Text>,
    text: Text,
}

/// The checklist pass. It also follows headings: a task list is named after the nearest one.
pub struct Checklists<'b, 'a, I> {
    inner: I,
    body: &'b Body<'a>,
    queue: VecDeque<Piece<'a>>,
    /// Checklist ids taken on this page.
    used: Vec<String>,
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
            used: Vec::new(),
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
        let piece = self.inner.next();
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
                let block = read_block(&mut self.inner, r.clone(), self.body);
                let pieces = self.block(&block);
                self.queue.extend(pieces);
                return self.queue.pop_front();
            }
            Some(Piece::Event(Event::Start(Tag::List(_)), r)) => {
                let at = r.start;
                let list = task_list::read_list(piece?, &mut self.inner);
                match task_list::task_items(list) {
                    Ok(items) => {
                        let pieces = self.task_list(items, at);
                        self.queue.extend(pieces);
                    }
                    Err(list) => self.queue.extend(list),
                }
                return self.queue.pop_front();
            }
            _ => {}
        }
        piece
    }
}

/// A checklist ready to emit; `items` carry their label and any blocks below it.
struct Draft<'a> {
    id: String,
    title: Vec<Piece<'a>>,
    title_text: String,
    done: Option<Vec<Piece<'a>>>,
    items: Vec<TaskItem<'a>>,
    ids: Vec<String>,
    /// A task list's legend repeats the heading above it: screen readers need it, eyes do not.
    legend_hidden: bool,
    at: usize,
}

impl<'a, I> Checklists<'_, 'a, I> {
    fn task_list(&mut self, items: Vec<TaskItem<'a>>, at: usize) -> Vec<Piece<'a>> {
        let (base, title, legend_hidden) = match &self.heading {
            Some((id, text)) if !id.is_empty() => (id.clone(), text.clone(), true),
            _ => ("list".to_string(), "Checklist".to_string(), false),
        };
        let id = self.derived_id(&base);
        let ids = items.iter().map(|i| item_id(&i.text)).collect();
        self.emit(Draft {
            id,
            // Markup, not text: the heading's words are already in the page's plain text.
            title: vec![Piece::html(escape(&title), at)],
            title_text: title,
            done: None,
            items,
            ids,
            legend_hidden,
            at,
        })
    }

    fn block(&mut self, block: &Block) -> Vec<Piece<'a>> {
        let raw: RawChecklist = match parse_block(block, self.body) {
            Ok(raw) => raw,
            Err(mut d) => {
                if d.message.contains("untagged enum") {
                    d.message = "a checklist item is either text or `id:` and `text:`".into();
                    d.hint = Some("write `- I have rested` or `- id: rested` with `text: I have rested` below".into());
                }
                return vec![Piece::problem(d)];
            }
        };
        let title = raw.title.map(|t| t.0).filter(|t| !t.trim().is_empty());
        let raw_items = raw.items.unwrap_or_default();
        let mut problems = Vec::new();
        if title.is_none() {
            problems.push(
                self.block_error(block, "checklist block needs a \"title\"")
                    .hint("add `title: …`: it is shown above the boxes"),
            );
        }
        if raw_items.is_empty() {
            problems.push(
                self.block_error(block, "checklist block needs at least one item")
                    .hint("add `items:` with one `- …` line per box"),
            );
        }
        let explicit = raw.id.map(|t| t.0);
        problems.extend(explicit.as_deref().and_then(|id| self.check_id(block, id)));
        let items = self.block_items(block, raw_items);
        let (items, ids) = match items {
            Ok(items) if problems.is_empty() => items,
            Ok(_) => return problems.into_iter().map(Piece::problem).collect(),
            Err(d) => return problems.into_iter().chain([*d]).map(Piece::problem).collect(),
        };
        let title = title.unwrap_or_default();
        let id = match explicit {
            Some(id) => {
                self.used.push(id.clone());
                id
            }
            None => self.derived_id(&slug(&title)),
        };
        let title_pieces = located_markdown(self.body, block, key_line(block, "title"), &title, true);
        let done_line = key_line(block, "done");
        self.emit(Draft {
            id,
            title_text: plain_text(&title_pieces).trim().to_string(),
            title: title_pieces,
            done: raw
                .done
                .map(|d| located_markdown(self.body, block, done_line, &d.0, true)),
            items,
            ids,
            legend_hidden: false,
            at: block.range.start,
        })
    }

    /// A problem with an explicit checklist id: malformed, or taken on this page.
    fn check_id(&self, block: &Block, id: &str) -> Option<Diagnostic> {
        if !valid_id(id) {
            let d = self.key_error(block, "id", format!("invalid checklist id \"{id}\""));
            return Some(d.hint("use letters, digits, `-` and `_`, e.g. `id: before-you-reach-out`"));
        }
        if self.used.iter().any(|u| u == id) {
            let d = self.key_error(block, "id", format!("duplicate checklist id \"{id}\" on this page"));
            return Some(d.hint("give each checklist its own `id:`"));
        }
        None
    }

    /// The block's items with their labels, and their ids (explicit, else hashed from the text).
    fn block_items(
        &self,
        block: &Block,
        raw: Vec<RawItem>,
    ) -> Result<(Vec<TaskItem<'a>>, Vec<String>), Box<Diagnostic>> {
        let lines = item_lines(&block.yaml, Some("items"));
        let mut items = Vec::new();
        let mut ids = Vec::new();
        for (n, raw) in raw.into_iter().enumerate() {
            let line = block.yaml_line + lines.get(n).copied().unwrap_or(0);
            let at = self.body.line_offset(line);
            let (explicit, text) = match raw {
                RawItem::Text(t) => (None, t.0),
                RawItem::Full(f) => (f.id.map(|t| t.0), f.text.0),
            };
            if let Some(bad) = explicit.as_deref().filter(|id| !valid_id(id)) {
                let d = self.body.error(at, format!("invalid checklist item id \"{bad}\""));
                return Err(Box::new(d.hint("use letters, digits, `-` and `_`")));
            }
            let label = located_markdown(self.body, block, line, &text, true);
            let text = plain_text(&label).trim().to_string();
            ids.push(explicit.unwrap_or_else(|| item_id(&text)));
            items.push(TaskItem {
                text,
                label,
                rest: Vec::new(),
                at,
            });
        }
        Ok((items, ids))
    }

    /// `{page-slug}-{base}`, made unique on the page with `-2`, `-3`.
    fn derived_id(&mut self, base: &str) -> String {
        let stem = match base {
            "" => self.body.slug.clone(),
            b => format!("{}-{b}", self.body.slug),
        };
        let mut id = stem.clone();
        let mut n = 1;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        self.used.push(id.clone());
        id
    }

    fn block_error(&self, block: &Block, message: &str) -> Diagnostic {
        self.body.error(block.range.start, message).span(3 + "checklist".len())
    }

    fn key_error(&self, block: &Block, key: &str, message: String) -> Diagnostic {
        let line = key_line(block, key);
        self.body.error(self.body.line_offset(line), message).span(key.len())
    }

    fn emit(&self, draft: Draft<'a>) -> Vec<Piece<'a>> {
        let Draft {
            id,
            title,
            title_text,
            done,
            items,
            ids,
            legend_hidden,
            at,
        } = draft;
        let mut out = Vec::new();
        for (n, item) in ids.iter().enumerate() {
            if ids[..n].contains(item) {
                let d = self.body.error(
                    items[n].at,
                    format!("two items of checklist \"{id}\" have the id \"{item}\""),
                );
                out.push(Piece::problem(d.hint(
                    "reword one of them, or give them explicit `id:`s in a ```checklist block",
                )));
            }
        }
        let line = self.body.position(at).0;
        let done_text = done.as_ref().map(|d| plain_text(d).trim().to_string());
        out.push(Piece::html(fieldset_open(&id, legend_hidden), at));
        out.extend(title);
        out.push(Piece::html("</legend>\n<ul class=\"checklist-items\">\n", at));
        let mut kept = Vec::with_capacity(items.len());
        for (item, item_id) in items.into_iter().zip(ids) {
            out.push(Piece::html(item_open(&id, &item_id), item.at));
            out.extend(item.label);
            out.push(Piece::html("</label>", item.at));
            out.extend(item.rest);
            out.push(Piece::html("</li>\n", item.at));
            kept.push(ChecklistItem {
                id: item_id,
                text: item.text,
            });
        }
        out.push(Piece::html("</ul>\n", at));
        if let Some(done) = done {
            out.push(Piece::html("<div class=\"checklist-done\" data-done hidden>", at));
            out.extend(done);
            out.push(Piece::html("</div>\n", at));
        }
        out.push(Piece::html("</fieldset>\n", at));
        out.push(Piece::Checklist(Box::new(Checklist {
            id,
            title: Some(title_text),
            done: done_text,
            items: kept,
            line,
        })));
        out
    }
}

/// The checklist's opening markup up to its legend's text.
fn fieldset_open(id: &str, legend_hidden: bool) -> String {
    let mut open = String::with_capacity(96 + 2 * id.len());
    for part in [
        "<fieldset class=\"checklist\" id=\"checklist-",
        id,
        "\" data-checklist=\"",
        id,
    ] {
        open.push_str(part);
    }
    open.push_str(match legend_hidden {
        true => "\">\n<legend class=\"visually-hidden\">",
        false => "\">\n<legend>",
    });
    open
}

/// An item's opening markup up to its label's text; written piece by piece, as every item of
/// every task list takes this road.
fn item_open(list: &str, item: &str) -> String {
    let mut open = String::with_capacity(80 + 2 * list.len() + 3 * item.len());
    for part in [
        "<li><input type=\"checkbox\" id=\"",
        list,
        "--",
        item,
        "\" data-item=\"",
        item,
        "\"> <label for=\"",
        list,
        "--",
        item,
        "\">",
    ] {
        open.push_str(part);
    }
    open
}

/// File line of a top-level key of a block's YAML (the block's first line if absent).
fn key_line(block: &Block, key: &str) -> usize {
    frontmatter::top_level_keys(&block.yaml, block.yaml_line)
        .into_iter()
        .find(|k| k.key == key)
        .map_or(block.yaml_line, |k| k.line)
}

#[cfg(test)]
mod tests {
    use crate::widgets::{item_id, render_test_page};

    const BLOCK: &str = "Intro.\n\n```checklist\nid: ready\ntitle: Before you *reach* out\ndone: You are ready.\nitems:\n  - I have rested\n  - id: named\n    text: I can name my part\n```\n";

    #[test]
    fn block_emits_the_contract_fieldset() {
        let (r, problems) = render_test_page(BLOCK);
        assert!(problems.is_empty(), "{problems:?}");
        let rested = item_id("I have rested");
        let expected = format!(
            "<p>Intro.</p>\n<fieldset class=\"checklist\" id=\"checklist-ready\" data-checklist=\"ready\">\n<legend>Before you <em>reach</em> out</legend>\n<ul class=\"checklist-items\">\n<li><input type=\"checkbox\" id=\"ready--{rested}\" data-item=\"{rested}\"> <label for=\"ready--{rested}\">I have rested</label></li>\n<li><input type=\"checkbox\" id=\"ready--named\" data-item=\"named\"> <label for=\"ready--named\">I can name my part</label></li>\n</ul>\n<div class=\"checklist-done\" data-done hidden>You are ready.</div>\n</fieldset>\n"
        );
        assert_eq!(r.html, expected);
        let c = &r.checklists[0];
        assert_eq!(
            (c.id.as_str(), c.title.as_deref(), c.done.as_deref(), c.line),
            ("ready", Some("Before you reach out"), Some("You are ready."), 5)
        );
        let items: Vec<(&str, &str)> = c.items.iter().map(|i| (i.id.as_str(), i.text.as_str())).collect();
        assert_eq!(
            items,
            vec![(rested.as_str(), "I have rested"), ("named", "I can name my part")]
        );
        assert!(r.text[0]
            .text
            .contains("Before you reach out I have rested I can name my part You are ready."));
    }

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
    fn loose_items_keep_their_nested_blocks_below_the_label() {
        let (r, _) = render_test_page("- [ ] First\n\n  More about it.\n- [ ] Second\n  - detail\n");
        let first = item_id("First");
        let second = item_id("Second");
        assert!(
            r.html.contains(&format!(
                "<label for=\"a-list--{first}\">First</label>\n<p>More about it.</p>\n</li>"
            )),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(&format!(
                "<label for=\"a-list--{second}\">Second</label>\n<ul>\n<li>detail</li>\n</ul>\n</li>"
            )),
            "{}",
            r.html
        );
    }

    #[test]
    fn plain_lists_stay_lists() {
        let (r, _) = render_test_page("- a\n- b\n");
        assert_eq!(r.html, "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
        assert!(r.checklists.is_empty());
    }

    #[test]
    fn block_without_id_derives_one_from_the_title() {
        let (r, _) = render_test_page(
            "```checklist\ntitle: Ready?\nitems: [one]\n```\n\n```checklist\ntitle: Ready?\nitems: [two]\n```\n",
        );
        let ids: Vec<&str> = r.checklists.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec!["a-ready", "a-ready-2"]);
    }

    #[test]
    fn errors_point_at_lines_of_the_md_file() {
        let (_, p) = render_test_page("Text\n\n```checklist\nitems: []\n```\n");
        let got: Vec<(usize, usize, &str)> = p.iter().map(|d| (d.line, d.col, d.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (5, 1, "checklist block needs a \"title\""),
                (5, 1, "checklist block needs at least one item"),
            ]
        );
        let (_, p) = render_test_page("```checklist\ntitle: T\nitmes:\n  - a\n```\n");
        assert_eq!((p[0].line, p[0].message.as_str()), (5, "unknown YAML key \"itmes\""));
        assert_eq!(p[0].hint.as_deref(), Some("did you mean \"items\"?"));
        let (_, p) = render_test_page("```checklist\ntitle: T\nid: Not ok\nitems: [a]\n```\n");
        assert_eq!(
            (p[0].line, p[0].message.as_str()),
            (5, "invalid checklist id \"Not ok\"")
        );
        let (_, p) = render_test_page("```checklist\ntitle: T\nitems:\n  - a\n  - id: x\n    txet: b\n```\n");
        assert_eq!(p[0].message, "a checklist item is either text or `id:` and `text:`");
        let (_, p) = render_test_page("```checklist\ntitle: T\nitems:\n  - ok\n  - id: Bad Id\n    text: x\n```\n");
        assert_eq!(
            (p[0].line, p[0].message.as_str()),
            (7, "invalid checklist item id \"Bad Id\"")
        );
    }

    #[test]
    fn duplicate_items_are_errors() {
        let (_, p) = render_test_page("## A\n\n- [ ] Rest\n- [ ] rest\n");
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].line, p[0].col), (6, 1));
        assert_eq!(
            p[0].message,
            format!("two items of checklist \"a-a\" have the id \"{}\"", item_id("rest"))
        );
        let (_, p) = render_test_page(
            "```checklist\nid: x\ntitle: T\nitems: [a]\n```\n```checklist\nid: x\ntitle: U\nitems: [b]\n```\n",
        );
        assert_eq!(
            (p[0].line, p[0].message.as_str()),
            (9, "duplicate checklist id \"x\" on this page")
        );
    }
}
