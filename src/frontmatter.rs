//! Splits YAML front matter from Markdown and deserialises YAML into typed raw structs. The only
//! module that names serde_yaml: its line numbers are shifted here to lines of the source file.

mod expansion;
mod layout;
mod plain_words;
mod plain_yaml;

use crate::diagnostic::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Front matter exactly as an editor wrote it. Which keys a page may use depends on its kind;
/// `check_keys` enforces that, the kinds' required keys are enforced where pages are resolved.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub keywords: Vec<String>,
    pub weight: Option<i64>,
    pub reviewed: Option<String>,
    pub related: Vec<String>,
    pub draft: bool,
    pub slug: Option<String>,
    /// Old addresses (relative to the site root) that redirect to this page.
    pub aliases: Vec<String>,
    pub category: Option<String>,
    pub outcome: Option<String>,
    pub people: Option<String>,
    pub duration: Option<String>,
    pub lessons: Vec<String>,
    /// On the FAQ section's `_index.md`: the FAQ categories allowed.
    pub categories: Vec<String>,
    pub extra: Option<serde_json::Value>,
}

/// A file cut in two: the YAML between the `---` fences and the Markdown after them.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts front matter off `text` (already normalised to `\n`). A file without a leading `---`
/// has empty front matter; an opening `---` without its closing one is an error.
pub fn split<'a>(text: &'a str, path: &str) -> Result<Split<'a>, Diagnostic> {
    let start = text.trim_start_matches([' ', '\t', '\n']);
    if start.len() < text.len() && (start.starts_with("---\n") || start.trim_end() == "---") {
        let blank = text[..text.len() - start.len()].matches('\n').count();
        return Err(
            Diagnostic::error(path, 1, 1, "front matter must start on line 1").hint(format!(
                "remove the {blank} blank line{} before the opening `---`",
                if blank == 1 { "" } else { "s" }
            )),
        );
    }
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        return Ok(Split {
            yaml: "",
            yaml_line: 1,
            body: text,
            body_line: 1,
        });
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml: &rest[..offset],
                yaml_line: 2,
                body,
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, 1, 1, "front matter is not closed")
        .span(3)
        .hint("add a line with `---` after the last front matter key"))
}

/// Problems of layout that YAML parsers explain badly: tabs in indentation, a top-level key
/// given twice (reported at the repeat, where the editor's mistake is), and the mistakes of
/// `layout::line_problems`.
pub fn layout_problems(yaml: &str, first_line: usize, path: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(col) = indent.find('\t') {
            out.push(
                Diagnostic::error(
                    path,
                    first_line + i,
                    col + 1,
                    "a tab indents this line: use spaces, not tabs, to indent",
                )
                .hint("YAML counts spaces; replace the tab with two spaces"),
            );
        }
    }
    if out.is_empty() {
        out.extend(layout::line_problems(yaml, first_line, path));
    }
    let keys = top_level_keys(yaml, first_line);
    for (n, key) in keys.iter().enumerate() {
        if let Some(first) = keys[..n].iter().find(|k| k.key == key.key) {
            out.push(
                Diagnostic::error(
                    path,
                    key.line,
                    1,
                    format!(
                        "duplicate key \"{}\": it is already set on line {}",
                        key.key, first.line
                    ),
                )
                .span(key.key.chars().count())
                .hint("keep one of the two lines"),
            );
        }
    }
    out
}

/// A top-level key of a YAML mapping and the file line it is on.
#[derive(Debug, PartialEq, Eq)]
pub struct KeyAt {
    pub key: String,
    pub line: usize,
}

/// The top-level keys of a YAML block, read from its text so every one has a line number.
pub fn top_level_keys(yaml: &str, first_line: usize) -> Vec<KeyAt> {
    yaml.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with([' ', '\t', '-', '#']) && !l.is_empty())
        .filter_map(|(i, l)| {
            let key = l.split_once(':')?.0.trim().trim_matches(['"', '\'']);
            (!key.is_empty()).then(|| KeyAt {
                key: key.to_string(),
                line: first_line + i,
            })
        })
        .collect()
}

/// One diagnostic for each top-level key that is not in `allowed`, with a did-you-mean hint.
pub fn check_keys(yaml: &str, first_line: usize, path: &str, allowed: &[&str], what: &str) -> Vec<Diagnostic> {
    top_level_keys(yaml, first_line)
        .into_iter()
        .filter(|k| !allowed.contains(&k.key.as_str()))
        .map(|k| unknown_key(path, k.line, 1, &k.key, allowed, what))
        .collect()
}

pub fn unknown_key(path: &str, line: usize, col: usize, key: &str, allowed: &[&str], what: &str) -> Diagnostic {
    let hint = match did_you_mean(key, allowed) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None => format!(
            "expected one of: {}; put free-form data under `extra:`",
            allowed.join(", ")
        ),
    };
    Diagnostic::error(path, line, col, format!("unknown {what} key \"{key}\""))
        .span(key.chars().count())
        .hint(hint)
}

