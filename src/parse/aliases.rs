//! `aliases:`: old addresses of a page, located in its file and checked to be safe, relative
//! `.html` paths that no page, generated page or other alias already takes.

use super::entry::Entry;
use super::place::RESERVED_ROOT;
use crate::diagnostic::Diagnostic;
use crate::page::Alias;
use std::collections::BTreeMap;

/// Each alias with the line and column where it is written: searched for in order from the
/// `aliases:` key (`key_line`) to the end of the front matter (`end_line`, exclusive), so a
/// block list and a flow list (`[a, b]`) are both found. Not found, an alias gets the key's line.
pub(crate) fn locate(text: &str, key_line: usize, end_line: usize, aliases: &[String]) -> Vec<Alias> {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = (key_line.max(1), 0);
    aliases
        .iter()
        .map(|path| {
            let found = (at.0..end_line.max(at.0 + 1)).find_map(|line| {
                let text = lines.get(line - 1)?;
                let from = if line == at.0 { at.1.min(text.len()) } else { 0 };
                text.get(from..)?.find(path.as_str()).map(|i| (line, from + i))
            });
            let (line, byte) = found.unwrap_or((key_line, 0));
            if found.is_some() {
                at = (line, byte + path.len());
            }
            let col = lines.get(line.wrapping_sub(1)).map_or(0, |t| t[..byte].chars().count()) + 1;
            Alias {
                path: path.clone(),
                line,
                col,
            }
        })
        .collect()
}

/// Every alias that is unsafe, is a page's address, or is another alias too (reported at the
/// later one, in source order).
pub(crate) fn check(entries: &[Entry], prefix: &str) -> Vec<Diagnostic> {
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    // A section without `_index.md` still gets an index page, made later by the link stage.
    for e in entries.iter().filter(|e| !e.section.is_empty()) {
        pages.insert(format!("{}/index.html", e.section), format!("{}/", e.section));
    }
    pages.extend(entries.iter().map(|e| (e.url.clone(), e.file.rel_path.clone())));
    let mut taken: BTreeMap<&str, &str> = BTreeMap::new();
    let mut out = Vec::new();
    for e in entries {
        let path = format!("{prefix}{}", e.file.rel_path);
        for alias in &e.aliases {
            let error = |message: String, hint: &str| {
                Diagnostic::error(&path, alias.line, alias.col, message)
                    .span(alias.path.chars().count().max(1))
                    .hint(hint)
            };
            let name = &alias.path;
            if let Err(why) = safe(name) {
                out.push(error(
                    format!("alias \"{name}\" is not a safe address: {why}"),
                    "write the old address relative to the site root, ending in `.html`, e.g. `articles/old-name.html`",
                ));
            } else if let Some(owner) = pages.get(name.as_str()) {
                out.push(if *owner == e.file.rel_path {
                    error(
                        format!("alias \"{name}\" is this page's own address"),
                        "remove the alias",
                    )
                } else {
                    let owner = match owner.strip_suffix('/') {
                        Some(section) => format!("the index of section {prefix}{section}/"),
                        None => format!("{prefix}{owner}"),
                    };
                    error(
                        format!("alias \"{name}\" is the address of {owner}"),
                        "a redirect there would replace that page: remove the alias",
                    )
                });
            } else if let Some(&first) = taken.get(name.as_str()) {
                out.push(error(
                    format!("alias \"{name}\" is already an alias of {prefix}{first}"),
                    "an old address can lead to one page only: remove one of the two",
                ));
            } else {
                taken.insert(name, &e.file.rel_path);
            }
        }
    }
    out
}

/// Why `alias` cannot be a redirect's address, if it cannot: it must stay inside the site, be a
/// file name every platform accepts, end in `.html`, and not be an address the build generates.
fn safe(alias: &str) -> Result<(), &'static str> {
    if alias.starts_with('/') || alias.contains("://") {
        return Err("it must be relative to the site root, without a leading `/` or `https://`");
    }
    if !alias.ends_with(".html") {
        return Err("it must end in `.html`");
    }
    let parts: Vec<&str> = alias.split('/').collect();
    for part in &parts {
        match *part {
            "" => return Err("it has an empty folder name (`//`)"),
            "." | ".." => return Err("it may not contain `.` or `..` folders"),
            _ => crate::slug::check(part)?,
        }
    }
    let first = parts[0].trim_end_matches(".html");
    let last = parts[parts.len() - 1].trim_end_matches(".html");
    let paged = last
        .strip_prefix("page-")
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    if RESERVED_ROOT.contains(&first) || ["offline", "downloads"].contains(&first) || paged {
        return Err("that address is reserved for a generated page");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_found_where_they_are_written() {
        let text = "---\ntitle: A\naliases:\n  - old.html\n  - x/old.html\n---\n";
        let found = locate(text, 3, 6, &["old.html".into(), "x/old.html".into()]);
        assert_eq!((found[0].line, found[0].col), (4, 5));
        assert_eq!((found[1].line, found[1].col), (5, 5));
        let flow = "---\naliases: [a.html, b/a.html]\n---\n";
        let found = locate(flow, 2, 3, &["a.html".into(), "b/a.html".into()]);
        assert_eq!((found[0].line, found[0].col), (2, 11));
        assert_eq!((found[1].line, found[1].col), (2, 19));
    }

    #[test]
    fn only_safe_relative_html_paths_pass() {
        assert_eq!(safe("articles/old-name.html"), Ok(()));
        assert_eq!(safe("old.html"), Ok(()));
        for bad in [
            "/articles/a.html",
            "https://x.org/a.html",
            "articles/a",
            "../a.html",
            "a/./b.html",
            "a//b.html",
            "a b.html",
            "con.html",
            "search.html",
            "tags/x.html",
            "articles/page-2.html",
        ] {
            assert!(safe(bad).is_err(), "{bad} passed");
        }
    }
}
