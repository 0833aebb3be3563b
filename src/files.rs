//! Files in `content/` other than Markdown (images, PDFs, audio): what each one is, which pages
//! use it, the warnings and collisions found about them, and which ones are published.

use crate::diagnostic::Diagnostic;
use crate::page::Page;
use crate::source::Asset;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// Extensions shown with `![…](…)`: the ones whose size is worth a warning.
const IMAGE_EXTENSIONS: &[&str] = &["avif", "bmp", "gif", "ico", "jpeg", "jpg", "png", "svg", "webp"];

/// Output names the build writes itself at the site root; a content file may not take one.
const GENERATED: &[&str] = &[
    "index.html",
    "404.html",
    "search.html",
    "checklists.html",
    "sitemap.xml",
    "feed.xml",
];

/// Root folders the build fills itself (theme files, search index, tag pages).
const GENERATED_FOLDERS: &[&str] = &["assets", "tags"];

/// One file of `content/` that is not Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentFile {
    /// Path relative to `content/`, `/` separators; also its path in the output.
    pub rel_path: String,
    /// Where it is on disk.
    pub path: PathBuf,
    pub bytes: u64,
    /// Width and height in pixels from the file's header, for images in a format the header
    /// reader knows (not SVG, whose size is up to the page).
    pub dimensions: Option<(u32, u32)>,
    /// For an image browsers cannot show (a HEIC photo named `.jpg`, a TIFF, a file that is no
    /// picture at all), what it is instead.
    pub unshowable: Option<String>,
    /// Whether a built page links to it or shows it: only those are published.
    pub used: bool,
}

impl ContentFile {
    /// A copy whose output path is under `prefix` (a language's folder with its `/`, or empty).
    pub fn under(&self, prefix: &str) -> ContentFile {
        ContentFile {
            rel_path: format!("{prefix}{}", self.rel_path),
            ..self.clone()
        }
    }
}

/// Every non-Markdown file of `content/`, sorted by path.
#[derive(Clone, Debug, Default)]
pub struct ContentFiles {
    files: Vec<ContentFile>,
}

impl ContentFiles {
    /// Reads each file's size, and the header of each image (a few bytes: never the whole file).
    pub fn read(assets: &[Asset]) -> Self {
        let mut files: Vec<ContentFile> = assets
            .par_iter()
            .map(|a| ContentFile {
                rel_path: a.rel_path.clone(),
                bytes: std::fs::metadata(&a.path).map_or(0, |m| m.len()),
                dimensions: is_image(&a.rel_path)
                    .then(|| imagesize::size(&a.path).ok())
                    .flatten()
                    .and_then(|s| Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?))),
                unshowable: is_image(&a.rel_path).then(|| unshowable(&a.path)).flatten(),
                path: a.path.clone(),
                used: false,
            })
            .collect();
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        ContentFiles { files }
    }

    pub fn get(&self, rel_path: &str) -> Option<&ContentFile> {
        let at = self
            .files
            .binary_search_by(|f| f.rel_path.as_str().cmp(rel_path))
            .ok()?;
        self.files.get(at)
    }

    pub fn iter(&self) -> impl Iterator<Item = &ContentFile> {
        self.files.iter()
    }

    /// The files a page uses, in path order: what the build copies.
    pub fn published(&self) -> impl Iterator<Item = &ContentFile> {
        self.files.iter().filter(|f| f.used)
    }
}

/// What an image file is, if browsers cannot show it; read from its first bytes. SVG is text,
/// left to the browser.
fn unshowable(path: &std::path::Path) -> Option<String> {
    use imagesize::ImageType;
    use std::io::Read;
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
        return None;
    }
    let mut header = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .ok()?
        .take(4096)
        .read_to_end(&mut header)
        .ok()?;
    match imagesize::image_type(&header) {
        Ok(ImageType::Jpeg | ImageType::Png | ImageType::Gif | ImageType::Webp | ImageType::Bmp | ImageType::Ico) => {
            None
        }
        Ok(ImageType::Heif(imagesize::Compression::Av1)) => None,
        Ok(ImageType::Heif(_)) => Some("a HEIC photo, which most browsers cannot show".into()),
        Ok(ImageType::Tiff) => Some("a TIFF image, which most browsers cannot show".into()),
        Ok(other) => Some(format!(
            "a {} file, which browsers cannot show",
            format!("{other:?}").to_uppercase()
        )),
        Err(_) => Some("not a picture browsers can read".into()),
    }
}

