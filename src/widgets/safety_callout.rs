//! The safety callout: an empty ```safety-callout block on a page that leads towards contact
//! becomes the standard "stop here" caution, written once here instead of copied into pages.
//! Its links are Markdown links to the handbook's own pages, so the link stage resolves them
//! and a handbook without those pages gets a located error at the block.

use super::{markdown_pieces, Block, Body, Piece};

/// The callout's text; `{up}` climbs from the page's folder to `content/`.
const TEXT: &str = "**Stop here if any of this is true.** They asked you not to contact them, or they blocked you. \
Or there was abuse, control or fear in the relationship, from either of you. \
Then do not reach out. Read [Safety first]({up}articles/safety-first.md) and \
[What to do if they blocked you]({up}articles/they-blocked-me.md). \
If you feel unsafe, or feel you cannot cope, [get help now]({up}get-help.md).";

/// Renders a ```safety-callout block (for `widgets::Fenced`); anything inside it is an error,
/// since the wording is the handbook's and not the page's.
pub fn render(block: &Block, body: &Body) -> Vec<Piece<'static>> {
    let at = block.range.start;
    if !block.yaml.trim().is_empty() {
        let d = body.error(at, "a safety-callout block takes no text").span(17);
        return vec![Piece::problem(
            d.hint("leave the block empty: the callout's wording is the same on every page"),
        )];
    }
    let depth = body
        .path
        .strip_prefix(crate::CONTENT_PREFIX)
        .unwrap_or(body.path)
        .matches('/')
        .count();
    let text = TEXT.replace("{up}", &"../".repeat(depth));
    let mut out = vec![Piece::html(
        "<div class=\"callout callout-caution safety-callout\" role=\"note\"><p class=\"callout-title\">Caution</p>\n",
        at,
    )];
    out.extend(markdown_pieces(&text, at, false, false));
    out.push(Piece::html("</div>\n", at));
    out
}

#[cfg(test)]
mod tests {
    use crate::widgets::render_test_page;

    #[test]
    fn renders_the_standard_caution_with_resolved_links() {
        // The test page's handbook has none of the linked pages: each link is a located error.
        let (r, problems) = render_test_page("Intro.\n\n```safety-callout\n```\n");
        assert!(
            r.html
                .starts_with("<p>Intro.</p>\n<div class=\"callout callout-caution safety-callout\" role=\"note\">"),
            "{}",
            r.html
        );
        let missing: Vec<(usize, &str)> = problems.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            missing,
            [
                (5, "link to a missing page: content/articles/safety-first.md"),
                (5, "link to a missing page: content/articles/they-blocked-me.md"),
                (5, "link to a missing page: content/get-help.md")
            ]
        );
        assert!(r.html.contains("Stop here if any of this is true."));
    }

    #[test]
    fn text_inside_is_a_located_error() {
        let (_, p) = render_test_page("```safety-callout\nmy own words\n```\n");
        assert_eq!(
            (p[0].line, p[0].message.as_str()),
            (3, "a safety-callout block takes no text")
        );
    }
}
