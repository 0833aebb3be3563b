//! Render tests: a small site in memory, rendered through the embedded theme.

use super::*;
use crate::config::Config;
use crate::markdown::{Checklist, ChecklistItem, Heading, Rendered};
use crate::page::{CaseStudy, Kind, Page};
use crate::theme;

/// A page of `kind` in `section` with the smallest valid content.
pub fn page(kind: Kind, section: &str, slug: &str) -> Page {
    let url = match (kind, section) {
        (Kind::Home, _) => "index.html".to_string(),
        (Kind::Section, s) => format!("{s}/index.html"),
        (_, "") => format!("{slug}.html"),
        (_, s) => format!("{s}/{slug}.html"),
    };
    let source = match (kind, section) {
        (Kind::Home, _) => "_index.md".to_string(),
        (Kind::Section, s) => format!("{s}/_index.md"),
        (_, "") => format!("{slug}.md"),
        (_, s) => format!("{s}/{slug}.md"),
    };
    Page {
        source,
        kind,
        section: section.into(),
        slug: slug.into(),
        url,
        title: format!("Title of {slug}"),
        summary: Some(format!("Summary of {slug}")),
        tags: Vec::new(),
        keywords: Vec::new(),
        weight: 0,
        reviewed: None,
        related_sources: Vec::new(),
        draft: false,
        aliases: Vec::new(),
        category: None,
        case_study: None,
        extra: serde_json::Value::Null,
        front_matter_line: 1,
        related_at: Vec::new(),
        body: Rendered {
            html: format!("<p>Body of {slug}</p>"),
            ..Rendered::default()
        },
        reading_minutes: 1,
    }
}

fn site_with(config: Config, pages: Vec<Page>) -> Site {
    let (site, problems) = crate::site::link(config, pages, "content/");
    assert!(problems.is_empty(), "{problems:?}");
    site
}

/// One page of every kind, tagged, with a checklist and a case study.
fn small_site(config: Config) -> Site {
    let mut article = page(Kind::Article, "articles", "space-first");
    article.tags = vec!["Timing".into()];
    article.reviewed = Some("2026-03-01".into());
    article.body.headings = vec![
        Heading {
            level: 2,
            id: "one".into(),
            text: "One".into(),
            line: 3,
        },
        Heading {
            level: 3,
            id: "two".into(),
            text: "Two".into(),
            line: 5,
        },
    ];
    article.body.checklists = vec![Checklist {
        id: "before".into(),
        title: Some("Before you reach out".into()),
        items: vec![ChecklistItem {
            id: "i0000abcd".into(),
            text: "x".into(),
        }],
        ..Checklist::default()
    }];
    let mut second = page(Kind::Article, "articles", "second");
    second.tags = vec!["Timing".into()];
    let mut faq = page(Kind::Faq, "faq", "how-long");
    faq.category = Some("timing".into());
    let mut story = page(Kind::CaseStudy, "case-studies", "choosing-safety");
    story.case_study = Some(CaseStudy {
        outcome: "Did not reconnect".into(),
        people: Some("Hana".into()),
        duration: None,
        lessons: vec!["Fear is information".into()],
    });
    let pages = vec![
        page(Kind::Home, "", "index"),
        article,
        second,
        faq,
        story,
        page(Kind::Standalone, "", "get-help"),
        page(Kind::Standalone, "", "staying-safe"),
    ];
    site_with(config, pages)
}

fn rendered(site: &Site, theme: &Theme) -> Vec<OutputFile> {
    render(site, theme).unwrap_or_else(|e| panic!("{e:?}"))
}

fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    let f = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(&f.bytes).unwrap()
}

fn embedded() -> Theme {
    theme::load(std::path::Path::new("/nonexistent-handbook-root")).unwrap()
}

#[test]
fn every_page_kind_renders_one_h1_landmarks_and_the_safety_bar() {
    let site = small_site(Config::default());
    let files = rendered(&site, &embedded());
    let pages = [
        "index.html",
        "articles/index.html",
        "articles/space-first.html",
        "faq/index.html",
        "faq/how-long.html",
        "case-studies/index.html",
        "case-studies/choosing-safety.html",
        "get-help.html",
        "staying-safe.html",
        "tags/index.html",
        "tags/timing.html",
        "search.html",
        "checklists.html",
        "404.html",
    ];
    for path in pages {
        let html = file(&files, path);
        assert_eq!(html.matches("<h1").count(), 1, "{path}");
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{path}");
        let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'\">";
        assert_eq!(html.contains(csp), path != "404.html", "{path}: the CSP");
        for part in [
            "<meta name=\"referrer\" content=\"no-referrer\">",
            "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n<a class=\"skip-link\" href=\"#exit-this-page\">",
            "<a id=\"exit-this-page\" class=\"exit-link\" href=\"https://www.bbc.co.uk/weather\" rel=\"noreferrer\">Exit this page</a>",
            "<header class=\"site-header\">",
            "<main id=\"main\"",
            "<footer class=\"site-footer\">",
            "<label for=\"site-search-input\">Search</label>",
        ] {
            assert!(html.contains(part), "{path} lacks {part}");
        }
        assert!(!html.contains(" style=") && !html.contains(" onclick="), "{path}");
    }
    let root = file(&files, "articles/space-first.html");
    assert!(root.contains("<body data-root=\"../\""));
    assert!(root.contains("href=\"../get-help.html\">Get help now</a>"));
}

