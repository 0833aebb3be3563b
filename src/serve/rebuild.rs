//! The site `serve` keeps in memory, and rebuilding only what an edit touches: re-read and
//! re-parse the edited files, re-link, re-render those pages and the pages whose output shows
//! them (section index, neighbours, related pages, the home page). Anything structural (a page
//! deleted, a slug changed, a template or the configuration edited) rebuilds the whole site.

use crate::diagnostic::{self, Diagnostic};
use crate::markdown::LinkTargets;
use crate::output::OutputFile;
use crate::page::{Kind, Page};
use crate::site::{PageLinks, Site};
use crate::theme::Theme;
use crate::{Timings, CONTENT_PREFIX};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The last good site and what rendering it needs.
pub struct Live {
    root: PathBuf,
    drafts: bool,
    theme: Arc<Theme>,
    tera: Arc<tera::Tera>,
    /// Shared with a thread rendering the site-wide pages, if one runs; an edit meanwhile
    /// copies it (`Arc::make_mut`) rather than wait.
    site: Arc<Site>,
    /// Source path -> output path of every page, for resolving links in re-parsed files.
    targets: LinkTargets,
    /// Source paths (relative to `content/`) edited since the site was last good: a fix to one
    /// file must not hide a problem still left in another.
    pending: BTreeSet<String>,
    /// The warnings of parsing, per file as last read; the lint is added to them when the
    /// site-wide pages are refreshed.
    load_warnings: Vec<Diagnostic>,
    /// The link stage's warnings about content files (used by nothing, too large), which any
    /// edit can change: found again after each one.
    file_warnings: Vec<Diagnostic>,
    /// The pages of the further languages, rendered whole at the last whole build.
    further_addresses: Vec<super::state::PageAddress>,
}

/// What a rebuild produced.
pub enum Outcome {
    /// Pages to render again: the edited ones first (the page an editor looks at), then the
    /// pages that show something of them.
    Pages {
        edited: Vec<usize>,
        others: Vec<usize>,
    },
    Failed(Vec<Diagnostic>),
}

/// Loads, links and renders the whole site.
/// Every language is loaded; the default one is kept live, the others rendered whole.
pub fn full(root: &Path, drafts: bool) -> Result<(Live, Vec<OutputFile>), Vec<Diagnostic>> {
    let (mut editions, mut load_warnings) = crate::load_editions(root, drafts, &mut Timings::default())?;
    let theme = crate::theme::load_with(root, editions[0].1.config.theme.as_deref())?;
    crate::languages::link_all(&mut editions, &theme);
    let sitemap = super::editions::sitemap(&editions);
    let mut site = editions.remove(0).1;
    let further = super::editions::render(root, &editions, &theme)?;
    let file_warnings = mark_files(&mut site, root);
    let same =
        |a: &Diagnostic, b: &Diagnostic| (&a.path, a.line, a.col, &a.message) == (&b.path, b.line, b.col, &b.message);
    load_warnings.retain(|d| !file_warnings.iter().any(|f| same(d, f)));
    load_warnings.extend(further.warnings);
    let tera = crate::render::engine(&theme, &site.config.language)?;
    // The engine just built serves this render too, and every later incremental one.
    let every_page: Vec<usize> = (0..site.pages.len()).collect();
    let mut files = crate::render::render_pages(&site, &theme, &tera, &every_page)?;
    files.extend(crate::render::extras(&site, &theme, &tera)?);
    files.extend(crate::search::index(&site, &theme.strings_in(&site.config.language)));
    // Images and other files pages use, read now: a change to one rebuilds the whole site.
    files.extend(
        site.files
            .published()
            .filter_map(|f| Some(OutputFile::new(f.rel_path.clone(), std::fs::read(&f.path).ok()?))),
    );
    files.extend(further.files);
    files.extend(sitemap);
    let live = Live {
        root: root.to_path_buf(),
        drafts,
        theme: Arc::new(theme),
        tera: Arc::new(tera),
        targets: targets_of(&site),
        site: Arc::new(site),
        pending: BTreeSet::new(),
        load_warnings,
        file_warnings,
        further_addresses: further.addresses,
    };
    Ok((live, files))
}

