//! A checklist's markup: a `Draft` (from a ```checklist block or a task list) becomes the
//! contract's `<fieldset class="checklist">` and the `Checklist` later stages keep.

use super::task_list::{read_list, task_items, TaskItem};
use super::{fence_lang, item_id, plain_text, Body, Piece};
use crate::markdown::{Checklist, ChecklistItem};
use pulldown_cmark::{Event, Tag};

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
    /// Where an ordered task list starts; `None` for a bullet list.
    pub start: Option<u64>,
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
        start,
        at,
    } = draft;
    let mut out = duplicate_items(body, &id, &items, &ids);
    out.extend(empty_items(body, &items));
    let line = body.position(at).0;
    let done_text = done.as_ref().map(|d| plain_text(d).trim().to_string());
    out.push(Piece::html(fieldset_open(&id, legend_hidden), at));
    out.extend(title);
    out.push(Piece::html("</legend>\n", at));
    let mut kept = Vec::new();
    push_list(&mut out, &mut kept, body, &id, start, items, ids, at);
    if let Some(done) = done {
        out.push(Piece::html("<div class=\"checklist-done\" data-done hidden>", at));
        out.extend(done);
        out.push(Piece::html("</div>\n", at));
    }
    out.push(Piece::html(controls(body.words, kept.len()), at));
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
        // Two items with no words are reported as such (`empty_items`), not also as one id.
        if ids[..n].contains(item) && !items[n].text.trim().is_empty() {
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

/// A box with no words has nothing to say what a tick means, to a reader or a screen reader.
fn empty_items<'a>(body: &Body, items: &[TaskItem]) -> Vec<Piece<'a>> {
    items
        .iter()
        .filter(|item| item.tick.is_some() && item.text.trim().is_empty())
        .map(|item| {
            Piece::problem(
                body.error(item.at, "this checklist item has no words")
                    .hint("write what the reader ticks after `- [ ] `, or delete the line"),
            )
        })
        .collect()
}

/// Pushes a list of items, `<ul>` or `<ol>` as the editor wrote it, onto `out`; its tasks (and
/// those of task lists nested in its items) go to `kept`. Plain items get no box.
#[allow(clippy::too_many_arguments)] // one list's pieces, passed down for nested lists
fn push_list<'a>(
    out: &mut Vec<Piece<'a>>,
    kept: &mut Vec<ChecklistItem>,
    body: &Body,
    list: &str,
    start: Option<u64>,
    items: Vec<TaskItem<'a>>,
    ids: Vec<String>,
    at: usize,
) {
    let close = match start {
        None => {
            out.push(Piece::html("<ul class=\"checklist-items\">\n", at));
            "</ul>\n"
        }
        Some(1) => {
            out.push(Piece::html("<ol class=\"checklist-items\">\n", at));
            "</ol>\n"
        }
        Some(n) => {
            out.push(Piece::html(
                format!("<ol class=\"checklist-items\" start=\"{n}\">\n"),
                at,
            ));
            "</ol>\n"
        }
    };
    for (item, item_id) in items.into_iter().zip(ids) {
        match item.tick {
            Some(ticked) => {
                out.push(Piece::html(item_open(list, &item_id, ticked), item.at));
                out.extend(item.label);
                out.push(Piece::html("</label>", item.at));
                kept.push(ChecklistItem {
                    id: item_id,
                    text: item.text,
                });
            }
            None => {
                out.push(Piece::html("<li class=\"checklist-plain\">", item.at));
                out.extend(item.label);
            }
        }
        push_nested(out, kept, body, list, item.rest);
        out.push(Piece::html("</li>\n", item.at));
    }
    out.push(Piece::html(close, at));
}

/// The blocks below an item's label: task lists among them join the checklist (boxes and
/// all); a ```checklist block cannot stand inside a checklist.
fn push_nested<'a>(
    out: &mut Vec<Piece<'a>>,
    kept: &mut Vec<ChecklistItem>,
    body: &Body,
    list: &str,
    rest: Vec<Piece<'a>>,
) {
    let mut pieces = rest.into_iter();
    while let Some(piece) = pieces.next() {
        match &piece {
            Piece::Event(Event::Start(Tag::List(_)), r) => {
                let at = r.start;
                match task_items(read_list(piece, &mut pieces)) {
                    Ok(sub) => {
                        let ids = sub.items.iter().map(|i| item_id(&i.text)).collect();
                        push_list(out, kept, body, list, sub.start, sub.items, ids, at);
                    }
                    Err(plain) => out.extend(plain),
                }
            }
            Piece::Event(e, r) if fence_lang(e) == Some("checklist") => {
                let d = body.error(r.start, "a ```checklist block cannot stand inside a checklist item");
                out.push(Piece::problem(d.hint("move it out of the list, below it")));
                out.push(piece);
            }
            _ => out.push(piece),
        }
    }
}

