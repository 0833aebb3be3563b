//! `handbook`: a static-site generator for guidance handbooks. The pipeline, top to bottom:
//! load -> parse -> link -> render -> index -> write. The library never prints.

// Diagnostics travel by value on error paths only; boxing them would add noise for no speed.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod config;
pub mod diagnostic;
pub mod export;
pub mod files;
pub mod frontmatter;
pub mod i18n;
pub mod languages;
pub mod markdown;
pub mod output;
pub mod page;
pub mod parse;
pub mod readability;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod source;
pub mod theme;
pub mod widgets;

use diagnostic::Diagnostic;
use languages::Edition;
pub use output::Overwrite;
use output::Protected;
use rayon::prelude::*;
use site::Site;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How `content/` is named in diagnostics.
pub const CONTENT_PREFIX: &str = "content/";

#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The handbook's folder: `handbook.yaml`, `content/`, optional `templates/`.
    pub root: PathBuf,
    /// Where the site goes; replaced whole, and only if the build succeeds.
    pub out: PathBuf,
    pub drafts: bool,
}

/// Time spent in each stage of the last build.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    pub load: Duration,
    pub parse: Duration,
    pub link: Duration,
    /// Templates and writing every page, wall time; the search index is built meanwhile.
    pub render: Duration,
    /// Building the search index, which runs beside `render` (so it is not added to the total).
    pub index: Duration,
    pub write: Duration,
    /// The editorial lint at the end of the build (what `check` also warns about).
    pub lint: Duration,
}

/// A finished build: what was written and the warnings found on the way.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    /// The files of `content/` copied into the site (images, PDFs, …): each one's output path
    /// (its path under `content/`) and where it was copied from, for `serve` to serve and watch.
    pub content_files: Vec<files::ContentFile>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

#[derive(Debug)]
pub enum Error {
    /// Problems in the handbook's files, every one found, sorted.
    Content(Vec<Diagnostic>),
    /// The output could not be written.
    Io(String),
}

/// load -> parse -> link: the whole site in memory and every problem found in its sources.
/// Errors fail the load; warnings come back beside the site.
pub fn load_site(root: &Path, drafts: bool, timings: &mut Timings) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (site, problems) = load_site_with_errors(root, drafts, timings)?;
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok((site, problems))
}

/// load -> parse -> link, keeping the site even when its sources have errors (a page with broken
/// front matter is a stub in it), so `check` can lint it too. Fails only on the configuration.
/// Only the default language: see `load_editions` for all of them.
pub fn load_site_with_errors(
    root: &Path,
    drafts: bool,
    timings: &mut Timings,
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config = config::load(root)?;
    Ok(load_edition_with_errors(
        root,
        &Edition::DEFAULT,
        &config,
        drafts,
        timings,
    ))
}

/// One language of the handbook whose configuration is `handbook`, loaded as
/// `load_site_with_errors` loads the default one: every problem found, the site kept.
pub fn load_edition_with_errors(
    root: &Path,
    edition: &Edition,
    handbook: &config::Config,
    drafts: bool,
    timings: &mut Timings,
) -> (Site, Vec<Diagnostic>) {
    let front = load_front(root, edition, edition.config(handbook), drafts, timings);
    let start = Instant::now();
    let loaded = with_bodies(front, root);
    timings.parse += start.elapsed();
    loaded
}

