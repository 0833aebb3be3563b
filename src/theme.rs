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
const ASSETS: &[(&str, &[u8])] = embedded_assets!["style.css", "handbook.js"];

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
        .map(|(n, b)| OutputFile::new(format!("assets/{n}"), *b))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A page may load 40 KB of CSS and JS in all; search.js needs about 12 KB of it.
    #[test]
    fn the_theme_leaves_room_for_search_in_the_page_budget() {
        let weight: usize = ASSETS
            .iter()
            .filter(|(n, _)| n.ends_with(".css") || n.ends_with(".js"))
            .filter(|(n, _)| *n != "search.js")
            .map(|(_, b)| b.len())
            .sum();
        assert!(weight <= 28 * 1024, "style.css + handbook.js weigh {weight} bytes");
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
