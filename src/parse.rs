//! Source files -> `Page`s: front matter checked and typed per kind, Markdown rendered in parallel.

mod aliases;
mod categories;
mod entry;
mod place;

pub(crate) use place::check_slug;
pub use place::day_number;

use crate::diagnostic::Diagnostic;
use crate::files::ContentFiles;
use crate::markdown::{self, LinkTargets, Rendered};
use crate::page::{CaseStudy, Kind, Page};
use crate::source::SourceFile;
use crate::widgets::Words;
use entry::{entry, Entry, Failed};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Parses every source file, consuming them: front matter, then every page's Markdown. A build
/// uses `front` and `Markdown::render` apart instead, to write each page right after its Markdown.
pub fn parse(
    files: Vec<SourceFile>,
    content: &ContentFiles,
    prefix: &str,
    drafts: bool,
    words: &Words,
) -> (Vec<Page>, Vec<Diagnostic>) {
    let Front {
        mut pages,
        markdown,
        targets,
        mut problems,
    } = front(files, prefix, drafts, words);
    let (bodies, mut found) = bodies(markdown.into_iter().map(Some).collect(), &targets, content, words);
    for (page, body) in pages.iter_mut().zip(bodies.into_iter().flatten()) {
        page.set_body(body);
    }
    problems.append(&mut found);
    (pages, problems)
}

/// Every page with its front matter read and its body still empty, and beside each (same index)
/// its Markdown, still to render.
pub struct Front {
    pub pages: Vec<Page>,
    pub markdown: Vec<Markdown>,
    /// Where every page will be: what links in the Markdown resolve against.
    pub targets: LinkTargets,
    pub problems: Vec<Diagnostic>,
}

/// The front matter of every source file, consuming them; their Markdown waits in `Front::markdown`.
pub fn front(files: Vec<SourceFile>, prefix: &str, drafts: bool, words: &Words) -> Front {
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
    let (pages, markdown) = entries.into_par_iter().map(|e| shell(e, prefix, words)).unzip();
    Front {
        pages,
        markdown,
        targets,
        problems,
    }
}

/// `markdown` put in the order of `pages` (the site's, once linked): `None` for a page without a
/// file (a section page made from a folder name).
pub fn in_order(markdown: Vec<Markdown>, pages: &[Page]) -> Vec<Option<Markdown>> {
    let at: HashMap<&str, usize> = pages.iter().enumerate().map(|(i, p)| (p.source.as_str(), i)).collect();
    let mut slots: Vec<Option<Markdown>> = (0..pages.len()).map(|_| None).collect();
    for m in markdown {
        if let Some(&i) = at.get(m.rel_path.as_str()) {
            slots[i] = Some(m);
        }
    }
    slots
}

/// Every page's body, rendered in parallel, and the problems found in the Markdown.
pub fn bodies(
    markdown: Vec<Option<Markdown>>,
    targets: &LinkTargets,
    content: &ContentFiles,
    words: &Words,
) -> (Vec<Option<Rendered>>, Vec<Diagnostic>) {
    let rendered: Vec<Option<(Rendered, Vec<Diagnostic>)>> = markdown
        .into_par_iter()
        .map(|m| m.map(|m| m.render(targets, content, words)))
        .collect();
    let mut problems = Vec::new();
    let bodies = rendered
        .into_iter()
        .map(|r| {
            r.map(|(body, mut found)| {
                problems.append(&mut found);
                body
            })
        })
        .collect();
    (bodies, problems)
}

/// One page's Markdown, not yet rendered: it owns its file's text until then.
pub struct Markdown {
    text: String,
    body_start: usize,
    body_line: usize,
    display_path: String,
    rel_path: String,
    /// `../` repeated to reach the site root from the page's output file.
    root: String,
    unread: bool,
}

impl Markdown {
    /// The page's body, and the problems found in its Markdown; the source text is freed.
    /// `words` are what widgets write, in the page's language.
    pub fn render(self, targets: &LinkTargets, files: &ContentFiles, words: &Words) -> (Rendered, Vec<Diagnostic>) {
        let input = markdown::Input {
            display_path: &self.display_path,
            rel_path: &self.rel_path,
            body: &self.text[self.body_start..],
            first_line: self.body_line,
            root: &self.root,
            targets,
            files,
            words,
        };
        let (mut body, problems) = markdown::render(&input);
        body.unread = self.unread;
        // Search text waits for the index, which needs every page's word count first. Copied to
        // its exact size: the growth slack is a fifth or more, and shrinking in place
        // (`shrink_to_fit`) keeps mimalloc's whole block.
        for block in &mut body.text {
            block.text = block.text.as_str().to_owned();
        }
        (body, problems)
    }

    /// Source path relative to `content/`.
    pub fn source(&self) -> &str {
        &self.rel_path
    }
}

