//! Offline copies beyond site/: one self-contained HTML file, a printable book and an EPUB,
//! each made from the same finished `Site` through the theme's templates.

mod epub;
mod links;
mod markup;
mod print;
mod single;
mod xhtml;

pub use crate::config::ExportFormat;
use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use crate::site::Site;
use crate::theme::Theme;
use serde::Serialize;
use sha2::Digest;
use std::path::Path;

/// An export's templates and scripts, embedded like the rest of the theme.
const SINGLE: &str = include_str!("../themes/default/templates/export/single.html");
const FRAGMENT: &str = include_str!("../themes/default/templates/export/fragment.html");
const BOOK: &str = include_str!("../themes/default/templates/export/book.html");
const PRINT: &str = include_str!("../themes/default/templates/export/print.html");
const EXPORT_JS: &str = include_str!("../themes/default/templates/export/export.js");
const EXPORT_CSS: &str = include_str!("../themes/default/templates/export/export.css");
const PRINT_CSS: &str = include_str!("../themes/default/templates/export/print.css");

impl ExportFormat {
    /// The file an export is written to unless told otherwise; also its name in `downloads/`.
    pub fn file_name(self) -> &'static str {
        match self {
            ExportFormat::Html => "handbook.html",
            ExportFormat::Print => "print.html",
            ExportFormat::Epub => "handbook.epub",
        }
    }

    /// How the "Read offline" page names it.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Html => "The whole handbook in one web page (HTML)",
            ExportFormat::Print => "A version to print (HTML)",
            ExportFormat::Epub => "An e-book for e-readers (EPUB)",
        }
    }
}

/// Writes `site` in `format`; `root` is the handbook's folder (images come from `content/`).
pub fn export(site: &Site, theme: &Theme, root: &Path, format: ExportFormat) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let content = root.join("content");
    match format {
        ExportFormat::Html => single::write(site, theme, &content).map(String::into_bytes),
        ExportFormat::Print => print::write(site, theme, &content).map(String::into_bytes),
        ExportFormat::Epub => epub::write(site, theme, &content),
    }
}

/// One offered download, as the "Read offline" page lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Download {
    /// Path from the site root, e.g. `downloads/handbook.epub`.
    pub url: String,
    pub label: &'static str,
    /// For people: `412 KB`.
    pub size: String,
}

/// The exports `handbook.yaml` lists, as files of `downloads/`, and what the page lists.
pub fn downloads(site: &Site, theme: &Theme, root: &Path) -> Result<(Vec<OutputFile>, Vec<Download>), Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut listed = Vec::new();
    let mut formats = site.config.exports.clone();
    formats.sort();
    formats.dedup();
    for format in formats {
        let bytes = export(site, theme, root, format)?;
        let url = format!("downloads/{}", format.file_name());
        listed.push(Download {
            url: url.clone(),
            label: format.label(),
            size: human_size(bytes.len()),
        });
        files.push(OutputFile::new(url, bytes));
    }
    Ok((files, listed))
}

pub fn human_size(bytes: usize) -> String {
    match bytes {
        0..=999 => format!("{bytes} bytes"),
        1_000..=999_999 => format!("{} KB", bytes.div_ceil(1000)),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// A CSP source for an inline script or style: `'sha256-…'` of exactly its text.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", links::base64(&sha2::Sha256::digest(text.as_bytes())))
}

/// Script or style text that cannot end its element early.
fn inline(text: &str) -> String {
    text.replace("</script", "<\\/script").replace("</style", "<\\/style")
}

/// A template of the export, with the theme's escaping.
fn render_template<T: Serialize>(name: &str, source: &str, context: &T) -> Result<String, Vec<Diagnostic>> {
    let failed = |e: tera::Error| {
        vec![Diagnostic::error(
            format!("templates/export/{name}"),
            0,
            0,
            e.to_string(),
        )]
    };
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xhtml", ".opf", ".xml"]);
    tera.add_raw_template(name, source).map_err(failed)?;
    let context = tera::Context::from_serialize(context).map_err(failed)?;
    tera.render(name, &context).map_err(failed)
}

/// The text of one of the theme's assets (`style.css`), empty if the theme has none.
fn asset(theme: &Theme, name: &str) -> String {
    let path = format!("assets/{name}");
    theme
        .assets
        .iter()
        .rfind(|a| a.path == path)
        .map(|a| String::from_utf8_lossy(&a.bytes).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(412_300), "413 KB");
        assert_eq!(human_size(2_345_678), "2.3 MB");
    }

    #[test]
    fn csp_hashes_are_sha256_in_base64() {
        // `echo -n 'alert(1)' | openssl sha256 -binary | base64`
        assert_eq!(
            csp_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }
}
