//! Tests of the Markdown stage as a whole: dialect, headings, text, links, lint facts.

use super::*;
use crate::widgets::render_test_page;

#[test]
fn heading_ids_are_github_style_and_unique() {
    let (r, p) = render_test_page(
        "## Don't panic!\n\n## Don't panic!\n\n### Don't panic-1\n\n## `code` & more\n\n## Custom {#mine}\n",
    );
    assert!(p.is_empty(), "{p:?}");
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["dont-panic", "dont-panic-1", "dont-panic-1-1", "code--more", "mine"]
    );
    assert!(r
        .html
        .starts_with("<h2 id=\"dont-panic\">Don’t panic!</h2>\n<h2 id=\"dont-panic-1\">"));
    let h = &r.headings[3];
    assert_eq!((h.level, h.text.as_str(), h.line), (2, "code & more", 9));
}

#[test]
fn duplicate_explicit_heading_ids_are_errors() {
    let (_, p) = render_test_page("## A {#x}\n\n## B {#x}\n");
    assert_eq!(
        (p[0].line, p[0].message.as_str()),
        (5, "two headings have the id \"x\"")
    );
}

#[test]
fn text_is_cut_at_headings() {
    let (r, _) = render_test_page("Before.\n\n## One\n\nFirst *para*.\nSecond line.\n\n| a | b |\n|---|---|\n| c | d |\n\n## Two\n\n## Three\n\nEnd.\n");
    let blocks: Vec<(Option<usize>, &str)> = r.text.iter().map(|b| (b.heading, b.text.as_str())).collect();
    assert_eq!(
        blocks,
        vec![
            (None, "Before."),
            (Some(0), "First para. Second line. a b c d"),
            (Some(2), "End.")
        ]
    );
    assert_eq!(r.words, 13);
}

#[test]
fn gfm_extensions_and_smart_punctuation_are_on() {
    let (r, _) = render_test_page("~~gone~~ \"quoted\" it's[^1]\n\n[^1]: A note.\n");
    assert!(r.html.contains("<del>gone</del> “quoted” it’s"), "{}", r.html);
    assert!(r.html.contains("<section class=\"footnotes\""), "{}", r.html);
}

#[test]
fn links_are_rewritten_and_missing_pages_reported_at_line_and_col() {
    let body =
        "See [b](../faq/b.md#why) and [self](#top).\n\nThen [gone](../faq/gone.md) and [web](https://example.org).\n";
    let (r, p) = render_test_page(body);
    assert!(r.html.contains("<a href=\"../faq/b.html#why\">b</a>"), "{}", r.html);
    assert!(r.html.contains("<a href=\"#top\">self</a>"));
    assert!(r.html.contains("<a href=\"../faq/gone.md\">gone</a>"));
    assert!(r.html.contains("<a href=\"https://example.org\">web</a>"));
    let links: Vec<(&str, Option<&str>, usize, usize)> = r
        .links
        .iter()
        .map(|l| (l.target.as_str(), l.anchor.as_deref(), l.line, l.col))
        .collect();
    assert_eq!(
        links,
        vec![("faq/b.md", Some("why"), 3, 5), ("articles/a.md", Some("top"), 3, 30)]
    );
    assert_eq!(p.len(), 1);
    assert_eq!((p[0].line, p[0].col, p[0].len), (5, 6, 22));
    assert_eq!(p[0].message, "link to a missing page: content/faq/gone.md");
    assert_eq!(
        p[0].hint.as_deref(),
        Some("give the path of the page's .md file, relative to this file (drafts are not built)")
    );
}

#[test]
fn scripts_in_raw_html_are_errors() {
    let (r, p) = render_test_page(
        "<div class=\"x\">ok</div>\n\nText <SCRIPT src=\"x.js\"></script>\n\n<script>\nalert(1)\n</script>\n",
    );
    assert!(r.html.contains("<div class=\"x\">ok</div>"));
    let got: Vec<(usize, usize, &str)> = p.iter().map(|d| (d.line, d.col, d.message.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (5, 6, "scripts are not allowed in content"),
            (7, 1, "scripts are not allowed in content")
        ]
    );
}

