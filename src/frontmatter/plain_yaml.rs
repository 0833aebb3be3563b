//! The plain YAML that front matter and widget blocks almost always are — block mappings and
//! lists of unquoted, simply quoted or `[a, b]` scalars — read without a YAML parser. Anything
//! else gives `None` and is left to serde_yaml, so values and error messages never differ.

use serde_json::{Map, Value};

/// One non-blank line: its indentation and its text without the spaces around it.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// The value serde_yaml would read from `yaml`, if `yaml` is plain enough to be sure of it.
pub fn read(yaml: &str) -> Option<Value> {
    if has_unusual(yaml) {
        return None;
    }
    let comments = memchr::memchr(b'#', yaml.as_bytes()).is_some();
    let mut lines = Vec::new();
    for line in yaml.split('\n') {
        let text = line.trim_end_matches(' ');
        let trimmed = text.trim_start_matches(' ');
        if trimmed.is_empty() {
            continue;
        }
        if comments && (trimmed.starts_with('#') || trimmed.contains(" #")) {
            return None;
        }
        lines.push(Line {
            indent: text.len() - trimmed.len(),
            text: trimmed,
        });
    }
    let Some(indent) = lines.first().map(|l| l.indent) else {
        return Some(Value::Object(Map::new()));
    };
    let mut pos = 0;
    let value = block(&mut lines, &mut pos, indent)?;
    (pos == lines.len()).then_some(value)
}

/// Whether `yaml` holds a character YAML treats specially wherever it is: a control character
/// other than a line feed (tabs, carriage returns and C1 controls included), a line or paragraph
/// separator, a byte-order mark, U+FFFE or U+FFFF. Read from the UTF-8 bytes, as every front
/// matter and widget block passes here.
fn has_unusual(yaml: &str) -> bool {
    let b = yaml.as_bytes();
    // A reduction without an early exit, which the compiler vectorises.
    let control = b
        .iter()
        .fold(false, |seen, &x| seen | ((x < 0x20) & (x != b'\n')) | (x == 0x7f));
    // Lead bytes only (continuation bytes are 0x80..=0xbf): U+0080..=U+009F, U+2028 and U+2029,
    // U+FEFF, U+FFFE and U+FFFF.
    control
        || memchr::memchr3_iter(0xc2, 0xe2, 0xef, b).any(|i| match b[i] {
            0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
            0xe2 => matches!(b.get(i + 1..i + 3), Some([0x80, 0xa8 | 0xa9])),
            _ => matches!(b.get(i + 1..i + 3), Some([0xbb, 0xbf] | [0xbf, 0xbe | 0xbf])),
        })
}

/// A mapping or a list whose lines start at `indent`.
fn block(lines: &mut [Line], pos: &mut usize, indent: usize) -> Option<Value> {
    if is_item(lines[*pos].text) {
        list(lines, pos, indent)
    } else {
        mapping(lines, pos, indent)
    }
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

fn mapping(lines: &mut [Line], pos: &mut usize, indent: usize) -> Option<Value> {
    let mut map = Map::new();
    while let Some(line) = lines.get(*pos).copied().filter(|l| l.indent == indent) {
        let (key, rest) = split_key(line.text)?;
        *pos += 1;
        let value = if rest.is_empty() {
            let next = lines.get(*pos).filter(|l| l.indent > indent)?;
            block(lines, pos, next.indent)?
        } else {
            scalar(rest)?
        };
        if map.insert(key.to_string(), value).is_some() {
            return None;
        }
        if lines.get(*pos).is_some_and(|l| l.indent > indent) {
            return None;
        }
    }
    Some(Value::Object(map))
}

fn list(lines: &mut [Line], pos: &mut usize, indent: usize) -> Option<Value> {
    let mut items = Vec::new();
    while let Some(line) = lines
        .get(*pos)
        .copied()
        .filter(|l| l.indent == indent && is_item(l.text))
    {
        let rest = line.text.get(1..)?.trim_start_matches(' ');
        if rest.is_empty() {
            return None;
        }
        if split_key(rest).is_some() {
            // `- key: value` opens a mapping whose keys line up after the dash.
            let inner = indent + line.text.len() - rest.len();
            lines[*pos] = Line {
                indent: inner,
                text: rest,
            };
            items.push(mapping(lines, pos, inner)?);
        } else {
            *pos += 1;
            items.push(scalar(rest)?);
        }
        if lines.get(*pos).is_some_and(|l| l.indent > indent) {
            return None;
        }
    }
    Some(Value::Array(items))
}

/// `key: rest` or `key:` with a plain identifier key; `None` if the line is not that.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let (key, rest) = text.split_once(':')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let mut bytes = key.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (first_ok && rest_ok && !is_keyword(key)).then(|| (key, rest.trim_start_matches(' ')))
}

