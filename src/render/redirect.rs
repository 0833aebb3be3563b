//! Redirect pages at the old addresses pages list in `aliases:`: a meta refresh and a visible
//! link, both relative so they work from file://, and no script (the CSP allows none).

use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::site::Site;
use serde::Serialize;

/// What `redirect.html` sees.
#[derive(Serialize)]
struct Redirect<'a> {
    language: &'a str,
    site_title: &'a str,
    title: &'a str,
    /// The page's address, relative to the alias's folder.
    target: String,
    canonical: Option<String>,
}

/// One redirect page per alias of every page, in page order.
pub fn render(site: &Site, tera: &tera::Tera) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let base = site.config.base();
    let mut files = Vec::new();
    for page in &site.pages {
        for alias in &page.aliases {
            let view = Redirect {
                language: &site.config.language,
                site_title: &site.config.title,
                title: &page.title,
                target: format!("{}{}", "../".repeat(alias.path.matches('/').count()), page.url),
                canonical: base.as_ref().map(|b| format!("{b}{}", page.url)),
            };
            let failed = |e: tera::Error| vec![super::template_error("redirect.html", &e)];
            let context = tera::Context::from_serialize(&view).map_err(failed)?;
            let html = tera.render("redirect.html", &context).map_err(failed)?;
            files.push(OutputFile::new(alias.path.clone(), html));
        }
    }
    Ok(files)
}
