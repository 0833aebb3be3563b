//! Plain GFM task lists, taken apart into checklist items (marker dropped, label split from any
//! nested blocks) for `checklist` to render.

use super::{plain_text, Piece};
use pulldown_cmark::{Event, Tag, TagEnd};

/// A task list: its items, and where an ordered list starts (`None` for a bullet list).
pub struct TaskList<'a> {
    pub start: Option<u64>,
    pub items: Vec<TaskItem<'a>>,
}

/// One item of a task list.
pub struct TaskItem<'a> {
    /// `Some(ticked)` for a task (`- [ ]`, `- [x]`), `None` for a plain item, which gets no box.
    pub tick: Option<bool>,
    /// Plain text of the label, the source of the item's id.
    pub text: String,
    /// Inline events of the item's first paragraph: the label.
    pub label: Vec<Piece<'a>>,
    /// Blocks after the label (nested lists, further paragraphs), kept below it.
    pub rest: Vec<Piece<'a>>,
    /// Byte offset of the item in the body.
    pub at: usize,
}

/// Reads a whole list, nested lists included, from its `Start` piece.
pub fn read_list<'a>(start: Piece<'a>, inner: &mut impl Iterator<Item = Piece<'a>>) -> Vec<Piece<'a>> {
    let mut list = vec![start];
    let mut depth = 1;
    for piece in inner.by_ref() {
        match &piece {
            Piece::Event(Event::Start(Tag::List(_)), _) => depth += 1,
            Piece::Event(Event::End(TagEnd::List(_)), _) => depth -= 1,
            _ => {}
        }
        list.push(piece);
        if depth == 0 {
            break;
        }
    }
    list
}

/// The items of a task list, or the list back unchanged if none of its own items is a task.
pub fn task_items(list: Vec<Piece>) -> Result<TaskList, Vec<Piece>> {
    let start = match list.first() {
        Some(Piece::Event(Event::Start(Tag::List(start)), _)) => *start,
        _ => None,
    };
    let mut depth = 0;
    let is_task = list.iter().any(|p| match p {
        Piece::Event(Event::Start(Tag::List(_)), _) => {
            depth += 1;
            false
        }
        Piece::Event(Event::End(TagEnd::List(_)), _) => {
            depth -= 1;
            false
        }
        Piece::Event(Event::TaskListMarker(_), _) => depth == 1,
        _ => false,
    });
    if !is_task {
        return Err(list);
    }
    let mut items = Vec::new();
    let mut current: Option<(usize, Vec<Piece>)> = None;
    let mut tick = None;
    let mut depth = 0;
    for piece in list {
        match &piece {
            Piece::Event(Event::Start(Tag::List(_)), _) => depth += 1,
            Piece::Event(Event::End(TagEnd::List(_)), _) => depth -= 1,
            _ => {}
        }
        match (depth, piece, current.as_mut()) {
            (1, Piece::Event(Event::Start(Tag::Item), r), None) => current = Some((r.start, Vec::new())),
            (1, Piece::Event(Event::End(TagEnd::Item), _), Some(_)) => {
                let (at, content) = current.take().unwrap_or_default();
                items.push(split_item(at, content, tick.take()));
            }
            (1, Piece::Event(Event::TaskListMarker(ticked), _), Some(_)) => tick = Some(ticked),
            (_, piece, Some((_, content))) => content.push(piece),
            _ => {}
        }
    }
    Ok(TaskList { start, items })
}

/// Splits an item's content into its label (first paragraph or leading inline events) and the
/// blocks after it.
fn split_item(at: usize, content: Vec<Piece>, tick: Option<bool>) -> TaskItem {
    let mut label = Vec::new();
    let mut rest = Vec::new();
    let mut pieces = content.into_iter().peekable();
    if matches!(pieces.peek(), Some(Piece::Event(Event::Start(Tag::Paragraph), _))) {
        pieces.next();
        for piece in pieces.by_ref() {
            if matches!(piece, Piece::Event(Event::End(TagEnd::Paragraph), _)) {
                break;
            }
            label.push(piece);
        }
    } else {
        while let Some(piece) = pieces.next_if(|p| !starts_block(p)) {
            label.push(piece);
        }
    }
    rest.extend(pieces);
    TaskItem {
        tick,
        text: plain_text(&label).trim().to_string(),
        label,
        rest,
        at,
    }
}

fn starts_block(piece: &Piece) -> bool {
    matches!(
        piece,
        Piece::Event(
            Event::Start(
                Tag::Paragraph
                    | Tag::List(_)
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::Table(_)
                    | Tag::Heading { .. }
            ) | Event::Rule,
            _
        )
    )
}

/// Where a label goes on, after a line break, with what looks like another task item (`- [ ]`,
/// `[x]`): a line indented too far for an item of its own, so the parser joined it to this one.
pub fn merged_item(label: &[Piece]) -> Option<usize> {
    let mut after_break = false;
    let mut text = String::new();
    let mut at = 0;
    for piece in label {
        match piece {
            Piece::Event(Event::SoftBreak, _) => {
                after_break = true;
                text.clear();
            }
            Piece::Event(Event::Text(t), r) if after_break => {
                if text.is_empty() {
                    at = r.start;
                }
                text.push_str(t);
                let line = text.trim_start_matches(['-', '*', '+', ' ']);
                if line.len() >= 3 && ["[ ]", "[x]", "[X]"].iter().any(|m| line.starts_with(m)) {
                    return Some(at);
                }
            }
            _ => after_break = false,
        }
    }
    None
}