/// Marks the content files the site's pages use, with the warnings about them (their source
/// lines attached).
fn mark_files(site: &mut Site, root: &Path) -> Vec<Diagnostic> {
    let max_kb = site.config.max_image_kb;
    let mut found = crate::files::mark_used(&mut site.files, &site.pages, max_kb, false, CONTENT_PREFIX);
    for d in &mut found {
        let rel = d.path.strip_prefix(CONTENT_PREFIX).unwrap_or(&d.path);
        if let Ok(text) = std::fs::read_to_string(root.join("content").join(rel)) {
            d.attach_source(&text);
        }
    }
    diagnostic::sort(&mut found);
    found
}

fn same_aliases(a: &Page, b: &Page) -> bool {
    a.aliases.iter().map(|x| &x.path).eq(b.aliases.iter().map(|x| &x.path))
}

/// How a changed source differs from the site in memory.
enum Change {
    /// A page that is new or whose new version keeps its URL.
    Page(Box<Page>),
    /// Needs a whole rebuild: deleted, turned into a draft, or its URL changed.
    Structural,
    /// Neither on disk nor in the site: an editor's temporary file.
    Gone,
}

impl Live {
    /// Pages (by index) currently in the site.
    /// The interface strings in the site's language.
    pub fn strings(&self) -> crate::i18n::Strings {
        self.theme.strings_in(&self.site.config.language)
    }

    pub fn pages(&self) -> usize {
        self.site.pages.len()
    }

    /// Where each page is served from, and what it was made from.
    pub fn addresses(&self) -> Vec<super::state::PageAddress> {
        self.site
            .pages
            .iter()
            .map(|p| super::state::PageAddress {
                path: p.url.clone(),
                source: p.source.clone(),
                title: p.title.clone(),
            })
            .chain(self.further_addresses.iter().cloned())
            .collect()
    }

    /// Whether `rel` (under `content/`) is a further language's page: only a whole rebuild,
    /// which builds every language, takes it in.
    pub fn is_further(&self, rel: &str) -> bool {
        super::editions::is_further(&self.site.config, rel)
    }

    /// Applies edits to the Markdown files `edited` (relative to `content/`). `None` asks for a
    /// whole rebuild.
    pub fn update(&mut self, edited: &BTreeSet<String>) -> Option<Outcome> {
        self.pending.extend(edited.iter().cloned());
        let mut changed = Vec::new();
        let mut problems = Vec::new();
        let mut texts = HashMap::new();
        for rel in self.pending.clone() {
            match self.reparse(&rel, &mut problems, &mut texts) {
                Change::Page(page) => changed.push(*page),
                Change::Structural => return None,
                Change::Gone => {
                    self.pending.remove(&rel);
                }
            }
        }
        if problems.iter().any(Diagnostic::is_error) {
            return Some(Outcome::Failed(self.with_sources(problems, &texts)));
        }
        let edited_paths: BTreeSet<String> = self.pending.iter().map(|r| format!("{CONTENT_PREFIX}{r}")).collect();
        let in_place = changed.iter().all(|new| {
            self.site
                .pages
                .iter()
                .find(|old| old.source == new.source)
                .is_some_and(|old| place(old) == place(new))
        });
        let outcome = if in_place {
            self.swap_in(changed, &texts)
        } else if !self.site.config.languages.is_empty() {
            // Pages move: the translations (kept by page index) are linked again by a whole build.
            return None;
        } else {
            self.relink(changed, &texts)
        };
        if matches!(outcome, Outcome::Pages { .. }) {
            // The edited files' warnings are now those of their new text.
            self.load_warnings.retain(|d| !edited_paths.contains(&d.path));
            self.load_warnings.extend(self.with_sources(problems, &texts));
            diagnostic::sort(&mut self.load_warnings);
            let published: Vec<String> = self.site.files.published().map(|f| f.rel_path.clone()).collect();
            let site = Arc::make_mut(&mut self.site);
            self.file_warnings = mark_files(site, &self.root);
            // A file newly used, or no longer used by any page, is published or withdrawn as
            // `build` would: the whole site is made again, with the files it publishes.
            if !self.site.files.published().map(|f| &f.rel_path).eq(published.iter()) {
                return None;
            }
        }
        Some(outcome)
    }

