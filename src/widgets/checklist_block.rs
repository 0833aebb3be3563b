//! ```checklist blocks: their YAML read and checked into a `Draft`, or every problem found in it.

use super::checklist::PageIds;
use super::checklist_fieldset::Draft;
use super::task_list::TaskItem;
use super::{item_id, item_lines, located_markdown, parse_block, plain_text, slug, valid_id, Block, Body, Text};
use crate::diagnostic::Diagnostic;
use crate::frontmatter;
use serde::Deserialize;

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

/// The block as a checklist to emit; its explicit or derived id is taken in `ids`.
pub(super) fn draft<'a>(body: &Body, block: &Block, ids: &mut PageIds) -> Result<Draft<'a>, Vec<Diagnostic>> {
    let raw = parse_raw(body, block).map_err(|d| vec![d])?;
    let title = raw.title.map(|t| t.0).filter(|t| !t.trim().is_empty());
    let raw_items = raw.items.unwrap_or_default();
    let mut problems = missing_parts(body, block, title.is_some(), !raw_items.is_empty());
    problems.extend(over_indented(&block.yaml).into_iter().map(|n| {
        let line = block.yaml_line + n;
        body.error(
            body.line_offset(line),
            "this item is indented more than the one above, so YAML joins the two into one box",
        )
        .hint("start its `-` in the same column as the other items")
    }));
    let explicit = raw.id.map(|t| t.0);
    problems.extend(explicit.as_deref().and_then(|id| check_id(body, block, ids, id)));
    let (items, item_ids) = match block_items(body, block, raw_items) {
        Ok(items) if problems.is_empty() => items,
        Ok(_) => return Err(problems),
        Err(d) => return Err(problems.into_iter().chain([*d]).collect()),
    };
    let title = title.unwrap_or_default();
    let id = match explicit {
        Some(id) => ids.claim(id),
        None => ids.derive(&body.slug, &slug(&title)),
    };
    let title_pieces = located_markdown(body, block, key_line(block, "title"), &title, true);
    let done_line = key_line(block, "done");
    Ok(Draft {
        id,
        title_text: plain_text(&title_pieces).trim().to_string(),
        title: title_pieces,
        done: raw.done.map(|d| located_markdown(body, block, done_line, &d.0, true)),
        items,
        ids: item_ids,
        legend_hidden: false,
        start: None,
        at: block.range.start,
    })
}

/// The block's YAML; serde's word for a malformed item means nothing to an editor.
fn parse_raw(body: &Body, block: &Block) -> Result<RawChecklist, Diagnostic> {
    parse_block(block, body).map_err(|mut d| {
        if d.message.contains("untagged enum") {
            d.message = "a checklist item is either text or `id:` and `text:`".into();
            d.hint = Some("write `- I have rested` or `- id: rested` with `text: I have rested` below".into());
        }
        d
    })
}

fn missing_parts(body: &Body, block: &Block, has_title: bool, has_items: bool) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if !has_title {
        problems.push(
            block_error(body, block, "checklist block needs a \"title\"")
                .hint("add `title: …`: it is shown above the boxes"),
        );
    }
    if !has_items {
        problems.push(
            block_error(body, block, "checklist block needs at least one item")
                .hint("add `items:` with one `- …` line per box"),
        );
    }
    problems
}

/// A problem with an explicit checklist id: malformed, or taken on this page.
fn check_id(body: &Body, block: &Block, ids: &PageIds, id: &str) -> Option<Diagnostic> {
    if !valid_id(id) {
        let d = key_error(body, block, "id", format!("invalid checklist id \"{id}\""));
        return Some(d.hint("use letters, digits, `-` and `_`, e.g. `id: before-you-reach-out`"));
    }
    if ids.contains(id) {
        let d = key_error(
            body,
            block,
            "id",
            format!("duplicate checklist id \"{id}\" on this page"),
        );
        return Some(d.hint("give each checklist its own `id:`"));
    }
    None
}

