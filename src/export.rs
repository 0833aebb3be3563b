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

    /// `file_name` for a further language: `handbook.fr.html`, so the default one's is unchanged.
    pub fn file_name_in(self, language: Option<&str>) -> String {
        let name = self.file_name();
        match (language, name.rsplit_once('.')) {
            (Some(code), Some((stem, ext))) => format!("{stem}.{code}.{ext}"),
            _ => name.to_string(),
        }
    }

    /// The interface string that names it on the "Read offline" page.
    pub fn label_key(self) -> &'static str {
        match self {
            ExportFormat::Html => "download_html",
            ExportFormat::Print => "download_print",
            ExportFormat::Epub => "download_epub",
        }
    }
}

/// Writes `site` in `format`; `root` is the handbook's folder (images come from `content/`).
pub fn export(site: &Site, theme: &Theme, root: &Path, format: ExportFormat) -> Result<Vec<u8>, Vec<Diagnostic>> {
    export_from(site, theme, &root.join("content"), format)
}

/// Writes `site` in `format`, its pages' images read from `content` (the folder of its
/// language: `content/`, or `content/fr/`).
pub fn export_from(
    site: &Site,
    theme: &Theme,
    content: &Path,
    format: ExportFormat,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    match format {
        ExportFormat::Html => single::write(site, theme, content).map(String::into_bytes),
        ExportFormat::Print => print::write(site, theme, content).map(String::into_bytes),
        ExportFormat::Epub => epub::write(site, theme, content),
    }
}

/// One offline copy of the handbook at `root` in `format`, and the warnings met on the way,
/// for one language: `None` the default one, else a code of `languages:`.
pub fn language_copy(
    root: &Path,
    format: ExportFormat,
    drafts: bool,
    language: Option<&str>,
) -> Result<(Vec<u8>, Vec<Diagnostic>), crate::Error> {
    let config = crate::config::load(root).map_err(crate::Error::Content)?;
    let language = language.filter(|code| *code != config.language);
    let edition = crate::languages::editions(&config)
        .into_iter()
        .find(|e| e.code.as_deref() == language)
        .ok_or_else(|| {
            let code = language.unwrap_or_default();
            crate::Error::Io(format!(
                "no language \"{code}\" in `languages:` of {}: add it there, its pages in content/{code}/",
                crate::config::FILE_NAME
            ))
        })?;
    let (site, warnings) =
        crate::load_edition_with_errors(root, &edition, &config, drafts, &mut crate::Timings::default());
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(crate::Error::Content(warnings));
    }
    let theme = crate::theme::load_with(root, site.config.theme.as_deref()).map_err(crate::Error::Content)?;
    let content = root.join(edition.content_prefix());
    let bytes = export_from(&site, &theme, &content, format).map_err(crate::Error::Content)?;
    Ok((bytes, warnings))
}

/// One offered download, as the "Read offline" page lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Download {
    /// Path from the site root, e.g. `downloads/handbook.epub`.
    pub url: String,
    pub label: String,
    /// For people: `412 KB`.
    pub size: String,
}