/// What handbook.js brings to life: progress, "Your ticks" and the can't-save note. Written here
/// rather than by the script, so the checklist does not grow under the reader's eyes (a layout
/// shift); hidden when scripting is off (style.css), left out of the EPUB and of print. The
/// button is an `<input type="button">` because the sanitiser removes editors' `<button>`s from
/// pages with raw HTML, and it cleans the whole page, widgets included.
pub(super) fn controls(words: &super::Words, items: usize) -> String {
    let e = super::ids::escape;
    format!(
        "<div class=\"checklist-status\"><p class=\"checklist-progress\" role=\"status\">{}</p>\
         <progress max=\"{}\" value=\"0\" aria-hidden=\"true\"></progress></div>\n\
         <fieldset class=\"checklist-controls\"><legend>{}</legend>\
         <label><input type=\"checkbox\" data-remember>{}</label>\
         <input type=\"button\" data-clear value=\"{}\"></fieldset>\n\
         <p class=\"checklist-note\" hidden>{}</p>\n",
        e(&words.ticked_none.replace("{count}", &items.to_string())),
        items.max(1),
        e(&words.your_ticks),
        e(&words.remember_ticks),
        e(&words.clear_answers),
        e(&words.cannot_save),
    )
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
/// every task list takes this road. The label wraps its box so the whole row ticks it.
fn item_open(list: &str, item: &str, ticked: bool) -> String {
    let mut open = String::with_capacity(64 + list.len() + 2 * item.len());
    for part in [
        "<li><label><input type=\"checkbox\" id=\"",
        list,
        "--",
        item,
        "\" data-item=\"",
        item,
        if ticked { "\" checked> " } else { "\"> " },
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
                "<label><input type=\"checkbox\" id=\"a-list--{first}\" data-item=\"{first}\"> First</label>\n<p>More about it.</p>\n</li>"
            )),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(&format!(
                "data-item=\"{second}\"> Second</label>\n<ul>\n<li>detail</li>\n</ul>\n</li>"
            )),
            "{}",
            r.html
        );
    }

    #[test]
    fn progress_and_controls_are_written_with_the_page_in_its_language() {
        let (r, _) = render_test_page("## A\n\n- [ ] Rest\n- [x] Call\n");
        assert!(
            r.html.ends_with(
                "<div class=\"checklist-status\"><p class=\"checklist-progress\" role=\"status\">You have ticked 0 of 2.</p>\
                 <progress max=\"2\" value=\"0\" aria-hidden=\"true\"></progress></div>\n\
                 <fieldset class=\"checklist-controls\"><legend>Your ticks</legend><label><input type=\"checkbox\" data-remember> Remember my ticks on this device</label>\
                 <input type=\"button\" data-clear value=\"Clear my answers\"></fieldset>\n\
                 <p class=\"checklist-note\" hidden>Your ticks cannot be saved in this browser, so they will be gone when you leave this page.</p>\n</fieldset>\n"
            ),
            "{}",
            r.html
        );
        let french = crate::widgets::Words::french();
        let (r, _) = crate::widgets::render_test_page_in("## A\n\n- [ ] Repos\n", &french);
        assert!(
            r.html
                .contains(&format!(">{}</p>", french.ticked_none.replace("{count}", "1"))),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(&format!("<legend>{}</legend>", french.your_ticks)),
            "{}",
            r.html
        );
        assert_ne!(french.your_ticks, "Your ticks");
    }

    #[test]
    fn an_item_with_no_words_is_an_error_at_its_line() {
        let (_, p) = render_test_page("## A\n\n- [ ] Rest\n- [ ]\n- [x]   \n");
        let got: Vec<_> = p.iter().map(|d| (d.line, d.col, d.message.as_str())).collect();
        assert_eq!(
            got,
            [
                (6, 1, "this checklist item has no words"),
                (7, 1, "this checklist item has no words")
            ]
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

#[cfg(test)]
mod structure {
    use crate::widgets::{item_id, render_test_page};

    #[test]
    fn task_lists_keep_order_nesting_ticks_and_plain_items() {
        let (r, p) =
            render_test_page("## Plan\n\n3. [x] Rest\n4. Plain note\n5. [ ] Call\n   - [ ] Ask first\n   - more\n");
        assert!(p.is_empty(), "{p:?}");
        let (rest, call, ask) = (item_id("Rest"), item_id("Call"), item_id("Ask first"));
        let expected = format!(
            "<ol class=\"checklist-items\" start=\"3\">\n<li><label><input type=\"checkbox\" id=\"a-plan--{rest}\" data-item=\"{rest}\" checked> Rest</label></li>\n<li class=\"checklist-plain\">Plain note</li>\n<li><label><input type=\"checkbox\" id=\"a-plan--{call}\" data-item=\"{call}\"> Call</label><ul class=\"checklist-items\">\n<li><label><input type=\"checkbox\" id=\"a-plan--{ask}\" data-item=\"{ask}\"> Ask first</label></li>\n<li class=\"checklist-plain\">more</li>\n</ul>\n</li>\n</ol>\n"
        );
        assert!(r.html.contains(&expected), "{}", r.html);
        let items: Vec<&str> = r.checklists[0].items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(items, vec!["Rest", "Call", "Ask first"]);
        assert!(!r.html.contains("disabled"));
    }

    #[test]
    fn task_lists_and_checklist_blocks_inside_plain_lists_are_converted() {
        let body = "- Before:\n  - [ ] Rest\n- Then:\n\n  ```checklist\n  title: T\n  items: [a]\n  ```\n";
        let (r, p) = render_test_page(body);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r.checklists.len(), 2, "{}", r.html);
        assert!(!r.html.contains("language-checklist"), "{}", r.html);
        assert!(
            r.html.starts_with("<ul>\n<li>\n<p>Before:</p>\n<fieldset"),
            "{}",
            r.html
        );
    }
}
