//! The theme: tera templates and static assets, embedded in the binary as the default, with a
//! handbook's own `templates/` overriding templates of the same name.

use crate::diagnostic::Diagnostic;
use crate::output::OutputFile;
use std::path::Path;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/templates/", $name)))),*]
    };
}

macro_rules! embedded_assets {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../themes/default/static/", $name)) as &[u8])),*]
    };
}

const TEMPLATES: &[(&str, &str)] = embedded![
    "base.html",
    "components.html",
    "home.html",
    "section.html",
    "faq-index.html",
    "article.html",
    "faq.html",
    "case-study.html",
    "page.html",
    "tags.html",
    "tag.html",
    "search.html",
    "checklists.html",
    "404.html",
    "offline.html",
    "redirect.html",
];
const ASSETS: &[(&str, &[u8])] = embedded_assets![
    "style.css",
    "settings.js",
    "handbook.js",
    "search.js",
    "search-page.js",
    "search-engine.js",
];

/// The search rules of `language` that are a script of their own (search-fr.js for French),
/// appended to search-engine.js for such a handbook: only its readers load them, and only on
/// their first search. Empty for other languages.
pub fn search_rules_js(language: &str) -> String {
    let source: &[u8] = match crate::search::language::Rules::of(language) {
        crate::search::language::Rules::French => include_bytes!("../themes/default/static/search-fr.js"),
        _ => b"",
    };
    String::from_utf8_lossy(&compact("search-fr.js", source)).into_owned()
}

/// `assets` with the search rules of `language` appended to the search engine.
pub fn assets_in(assets: &[OutputFile], language: &str) -> Vec<OutputFile> {
    let rules = search_rules_js(language);
    let mut out = assets.to_vec();
    for a in out
        .iter_mut()
        .filter(|a| !rules.is_empty() && a.path == "assets/search-engine.js")
    {
        a.bytes.extend_from_slice(rules.as_bytes());
    }
    out
}

pub struct Theme {
    /// `(name, source)`, embedded defaults first, overrides after (later wins).
    pub templates: Vec<(String, String)>,
    /// Static files, written under `assets/`.
    pub assets: Vec<OutputFile>,
    /// Translation tables of interface strings, in layers (see `i18n`).
    pub strings: Vec<crate::i18n::Layer>,
}

impl Theme {
    /// The interface strings in `language`, the handbook's own over the theme's.
    pub fn strings_in(&self, language: &str) -> crate::i18n::Strings {
        crate::i18n::Strings::resolve(&self.strings, language).0
    }
}

/// The embedded theme, with templates from `root/templates/` laid over it.
pub fn load(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
    load_with(root, None)
}