    /// Every warning of the site as it is now, the lint's included (it reads every source
    /// again); the closure may run on another thread while edits go on.
    pub fn warnings(&self) -> impl FnOnce() -> Vec<Diagnostic> + Send + 'static {
        let (site, root, mut warnings) = (self.site.clone(), self.root.clone(), self.load_warnings.clone());
        warnings.extend(self.file_warnings.iter().cloned());
        move || {
            warnings.extend(crate::check::lint_root(&root, &site, crate::CONTENT_PREFIX));
            diagnostic::sort(&mut warnings);
            warnings
        }
    }

    /// The fast path: the edited pages keep their place in the site (same title, order, tags,
    /// related pages), so they are swapped in where they were and only the link checks run again.
    fn swap_in(&mut self, changed: Vec<Page>, texts: &HashMap<String, String>) -> Outcome {
        let mut swapped = Vec::new();
        for page in changed {
            if let Some(i) = self.site.pages.iter().position(|p| p.source == page.source) {
                swapped.push((i, std::mem::replace(&mut Arc::make_mut(&mut self.site).pages[i], page)));
            }
        }
        let edited: Vec<usize> = swapped.iter().map(|(i, _)| *i).collect();
        let problems = crate::site::recheck(&self.site, &edited, CONTENT_PREFIX);
        if problems.iter().any(Diagnostic::is_error) {
            for (i, old) in swapped {
                Arc::make_mut(&mut self.site).pages[i] = old;
            }
            return Outcome::Failed(self.with_sources(problems, texts));
        }
        let mut dirty = BTreeSet::new();
        let mut shown_changed = BTreeSet::new();
        for (i, old) in &swapped {
            self.touch(*i, &mut dirty);
            if card(old) != card(&self.site.pages[*i]) {
                shown_changed.insert(*i);
            }
        }
        self.touch_showing(&shown_changed, &mut dirty);
        self.pending.clear();
        split(dirty, &edited)
    }

    /// Marks page `i`, its section's index and the home page for re-rendering.
    fn touch(&self, i: usize, dirty: &mut BTreeSet<usize>) {
        dirty.insert(i);
        if let Some(s) = self.site.links[i].section {
            dirty.insert(self.site.sections[s].index);
        }
        if let Some(home) = self.site.pages.iter().position(|p| p.kind == Kind::Home) {
            dirty.insert(home);
        }
    }

    /// Marks the pages that show something of the pages `shown` (their title, summary…): every
    /// page of their sections (neighbours, section navigation) and pages listing them as related.
    fn touch_showing(&self, shown: &BTreeSet<usize>, dirty: &mut BTreeSet<usize>) {
        if shown.is_empty() {
            return;
        }
        for &i in shown {
            if let Some(s) = self.site.links[i].section {
                dirty.extend(self.site.sections[s].pages.iter().copied());
            }
        }
        for (j, links) in self.site.links.iter().enumerate() {
            if links.related.iter().any(|r| shown.contains(r)) {
                dirty.insert(j);
            }
        }
    }

    /// Renders the pages `pages` of the current site.
    pub fn render(&self, pages: &[usize]) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        crate::render::render_pages(&self.site, &self.theme, &self.tera, pages)
    }

    fn reparse(&self, rel: &str, problems: &mut Vec<Diagnostic>, texts: &mut HashMap<String, String>) -> Change {
        let path = self.root.join("content").join(rel);
        let known = self.site.pages.iter().find(|p| p.source == rel);
        if !path.is_file() {
            return if known.is_some() {
                Change::Structural
            } else {
                Change::Gone
            };
        }
        let file = match crate::source::read_markdown(&path, rel, CONTENT_PREFIX) {
            Ok(file) => file,
            Err(d) => {
                problems.push(d);
                return Change::Gone;
            }
        };
        let words = crate::widgets::Words::new(&self.theme.strings_in(&self.site.config.language));
        let (page, mut found) = crate::parse::parse_one(
            &file,
            CONTENT_PREFIX,
            self.drafts,
            &self.targets,
            &self.site.files,
            &words,
        );
        texts.insert(rel.to_string(), file.text);
        problems.append(&mut found);
        match (page, known) {
            // New aliases are checked against every page, and old redirects must go: a whole build.
            (Some(new), Some(old)) if new.url != old.url || !same_aliases(&new, old) => Change::Structural,
            (Some(new), _) => Change::Page(Box::new(new)),
            (None, Some(_)) if problems.is_empty() => Change::Structural,
            (None, _) => Change::Gone,
        }
    }

    /// Puts the changed pages into the site, re-links it and renders what changed. On failure the
    /// last good site is put back.
    fn relink(&mut self, changed: Vec<Page>, texts: &HashMap<String, String>) -> Outcome {
        let old_sources: Vec<String> = self.site.pages.iter().map(|p| p.source.clone()).collect();
        let old_links = self.site.links.clone();
        let mut pages = std::mem::take(&mut Arc::make_mut(&mut self.site).pages);
        let mut previous: Vec<Option<Page>> = Vec::new();
        let mut problems = duplicate_urls(&pages, &changed);
        for page in changed.iter().cloned() {
            match pages.iter().position(|p| p.source == page.source) {
                Some(i) => previous.push(Some(std::mem::replace(&mut pages[i], page))),
                None => {
                    previous.push(None);
                    pages.push(page);
                }
            }
        }
        let config = self.site.config.clone();
        let (mut site, mut found) = crate::site::link(config.clone(), pages, CONTENT_PREFIX);
        site.files = self.site.files.clone();
        problems.append(&mut found);
        if problems.iter().any(Diagnostic::is_error) {
            let mut pages = site.pages;
            for (page, old) in changed.iter().zip(previous) {
                let at = pages.iter().position(|p| p.source == page.source);
                match (at, old) {
                    (Some(i), Some(old)) => pages[i] = old,
                    (Some(i), None) => drop(pages.remove(i)),
                    (None, _) => {}
                }
            }
            site = crate::site::link(config, pages, CONTENT_PREFIX).0;
            site.files = self.site.files.clone();
            self.site = Arc::new(site);
            return Outcome::Failed(self.with_sources(problems, texts));
        }
        let dirty = dependents(&site, &old_sources, &old_links, &changed, &previous);
        self.site = Arc::new(site);
        self.targets = targets_of(&self.site);
        self.pending.clear();
        let edited: Vec<usize> = changed
            .iter()
            .filter_map(|c| self.site.pages.iter().position(|p| p.source == c.source))
            .collect();
        split(dirty.into_iter().collect(), &edited)
    }

    /// Renders the site-wide files (tags, search, checklists, assets) of the site as it is now;
    /// the closure may run on another thread while edits go on.
    pub fn extras(&self) -> impl FnOnce() -> Result<Vec<OutputFile>, Vec<Diagnostic>> + Send + 'static {
        let (site, theme, tera) = (self.site.clone(), self.theme.clone(), self.tera.clone());
        move || {
            let mut files = crate::render::extras(&site, &theme, &tera)?;
            files.extend(crate::search::index(&site, &theme.strings_in(&site.config.language)));
            Ok(files)
        }
    }

    /// Attaches source lines: from the texts just read, else from the file on disk.
    fn with_sources(&self, mut problems: Vec<Diagnostic>, texts: &HashMap<String, String>) -> Vec<Diagnostic> {
        for d in &mut problems {
            let rel = d.path.strip_prefix(CONTENT_PREFIX).unwrap_or(&d.path).to_string();
            let text = texts
                .get(&rel)
                .cloned()
                .or_else(|| std::fs::read_to_string(self.root.join("content").join(&rel)).ok());
            if let Some(text) = text {
                d.attach_source(&text);
            }
        }
        diagnostic::sort(&mut problems);
        problems
    }
}