/// The exports `handbook.yaml` lists, as files of `downloads/`, and what the page lists;
/// `content` is the folder of the site's language (its images are read from it).
pub fn downloads(
    site: &Site,
    theme: &Theme,
    content: &Path,
) -> Result<(Vec<OutputFile>, Vec<Download>), Vec<Diagnostic>> {
    let strings = theme.strings_in(&site.config.language);
    let mut files = Vec::new();
    let mut listed = Vec::new();
    let mut formats = site.config.exports.clone();
    formats.sort();
    formats.dedup();
    for format in formats {
        let bytes = export_from(site, theme, content, format)?;
        let url = format!("downloads/{}", format.file_name());
        listed.push(Download {
            url: url.clone(),
            label: strings.word(format.label_key()).to_string(),
            size: size_in(&strings, bytes.len()),
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

/// `human_size` in the words of `strings` ("96 Ko" in French).
fn size_in(strings: &crate::i18n::Strings, bytes: usize) -> String {
    let (key, size) = match bytes {
        0..=999 => ("size_bytes", bytes.to_string()),
        1_000..=999_999 => ("size_kb", bytes.div_ceil(1000).to_string()),
        _ => {
            let mb = format!("{:.1}", bytes as f64 / 1e6);
            ("size_mb", mb.replace('.', strings.word("decimal_point")))
        }
    };
    strings
        .get(key, None, &[("size", size)])
        .unwrap_or_else(|| human_size(bytes))
}

/// A CSP source for an inline script or style: `'sha256-…'` of exactly its text.
fn csp_hash(text: &str) -> String {
    crate::render::inline::hash(text)
}

/// Script or style text that cannot end its element early.
fn inline(text: &str) -> String {
    text.replace("</script", "<\\/script").replace("</style", "<\\/style")
}

/// A template of the export, with the theme's escaping and its interface `strings` (`t(…)`).
fn render_template<T: Serialize>(
    name: &str,
    source: &str,
    context: &T,
    strings: &crate::i18n::Strings,
) -> Result<String, Vec<Diagnostic>> {
    let failed = |e: tera::Error| {
        vec![Diagnostic::error(
            format!("templates/export/{name}"),
            0,
            0,
            e.to_string(),
        )]
    };
    let mut tera = tera::Tera::new();
    crate::i18n::register(&mut tera, strings.clone());
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

/// Every export carries this (a `<meta name="generator">` in HTML, the archive comment of an
/// EPUB), so a later export knows the file at `--out` is one it may replace.
pub const MARK: &str = "handbook export";

/// Writes `bytes` to `out`, refusing to replace a file `handbook export` did not write. The bytes
/// go to a new file beside `out` that is then renamed over it, so an export cut short leaves the
/// old file whole.
pub fn save(out: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = out.display();
    if out.is_dir() {
        return Err(format!(
            "{shown} is a folder; give --out a file name, e.g. {shown}/handbook.html"
        ));
    }
    if out.exists() && !written_by_export(out) {
        return Err(format!(
            "{shown} exists and was not written by `handbook export`; choose another --out, or move that file away"
        ));
    }
    let name = out.file_name().ok_or_else(|| format!("{shown}: not a file name"))?;
    let temp = out.with_file_name(format!(".{}.{}.partial", name.to_string_lossy(), std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, bytes));
    if let Err(e) = written.and_then(|()| std::fs::rename(&temp, out)) {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("{shown}: {e}"));
    }
    Ok(())
}

/// Whether the file's first or last kilobytes hold `MARK` (HTML heads; a zip's closing comment).
fn written_by_export(path: &Path) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = vec![0; 4096];
    let n = file.read(&mut head).unwrap_or(0);
    head.truncate(n);
    let mut tail = Vec::new();
    let _ = file
        .seek(SeekFrom::End(-1024))
        .or_else(|_| file.seek(SeekFrom::Start(0)));
    let _ = file.take(1024).read_to_end(&mut tail);
    let has = |bytes: &[u8]| bytes.windows(MARK.len()).any(|w| w == MARK.as_bytes());
    has(&head) || has(&tail)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_export_replaces_only_what_an_export_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("handbook.html");
        let ours = format!("<!DOCTYPE html><meta name=\"generator\" content=\"{}\">v1", super::MARK);
        super::save(&out, ours.as_bytes()).unwrap();
        super::save(&out, b"<meta name=\"generator\" content=\"handbook export\">v2").unwrap();
        assert!(std::fs::read_to_string(&out).unwrap().ends_with("v2"));
        let notes = dir.path().join("notes.html");
        std::fs::write(&notes, "my own notes").unwrap();
        let refused = super::save(&notes, ours.as_bytes()).unwrap_err();
        assert!(refused.contains("was not written by `handbook export`"), "{refused}");
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my own notes");
        assert!(super::save(dir.path(), b"x").unwrap_err().contains("is a folder"));
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 2, "no partial file left behind: {left:?}");
    }

    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(412_300), "413 KB");
        assert_eq!(human_size(2_345_678), "2.3 MB");
    }

    #[test]
    fn sizes_read_in_the_handbook_s_language() {
        let layers = crate::i18n::layers_or_embedded(std::path::Path::new("."), None);
        let fr = crate::i18n::Strings::resolve(&layers, "fr").0;
        assert_eq!(super::size_in(&fr, 412_300), "413 Ko");
        assert_eq!(super::size_in(&fr, 2_345_678), "2,3 Mo");
        assert_eq!(super::size_in(&crate::i18n::Strings::english(), 2_345_678), "2.3 MB");
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