/// Parses one file against the link targets of a site already parsed, so `serve` re-parses only
/// the file an edit touched. `(None, [])` is a draft left out.
pub fn parse_one(
    file: &SourceFile,
    prefix: &str,
    drafts: bool,
    targets: &LinkTargets,
    content: &ContentFiles,
    words: &Words,
) -> (Option<Page>, Vec<Diagnostic>) {
    match entry(file.clone(), prefix) {
        Err(failed) => (None, failed.problems),
        Ok(e) if e.front.draft && !drafts => (None, Vec::new()),
        Ok(e) => {
            let (mut page, markdown) = shell(e, prefix, words);
            let (body, problems) = markdown.render(targets, content, words);
            page.set_body(body);
            (Some(page), problems)
        }
    }
}

fn duplicate_urls(entries: &[Entry], prefix: &str) -> Vec<Diagnostic> {
    let mut by_url: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        by_url.entry(&e.url).or_default().push(e);
    }
    let mut problems = Vec::new();
    for same in by_url.into_values().filter(|same| same.len() > 1) {
        // A page keeps the address its own file name gives it; a `slug:` that repeats it is the
        // mistake, reported at its line (the sort is stable, so files keep their order otherwise).
        let mut same: Vec<(&Entry, Option<(usize, usize)>)> = same
            .into_iter()
            .map(|e| (e, slug_line(&e.file.text, e.body_line)))
            .collect();
        same.sort_by_key(|(_, at)| at.is_some());
        let first = &same[0].0.file.rel_path;
        for (e, at) in &same[1..] {
            let (line, col) = at.unwrap_or((0, 0));
            problems.push(
                Diagnostic::error(
                    format!("{prefix}{}", e.file.rel_path),
                    line,
                    col,
                    format!("duplicate slug \"{}\": {prefix}{first} has it too", e.slug),
                )
                .hint("give one of them a different file name or `slug:`"),
            );
        }
    }
    problems
}

/// Where the front matter (the lines before `body_line`) sets `slug:`, as line and column of its
/// value: the line to change when two pages share an address.
fn slug_line(text: &str, body_line: usize) -> Option<(usize, usize)> {
    text.lines()
        .take(body_line.saturating_sub(1))
        .enumerate()
        .find_map(|(i, l)| {
            let value = l.strip_prefix("slug:")?;
            Some((i + 1, "slug:".len() + value.len() - value.trim_start().len() + 1))
        })
}

/// The page of `e` with an empty body, and its Markdown.
fn shell(e: Entry, prefix: &str, words: &Words) -> (Page, Markdown) {
    let markdown = Markdown {
        display_path: format!("{prefix}{}", e.file.rel_path),
        root: "../".repeat(e.url.matches('/').count()),
        rel_path: e.file.rel_path.clone(),
        body_start: e.body_start,
        body_line: e.body_line,
        text: e.file.text,
        unread: e.body_unread,
    };
    let f = e.front;
    // The card's words get the title's smart punctuation too: they sit beside it.
    let smart = |s: &str| markdown::smart_punctuation_in(s, words);
    let case_study = (e.kind == Kind::CaseStudy).then(|| CaseStudy {
        outcome: smart(f.outcome.as_deref().unwrap_or_default()),
        people: f.people.as_deref().map(smart),
        duration: f.duration.as_deref().map(smart),
        lessons: f.lessons.iter().map(|l| smart(l)).collect(),
    });
    let related_sources = f.related.iter().map(|r| resolve_path(&markdown.rel_path, r)).collect();
    let page = Page {
        source: markdown.rel_path.clone(),
        kind: e.kind,
        section: e.section,
        slug: e.slug,
        url: e.url,
        // The same smart punctuation as the body beside them (`Do's` -> `Do’s`).
        title: markdown::smart_punctuation_in(&f.title.unwrap_or_default(), words),
        summary: f.summary.as_deref().map(|s| markdown::smart_punctuation_in(s, words)),
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
        related_at: e.related_at,
        body: Rendered::default(),
        reading_minutes: 0,
    };
    (page, markdown)
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
    fn a_case_study_card_gets_smart_punctuation_like_its_title() {
        let text = "---\ntitle: Sam's year\nsummary: s\noutcome: They're \"fine\"\npeople: Sam's family\nduration: A year -- or so\nlessons:\n  - Don't rush\n---\nBody.\n";
        let file = SourceFile {
            rel_path: "case-studies/sam.md".into(),
            text: text.into(),
        };
        let front = front(vec![file], "", false, Words::english_static());
        let card = front.pages[0].case_study.as_ref().unwrap();
        assert_eq!(front.pages[0].title, "Sam’s year");
        assert_eq!(card.outcome, "They’re “fine”");
        assert_eq!(card.people.as_deref(), Some("Sam’s family"));
        assert_eq!(card.duration.as_deref(), Some("A year – or so"));
        assert_eq!(card.lessons, ["Don’t rush"]);
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve_path("articles/a.md", "../faq/b.md"), "faq/b.md");
        assert_eq!(resolve_path("articles/a.md", "./c.md"), "articles/c.md");
        assert_eq!(resolve_path("articles/a.md", "faq/b.md"), "faq/b.md");
        assert_eq!(resolve_path("a.md", "../../x.md"), "../../x.md");
    }
}