/// A changed page whose URL another page already has.
fn duplicate_urls(pages: &[Page], changed: &[Page]) -> Vec<Diagnostic> {
    changed
        .iter()
        .filter_map(|c| {
            let other = pages.iter().find(|p| p.url == c.url && p.source != c.source)?;
            Some(
                Diagnostic::error(
                    format!("{CONTENT_PREFIX}{}", c.source),
                    0,
                    0,
                    format!(
                        "duplicate slug \"{}\": {CONTENT_PREFIX}{} has it too",
                        c.slug, other.source
                    ),
                )
                .hint("give one of them a different file name or `slug:`"),
            )
        })
        .collect()
}

/// The pages whose output an edit can change: the edited pages, their section indexes and the home
/// page; every page whose neighbours or related pages changed; and, when what other pages show of
/// an edited page changed (title, summary, tags, order…), every page of its section and every page
/// that lists it as related.
fn dependents(
    site: &Site,
    old_sources: &[String],
    old_links: &[PageLinks],
    changed: &[Page],
    previous: &[Option<Page>],
) -> Vec<usize> {
    let index: HashMap<&str, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.as_str(), i))
        .collect();
    let old_index: HashMap<&str, usize> = old_sources.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    let mut dirty = BTreeSet::new();
    if let Some(home) = site.pages.iter().position(|p| p.kind == Kind::Home) {
        dirty.insert(home);
    }
    let mut shown_changed = BTreeSet::new();
    for (page, old) in changed.iter().zip(previous) {
        let i = index[page.source.as_str()];
        dirty.insert(i);
        if let Some(s) = site.links[i].section {
            dirty.insert(site.sections[s].index);
        }
        if old.as_ref().is_none_or(|old| card(old) != card(page)) {
            shown_changed.insert(i);
            if let Some(s) = site.links[i].section {
                dirty.extend(site.sections[s].pages.iter().copied());
            }
        }
    }
    let new_names: Vec<&str> = site.pages.iter().map(|p| p.source.as_str()).collect();
    let old_names: Vec<&str> = old_sources.iter().map(String::as_str).collect();
    for (i, links) in site.links.iter().enumerate() {
        if links.related.iter().any(|r| shown_changed.contains(r)) {
            dirty.insert(i);
            continue;
        }
        let before = old_index
            .get(new_names[i])
            .map(|&o| neighbours(&old_links[o], &old_names));
        if before.is_none_or(|before| before != neighbours(links, &new_names)) {
            dirty.insert(i);
        }
    }
    dirty.into_iter().collect()
}

