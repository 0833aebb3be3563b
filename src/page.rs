//! The resolved content model: `Page` and its `Kind`, built from raw front matter and Markdown.

use crate::markdown::Rendered;
use serde::Serialize;

/// What a page is; decided by where its file lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `content/_index.md`.
    Home,
    /// A section's `_index.md`.
    Section,
    Article,
    Faq,
    CaseStudy,
    /// A file at the top of `content/`, e.g. `get-help.md`.
    Standalone,
}

impl Kind {
    /// The kind of the pages in the section folder `folder`.
    pub fn of_section(folder: &str) -> Kind {
        match folder {
            "faq" => Kind::Faq,
            "case-studies" => Kind::CaseStudy,
            _ => Kind::Article,
        }
    }

    /// Front matter keys this kind accepts.
    pub fn allowed_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Home => &["title", "summary", "weight", "reviewed", "keywords", "extra"],
            Kind::Section => &[
                "title",
                "summary",
                "weight",
                "reviewed",
                "keywords",
                "categories",
                "extra",
            ],
            Kind::Standalone | Kind::Article => &[
                "title", "summary", "tags", "weight", "reviewed", "related", "draft", "slug", "aliases", "keywords",
                "extra",
            ],
            Kind::Faq => &[
                "title", "summary", "category", "weight", "tags", "reviewed", "related", "draft", "slug", "aliases",
                "keywords", "extra",
            ],
            Kind::CaseStudy => &[
                "title", "summary", "outcome", "people", "duration", "lessons", "tags", "reviewed", "related", "draft",
                "slug", "aliases", "keywords", "extra",
            ],
        }
    }

    /// Front matter keys this kind requires.
    pub fn required_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Home | Kind::Section | Kind::Standalone => &["title"],
            Kind::Article | Kind::Faq => &["title", "summary"],
            Kind::CaseStudy => &["title", "summary", "outcome"],
        }
    }

    /// How an editor names this kind in a sentence ("this FAQ entry").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Home => "home page",
            Kind::Section => "section page",
            Kind::Article => "article",
            Kind::Faq => "FAQ entry",
            Kind::CaseStudy => "case study",
            Kind::Standalone => "page",
        }
    }

    /// How a reader names this kind, e.g. in search results.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Home => "Home",
            Kind::Section => "Section",
            Kind::Article => "Article",
            Kind::Faq => "FAQ",
            Kind::CaseStudy => "Case study",
            Kind::Standalone => "Page",
        }
    }
}

/// Case-study details, present only on case studies.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CaseStudy {
    pub outcome: String,
    pub people: Option<String>,
    pub duration: Option<String>,
    pub lessons: Vec<String>,
}

/// An old address of a page (`aliases:`), relative to the site root, e.g. `articles/old.html`;
/// the build writes a redirect page there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Alias {
    pub path: String,
    /// Where the alias is written in the page's file, for diagnostics.
    pub line: usize,
    pub col: usize,
}

/// A page of the handbook, resolved: every field validated, links rewritten, Markdown rendered.
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// Source path relative to `content/`, e.g. `articles/space-first.md`.
    pub source: String,
    pub kind: Kind,
    /// The section folder (`articles`), empty for the home page and top-level pages.
    pub section: String,
    pub slug: String,
    /// Output path relative to the site root, e.g. `articles/space-first.html`.
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    /// Search-only terms (`keywords:`): indexed, never shown.
    pub keywords: Vec<String>,
    pub weight: i64,
    /// `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    /// `related:` as written, resolved to source paths relative to `content/`.
    pub related_sources: Vec<String>,
    pub draft: bool,
    /// Old addresses that redirect here (`aliases:`), each with where it is written.
    pub aliases: Vec<Alias>,
    pub category: Option<String>,
    pub case_study: Option<CaseStudy>,
    pub extra: serde_json::Value,
    /// Line of the file on which the front matter starts (for diagnostics about keys).
    pub front_matter_line: usize,
    /// (line, column, length) of each of `related_sources` as written, for diagnostics.
    pub related_at: Vec<(usize, usize, usize)>,
    pub body: Rendered,
    pub reading_minutes: u32,
}

impl Page {
    /// Gives the page its rendered Markdown, and the reading time that follows from it.
    pub fn set_body(&mut self, body: Rendered) {
        self.reading_minutes = body.words.div_ceil(200).max(1) as u32;
        self.body = body;
    }

    /// `../` repeated once per folder of `url`: the way from this page back to the site root.
    pub fn root(&self) -> String {
        "../".repeat(self.url.matches('/').count())
    }
}
