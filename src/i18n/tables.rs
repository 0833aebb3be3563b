//! Reading translation tables: the ones embedded with the default theme and `i18n/*.yaml` folders.

use super::Text;
use crate::diagnostic::Diagnostic;
use crate::frontmatter;
use std::collections::BTreeMap;
use std::path::Path;

/// The default theme's tables, English first.
const EMBEDDED: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.yaml")),
    ("fr", include_str!("../../themes/default/i18n/fr.yaml")),
];

/// One translation table: a language's strings from one file.
#[derive(Clone, Debug)]
pub struct Layer {
    /// Primary language subtag, from the file name: `fr.yaml` -> `fr`.
    pub language: String,
    /// How diagnostics name the file.
    pub shown: String,
    pub table: BTreeMap<String, Text>,
    source: String,
}

impl Layer {
    /// Reads one table; `shown` names it in diagnostics.
    pub fn parse(language: &str, shown: &str, text: &str) -> Result<Layer, Diagnostic> {
        let table: BTreeMap<String, Text> = frontmatter::parse(text, 1, shown)
            .map_err(|d| d.hint("each line is `key: words`, or `key:` then `one:` and `other:` lines for a count"))?;
        Ok(Layer {
            language: super::primary(language),
            shown: shown.to_string(),
            table,
            source: text.to_string(),
        })
    }

    /// A warning at the line of `key` in this table.
    pub fn warning(&self, key: &str, message: String) -> Diagnostic {
        let line = frontmatter::top_level_keys(&self.source, 1)
            .into_iter()
            .find(|k| k.key == key)
            .map_or(0, |k| k.line);
        let mut d = Diagnostic::warning(self.shown.clone(), line, 1, message)
            .span(key.len())
            .hint("remove it, or check its spelling against the theme's i18n/en.yaml");
        d.attach_source(&self.source);
        d
    }
}

/// The embedded tables.
pub fn embedded() -> Vec<Layer> {
    EMBEDDED
        .iter()
        .map(|(lang, text)| {
            let shown = format!("themes/default/i18n/{lang}.yaml");
            Layer::parse(lang, &shown, text).expect("the default theme's tables are valid YAML")
        })
        .collect()
}

/// Every `*.yaml` in `dir` (none if it does not exist), sorted by name; a file that cannot be
/// read, is not a table, or resolves outside `root` is an error.
pub fn read_folder(dir: &Path, shown: &str, root: &Path) -> Result<Vec<Layer>, Vec<Diagnostic>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let (mut layers, mut problems) = (Vec::new(), Vec::new());
    for path in paths {
        let name = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = format!("{shown}/{name}.yaml");
        if !crate::source::is_inside(&path, root) {
            problems.push(Diagnostic::error(
                file,
                0,
                0,
                "is a link to a place outside the handbook; it is not read",
            ));
            continue;
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => crate::source::normalise(text),
            Err(e) => {
                problems.push(Diagnostic::error(file, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        match Layer::parse(&name, &file, &text) {
            Ok(layer) => layers.push(layer),
            Err(mut d) => {
                d.attach_source(&text);
                problems.push(d);
            }
        }
    }
    if problems.is_empty() {
        Ok(layers)
    } else {
        Err(problems)
    }
}
