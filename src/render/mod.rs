//! tera templates of the theme, per page, in parallel -> `Vec<OutputFile>`; writes nothing.

mod context;
mod feed;
pub(crate) mod inline;
mod jsonld;
mod listing;
mod pages;
pub mod paging;
mod redirect;
pub mod view;

use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::page::Page;
use crate::site::Site;
use crate::theme::Theme;
use context::{Job, Shared};
pub use pages::{render_each, Pages};
use rayon::prelude::*;
use view::{Link, SiteView, TagView};

/// Renders every page of `site` with `theme`, plus the generated pages and the theme's assets.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let tera = engine(theme, &site.config.language)?;
    let every_page: Vec<usize> = (0..site.pages.len()).collect();
    let mut files = render_pages(site, theme, &tera, &every_page)?;
    files.extend(extras(site, theme, &tera)?);
    Ok(files)
}

/// `extras` for a build: with the offline copies `build` wrote, each file handed to `each` (on a
/// worker thread) as soon as it is made. Returns what `each` returned.
pub fn extras_each<T: Send>(
    site: &Site,
    theme: &Theme,
    downloads: Vec<crate::export::Download>,
    each: impl Fn(OutputFile) -> T + Sync,
) -> Result<Vec<T>, Vec<Diagnostic>> {
    let tera = engine(theme, &site.config.language)?;
    let mut shared = shared(site, theme);
    shared.downloads = downloads;
    render_extras(&shared, theme, &tera, &each)
}

/// Renders the pages `site.pages[i]` for each `i` in `pages` alone, as `render` would:
/// `serve` re-renders only the pages an edit touches.
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    tera: &tera::Tera,
    pages: &[usize],
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let shared = shared(site, theme);
    collect(
        pages
            .par_iter()
            .map(|&i| render_one(&shared, tera, Job::Page(i), None, &|f| f))
            .collect(),
    )
}

/// Everything but the content pages: tag pages, search, checklists, 404, redirects, feeds and
/// assets.
/// `serve` refreshes these after each edit.
pub fn extras(site: &Site, theme: &Theme, tera: &tera::Tera) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    render_extras(&shared(site, theme), theme, tera, &|f| f)
}

/// `extras`, each file handed to `each` as it is made.
fn render_extras<T: Send>(
    shared: &Shared,
    theme: &Theme,
    tera: &tera::Tera,
    each: &(impl Fn(OutputFile) -> T + Sync),
) -> Result<Vec<T>, Vec<Diagnostic>> {
    let mut jobs = other_jobs(shared);
    if !shared.downloads.is_empty() {
        jobs.push(Job::Offline);
    }
    let mut done = collect(
        jobs.par_iter()
            .map(|&job| render_one(shared, tera, job, None, each))
            .collect(),
    )?;
    done.extend(redirect::render(shared.site, tera)?.into_iter().map(each));
    done.extend(outside_templates(shared.site, theme).into_iter().map(each));
    Ok(done)
}

/// One output page; `own` is the content page of `Job::Page`, with its body, when the site does
/// not hold that body (a build renders each page right after its Markdown).
fn render_one<T>(
    shared: &Shared,
    tera: &tera::Tera,
    job: Job,
    own: Option<&Page>,
    each: &impl Fn(OutputFile) -> T,
) -> Result<T, Box<Diagnostic>> {
    let (path, template, ctx) = shared.context(job, own);
    let failed = |e: tera::Error| Box::new(template_error(&template, &e));
    let context = ctx.into_tera(&shared.site_value, &shared.tags_pages).map_err(failed)?;
    let html = tera.render(&template, &context).map_err(failed)?;
    Ok(each(OutputFile::new(path, html)))
}

/// The results in order, or every problem if any page failed.
fn collect<T>(rendered: Vec<Result<T, Box<Diagnostic>>>) -> Result<Vec<T>, Vec<Diagnostic>> {
    let (done, problems): (Vec<_>, Vec<_>) = rendered.into_iter().partition(Result::is_ok);
    if !problems.is_empty() {
        return Err(problems.into_iter().filter_map(|r| r.err().map(|d| *d)).collect());
    }
    Ok(done.into_iter().filter_map(Result::ok).collect())
}

pub use feed::sitemap_of_all;

/// The theme's assets, and the sitemap and feed when `base_url` is set. A handbook in several
/// languages has one sitemap for them all (`sitemap_of_all`), written beside them.
fn outside_templates(site: &Site, theme: &Theme) -> Vec<OutputFile> {
    let mut files = crate::theme::assets_in(&theme.assets, &site.config.language);
    if let Some(base) = site.config.base() {
        if site.translations.home.len() < 2 {
            files.push(feed::sitemap(site, &base));
        }
        files.push(feed::atom(site, &base));
    }
    files
}

