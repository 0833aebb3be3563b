//! EPUB 3: one XHTML document per page in reading order, a navigation document, the package
//! (metadata, manifest, spine) and the reading stylesheet, zipped byte-for-byte the same on
//! every run.

use super::render_template;
use super::xhtml::{self, document, relative, Book};
use crate::diagnostic::Diagnostic;
use crate::page::Kind;
use crate::site::Site;
use crate::theme::Theme;
use serde::Serialize;
use sha2::Digest;
use std::io::Write as _;
use std::path::Path;

const PAGE: &str = include_str!("../../themes/default/templates/export/epub-page.xhtml");
const NAV: &str = include_str!("../../themes/default/templates/export/epub-nav.xhtml");
const PACKAGE: &str = include_str!("../../themes/default/templates/export/epub-package.opf");
const CSS: &str = include_str!("../../themes/default/templates/export/epub.css");

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"#;

#[derive(Serialize)]
struct PageContext<'a> {
    language: &'a str,
    title: &'a str,
    css: String,
    body: String,
}

#[derive(Serialize)]
struct NavEntry {
    href: String,
    title: String,
    children: Vec<NavEntry>,
}

/// What the navigation document and the package both say about the book.
#[derive(Serialize)]
struct About<'a> {
    language: &'a str,
    title: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
struct NavContext<'a> {
    #[serde(flatten)]
    about: &'a About<'a>,
    entries: Vec<NavEntry>,
}

#[derive(Serialize)]
struct PackageContext<'a> {
    #[serde(flatten)]
    about: &'a About<'a>,
    identifier: String,
    modified: String,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    id: String,
    href: String,
    media_type: &'static str,
}

pub fn write(site: &Site, theme: &Theme, content: &Path) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let strings = theme.strings_in(&site.config.language);
    let fragments = crate::render::fragments(site, theme, super::BOOK, false)?;
    let language = site.config.language.as_str();
    let mut book = Book {
        pages: fragments.iter().map(|f| f.url.as_str()).collect(),
        content,
        images: Default::default(),
    };
    let mut files = Vec::new();
    let mut items = Vec::new();
    let mut nav: Vec<NavEntry> = Vec::new();
    for (n, (f, page)) in fragments.iter().zip(&site.pages).enumerate() {
        let path = document(&f.url);
        let context = PageContext {
            language,
            title: &f.title,
            css: relative(&f.url, "book.css"),
            body: xhtml::page(&f.html, &f.url, &mut book),
        };
        files.push((
            path.clone(),
            render_template("epub-page.xhtml", PAGE, &context, &strings)?.into_bytes(),
        ));
        let entry = NavEntry {
            href: path.clone(),
            title: f.title.clone(),
            children: Vec::new(),
        };
        match nav.last_mut() {
            Some(parent) if matches!(page.kind, Kind::Article | Kind::Faq | Kind::CaseStudy) => {
                parent.children.push(entry)
            }
            _ => nav.push(entry),
        }
        items.push(Item {
            id: format!("page-{}", n + 1),
            href: path,
            media_type: "application/xhtml+xml",
        });
    }
    for (n, (source, image)) in book.images.iter().enumerate() {
        let bytes = std::fs::read(content.join(source)).map_err(|e| {
            vec![Diagnostic::error(
                format!("content/{source}"),
                0,
                0,
                format!("cannot read the image: {e}"),
            )]
        })?;
        items.push(Item {
            id: format!("image-{}", n + 1),
            href: image.clone(),
            media_type: super::links::media_type(image),
        });
        files.push((image.clone(), bytes));
    }
    let about = About {
        language,
        title: &site.config.title,
        description: &site.config.description,
    };
    let nav = render_template(
        "epub-nav.xhtml",
        NAV,
        &NavContext {
            about: &about,
            entries: nav,
        },
        &strings,
    )?;
    let package = PackageContext {
        about: &about,
        identifier: identifier(site),
        modified: modified(site),
        items,
    };
    let package = render_template("epub-package.opf", PACKAGE, &package, &strings)?;
    files.push(("nav.xhtml".into(), nav.into_bytes()));
    files.push(("package.opf".into(), package.into_bytes()));
    files.push(("book.css".into(), CSS.as_bytes().to_vec()));
    zip(&files).map_err(|e| {
        vec![Diagnostic::error(
            "handbook.epub",
            0,
            0,
            format!("cannot write the EPUB: {e}"),
        )]
    })
}

/// A stable `urn:uuid:` from the handbook's title and address: the same book keeps its identity
/// across editions, so readers replace it rather than shelve a second copy.
fn identifier(site: &Site) -> String {
    let seed = format!(
        "{}\n{}",
        site.config.title,
        site.config.base_url.as_deref().unwrap_or("")
    );
    let mut b: [u8; 16] = sha2::Sha256::digest(seed.as_bytes())[..16]
        .try_into()
        .unwrap_or_default();
    // RFC 9562: version 8 (made by its own rules), RFC variant.
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The newest `reviewed` date: the book changes when its content does, not when it is built.
/// A handbook with no review dates gets a fixed date so the file stays the same.
fn modified(site: &Site) -> String {
    let newest = site.pages.iter().filter_map(|p| p.reviewed.as_deref()).max();
    format!("{}T00:00:00Z", newest.unwrap_or("2000-01-01"))
}

/// The container: `mimetype` first and stored, the rest deflated, every time stamp fixed.
fn zip(files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let fixed = SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("mimetype", fixed.compression_method(zip::CompressionMethod::Stored))?;
    zip.write_all(b"application/epub+zip")?;
    let deflated = fixed.compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("META-INF/container.xml", deflated)?;
    zip.write_all(CONTAINER.as_bytes())?;
    for (path, bytes) in files {
        zip.start_file(format!("OEBPS/{path}"), deflated)?;
        zip.write_all(bytes)?;
    }
    // The archive's comment lets a later export know it may replace this file.
    zip.set_comment(super::MARK);
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zip_starts_with_the_stored_mimetype() {
        let bytes = zip(&[("a.xhtml".into(), b"<p/>".to_vec())]).unwrap();
        // Local header: signature, then method 0 (stored) at offset 8, name at 30.
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        assert_eq!(&bytes[8..10], &[0, 0]);
        let name_len = u16::from_le_bytes([bytes[26], bytes[27]]) as usize;
        let extra_len = u16::from_le_bytes([bytes[28], bytes[29]]);
        assert_eq!(&bytes[30..30 + name_len], b"mimetype");
        assert_eq!(extra_len, 0, "no extra field before the mimetype's text");
        assert_eq!(&bytes[30 + name_len..30 + name_len + 20], b"application/epub+zip");
        assert_eq!(
            bytes,
            zip(&[("a.xhtml".into(), b"<p/>".to_vec())]).unwrap(),
            "the same bytes every time"
        );
    }
}