/// Issue 14 §5: the 404 page links no asset (a host serves it at any depth); its inline style
/// and scripts are each allowed by their hash, and nothing else inline is.
#[test]
fn the_404_page_is_self_contained_and_its_inline_code_is_hashed() {
    let files = rendered(&small_site(Config::default()), &embedded());
    let html = file(&files, "404.html");
    assert!(!html.contains("assets/"), "404.html refers to an asset file");
    let csp_start = html.find("content=\"default-src").unwrap();
    let csp = &html[csp_start..csp_start + html[csp_start..].find('>').unwrap()];
    let inline = |open: &str, close: &str| -> Vec<String> {
        html.split(open)
            .skip(1)
            .map(|rest| rest[..rest.find(close).unwrap()].to_string())
            .collect()
    };
    let scripts = inline("<script>", "</script>");
    let styles = inline("<style>", "</style>");
    assert_eq!((scripts.len(), styles.len()), (2, 1));
    for code in scripts.iter().chain(&styles) {
        let hash = super::inline::hash(code);
        assert!(csp.contains(&hash), "no {hash} for inline code in {csp}");
    }
    assert!(
        scripts[1].contains("location.protocol") && scripts[1].contains("exit-this-page"),
        "link fixing and Exit"
    );
}

#[test]
fn pages_show_their_parts() {
    let site = small_site(Config::default());
    let files = rendered(&site, &embedded());
    let article = file(&files, "articles/space-first.html");
    assert!(article.contains("Page last reviewed: <time datetime=\"2026-03-01\">"));
    assert!(article.contains("<a href=\"#two\">Two</a>"), "table of contents");
    assert!(article.contains("<a href=\"../tags/timing.html\" rel=\"tag\">Timing</a>"));
    assert!(article.contains("rel=\"prev\"><span class=\"dir\">Previous</span> Title of second</a>"));
    assert!(
        article.contains("<li><a href=\"../articles/index.html\">Articles</a></li>"),
        "breadcrumbs"
    );
    let faq = file(&files, "faq/index.html");
    assert!(faq.contains("<h2 id=\"category-timing\">Timing</h2>"));
    assert!(faq.contains("<details id=\"how-long\" class=\"faq-entry\"><summary>Title of how-long</summary>"));
    assert!(faq.contains("<a href=\"how-long.html\">"));
    let story = file(&files, "case-studies/choosing-safety.html");
    assert!(story.contains("<dt>Outcome</dt><dd>Did not reconnect</dd>"));
    assert!(story.contains("An illustrative composite, not one real person’s story: names and details are invented."));
    assert!(!story.contains("<dt>Duration</dt>"));
    let safe = file(&files, "staying-safe.html");
    assert!(safe.contains("<button type=\"button\" data-clear-all>Clear everything this site saved</button>"));
    assert!(!file(&files, "get-help.html").contains("data-clear-all"));
    let lists = file(&files, "checklists.html");
    assert!(lists.contains("data-checklist-ref=\"before\" data-items=\"i0000abcd\">\n<h2><a href=\"articles/space-first.html#checklist-before\">Before you reach out</a></h2>\n<p>In Title of space-first · 1 item</p>"));
    let search = file(&files, "search.html");
    assert!(search.contains("<a href=\"articles/second.html\">Title of second</a>"));
    assert!(search.contains("<a href=\"get-help.html\">Title of get-help</a>"));
}

#[test]
fn json_ld_goes_on_faq_and_article_pages() {
    let site = small_site(Config::default());
    let files = rendered(&site, &embedded());
    let ld = |path: &str| -> Option<serde_json::Value> {
        let html = file(&files, path);
        let start = html.find("<script type=\"application/ld+json\">")? + 35;
        let end = start + html[start..].find("</script>")?;
        Some(serde_json::from_str(&html[start..end]).unwrap())
    };
    assert_eq!(ld("faq/index.html").unwrap()["@type"], "FAQPage");
    assert_eq!(
        ld("faq/index.html").unwrap()["mainEntity"][0]["name"],
        "Title of how-long"
    );
    assert_eq!(ld("faq/how-long.html").unwrap()["@type"], "FAQPage");
    assert_eq!(ld("articles/space-first.html").unwrap()["@type"], "Article");
    assert_eq!(ld("case-studies/choosing-safety.html").unwrap()["@type"], "Article");
    assert!(ld("index.html").is_none());
    assert!(ld("get-help.html").is_none());
}

