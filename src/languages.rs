//! Several languages in one handbook: `languages: [fr]` in `handbook.yaml` puts French pages in
//! `content/fr/` and builds them as a whole site of their own under `fr/`. Owns the editions,
//! the links between translations (same path under each language's folder) and stale ones.

mod settings;

pub use settings::{line_of as key_line, Language};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::site::Site;
use serde::Serialize;

/// Every language of a handbook, each with its site, the default first.
pub type Editions = Vec<(Edition, Site)>;

/// One language's part of the handbook: the default (`code` is `None`) or one of `languages:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edition {
    pub code: Option<String>,
}

impl Edition {
    /// The default language's edition.
    pub const DEFAULT: Edition = Edition { code: None };

    /// Where its pages are, from the handbook's root, and how diagnostics name them.
    pub fn content_prefix(&self) -> String {
        match &self.code {
            None => crate::CONTENT_PREFIX.to_string(),
            Some(code) => format!("{}{code}/", crate::CONTENT_PREFIX),
        }
    }

    /// Where its site goes inside the output folder.
    pub fn out_prefix(&self) -> String {
        self.code.as_ref().map(|c| format!("{c}/")).unwrap_or_default()
    }

    /// The handbook's configuration as this edition sees it: its own language, and an address
    /// under the handbook's, so canonical links, the feed and the sitemap name its pages.
    pub fn config(&self, handbook: &Config) -> Config {
        let Some(code) = &self.code else {
            return handbook.clone();
        };
        let mut config = handbook.clone();
        if let Some(language) = handbook.languages.iter().find(|l| &l.code == code) {
            language.apply(&mut config);
        }
        config.language = code.clone();
        config.languages = Vec::new();
        config.base_url = handbook.base().map(|b| format!("{b}{code}/"));
        config
    }
}

/// The default edition, then one per entry of `languages:`, in the order written.
pub fn editions(config: &Config) -> Vec<Edition> {
    let extra = config.languages.iter().map(|l| Edition {
        code: Some(l.code.clone()),
    });
    std::iter::once(Edition::DEFAULT).chain(extra).collect()
}

/// `languages:` entries that cannot be a folder of `content/` or repeat a language.
pub fn check(config: &Config, text: &str) -> Vec<Diagnostic> {
    let mut seen = vec![crate::i18n::primary(&config.language)];
    let mut problems = Vec::new();
    for code in config.languages.iter().map(|l| &l.code) {
        let plain = !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        let message = if !plain {
            format!("language \"{code}\" is not a language tag such as fr or pt-BR")
        } else if seen.contains(&crate::i18n::primary(code)) {
            format!("language \"{code}\" is listed twice (the default language is `language:`)")
        } else {
            seen.push(crate::i18n::primary(code));
            continue;
        };
        let hint = "list each further language once, e.g. `languages: [fr]`, its pages in content/fr/";
        problems.push(crate::config::line_of(text, "languages", &message, hint));
    }
    problems.extend(settings::check(config, text));
    problems
}

/// Whether `rel` (a path under `content/`) belongs to another language's folder, which the
/// default language leaves to that language.
pub fn is_elsewhere(config: &Config, rel: &str) -> bool {
    let top = rel.split('/').next().unwrap_or("");
    rel.contains('/') && config.languages.iter().any(|l| l.code == top)
}

/// One entry of the language switcher and of the `hreflang` alternates of a page.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Alternate {
    /// The language tag, for `hreflang` and `lang`.
    pub language: String,
    /// The language's name in itself (its `language_name` string), for the switcher.
    pub name: String,
    /// From the root of the page's own language: `../` to leave it, then the target.
    pub url: String,
    /// The same page in that language (a translation), not its home page.
    pub same_page: bool,
    /// The page's own language.
    pub current: bool,
}

/// Per page (the site's page indexes), the page in every language; and for generated pages
/// (search, topics…), every language's home page.
#[derive(Clone, Debug, Default)]
pub struct Translations {
    pub pages: Vec<Vec<Alternate>>,
    pub home: Vec<Alternate>,
}

