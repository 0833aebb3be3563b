//! Source files -> `Page`s: front matter checked and typed per kind, Markdown rendered in parallel.

use crate::diagnostic::Diagnostic;
use crate::frontmatter::{self, FrontMatter};
use crate::markdown::{self, LinkTargets};
use crate::page::{CaseStudy, Kind, Page};
use crate::source::SourceFile;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Output names at the site root that pages may not take.
const RESERVED_ROOT: &[&str] = &[
    "index",
    "404",
    "search",
    "checklists",
    "sitemap",
    "feed",
    "tags",
    "assets",
];

/// A file whose front matter is read and whose place in the site is known; Markdown not yet
/// rendered. It owns its file, so the text is freed as soon as its page is made.
struct Entry {
    file: SourceFile,
    kind: Kind,
    section: String,
    slug: String,
    url: String,
    front: FrontMatter,
    yaml_line: usize,
    related_line: usize,
    /// Byte offset in `file.text` where the Markdown after the front matter starts.
    body_start: usize,
    body_line: usize,
}

/// Parses every source file, consuming them: each text is freed once its page is made, so the
/// texts and the pages are never all held at once. `prefix` is how `content/` is named in
/// diagnostics.
pub fn parse(files: Vec<SourceFile>, prefix: &str, drafts: bool) -> (Vec<Page>, Vec<Diagnostic>) {
    let results: Vec<Result<Entry, Vec<Diagnostic>>> = files.into_par_iter().map(|f| entry(f, prefix)).collect();
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for result in results {
        match result {
            Ok(e) if e.front.draft && !drafts => {}
            Ok(e) => entries.push(e),
            Err(mut p) => problems.append(&mut p),
        }
    }
    problems.extend(duplicate_urls(&entries, prefix));
    let targets: LinkTargets = entries
        .iter()
        .map(|e| (e.file.rel_path.clone(), e.url.clone()))
        .collect();
    let pages: Vec<(Page, Vec<Diagnostic>)> = entries.into_par_iter().map(|e| page(e, prefix, &targets)).collect();
    let pages = pages
        .into_iter()
        .map(|(page, mut p)| {
            problems.append(&mut p);
            page
        })
        .collect();
    (pages, problems)
}

/// Parses one file against the link targets of a site already parsed, so `serve` re-parses only
/// the file an edit touched. `(None, [])` is a draft left out.
pub fn parse_one(
    file: &SourceFile,
    prefix: &str,
    drafts: bool,
    targets: &LinkTargets,
) -> (Option<Page>, Vec<Diagnostic>) {
    match entry(file.clone(), prefix) {
        Err(problems) => (None, problems),
        Ok(e) if e.front.draft && !drafts => (None, Vec::new()),
        Ok(e) => {
            let (page, problems) = page(e, prefix, targets);
            (Some(page), problems)
        }
    }
}