#[test]
fn lint_facts_are_recorded() {
    let (r, _) = render_test_page("### Too deep\n\n![](a.png) ![ok](b.png)\n\n## Fine\n\n#### Skip\n");
    assert_eq!(r.heading_skips, vec![(3, 1, 3), (9, 2, 4)]);
    assert_eq!(r.images_without_alt, vec![(5, 1)]);
}

#[test]
fn page_slugs_come_from_output_urls() {
    let targets: LinkTargets = [
        ("faq/_index.md", "faq/index.html"),
        ("_index.md", "index.html"),
        ("articles/x.md", "articles/why.html"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let slug = |rel_path| {
        page_slug(&Input {
            display_path: "",
            rel_path,
            body: "",
            first_line: 1,
            root: "",
            targets: &targets,
            files: &crate::files::ContentFiles::default(),
            words: crate::widgets::Words::english_static(),
        })
    };
    assert_eq!(slug("faq/_index.md"), "faq");
    assert_eq!(slug("_index.md"), "home");
    assert_eq!(slug("articles/x.md"), "why");
    assert_eq!(slug("articles/not-built.md"), "not-built");
}

#[test]
fn other_code_blocks_are_left_alone() {
    let (r, p) = render_test_page("```yaml\ntitle: x\n```\n");
    assert!(p.is_empty());
    assert_eq!(r.html, "<pre><code class=\"language-yaml\">title: x\n</code></pre>\n");
}

#[test]
fn explicit_heading_ids_are_validated_and_never_the_themes() {
    let (r, p) = render_test_page("## Title {#a\"onclick=\"x}\n\n## Main\n\n## Skip {#main}\n");
    let messages: Vec<(usize, &str)> = p.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(
        messages,
        vec![
            (3, "invalid heading id \"a\"onclick=\"x\""),
            (7, "the heading id \"main\" is used by the theme on every page")
        ]
    );
    assert!(!r.html.contains("onclick"), "{}", r.html);
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, vec!["title", "main-1", "skip"]);
}

#[test]
fn only_id_and_class_blocks_are_heading_attributes() {
    let (r, p) = render_test_page("## Struct {x}\n\n## Pair {a=b}\n\n## Real {#real .wide}\n\nSetext {y}\n---\n");
    assert!(p.is_empty(), "{p:?}");
    let got: Vec<(&str, &str)> = r.headings.iter().map(|h| (h.id.as_str(), h.text.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("struct-x", "Struct {x}"),
            ("pair-ab", "Pair {a=b}"),
            ("real", "Real"),
            ("setext-y", "Setext {y}")
        ]
    );
    assert!(r.html.contains("<h2 id=\"struct-x\">Struct {x}</h2>"), "{}", r.html);
    assert!(
        r.html.contains("<h2 id=\"real\" class=\"wide\">Real</h2>"),
        "{}",
        r.html
    );
}

#[test]
fn smart_punctuation_never_touches_code() {
    let (r, _) = render_test_page("Say \"hi\" -- `\"raw\" -- it's...`\n\n```\n\"quoted\" -- it's...\n```\n");
    assert!(
        r.html.contains("Say “hi” – <code>\"raw\" -- it's...</code>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<pre><code>\"quoted\" -- it's...\n</code></pre>"),
        "{}",
        r.html
    );
}

#[test]
fn ten_thousand_identical_headings_get_ten_thousand_ids() {
    let body = "## Same\n\n".repeat(10_000);
    let (r, p) = render_test_page(&body);
    assert!(p.is_empty());
    assert_eq!(r.headings.len(), 10_000);
    assert_eq!(r.headings[9_999].id, "same-9999");
}

#[test]
fn titles_get_the_bodys_smart_punctuation_and_nothing_else() {
    use crate::markdown::smart_punctuation as smart;
    assert_eq!(smart("Do's and don'ts"), "Do’s and don’ts");
    assert_eq!(smart("\"No\" -- and then..."), "“No” – and then…");
    assert_eq!(smart("C# *stars* [x] <b> & _under_"), "C# *stars* [x] <b> & _under_");
    assert_eq!(smart("Plain title"), "Plain title");
    assert_eq!(smart("- 1. ## --- it's"), "- 1. ## — it’s");
}