/// Links every edition's pages to their translations: a page is the translation of the page
/// at the same path under the other language's folder. `names` are the languages' own names.
/// With one language, every page's entry is empty: nothing to link.
pub fn link(sites: &[(&Edition, &Site)], names: &[String]) -> Vec<Translations> {
    if sites.len() < 2 {
        return vec![Translations::default(); sites.len()];
    }
    let languages: Vec<String> = sites.iter().map(|(_, s)| s.config.language.clone()).collect();
    let mut all = Vec::new();
    for (from, site) in sites.iter() {
        let up = if from.code.is_some() { "../" } else { "" };
        let alternate = |to: usize, target: Option<&str>, current: bool| {
            let way = if current {
                String::new()
            } else {
                format!("{up}{}", sites[to].0.out_prefix())
            };
            Alternate {
                language: languages[to].clone(),
                name: names[to].clone(),
                url: format!("{way}{}", target.unwrap_or("index.html")),
                same_page: target.is_some(),
                current,
            }
        };
        let pages = site.pages.iter().map(|page| {
            let same = |to: usize| sites[to].1.pages.iter().find(|p| p.source == page.source);
            (0..sites.len())
                .map(|to| alternate(to, same(to).map(|p| p.url.as_str()), sites[to].0 == *from))
                .collect()
        });
        let home = (0..sites.len()).map(|to| alternate(to, None, sites[to].0 == *from));
        all.push(Translations {
            pages: pages.collect(),
            home: home.collect(),
        });
    }
    all
}

/// Links each loaded language's pages to their translations (the language switcher).
pub fn link_all(editions: &mut Editions, theme: &crate::theme::Theme) {
    let sites: Vec<(&Edition, &Site)> = editions.iter().map(|(e, s)| (e, s)).collect();
    let translations = link(&sites, &names(&sites, theme));
    for ((_, site), translations) in editions.iter_mut().zip(translations) {
        site.translations = translations;
    }
}

/// Each language's name in itself, from its interface strings.
pub fn names(sites: &[(&Edition, &Site)], theme: &crate::theme::Theme) -> Vec<String> {
    sites
        .iter()
        .map(|(_, site)| theme.strings_in(&site.config.language))
        .map(|strings| strings.word("language_name").to_string())
        .collect()
}

/// A warning at each translation last reviewed before its original (the default language's
/// page at the same path): the original has changed since, and the translation may say less.
/// Each is placed at the translation's `reviewed:` line, read again from under `root`.
pub fn stale(root: &std::path::Path, sites: &[(&Edition, &Site)]) -> Vec<Diagnostic> {
    let Some(((_, original), rest)) = sites.split_first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (edition, site) in rest {
        for page in &site.pages {
            let Some(first) = original.pages.iter().find(|p| p.source == page.source) else {
                continue;
            };
            let (Some(theirs), Some(mine)) = (&first.reviewed, &page.reviewed) else {
                continue;
            };
            if mine.as_str() < theirs.as_str() {
                let path = format!("{}{}", edition.content_prefix(), page.source);
                let message = format!(
                    "stale translation: reviewed on {mine}, before its original {}{} (reviewed on {theirs})",
                    crate::CONTENT_PREFIX,
                    page.source
                );
                let hint = "bring the translation up to date with the original, then update its `reviewed:`";
                let text = std::fs::read_to_string(root.join(&path))
                    .map(crate::source::normalise)
                    .unwrap_or_default();
                let line = reviewed_line(&text, &path).unwrap_or(page.front_matter_line);
                let mut d = Diagnostic::warning(path, line, 1, message).span(8).hint(hint);
                d.attach_source(&text);
                out.push(d);
            }
        }
    }
    out
}

