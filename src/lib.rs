//! `handbook`: a static-site generator for guidance handbooks. The pipeline, top to bottom:
//! load -> parse -> link -> render -> index -> write. The library never prints.

// Diagnostics travel by value on error paths only; boxing them would add noise for no speed.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod config;
pub mod diagnostic;
pub mod frontmatter;
pub mod markdown;
pub mod output;
pub mod page;
pub mod parse;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod theme;
pub mod widgets;

use diagnostic::Diagnostic;
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
    pub render: Duration,
    pub index: Duration,
    pub write: Duration,
}

/// A finished build: what was written and the warnings found on the way.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
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
    let start = Instant::now();
    let config = config::load(root)?;
    let (sources, mut problems) = source::load(&root.join("content"), CONTENT_PREFIX);
    timings.load = start.elapsed();
    let start = Instant::now();
    let (pages, mut found) = parse::parse(&sources.files, CONTENT_PREFIX, drafts);
    problems.append(&mut found);
    timings.parse = start.elapsed();
    let start = Instant::now();
    let (site, mut found) = site::link(config, pages, CONTENT_PREFIX);
    problems.append(&mut found);
    timings.link = start.elapsed();
    attach_sources(&mut problems, &sources.files);
    diagnostic::sort(&mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    Ok((site, problems))
}

/// The whole build: the site is rendered, indexed and swapped into `options.out` atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let mut timings = Timings::default();
    let (site, warnings) = load_site(&options.root, options.drafts, &mut timings).map_err(Error::Content)?;
    let start = Instant::now();
    let theme = theme::load(&options.root).map_err(Error::Content)?;
    let mut files = render::render(&site, &theme).map_err(Error::Content)?;
    timings.render = start.elapsed();
    let start = Instant::now();
    files.extend(search::index(&site));
    timings.index = start.elapsed();
    let start = Instant::now();
    output::write(&options.out, &files).map_err(|e| Error::Io(format!("{}: {e}", options.out.display())))?;
    timings.write = start.elapsed();
    Ok(BuildReport {
        pages: site.pages.len(),
        files: files.len(),
        warnings,
        timings,
    })
}

fn attach_sources(problems: &mut [Diagnostic], files: &[source::SourceFile]) {
    for d in problems.iter_mut() {
        let rel = d.path.strip_prefix(CONTENT_PREFIX).unwrap_or(&d.path);
        if let Some(file) = files.iter().find(|f| f.rel_path == rel) {
            d.attach_source(&file.text);
        }
    }
}
