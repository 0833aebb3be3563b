//! The borrowed views templates see: site-wide parts built once per build, page parts per page.
//! Every URL here is relative to the site root; templates put `root` in front.

use crate::markdown::Heading;
use crate::page::{CaseStudy, Kind, Page};
use crate::site::{tag_slug, Site, Tag};
use serde::Serialize;

/// How many pages of its section the sidebar shows on each side of the current page.
pub const NEIGHBOURS: usize = 5;

/// Site-wide data, built once and borrowed by every page's context.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// `ltr` or `rtl`, from the language.
    pub direction: &'static str,
    pub exit_url: &'a str,
    /// The "Get help now" page, if the handbook has one.
    pub help_url: Option<&'a str>,
    pub safety_url: Option<&'a str>,
    /// The "Safety first" article, linked from every page's menu and footer.
    pub safety_article_url: Option<&'a str>,
    /// Every key the theme's scripts can store, for the safety page's table.
    pub storage_keys: &'static [StoredKey],
    /// Section indexes in navigation order.
    pub sections: Vec<Link<'a>>,
    /// Whether the theme ships `search.js` (the search engineer's script).
    pub search_js: bool,
    /// The feed's address (relative), only when `base_url` is set.
    pub feed: bool,
    /// Whether `build` offers offline copies on `offline.html`.
    pub offline: bool,
}

/// One key the theme's scripts may write to the reader's device.
#[derive(Serialize)]
pub struct StoredKey {
    pub key: &'static str,
    /// Interface strings (see `i18n`): where the key is kept, and what it holds and when.
    pub place: &'static str,
    pub what: &'static str,
}

/// Everything the theme's scripts can store, defined once: the Staying safe page renders it as
/// a table (with the keys in `data-storage-keys`), and the privacy browser test fails on any key
/// a page writes that is not listed here. Change it with handbook.js and settings.js.
pub const STORAGE_KEYS: &[StoredKey] = &[
    StoredKey {
        key: "handbook:checklists",
        place: "storage_checklists_place",
        what: "storage_checklists_what",
    },
    StoredKey {
        key: "handbook:theme",
        place: "storage_theme_place",
        what: "storage_theme_what",
    },
];

/// A link to a page, as lists, breadcrumbs and the sidebar show it.
#[derive(Serialize, Clone, Copy)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub slug: &'a str,
    pub summary: Option<&'a str>,
    pub kind: &'static str,
    pub current: bool,
}

impl<'a> Link<'a> {
    pub fn to(page: &'a Page) -> Self {
        Link {
            title: &page.title,
            url: &page.url,
            slug: &page.slug,
            summary: page.summary.as_deref(),
            kind: page.kind.label(),
            current: false,
        }
    }

    pub fn to_tag(tag: &'a TagView<'a>) -> Self {
        Link {
            title: tag.name,
            url: &tag.url,
            slug: tag.slug,
            summary: None,
            kind: "Tag",
            current: false,
        }
    }
}

/// A tag with its page's address, built once per build.
#[derive(Serialize)]
pub struct TagView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: usize,
}

impl<'a> TagView<'a> {
    pub fn all(tags: &'a [Tag]) -> Vec<TagView<'a>> {
        tags.iter()
            .map(|t| TagView {
                name: &t.name,
                slug: &t.slug,
                url: format!("tags/{}.html", t.slug),
                count: t.pages.len(),
            })
            .collect()
    }
}

/// The page being rendered. Generated pages (tags, search, 404…) fill only what they have.
#[derive(Serialize, Default)]
pub struct PageView<'a> {
    /// Which template kind: `home`, `section`, `faq-index`, `article`, `faq`, `case-study`,
    /// `standalone`, `tags`, `tag`, `search`, `checklists`, `not-found`.
    pub kind: &'static str,
    pub label: &'static str,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub url: &'a str,
    pub html: &'a str,
    /// The `h2`/`h3` headings, for the table of contents.
    pub toc: Vec<&'a Heading>,
    pub tags: Vec<Link<'a>>,
    pub reviewed: Option<&'a str>,
    pub reading_minutes: u32,
    /// The FAQ category as shown (see `site::topic_label`).
    pub category: Option<String>,
    pub case_study: Option<&'a CaseStudy>,
    pub is_safety_page: bool,
}

