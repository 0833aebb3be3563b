//! Where a link or image written in a rendered page points, and how exports re-point it: at a
//! section of the same document, at another XHTML file, or at the data itself.

use super::markup::{pieces, write_tag, Piece};
use std::collections::HashMap;
use std::path::Path;

/// Every page an export holds: site URL -> (in-document address, title).
pub struct Addresses {
    pages: HashMap<String, (String, String)>,
}

impl Addresses {
    /// `pages` are `(site URL, title)`; a page's address is its URL without `.html`.
    pub fn new<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Addresses {
            pages: pages
                .into_iter()
                .map(|(url, title)| (url.to_string(), (key(url).to_string(), title.to_string())))
                .collect(),
        }
    }

    /// The address and title of the page at site URL `url`, if the export holds it.
    pub fn get(&self, url: &str) -> Option<(&str, &str)> {
        self.pages.get(url).map(|(k, t)| (k.as_str(), t.as_str()))
    }
}

/// A page's in-document address: `articles/space-first.html` -> `articles/space-first`.
pub fn key(url: &str) -> &str {
    url.strip_suffix(".html").unwrap_or(url)
}

/// What a reference written on the page at site URL `from` points to.
#[derive(Debug, PartialEq)]
pub enum Target<'a> {
    /// `#fragment` on the same page.
    Here(&'a str),
    /// A file of the site, as a path from the site root, and the fragment after `#`.
    Site(String, Option<&'a str>),
    /// Another scheme, or an address outside the site.
    Outside,
}

pub fn target<'a>(from: &str, href: &'a str) -> Target<'a> {
    if let Some(fragment) = href.strip_prefix('#') {
        return Target::Here(fragment);
    }
    let scheme = href.find(':').is_some_and(|c| !href[..c].contains(['/', '?', '#']));
    if scheme || href.starts_with('/') || href.is_empty() {
        return Target::Outside;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f).filter(|f| !f.is_empty())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            part => parts.push(part),
        }
    }
    Target::Site(parts.join("/"), fragment)
}

/// The file at site path `path`, taken from `content/` (where a page's images sit beside it), as
/// a `data:` URL; `None` if there is no such file.
pub fn data_url(content: &Path, path: &str) -> Option<String> {
    let file = content.join(path);
    if !file.is_file() || !crate::source::is_inside(&file, content) {
        return None;
    }
    let bytes = std::fs::read(&file).ok()?;
    Some(format!("data:{};base64,{}", media_type(path), base64(&bytes)))
}

pub fn media_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

pub(crate) use crate::render::inline::base64;

/// Attributes that name ids of the same document.
const ID_REFS: &[&str] = &["for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"];

/// The page at site URL `url`, made a part of one document: its ids prefixed with its address
/// (`articles/x:heading`), links to pages the document holds turned into `#address` (with
/// `data-ref`, the target's title, for print), and images and other files of `content/` put in
/// as data. `details` open when `open_details` (print).
pub fn in_one_document(html: &str, url: &str, pages: &Addresses, content: &Path, open_details: bool) -> String {
    let own = key(url);
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    for piece in pieces(html) {
        let mut tag = match piece {
            Piece::Text(t) | Piece::Other(t) => {
                out.push_str(t);
                continue;
            }
            Piece::Start(tag) => tag,
        };
        let mut reference = None;
        for (name, value) in tag.attrs.iter_mut() {
            let Some(v) = value.as_mut() else { continue };
            match *name {
                "id" => *v = format!("{own}:{v}"),
                n if ID_REFS.contains(&n) => {
                    *v = v
                        .split_whitespace()
                        .map(|t| format!("{own}:{t}"))
                        .collect::<Vec<_>>()
                        .join(" ");
                }
                "href" | "src" => {
                    if let Some((new, title)) = repoint(v, url, pages, content) {
                        *v = new;
                        reference = title;
                    }
                }
                _ => {}
            }
        }
        if let Some(title) = reference.filter(|_| tag.name == "a") {
            tag.attrs.push(("data-ref", Some(title)));
        }
        if open_details && tag.name == "details" && !tag.attrs.iter().any(|(n, _)| *n == "open") {
            tag.attrs.push(("open", None));
        }
        write_tag(&mut out, &tag, false);
    }
    out
}

/// The new value of `href`/`src` `value` on the page at `url`, and the title of the page it
/// now points to.
fn repoint(value: &str, url: &str, pages: &Addresses, content: &Path) -> Option<(String, Option<String>)> {
    match target(url, value) {
        Target::Here(fragment) if !fragment.is_empty() => Some((format!("#{}:{fragment}", key(url)), None)),
        Target::Site(path, fragment) => {
            if let Some((address, title)) = pages.get(&path) {
                let href = match fragment {
                    Some(f) => format!("#{address}:{f}"),
                    None => format!("#{address}"),
                };
                let title = (path != url).then(|| title.replace('"', "&quot;"));
                return Some((href, title));
            }
            data_url(content, &path).map(|d| (d, None))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_page() {
        assert_eq!(
            target("articles/a.html", "../faq/b.html#c"),
            Target::Site("faq/b.html".into(), Some("c"))
        );
        assert_eq!(
            target("index.html", "search.html?q=x"),
            Target::Site("search.html".into(), None)
        );
        assert_eq!(target("articles/a.html", "#top"), Target::Here("top"));
        assert_eq!(target("articles/a.html", "https://example.org/a"), Target::Outside);
        assert_eq!(target("articles/a.html", "mailto:x@example.org"), Target::Outside);
        assert_eq!(target("index.html", "../up.html"), Target::Outside);
    }

    #[test]
    fn a_page_becomes_part_of_one_document() {
        let pages = Addresses::new([("articles/a.html", "A"), ("faq/b.html", "B \"quoted\"")]);
        let html = "<h2 id=\"next\">Next</h2><a href=\"../faq/b.html#c\">b</a> <a href=\"#next\">up</a> \
                    <label for=\"x\">x</label><a href=\"https://example.org/\">out</a><details><summary>s</summary></details>";
        assert_eq!(
            in_one_document(html, "articles/a.html", &pages, Path::new("/nonexistent"), true),
            "<h2 id=\"articles/a:next\">Next</h2><a href=\"#faq/b:c\" data-ref=\"B &quot;quoted&quot;\">b</a> \
             <a href=\"#articles/a:next\">up</a> <label for=\"articles/a:x\">x</label>\
             <a href=\"https://example.org/\">out</a><details open><summary>s</summary></details>"
        );
    }
}
