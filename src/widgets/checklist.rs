//! Checklists: every ```checklist block and every plain task list becomes a
//! `<fieldset class="checklist">` with stable ids, and a `Checklist` for later stages.

use super::task_list::{self, TaskItem};
use super::{escape, fence_lang, item_id, item_lines, located_markdown, plain_text, read_block, slug, valid_id};
use super::{Block, Body, Piece, Text};
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

    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(piece) = self.queue.pop_front() {
            return Some(piece);
        }
        let piece = self.inner.next()?;
        match &piece {
            Piece::Event(Event::Start(Tag::Heading { id, .. }), _) => {
                self.heading = Some((id.as_deref().unwrap_or_default().to_string(), String::new()));
                self.in_heading = true;
            }
            Piece::Event(Event::Text(t) | Event::Code(t), _) if self.in_heading => {
                if let Some((_, text)) = &mut self.heading {
                    text.push_str(t);
                }
            }
            Piece::Event(Event::End(TagEnd::Heading(_)), _) => self.in_heading = false,
            Piece::Event(e, r) if fence_lang(e) == Some("checklist") => {
                let block = read_block(&mut self.inner, r.clone(), self.body);
                let pieces = self.block(&block);
                self.queue.extend(pieces);
                return self.queue.pop_front();
            }
            Piece::Event(Event::Start(Tag::List(_)), r) => {
                let at = r.start;
                let list = task_list::read_list(piece, &mut self.inner);
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
        Some(piece)
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
    at: usize,
}

impl<'a, I> Checklists<'_, 'a, I> {
    fn task_list(&mut self, items: Vec<TaskItem<'a>>, at: usize) -> Vec<Piece<'a>> {
        let (base, title) = match &self.heading {
            Some((id, text)) if !id.is_empty() => (id.clone(), text.clone()),
            _ => ("list".to_string(), "Checklist".to_string()),
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
            at,
        })
    }

    fn block(&mut self, block: &Block) -> Vec<Piece<'a>> {
        let at = block.range.start;
        let raw: RawChecklist = match frontmatter::parse(&block.yaml, block.yaml_line, self.body.path) {
            Ok(raw) => raw,
            Err(mut d) => {
                if d.message.contains("untagged enum") {
                    d.message = "a checklist item is either text or `id:` and `text:`".into();
                    d.hint = Some("write `- I have rested` or `- id: rested` with `text: I have rested` below".into());
                }
                return vec![Piece::Problem(d)];
            }
        };
        let mut problems = Vec::new();
        let title = raw.title.map(|t| t.0).filter(|t| !t.trim().is_empty());
        let raw_items = raw.items.unwrap_or_default();
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
        let id = match raw.id.map(|t| t.0) {
            Some(id) if !valid_id(&id) => {
                problems.push(
                    self.key_error(block, "id", format!("invalid checklist id \"{id}\""))
                        .hint("use letters, digits, `-` and `_`, e.g. `id: before-you-reach-out`"),
                );
                None
            }
            Some(id) if self.used.contains(&id) => {
                problems.push(
                    self.key_error(block, "id", format!("duplicate checklist id \"{id}\" on this page"))
                        .hint("give each checklist its own `id:`"),
                );
                None
            }
            other => other,
        };
        if !problems.is_empty() {
            return problems.into_iter().map(Piece::Problem).collect();
        }
        let title = title.unwrap_or_default();
        let id = match id {
            Some(id) => {
                self.used.push(id.clone());
                id
            }
            None => self.derived_id(&slug(&title)),
        };
        let lines = item_lines(&block.yaml, Some("items"));
        let mut items = Vec::new();
        let mut ids = Vec::new();
        for (n, raw) in raw_items.into_iter().enumerate() {
            let line = block.yaml_line + lines.get(n).copied().unwrap_or(0);
            let (explicit, text) = match raw {
                RawItem::Text(t) => (None, t.0),
                RawItem::Full(f) => (f.id.map(|t| t.0), f.text.0),
            };
            let label = located_markdown(self.body, block, line, &text, true);
            let text = plain_text(&label).trim().to_string();
            if let Some(bad) = explicit.as_deref().filter(|id| !valid_id(id)) {
                let d = self.body.error(
                    self.body.line_offset(line),
                    format!("invalid checklist item id \"{bad}\""),
                );
                return vec![Piece::Problem(d.hint("use letters, digits, `-` and `_`"))];
            }
            ids.push(explicit.unwrap_or_else(|| item_id(&text)));
            let at = self.body.line_offset(line);
            items.push(TaskItem {
                text,
                label,
                rest: Vec::new(),
                at,
            });
        }
        let title_pieces = located_markdown(self.body, block, key_line(block, "title"), &title, true);
        let title_text = plain_text(&title_pieces).trim().to_string();
        let done_line = key_line(block, "done");
        self.emit(Draft {
            id,
            title: title_pieces,
            title_text,
            done: raw
                .done
                .map(|d| located_markdown(self.body, block, done_line, &d.0, true)),
            items,
            ids,
            at,
        })
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

    fn block_error(&self, block: &Block, message: &str) -> crate::diagnostic::Diagnostic {
        self.body.error(block.range.start, message).span(3 + "checklist".len())
    }

    fn key_error(&self, block: &Block, key: &str, message: String) -> crate::diagnostic::Diagnostic {
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
            at,
        } = draft;
        let mut out = Vec::new();
        for (n, item) in ids.iter().enumerate() {
            if ids[..n].contains(item) {
                let d = self.body.error(
                    items[n].at,
                    format!("two items of checklist \"{id}\" have the id \"{item}\""),
                );
                out.push(Piece::Problem(d.hint(
                    "reword one of them, or give them explicit `id:`s in a ```checklist block",
                )));
            }
        }
        let checklist = Checklist {
            id: id.clone(),
            title: Some(title_text),
            done: done.as_ref().map(|d| plain_text(d).trim().to_string()),
            items: items
                .iter()
                .zip(&ids)
                .map(|(i, id)| ChecklistItem {
                    id: id.clone(),
                    text: i.text.clone(),
                })
                .collect(),
            line: self.body.position(at).0,
        };
        out.push(Piece::html(
            format!("<fieldset class=\"checklist\" id=\"{id}\" data-checklist=\"{id}\">\n<legend>"),
            at,
        ));
        out.extend(title);
        out.push(Piece::html("</legend>\n<ul class=\"checklist-items\">\n", at));
        for (item, item_id) in items.into_iter().zip(&ids) {
            let both = format!("{id}--{item_id}");
            out.push(Piece::html(
                format!("<li><input type=\"checkbox\" id=\"{both}\" data-item=\"{item_id}\"> <label for=\"{both}\">"),
                item.at,
            ));
            out.extend(item.label);
            out.push(Piece::html("</label>", item.at));
            out.extend(item.rest);
            out.push(Piece::html("</li>\n", item.at));
        }
        out.push(Piece::html("</ul>\n", at));
        if let Some(done) = done {
            out.push(Piece::html("<div class=\"checklist-done\" data-done hidden>", at));
            out.extend(done);
            out.push(Piece::html("</div>\n", at));
        }
        out.push(Piece::html("</fieldset>\n", at));
        out.push(Piece::Checklist(checklist));
        out
    }
}

/// File line of a top-level key of a block's YAML (the block's first line if absent).
fn key_line(block: &Block, key: &str) -> usize {
    frontmatter::top_level_keys(&block.yaml, block.yaml_line)
        .into_iter()
        .find(|k| k.key == key)
        .map_or(block.yaml_line, |k| k.line)
}
