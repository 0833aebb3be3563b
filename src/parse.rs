//! Source files -> `Page`s: front matter checked and typed per kind, Markdown rendered in parallel.

mod aliases;
mod categories;
mod entry;
mod place;

pub(crate) use place::check_slug;
pub use place::{day_number, MONTHS};

use crate::diagnostic::Diagnostic;
use crate::files::ContentFiles;
use crate::markdown::{self, LinkTargets};
use crate::page::{CaseStudy, Kind, Page};
use crate::source::SourceFile;
use entry::{entry, Entry, Failed};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Parses every source file, consuming them: each text is freed once its page is made, so the
/// texts and the pages are never all held at once. `content` are the other files of `content/`,
/// which links and images may use. `prefix` is how `content/` is named in diagnostics.
pub fn parse(
    files: Vec<SourceFile>,
    content: &ContentFiles,
    prefix: &str,
    drafts: bool,
) -> (Vec<Page>, Vec<Diagnostic>) {
    let results: Vec<Result<Entry, Failed>> = files.into_par_iter().map(|f| entry(f, prefix)).collect();
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for result in results {
        // A page whose front matter is wrong still exists: links to it are not reported too.
        let e = match result {
            Ok(e) => e,
            Err(Failed { problems: mut p, stub }) => {
                problems.append(&mut p);
                match stub {
                    Some(e) => e,
                    None => continue,
                }
            }
        };
        if !e.front.draft || drafts {
            entries.push(e);
        }
    }
    problems.extend(duplicate_urls(&entries, prefix));
    problems.extend(categories::check(&entries, prefix));
    problems.extend(aliases::check(&entries, prefix));
    let targets: LinkTargets = entries
        .iter()
        .map(|e| (e.file.rel_path.clone(), e.url.clone()))
        .collect();
    let pages: Vec<(Page, Vec<Diagnostic>)> = entries
        .into_par_iter()
        .map(|e| page(e, prefix, &targets, content))
        .collect();
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
    content: &ContentFiles,
) -> (Option<Page>, Vec<Diagnostic>) {
    match entry(file.clone(), prefix) {
        Err(failed) => (None, failed.problems),
        Ok(e) if e.front.draft && !drafts => (None, Vec::new()),
        Ok(e) => {
            let (page, problems) = page(e, prefix, targets, content);
            (Some(page), problems)
        }
    }
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

fn page(e: Entry, prefix: &str, targets: &LinkTargets, files: &ContentFiles) -> (Page, Vec<Diagnostic>) {
    let display_path = format!("{prefix}{}", e.file.rel_path);
    let root = "../".repeat(e.url.matches('/').count());
    let input = markdown::Input {
        display_path: &display_path,
        rel_path: &e.file.rel_path,
        body: &e.file.text[e.body_start..],
        first_line: e.body_line,
        root: &root,
        targets,
        files,
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
        // The same smart punctuation as the body beside them (`Do's` -> `Do’s`).
        title: markdown::smart_punctuation(&f.title.unwrap_or_default()),
        summary: f.summary.as_deref().map(markdown::smart_punctuation),
        tags: f.tags,
        keywords: f.keywords,
        weight: f.weight.unwrap_or(0),
        reviewed: f.reviewed,
        related_sources,
        draft: f.draft,
        aliases: e.aliases,
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
    fn resolves_relative_paths() {
        assert_eq!(resolve_path("articles/a.md", "../faq/b.md"), "faq/b.md");
        assert_eq!(resolve_path("articles/a.md", "./c.md"), "articles/c.md");
        assert_eq!(resolve_path("articles/a.md", "faq/b.md"), "faq/b.md");
        assert_eq!(resolve_path("a.md", "../../x.md"), "../../x.md");
    }
}
