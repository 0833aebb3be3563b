//! The printable book: `print.html`, every page in reading order after a table of contents,
//! each on a new sheet, with no navigation, safety bar or script.

use super::links::{in_one_document, key, Addresses};
use super::{asset, csp_hash, inline, render_template};
use crate::diagnostic::Diagnostic;
use crate::page::Kind;
use crate::render::view::SiteView;
use crate::site::Site;
use crate::theme::Theme;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct Context<'a> {
    site: SiteView<'a>,
    csp: String,
    style: String,
    pages: Vec<Sheet>,
}

#[derive(Serialize)]
struct Sheet {
    address: String,
    title: String,
    /// 0 for the home page, sections and top-level pages; 1 for a section's pages.
    depth: u8,
    html: String,
}

pub fn write(site: &Site, theme: &Theme, content: &Path) -> Result<String, Vec<Diagnostic>> {
    let fragments = crate::render::fragments(site, theme, super::BOOK, false)?;
    let addresses = Addresses::new(fragments.iter().map(|f| (f.url.as_str(), f.title.as_str())));
    let pages = fragments
        .iter()
        .zip(&site.pages)
        .map(|(f, page)| Sheet {
            address: key(&f.url).to_string(),
            title: f.title.clone(),
            depth: u8::from(matches!(page.kind, Kind::Article | Kind::Faq | Kind::CaseStudy)),
            html: in_one_document(&f.html, &f.url, &addresses, content, true),
        })
        .collect();
    let style = inline(&format!("{}\n{}", asset(theme, "style.css"), super::PRINT_CSS));
    let context = Context {
        site: crate::render::site_view(site, theme),
        csp: format!(
            "default-src 'none'; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
            csp_hash(&style)
        ),
        style,
        pages,
    };
    render_template(
        "print.html",
        super::PRINT,
        &context,
        &theme.strings_in(&site.config.language),
    )
}
