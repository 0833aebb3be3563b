//! Links written in a page: relative links to `.md` sources, to built `.html` pages and to
//! section folders are rewritten to output URLs and recorded for the anchor check; links to
//! other files of `content/` go to `file_links`. A link to anything that is not there is an error.

use super::file_links;
use super::{Input, LinkRef};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::parse::resolve_path;

/// What becomes of one link destination.
#[derive(Debug, Default, PartialEq)]
pub struct Resolved {
    /// The new destination, if it changes.
    pub href: Option<String>,
    /// The internal link to check, if it is one.
    pub link: Option<LinkRef>,
    /// The file of `content/` it uses, if it does.
    pub file: Option<LinkRef>,
    pub problem: Option<Diagnostic>,
}

/// A destination taken apart: the path as written, resolved against the page, and the anchor.
pub struct Dest<'d> {
    pub written: &'d str,
    /// Relative to `content/`, percent-escapes decoded, no trailing `/`.
    pub target: String,
    pub anchor: Option<&'d str>,
    pub line: usize,
    pub col: usize,
}

impl Dest<'_> {
    pub fn link(&self, target: &str) -> LinkRef {
        LinkRef {
            target: target.to_string(),
            anchor: self.anchor.map(str::to_string),
            line: self.line,
            col: self.col,
        }
    }

    pub fn error(&self, input: &Input, message: String, hint: String) -> Resolved {
        Resolved {
            problem: Some(Diagnostic::error(input.display_path, self.line, self.col, message).hint(hint)),
            ..Resolved::default()
        }
    }
}

/// Resolves a link's `dest`, written at `line`:`col` of the page. External links (`scheme:`,
/// `//`) are left alone.
pub fn resolve(dest: &str, line: usize, col: usize, input: &Input) -> Resolved {
    if let Some(wrong) = on_disk(dest, line, col, input) {
        return wrong;
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        let here = Dest {
            written: dest,
            target: input.rel_path.to_string(),
            anchor: Some(anchor),
            line,
            col,
        };
        return Resolved {
            link: (!anchor.is_empty()).then(|| here.link(input.rel_path)),
            ..Resolved::default()
        };
    }
    let Some(d) = split(dest, line, col, input) else {
        return Resolved::default();
    };
    if d.target.split('/').any(|p| p == "..") {
        return d.error(
            input,
            format!("link \"{}\" points outside content/", d.written),
            "link to a file inside content/".into(),
        );
    }
    if d.written.ends_with(".md") {
        return to_page(&d, input);
    }
    if d.written.ends_with('/') || d.target.is_empty() || is_section(&d.target, input) {
        return to_section(&d, input);
    }
    if d.written.ends_with(".html") && input.files.get(&d.target).is_none() {
        return to_built_page(&d, input);
    }
    file_links::to_file(&d, input, "link to a missing file")
}

/// A path written as on the editor's own computer: a drive (`C:\\…`), a `file:` address, or `\\`
/// between folders. A browser would read the first two as addresses that never open, and the
/// last as one name, so each is an error saying how to write it.
pub fn on_disk(dest: &str, line: usize, col: usize, input: &Input) -> Option<Resolved> {
    let bytes = dest.as_bytes();
    let drive =
        bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && matches!(bytes[2], b'\\' | b'/');
    let (message, hint) = if drive || dest.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("file:")) {
        (
            format!("\"{dest}\" is a file on this computer, not in the handbook"),
            "copy the file into content/ (pictures into content/images/) and give its path relative to this page"
                .to_string(),
        )
    } else if dest.contains('\\') && !is_external(dest) {
        (
            format!("\"{dest}\" separates folders with \\"),
            format!("write / instead: `{}`", dest.replace('\\', "/")),
        )
    } else {
        return None;
    };
    Some(Resolved {
        problem: Some(Diagnostic::error(input.display_path, line, col, message).hint(hint)),
        ..Resolved::default()
    })
}

/// `dest` taken apart, or `None` for links that are not ours to check (external, empty path).
pub fn split<'d>(dest: &'d str, line: usize, col: usize, input: &Input) -> Option<Dest<'d>> {
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a).filter(|a| !a.is_empty())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if is_external(dest) || path.is_empty() {
        return None;
    }
    let relative = if path.starts_with(['.', '/']) {
        path.to_string()
    } else {
        format!("./{path}")
    };
    let target = file_links::decode(&resolve_path(input.rel_path, &relative));
    Some(Dest {
        written: path,
        target: target.trim_end_matches('/').to_string(),
        anchor,
        line,
        col,
    })
}

/// A link to a page's `.md` source.
fn to_page(d: &Dest, input: &Input) -> Resolved {
    // A name typed on one system may be encoded differently from the file's (é composed or not).
    let target = match input.targets.get_key_value(&d.target) {
        Some((key, url)) => Some((key.as_str(), url)),
        None => same_name(&d.target, input),
    };
    match target {
        Some((target, url)) => found(d, input, url, target),
        None => {
            let known: Vec<&str> = input.targets.keys().map(String::as_str).collect();
            // A path written from the handbook's folder (`content/faq/x.md`) names the page too.
            let from_root = d.target.split_once("content/").map(|(_, rest)| rest);
            let near = near(&d.target, &known).or_else(|| {
                from_root
                    .and_then(|r| input.targets.get_key_value(r))
                    .map(|(k, _)| k.as_str())
            });
            let hint = match near {
                Some(near) => format!("did you mean \"{}\"?", relative(input.rel_path, near)),
                None => "give the path of the page's .md file, relative to this file (drafts are not built)".into(),
            };
            // `content/`, or a further language's `content/fr/`.
            let prefix = input.display_path.strip_suffix(input.rel_path).unwrap_or("content/");
            d.error(input, format!("link to a missing page: {prefix}{}", d.target), hint)
        }
    }
}

