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
    load_edition(root, &Edition::DEFAULT, config, drafts, timings)
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
        match load_edition(root, &edition, edition.config(&config), drafts, timings) {
            Ok((site, mut found)) => {
                problems.append(&mut found);
                sites.push((edition, site));
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    problems.extend(languages::stale(root, &sites));
    diagnostic::sort(&mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok((sites, problems))
}

/// load -> parse -> link of one language's pages, with `config` set for that language.
fn load_edition(
    root: &Path,
    edition: &Edition,
    config: config::Config,
    drafts: bool,
    timings: &mut Timings,
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let start = Instant::now();
    let prefix = edition.content_prefix();
    let (mut sources, mut problems) = source::load(&root.join(&prefix), &prefix);
    sources.files.retain(|f| !languages::is_elsewhere(&config, &f.rel_path));
    sources
        .assets
        .retain(|a| !languages::is_elsewhere(&config, &a.rel_path));
    timings.load += start.elapsed();
    let start = Instant::now();
    let mut files = files::ContentFiles::read(&sources.assets);
    let (pages, mut found) = parse::parse(sources.files, &files, &prefix, drafts);
    problems.append(&mut found);
    timings.parse += start.elapsed();
    let start = Instant::now();
    problems.extend(config.check_linked_pages(|source| pages.iter().any(|p| p.source == source)));
    let max_image_kb = config.max_image_kb;
    let (mut site, mut found) = site::link(config, pages, &prefix);
    problems.append(&mut found);
    let broken = problems.iter().any(Diagnostic::is_error);
    problems.extend(files::mark_used(&mut files, &site.pages, max_image_kb, broken, &prefix));
    site.files = files;
    timings.link += start.elapsed();
    attach_sources(&mut problems, root);
    diagnostic::sort(&mut problems);
    Ok((site, problems))
}

/// The whole build: the site is rendered, indexed and swapped into `options.out` atomically.
/// Only an absent or empty folder, or an earlier output, is replaced (see `build_with`).
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    build_with(options, Overwrite::OutputsOnly)
}

/// The whole build, replacing what `overwrite` allows: never the handbook's own folders (its
/// root, `content/`, `templates/`, its theme folder, nor a folder above one of them). The output
/// folder is locked for the whole build, and first put right if a killed build left it missing.
/// Each language is built into the staging folder in turn (see `write_edition`); the output
/// folder is swapped in only once every file of every language is written.
pub fn build_with(options: &BuildOptions, overwrite: Overwrite) -> Result<BuildReport, Error> {
    let claim = output::Claim::take(&options.out, &protected_folders(&options.root), overwrite).map_err(Error::Io)?;
    let mut notes = output::recover(&claim);
    let mut timings = Timings::default();
    let (mut sites, mut warnings) = match load_editions(&options.root, options.drafts, &mut timings) {
        Ok(loaded) => loaded,
        Err(mut problems) => {
            notes.append(&mut problems);
            return Err(Error::Content(notes));
        }
    };
    let io_error = |e: std::io::Error| Error::Io(format!("{}: {e}", options.out.display()));
    let theme = theme::load_with(&options.root, sites[0].1.config.theme.as_deref()).map_err(Error::Content)?;
    let mut names = Vec::new();
    for (_, site) in &sites {
        let (strings, mut found) = i18n::Strings::resolve(&theme.strings, &site.config.language);
        warnings.append(&mut found);
        names.push(strings.word("language_name").to_string());
    }
    languages::link(&mut sites, &names);
    let staging = output::Staging::begin(claim).map_err(io_error)?;
    let mut report = BuildReport {
        pages: 0,
        files: 0,
        content_files: Vec::new(),
        warnings: Vec::new(),
        timings,
    };
    for (edition, site) in &mut sites {
        write_edition(options, &staging, &edition.out_prefix(), site, &theme, &mut report)?;
    }
    let start = Instant::now();
    let cleanup = staging.finish().map_err(io_error)?;
    report.timings.write += start.elapsed();
    let shown = options.out.display().to_string();
    notes.extend(cleanup.map(|why| Diagnostic::warning(shown, 0, 0, why)));
    notes.append(&mut warnings);
    notes.append(&mut check::lint_root(&options.root, &sites[0].1));
    report.warnings = notes;
    Ok(report)
}

/// One language's site, rendered, indexed and written into `staging` under `prefix`. Pages are
/// written as they render (so `timings.render` includes writing them) while the search index
/// is built beside them (`timings.index` is its own time, within `render`'s).
fn write_edition(
    options: &BuildOptions,
    staging: &output::Staging,
    prefix: &str,
    site: &mut Site,
    theme: &theme::Theme,
    report: &mut BuildReport,
) -> Result<(), Error> {
    let io_error = |e: std::io::Error| Error::Io(format!("{}: {e}", options.out.display()));
    let start = Instant::now();
    // Exports need every page's body, which the render below takes away.
    let (download_files, downloads) = export::downloads(site, theme, &options.root).map_err(Error::Content)?;
    let bodies = site.take_bodies();
    // The index is built while pages render: on a disk, rendering mostly waits for files to be
    // created, and the index is work for the cores meanwhile.
    let (written, (index, index_time)) = rayon::join(
        || render::render_each(site, bodies, theme, downloads, |file| staging.put(&file.under(prefix))),
        || {
            let start = Instant::now();
            (search::index(site), start.elapsed())
        },
    );
    let written = written.map_err(Error::Content)?;
    report.files += written.len() + index.len() + download_files.len();
    written.into_iter().collect::<Result<(), _>>().map_err(io_error)?;
    report.timings.render += start.elapsed();
    report.timings.index += index_time;
    let start = Instant::now();
    let under = |files: Vec<output::OutputFile>| files.into_iter().map(|f| f.under(prefix)).collect::<Vec<_>>();
    output::put_all(staging, &under(index)).map_err(io_error)?;
    let content_files: Vec<files::ContentFile> = site.files.published().map(|f| f.under(prefix)).collect();
    content_files
        .par_iter()
        .try_for_each(|f| staging.copy(&f.rel_path, &f.path, &options.root))
        .map_err(io_error)?;
    output::put_all(staging, &under(download_files)).map_err(io_error)?;
    report.timings.write += start.elapsed();
    report.pages += site.pages.len();
    report.files += content_files.len();
    report.content_files.extend(content_files);
    Ok(())
}

/// One offline copy of the handbook at `root` in `format`, and the warnings met on the way.
pub fn export_to(root: &Path, format: export::ExportFormat, drafts: bool) -> Result<(Vec<u8>, Vec<Diagnostic>), Error> {
    let (site, warnings) = load_site(root, drafts, &mut Timings::default()).map_err(Error::Content)?;
    let theme = theme::load_with(root, site.config.theme.as_deref()).map_err(Error::Content)?;
    let bytes = export::export(&site, &theme, root, format).map_err(Error::Content)?;
    Ok((bytes, warnings))
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
