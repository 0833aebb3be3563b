//! Interface strings: the theme's translation tables (`i18n/<lang>.yaml`), a handbook's own
//! overrides, plural rules, and the lookup templates (`t(key=…)`) and scripts use.
//!
//! Layers, later winning per key: the theme's English table (the reference: every key the
//! templates may ask for), the theme's table for the handbook's language, then the handbook's
//! `i18n/<lang>.yaml`. The override lives in a file of its own, not in `handbook.yaml`, because
//! it has exactly the shape of the theme's file (copy a line, change its words) and a handbook
//! with several languages keeps one file per language — Hugo's convention too.

mod tables;

use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
pub use tables::Layer;

/// One interface string: plain, or one form per plural category of a count `{n}`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Plural { one: String, other: String },
}

/// The strings of one language, every key of the English table present.
#[derive(Clone, Debug)]
pub struct Strings {
    /// The BCP 47 tag as configured, e.g. `fr` or `fr-CA`.
    pub language: String,
    table: BTreeMap<String, Text>,
}

/// Languages written right to left (by primary subtag).
const RTL: &[&str] = &["ar", "he", "fa", "ur"];

/// The primary subtag of a BCP 47 tag, lower-cased: `fr-CA` -> `fr`.
pub fn primary(language: &str) -> String {
    language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

/// `rtl` for languages written right to left, else `ltr`.
pub fn direction(language: &str) -> &'static str {
    if RTL.contains(&primary(language).as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}

/// Whether a count of `n` takes the `one` form: French (and the languages that count like it)
/// say "0 résultat, 1 résultat"; English says "0 results".
pub fn is_one(language: &str, n: i64) -> bool {
    match primary(language).as_str() {
        "fr" | "pt" | "hy" | "kab" => n == 0 || n == 1,
        _ => n == 1,
    }
}

impl Strings {
    /// The strings for `language` from `layers` (see the module's comment), and a warning for
    /// each key the language lacks (English is used) or that no template knows.
    pub fn resolve(layers: &[Layer], language: &str) -> (Strings, Vec<Diagnostic>) {
        let lang = primary(language);
        let english = layers.iter().find(|l| l.language == "en").map(|l| &l.table);
        let mut table = english.cloned().unwrap_or_default();
        let mut warnings = Vec::new();
        let mine: Vec<&Layer> = layers.iter().filter(|l| l.language == lang).collect();
        for layer in &mine {
            for (key, text) in &layer.table {
                if english.is_some_and(|e| !e.contains_key(key)) {
                    warnings.push(layer.warning(key, format!("unknown interface string \"{key}\"")));
                    continue;
                }
                table.insert(key.clone(), text.clone());
            }
        }
        if lang != "en" {
            warnings.extend(missing(&table, english, &mine, language));
        }
        let strings = Strings {
            language: language.to_string(),
            table,
        };
        (strings, warnings)
    }

    /// The plain string `key` (no count, nothing filled in); the key itself if no table has it.
    pub fn word<'s>(&'s self, key: &'s str) -> &'s str {
        self.text(key, None).unwrap_or(key)
    }

    /// A page kind's name ("Article", "Case study") in the language: its `kind_…` string, or
    /// `label` itself if no table has one.
    pub fn kind(&self, label: &str) -> String {
        let key = format!("kind_{}", label.to_lowercase().replace(' ', "_"));
        self.text(&key, None).map_or_else(|| label.to_string(), str::to_string)
    }

    /// English only: the embedded theme's table.
    pub fn english() -> Strings {
        Strings::resolve(&tables::embedded(), "en").0
    }

    /// The string for `key`, its plural form chosen by `n`, `{name}`s filled from `vars`
    /// (`{n}` from `n`). `None` for a key no table has.
    pub fn get(&self, key: &str, n: Option<i64>, vars: &[(&str, String)]) -> Option<String> {
        Some(fill(self.text(key, n)?, n, vars))
    }

    /// The unfilled text of `key` for a count of `n`.
    pub fn text(&self, key: &str, n: Option<i64>) -> Option<&str> {
        Some(match self.table.get(key)? {
            Text::Plain(s) => s,
            Text::Plural { one, other } => match n {
                Some(n) if is_one(&self.language, n) => one,
                _ => other,
            },
        })
    }

    /// `YYYY-MM-DD` in words: `date` with `{day}`, `{month}` (`month_1`…`month_12`), `{year}`;
    /// the first of the month is written `day_first` ("1er" in French).
    pub fn date(&self, date: &str) -> Option<String> {
        let mut parts = date.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        let month: u32 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        let day: u32 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
        let day = if day == 1 {
            self.get("day_first", None, &[])?
        } else {
            day.to_string()
        };
        let vars = [
            ("day", day),
            ("month", self.get(&format!("month_{month}"), None, &[])?),
            ("year", year.to_string()),
        ];
        self.get("date", None, &vars)
    }

    /// The strings the scripts need (keys starting `js_`) as one JSON object, plurals as
    /// `[one, other]`, and `_zero` when a count of 0 takes the `one` form. It is inlined in a
    /// `<script type="application/json">`, so `<` is escaped.
    pub fn script_json(&self) -> String {
        self.json_of("js_")
    }

    /// The strings of `handbook serve`'s own scripts and pages (keys starting `serve_`), in the
    /// shape of `script_json`.
    pub fn serve_json(&self) -> String {
        self.json_of("serve_")
    }

    /// The strings whose keys start with `prefix`, without it, as `script_json` describes.
    fn json_of(&self, prefix: &str) -> String {
        let mut map = serde_json::Map::new();
        for (key, text) in self.table.iter().filter(|(k, _)| k.starts_with(prefix)) {
            let short = key[prefix.len()..].to_string();
            let value = match text {
                Text::Plain(s) => serde_json::json!(s),
                Text::Plural { one, other } => serde_json::json!([one, other]),
            };
            map.insert(short, value);
        }
        if is_one(&self.language, 0) {
            map.insert("_zero".into(), serde_json::json!(1));
        }
        serde_json::Value::Object(map).to_string().replace('<', "\\u003c")
    }
}

/// `text` with `{n}` and each `{name}` of `vars` filled in.
fn fill(text: &str, n: Option<i64>, vars: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    if let Some(n) = n {
        out = out.replace("{n}", &n.to_string());
    }
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Escapes what could break out of an element or a quoted attribute. Unlike the escape of
/// values, apostrophes stay as written: table text is the theme's own, like a template's.
fn escape_table_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A warning for each key `table` still has only in English.
fn missing(
    table: &BTreeMap<String, Text>,
    english: Option<&BTreeMap<String, Text>>,
    mine: &[&Layer],
    language: &str,
) -> Vec<Diagnostic> {
    let Some(english) = english else {
        return Vec::new();
    };
    let Some(last) = mine.last() else {
        let message = format!("no interface strings for language \"{language}\"; English is used");
        let hint = format!(
            "copy the theme's i18n/en.yaml to i18n/{}.yaml and translate it",
            primary(language)
        );
        return vec![Diagnostic::warning(crate::config::FILE_NAME, 0, 0, message).hint(hint)];
    };
    let translated = |key: &str| mine.iter().any(|l| l.table.contains_key(key));
    let untranslated: Vec<&str> = english
        .keys()
        .filter(|k| table.contains_key(*k) && !translated(k))
        .map(String::as_str)
        .collect();
    if untranslated.is_empty() {
        return Vec::new();
    }
    // One warning naming every key, not one each: a new language starts with most of them.
    let message = format!(
        "{} interface string{} not translated, so English is used: {}",
        untranslated.len(),
        if untranslated.len() == 1 { " is" } else { "s are" },
        untranslated.join(", ")
    );
    let hint = "add each as `key: …` in the language's words (see the theme's i18n/en.yaml)";
    vec![Diagnostic::warning(last.shown.clone(), 0, 0, message).hint(hint)]
}

/// The layers of `layers(root, theme)`, or only the embedded theme's when a table cannot be
/// read: for the stages that need words but do not report the tables' problems (the theme's
/// load does).
pub fn layers_or_embedded(root: &Path, theme: Option<&str>) -> Vec<Layer> {
    layers(root, theme).unwrap_or_else(|_| tables::embedded())
}

/// Every layer of interface strings: the embedded theme's tables, then `theme`'s `i18n/`
/// folder, then the handbook's own `i18n/`. Errors for a table that cannot be read.
pub fn layers(root: &Path, theme: Option<&str>) -> Result<Vec<Layer>, Vec<Diagnostic>> {
    let mut layers = tables::embedded();
    let mut problems = Vec::new();
    let mut folders = Vec::new();
    if let Some(theme) = theme {
        folders.push((root.join(theme).join("i18n"), format!("{theme}/i18n")));
    }
    folders.push((root.join("i18n"), "i18n".to_string()));
    for (dir, shown) in folders {
        match tables::read_folder(&dir, &shown, root) {
            Ok(mut found) => layers.append(&mut found),
            Err(mut e) => problems.append(&mut e),
        }
    }
    if problems.is_empty() {
        Ok(layers)
    } else {
        Err(problems)
    }
}

/// Registers `t(key=…, n=…, name=…)` on `tera`: the interface string `key` in `strings`' language.
/// A key no table has is a template error (a typo in a template, not in content).
pub fn register(tera: &mut tera::Tera, strings: Strings) {
    let strings = std::sync::Arc::new(strings);
    let json = strings.script_json();
    tera.register_function("script_strings", move |_: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&json)
    });
    let kinds = strings.clone();
    tera.register_function("kind", move |kwargs: tera::Kwargs, _: &tera::State| {
        let label: &str = kwargs.must_get("label")?;
        Ok::<_, tera::Error>(kinds.kind(label))
    });
    let dates = strings.clone();
    tera.register_function("date_in_words", move |kwargs: tera::Kwargs, _: &tera::State| {
        let date: &str = kwargs.must_get("date")?;
        Ok::<_, tera::Error>(dates.date(date).unwrap_or_else(|| date.to_string()))
    });
    tera.register_function("t", move |kwargs: tera::Kwargs, _: &tera::State| {
        let key: &str = kwargs.must_get("key")?;
        let n = kwargs.get::<i64>("n")?;
        let Some(text) = strings.text(key, n) else {
            return Err(tera::Error::message(format!(
                "no interface string \"{key}\" in i18n/en.yaml"
            )));
        };
        let vars: Vec<(String, String)> = kwargs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), Some("key" | "n")))
            .map(|(k, v)| {
                (
                    k.to_string(),
                    escape(&v.as_str().map_or_else(|| v.to_string(), str::to_string)),
                )
            })
            .collect();
        let vars: Vec<(&str, String)> = vars.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        Ok(tera::Value::safe_string(&fill(&escape_table_text(text), n, &vars)))
    });
}

/// The template engine's own escape, for values filled into a string.
fn escape(text: &str) -> String {
    let mut out = Vec::new();
    crate::render::escape_html(text, &mut out).expect("writing to a Vec does not fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

#[cfg(test)]
mod tests;
