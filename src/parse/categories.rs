//! FAQ categories: variants of one category (`Timing`, `timing`, `Timming`) would make separate
//! groups on the FAQ page, so they are errors. The FAQ section's `_index.md` may declare the
//! allowed ones (`categories:`); otherwise the most used spelling is taken as meant.

use super::entry::Entry;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::page::Kind;

/// Every FAQ entry whose category is not declared, or is a variant of another one in use.
pub(crate) fn check(entries: &[Entry], prefix: &str) -> Vec<Diagnostic> {
    let declared: Vec<&str> = entries
        .iter()
        .filter(|e| e.kind == Kind::Section && e.section == "faq")
        .flat_map(|e| e.front.categories.iter().map(String::as_str))
        .collect();
    let used: Vec<(&Entry, &str)> = entries
        .iter()
        .filter(|e| e.kind == Kind::Faq)
        .filter_map(|e| Some((e, e.front.category.as_deref()?)))
        .collect();
    let mut out = Vec::new();
    for &(entry, category) in &used {
        let path = format!("{prefix}{}", entry.file.rel_path);
        let at = |message: String| Diagnostic::error(&path, entry.category_line, 1, message).span(8);
        if !declared.is_empty() {
            if !declared.contains(&category) {
                let hint = match did_you_mean(category, &declared) {
                    Some(near) => {
                        format!("did you mean \"{near}\"? categories must match content/faq/_index.md exactly")
                    }
                    None => format!(
                        "use one of {}, or add it to `categories:` in content/faq/_index.md",
                        quoted(&declared)
                    ),
                };
                out.push(at(format!("FAQ category \"{category}\" is not declared")).hint(hint));
            }
            continue;
        }
        if let Some(meant) = meant(category, &used) {
            let how = if meant.to_lowercase() == category.to_lowercase() {
                "only in case"
            } else {
                "only in spelling"
            };
            out.push(
                at(format!("FAQ category \"{category}\" differs from \"{meant}\" {how}"))
                    .hint(format!(
                        "did you mean \"{meant}\"? each spelling makes its own group; or list the categories as `categories:` in content/faq/_index.md"
                    )),
            );
        }
    }
    out
}

/// The category `category` is likely a variant of: a close one used by more entries, or by as
/// many whose first use comes earlier.
fn meant<'a>(category: &str, used: &[(&Entry, &'a str)]) -> Option<&'a str> {
    let count = |c: &str| used.iter().filter(|(_, u)| *u == c).count();
    let first = |c: &str| used.iter().position(|(_, u)| *u == c);
    let mut others: Vec<&str> = used.iter().map(|(_, u)| *u).filter(|u| *u != category).collect();
    others.dedup();
    let near = others
        .into_iter()
        .filter(|o| o.to_lowercase() == category.to_lowercase() || did_you_mean(category, &[o]).is_some())
        .filter(|o| (count(o), std::cmp::Reverse(first(o))) > (count(category), std::cmp::Reverse(first(category))));
    near.max_by_key(|o| (count(o), std::cmp::Reverse(first(o))))
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}