/// Every language of the handbook, each loaded as a site of its own, its translations marked
/// stale where they are; errors in any language fail the load.
pub fn load_editions(
    root: &Path,
    drafts: bool,
    timings: &mut Timings,
) -> Result<(languages::Editions, Vec<Diagnostic>), Vec<Diagnostic>> {
    let config = config::load(root)?;
    let mut sites = Vec::new();
    let mut problems = Vec::new();
    for edition in languages::editions(&config) {
        let front = load_front(root, &edition, edition.config(&config), drafts, timings);
        let (site, mut found) = with_bodies(front, root);
        problems.append(&mut found);
        sites.push((edition, site));
    }
    let pairs: Vec<(&Edition, &Site)> = sites.iter().map(|(e, s)| (e, s)).collect();
    problems.extend(languages::stale(root, &pairs));
    diagnostic::sort(&mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok((sites, problems))
}

/// Every page's Markdown rendered into the site, then `checked`. Widgets write their words in
/// the site's language, from the same tables the theme's load reads (and reports problems in).
fn with_bodies(mut front: Front, root: &Path) -> (Site, Vec<Diagnostic>) {
    let (bodies, mut found) = parse::bodies(front.markdown, &front.targets, &front.site.files, &front.words);
    front.site.set_bodies(bodies);
    front.problems.append(&mut found);
    checked(front.site, front.problems, root, &front.prefix)
}

/// A site whose pages' front matter is read and linked, each page's Markdown still to render.
struct Front {
    site: Site,
    /// `markdown[i]` is the Markdown of `site.pages[i]`.
    markdown: Vec<Option<parse::Markdown>>,
    targets: markdown::LinkTargets,
    problems: Vec<Diagnostic>,
    /// Where the language's pages are: `content/`, or `content/fr/` for a further language.
    prefix: String,
    /// What widgets write and straight quotes become, in the language.
    words: widgets::Words,
}

/// load -> front matter -> link: the site's structure (order, sections, tags, neighbours),
/// every page's body still empty: one language's pages, with `config` set for that language.
fn load_front(root: &Path, edition: &Edition, config: config::Config, drafts: bool, timings: &mut Timings) -> Front {
    let start = Instant::now();
    let prefix = edition.content_prefix();
    let (mut sources, mut problems) = source::load(&root.join(&prefix), &prefix);
    sources.files.retain(|f| !languages::is_elsewhere(&config, &f.rel_path));
    sources
        .assets
        .retain(|a| !languages::is_elsewhere(&config, &a.rel_path));
    timings.load += start.elapsed();
    let start = Instant::now();
    let files = files::ContentFiles::read(&sources.assets);
    let layers = i18n::layers_or_embedded(root, config.theme.as_deref());
    let words = widgets::Words::new(&i18n::Strings::resolve(&layers, &config.language).0);
    let mut front = parse::front(sources.files, &prefix, drafts, &words);
    problems.append(&mut front.problems);
    timings.parse += start.elapsed();
    let start = Instant::now();
    problems.extend(config.check_linked_pages(&prefix, |source| front.pages.iter().any(|p| p.source == source)));
    let (mut site, mut found) = site::structure(config, front.pages, &prefix);
    problems.append(&mut found);
    site.files = files;
    let markdown = parse::in_order(front.markdown, &site.pages);
    timings.link += start.elapsed();
    Front {
        site,
        markdown,
        targets: front.targets,
        problems,
        prefix,
        words,
    }
}

/// The checks that need every page's body (anchors, checklist ids, the files pages use), then
/// every problem with its source line, sorted.
fn checked(mut site: Site, mut problems: Vec<Diagnostic>, root: &Path, prefix: &str) -> (Site, Vec<Diagnostic>) {
    problems.extend(site::check_bodies(&site, prefix));
    let broken = problems.iter().any(Diagnostic::is_error);
    let max_image_kb = site.config.max_image_kb;
    problems.extend(files::mark_used(
        &mut site.files,
        &site.pages,
        max_image_kb,
        broken,
        prefix,
    ));
    attach_sources(&mut problems, root);
    diagnostic::sort(&mut problems);
    (site, problems)
}

/// The whole build: the site is rendered, indexed and swapped into `options.out` atomically.
/// Only an absent or empty folder, or an earlier output, is replaced (see `build_with`).
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    build_with(options, Overwrite::OutputsOnly)
}

