//! The single-file copy: every page a `<section>` at its in-file address, the site's chrome
//! once, CSS, scripts and the search index inlined, and a CSP of hashes.

use super::links::{in_one_document, key, Addresses};
use super::{asset, csp_hash, inline, render_template};
use crate::diagnostic::Diagnostic;
use crate::render::view::SiteView;
use crate::site::Site;
use crate::theme::Theme;
use serde::Serialize;
use std::path::Path;

/// Marks the document as scripted before anything is drawn, so it opens on one page.
const HEAD_SCRIPT: &str = "document.documentElement.classList.add(\"export-js\");";

#[derive(Serialize)]
struct Context<'a> {
    site: SiteView<'a>,
    csp: String,
    style: String,
    head_script: &'static str,
    scripts: Vec<String>,
    /// The interface strings the scripts use, as JSON.
    strings: String,
    pages: Vec<Section>,
    sections: Vec<Section>,
    help: Option<&'a str>,
    safety: Option<&'a str>,
}

#[derive(Serialize)]
struct Section {
    address: String,
    title: String,
    html: String,
}

pub fn write(site: &Site, theme: &Theme, content: &Path) -> Result<String, Vec<Diagnostic>> {
    let fragments = crate::render::fragments(site, theme, super::FRAGMENT, true)?;
    let addresses = Addresses::new(fragments.iter().map(|f| (f.url.as_str(), f.title.as_str())));
    let pages = fragments
        .iter()
        .map(|f| Section {
            address: key(&f.url).to_string(),
            title: f.title.clone(),
            html: in_one_document(&f.html, &f.url, &addresses, content, false),
        })
        .collect();
    let sections = site
        .sections
        .iter()
        .map(|s| &site.pages[s.index])
        .map(|p| Section {
            address: key(&p.url).to_string(),
            title: p.title.clone(),
            html: String::new(),
        })
        .collect();
    let style = inline(&format!("{}\n{}", asset(theme, "style.css"), super::EXPORT_CSS));
    let scripts = scripts(site, theme);
    let mut hashes: Vec<String> = std::iter::once(HEAD_SCRIPT.to_string())
        .chain(scripts.iter().cloned())
        .map(|s| csp_hash(&s))
        .collect();
    hashes.dedup();
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        hashes.join(" "),
        csp_hash(&style)
    );
    let address_of = |source: &str| site.pages.iter().find(|p| p.source == source).map(|p| key(&p.url));
    let context = Context {
        site: crate::render::site_view(site, theme),
        csp,
        style,
        head_script: HEAD_SCRIPT,
        scripts,
        strings: script_strings(site, theme),
        pages,
        sections,
        help: address_of(&site.config.help_page),
        safety: address_of(&site.config.safety_page),
    };
    render_template(
        "single.html",
        super::SINGLE,
        &context,
        &theme.strings_in(&site.config.language),
    )
}

/// The strings block every page carries (see `i18n::Strings::script_json`).
fn script_strings(site: &Site, theme: &Theme) -> String {
    theme.strings_in(&site.config.language).script_json()
}

/// In the order they must run: the file's own script (which tells search where results go),
/// search, its engine and its whole index (manifest first), then the theme's script.
fn scripts(site: &Site, theme: &Theme) -> Vec<String> {
    // settings.js first: it holds `hbT`, which the others use for their words.
    let mut scripts = vec![asset(theme, "settings.js"), super::EXPORT_JS.to_string()];
    let search = asset(theme, "search.js");
    if !search.is_empty() {
        scripts.push(search);
        let rules = crate::theme::search_rules_js(&site.config.language);
        scripts.push(asset(theme, "search-engine.js") + &rules);
        let mut index = crate::search::index(site, &theme.strings_in(&site.config.language));
        index.sort_by_key(|f| (!f.path.ends_with("/index.js"), f.path.clone()));
        scripts.extend(index.iter().map(|f| String::from_utf8_lossy(&f.bytes).into_owned()));
        scripts.push(asset(theme, "search-page.js"));
    }
    scripts.push(asset(theme, "handbook.js"));
    scripts.iter().map(|s| inline(s)).collect()
}
