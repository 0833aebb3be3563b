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
    "macros.html",
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
];
const ASSETS: &[(&str, &[u8])] = embedded_assets!["style.css", "handbook.js", "search.js"];

pub struct Theme {
    /// `(name, source)`, embedded defaults first, overrides after (later wins).
    pub templates: Vec<(String, String)>,
    /// Static files, written under `assets/`.
    pub assets: Vec<OutputFile>,
}

/// The embedded theme, with templates from `root/templates/` laid over it.
pub fn load(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: Vec<(String, String)> = TEMPLATES.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
    let assets = ASSETS
        .iter()
        .map(|(n, b)| OutputFile::new(format!("assets/{n}"), compact(n, b)))
        .collect();
    let overrides = root.join("templates");
    if overrides.is_dir() {
        let mut problems = Vec::new();
        let mut names: Vec<_> = std::fs::read_dir(&overrides)
            .map_err(|e| vec![Diagnostic::error("templates", 0, 0, format!("cannot read: {e}"))])?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        names.sort();
        for path in names {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    templates.retain(|(n, _)| *n != name);
                    templates.push((name, text));
                }
                Err(e) => problems.push(Diagnostic::error(
                    format!("templates/{name}"),
                    0,
                    0,
                    format!("cannot read: {e}"),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    Ok(Theme { templates, assets })
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
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page loads all of the theme's CSS and JS: together at most 40 KB as written.
    #[test]
    fn a_page_loads_at_most_40_kb_of_css_and_js() {
        let theme = load(Path::new("/nonexistent-handbook-root")).unwrap();
        let weight: usize = theme
            .assets
            .iter()
            .filter(|a| a.path.ends_with(".css") || a.path.ends_with(".js"))
            .map(|a| a.bytes.len())
            .sum();
        assert!(weight <= 40 * 1024, "CSS + JS weigh {weight} bytes");
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
