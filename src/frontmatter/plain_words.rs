//! serde_yaml's messages in plain words: what the editor wrote and how to fix it. The parser's
//! own text is kept only for mistakes not recognised here.

/// A YAML error explained.
#[derive(Debug, PartialEq, Eq)]
pub struct Explained {
    pub message: String,
    pub hint: String,
    /// (line, column) within the YAML block, where it differs from the parser's.
    pub at: Option<(usize, usize)>,
}

/// Explains serde_yaml's `full` message (with its " at line N column M" tail) about `yaml`;
/// `line` and `col` are the parser's position, 1-based within the block (0 if it gave none).
pub fn explain(full: &str, yaml: &str, line: usize, col: usize) -> Explained {
    let message = full.split(" at line ").next().unwrap_or(full);
    let text = line.checked_sub(1).and_then(|n| yaml.lines().nth(n)).unwrap_or("");
    let key = key_of(message).or_else(|| text.split_once(':').map(|(k, _)| k.trim().to_string()));
    let key = key.unwrap_or_else(|| "this key".into());
    let said = |message: String, hint: &str| Explained {
        message,
        hint: hint.to_string(),
        at: None,
    };
    let quoted = format!("put the whole value in double quotes: `{}`", in_quotes(text));
    if message.starts_with("mapping values are not allowed") {
        let indent = text.len() - text.trim_start().len();
        return if indent > 0 {
            Explained {
                at: Some((line, indent + 1)),
                ..said(
                    format!(
                        "\"{}\" is indented, so YAML reads it as part of the line above",
                        text.trim().split(':').next().unwrap_or("")
                    ),
                    "top-level keys start at the beginning of the line: remove the spaces before it",
                )
            }
        } else {
            said(
                format!("the value of \"{key}\" contains \": \", which YAML reads as the start of another key"),
                &quoted,
            )
        };
    }
    if message.starts_with("found character that cannot start any token") {
        let c = text.chars().nth(col.saturating_sub(1)).unwrap_or('?');
        return said(format!("a YAML value cannot start with \"{c}\""), &quoted);
    }
    if message.contains("tab character") {
        return said(
            "a tab indents this line: use spaces, not tabs, to indent".into(),
            "YAML counts spaces; replace the tab with two spaces",
        );
    }
    if message.starts_with("found unexpected end of stream") && full.contains("quoted scalar") {
        let opened = position_after(full, "quoted scalar at line ");
        return Explained {
            at: opened,
            ..said(
                "this quote is never closed".into(),
                "end the value with the same quote mark it starts with",
            )
        };
    }
    if message.starts_with("did not find expected key") || message.starts_with("could not find expected ':'") {
        return said(
            "YAML cannot read this line as `key: value`".into(),
            "a value that starts with a quote must end with it; for an apostrophe inside, use double quotes: `title: \"It's over\"`",
        );
    }
    if message.contains("expected struct FrontMatter") || message.contains("expected struct Config") {
        return said(
            "front matter must be `key: value` lines".into(),
            "put a colon and a space after each key, e.g. `title: How long should I wait?`",
        );
    }
    if let Some(found) = message.split("invalid type: ").nth(1) {
        return wrong_type(&key, found);
    }
    said(
        message.replace('`', "\""),
        "check the YAML syntax: `key: value`, lists as `- item`, quote text that contains `: ` or starts with `[`",
    )
}

/// `key: value` with the value in double quotes, as the editor could write it.
fn in_quotes(line: &str) -> String {
    match line.split_once(':') {
        Some((key, value)) => format!("{key}: \"{}\"", value.trim().replace('"', "\\\"")),
        None => line.to_string(),
    }
}

/// "invalid type: string \"two\", expected i64" and its kin, for the key `key`.
fn wrong_type(key: &str, found: &str) -> Explained {
    let (got, expected) = found.split_once(", expected ").unwrap_or((found, ""));
    let got = match got {
        "sequence" => "a list".to_string(),
        "map" => "a set of `key: value` pairs".to_string(),
        // "string \"two\"" keeps its quotes; "floating point `1.5`" and "integer `3`" lose theirs.
        other => match (other.strip_prefix("string "), other.split('`').nth(1)) {
            (Some(text), _) => text.to_string(),
            (None, Some(value)) => value.to_string(),
            (None, None) => other.to_string(),
        },
    };
    let (want, hint) = match expected {
        "i64" | "u64" | "u32" | "usize" => ("a whole number", format!("write a number, e.g. `{key}: 2`")),
        "a boolean" => ("true or false", format!("write `{key}: true` or `{key}: false`")),
        "a sequence" => (
            "a list",
            format!("write `{key}: [one, two]`, or one `- item` per line below the key"),
        ),
        "a string" => (
            "text",
            "text that starts with `[` or `{`, or contains `: `, must be in double quotes".to_string(),
        ),
        other => (
            other,
            "check the value's type: text, a number, true/false or a list".to_string(),
        ),
    };
    Explained {
        message: format!("\"{key}\" must be {want}, not {got}"),
        hint,
        at: None,
    }
}

/// The key serde names before its message: `tags[1]: invalid type …` -> `tags`.
fn key_of(message: &str) -> Option<String> {
    let (path, _) = message.split_once(": invalid type")?;
    let key = path.split(['[', '.']).next()?;
    (!key.is_empty()).then(|| key.to_string())
}

/// The `(line, column)` written after `marker` in `full`.
fn position_after(full: &str, marker: &str) -> Option<(usize, usize)> {
    let rest = full.split(marker).nth(1)?;
    let mut words = rest.split_whitespace();
    let line = words.next()?.parse().ok()?;
    let col = words.nth(1)?.trim_end_matches(',').parse().ok()?;
    Some((line, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(yaml: &str) -> Explained {
        let err = serde_yaml::from_str::<super::super::FrontMatter>(yaml).unwrap_err();
        let (line, col) = err.location().map_or((0, 1), |l| (l.line(), l.column()));
        explain(&err.to_string(), yaml, line, col)
    }

    #[test]
    fn common_mistakes_are_said_plainly() {
        let cases = [
            (
                "title: Ask me: why\n",
                "the value of \"title\" contains \": \", which YAML reads as the start of another key",
            ),
            (
                "title: x\n  summary: y\n",
                "\"summary\" is indented, so YAML reads it as part of the line above",
            ),
            ("title: @me\n", "a YAML value cannot start with \"@\""),
            ("weight: two\n", "\"weight\" must be a whole number, not \"two\""),
            ("weight: 1.5\n", "\"weight\" must be a whole number, not 1.5"),
            ("tags: single\n", "\"tags\" must be a list, not \"single\""),
            (
                "title: {a}\n",
                "\"title\" must be text, not a set of `key: value` pairs",
            ),
            ("draft: maybe\n", "\"draft\" must be true or false, not \"maybe\""),
            ("title: \"open\n", "this quote is never closed"),
            ("title: 'it's'\n", "YAML cannot read this line as `key: value`"),
            ("title x\n", "front matter must be `key: value` lines"),
        ];
        for (yaml, message) in cases {
            assert_eq!(explained(yaml).message, message, "{yaml}");
        }
        assert_eq!(explained("title: \"open\n").at, Some((1, 8)));
    }
}