/// The whole build, replacing what `overwrite` allows: never the handbook's own folders (its
/// root, `content/`, `templates/`, its theme folder, nor a folder above one of them). The output
/// folder is locked for the whole build, and first put right if a killed build left it missing.
/// The site is linked from front matter alone; then each page is rendered and written right
/// after its Markdown (`timings.render` is both), so no page's HTML is held beyond its file; the
/// search index is built while the generated pages render (`timings.index`, within `write`'s).
/// The output folder is swapped in only once every file is written, and never if any problem
/// was found.
pub fn build_with(options: &BuildOptions, overwrite: Overwrite) -> Result<BuildReport, Error> {
    let claim = output::Claim::take(&options.out, &protected_folders(&options.root), overwrite).map_err(Error::Io)?;
    let mut notes = output::recover(&claim);
    let mut timings = Timings::default();
    let config = config::load(&options.root).map_err(|p| failed(&mut notes, p))?;
    let mut fronts = Vec::new();
    for edition in languages::editions(&config) {
        let front = load_front(
            &options.root,
            &edition,
            edition.config(&config),
            options.drafts,
            &mut timings,
        );
        fronts.push((edition, front));
    }
    let theme = match theme::load_with(&options.root, config.theme.as_deref()) {
        Ok(theme) => theme,
        // Every problem is reported together: the content's too.
        Err(found) => {
            let content = fronts.into_iter().flat_map(|(_, f)| with_bodies(f, &options.root).1);
            return Err(failed(&mut notes, content.chain(found).collect()));
        }
    };
    let mut stale = link_editions(&mut fronts, &theme, &options.root);
    let io_error = |e: std::io::Error| Error::Io(format!("{}: {e}", options.out.display()));
    let staging = output::Staging::begin(claim).map_err(io_error)?;
    let mut report = BuildReport {
        pages: 0,
        files: 0,
        content_files: Vec::new(),
        warnings: Vec::new(),
        timings,
    };
    let mut warnings = Vec::new();
    let mut sites = Vec::new();
    for (edition, front) in fronts {
        let (site, mut found) = write_edition(front, &edition.out_prefix(), &theme, &staging, options, &mut report)?;
        warnings.append(&mut found);
        sites.push((edition, site));
    }
    warnings.append(&mut stale);
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(failed(&mut notes, warnings));
    }
    if let (Some(base), true) = (config.base(), sites.len() > 1) {
        let folders: Vec<String> = sites.iter().map(|(e, _)| e.out_prefix()).collect();
        let all: Vec<(&str, &Site)> = folders
            .iter()
            .map(String::as_str)
            .zip(sites.iter().map(|(_, s)| s))
            .collect();
        staging.put(&render::sitemap_of_all(&all, &base)).map_err(io_error)?;
        report.files += 1;
    }
    let start = Instant::now();
    let cleanup = staging.finish().map_err(io_error)?;
    report.timings.write += start.elapsed();
    let shown = options.out.display().to_string();
    notes.extend(cleanup.map(|why| Diagnostic::warning(shown, 0, 0, why)));
    notes.append(&mut warnings);
    let start = Instant::now();
    for (edition, site) in &sites {
        notes.append(&mut check::lint_root(&options.root, site, &edition.content_prefix()));
    }
    report.timings.lint = start.elapsed();
    report.warnings = notes;
    Ok(report)
}

/// Links each language's pages to their translations, and finds the stale ones.
fn link_editions(fronts: &mut [(Edition, Front)], theme: &theme::Theme, root: &Path) -> Vec<Diagnostic> {
    let sites: Vec<(&Edition, &Site)> = fronts.iter().map(|(e, f)| (e, &f.site)).collect();
    let stale = languages::stale(root, &sites);
    let translations = languages::link(&sites, &languages::names(&sites, theme));
    for ((_, front), translations) in fronts.iter_mut().zip(translations) {
        front.site.translations = translations;
    }
    stale
}

/// One language's site, written into `staging` under `prefix` unless it has errors: the site,
/// and the problems found. Each page is rendered and written right after its Markdown
/// (`timings.render` is both); the search index is built while the generated pages render.
fn write_edition(
    front: Front,
    prefix: &str,
    theme: &theme::Theme,
    staging: &output::Staging,
    options: &BuildOptions,
    report: &mut BuildReport,
) -> Result<(Site, Vec<Diagnostic>), Error> {
    let io_error = |e: std::io::Error| Error::Io(format!("{}: {e}", options.out.display()));
    let start = Instant::now();
    let (site, mut warnings, pages) = write_pages(front, theme, staging, &options.root, prefix);
    warnings.extend(i18n::Strings::resolve(&theme.strings, &site.config.language).1);
    if warnings.iter().any(Diagnostic::is_error) {
        return Ok((site, warnings));
    }
    report.files += pages.len();
    pages.into_iter().collect::<Result<(), _>>().map_err(io_error)?;
    report.timings.render += start.elapsed();
    let start = Instant::now();
    let (more, index_time) = write_rest(&site, theme, staging, options, prefix)?;
    report.files += more.len;
    report.content_files.extend(more.content_files);
    report.timings.write += start.elapsed();
    report.timings.index += index_time;
    report.pages += site.pages.len();
    Ok((site, warnings))
}

/// The notes so far and `problems`, sorted, as the error of a failed build.
fn failed(notes: &mut Vec<Diagnostic>, mut problems: Vec<Diagnostic>) -> Error {
    diagnostic::sort(&mut problems);
    notes.append(&mut problems);
    Error::Content(std::mem::take(notes))
}

/// Markdown -> render -> write, page by page: the site with every page's body (without its HTML
/// unless an export needs it), every problem found, and each page's write. Pages are written
/// only while no error is known; the checks that need every body come after.
fn write_pages(
    front: Front,
    theme: &theme::Theme,
    staging: &output::Staging,
    root: &Path,
    prefix: &str,
) -> (Site, Vec<Diagnostic>, Vec<std::io::Result<()>>) {
    let Front {
        mut site,
        markdown,
        targets,
        mut problems,
        prefix: content_prefix,
        ..
    } = front;
    let modes = (
        !problems.iter().any(Diagnostic::is_error),
        !site.config.exports.is_empty(),
    );
    let mut pages = render::render_each(&site, theme, markdown, &targets, modes, |file| {
        staging.put(&file.under(prefix))
    });
    site.set_bodies(pages.bodies);
    problems.append(&mut pages.problems);
    let (site, problems) = checked(site, problems, root, &content_prefix);
    (site, problems, pages.written)
}

