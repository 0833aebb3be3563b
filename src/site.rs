//! The link stage: pages -> `Site`, with sections, navigation order, prev/next, related pages,
//! tags, and every internal link and anchor checked.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::files::ContentFiles;
use crate::markdown::Rendered;
use crate::page::{Kind, Page};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Pages suggested as related at most, explicit ones included.
const MAX_RELATED: usize = 5;

#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Every page in navigation order: home, then each section's index and pages, then the
    /// top-level pages. Everything else refers to pages by index into this `Vec`.
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    pub tags: Vec<Tag>,
    /// Per page (same index as `pages`): neighbours and related pages.
    pub links: Vec<PageLinks>,
    /// The files of `content/` that are not pages; the ones pages use are published.
    pub files: ContentFiles,
    /// The page in the handbook's other languages, when it has several.
    pub translations: crate::languages::Translations,
}

impl Site {
    /// Gives every page its body (`bodies[i]` is `pages[i]`'s; `None` keeps the empty one of a
    /// section page made from a folder name).
    pub fn set_bodies(&mut self, bodies: Vec<Option<Rendered>>) {
        for (page, body) in self.pages.iter_mut().zip(bodies) {
            if let Some(body) = body {
                page.set_body(body);
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    /// The folder name, e.g. `case-studies`.
    pub name: String,
    /// Index of the section's own page (its `_index.md`, or one made from the folder name).
    pub index: usize,
    /// The section's pages in order: weight, then title. Pages are stored in that order, so
    /// these indices ascend.
    pub pages: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    /// URL-safe form: `tags/<slug>.html`.
    pub slug: String,
    pub pages: Vec<usize>,
}

#[derive(Debug, Default, Clone)]
pub struct PageLinks {
    pub section: Option<usize>,
    pub prev: Option<usize>,
    pub next: Option<usize>,
    pub related: Vec<usize>,
}

/// Builds the site from parsed pages and checks their links; `prefix` is how `content/` is named
/// in diagnostics.
pub fn link(config: Config, pages: Vec<Page>, prefix: &str) -> (Site, Vec<Diagnostic>) {
    let (site, mut problems) = structure(config, pages, prefix);
    problems.extend(check_bodies(&site, prefix));
    (site, problems)
}

/// Builds the site from pages whose front matter alone is known: order, sections, tags,
/// prev/next and related pages. Their bodies may come later (`Site::set_bodies`), and with them
/// the checks of `check_bodies`.
pub fn structure(config: Config, pages: Vec<Page>, prefix: &str) -> (Site, Vec<Diagnostic>) {
    let (pages, sections) = order(&config, pages);
    let by_source: HashMap<&str, usize> = pages.iter().enumerate().map(|(i, p)| (p.source.as_str(), i)).collect();
    let mut problems = Vec::new();
    let tags = collect_tags(&pages, &config.topics);
    let mut links = vec![PageLinks::default(); pages.len()];
    for (s, section) in sections.iter().enumerate() {
        links[section.index].section = Some(s);
        for (n, &i) in section.pages.iter().enumerate() {
            links[i].section = Some(s);
            links[i].prev = n.checked_sub(1).map(|p| section.pages[p]);
            links[i].next = section.pages.get(n + 1).copied();
        }
    }
    for (i, page) in pages.iter().enumerate() {
        let (related, mut p) = related(i, page, &tags, &by_source, prefix);
        links[i].related = related;
        problems.append(&mut p);
    }
    (
        Site {
            config,
            pages,
            sections,
            tags,
            links,
            files: ContentFiles::default(),
            translations: Default::default(),
        },
        problems,
    )
}

/// What the link stage checks in pages' bodies: every internal link's anchor, and that no two
/// checklists share an id.
pub fn check_bodies(site: &Site, prefix: &str) -> Vec<Diagnostic> {
    let pages = &site.pages;
    let by_source: HashMap<&str, usize> = pages.iter().enumerate().map(|(i, p)| (p.source.as_str(), i)).collect();
    let mut problems = check_anchors(pages, &site.sections, &by_source, prefix, &|_| true);
    problems.extend(duplicate_checklists(pages, prefix, &|_| true));
    problems
}

/// The link stage's checks for an edit that kept the site's structure (the same pages in the same
/// order with the same titles, weights, tags and related pages): only the links from and to the
/// `edited` pages and their checklist ids are checked again. `serve` runs this instead of `link`.
pub fn recheck(site: &Site, edited: &[usize], prefix: &str) -> Vec<Diagnostic> {
    let sources: Vec<&str> = edited.iter().map(|&i| site.pages[i].source.as_str()).collect();
    let ids: Vec<&str> = edited
        .iter()
        .flat_map(|&i| site.pages[i].body.checklists.iter().map(|c| c.id.as_str()))
        .collect();
    let by_source: HashMap<&str, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.as_str(), i))
        .collect();
    let touches = |i: usize| {
        edited.contains(&i)
            || site.pages[i]
                .body
                .links
                .iter()
                .any(|l| sources.contains(&l.target.as_str()))
    };
    let mut problems = check_anchors(&site.pages, &site.sections, &by_source, prefix, &touches);
    problems.extend(duplicate_checklists(&site.pages, prefix, &|id| ids.contains(&id)));
    problems
}

/// Puts pages in navigation order and groups them into sections, making a section page for
/// each folder that has no `_index.md`.
fn order(config: &Config, mut pages: Vec<Page>) -> (Vec<Page>, Vec<Section>) {
    let mut folders: Vec<String> = pages
        .iter()
        .filter(|p| !p.section.is_empty())
        .map(|p| p.section.clone())
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        if !pages.iter().any(|p| p.kind == Kind::Section && &p.section == folder) {
            pages.push(made_section_page(folder));
        }
    }
    let rank = |p: &Page| -> (usize, i64, String) {
        let listed = config
            .sections
            .iter()
            .position(|s| *s == p.section)
            .unwrap_or(usize::MAX);
        (listed, p.weight, p.section.clone())
    };
    let section_rank: HashMap<String, (usize, i64, String)> = pages
        .iter()
        .filter(|p| p.kind == Kind::Section)
        .map(|p| (p.section.clone(), rank(p)))
        .collect();
    let group = |p: &Page| match p.kind {
        Kind::Home => 0,
        Kind::Standalone => 2,
        _ => 1,
    };
    // Keys are made once per page, not once per comparison: they allocate.
    pages.sort_by_cached_key(|p| {
        let section = section_rank.get(&p.section).cloned().unwrap_or((0, 0, String::new()));
        (
            group(p),
            section,
            p.kind != Kind::Section,
            p.weight,
            p.title.to_lowercase(),
            p.slug.clone(),
        )
    });
    let mut sections: Vec<Section> = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if p.kind == Kind::Section {
            sections.push(Section {
                name: p.section.clone(),
                index: i,
                pages: Vec::new(),
            });
        } else if !p.section.is_empty() {
            if let Some(s) = sections.last_mut() {
                s.pages.push(i);
            }
        }
    }
    (pages, sections)
}