/// The theme in layers, later ones winning: the embedded default; then, when `theme` names a
/// folder (relative to `root`), its `templates/*.html` and `static/*`; then `root/templates/`.
pub fn load_with(root: &Path, theme: Option<&str>) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: Vec<(String, String)> = TEMPLATES.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
    let mut assets: Vec<OutputFile> = ASSETS
        .iter()
        .map(|(n, b)| OutputFile::new(format!("assets/{n}"), compact(n, b)))
        .collect();
    let mut problems = Vec::new();
    if let Some(theme) = theme {
        let folder = root.join(theme);
        if !folder.is_dir() {
            let message = format!("theme folder \"{theme}\" does not exist");
            return Err(vec![Diagnostic::error(crate::config::FILE_NAME, 0, 0, message)
                .hint("remove `theme:` to use the built-in theme, or create the folder")]);
        }
        if !crate::source::is_inside(&folder, root) {
            let message = format!("theme folder \"{theme}\" is outside the handbook");
            return Err(vec![Diagnostic::error(crate::config::FILE_NAME, 0, 0, message)
                .hint("copy the theme into the handbook's folder and name it relative to it")]);
        }
        let read_folder =
            |dir: &Path, shown: &str, problems: &mut Vec<Diagnostic>| read_folder(dir, shown, root, problems);
        for (name, bytes) in read_folder(&folder.join("templates"), &format!("{theme}/templates"), &mut problems) {
            if name.ends_with(".html") {
                overlay(&mut templates, name, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        for (name, bytes) in read_folder(&folder.join("static"), &format!("{theme}/static"), &mut problems) {
            let path = format!("assets/{name}");
            assets.retain(|a| a.path != path);
            let bytes = compact(&name, &bytes);
            assets.push(OutputFile { path, bytes });
        }
    }
    for (name, bytes) in read_folder(&root.join("templates"), "templates", root, &mut problems) {
        if name.ends_with(".html") {
            overlay(&mut templates, name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let strings = crate::i18n::layers(root, theme).unwrap_or_else(|mut e| {
        problems.append(&mut e);
        Vec::new()
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Theme {
        templates,
        assets,
        strings,
    })
}

fn overlay(templates: &mut Vec<(String, String)>, name: String, text: String) {
    templates.retain(|(n, _)| *n != name);
    templates.push((name, text));
}

/// The files directly in `dir`, sorted by name; nothing if it does not exist. A file or the
/// folder itself that resolves outside `root` (through a link) is reported, not read.
fn read_folder(dir: &Path, shown: &str, root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    if !crate::source::is_inside(dir, root) {
        problems.push(outside(shown));
        return Vec::new();
    }
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !crate::source::is_inside(&path, root) {
            problems.push(outside(&format!("{shown}/{name}")));
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => files.push((name, bytes)),
            Err(e) => problems.push(Diagnostic::error(
                format!("{shown}/{name}"),
                0,
                0,
                format!("cannot read: {e}"),
            )),
        }
    }
    files
}

fn outside(shown: &str) -> Diagnostic {
    Diagnostic::error(
        shown,
        0,
        0,
        "is a symbolic link to a place outside the handbook; it is not read",
    )
    .hint("copy what you need into the handbook's folder, or remove the link")
}

/// Drops comment-only lines, blank lines and indentation from CSS and JS. The sources stay
/// commented for maintainers; readers on slow phones download only what runs. Only whole
/// lines are dropped, so strings and regular expressions are never cut.
fn compact(name: &str, bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    if !(name.ends_with(".js") || name.ends_with(".css")) {
        return bytes.to_vec();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_comment = false;
    for line in text.lines().map(str::trim) {
        if in_comment {
            in_comment = !line.contains("*/");
            continue;
        }
        if line.starts_with("/*") {
            in_comment = !line.contains("*/");
            continue;
        }
        if line.is_empty() || (name.ends_with(".js") && line.starts_with("//")) {
            continue;
        }
        if name.ends_with(".css") {
            tighten_css(line, &mut out);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// Copies a CSS line without the spaces around `{`, `}`, `;`, `,`, `>` and after `:`. Spaces
/// inside quotes stay, and so do those around `+` and `-` (`calc()` needs them) and before `:`
/// (`a :focus` is not `a:focus`).
fn tighten_css(line: &str, out: &mut String) {
    const TIGHT: &[char] = &['{', '}', ';', ',', '>'];
    let mut quote = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                quote = (c != q).then_some(q);
                out.push(c);
            }
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == ' '
                && (out.ends_with(TIGHT) || out.ends_with(':') || chars.peek().is_some_and(|n| TIGHT.contains(n))) => {}
            None => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scripts a page loads only when asked: the search page's, and the engine on first search.
    const ON_DEMAND: &[&str] = &["assets/search-page.js", "assets/search-engine.js"];

    /// Every page loads all of the theme's CSS and JS: together at most 40 KB as written.
    #[test]
    fn a_page_loads_at_most_40_kb_of_css_and_js() {
        let theme = load(Path::new("/nonexistent-handbook-root")).unwrap();
        let weight: usize = theme
            .assets
            .iter()
            .filter(|a| a.path.ends_with(".css") || a.path.ends_with(".js"))
            .filter(|a| !ON_DEMAND.contains(&a.path.as_str()))
            .map(|a| a.bytes.len())
            .sum();
        assert!(weight <= 40 * 1024, "CSS + JS weigh {weight} bytes");
    }

    /// The first search adds the engine (the index's files are the search module's budget),
    /// with the French rules in a French handbook.
    #[test]
    fn the_search_engine_loaded_on_first_use_weighs_at_most_16_kb() {
        let theme = load(Path::new("/nonexistent-handbook-root")).unwrap();
        let engine = |language: &str| {
            let assets = assets_in(&theme.assets, language);
            let a = assets.iter().find(|a| a.path == "assets/search-engine.js").unwrap();
            String::from_utf8(a.bytes.clone()).unwrap()
        };
        let (en, fr) = (engine("en"), engine("fr-CA"));
        assert!(
            fr.len() <= 16 * 1024,
            "search-engine.js in French weighs {} bytes",
            fr.len()
        );
        assert!(fr.starts_with(&en) && fr.contains("S.fr = {"));
        assert!(!en.contains("S.fr = {") && en == engine("ar"));
        assert_eq!(assets_in(&theme.assets, "en"), theme.assets);
    }

    #[test]
    fn a_theme_folder_overrides_templates_and_assets() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("mytheme/templates")).unwrap();
        std::fs::create_dir_all(root.path().join("mytheme/static")).unwrap();
        std::fs::write(root.path().join("mytheme/templates/base.html"), "THEMED").unwrap();
        std::fs::write(root.path().join("mytheme/static/style.css"), "body { color: red; }").unwrap();
        std::fs::write(root.path().join("mytheme/static/logo.svg"), "<svg/>").unwrap();
        let theme = load_with(root.path(), Some("mytheme")).unwrap();
        let base = theme.templates.iter().rfind(|(n, _)| n == "base.html").unwrap();
        assert_eq!(base.1, "THEMED");
        let css = theme
            .assets
            .iter()
            .filter(|a| a.path == "assets/style.css")
            .collect::<Vec<_>>();
        assert_eq!(
            (css.len(), css[0].bytes.as_slice()),
            (1, b"body{color:red;}\n".as_slice())
        );
        assert!(theme.assets.iter().any(|a| a.path == "assets/logo.svg"));
        let missing = load_with(root.path(), Some("nope")).err().unwrap();
        assert_eq!(missing[0].message, "theme folder \"nope\" does not exist");
    }

    #[test]
    fn compacting_drops_only_whole_comment_lines_and_indentation() {
        let js = "/* Header\n   more */\nfunction a() {\n  // why\n  return \"//not a comment\"; /* kept */\n}\n\n";
        assert_eq!(
            String::from_utf8(compact("x.js", js.as_bytes())).unwrap(),
            "function a() {\nreturn \"//not a comment\"; /* kept */\n}\n"
        );
        assert_eq!(compact("x.png", b"  //x"), b"  //x");
    }

    #[test]
    fn compacting_css_drops_spaces_that_mean_nothing() {
        let css = "a :focus, b > i { width: calc(1rem + 2px); content: \"a { b: c\"; }\n@media (max-width: 40em) { x { y: z } }\n";
        assert_eq!(
            String::from_utf8(compact("x.css", css.as_bytes())).unwrap(),
            "a :focus,b>i{width:calc(1rem + 2px);content:\"a { b: c\";}\n@media (max-width:40em){x{y:z}}\n"
        );
    }

    #[test]
    fn works_without_a_themes_folder() {
        let theme = load(Path::new("/nonexistent-handbook-root")).unwrap();
        assert!(theme.templates.iter().any(|(n, _)| n == "base.html"));
        let paths: Vec<&str> = theme.assets.iter().map(|a| a.path.as_str()).collect();
        assert!(
            paths.contains(&"assets/style.css") && paths.contains(&"assets/handbook.js"),
            "{paths:?}"
        );
    }
}
