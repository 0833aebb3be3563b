//! A rendered page made an EPUB content document: well-formed XHTML, links re-pointed at the
//! book's other documents, the site's interactive parts turned into plain reading blocks
//! (checklists as lists with empty boxes, FAQ accordions as open blocks).

use super::links::{target, Target};
use super::markup::{is_void, pieces, write_tag, Piece, Tag};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The book's content documents as site URLs, and the images its pages use: their files in
/// `content/` and their paths in the book.
pub struct Book<'a> {
    pub pages: HashSet<&'a str>,
    pub content: &'a Path,
    pub images: BTreeMap<String, String>,
}

impl Book<'_> {
    /// The book's path for the image at site path `path` (escapes decoded), if there is such a
    /// file: a name e-readers and epubcheck accept (no spaces), different from every other.
    fn image(&mut self, path: String) -> Option<String> {
        if let Some(there) = self.images.get(&path) {
            return Some(there.clone());
        }
        if !self.content.join(&path).is_file() || !crate::source::is_inside(&self.content.join(&path), self.content) {
            return None;
        }
        let safe: String = path
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "./-_".contains(c) {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let taken = |name: &str| self.images.values().any(|v| v == name);
        let mut name = safe.clone();
        let mut n = 1;
        while taken(&name) {
            n += 1;
            name = match safe.rsplit_once('/') {
                Some((dir, file)) => format!("{dir}/{n}-{file}"),
                None => format!("{n}-{safe}"),
            };
        }
        self.images.insert(path, name.clone());
        Some(name)
    }
}

/// Where the page at site URL `url` lives in the book: `articles/a.html` -> `articles/a.xhtml`.
pub fn document(url: &str) -> String {
    format!("{}.xhtml", url.strip_suffix(".html").unwrap_or(url))
}

/// Classes of things that only work on the site (controls, on-page contents, stored settings).
const SITE_ONLY: &[&str] = &[
    "toc",
    "checklist-note",
    "checklist-status",
    "checklist-controls",
    "remember-settings",
    "clear-all",
];

/// The XHTML body of the page at site URL `url`.
pub fn page(html: &str, url: &str, book: &mut Book) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    // Open elements by name, with the new name of those the book renames.
    let mut open: Vec<(String, Option<&'static str>)> = Vec::new();
    // While inside an element the book leaves out: how many of its elements are still open.
    let mut skipping = 0usize;
    for piece in pieces(html) {
        match piece {
            Piece::Text(t) if skipping == 0 => out.push_str(&xml_text(t)),
            Piece::Text(_) => {}
            Piece::Other(t) if t.starts_with("</") => {
                let name = t[2..].trim_end_matches('>').trim();
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                match open.last() {
                    Some((n, close)) if n == name => {
                        match close {
                            None => out.push_str(t),
                            Some(new) => out.push_str(&format!("</{new}>")),
                        }
                        open.pop();
                    }
                    _ => out.push_str(t),
                }
            }
            // Comments and doctypes have no place in the book.
            Piece::Other(_) => {}
            Piece::Start(tag) => {
                let void = is_void(tag.name) || tag.attrs.last().is_some_and(|(n, _)| *n == "/");
                if skipping > 0 || leaves_out(&tag) {
                    if !void {
                        skipping += 1;
                    }
                    continue;
                }
                if tag.name == "input" {
                    // An empty box to tick with a pen; the item's text follows it.
                    out.push_str("<span class=\"box\" aria-hidden=\"true\">\u{2610}</span>");
                    continue;
                }
                let name = tag.name.to_string();
                let (tag, renamed) = reading_form(tag, url, book);
                write_tag(&mut out, &tag, true);
                if !void {
                    open.push((name, renamed));
                }
            }
        }
    }
    out
}

/// Whether the book leaves out the element `tag` starts, with everything inside it.
fn leaves_out(tag: &Tag) -> bool {
    let attr = |name: &str| tag.attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_deref());
    let site_only = attr("class")
        .flatten()
        .is_some_and(|c| c.split_whitespace().any(|c| SITE_ONLY.contains(&c)));
    let checkbox = tag.name == "input" && attr("type").flatten() == Some("checkbox");
    site_only
        || attr("hidden").is_some()
        || attr("data-done").is_some()
        || matches!(
            tag.name,
            "button" | "script" | "noscript" | "form" | "select" | "textarea"
        )
        || (tag.name == "input" && !checkbox)
}

/// The element as the book writes it, and its new name if it was renamed.
fn reading_form<'a>(mut tag: Tag<'a>, url: &str, book: &mut Book) -> (Tag<'a>, Option<&'static str>) {
    let renamed = |tag: &mut Tag<'a>, new: &'static str, class: &'static str| {
        tag.name = new;
        tag.attrs.retain(|(n, _)| !matches!(*n, "for" | "open"));
        match tag.attrs.iter_mut().find(|(n, _)| *n == "class") {
            Some((_, Some(c))) if c.split_whitespace().any(|w| w == class) => {}
            Some((_, Some(c))) => *c = format!("{class} {c}"),
            _ => tag.attrs.push(("class", Some(class.to_string()))),
        }
        Some(new)
    };
    let close = match tag.name {
        "label" => renamed(&mut tag, "span", "item"),
        "fieldset" => renamed(&mut tag, "div", "checklist"),
        "details" => renamed(&mut tag, "div", "details"),
        "legend" => renamed(&mut tag, "p", "checklist-title"),
        "summary" => renamed(&mut tag, "div", "summary"),
        _ => None,
    };
    let mut as_text = false;
    for (name, value) in tag.attrs.iter_mut() {
        let Some(v) = value.as_mut() else { continue };
        *v = xml_text(v);
        match *name {
            "href" => match repoint(v, url, book) {
                Some(new) => *v = new,
                None => as_text = !leaves_the_book(v, url),
            },
            "src" => {
                let Target::Site(path, _) = target(url, v) else {
                    continue;
                };
                let decoded = crate::markdown::file_links::decode(&path);
                if let Some(there) = book.image(decoded) {
                    *v = relative(url, &there);
                }
            }
            _ => {}
        }
    }
    if as_text && tag.name == "a" {
        // A page of the site the book does not hold (search, tags), or an address e-readers
        // cannot open (`sms:`): the words stay, the link goes.
        tag.name = "span";
        tag.attrs.retain(|(n, _)| *n != "href");
        return (tag, Some("span"));
    }
    (tag, close)
}

