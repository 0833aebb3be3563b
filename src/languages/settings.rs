//! One entry of `languages:`: a language's code alone (`fr`), or its code and the settings a
//! reader sees that it gives in its own words (`{code: fr, title: …}`) over the handbook's.

use crate::config::{Config, SearchConfig};
use crate::diagnostic::Diagnostic;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// A further language and what it sets for itself; what it leaves unset is the handbook's.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Language {
    /// The language tag, which is also its folder under `content/` and in the site.
    pub code: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub exit_url: Option<String>,
    pub help_page: Option<String>,
    pub safety_page: Option<String>,
    pub safety_article: Option<String>,
    pub sections: Option<Vec<String>>,
    pub topics: Option<BTreeMap<String, String>>,
    pub search: Option<SearchConfig>,
    pub max_reading_grade: Option<f64>,
}

impl Language {
    /// A language that sets nothing of its own.
    pub fn code(code: &str) -> Language {
        Language {
            code: code.to_string(),
            ..Language::default()
        }
    }

    /// `config` (the handbook's) with what this language sets in place of the handbook's.
    pub fn apply(&self, config: &mut Config) {
        let set = |to: &mut String, from: &Option<String>| {
            if let Some(value) = from {
                to.clone_from(value);
            }
        };
        set(&mut config.title, &self.title);
        set(&mut config.description, &self.description);
        set(&mut config.exit_url, &self.exit_url);
        set(&mut config.help_page, &self.help_page);
        set(&mut config.safety_page, &self.safety_page);
        set(&mut config.safety_article, &self.safety_article);
        if let Some(sections) = &self.sections {
            config.sections.clone_from(sections);
        }
        if let Some(topics) = &self.topics {
            config.topics.clone_from(topics);
        }
        if let Some(search) = &self.search {
            config.search = search.clone();
        }
        if let Some(grade) = self.max_reading_grade {
            config.max_reading_grade = grade;
        }
    }
}

impl<'de> Deserialize<'de> for Language {
    /// `fr` is short for `{code: fr}`, so a language that sets nothing is one word.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Entry)
    }
}

/// Reads either form of an entry; the mapping with `Language`'s derived (strict) reading.
struct Entry;

impl<'de> Visitor<'de> for Entry {
    type Value = Language;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a language tag such as fr, or a mapping with `code:` and its own settings")
    }

    fn visit_str<E: de::Error>(self, code: &str) -> Result<Language, E> {
        Ok(Language::code(code))
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Language, M::Error> {
        Language::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code)
    }
}

/// What the handbook's own checks of `handbook.yaml` find in a language's settings: an exit
/// address that is not absolute, search words that match nothing. Each is placed at the
/// language's key in `text` where it can be found, else at `languages:`.
pub fn check(handbook: &Config, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for language in &handbook.languages {
        if let Some(url) = &language.exit_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                let message = format!(
                    "exit_url of language \"{}\" must be an absolute http(s) address",
                    language.code
                );
                let hint = "use a neutral site in that language, such as a weather or news page";
                out.push(at(text, &language.code, "exit_url", message, hint));
            }
        }
        if let Some(search) = &language.search {
            let rules = crate::search::language::Rules::of(&language.code);
            out.extend(crate::search::terms::check(search, rules, text));
        }
    }
    out
}

fn at(text: &str, code: &str, key: &str, message: String, hint: &str) -> Diagnostic {
    let mut d = crate::config::line_of(text, "languages", &message, hint);
    if let Some(line) = line_of(text, code, key) {
        d.line = line;
        d.col = text.lines().nth(line - 1).map_or(1, |l| l.find(key).unwrap_or(0) + 1);
        d.len = key.len();
    }
    d
}

/// The line of `key:` in the entry of `languages:` whose code is `code`, read from the text:
/// the first such key after the line that names the code, before the next entry.
pub fn line_of(text: &str, code: &str, key: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let names = |l: &str| {
        let l = l.trim_start().trim_start_matches(['-', ' ', '{']);
        let value = l
            .strip_prefix("code:")
            .map(|c| c.split([',', '}']).next().unwrap_or(""));
        value.is_some_and(|c| c.trim().trim_matches(['"', '\'']) == code)
    };
    let start = lines
        .iter()
        .position(|l| names(l) || l.contains(&format!("code: {code},")))?;
    let inline = lines[start].find(&format!("{key}:")).map(|_| start + 1);
    // The entry's keys line up after its `- `; a line indented less ends the entry, and a
    // line indented more is inside one of its values.
    let indent = |l: &str| l.len() - l.trim_start().len();
    let keys = lines[start].len() - lines[start].trim_start_matches([' ', '-']).len();
    let next = lines[start + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || indent(l) >= keys)
        .position(|l| indent(l) == keys && l.trim_start().starts_with(&format!("{key}:")))
        .map(|i| start + 2 + i);
    inline.or(next)
}