/// What `write_rest` wrote: how many files, and which of them are files of `content/`.
struct Rest {
    len: usize,
    content_files: Vec<files::ContentFile>,
}

/// Everything but the content pages: offline copies, generated pages, the search index (built
/// meanwhile, its time returned) and the files of `content/` that pages use.
fn write_rest(
    site: &Site,
    theme: &theme::Theme,
    staging: &output::Staging,
    options: &BuildOptions,
    prefix: &str,
) -> Result<(Rest, Duration), Error> {
    let io_error = |e: std::io::Error| Error::Io(format!("{}: {e}", options.out.display()));
    let content = options.root.join(format!("{CONTENT_PREFIX}{prefix}"));
    let (download_files, downloads) = export::downloads(site, theme, &content).map_err(Error::Content)?;
    // Generated pages mostly wait for files to be created: the index is work for the cores meanwhile.
    let (written, (index, index_time)) = rayon::join(
        || render::extras_each(site, theme, downloads, |file| staging.put(&file.under(prefix))),
        || {
            let start = Instant::now();
            let strings = theme.strings_in(&site.config.language);
            (search::index(site, &strings), start.elapsed())
        },
    );
    let written = written.map_err(Error::Content)?;
    let mut len = written.len() + index.len() + download_files.len();
    written.into_iter().collect::<Result<(), _>>().map_err(io_error)?;
    let under = |files: Vec<output::OutputFile>| files.into_iter().map(|f| f.under(prefix)).collect::<Vec<_>>();
    output::put_all(staging, &under(index)).map_err(io_error)?;
    let content_files: Vec<files::ContentFile> = site.files.published().map(|f| f.under(prefix)).collect();
    len += content_files.len();
    content_files
        .par_iter()
        .try_for_each(|f| staging.copy(&f.rel_path, &f.path, &options.root))
        .map_err(io_error)?;
    output::put_all(staging, &under(download_files)).map_err(io_error)?;
    Ok((Rest { len, content_files }, index_time))
}

/// One offline copy of the handbook at `root` in `format`, and the warnings met on the way.
pub fn export_to(root: &Path, format: export::ExportFormat, drafts: bool) -> Result<(Vec<u8>, Vec<Diagnostic>), Error> {
    export::language_copy(root, format, drafts, None)
}

/// The folders a build must never replace: the handbook's own, and the one it is run from.
fn protected_folders(root: &Path) -> Vec<Protected> {
    let folder = |path: PathBuf, what: &str, inside_too: bool| Protected {
        path,
        what: what.to_string(),
        inside_too,
    };
    let mut protected = vec![
        folder(root.to_path_buf(), "the handbook's root folder", false),
        folder(root.join("content"), "the handbook's content/ folder", true),
        folder(root.join("templates"), "the handbook's templates/ folder", true),
    ];
    // A broken handbook.yaml is reported by the load; here only its theme matters.
    if let Some(theme) = config::load(root).ok().and_then(|c| c.theme) {
        protected.push(folder(root.join(theme), "the handbook's theme folder", true));
    }
    if let Ok(here) = std::env::current_dir() {
        protected.push(folder(here, "the folder the build was started from", false));
    }
    protected
}

/// Gives each diagnostic about a content file the window of its line, read again: only files
/// with problems are read, so the build need not keep every text until the end. Each file is
/// read, and its lines found, once however many diagnostics it has; a file that resolves
/// outside the handbook (a refused link) is never read.
fn attach_sources(problems: &mut [Diagnostic], root: &Path) {
    let content = root.join("content");
    let mut by_file: Vec<&mut Diagnostic> = problems.iter_mut().filter(|d| d.line > 0).collect();
    by_file.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    let mut rest = by_file.as_mut_slice();
    while let Some(first) = rest.first() {
        let path = first.path.clone();
        let run = rest.iter().take_while(|d| d.path == path).count();
        let (group, later) = rest.split_at_mut(run);
        rest = later;
        let Some(rel) = path.strip_prefix(CONTENT_PREFIX) else {
            continue;
        };
        let file = content.join(rel);
        if !source::is_inside(&file, root) {
            continue;
        }
        let Some(text) = std::fs::read_to_string(&file).ok().map(source::normalise) else {
            continue;
        };
        let lines = diagnostic::SourceLines::new(&text);
        for d in group {
            lines.attach(d);
        }
    }
}