impl<'a> PageView<'a> {
    pub fn of(
        page: &'a Page,
        tags: &'a [TagView<'a>],
        safety_page: &str,
        topics: &std::collections::BTreeMap<String, String>,
    ) -> Self {
        PageView {
            kind: template_kind(page),
            label: page.kind.label(),
            title: &page.title,
            summary: page.summary.as_deref(),
            url: &page.url,
            html: &page.body.html,
            toc: page
                .body
                .headings
                .iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .collect(),
            tags: page
                .tags
                .iter()
                .filter_map(|name| {
                    let slug = tag_slug(name);
                    tags.binary_search_by(|t| t.slug.cmp(slug.as_str())).ok()
                })
                .map(|t| Link::to_tag(&tags[t]))
                .collect(),
            reviewed: page.reviewed.as_deref(),
            reading_minutes: page.reading_minutes,
            category: page.category.as_deref().map(|c| crate::site::topic_label(c, topics)),
            case_study: page.case_study.as_ref(),
            is_safety_page: page.source == safety_page,
        }
    }
}

/// The template kind of a content page; its template is `{kind}.html`.
pub fn template_kind(page: &Page) -> &'static str {
    match page.kind {
        Kind::Home => "home",
        Kind::Section if Kind::of_section(&page.section) == Kind::Faq => "faq-index",
        Kind::Section => "section",
        Kind::Article => "article",
        Kind::Faq => "faq",
        Kind::CaseStudy => "case-study",
        Kind::Standalone => "page",
    }
}

/// The sidebar's part for one section: a bounded window of pages around the current one.
#[derive(Serialize)]
pub struct Neighbourhood<'a> {
    pub section: Link<'a>,
    pub hidden_before: usize,
    pub pages: Vec<Link<'a>>,
    pub hidden_after: usize,
}

impl<'a> Neighbourhood<'a> {
    /// Up to `NEIGHBOURS` pages either side of `site.pages[current]` in section `section`.
    pub fn around(site: &'a Site, section: usize, current: usize) -> Self {
        let s = &site.sections[section];
        // Section pages are in page order, so finding one is a search, not a scan per page.
        let at = s.pages.binary_search(&current).unwrap_or(0);
        let start = at.saturating_sub(NEIGHBOURS);
        let end = (at + NEIGHBOURS + 1).min(s.pages.len());
        Neighbourhood {
            section: Link::to(&site.pages[s.index]),
            hidden_before: start,
            pages: s.pages[start..end]
                .iter()
                .map(|&i| Link {
                    current: i == current,
                    ..Link::to(&site.pages[i])
                })
                .collect(),
            hidden_after: s.pages.len() - end,
        }
    }
}

/// A titled list of pages: a FAQ category, a section on the search page, a tag's pages.
#[derive(Serialize)]
pub struct Group<'a> {
    pub title: String,
    /// Anchor id for the group's heading.
    pub id: String,
    /// The group's own page (a section index), if it has one.
    pub link: Option<Link<'a>>,
    pub pages: Vec<Link<'a>>,
    /// Pages in the whole group, of which `pages` may show only some.
    pub total: usize,
    /// Whether the group began on an earlier page of the list.
    pub continued: bool,
}

/// A group of a list that takes several pages, linked where it starts: `url` is relative to
/// the site root and ends in the group's `#id`.
#[derive(Serialize)]
pub struct GroupLink {
    pub title: String,
    pub id: String,
    pub url: String,
    /// Whether the group starts on the page being rendered, where `#id` alone reaches it.
    pub here: bool,
    pub count: usize,
}

/// One checklist of the handbook, for the "My checklists" page.
#[derive(Serialize)]
pub struct ChecklistRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub page: Link<'a>,
    /// Item ids, so the page's script can count the saved ticks that still exist.
    pub items: Vec<&'a str>,
}
