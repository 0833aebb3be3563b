//! tera templates of the theme, per page, in parallel -> `Vec<OutputFile>`; writes nothing.

use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::page::Page;
use crate::site::Site;
use crate::theme::Theme;
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct PageContext<'a> {
    site: &'a SiteContext<'a>,
    page: &'a Page,
    root: String,
}

/// Renders every page of `site` with `theme`.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let tera = engine(theme)?;
    let rendered: Vec<Result<OutputFile, Diagnostic>> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| render_page(site, &tera, i))
        .collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for r in rendered {
        match r {
            Ok(f) => files.push(f),
            Err(d) => problems.push(d),
        }
    }
    match extras(site, &tera, theme) {
        Ok(mut more) => files.append(&mut more),
        Err(mut p) => problems.append(&mut p),
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Renders the page `site.pages[index]` alone; `serve` re-renders only the pages an edit touches.
pub fn render_page(site: &Site, tera: &tera::Tera, index: usize) -> Result<OutputFile, Diagnostic> {
    let page = &site.pages[index];
    let site_ctx = SiteContext {
        title: &site.config.title,
        language: &site.config.language,
    };
    let ctx = PageContext {
        site: &site_ctx,
        page,
        root: page.root(),
    };
    let context = tera::Context::from_serialize(&ctx).map_err(|e| template_error("page.html", &e))?;
    let html = tera
        .render("page.html", &context)
        .map_err(|e| template_error("page.html", &e))?;
    Ok(OutputFile::new(page.url.clone(), html))
}

/// Every file that is not one page's own: assets, and the site-wide pages (tags, search,
/// checklists, 404). `serve` refreshes these after each edit.
pub fn extras(_site: &Site, _tera: &tera::Tera, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    Ok(theme.assets.to_vec())
}

/// The template engine with the theme's templates, built once and reused for every page.
pub fn engine(theme: &Theme) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::default();
    tera.add_raw_templates(theme.templates.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| vec![template_error("templates", &e)])?;
    Ok(tera)
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