/// The block's items with their labels, and their ids (explicit, else hashed from the text).
fn block_items<'a>(
    body: &Body,
    block: &Block,
    raw: Vec<RawItem>,
) -> Result<(Vec<TaskItem<'a>>, Vec<String>), Box<Diagnostic>> {
    let lines = item_lines(&block.yaml, Some("items"));
    let mut items = Vec::new();
    let mut ids = Vec::new();
    for (n, raw) in raw.into_iter().enumerate() {
        let line = block.yaml_line + lines.get(n).copied().unwrap_or(0);
        let at = body.line_offset(line);
        let (explicit, text) = match raw {
            RawItem::Text(t) => (None, t.0),
            RawItem::Full(f) => (f.id.map(|t| t.0), f.text.0),
        };
        if let Some(bad) = explicit.as_deref().filter(|id| !valid_id(id)) {
            let d = body.error(at, format!("invalid checklist item id \"{bad}\""));
            return Err(Box::new(d.hint("use letters, digits, `-` and `_`")));
        }
        let label = located_markdown(body, block, line, &text, true);
        let text = plain_text(&label).trim().to_string();
        ids.push(explicit.unwrap_or_else(|| item_id(&text)));
        items.push(TaskItem {
            tick: Some(false),
            text,
            label,
            rest: Vec::new(),
            at,
        });
    }
    Ok((items, ids))
}

/// Lines (counted from the YAML's first) of `- ` lines under `items:` that sit deeper than the
/// list, right below a plain text item: YAML reads them as that item's text continued.
fn over_indented(yaml: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let (mut inside, mut indent, mut previous_plain) = (false, None, false);
    for (n, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        let depth = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if depth == 0 && !trimmed.starts_with('-') {
            inside = trimmed
                .strip_prefix("items")
                .is_some_and(|r| r.trim_start().starts_with(':'));
            previous_plain = false;
            continue;
        }
        let item = trimmed.starts_with("- ");
        if inside && item && indent.is_some_and(|i| depth > i) && previous_plain {
            found.push(n);
            continue;
        }
        if inside && item && indent.is_none_or(|i| i == depth) {
            indent = Some(depth);
            previous_plain = !trimmed[2..].contains(": ") && !trimmed[2..].trim_end().ends_with(':');
        } else {
            previous_plain = false;
        }
    }
    found
}

fn block_error(body: &Body, block: &Block, message: &str) -> Diagnostic {
    body.error(block.range.start, message).span(3 + "checklist".len())
}

fn key_error(body: &Body, block: &Block, key: &str, message: String) -> Diagnostic {
    let line = key_line(block, key);
    body.error(body.line_offset(line), message).span(key.len())
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
            "<p>Intro.</p>\n<fieldset class=\"checklist\" id=\"checklist-ready\" data-checklist=\"ready\">\n<legend>Before you <em>reach</em> out</legend>\n<ul class=\"checklist-items\">\n<li><label><input type=\"checkbox\" id=\"ready--{rested}\" data-item=\"{rested}\"> I have rested</label></li>\n<li><label><input type=\"checkbox\" id=\"ready--named\" data-item=\"named\"> I can name my part</label></li>\n</ul>\n<div class=\"checklist-done\" data-done hidden>You are ready.</div>\n{}</fieldset>\n",
            super::super::checklist_fieldset::controls(&crate::widgets::Words::english(), 2)
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
    fn an_over_indented_item_is_an_error_not_one_merged_box() {
        let (_, p) = render_test_page("```checklist\ntitle: T\nitems:\n  - One\n    - Two\n  - Three\n```\n");
        let got: Vec<(usize, &str)> = p.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            got,
            vec![(
                7,
                "this item is indented more than the one above, so YAML joins the two into one box"
            )]
        );
        let (_, p) = render_test_page("```checklist\ntitle: T\nitems:\n  - id: a\n    text: A\n  - B\n```\n");
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn duplicate_checklist_ids_are_errors() {
        let (_, p) = render_test_page(
            "```checklist\nid: x\ntitle: T\nitems: [a]\n```\n```checklist\nid: x\ntitle: U\nitems: [b]\n```\n",
        );
        assert_eq!(
            (p[0].line, p[0].message.as_str()),
            (9, "duplicate checklist id \"x\" on this page")
        );
    }
}