/// Plain scalars YAML reads as null or booleans.
fn is_keyword(text: &str) -> bool {
    matches!(
        text,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// A value on the same line as its key or dash.
fn scalar(text: &str) -> Option<Value> {
    match *text.as_bytes().first()? {
        b'"' | b'\'' => quoted(text).map(|s| Value::String(s.to_string())),
        b'[' => {
            let inner = text.strip_prefix('[')?.strip_suffix(']')?;
            if inner.trim().is_empty() {
                return Some(Value::Array(Vec::new()));
            }
            inner.split(',').map(|item| flow_item(item.trim_matches(' '))).collect()
        }
        _ => plain(text),
    }
}

/// `"text"` or `'text'` without escapes or inner quotes.
fn quoted(text: &str) -> Option<&str> {
    let quote = text.chars().next()?;
    let inner = text.get(1..)?.strip_suffix(quote)?;
    (!inner.contains([quote, '\\'])).then_some(inner)
}

fn flow_item(item: &str) -> Option<Value> {
    if item.starts_with(['"', '\'']) {
        return quoted(item).map(|s| Value::String(s.to_string()));
    }
    if item.contains(['[', ']', '{', '}', ':', '#']) {
        return None;
    }
    plain(item)
}

/// An unquoted scalar, typed as serde_yaml types it: only the cases that are certain.
fn plain(text: &str) -> Option<Value> {
    if text.contains(": ") || text.ends_with(':') {
        return None;
    }
    // Empty: an item of `[a, b,]` or `[a,,b]`, which serde_yaml tells apart.
    let first = *text.as_bytes().first()?;
    match text {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        "null" | "Null" | "NULL" => return None,
        _ => {}
    }
    if first.is_ascii_alphabetic() || !first.is_ascii() {
        // No number, boolean or null starts so (`inf` and `nan` parse, but are not finite).
        return Some(Value::String(text.to_string()));
    }
    if !first.is_ascii_digit() {
        return None;
    }
    let digits = text.bytes().all(|b| b.is_ascii_digit());
    if digits && (text == "0" || !text.starts_with('0')) && text.len() <= 18 {
        return text.parse::<u64>().ok().map(Value::from);
    }
    // Numbers are made of these; anything else (a space, a slash, a dash between digits of a
    // date) makes a string.
    let numeric = |b: u8| b.is_ascii_alphanumeric() || b"+-.".contains(&b);
    if text.bytes().any(|b| !numeric(b)) || is_date(text) {
        return Some(Value::String(text.to_string()));
    }
    None
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[cfg(test)]
mod differential;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusual_bytes_are_the_unusual_characters() {
        let unusual = |c: char| {
            (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
        };
        for c in (0..0x3000).chain(0xfe00..=0xffff).filter_map(char::from_u32) {
            let text = format!("a: x{c}y\n");
            assert_eq!(has_unusual(&text), unusual(c), "{:?}", c);
        }
        assert!(!has_unusual("title: Months 1–2 — “quoted” ’\nitems: [é, ü]\n"));
    }
}