/// Whether the file's extension is an image format's.
pub fn is_image(rel_path: &str) -> bool {
    rel_path
        .rsplit_once('.')
        .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Marks the files the pages use, and reports: a file nothing uses (a warning: it is not
/// published; only when `broken_links` is false, since a mistyped link makes its file look unused), an image over `max_image_kb` (a warning at its first use, with its size), and a
/// used file whose output path the build writes itself (an error).
pub fn mark_used(
    files: &mut ContentFiles,
    pages: &[Page],
    max_image_kb: u64,
    broken_links: bool,
    prefix: &str,
) -> Vec<Diagnostic> {
    // First use of each file, in page order: where a warning about it points.
    // Marked afresh: `serve` marks again after each edit, when a file may have lost its last use.
    for file in &mut files.files {
        file.used = false;
    }
    let mut first_use: BTreeMap<&str, (&str, usize, usize)> = BTreeMap::new();
    for page in pages {
        for r in &page.body.files {
            first_use.entry(&r.target).or_insert((&page.source, r.line, r.col));
        }
    }
    let urls: HashSet<&str> = pages.iter().map(|p| p.url.as_str()).collect();
    let mut problems = Vec::new();
    for file in &mut files.files {
        let shown = format!("{prefix}{}", file.rel_path);
        let Some(&(page, line, col)) = first_use.get(file.rel_path.as_str()) else {
            if broken_links {
                continue;
            }
            problems.push(
                Diagnostic::warning(
                    shown,
                    0,
                    0,
                    "no page links to this file or shows it, so it is not published",
                )
                .hint(
                    "link to it or show it from a page, or delete it (files used only by drafts count with --drafts)",
                ),
            );
            continue;
        };
        file.used = true;
        if let Some(why) = collision(&file.rel_path, &urls) {
            problems
                .push(Diagnostic::error(&shown, 0, 0, why).hint("move or rename the file, e.g. into content/images/"));
        }
        if let Some(what) = &file.unshowable {
            problems.push(
                Diagnostic::warning(format!("{prefix}{page}"), line, col, format!("image {shown} is {what}"))
                    .hint("open it and save it again as JPEG, PNG or WebP (a phone may save photos as HEIC)"),
            );
        }
        if is_image(&file.rel_path) && file.bytes > max_image_kb * 1000 {
            let kb = file.bytes.div_ceil(1000);
            problems.push(
                Diagnostic::warning(
                    format!("{prefix}{page}"),
                    line,
                    col,
                    format!("image {shown} is {kb} KB, over the {max_image_kb} KB limit: slow to load on a phone"),
                )
                .hint("make it smaller (e.g. 1600 pixels wide, saved as JPEG or WebP), or raise `max_image_kb` in handbook.yaml"),
            );
        }
    }
    problems
}

/// Why `rel_path` may not be published: a page, or a file the build makes, has its output path.
fn collision(rel_path: &str, page_urls: &HashSet<&str>) -> Option<String> {
    let folder = rel_path.split('/').next().unwrap_or_default();
    if page_urls.contains(rel_path) {
        return Some(format!("a page is published as {rel_path}, so this file cannot be"));
    }
    if GENERATED.contains(&rel_path) || (rel_path != folder && GENERATED_FOLDERS.contains(&folder)) {
        return Some(format!(
            "the build writes {rel_path} itself, so this file cannot be published there"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_extension_in_any_case() {
        assert!(is_image("images/a.PNG"));
        assert!(is_image("a.jpeg"));
        assert!(!is_image("leaflet.pdf"));
        assert!(!is_image("png"));
    }

    #[test]
    fn the_image_size_limit_defaults_to_the_documented_500_kb() {
        assert_eq!(crate::config::Config::default().max_image_kb, 500);
        let config = crate::config::parse("max_image_kb: 80\n").unwrap();
        assert_eq!(config.max_image_kb, 80);
    }

    #[test]
    fn generated_paths_and_page_urls_collide() {
        let urls: HashSet<&str> = ["articles/plan.html"].into_iter().collect();
        assert!(collision("articles/plan.html", &urls).is_some());
        assert!(collision("search.html", &urls).is_some());
        assert!(collision("assets/style.css", &urls).is_some());
        assert!(collision("tags/x.png", &urls).is_some());
        assert!(collision("images/x.png", &urls).is_none());
        assert!(collision("assets", &urls).is_none());
    }
}