/// The line of the `reviewed:` key in a page's `text`.
fn reviewed_line(text: &str, path: &str) -> Option<usize> {
    let split = crate::frontmatter::split(text, path).ok()?;
    let keys = crate::frontmatter::top_level_keys(split.yaml, split.yaml_line);
    keys.into_iter().find(|k| k.key == "reviewed").map(|k| k.line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Kind;
    use crate::render::tests::page;

    fn site(language: &str, pages: &[(&str, &str)]) -> Site {
        let config = Config {
            language: language.into(),
            ..Config::default()
        };
        let mut all = vec![page(Kind::Home, "", "index")];
        for (slug, reviewed) in pages {
            let mut p = page(Kind::Article, "articles", slug);
            p.reviewed = Some(reviewed.to_string());
            all.push(p);
        }
        crate::site::link(config, all, "content/").0
    }

    fn linked(sites: &mut Editions, names: &[&str]) {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let pairs: Vec<(&Edition, &Site)> = sites.iter().map(|(e, s)| (e, s)).collect();
        let translations = link(&pairs, &names);
        for ((_, site), t) in sites.iter_mut().zip(translations) {
            site.translations = t;
        }
    }

    fn at(site: &Site, source: &str) -> usize {
        site.pages.iter().position(|p| p.source == source).unwrap()
    }

    fn two(en: &[(&str, &str)], fr: &[(&str, &str)]) -> Vec<(Edition, Site)> {
        let fr_edition = Edition {
            code: Some("fr".into()),
        };
        vec![(Edition::DEFAULT, site("en", en)), (fr_edition, site("fr", fr))]
    }

    #[test]
    fn translations_link_both_ways_and_a_missing_one_goes_home() {
        let mut sites = two(&[("a", "2026-01-01"), ("b", "2026-01-01")], &[("a", "2026-01-01")]);
        let (a, b, fr_a) = (
            at(&sites[0].1, "articles/a.md"),
            at(&sites[0].1, "articles/b.md"),
            at(&sites[1].1, "articles/a.md"),
        );
        sites[1].1.pages[fr_a].url = "articles/a-fr.html".into();
        linked(&mut sites, &["English", "Français"]);
        let en_a = &sites[0].1.translations.pages[a];
        assert_eq!(
            (en_a[1].url.as_str(), en_a[1].same_page, en_a[1].current),
            ("fr/articles/a-fr.html", true, false)
        );
        assert!(en_a[0].current && en_a[0].same_page);
        let en_b = &sites[0].1.translations.pages[b];
        assert_eq!((en_b[1].url.as_str(), en_b[1].same_page), ("fr/index.html", false));
        let fr_a = &sites[1].1.translations.pages[fr_a];
        assert_eq!(
            (fr_a[0].url.as_str(), fr_a[0].name.as_str()),
            ("../articles/a.html", "English")
        );
        assert_eq!(sites[1].1.translations.home[0].url, "../index.html");
    }

    #[test]
    fn one_language_links_nothing() {
        let mut sites = vec![(Edition::DEFAULT, site("en", &[("a", "2026-01-01")]))];
        linked(&mut sites, &["English"]);
        assert!(sites[0].1.translations.pages.is_empty() && sites[0].1.translations.home.is_empty());
    }

    #[test]
    fn a_translation_reviewed_before_its_original_is_stale() {
        let sites = two(
            &[("a", "2026-03-01"), ("b", "2026-03-01")],
            &[("a", "2026-02-01"), ("b", "2026-03-01")],
        );
        let pairs: Vec<(&Edition, &Site)> = sites.iter().map(|(e, s)| (e, s)).collect();
        let found = stale(std::path::Path::new("/nonexistent"), &pairs);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, "content/fr/articles/a.md");
        assert!(found[0].message.contains("before its original content/articles/a.md"));
    }

    #[test]
    fn other_languages_folders_are_left_to_them_and_bad_entries_reported() {
        let config = crate::config::parse("languages: [fr]\n").unwrap();
        assert!(is_elsewhere(&config, "fr/articles/a.md"));
        assert!(!is_elsewhere(&config, "articles/fr.md") && !is_elsewhere(&config, "fr"));
        let bad = crate::config::parse("language: en\nlanguages: [fr, en-GB, \"../x\"]\n").unwrap_err();
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad[0].message.contains("\"en-GB\" is listed twice") && bad[0].line == 2);
        assert!(bad[1].message.contains("\"../x\" is not a language tag"));
    }

    #[test]
    fn a_further_language_lives_under_its_folder_and_address() {
        let fr = Edition {
            code: Some("fr".into()),
        };
        let handbook = crate::config::parse("base_url: https://example.org/hb\nlanguages: [fr]\n").unwrap();
        let config = fr.config(&handbook);
        assert_eq!(
            (config.language.as_str(), config.base_url.as_deref()),
            ("fr", Some("https://example.org/hb/fr/"))
        );
        assert!(config.languages.is_empty());
        assert_eq!(
            (fr.content_prefix(), fr.out_prefix()),
            ("content/fr/".to_string(), "fr/".to_string())
        );
        assert_eq!(Edition::DEFAULT.config(&handbook).language, "en");
    }
}
