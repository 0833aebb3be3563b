//! The safety callout: an empty ```safety-callout block on a page that leads towards contact
//! becomes the standard "stop here" caution, written once here instead of copied into pages.
//! Its links are Markdown links to the handbook's own pages, so the link stage resolves them
//! and a handbook without those pages gets a located error at the block.

use super::{markdown_pieces, Block, Body, Piece};

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
    let depth = body.depth;
    // The wording is the interface strings' `safety_callout`, in the page's language.
    let text = body.words.safety_callout.replace("{up}", &"../".repeat(depth));
    let mut out = vec![Piece::html(
        format!(
            "<div class=\"callout callout-caution safety-callout\" role=\"note\"><p class=\"callout-title\">{}</p>\n",
            super::escape(&body.words.caution)
        ),
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
    fn a_french_page_gets_the_french_callout_with_the_same_links() {
        let body = "```safety-callout\n```\n";
        let (r, problems) = crate::widgets::render_test_page_in(body, &crate::widgets::Words::french());
        assert!(
            r.html.starts_with("<div class=\"callout callout-caution safety-callout\" role=\"note\"><p class=\"callout-title\">Attention</p>\n<p><strong>Arrêtez-vous ici si l’un de ces points vous concerne.</strong>"),
            "{}",
            r.html
        );
        assert_eq!(problems.len(), 3, "the same three links: {problems:?}");
    }

    #[test]
    fn links_climb_to_the_language_folder_not_above_it() {
        let targets: crate::markdown::LinkTargets = [
            ("articles/a.md", "articles/a.html"),
            ("articles/safety-first.md", "articles/safety-first.html"),
            ("articles/they-blocked-me.md", "articles/they-blocked-me.html"),
            ("get-help.md", "get-help.html"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let input = crate::markdown::Input {
            display_path: "content/fr/articles/a.md",
            rel_path: "articles/a.md",
            body: "```safety-callout\n```\n",
            first_line: 3,
            root: "../",
            targets: &targets,
            files: &crate::files::ContentFiles::default(),
            words: crate::widgets::Words::english_static(),
        };
        let (r, problems) = crate::markdown::render(&input);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(r.html.contains("href=\"../articles/safety-first.html\""), "{}", r.html);
        assert!(r.html.contains("href=\"../get-help.html\""), "{}", r.html);
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