/// Every output page but the content pages (and the first pages of section indexes, which are
/// content pages), in a fixed order.
fn other_jobs(shared: &Shared) -> Vec<Job> {
    let site = shared.site;
    let pages = |len: usize| 1..=paging::count(len, shared.page_size);
    let mut jobs: Vec<Job> = site
        .sections
        .iter()
        .flat_map(|s| {
            pages(s.pages.len())
                .skip(1)
                .map(|number| Job::SectionPage { index: s.index, number })
        })
        .collect();
    jobs.extend(pages(site.tags.len()).map(Job::TagsIndex));
    for (tag, t) in site.tags.iter().enumerate() {
        jobs.extend(pages(t.pages.len()).map(|number| Job::Tag { tag, number }));
    }
    jobs.push(Job::Search);
    jobs.extend(pages(shared.checklists.len()).map(Job::Checklists));
    jobs.push(Job::NotFound);
    jobs
}

fn shared<'a>(site: &'a Site, theme: &Theme) -> Shared<'a> {
    let config = &site.config;
    let view = site_view(site, theme);
    let tags = TagView::all(&site.tags);
    let page_size = config.page_size.max(1);
    let strings = theme.strings_in(&config.language);
    Shared {
        site,
        // Built once: every page's context shares these by reference count instead of copying them.
        site_value: tera::Value::from_serializable(&view),
        tags_pages: (1..=paging::count(tags.len(), page_size))
            .map(|n| tera::Value::from_serializable(&tags[paging::slice(n, tags.len(), page_size)]))
            .collect(),
        tags,
        checklists: listing::checklist_refs(site),
        categories: listing::faq_categories(site, strings.word("other_questions")),
        page_size,
        base: config.base(),
        inline: inline::Inline::from_assets(&theme.assets, config.base_url.is_none()),
        downloads: Vec::new(),
        strings,
    }
}

/// What every template sees as `site`.
pub fn site_view<'a>(site: &'a Site, theme: &Theme) -> SiteView<'a> {
    let config = &site.config;
    let url_of = |source: &str| site.pages.iter().find(|p| p.source == source).map(|p| p.url.as_str());
    SiteView {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        direction: crate::i18n::direction(&config.language),
        exit_url: &config.exit_url,
        help_url: url_of(&config.help_page),
        safety_url: url_of(&config.safety_page),
        safety_article_url: url_of(&config.safety_article),
        storage_keys: view::STORAGE_KEYS,
        sections: site.sections.iter().map(|s| Link::to(&site.pages[s.index])).collect(),
        search_js: theme.assets.iter().any(|a| a.path == "assets/search.js"),
        feed: config.base_url.is_some(),
        offline: !config.exports.is_empty(),
    }
}

/// One output page's `main` block, for exports, which give pages chrome of their own.
pub struct Fragment {
    /// The page's address on the site, e.g. `articles/space-first.html`.
    pub url: String,
    pub title: String,
    pub html: String,
}

/// Every content page (in navigation order), then, with `generated`, the tags, search and
/// checklists pages, rendered by the theme's own templates with `base` standing in for
/// `base.html`. Links stay as the site has them (relative to each page's `url`).
pub fn fragments(site: &Site, theme: &Theme, base: &str, generated: bool) -> Result<Vec<Fragment>, Vec<Diagnostic>> {
    let mut templates = theme.templates.clone();
    templates.retain(|(n, _)| n != "base.html");
    templates.push(("base.html".into(), base.into()));
    let tera = engine(
        &Theme {
            templates,
            assets: Vec::new(),
            strings: theme.strings.clone(),
        },
        &site.config.language,
    )?;
    let shared = shared(site, theme);
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    if generated {
        jobs.extend(other_jobs(&shared).into_iter().filter(|&j| j != Job::NotFound));
    }
    let one = |&job: &Job| {
        let (url, template, ctx) = shared.context(job, None);
        let title = ctx.page.title.to_string();
        let failed = |e: tera::Error| Box::new(template_error(&template, &e));
        let context = ctx.into_tera(&shared.site_value, &shared.tags_pages).map_err(failed)?;
        let html = tera.render(&template, &context).map_err(failed)?;
        Ok(Fragment { url, title, html })
    };
    collect(jobs.par_iter().map(one).collect())
}

/// The template engine with the theme's templates and its interface strings in `language`,
/// built once and reused for every page.
pub fn engine(theme: &Theme, language: &str) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    crate::i18n::register(&mut tera, theme.strings_in(language));
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(theme.templates.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| vec![template_error("templates", &e)])?;
    Ok(tera)
}

/// tera's default also escapes `/`, which is safe but turns every relative URL into `&#x2F;`s.
/// Runs of safe text are copied whole: this runs on every variable of every page.
pub(crate) fn escape_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&text.as_bytes()[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&text.as_bytes()[start..])
}

fn template_error(name: &str, err: &tera::Error) -> Diagnostic {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    Diagnostic::error(format!("templates/{name}"), 0, 0, message)
}

#[cfg(test)]
pub(crate) mod tests;
