//! Tests of link resolution: pages, built addresses, folders, files.

use super::*;
use crate::files::ContentFiles;
use crate::markdown::LinkTargets;
use crate::source::Asset;

fn input<'a>(targets: &'a LinkTargets, files: &'a ContentFiles) -> Input<'a> {
    Input {
        display_path: "content/articles/a.md",
        rel_path: "articles/a.md",
        body: "",
        first_line: 1,
        root: "../",
        targets,
        files,
        words: crate::widgets::Words::english_static(),
    }
}

fn targets() -> LinkTargets {
    [
        ("_index.md", "index.html"),
        ("articles/a.md", "articles/a.html"),
        ("articles/b.md", "articles/bee.html"),
        ("faq/how-long.md", "faq/how-long.html"),
        ("get-help.md", "get-help.html"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

/// Files need not exist for links to them: only their names are looked at.
fn files() -> ContentFiles {
    let asset = |rel: &str| Asset {
        rel_path: rel.into(),
        path: rel.into(),
    };
    ContentFiles::read(&[asset("images/three-months.png"), asset("articles/leaflet.pdf")])
}

#[test]
fn rewrites_relative_md_links_to_output_urls() {
    let (t, f) = (targets(), files());
    let i = input(&t, &f);
    let href = |d: &str| resolve(d, 3, 5, &i).href;
    assert_eq!(href("b.md").as_deref(), Some("../articles/bee.html"));
    assert_eq!(href("./b.md#x").as_deref(), Some("../articles/bee.html#x"));
    assert_eq!(
        href("../faq/how-long.md#after").as_deref(),
        Some("../faq/how-long.html#after")
    );
    assert_eq!(href("../get-help.md").as_deref(), Some("../get-help.html"));
    let r = resolve("../faq/how-long.md#after", 3, 5, &i);
    let link = r.link.unwrap();
    assert_eq!(
        (link.target.as_str(), link.anchor.as_deref(), link.line, link.col),
        ("faq/how-long.md", Some("after"), 3, 5)
    );
}

#[test]
fn leaves_external_links_alone() {
    let (t, f) = (targets(), files());
    let i = input(&t, &f);
    for dest in ["https://example.org/x.md", "mailto:a@b.c", "//cdn/x.md", "?q=1"] {
        assert_eq!(resolve(dest, 1, 1, &i), Resolved::default(), "{dest}");
    }
}

#[test]
fn html_links_are_checked_against_built_pages() {
    let (t, f) = (targets(), files());
    let i = input(&t, &f);
    let r = resolve("bee.html#top", 2, 3, &i);
    assert_eq!(r.href.as_deref(), Some("../articles/bee.html#top"));
    let link = r.link.unwrap();
    assert_eq!(
        (link.target.as_str(), link.anchor.as_deref()),
        ("articles/b.md", Some("top"))
    );
    assert_eq!(
        resolve("../search.html", 1, 1, &i).href.as_deref(),
        Some("../search.html")
    );
    let d = resolve("../faq/how-lnog.html", 4, 2, &i).problem.unwrap();
    assert_eq!(d.message, "link to a missing page: faq/how-lnog.html");
    assert_eq!(d.hint.as_deref(), Some("did you mean \"../faq/how-long.html\"?"));
}

#[test]
fn folder_links_go_to_the_section_index() {
    let (t, f) = (targets(), files());
    let i = input(&t, &f);
    let r = resolve("../faq/", 1, 1, &i);
    assert_eq!(r.href.as_deref(), Some("../faq/index.html"));
    assert_eq!(r.link.unwrap().target, "faq/_index.md");
    assert_eq!(resolve("../faq", 1, 1, &i).href.as_deref(), Some("../faq/index.html"));
    assert_eq!(resolve("../", 1, 1, &i).href.as_deref(), Some("../index.html"));
    let d = resolve("../fqa/", 1, 1, &i).problem.unwrap();
    assert_eq!(d.message, "link to a missing section: content/fqa/");
    assert_eq!(d.hint.as_deref(), Some("did you mean \"../faq/\"?"));
}

#[test]
fn links_to_files_are_rewritten_and_recorded_or_missing() {
    let (t, f) = (targets(), files());
    let i = input(&t, &f);
    let r = resolve("leaflet.pdf#page=2", 6, 7, &i);
    assert_eq!(r.href.as_deref(), Some("../articles/leaflet.pdf#page=2"));
    let file = r.file.unwrap();
    assert_eq!(
        (file.target.as_str(), file.line, file.col),
        ("articles/leaflet.pdf", 6, 7)
    );
    assert!(r.link.is_none());
    let d = resolve("../images/three-month.png", 8, 9, &i).problem.unwrap();
    assert_eq!(
        (d.line, d.col, d.message.as_str()),
        (8, 9, "link to a missing file: content/images/three-month.png")
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean \"../images/three-months.png\"?"));
    let d = file_links::resolve_image("images/three-months.png", 1, 1, &i)
        .problem
        .unwrap();
    assert_eq!(d.message, "missing image: content/articles/images/three-months.png");
    assert_eq!(d.hint.as_deref(), Some("did you mean \"../images/three-months.png\"?"));
}

#[test]
fn records_same_page_anchors() {
    let (t, f) = (targets(), files());
    let link = resolve("#top-tips", 2, 1, &input(&t, &f)).link.unwrap();
    assert_eq!(
        (link.target.as_str(), link.anchor.as_deref()),
        ("articles/a.md", Some("top-tips"))
    );
}

#[test]
fn missing_pages_and_escapes_are_errors() {
    let (t, f) = (targets(), files());
    let i = input(&t, &f);
    let d = resolve("../faq/how-lnog.md", 7, 12, &i).problem.unwrap();
    assert_eq!(
        (d.line, d.col, d.message.as_str()),
        (7, 12, "link to a missing page: content/faq/how-lnog.md")
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean \"../faq/how-long.md\"?"));
    let d = resolve("../fqa/how-long.md", 7, 12, &i).problem.unwrap();
    assert_eq!(d.hint.as_deref(), Some("did you mean \"../faq/how-long.md\"?"));
    // A page's file named without `.md`, or with a mistyped extension, suggests the page.
    let d = resolve("../faq/how-long", 7, 12, &i).problem.unwrap();
    assert_eq!(d.message, "link to a missing file: content/faq/how-long");
    assert_eq!(d.hint.as_deref(), Some("did you mean \"../faq/how-long.md\"?"));
    let d = resolve("../faq/how-long.htm", 7, 12, &i).problem.unwrap();
    assert_eq!(d.hint.as_deref(), Some("did you mean \"../faq/how-long.md\"?"));
    // Paths as on the editor's computer: backslashes, a drive, a file: address; content/ first.
    let d = resolve("..\\faq\\how-long.md", 7, 12, &i).problem.unwrap();
    assert_eq!(d.message, "\"..\\faq\\how-long.md\" separates folders with \\");
    assert_eq!(d.hint.as_deref(), Some("write / instead: `../faq/how-long.md`"));
    for on_disk in ["C:\\Users\\ana\\me.png", "file:///home/ana/me.png"] {
        let d = file_links::resolve_image(on_disk, 1, 1, &i).problem.unwrap();
        assert_eq!(
            d.message,
            format!("\"{on_disk}\" is a file on this computer, not in the handbook")
        );
    }
    let d = resolve("content/faq/how-long.md", 7, 12, &i).problem.unwrap();
    assert_eq!(d.hint.as_deref(), Some("did you mean \"../faq/how-long.md\"?"));
    let d = resolve("../../etc/passwd.md", 1, 1, &i).problem.unwrap();
    assert_eq!(d.message, "link \"../../etc/passwd.md\" points outside content/");
}

#[test]
fn links_find_files_whatever_the_unicode_encoding() {
    let mut t = targets();
    // The file's name decomposed (e + combining acute, as macOS writes it) ...
    t.insert("articles/cafe\u{301}.md".into(), "articles/cafe.html".into());
    let f = files();
    let i = input(&t, &f);
    // ... and the link composed (é), as most keyboards type it.
    let r = resolve("caf\u{e9}.md#x", 3, 5, &i);
    assert_eq!(r.problem, None);
    assert_eq!(r.href.as_deref(), Some("../articles/cafe.html#x"));
    assert_eq!(r.link.unwrap().target, "articles/cafe\u{301}.md");
}
