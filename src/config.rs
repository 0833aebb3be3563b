//! `handbook.yaml` -> `Config`: every field defaulted, unknown or ill-typed keys reported.

use crate::diagnostic::Diagnostic;
use crate::frontmatter;
use serde::Deserialize;
use std::path::Path;

pub const FILE_NAME: &str = "handbook.yaml";

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Absolute address of the published site; enables `sitemap.xml`, the feed and canonical URLs.
    pub base_url: Option<String>,
    /// A theme folder relative to the root; the embedded default theme when unset.
    pub theme: Option<String>,
    /// Section folder names in navigation order; sections not listed follow, by weight then name.
    pub sections: Vec<String>,
    /// Where "Exit this page" goes: a neutral site that gives nothing away.
    pub exit_url: String,
    /// Source path (relative to `content/`) of the page the safety bar's "Get help now" links to.
    pub help_page: String,
    /// Source path of the "staying safe on this site" page, which gets the clear-everything button.
    pub safety_page: String,
    /// Source path of the article on safety when there was abuse, control or fear, linked from
    /// every page and from each ```safety-callout block.
    pub safety_article: String,
    /// `check` warns about a help-services entry whose `verified` date is older than this; 0 never.
    pub help_services_max_age_months: u32,
    /// The file's text, so checks made after loading can name the line of a key.
    #[serde(skip)]
    pub source: String,
    /// Images larger than this many kilobytes (of 1,000 bytes) get a warning.
    pub max_image_kb: u64,
    /// `check` warns about pages whose Flesch–Kincaid reading grade is above this.
    pub max_reading_grade: f64,
    /// `check` warns about pages last reviewed more than this many days ago.
    pub review_after_days: u32,
    /// Entries per page of a long list (section indexes, FAQ categories, tag pages, topics,
    /// checklists): longer lists continue on `page-2.html`, `page-3.html`…
    pub page_size: usize,
    /// Offline copies `build` writes into `downloads/`, offered on a "Read offline" page.
    pub exports: Vec<ExportFormat>,
    /// Display names of topics (tags and FAQ categories) by their slug, e.g.
    /// `new-partners: New partners`; a topic not listed shows as first written, capitalised.
    pub topics: std::collections::BTreeMap<String, String>,
    /// `search:`: the words search treats as asking for help, and synonyms.
    pub search: SearchConfig,
    /// Further languages, each with its pages in `content/<code>/`, built to `<code>/`, and
    /// the settings it gives in its own words (`{code: fr, title: …}`).
    pub languages: Vec<crate::languages::Language>,
}

/// The `search:` block of `handbook.yaml`.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// Words and phrases that put "Get help now" first in results, added to the theme's list.
    pub help_terms: Vec<String>,
    /// `false` drops the default list, so `help_terms` replaces it.
    pub default_help_terms: Option<bool>,
    /// Groups of words and phrases a reader may use for one another.
    pub synonyms: Vec<Vec<String>>,
}

/// A kind of offline copy: `handbook export --format …` and `exports:` name them alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// One self-contained HTML file.
    Html,
    /// `print.html`: the whole handbook as one printable document.
    Print,
    /// An EPUB 3 book.
    Epub,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Handbook".into(),
            description: String::new(),
            language: "en".into(),
            base_url: None,
            theme: None,
            sections: Vec::new(),
            exit_url: "https://www.bbc.co.uk/weather".into(),
            help_page: "get-help.md".into(),
            safety_page: "staying-safe.md".into(),
            safety_article: "articles/safety-first.md".into(),
            help_services_max_age_months: 12,
            source: String::new(),
            topics: Default::default(),
            search: SearchConfig::default(),
            max_image_kb: 500,
            max_reading_grade: 8.0,
            review_after_days: 365,
            page_size: 50,
            exports: Vec::new(),
            languages: Vec::new(),
        }
    }
}

const KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "theme",
    "sections",
    "exit_url",
    "help_page",
    "safety_page",
    "safety_article",
    "help_services_max_age_months",
    "search",
    "topics",
    "max_image_kb",
    "max_reading_grade",
    "review_after_days",
    "page_size",
    "exports",
    "languages",
];

/// The keys naming pages the theme links from every page.
const LINKED_PAGE_KEYS: &[&str] = &["help_page", "safety_page", "safety_article"];

/// Reads `root/handbook.yaml`; a missing file gives the defaults.
pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => crate::source::normalise(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(vec![Diagnostic::error(FILE_NAME, 0, 0, format!("cannot read: {e}"))]),
    };
    parse(&text).map_err(|mut problems| {
        for d in &mut problems {
            d.attach_source(&text);
        }
        problems
    })
}

pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    // Tabs, repeated and indented keys first: the YAML parser says them late or in its jargon.
    let mut problems = frontmatter::layout_problems(text, 1, FILE_NAME);
    if problems.is_empty() {
        problems = frontmatter::check_keys(text, 1, FILE_NAME, KEYS, "configuration");
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut config: Config = frontmatter::parse(text, 1, FILE_NAME).map_err(|d| vec![d])?;
    config.source = text.to_string();
    if let Some(url) = &config.base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            problems.push(line_of(
                text,
                "base_url",
                "base_url must be an absolute http(s) address",
                "e.g. https://example.org/handbook/",
            ));
        }
    }
    if !(config.exit_url.starts_with("https://") || config.exit_url.starts_with("http://")) {
        problems.push(line_of(
            text,
            "exit_url",
            "exit_url must be an absolute http(s) address",
            "use a neutral site such as a weather or news page",
        ));
    }
    let rules = crate::search::language::Rules::of(&config.language);
    problems.extend(crate::search::terms::check(&config.search, rules, text));
    if config.page_size == 0 {
        problems.push(line_of(
            text,
            "page_size",
            "page_size must be at least 1",
            "the number of entries a list shows before it continues on the next page, e.g. 50",
        ));
    }
    problems.extend(crate::languages::check(&config, text));
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

pub(crate) fn line_of(text: &str, key: &str, message: &str, hint: &str) -> Diagnostic {
    let line = frontmatter::top_level_keys(text, 1)
        .into_iter()
        .find(|k| k.key == key)
        .map_or(1, |k| k.line);
    Diagnostic::error(FILE_NAME, line, 1, message)
        .span(key.len())
        .hint(hint)
}

impl Config {
    /// The pages the theme links from every page, as (key, source path under `content/`).
    pub fn linked_pages(&self) -> [(&'static str, &str); 3] {
        [
            ("help_page", &self.help_page),
            ("safety_page", &self.safety_page),
            ("safety_article", &self.safety_article),
        ]
    }

    /// A located error for each linked page set in `handbook.yaml` that `exists` does not know:
    /// "Get help now" must never vanish from every page because a file moved. A default that
    /// names no page (a handbook without one) leaves the link out. `prefix` is where the
    /// language's pages are (`content/`, `content/fr/`); a language's own setting is found in
    /// its entry of `languages:`.
    pub fn check_linked_pages(&self, prefix: &str, exists: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
        let set = frontmatter::top_level_keys(&self.source, 1);
        let defaults = Config::default();
        let mut problems = Vec::new();
        for ((key, page), (_, default)) in self.linked_pages().into_iter().zip(defaults.linked_pages()) {
            let set_here = set.iter().any(|k| k.key == key);
            if exists(page) || !(set_here || page != default) {
                continue;
            }
            debug_assert!(LINKED_PAGE_KEYS.contains(&key));
            let message = format!("{key} names {prefix}{page}, which does not exist");
            let hint = "give the path of a page under content/, e.g. get-help.md";
            let mut d = line_of(&self.source, key, &message, hint);
            if let Some(line) = crate::languages::key_line(&self.source, &self.language, key) {
                d.line = line;
                d.col = self.source.lines().nth(line - 1).and_then(|l| l.find(key)).unwrap_or(0) + 1;
            }
            d.attach_source(&self.source);
            problems.push(d);
        }
        problems
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base(&self) -> Option<String> {
        self.base_url.as_ref().map(|u| format!("{}/", u.trim_end_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.title, "Handbook");
        assert_eq!(c.language, "en");
    }

    #[test]
    fn unknown_key_is_reported_with_a_hint() {
        let text = "title: X\nlanguge: fr\n";
        let mut err = parse(text).unwrap_err().remove(0);
        err.attach_source(text);
        assert_eq!(
            err.render(),
            "handbook.yaml:2:1: error: unknown configuration key \"languge\"\n  |\n2 | languge: fr\n  | ^^^^^^^ did you mean \"language\"?\n"
        );
    }

    #[test]
    fn a_linked_page_set_but_missing_is_a_located_error() {
        let c = parse("title: X\nhelp_page: help.md\n").unwrap();
        let errs = c.check_linked_pages("content/", |p| p == "staying-safe.md");
        assert_eq!(errs.len(), 1, "only the key that was set: {errs:?}");
        assert_eq!((errs[0].line, errs[0].col), (2, 1));
        assert_eq!(errs[0].message, "help_page names content/help.md, which does not exist");
        assert!(errs[0].is_error());
        assert!(c.check_linked_pages("content/", |p| p == "help.md").is_empty());
        assert!(
            parse("").unwrap().check_linked_pages("content/", |_| false).is_empty(),
            "defaults never fail"
        );
    }

    #[test]
    fn page_size_defaults_to_50_and_must_be_positive() {
        assert_eq!(parse("").unwrap().page_size, 50);
        assert_eq!(parse("page_size: 7\n").unwrap().page_size, 7);
        let errs = parse("title: X\npage_size: 0\n").unwrap_err();
        assert_eq!(
            (errs[0].line, errs[0].message.as_str()),
            (2, "page_size must be at least 1")
        );
    }

    #[test]
    fn exports_name_formats() {
        assert_eq!(
            parse("exports: [html, epub]\n").unwrap().exports,
            [ExportFormat::Html, ExportFormat::Epub]
        );
        let errs = parse("exports: [pdf]\n").unwrap_err();
        assert!(errs[0].message.contains("unknown variant"), "{}", errs[0].message);
    }

    #[test]
    fn ill_typed_key_is_reported() {
        let errs = parse("sections: 3\n").unwrap_err();
        assert_eq!(errs[0].line, 1);
        assert_eq!(errs[0].message, "\"sections\" must be a list, not 3");
    }
}
