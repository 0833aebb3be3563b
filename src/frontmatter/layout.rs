//! Line-by-line mistakes of layout that the YAML parser reports late, at the wrong line or in its
//! own jargon: a key indented under a finished `key: value`, a key without a space after its
//! colon, and a `[` list never closed. Found on the text, before parsing, so each is said plainly
//! at the line the editor got wrong.

use crate::diagnostic::Diagnostic;

/// The keys whose value is a list, in front matter and in `handbook.yaml`. For another key
/// (`title: [draft]`), a `[` starts text that needs quotes, which the parser's message says.
const LISTS: &[&str] = &[
    "tags",
    "keywords",
    "related",
    "aliases",
    "lessons",
    "categories",
    "sections",
    "languages",
    "exports",
];

/// The layout mistakes of `yaml`, whose first line is file line `first_line`.
pub fn line_problems(yaml: &str, first_line: usize, path: &str) -> Vec<Diagnostic> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut out = Vec::new();
    // The last top-level line that is not blank or a comment: (its index, whether its value is
    // complete on that line, so nothing may be indented under it).
    let mut above: Option<(usize, bool)> = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with('\t') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let at = first_line + i;
        if indent > 0 {
            if let (Some((_, true)), Some(key)) = (above, key_of(trimmed)) {
                out.push(
                    Diagnostic::error(
                        path,
                        at,
                        indent + 1,
                        format!("\"{key}\" is indented, so YAML reads it as part of the line above"),
                    )
                    .span(key.chars().count())
                    .hint("top-level keys start at the beginning of the line: remove the spaces before it"),
                );
                above = None;
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            above = None;
            continue;
        };
        if key_of(trimmed).is_none() && is_key(key) && !value.starts_with(':') && !value.starts_with('/') {
            out.push(
                Diagnostic::error(
                    path,
                    at,
                    key.len() + 1,
                    format!("\"{key}:\" needs a space after the colon"),
                )
                .hint(format!("write `{key}: {}`", value.trim())),
            );
            above = None;
            continue;
        }
        let value = value.trim();
        if let Some(col) = unclosed_list(value).filter(|_| LISTS.contains(&key)) {
            out.push(
                Diagnostic::error(
                    path,
                    at,
                    key.len() + 1 + col,
                    format!("the list of \"{key}\" is never closed"),
                )
                .hint(format!("end it with `]` on the same line: `{key}: {value}]`")),
            );
            above = None;
            continue;
        }
        above = Some((i, is_complete(value)));
    }
    out
}

/// The key of a `key: value` (or `key:`) line, if the line is one.
fn key_of(text: &str) -> Option<&str> {
    let (key, value) = text.split_once(':')?;
    (is_key(key) && (value.is_empty() || value.starts_with(' '))).then_some(key)
}

/// A word that can only be a key: letters, digits and `_` (as every handbook key is).
fn is_key(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `value` is whole on its line: not empty (a nested block follows), not a block scalar
/// (`|`, `>`), not an open quote or bracket that continues below.
fn is_complete(value: &str) -> bool {
    let without_comment = value.split(" #").next().unwrap_or(value).trim_end();
    match without_comment.chars().next() {
        None | Some('|' | '>' | '&' | '!') => false,
        Some(q @ ('"' | '\'')) => without_comment.len() > 1 && without_comment.ends_with(q),
        Some('[') => unclosed_list(without_comment).is_none() && without_comment.ends_with(']'),
        Some('{') => without_comment.ends_with('}'),
        _ => true,
    }
}

/// The 1-based column within `value` (counted from after the colon's space) of a `[` that the
/// line never closes, for a value that is a one-line list.
fn unclosed_list(value: &str) -> Option<usize> {
    if !value.starts_with('[') {
        return None;
    }
    let mut depth = 0i32;
    let mut quote = None;
    // A quote opens a quoted item only where an item starts (`can't` is plain text).
    let mut item_start = true;
    for c in value.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if item_start => quote = Some(c),
            (None, '[' | ',') => {
                depth += i32::from(c == '[');
                item_start = true;
                continue;
            }
            (None, ']') => depth -= 1,
            (None, '#') if depth == 0 => break,
            (None, ' ') if item_start => continue,
            _ => {}
        }
        item_start = false;
    }
    (depth > 0).then_some(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(yaml: &str) -> Vec<(usize, usize, String)> {
        line_problems(yaml, 2, "p.md")
            .into_iter()
            .map(|d| (d.line, d.col, d.message))
            .collect()
    }

    #[test]
    fn a_key_indented_under_a_finished_value_is_named() {
        let after_list = "title: T\ntags: [a, b]\n  weight: 1\n";
        assert_eq!(
            messages(after_list),
            [(
                4,
                3,
                "\"weight\" is indented, so YAML reads it as part of the line above".into()
            )]
        );
        let after_scalar = "weight: 10\n  reviewed: 2026-01-02\n";
        assert_eq!(messages(after_scalar)[0].0, 3);
    }

    #[test]
    fn nested_blocks_and_block_scalars_are_not_mistakes() {
        let fine = "description: >-\n  Text: with a colon\nextra:\n  audience: all\nrelated:\n  - a.md\nsearch:\n  synonyms:\n    - [a, b]\ntitle: \"Quoted\"\n";
        assert_eq!(messages(fine), []);
    }

    #[test]
    fn a_key_without_a_space_and_an_open_list_are_named_at_their_line() {
        assert_eq!(
            messages("title: T\nweight:10\n"),
            [(3, 7, "\"weight:\" needs a space after the colon".into())]
        );
        assert_eq!(
            messages("tags: [a, b\nweight: 1\n"),
            [(2, 7, "the list of \"tags\" is never closed".into())]
        );
        // A URL at the top level is not a key without a space, and a list in quotes is closed.
        assert_eq!(messages("exit_url: https://x.org/\ntags: [\"a]\", b]\n"), []);
        assert_eq!(messages("keywords: [can't sleep, 'it''s', \"x, y\"]\n"), []);
    }
}
