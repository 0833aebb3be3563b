//! Links written in a page: relative links to `.md` sources are rewritten to output URLs and
//! recorded for the anchor check; a link to a page that is not built is an error here.

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
    pub problem: Option<Diagnostic>,
}

/// Resolves `dest`, written at `line`:`col` of the page. External links (`scheme:`, `//`) and
/// relative links to anything but `.md` files (images, assets) are left alone.
pub fn resolve(dest: &str, line: usize, col: usize, input: &Input) -> Resolved {
    let link = |target: &str, anchor: Option<&str>| LinkRef {
        target: target.to_string(),
        anchor: anchor.filter(|a| !a.is_empty()).map(str::to_string),
        line,
        col,
    };
    if let Some(anchor) = dest.strip_prefix('#') {
        return Resolved {
            link: (!anchor.is_empty()).then(|| link(input.rel_path, Some(anchor))),
            ..Resolved::default()
        };
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if is_external(dest) || !path.ends_with(".md") {
        return Resolved::default();
    }
    let written = if path.starts_with(['.', '/']) {
        path.to_string()
    } else {
        format!("./{path}")
    };
    let target = resolve_path(input.rel_path, &written);
    let error = |message: String, hint: String| Resolved {
        problem: Some(Diagnostic::error(input.display_path, line, col, message).hint(hint)),
        ..Resolved::default()
    };
    if target.split('/').any(|p| p == "..") || target.is_empty() {
        return error(
            format!("link \"{path}\" points outside content/"),
            "link to a page's .md file inside content/".into(),
        );
    }
    // A name typed on one system may be encoded differently from the file's (é composed or not).
    let target = if input.targets.contains_key(&target) {
        target
    } else {
        same_name(&target, input).unwrap_or(target)
    };
    match input.targets.get(&target) {
        Some(url) => Resolved {
            href: Some(href(input.root, url, anchor.filter(|a| !a.is_empty()))),
            link: Some(link(&target, anchor)),
            problem: None,
        },
        None => {
            // Pages in the same folder, or of the same file name: a typo is in one part or the other.
            let (folder, file) = target.rsplit_once('/').unwrap_or(("", &target));
            let known: Vec<&str> = input
                .targets
                .keys()
                .map(String::as_str)
                .filter(|k| {
                    let (f, n) = k.rsplit_once('/').unwrap_or(("", k));
                    f == folder || n == file
                })
                .collect();
            let hint = match did_you_mean(&target, &known) {
                Some(near) => format!("did you mean \"{}\"?", relative(input.rel_path, near)),
                None => "give the path of the page's .md file, relative to this file (drafts are not built)".into(),
            };
            error(format!("link to a missing page: content/{target}"), hint)
        }
    }
}

/// The target whose name equals `target` once both are in Unicode NFC.
fn same_name(target: &str, input: &Input) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let wanted: String = target.nfc().collect();
    input.targets.keys().find(|k| k.nfc().eq(wanted.chars())).cloned()
}

/// `{root}{url}#{anchor}`, written piece by piece: every internal link of every page comes here.
fn href(root: &str, url: &str, anchor: Option<&str>) -> String {
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
fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::LinkTargets;

    fn input<'a>(targets: &'a LinkTargets) -> Input<'a> {
        Input {
            display_path: "content/articles/a.md",
            rel_path: "articles/a.md",
            body: "",
            first_line: 1,
            root: "../",
            targets,
        }
    }

    fn targets() -> LinkTargets {
        [
            ("articles/a.md", "articles/a.html"),
            ("articles/b.md", "articles/bee.html"),
            ("faq/how-long.md", "faq/how-long.html"),
            ("get-help.md", "get-help.html"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    #[test]
    fn links_find_files_whatever_the_unicode_encoding() {
        let mut t = targets();
        // The file's name decomposed (e + combining acute, as macOS writes it) ...
        t.insert("articles/cafe\u{301}.md".into(), "articles/cafe.html".into());
        let i = input(&t);
        // ... and the link composed (é), as most keyboards type it.
        let r = resolve("caf\u{e9}.md#x", 3, 5, &i);
        assert_eq!(r.problem, None);
        assert_eq!(r.href.as_deref(), Some("../articles/cafe.html#x"));
        assert_eq!(r.link.unwrap().target, "articles/cafe\u{301}.md");
    }

    #[test]
    fn rewrites_relative_md_links_to_output_urls() {
        let t = targets();
        let i = input(&t);
        let href = |d: &str| resolve(d, 3, 5, &i).href;
        assert_eq!(href("b.md").as_deref(), Some("../articles/bee.html"));
        assert_eq!(href("./b.md#x").as_deref(), Some("../articles/bee.html#x"));
        assert_eq!(
            href("../faq/how-long.md#after").as_deref(),
            Some("../faq/how-long.html#after")
        );
        assert_eq!(href("../get-help.md").as_deref(), Some("../get-help.html"));
        let r = resolve("../faq/how-long.md#after", 3, 5, &i);
        let link = r.link.unwrap();
        assert_eq!(
            (link.target.as_str(), link.anchor.as_deref(), link.line, link.col),
            ("faq/how-long.md", Some("after"), 3, 5)
        );
    }

    #[test]
    fn leaves_external_and_asset_links_alone() {
        let t = targets();
        let i = input(&t);
        for dest in [
            "https://example.org/x.md",
            "mailto:a@b.c",
            "//cdn/x.md",
            "../assets/a.png",
            "b.html",
        ] {
            assert_eq!(resolve(dest, 1, 1, &i), Resolved::default(), "{dest}");
        }
    }

    #[test]
    fn records_same_page_anchors() {
        let t = targets();
        let link = resolve("#top-tips", 2, 1, &input(&t)).link.unwrap();
        assert_eq!(
            (link.target.as_str(), link.anchor.as_deref()),
            ("articles/a.md", Some("top-tips"))
        );
    }

    #[test]
    fn missing_pages_and_escapes_are_errors() {
        let t = targets();
        let i = input(&t);
        let d = resolve("../faq/how-lnog.md", 7, 12, &i).problem.unwrap();
        assert_eq!(
            (d.line, d.col, d.message.as_str()),
            (7, 12, "link to a missing page: content/faq/how-lnog.md")
        );
        assert_eq!(d.hint.as_deref(), Some("did you mean \"../faq/how-long.md\"?"));
        let d = resolve("../fqa/how-long.md", 7, 12, &i).problem.unwrap();
        assert_eq!(d.hint.as_deref(), Some("did you mean \"../faq/how-long.md\"?"));
        let d = resolve("../../etc/passwd.md", 1, 1, &i).problem.unwrap();
        assert_eq!(d.message, "link \"../../etc/passwd.md\" points outside content/");
    }
}
