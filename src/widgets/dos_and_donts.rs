//! Do's and don'ts: a ```dos-and-donts block (`do:` and `dont:` lists) becomes two labelled lists.

use super::{escape, item_lines, located_markdown, parse_block, Block, Body, Piece, Text};
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
    let raw: RawDosAndDonts = match parse_block(block, body) {
        Ok(raw) => raw,
        Err(d) => return vec![Piece::problem(d)],
    };
    let dos = raw.dos.unwrap_or_default();
    let donts = raw.dont.unwrap_or_default();
    if dos.is_empty() && donts.is_empty() {
        return vec![Piece::problem(
            body.error(at, "dos-and-donts block needs a `do` or a `dont` list")
                .span(16)
                .hint("add `do:` and/or `dont:`, each with one `- …` line per point"),
        )];
    }
    let mut out = vec![Piece::html("<div class=\"dos-and-donts\">", at)];
    let words = body.words;
    for (key, class, title, items) in [("do", "dos", &words.dos, dos), ("dont", "donts", &words.donts, donts)] {
        if items.is_empty() {
            continue;
        }
        out.push(Piece::html(
            format!(
                "<div class=\"{class}\"><p class=\"{class}-title\">{}</p><ul>",
                escape(title)
            ),
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

#[cfg(test)]
mod tests {
    use crate::widgets::{render_test_page, render_test_page_in, Words};

    #[test]
    fn emits_the_contract_lists() {
        let (r, problems) = render_test_page(
            "```dos-and-donts\ndo:\n  - Respect *silence*\ndont:\n  - Message again\n  - Turn up\n```\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            r.html,
            "<div class=\"dos-and-donts\"><div class=\"dos\"><p class=\"dos-title\">Do</p><ul><li>Respect <em>silence</em></li></ul></div><div class=\"donts\"><p class=\"donts-title\">Do not</p><ul><li>Message again</li><li>Turn up</li></ul></div></div>\n"
        );
    }

    #[test]
    fn titles_are_in_the_page_language() {
        let (r, _) = render_test_page_in(
            "```dos-and-donts\ndo: [Attendre]\ndont: [Insister]\n```\n",
            &Words::french(),
        );
        assert_eq!(
            r.html,
            "<div class=\"dos-and-donts\"><div class=\"dos\"><p class=\"dos-title\">À faire</p><ul><li>Attendre</li></ul></div><div class=\"donts\"><p class=\"donts-title\">À éviter</p><ul><li>Insister</li></ul></div></div>\n"
        );
    }

    #[test]
    fn one_side_is_enough() {
        let (r, _) = render_test_page("```dos-and-donts\ndont: [Rush]\n```\n");
        assert_eq!(
            r.html,
            "<div class=\"dos-and-donts\"><div class=\"donts\"><p class=\"donts-title\">Do not</p><ul><li>Rush</li></ul></div></div>\n"
        );
    }

    #[test]
    fn errors_name_the_md_line() {
        let (_, p) = render_test_page("x\n\n```dos-and-donts\n```\n");
        assert_eq!(
            (p[0].line, p[0].message.as_str()),
            (5, "dos-and-donts block needs a `do` or a `dont` list")
        );
        let (_, p) = render_test_page("```dos-and-donts\ndo: [a]\ndonts: [b]\n```\n");
        assert_eq!((p[0].line, p[0].message.as_str()), (5, "unknown YAML key \"donts\""));
        assert_eq!(p[0].hint.as_deref(), Some("did you mean \"dont\"?"));
    }
}
