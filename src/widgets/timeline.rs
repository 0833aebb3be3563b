//! Timelines: a ```timeline block (a YAML list of steps) becomes `<ol class="timeline">`.

use super::{item_lines, located_markdown, Block, Body, Piece, Text};
use crate::frontmatter;
use serde::Deserialize;

/// One step exactly as an editor writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    when: Option<Text>,
    title: Option<Text>,
    body: Option<Text>,
}

/// Renders a ```timeline block (for `widgets::Fenced`).
pub fn render(block: &Block, body: &Body) -> Vec<Piece<'static>> {
    let at = block.range.start;
    if block.yaml.trim().is_empty() {
        return vec![Piece::Problem(
            body.error(at, "timeline block is empty")
                .span(11)
                .hint("add one `- when: …` with `title:` and `body:` per step"),
        )];
    }
    let steps: Vec<RawStep> = match frontmatter::parse(&block.yaml, block.yaml_line, body.path) {
        Ok(steps) => steps,
        Err(d) => return vec![Piece::Problem(d)],
    };
    let lines = item_lines(&block.yaml, None);
    let line_of = |n: usize| block.yaml_line + lines.get(n).copied().unwrap_or(0);
    let mut problems = Vec::new();
    for (n, step) in steps.iter().enumerate() {
        for (key, value) in [("when", &step.when), ("title", &step.title)] {
            if value.as_ref().is_none_or(|v| v.0.trim().is_empty()) {
                let d = body.error(
                    body.line_offset(line_of(n)),
                    format!("timeline step {} needs \"{key}\"", n + 1),
                );
                problems.push(Piece::Problem(d.hint(format!("add `{key}: …` to this step"))));
            }
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    let mut out = vec![Piece::html("<ol class=\"timeline\">\n", at)];
    for (n, step) in steps.into_iter().enumerate() {
        let line = line_of(n);
        let next = lines.get(n + 1).map_or(usize::MAX, |l| block.yaml_line + l);
        let field_line = |key: &str| field_line(block, line, next, key);
        let when = step.when.unwrap_or_default().0;
        let title = step.title.unwrap_or_default().0;
        out.push(Piece::html(
            "<li class=\"timeline-step\"><p class=\"timeline-when\">",
            at,
        ));
        out.extend(located_markdown(body, block, field_line("when"), &when, true));
        out.push(Piece::html("</p><p class=\"timeline-title\">", at));
        out.extend(located_markdown(body, block, field_line("title"), &title, true));
        out.push(Piece::html("</p>", at));
        if let Some(text) = step.body.filter(|b| !b.0.trim().is_empty()) {
            out.push(Piece::html("<div class=\"timeline-body\">", at));
            out.extend(located_markdown(body, block, field_line("body"), &text.0, false));
            out.push(Piece::html("</div>", at));
        }
        out.push(Piece::html("</li>\n", at));
    }
    out.push(Piece::html("</ol>\n", at));
    out
}

/// File line of `key:` within the step that spans file lines `from..to`.
fn field_line(block: &Block, from: usize, to: usize, key: &str) -> usize {
    block
        .yaml
        .lines()
        .enumerate()
        .map(|(i, l)| (block.yaml_line + i, l.trim_start().trim_start_matches("- ")))
        .filter(|(line, _)| (from..to).contains(line))
        .find(|(_, l)| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
        .map_or(from, |(line, _)| line)
}
