//! Timelines: a ```timeline block (a YAML list of steps) becomes `<ol class="timeline">`.

use super::{item_lines, located_markdown, parse_block, Block, Body, Piece, Text};
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
        return vec![Piece::problem(
            body.error(at, "timeline block is empty")
                .span(11)
                .hint("add one `- when: …` with `title:` and `body:` per step"),
        )];
    }
    let steps: Vec<RawStep> = match parse_block(block, body) {
        Ok(steps) => steps,
        Err(d) => return vec![Piece::problem(d)],
    };
    let lines = item_lines(&block.yaml, None);
    let line_of = |n: usize| block.yaml_line + lines.get(n).copied().unwrap_or(0);
    let mut problems = Vec::new();
    for (n, step) in steps.iter().enumerate() {
        for (key, value) in [("when", &step.when), ("title", &step.title), ("body", &step.body)] {
            if value.as_ref().is_none_or(|v| v.0.trim().is_empty()) {
                let d = body.error(
                    body.line_offset(line_of(n)),
                    format!("timeline step {} needs \"{key}\"", n + 1),
                );
                problems.push(Piece::problem(d.hint(format!("add `{key}: …` to this step"))));
            }
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    let yaml_lines: Vec<&str> = block.yaml.lines().collect();
    let mut out = vec![Piece::html("<ol class=\"timeline\">\n", at)];
    for (n, step) in steps.into_iter().enumerate() {
        let line = line_of(n);
        let next = lines.get(n + 1).map_or(usize::MAX, |l| block.yaml_line + l);
        let field_line = |key: &str| field_line(&yaml_lines, block.yaml_line, line, next, key);
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

/// File line of `key:` within the step that spans file lines `from..to`; `yaml` holds the
/// block's lines, the first on file line `first`.
fn field_line(yaml: &[&str], first: usize, from: usize, to: usize, key: &str) -> usize {
    let start = from.saturating_sub(first).min(yaml.len());
    let end = to.saturating_sub(first).clamp(start, yaml.len());
    yaml[start..end]
        .iter()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ");
            l.strip_prefix(key).is_some_and(|r| r.starts_with(':'))
        })
        .map_or(from, |i| first + start + i)
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    #[test]
    fn emits_the_contract_timeline() {
        let body = "```timeline\n- when: Months 1–2\n  title: Space\n  body: See [the FAQ](../faq/b.md).\n- when: 3\n  title: Talk\n  body: Calmly.\n```\n";
        let (r, problems) = render_test_page(body);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            r.html,
            "<ol class=\"timeline\">\n<li class=\"timeline-step\"><p class=\"timeline-when\">Months 1–2</p><p class=\"timeline-title\">Space</p><div class=\"timeline-body\">\n<p>See <a href=\"../faq/b.html\">the FAQ</a>.</p>\n</div></li>\n<li class=\"timeline-step\"><p class=\"timeline-when\">3</p><p class=\"timeline-title\">Talk</p><div class=\"timeline-body\">\n<p>Calmly.</p>\n</div></li>\n</ol>\n"
        );
        let link = &r.links[0];
        assert_eq!((link.target.as_str(), link.line, link.col), ("faq/b.md", 6, 13));
        assert_eq!(r.text[0].text, "Months 1–2 Space See the FAQ. 3 Talk Calmly.");
    }

    #[test]
    fn missing_fields_are_reported_at_the_step() {
        let (_, p) = render_test_page("Intro\n\n```timeline\n- when: 1\n  title: A\n- when: 2\n  body: B\n```\n");
        let got: Vec<(usize, &str)> = p.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (6, "timeline step 1 needs \"body\""),
                (8, "timeline step 2 needs \"title\"")
            ]
        );
    }

    #[test]
    fn yaml_errors_and_empty_blocks_point_into_the_md_file() {
        let (_, p) = render_test_page("```timeline\n- when: 1\n  titel: A\n```\n");
        assert_eq!((p[0].line, p[0].message.as_str()), (5, "unknown YAML key \"titel\""));
        assert_eq!(p[0].hint.as_deref(), Some("did you mean \"title\"?"));
        let (_, p) = render_test_page("\n```timeline\n```\n");
        assert_eq!(
            (p[0].line, p[0].col, p[0].message.as_str()),
            (4, 1, "timeline block is empty")
        );
    }
}
