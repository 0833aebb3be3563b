//! A checklist's markup: a `Draft` (from a ```checklist block or a task list) becomes the
//! contract's `<fieldset class="checklist">` and the `Checklist` later stages keep.

use super::task_list::TaskItem;
use super::{plain_text, Body, Piece};
use crate::markdown::{Checklist, ChecklistItem};

/// A checklist ready to emit; `items` carry their label and any blocks below it.
pub(super) struct Draft<'a> {
    pub id: String,
    pub title: Vec<Piece<'a>>,
    pub title_text: String,
    pub done: Option<Vec<Piece<'a>>>,
    pub items: Vec<TaskItem<'a>>,
    pub ids: Vec<String>,
    /// A task list's legend repeats the heading above it: screen readers need it, eyes do not.
    pub legend_hidden: bool,
    pub at: usize,
}

/// The fieldset's pieces, after a problem for each item whose id an earlier item already has.
pub(super) fn fieldset<'a>(body: &Body, draft: Draft<'a>) -> Vec<Piece<'a>> {
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
    let mut out = duplicate_items(body, &id, &items, &ids);
    let line = body.position(at).0;
    let done_text = done.as_ref().map(|d| plain_text(d).trim().to_string());
    out.push(Piece::html(fieldset_open(&id, legend_hidden), at));
    out.extend(title);
    out.push(Piece::html("</legend>\n<ul class=\"checklist-items\">\n", at));
    let kept = push_items(&mut out, &id, items, ids);
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

/// Two items with one id would share one checkbox id and one stored tick.
fn duplicate_items<'a>(body: &Body, id: &str, items: &[TaskItem], ids: &[String]) -> Vec<Piece<'a>> {
    let mut problems = Vec::new();
    for (n, item) in ids.iter().enumerate() {
        if ids[..n].contains(item) {
            let d = body.error(
                items[n].at,
                format!("two items of checklist \"{id}\" have the id \"{item}\""),
            );
            problems.push(Piece::problem(
                d.hint("reword one of them, or give them explicit `id:`s in a ```checklist block"),
            ));
        }
    }
    problems
}

/// Pushes each item's `<li>` onto `out`, and returns the items as the `Checklist` keeps them.
fn push_items<'a>(
    out: &mut Vec<Piece<'a>>,
    list: &str,
    items: Vec<TaskItem<'a>>,
    ids: Vec<String>,
) -> Vec<ChecklistItem> {
    let mut kept = Vec::with_capacity(items.len());
    for (item, item_id) in items.into_iter().zip(ids) {
        out.push(Piece::html(item_open(list, &item_id), item.at));
        out.extend(item.label);
        out.push(Piece::html("</label>", item.at));
        out.extend(item.rest);
        out.push(Piece::html("</li>\n", item.at));
        kept.push(ChecklistItem {
            id: item_id,
            text: item.text,
        });
    }
    kept
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

#[cfg(test)]
mod tests {
    use crate::widgets::{item_id, render_test_page};

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
    fn duplicate_items_are_errors() {
        let (_, p) = render_test_page("## A\n\n- [ ] Rest\n- [ ] rest\n");
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].line, p[0].col), (6, 1));
        assert_eq!(
            p[0].message,
            format!("two items of checklist \"a-a\" have the id \"{}\"", item_id("rest"))
        );
    }
}