/// The target whose name equals `target` once both are in Unicode NFC.
fn same_name<'i>(target: &str, input: &'i Input) -> Option<(&'i str, &'i String)> {
    use unicode_normalization::UnicodeNormalization;
    let wanted: String = target.nfc().collect();
    input
        .targets
        .iter()
        .find(|(k, _)| k.nfc().eq(wanted.chars()))
        .map(|(k, u)| (k.as_str(), u))
}

/// A link to a section's folder (`../faq/`): its index page. The content root is the home page.
fn to_section(d: &Dest, input: &Input) -> Resolved {
    let (source, url) = match d.target.as_str() {
        "" => ("_index.md".to_string(), "index.html".to_string()),
        folder => (format!("{folder}/_index.md"), format!("{folder}/index.html")),
    };
    if (d.target.is_empty() && input.targets.contains_key("_index.md")) || is_section(&d.target, input) {
        return found(d, input, &url, &source);
    }
    let mut sections: Vec<&str> = input
        .targets
        .keys()
        .filter_map(|k| k.split_once('/'))
        .map(|(f, _)| f)
        .collect();
    sections.sort_unstable();
    sections.dedup();
    let hint = match did_you_mean(&d.target, &sections) {
        Some(near) => format!("did you mean \"{}\"?", relative(input.rel_path, &format!("{near}/"))),
        None => "link to a section's folder, e.g. ../faq/, or to a page's .md file".into(),
    };
    d.error(input, format!("link to a missing section: content/{}/", d.target), hint)
}

/// A link to a built page by its output address (`../faq/how-long.html`), which is relative to
/// where this page is built.
fn to_built_page(d: &Dest, input: &Input) -> Resolved {
    let here = input.targets.get(input.rel_path).map_or(input.rel_path, String::as_str);
    let relative_path = if d.written.starts_with(['.', '/']) {
        d.written.to_string()
    } else {
        format!("./{}", d.written)
    };
    let url = file_links::decode(&resolve_path(here, &relative_path));
    if let Some((source, _)) = input.targets.iter().find(|(_, u)| **u == url) {
        return found(d, input, &url, source);
    }
    if let Some(folder) = url.strip_suffix("/index.html").filter(|f| is_section(f, input)) {
        return found(d, input, &url, &format!("{folder}/_index.md"));
    }
    if GENERATED_PAGES.contains(&url.as_str()) || url.starts_with("tags/") {
        return Resolved {
            href: Some(href(input.root, &url, d.anchor)),
            ..Resolved::default()
        };
    }
    let known: Vec<&str> = input
        .targets
        .values()
        .map(String::as_str)
        .chain(GENERATED_PAGES.iter().copied())
        .collect();
    let hint = match near(&url, &known) {
        Some(near) => format!("did you mean \"{}\"?", relative(here, near)),
        None => "link to the page's .md file instead: the build gives it its address".into(),
    };
    d.error(input, format!("link to a missing page: {url}"), hint)
}

/// Pages the build makes that have no source.
const GENERATED_PAGES: &[&str] = &["search.html", "checklists.html", "404.html"];

fn found(d: &Dest, input: &Input, url: &str, source: &str) -> Resolved {
    Resolved {
        href: Some(href(input.root, url, d.anchor)),
        link: Some(d.link(source)),
        file: None,
        problem: None,
    }
}

/// Whether `folder` is a section: a folder holding pages.
fn is_section(folder: &str, input: &Input) -> bool {
    !folder.is_empty()
        && input
            .targets
            .keys()
            .any(|k| k.len() > folder.len() && k.starts_with(folder) && k.as_bytes()[folder.len()] == b'/')
}

/// The nearest of the `known` paths in the same folder as `target` or with the same file name:
/// a typo is in one part or the other.
pub fn near<'k>(target: &str, known: &[&'k str]) -> Option<&'k str> {
    let (folder, file) = target.rsplit_once('/').unwrap_or(("", target));
    let close: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| {
            let (f, n) = k.rsplit_once('/').unwrap_or(("", k));
            f == folder || n == file
        })
        .collect();
    did_you_mean(target, &close)
}

/// `{root}{url}#{anchor}`, written piece by piece: every internal link of every page comes here.
pub fn href(root: &str, url: &str, anchor: Option<&str>) -> String {
    let mut href = String::with_capacity(root.len() + url.len() + anchor.map_or(0, |a| a.len() + 1));
    href.push_str(root);
    href.push_str(url);
    if let Some(a) = anchor {
        href.push('#');
        href.push_str(a);
    }
    href
}

/// `scheme:` (mailto:, https:, …) or protocol-relative `//`.
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let scheme = dest.split(':').next().unwrap_or("");
    scheme.len() < dest.len()
        && !scheme.is_empty()
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
}

/// How the page `from` would write a link to the source `to` (both relative to content/).
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