/// The source paths of a page's neighbours and related pages.
fn neighbours<'a>(links: &PageLinks, names: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = [links.prev, links.next].iter().flatten().map(|&j| names[j]).collect();
    out.extend(links.related.iter().map(|&j| names[j]));
    out
}

fn split(dirty: BTreeSet<usize>, edited: &[usize]) -> Outcome {
    let others = dirty.into_iter().filter(|i| !edited.contains(i)).collect();
    Outcome::Pages {
        edited: edited.to_vec(),
        others,
    }
}

fn targets_of(site: &Site) -> LinkTargets {
    site.pages.iter().map(|p| (p.source.clone(), p.url.clone())).collect()
}

/// What decides a page's place in the site: while it is unchanged, linking again would give the
/// same order, sections, tags, neighbours and related pages.
fn place(page: &Page) -> String {
    serde_json::json!([
        page.kind,
        page.section,
        page.slug,
        page.url,
        page.title,
        page.weight,
        page.tags,
        page.related_sources,
        page.draft,
    ])
    .to_string()
}

/// What other pages show of a page: if this is unchanged, an edit touched only the page itself.
fn card(page: &Page) -> String {
    serde_json::json!([
        page.title,
        page.summary,
        page.url,
        page.tags,
        page.weight,
        page.reviewed,
        page.category,
        page.case_study,
        page.reading_minutes,
        page.extra,
    ])
    .to_string()
}