fn entry(file: SourceFile, prefix: &str) -> Result<Entry, Vec<Diagnostic>> {
    let path = format!("{prefix}{}", file.rel_path);
    if file.text.trim().is_empty() {
        return Err(vec![Diagnostic::error(&path, 0, 0, "file is empty")
            .hint("add front matter with at least a `title:`, or delete the file")]);
    }
    let split = frontmatter::split(&file.text, &path).map_err(|d| vec![d])?;
    let (kind, section, stem) =
        place(&file.rel_path).map_err(|(msg, hint)| vec![Diagnostic::error(&path, 0, 0, msg).hint(hint)])?;
    let mut problems = frontmatter::check_keys(split.yaml, split.yaml_line, &path, kind.allowed_keys(), "front matter");
    let front: FrontMatter = match frontmatter::parse(split.yaml, split.yaml_line, &path) {
        Ok(front) => front,
        Err(d) => {
            problems.push(d);
            return Err(problems);
        }
    };
    problems.extend(missing_keys(&front, kind, &path, split.yaml_line));
    let key_line = |key: &str| {
        frontmatter::top_level_keys(split.yaml, split.yaml_line)
            .into_iter()
            .find(|k| k.key == key)
            .map_or(1, |k| k.line)
    };
    if let Some(date) = &front.reviewed {
        if let Err(why) = check_date(date) {
            problems.push(
                Diagnostic::error(&path, key_line("reviewed"), 1, format!("reviewed: {why}"))
                    .span(8)
                    .hint("write the date as YYYY-MM-DD, e.g. 2026-03-14"),
            );
        }
    }
    let slug = front.slug.clone().unwrap_or(stem);
    if let Err(why) = check_slug(&slug, kind) {
        let line = if front.slug.is_some() { key_line("slug") } else { 0 };
        problems.push(
            Diagnostic::error(
                &path,
                line,
                usize::from(line > 0),
                format!("invalid slug \"{slug}\": {why}"),
            )
            .span(4)
            .hint("use lower-case letters, digits and hyphens, e.g. `slug: first-message`"),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let url = url_of(kind, &section, &slug);
    let related_line = key_line("related");
    // The body is what follows the front matter: a suffix of the text.
    let body_start = file.text.len() - split.body.len();
    let (yaml_line, body_line) = (split.yaml_line, split.body_line);
    Ok(Entry {
        file,
        kind,
        section,
        slug,
        url,
        front,
        yaml_line,
        related_line,
        body_start,
        body_line,
    })
}

/// Where a file sits: its kind, section folder and file stem.
fn place(rel: &str) -> Result<(Kind, String, String), (String, &'static str)> {
    let parts: Vec<&str> = rel.split('/').collect();
    let stem = parts.last().unwrap_or(&"").trim_end_matches(".md").to_string();
    match parts.as_slice() {
        ["_index.md"] => Ok((Kind::Home, String::new(), "index".into())),
        [_] => Ok((Kind::Standalone, String::new(), stem)),
        [folder, ..] if RESERVED_ROOT.contains(folder) => Err((
            format!("the folder name \"{folder}\" is reserved for generated pages"),
            "rename the folder",
        )),
        // A section folder names its pages' addresses and the navigation's links: slug rules.
        [folder, _, ..] if check_slug(folder, Kind::Section).is_err() => Err((
            format!(
                "the folder name \"{folder}\" cannot be a section: {}",
                check_slug(folder, Kind::Section).err().unwrap_or_default()
            ),
            "rename the folder with lower-case letters, digits and hyphens, e.g. `articles`",
        )),
        [folder, "_index.md"] => Ok((Kind::Section, folder.to_string(), "index".into())),
        [_, .., "_index.md"] => Err((
            "sections cannot be nested".into(),
            "move the pages up into the section folder",
        )),
        [folder, ..] => Ok((Kind::of_section(folder), folder.to_string(), stem)),
        [] => Err(("empty path".into(), "")),
    }
}

fn url_of(kind: Kind, section: &str, slug: &str) -> String {
    match kind {
        Kind::Home => "index.html".into(),
        Kind::Section => format!("{section}/index.html"),
        Kind::Standalone => format!("{slug}.html"),
        _ => format!("{section}/{slug}.html"),
    }
}

fn missing_keys(front: &FrontMatter, kind: Kind, path: &str, line: usize) -> Vec<Diagnostic> {
    let present = |key: &str| match key {
        "title" => front.title.as_deref().is_some_and(|t| !t.trim().is_empty()),
        "summary" => front.summary.as_deref().is_some_and(|t| !t.trim().is_empty()),
        "outcome" => front.outcome.as_deref().is_some_and(|t| !t.trim().is_empty()),
        _ => true,
    };
    kind.required_keys()
        .iter()
        .filter(|k| !present(k))
        .map(|k| {
            Diagnostic::error(
                path,
                line.saturating_sub(1).max(1),
                1,
                format!("missing required front matter key \"{k}\""),
            )
            .span(3)
            .hint(format!("add `{k}: …` to the front matter of this {}", kind.noun()))
        })
        .collect()
}

fn check_date(date: &str) -> Result<(), String> {
    let parts: Vec<&str> = date.split('-').collect();
    let ok_shape = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    if !ok_shape {
        return Err(format!("\"{date}\" is not a date"));
    }
    let (y, m, d): (u32, u32, u32) = (
        parts[0].parse().unwrap_or(0),
        parts[1].parse().unwrap_or(0),
        parts[2].parse().unwrap_or(0),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d == 0 || d > days[(m - 1) as usize] {
        return Err(format!("\"{date}\" is not a day of the calendar"));
    }
    Ok(())
}

fn check_slug(slug: &str, kind: Kind) -> Result<(), &'static str> {
    if slug.is_empty() {
        return Err("it is empty");
    }
    if slug.contains(['/', '\\']) || slug.contains("..") || slug.starts_with('.') {
        return Err("a slug may not contain `/`, `\\` or `..`, nor start with `.`");
    }
    if slug
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "?#%\"'<>:*|".contains(c))
    {
        return Err("it contains spaces or characters that are not allowed in file names");
    }
    let reserved = match kind {
        Kind::Standalone => RESERVED_ROOT.contains(&slug),
        Kind::Home | Kind::Section => false,
        // A long section index continues at `page-2.html`, `page-3.html`… in its folder.
        _ => {
            slug == "index"
                || slug
                    .strip_prefix("page-")
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        }
    };
    if reserved {
        return Err("that name is reserved for a generated page");
    }
    Ok(())
}

fn duplicate_urls(entries: &[Entry], prefix: &str) -> Vec<Diagnostic> {
    let mut by_url: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        by_url.entry(&e.url).or_default().push(e);
    }
    by_url
        .values()
        .filter(|same| same.len() > 1)
        .flat_map(|same| {
            let first = &same[0].file.rel_path;
            same[1..].iter().map(move |e| {
                Diagnostic::error(
                    format!("{prefix}{}", e.file.rel_path),
                    0,
                    0,
                    format!("duplicate slug \"{}\": {prefix}{first} has it too", e.slug),
                )
                .hint("give one of them a different file name or `slug:`")
            })
        })
        .collect()
}