/// Deserialises `yaml` (which starts on file line `first_line`) into `T`. Errors point at the
/// line in the source file; an empty block deserialises from an empty mapping.
pub fn parse<T: DeserializeOwned>(yaml: &str, first_line: usize, path: &str) -> Result<T, Diagnostic> {
    // Most blocks are plain YAML, read far cheaper than by libyaml; whatever that reading cannot
    // vouch for, or `T` rejects, goes through serde_yaml for the same result and its messages.
    if let Some(value) = plain_yaml::read(yaml) {
        if let Ok(parsed) = serde_json::from_value(value) {
            return Ok(parsed);
        }
    }
    let text = if yaml.trim().is_empty() { "{}" } else { yaml };
    expansion::check(text, first_line, path)?;
    serde_yaml::from_str(text).map_err(|err| yaml_error(&err, yaml, first_line, path))
}

fn yaml_error(err: &serde_yaml::Error, yaml: &str, first_line: usize, path: &str) -> Diagnostic {
    let (line, col) = err.location().map_or((0, 1), |l| (l.line(), l.column()));
    let full = err.to_string();
    // serde_yaml appends " at line N column M"; our own position replaces it.
    let message = full.split(" at line ").next().unwrap_or(&full).to_string();
    let file_line = first_line + line.saturating_sub(1);
    if let Some(d) = unknown_field(&message, path, file_line, col) {
        return d;
    }
    let found = plain_words::explain(&full, yaml, line, col);
    let (line, col) = found.at.unwrap_or((line, col));
    let file_line = first_line + line.saturating_sub(1);
    Diagnostic::error(path, file_line, col, found.message).hint(found.hint)
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" into our did-you-mean form.
/// A key nested under a named key comes with serde's path to it (`languages[0]: unknown…`),
/// kept so the message says where; a path from the top of a list (`.[0]`) says nothing.
fn unknown_field(message: &str, path: &str, line: usize, col: usize) -> Option<Diagnostic> {
    let (within, rest) = message.split_once("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let mut d = unknown_key(path, line, col, key, &expected, "YAML");
    let within = within.trim_end_matches([':', ' ']);
    if !within.is_empty() && !within.starts_with('.') {
        d.message = format!("unknown key \"{key}\" in {within}");
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let s = split("---\ntitle: A\n---\nBody\n", "a.md").unwrap();
        assert_eq!(
            s,
            Split {
                yaml: "title: A\n",
                yaml_line: 2,
                body: "Body\n",
                body_line: 4
            }
        );
        let none = split("Just text\n", "a.md").unwrap();
        assert_eq!((none.yaml, none.body_line), ("", 1));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let d = split("---\ntitle: A\nBody\n", "a.md").unwrap_err();
        assert_eq!(d.message, "front matter is not closed");
    }

    #[test]
    fn yaml_errors_point_at_the_file_line() {
        let d = parse::<FrontMatter>("title: A\nweight: heavy\n", 2, "a.md").unwrap_err();
        assert_eq!((d.line, d.col), (3, 9));
        assert_eq!(d.message, "\"weight\" must be a whole number, not \"heavy\"");
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let d = check_keys("title: A\ntgas: [x]\n", 2, "a.md", &["title", "tags"], "front matter");
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].line, d[0].message.as_str()),
            (3, "unknown front matter key \"tgas\"")
        );
        assert_eq!(d[0].hint.as_deref(), Some("did you mean \"tags\"?"));
    }

    /// What serde_yaml reads, to hold `plain_yaml` to it.
    fn yaml_value(text: &str) -> serde_json::Value {
        serde_yaml::from_str(if text.is_empty() { "{}" } else { text }).unwrap()
    }

    #[test]
    fn plain_yaml_reads_what_serde_yaml_reads() {
        for text in [
            "title: \"Can we: stay?\"\nsummary: 'Yes, it#s: so'\ntags: [trust, money, grief-letters]\nweight: 67\nreviewed: 2025-10-11\ndraft: true\n",
            "outcome: reconciled\nduration: 12 months\nlessons:\n  - Old patterns come back\n  - Friends meant well\n",
            "- when: Months 1–2\n  title: Talking to friends\n  body: Take it *slowly*, [see](a.md).\n- when: 3\n  title: x\n",
            "id: a-1\ntitle: Before\nitems:\n  - I know\n  - id: first-step\n    text: I have written\n",
            "do:\n\n  - Name it\ndont:\n    - Rush\n",
            "items: []\ntags: [\"a b\", 'c']\nextra:\n  k: v\n  n: 0\n  yes: False\n",
            "",
        ] {
            assert_eq!(plain_yaml::read(text), Some(yaml_value(text)), "{text}");
        }
    }

    #[test]
    fn plain_yaml_leaves_anything_else_to_serde_yaml() {
        for text in [
            "a: b # comment\n",
            "a: Ask me: why\n",
            "a: b\na: c\n",
            "a:\n",
            "a: long\n  continued\n",
            "items:\n- compact\n",
            "a: ~\n",
            "a: null\n",
            "a: 1.5\n",
            "a: 007\n",
            "a: 1e3\n",
            "a: *alias\n",
            "a: !tag x\n",
            "a: |\n  block\n",
            "a: \"esc\\n\"\n",
            "a: {b: c}\n",
            "- - nested\n",
            "just text\n",
            "---\na: b\n",
            "a:\tb\n",
            "true: x\n",
            "a: [b: c]\n",
        ] {
            assert_eq!(plain_yaml::read(text), None, "{text}");
        }
    }
}