fn made_section_page(folder: &str) -> Page {
    let mut title: String = folder.replace(['-', '_'], " ");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    Page {
        source: format!("{folder}/_index.md"),
        kind: Kind::Section,
        section: folder.to_string(),
        slug: "index".into(),
        url: format!("{folder}/index.html"),
        title,
        summary: None,
        tags: Vec::new(),
        keywords: Vec::new(),
        weight: 0,
        reviewed: None,
        related_sources: Vec::new(),
        draft: false,
        aliases: Vec::new(),
        category: None,
        case_study: None,
        extra: serde_json::Value::Null,
        front_matter_line: 0,
        related_at: Vec::new(),
        body: Rendered::default(),
        reading_minutes: 0,
    }
}

/// Every `#anchor` of an internal link must name a heading of its target (or, on a section
/// index, one of the section's pages: FAQ entries are anchored there by slug).
fn check_anchors(
    pages: &[Page],
    sections: &[Section],
    by_source: &HashMap<&str, usize>,
    prefix: &str,
    only: &dyn Fn(usize) -> bool,
) -> Vec<Diagnostic> {
    // (section index page, entry slug): looked up per link, so a section of thousands of FAQ
    // entries is not scanned once per link to it.
    let entries: HashSet<(usize, &str)> = sections
        .iter()
        .flat_map(|s| s.pages.iter().map(move |&i| (s.index, pages[i].slug.as_str())))
        .collect();
    let mut problems = Vec::new();
    for (_, page) in pages.iter().enumerate().filter(|(i, _)| only(*i)) {
        for link in &page.body.links {
            let (Some(anchor), Some(&target)) = (&link.anchor, by_source.get(link.target.as_str())) else {
                continue;
            };
            if pages[target].body.unread {
                continue;
            }
            let in_headings = pages[target].body.headings.iter().any(|h| &h.id == anchor);
            let in_section = entries.contains(&(target, anchor.as_str()));
            let in_html = pages[target].body.html_anchors.iter().any(|a| a == anchor);
            if !in_headings && !in_section && !in_html {
                let known: Vec<&str> = pages[target].body.headings.iter().map(|h| h.id.as_str()).collect();
                let hint = match crate::diagnostic::did_you_mean(anchor, &known) {
                    Some(near) => format!("did you mean \"#{near}\"?"),
                    None if known.is_empty() => format!("{} has no headings", link.target),
                    None => format!(
                        "its headings are: {}",
                        known.iter().map(|k| format!("#{k}")).collect::<Vec<_>>().join(", ")
                    ),
                };
                problems.push(
                    Diagnostic::error(
                        format!("{prefix}{}", page.source),
                        link.line,
                        link.col,
                        format!("no heading \"#{anchor}\" in {}", link.target),
                    )
                    .hint(hint),
                );
            }
        }
    }
    problems
}