/// Whether `href` leads out of the book to somewhere an e-reader can open.
fn leaves_the_book(href: &str, url: &str) -> bool {
    match target(url, href) {
        Target::Here(_) => true,
        Target::Site(..) => false,
        Target::Outside => ["https://", "http://", "mailto:", "tel:"]
            .iter()
            .any(|s| href.starts_with(s)),
    }
}

/// `href` on the page at `url` pointing at another document of the book, as a relative path
/// between their XHTML files.
fn repoint(href: &str, url: &str, book: &Book) -> Option<String> {
    let Target::Site(path, fragment) = target(url, href) else {
        return None;
    };
    if !book.pages.contains(path.as_str()) {
        return None;
    }
    let file = relative(url, &document(&path));
    Some(match fragment {
        Some(f) => format!("{file}#{f}"),
        None => file,
    })
}

/// The path from the document at `from` to the file at `to`, both from the book's root.
pub fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').collect();
    let to: Vec<&str> = to.split('/').collect();
    let dirs = &from[..from.len() - 1];
    let common = dirs.iter().zip(&to[..to.len() - 1]).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; dirs.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// Text or an attribute value as XML allows it: no HTML-only named entities, no bare `&` or `<`.
pub fn xml_text(text: &str) -> String {
    if !text.contains(['&', '<']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            out.push_str("&lt;");
            rest = &rest[1..];
            continue;
        }
        let entity = rest[1..]
            .find(';')
            .map(|e| &rest[1..=e])
            .filter(|e| e.len() <= 32 && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '#'));
        match entity.map(|e| (e, named(e))) {
            Some((e, Some(code))) => {
                out.push_str(&format!("&#{code};"));
                rest = &rest[e.len() + 2..];
            }
            Some((e, None)) if e.starts_with('#') || matches!(e, "amp" | "lt" | "gt" | "quot" | "apos") => {
                out.push_str(&rest[..e.len() + 2]);
                rest = &rest[e.len() + 2..];
            }
            _ => {
                out.push_str("&amp;");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// HTML's named entities that editors are likely to write, as code points.
fn named(entity: &str) -> Option<u32> {
    Some(match entity {
        "nbsp" => 0xA0,
        "copy" => 0xA9,
        "shy" => 0xAD,
        "ndash" => 0x2013,
        "mdash" => 0x2014,
        "lsquo" => 0x2018,
        "rsquo" => 0x2019,
        "ldquo" => 0x201C,
        "rdquo" => 0x201D,
        "hellip" => 0x2026,
        "larr" => 0x2190,
        "rarr" => 0x2192,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Book<'static> {
        Book {
            pages: ["articles/a.html", "faq/b.html", "index.html"].into_iter().collect(),
            content: Path::new("/nonexistent"),
            images: BTreeMap::new(),
        }
    }

    #[test]
    fn paths_between_documents_are_relative() {
        assert_eq!(relative("articles/a.html", "faq/b.xhtml"), "../faq/b.xhtml");
        assert_eq!(relative("articles/a.html", "articles/c.xhtml"), "c.xhtml");
        assert_eq!(relative("index.html", "articles/a.xhtml"), "articles/a.xhtml");
        assert_eq!(relative("articles/a.html", "book.css"), "../book.css");
    }

    #[test]
    fn checklists_become_lists_with_boxes_and_controls_are_left_out() {
        let html =
            "<fieldset class=\"checklist\" id=\"c\"><legend>Check</legend><ul><li><input type=\"checkbox\" id=\"i\"> \
                    <label for=\"i\">One &amp; two</label></li></ul><div data-done hidden>Done</div>\
                    <p class=\"checklist-controls\"><button>Clear</button></p></fieldset>";
        assert_eq!(
            page(html, "articles/a.html", &mut book()),
            "<div class=\"checklist\" id=\"c\"><p class=\"checklist-title\">Check</p><ul><li>\
             <span class=\"box\" aria-hidden=\"true\">\u{2610}</span> <span class=\"item\">One &amp; two</span></li></ul></div>"
        );
    }

    #[test]
    fn links_point_at_the_books_documents_or_become_text() {
        let html = "<a href=\"../faq/b.html#x\">b</a><a href=\"../search.html\">s</a><a href=\"https://e.org/\">e</a><a href=\"sms:1\">1</a><br>&nbsp;&rarr; a & b";
        assert_eq!(
            page(html, "articles/a.html", &mut book()),
            "<a href=\"../faq/b.xhtml#x\">b</a><span>s</span>\
             <a href=\"https://e.org/\">e</a><span>1</span><br />&#160;&#8594; a &amp; b"
        );
    }
}
