//! A small tokenizer for the HTML this crate renders itself: tags with their attributes, and the
//! text between them. Exports use it to rename ids and re-point links in rendered pages, and to
//! write XHTML; nothing here reads structure out of the markup.

/// A piece of rendered HTML.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// A start tag (`<a href="x">`, `<br />`).
    Start(Tag<'a>),
    /// An end tag, comment or doctype, kept as written.
    Other(&'a str),
}

#[derive(Debug, PartialEq)]
pub struct Tag<'a> {
    pub name: &'a str,
    /// `(name, value)`, values as written (entities left escaped); `None` for a bare attribute.
    pub attrs: Vec<(&'a str, Option<String>)>,
}

/// Splits `html` into pieces. Markup that is not a tag (a lone `<`) stays text.
pub fn pieces(html: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        if at > 0 {
            out.push(Piece::Text(&rest[..at]));
        }
        let tail = &rest[at..];
        let (piece, used) = one(tail);
        out.push(piece);
        rest = &tail[used..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The piece at the start of `tail` (which starts with `<`) and how many bytes it took.
fn one(tail: &str) -> (Piece<'_>, usize) {
    let ends_at = |pat: &str| tail.find(pat).map_or(tail.len(), |i| i + pat.len());
    if tail.starts_with("<!--") {
        let n = ends_at("-->");
        return (Piece::Other(&tail[..n]), n);
    }
    let second = tail[1..].chars().next().unwrap_or(' ');
    if second == '/' || second == '!' || second == '?' {
        let n = ends_at(">");
        return (Piece::Other(&tail[..n]), n);
    }
    if !second.is_ascii_alphabetic() {
        return (Piece::Text("<"), 1);
    }
    start_tag(tail)
}

fn start_tag(tail: &str) -> (Piece<'_>, usize) {
    let bytes = tail.as_bytes();
    let word_end = |from: usize| {
        (from..bytes.len())
            .find(|&i| matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/' | b'='))
            .unwrap_or(bytes.len())
    };
    let name_end = word_end(1);
    let mut tag = Tag {
        name: &tail[1..name_end],
        attrs: Vec::new(),
    };
    let mut i = name_end;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (Piece::Start(tag), i + 1),
            b' ' | b'\t' | b'\n' | b'\r' | b'/' => i += 1,
            _ => {
                let end = word_end(i + 1).max(i + 1);
                let name = &tail[i..end];
                i = end;
                if bytes.get(i) != Some(&b'=') {
                    tag.attrs.push((name, None));
                    continue;
                }
                let (value, used) = value(&tail[i + 1..]);
                tag.attrs.push((name, Some(value)));
                i += 1 + used;
            }
        }
    }
    (Piece::Start(tag), bytes.len())
}

/// An attribute value after `=`: quoted either way, or bare. Always returned ready for double
/// quotes.
fn value(text: &str) -> (String, usize) {
    match text.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let end = text[1..].find(q as char).map_or(text.len(), |e| e + 1);
            let raw = &text[1..end.min(text.len())];
            (raw.replace('"', "&quot;"), (end + 1).min(text.len()))
        }
        _ => {
            let end = text
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(text.len());
            (text[..end].replace('"', "&quot;"), end)
        }
    }
}

/// Elements that never have content or an end tag.
pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Writes a start tag back; `xml` writes bare attributes as `name=""` and closes void elements.
pub fn write_tag(out: &mut String, tag: &Tag, xml: bool) {
    out.push('<');
    out.push_str(tag.name);
    for (name, value) in &tag.attrs {
        out.push(' ');
        out.push_str(name);
        match value {
            Some(v) => {
                out.push_str("=\"");
                out.push_str(v);
                out.push('"');
            }
            None if xml => out.push_str("=\"\""),
            None => {}
        }
    }
    if xml && is_void(tag.name) {
        out.push_str(" />");
    } else {
        out.push('>');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(html: &str, xml: bool) -> String {
        let mut out = String::new();
        for p in pieces(html) {
            match p {
                Piece::Text(t) | Piece::Other(t) => out.push_str(t),
                Piece::Start(tag) => write_tag(&mut out, &tag, xml),
            }
        }
        out
    }

    #[test]
    fn html_round_trips_unchanged() {
        let html = "<p class=\"a\">x &lt; y <a href=\"b.html#c\">link</a></p>\n<!-- c < d -->\n<input type=\"checkbox\" hidden> 3 < 4";
        assert_eq!(rewrite(html, false), html);
    }

    #[test]
    fn xml_closes_void_elements_and_gives_bare_attributes_values() {
        assert_eq!(
            rewrite(
                "<div data-done hidden>x</div><br><img src='a.png' alt=\"\" /><input value=bare>",
                true
            ),
            "<div data-done=\"\" hidden=\"\">x</div><br /><img src=\"a.png\" alt=\"\" /><input value=\"bare\" />"
        );
    }

    #[test]
    fn attributes_are_read_with_their_values() {
        let Piece::Start(tag) = pieces("<a href=\"x.html#y\" class=\"k\">").remove(0) else {
            panic!("not a tag");
        };
        assert_eq!(tag.name, "a");
        assert_eq!(
            tag.attrs,
            [("href", Some("x.html#y".to_string())), ("class", Some("k".to_string()))]
        );
    }
}
