//! The further languages of `languages:` while serving: each built whole, under its folder,
//! whenever anything changes (an edit under `content/fr/` rebuilds every language, so the
//! switcher and stale-translation warnings stay right); the default language stays incremental.

use super::state::PageAddress;
use crate::diagnostic::Diagnostic;
use crate::languages::Edition;
use crate::output::OutputFile;
use crate::site::Site;
use crate::theme::Theme;
use std::path::Path;

/// What the further languages add to the preview.
#[derive(Default)]
pub struct Further {
    pub files: Vec<OutputFile>,
    pub addresses: Vec<PageAddress>,
    /// The lint of their pages, found once per build.
    pub warnings: Vec<Diagnostic>,
}

/// Every file of each further language's site, under its folder, as `build` writes it.
pub fn render(root: &Path, editions: &[(Edition, Site)], theme: &Theme) -> Result<Further, Vec<Diagnostic>> {
    let mut further = Further::default();
    for (edition, site) in editions {
        let prefix = edition.out_prefix();
        let tera = crate::render::engine(theme, &site.config.language)?;
        let every_page: Vec<usize> = (0..site.pages.len()).collect();
        let mut files = crate::render::render_pages(site, theme, &tera, &every_page)?;
        files.extend(crate::render::extras(site, theme, &tera)?);
        files.extend(crate::search::index(site, &theme.strings_in(&site.config.language)));
        files.extend(
            site.files
                .published()
                .filter_map(|f| Some(OutputFile::new(f.rel_path.clone(), std::fs::read(&f.path).ok()?))),
        );
        further.files.extend(files.into_iter().map(|f| f.under(&prefix)));
        further.addresses.extend(site.pages.iter().map(|p| PageAddress {
            path: format!("{prefix}{}", p.url),
            source: format!("{prefix}{}", p.source),
            title: p.title.clone(),
        }));
        further
            .warnings
            .extend(crate::check::lint_root(root, site, &edition.content_prefix()));
    }
    Ok(further)
}

/// The one sitemap of a handbook in several languages with an address, as `build` writes it.
pub fn sitemap(editions: &[(Edition, Site)]) -> Option<OutputFile> {
    let base = editions.first()?.1.config.base().filter(|_| editions.len() > 1)?;
    let folders: Vec<String> = editions.iter().map(|(e, _)| e.out_prefix()).collect();
    let sites = folders.iter().map(String::as_str).zip(editions.iter().map(|(_, s)| s));
    Some(crate::render::sitemap_of_all(&sites.collect::<Vec<_>>(), &base))
}

/// Whether `rel` (a path under `content/`) is a further language's page, which only a whole
/// rebuild brings up to date.
pub fn is_further(config: &crate::config::Config, rel: &str) -> bool {
    crate::languages::is_elsewhere(config, rel)
}