/// Checklist ids key the reader's saved ticks, so two checklists sharing one would share ticks.
fn duplicate_checklists(pages: &[Page], prefix: &str, only: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut first_seen: HashMap<&str, &str> = HashMap::new();
    let mut problems = Vec::new();
    for page in pages {
        for list in page.body.checklists.iter().filter(|l| only(&l.id)) {
            match first_seen.get(list.id.as_str()) {
                Some(other) => problems.push(
                    Diagnostic::error(
                        format!("{prefix}{}", page.source),
                        list.line,
                        1,
                        format!("duplicate checklist id \"{}\": {prefix}{other} has one too", list.id),
                    )
                    .hint("give this checklist its own `id:`"),
                ),
                None => {
                    first_seen.insert(&list.id, &page.source);
                }
            }
        }
    }
    problems
}

fn collect_tags(pages: &[Page], topics: &BTreeMap<String, String>) -> Vec<Tag> {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        for name in &page.tags {
            let slug = tag_slug(name);
            let tag = tags.entry(slug.clone()).or_insert_with(|| Tag {
                name: topic_label(name, topics),
                slug,
                pages: Vec::new(),
            });
            if tag.pages.last() != Some(&i) {
                tag.pages.push(i);
            }
        }
    }
    tags.into_values().collect()
}