#[test]
fn sitemap_and_feed_only_with_a_base_url() {
    let files = rendered(&small_site(Config::default()), &embedded());
    assert!(!files.iter().any(|f| f.path == "sitemap.xml" || f.path == "feed.xml"));
    assert!(!file(&files, "index.html").contains("feed.xml"));
    let config = Config {
        base_url: Some("https://example.org/hb".into()),
        ..Config::default()
    };
    let files = rendered(&small_site(config), &embedded());
    let sitemap = file(&files, "sitemap.xml");
    assert!(sitemap.contains(
        "<url><loc>https://example.org/hb/articles/space-first.html</loc><lastmod>2026-03-01</lastmod></url>"
    ));
    assert_eq!(
        sitemap.matches("<url>").count(),
        10,
        "every content page, made section pages included"
    );
    let feed = file(&files, "feed.xml");
    assert!(feed.contains("<id>https://example.org/hb/articles/space-first.html</id>"));
    assert!(feed.contains("<updated>2026-03-01T00:00:00Z</updated>"));
    assert_eq!(feed.matches("<entry>").count(), 4);
    assert!(file(&files, "articles/second.html")
        .contains("<link rel=\"canonical\" href=\"https://example.org/hb/articles/second.html\">"));
    let not_found = file(&files, "404.html");
    assert!(
        not_found.contains("<a href=\"https://example.org/hb/index.html\">"),
        "links use base_url"
    );
    assert!(
        !not_found.contains("location.protocol"),
        "no link fixing needed with base_url"
    );
}

#[test]
fn sidebar_shows_a_bounded_neighbourhood() {
    let mut pages = vec![page(Kind::Home, "", "index")];
    for n in 0..40 {
        let mut p = page(Kind::Article, "articles", &format!("a{n:02}"));
        p.weight = n;
        pages.push(p);
    }
    let site = site_with(Config::default(), pages);
    let files = rendered(&site, &embedded());
    let middle = file(&files, "articles/a20.html");
    let sidebar = &middle[middle.find("<nav class=\"sidebar\"").unwrap()..];
    let sidebar = &sidebar[..sidebar.find("</nav>").unwrap()];
    assert_eq!(
        sidebar.matches("<a href=\"../articles/a").count(),
        2 * view::NEIGHBOURS + 1
    );
    assert!(sidebar.contains("<a href=\"../articles/a15.html\">"));
    assert!(!sidebar.contains("a14.html"));
    assert!(sidebar.contains("<a href=\"../articles/a20.html\" aria-current=\"page\">"));
    assert!(sidebar.contains("15 earlier in Articles</a>"));
    assert!(sidebar.contains("14 more in Articles</a>"));
    let first = file(&files, "articles/a00.html");
    assert!(!first.contains("earlier in"));
}

#[test]
fn a_handbook_template_overrides_the_embedded_one() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("templates")).unwrap();
    std::fs::write(
        root.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Lost? {{ site.title }}</h1>{% endblock main %}",
    )
    .unwrap();
    let theme = theme::load(root.path()).unwrap();
    let files = rendered(&small_site(Config::default()), &theme);
    assert!(file(&files, "404.html").contains("<h1>Lost? Handbook</h1>"));
    assert!(file(&files, "get-help.html").contains("<h1>Title of get-help</h1>"));
}

#[test]
fn a_broken_template_is_a_diagnostic() {
    let theme = Theme {
        templates: vec![("base.html".into(), "{% if %}".into())],
        assets: Vec::new(),
        strings: Vec::new(),
    };
    let problems = render(&small_site(Config::default()), &theme).unwrap_err();
    assert_eq!(problems[0].path, "templates/templates");
}

#[test]
fn escaping_keeps_slashes_and_multibyte_text() {
    let mut out = Vec::new();
    super::escape_html("a<b & \"c\" 'd' ../x/é>", &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "a&lt;b &amp; &quot;c&quot; &#39;d&#39; ../x/é&gt;"
    );
}

#[test]
fn every_page_links_to_the_safety_pages_in_menu_and_footer() {
    let config = Config {
        safety_article: "articles/space-first.md".into(),
        ..Config::default()
    };
    let files = rendered(&small_site(config), &embedded());
    for path in ["index.html", "faq/how-long.html", "tags/timing.html", "search.html"] {
        let html = file(&files, path);
        let root = if path.contains('/') { "../" } else { "" };
        let menu = html
            .find("<ul class=\"nav-safety\">")
            .unwrap_or_else(|| panic!("{path}: no safety menu"));
        let footer = html.find("<footer").unwrap();
        for link in [
            format!("<a href=\"{root}articles/space-first.html\">Safety first</a>"),
            format!("<a href=\"{root}staying-safe.html\">Staying safe on this site</a>"),
        ] {
            let first = html[menu..].find(&link).map(|i| i + menu);
            assert!(first.is_some_and(|i| i < footer), "{path}: {link} not in the menu");
            assert!(html[footer..].contains(&link), "{path}: {link} not in the footer");
        }
    }
}
