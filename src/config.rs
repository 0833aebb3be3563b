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
    /// Offline copies `build` writes into `downloads/`, offered on a "Read offline" page.
    pub exports: Vec<ExportFormat>,
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
            exports: Vec::new(),
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
    "exports",
];

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
    let mut problems = frontmatter::check_keys(text, 1, FILE_NAME, KEYS, "configuration");
    if !problems.is_empty() {
        return Err(problems);
    }
    let config: Config = frontmatter::parse(text, 1, FILE_NAME).map_err(|d| vec![d])?;
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
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

fn line_of(text: &str, key: &str, message: &str, hint: &str) -> Diagnostic {
    let line = frontmatter::top_level_keys(text, 1)
        .into_iter()
        .find(|k| k.key == key)
        .map_or(1, |k| k.line);
    Diagnostic::error(FILE_NAME, line, 1, message)
        .span(key.len())
        .hint(hint)
}

impl Config {
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
        assert!(errs[0].message.contains("invalid type"), "{}", errs[0].message);
    }
}