#[cfg(test)]
mod tests {
    use crate::config::parse;
    use crate::languages::Edition;

    fn rendered(text: &str) -> Vec<String> {
        let mut problems = parse(text).unwrap_err();
        problems
            .iter_mut()
            .map(|d| {
                d.attach_source(text);
                d.render()
            })
            .collect()
    }

    #[test]
    fn a_language_gives_its_own_settings_and_keeps_the_rest() {
        let text = "title: Little handbook\ndescription: Guidance\nlanguages:\n  - code: fr\n    title: Petit guide\n    exit_url: https://example.org/meteo\n  - de\n";
        let handbook = parse(text).unwrap();
        let fr = Edition {
            code: Some("fr".into()),
        }
        .config(&handbook);
        assert_eq!(
            (fr.title.as_str(), fr.description.as_str(), fr.exit_url.as_str()),
            ("Petit guide", "Guidance", "https://example.org/meteo")
        );
        let de = Edition {
            code: Some("de".into()),
        }
        .config(&handbook);
        assert_eq!((de.title.as_str(), de.language.as_str()), ("Little handbook", "de"));
        assert_eq!(Edition::DEFAULT.config(&handbook).title, "Little handbook");
    }

    #[test]
    fn an_unknown_language_setting_is_located_with_a_suggestion() {
        assert_eq!(
            rendered("title: X\nlanguages:\n  - code: fr\n    titel: Y\n"),
            ["handbook.yaml:4:5: error: unknown key \"titel\" in languages[0]\n  |\n4 |     titel: Y\n  |     ^^^^^ did you mean \"title\"?\n"]
        );
        assert_eq!(
            rendered("languages: [fr, {code: de, exit_ur: x}]\n"),
            ["handbook.yaml:1:28: error: unknown key \"exit_ur\" in languages[1]\n  |\n1 | languages: [fr, {code: de, exit_ur: x}]\n  |                            ^^^^^^^ did you mean \"exit_url\"?\n"]
        );
    }

    #[test]
    fn a_language_s_settings_are_checked_where_they_are_written() {
        let problems = parse("languages:\n  - code: fr\n    title: Petit guide\n    exit_url: meteo.fr\n").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            (problems[0].line, problems[0].col, problems[0].message.as_str()),
            (4, 5, "exit_url of language \"fr\" must be an absolute http(s) address")
        );
        let problems = parse("languages:\n  - code: fr\n    search:\n      synonyms: [[rupture]]\n").unwrap_err();
        assert_eq!(
            (problems[0].line, problems[0].message.as_str()),
            (4, "a synonym group needs at least two entries")
        );
    }

    #[test]
    fn a_language_s_key_is_found_in_its_own_entry_past_nested_lists() {
        let text = "exit_url: https://example.org/\nlanguages:\n  - code: de\n    help_page: hilfe.md\n  - code: fr\n    search:\n      help_terms:\n        - danger\n    help_page: aide.md\n";
        assert_eq!(super::line_of(text, "fr", "help_page"), Some(9));
        assert_eq!(super::line_of(text, "de", "help_page"), Some(4));
        assert_eq!(super::line_of(text, "de", "search"), None, "not from the next entry");
        assert_eq!(
            super::line_of("languages: [{code: fr, help_page: a.md}]\n", "fr", "help_page"),
            Some(1)
        );
    }

    #[test]
    fn a_language_s_missing_help_page_is_an_error_at_its_own_line() {
        let text = "help_page: help.md\nlanguages:\n  - code: fr\n    help_page: aide.md\n";
        let fr = Edition {
            code: Some("fr".into()),
        }
        .config(&parse(text).unwrap());
        let problems = fr.check_linked_pages("content/fr/", |p| p == "help.md");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            (problems[0].line, problems[0].col, problems[0].message.as_str()),
            (4, 5, "help_page names content/fr/aide.md, which does not exist")
        );
        assert!(fr.check_linked_pages("content/fr/", |p| p == "aide.md").is_empty());
    }
}