/// How a topic (a tag or FAQ category) is shown: its name in `topics:` (by slug), else as first
/// written with a capital first letter (`co-parenting` -> "Co-parenting").
pub fn topic_label(name: &str, topics: &BTreeMap<String, String>) -> String {
    if let Some(label) = topics.get(&tag_slug(name)) {
        return label.clone();
    }
    let name = name.trim();
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The URL-safe form of a tag: lower-case, runs of anything but letters and digits as one `-`.
pub fn tag_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The nearest page's path to a mistyped `related:` entry (a file name mistyped in its folder,
/// or a folder mistyped for a file name that exists), or how to write one.
fn related_hint(source: &str, by_source: &HashMap<&str, usize>) -> String {
    fn split(path: &str) -> (&str, &str) {
        path.rsplit_once('/').unwrap_or(("", path))
    }
    let (folder, name) = source.rsplit_once('/').unwrap_or(("", source));
    let mut known: Vec<&str> = by_source.keys().copied().collect();
    known.sort_unstable();
    let names: Vec<&str> = known
        .iter()
        .filter(|k| split(k).0 == folder)
        .map(|k| split(k).1)
        .collect();
    let folders: Vec<&str> = known
        .iter()
        .filter(|k| split(k).1 == name)
        .map(|k| split(k).0)
        .collect();
    let near = match crate::diagnostic::did_you_mean(name, &names) {
        Some(near) => Some(format!("{folder}/{near}")),
        None => crate::diagnostic::did_you_mean(folder, &folders)
            // `mine.md` written for `articles/mine.md`: the one page of that file name.
            .or_else(|| (folders.len() == 1).then(|| folders[0]))
            .map(|near| format!("{near}/{name}")),
    };
    match near {
        Some(near) => format!("did you mean \"{}\"?", near.trim_start_matches('/')),
        None => "give the path of a page's .md file, relative to content/ (e.g. faq/how-long-to-wait.md)".into(),
    }
}

/// Explicit `related:` pages first, then pages sharing the most tags. Only a window of each
/// tag's pages around this one is looked at, so a tag on every page stays linear.
fn related(
    i: usize,
    page: &Page,
    tags: &[Tag],
    by_source: &HashMap<&str, usize>,
    prefix: &str,
) -> (Vec<usize>, Vec<Diagnostic>) {
    const WINDOW: usize = 12;
    let mut problems = Vec::new();
    let mut chosen: Vec<usize> = Vec::new();
    for (n, source) in page.related_sources.iter().enumerate() {
        let (line, col, span) = page
            .related_at
            .get(n)
            .copied()
            .unwrap_or((page.front_matter_line, 1, 1));
        let at = |message: String, hint: &str| {
            Diagnostic::warning(format!("{prefix}{}", page.source), line, col, message)
                .span(span)
                .hint(hint)
        };
        match by_source.get(source.as_str()) {
            Some(&j) if j == i => problems.push(at(
                format!("\"{source}\" is this page: a page is not related to itself"),
                "remove this entry, or name the page you meant",
            )),
            Some(&j) if chosen.contains(&j) => problems.push(at(
                format!("related page \"{source}\" is listed twice"),
                "remove one of them",
            )),
            Some(&j) => chosen.push(j),
            None => problems.push(
                Diagnostic::error(
                    format!("{prefix}{}", page.source),
                    line,
                    col,
                    format!("related page \"{source}\" does not exist"),
                )
                .span(span)
                .hint(related_hint(source, by_source)),
            ),
        }
    }
    let mut scores: BTreeMap<usize, usize> = BTreeMap::new();
    for name in &page.tags {
        let slug = tag_slug(name);
        let Ok(t) = tags.binary_search_by(|t| t.slug.as_str().cmp(slug.as_str())) else {
            continue;
        };
        let members = &tags[t].pages;
        let at = members.binary_search(&i).unwrap_or_else(|x| x);
        let window = &members[at.saturating_sub(WINDOW)..(at + WINDOW).min(members.len())];
        for &j in window.iter().filter(|&&j| j != i) {
            *scores.entry(j).or_default() += 1;
        }
    }
    let mut by_score: Vec<(usize, usize)> = scores
        .into_iter()
        .filter(|(j, _)| !chosen.contains(j))
        .map(|(j, s)| (s, j))
        .collect();
    by_score.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let room = MAX_RELATED.saturating_sub(chosen.len());
    chosen.extend(by_score.into_iter().take(room).map(|(_, j)| j));
    (chosen, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_show_their_configured_name_or_as_written_capitalised() {
        let topics: BTreeMap<String, String> = [("new-partners".to_string(), "New partners".to_string())].into();
        assert_eq!(topic_label("new-partners", &topics), "New partners");
        assert_eq!(topic_label("New Partners", &topics), "New partners", "matched by slug");
        assert_eq!(topic_label("co-parenting", &topics), "Co-parenting");
        assert_eq!(topic_label("école", &topics), "École");
    }

    #[test]
    fn tag_slugs_are_url_safe() {
        assert_eq!(tag_slug("New partners"), "new-partners");
        assert_eq!(tag_slug(" Self-growth! "), "self-growth");
        assert_eq!(tag_slug("../x"), "x");
    }
}