fn page(e: Entry, prefix: &str, targets: &LinkTargets) -> (Page, Vec<Diagnostic>) {
    let display_path = format!("{prefix}{}", e.file.rel_path);
    let root = "../".repeat(e.url.matches('/').count());
    let input = markdown::Input {
        display_path: &display_path,
        rel_path: &e.file.rel_path,
        body: &e.file.text[e.body_start..],
        first_line: e.body_line,
        root: &root,
        targets,
    };
    let (mut body, problems) = markdown::render(&input);
    // Every page's HTML and text wait here for the render stage, so a large handbook's peak
    // memory is mostly these. Copied to their exact size: the growth slack is a fifth or more,
    // and shrinking in place (`shrink_to_fit`) keeps mimalloc's whole block.
    body.html = body.html.as_str().to_owned();
    for block in &mut body.text {
        block.text = block.text.as_str().to_owned();
    }
    let f = e.front;
    let case_study = (e.kind == Kind::CaseStudy).then(|| CaseStudy {
        outcome: f.outcome.clone().unwrap_or_default(),
        people: f.people.clone(),
        duration: f.duration.clone(),
        lessons: f.lessons.clone(),
    });
    let reading_minutes = body.words.div_ceil(200).max(1) as u32;
    let related_sources = f.related.iter().map(|r| resolve_path(&e.file.rel_path, r)).collect();
    let page = Page {
        source: e.file.rel_path.clone(),
        kind: e.kind,
        section: e.section,
        slug: e.slug,
        url: e.url,
        title: f.title.unwrap_or_default(),
        summary: f.summary,
        tags: f.tags,
        keywords: f.keywords,
        weight: f.weight.unwrap_or(0),
        reviewed: f.reviewed,
        related_sources,
        draft: f.draft,
        category: f.category,
        case_study,
        extra: f.extra.unwrap_or(serde_json::Value::Null),
        front_matter_line: e.yaml_line,
        related_line: e.related_line,
        body,
        reading_minutes,
    };
    (page, problems)
}

/// Resolves a path written in a page (`../faq/x.md`, `./x.md`, or `faq/x.md` from the content
/// root) to a source path relative to `content/`. Returns the input unchanged if it climbs out.
pub fn resolve_path(from: &str, path: &str) -> String {
    let path = path.trim();
    if !(path.starts_with("./") || path.starts_with("../")) {
        return path.trim_start_matches('/').to_string();
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                if parts.pop().is_none() {
                    return path.to_string();
                }
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_files_by_folder() {
        assert_eq!(place("_index.md").unwrap().0, Kind::Home);
        assert_eq!(place("faq/_index.md").unwrap().0, Kind::Section);
        assert_eq!(place("faq/wait.md").unwrap(), (Kind::Faq, "faq".into(), "wait".into()));
        assert_eq!(place("get-help.md").unwrap().0, Kind::Standalone);
        assert!(place("tags/x.md").is_err());
        let (why, _) = place("javascript:alert(1)/x.md").unwrap_err();
        assert!(
            why.starts_with("the folder name \"javascript:alert(1)\" cannot be a section"),
            "{why}"
        );
        assert!(place("my notes/_index.md").is_err());
    }

    #[test]
    fn slugs_cannot_climb_out() {
        assert!(check_slug("../../etc", Kind::Article).is_err());
        assert!(check_slug("a/b", Kind::Article).is_err());
        assert!(check_slug("", Kind::Article).is_err());
        assert!(check_slug("index", Kind::Article).is_err());
        assert!(check_slug("page-2", Kind::Faq).is_err());
        assert!(check_slug("page-two", Kind::Faq).is_ok());
        assert!(check_slug("first-message", Kind::Article).is_ok());
    }

    #[test]
    fn dates_are_checked() {
        assert!(check_date("2026-02-29").is_err());
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("14 March").is_err());
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve_path("articles/a.md", "../faq/b.md"), "faq/b.md");
        assert_eq!(resolve_path("articles/a.md", "./c.md"), "articles/c.md");
        assert_eq!(resolve_path("articles/a.md", "faq/b.md"), "faq/b.md");
        assert_eq!(resolve_path("a.md", "../../x.md"), "../../x.md");
    }
}
