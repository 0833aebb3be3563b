//! Do's and don'ts: a ```dos-and-donts block (`do:` and `dont:` lists) becomes two labelled lists.

use super::{item_lines, located_markdown, Block, Body, Piece, Text};
use crate::frontmatter;
use serde::Deserialize;

/// The block exactly as an editor writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDosAndDonts {
    #[serde(rename = "do")]
    dos: Option<Vec<Text>>,
    dont: Option<Vec<Text>>,
}

/// Renders a ```dos-and-donts block (for `widgets::Fenced`).
pub fn render(block: &Block, body: &Body) -> Vec<Piece<'static>> {
    let at = block.range.start;
    let raw: RawDosAndDonts = match frontmatter::parse(&block.yaml, block.yaml_line, body.path) {
        Ok(raw) => raw,
        Err(d) => return vec![Piece::Problem(d)],
    };
    let dos = raw.dos.unwrap_or_default();
    let donts = raw.dont.unwrap_or_default();
    if dos.is_empty() && donts.is_empty() {
        return vec![Piece::Problem(
            body.error(at, "dos-and-donts block needs a `do` or a `dont` list")
                .span(16)
                .hint("add `do:` and/or `dont:`, each with one `- …` line per point"),
        )];
    }
    let mut out = vec![Piece::html("<div class=\"dos-and-donts\">", at)];
    for (key, class, title, items) in [("do", "dos", "Do", dos), ("dont", "donts", "Do not", donts)] {
        if items.is_empty() {
            continue;
        }
        out.push(Piece::html(
            format!("<div class=\"{class}\"><p class=\"{class}-title\">{title}</p><ul>"),
            at,
        ));
        let lines = item_lines(&block.yaml, Some(key));
        for (n, item) in items.into_iter().enumerate() {
            let line = block.yaml_line + lines.get(n).copied().unwrap_or(0);
            out.push(Piece::html("<li>", at));
            out.extend(located_markdown(body, block, line, &item.0, true));
            out.push(Piece::html("</li>", at));
        }
        out.push(Piece::html("</ul></div>", at));
    }
    out.push(Piece::html("</div>\n", at));
    out
}
