//! FAQ categories: variants of one category (`Timing`, `timing`, `Timming`) would make separate
//! groups on the FAQ page, so they are errors. The FAQ section's `_index.md` may declare the
//! allowed ones (`categories:`); otherwise the most used spelling is taken as meant.

use super::entry::Entry;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::page::Kind;
use std::collections::HashMap;

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
    let uses = Uses::of(&used);
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
        if let Some(meant) = uses.meant(category) {
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

/// Each category in use, with how many entries use it and where it is first used. Built once,
/// so a handbook of thousands of FAQ entries compares each spelling with the others once, not
/// once per entry.
struct Uses<'a> {
    /// (category, entries using it, index of its first use), in order of first use.
    counts: Vec<(&'a str, usize, usize)>,
    /// The category each one is likely a variant of, if any.
    meant: HashMap<&'a str, &'a str>,
}

impl<'a> Uses<'a> {
    fn of(used: &[(&Entry, &'a str)]) -> Uses<'a> {
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut counts: Vec<(&str, usize, usize)> = Vec::new();
        for (n, &(_, category)) in used.iter().enumerate() {
            let i = *at.entry(category).or_insert_with(|| {
                counts.push((category, 0, n));
                counts.len() - 1
            });
            counts[i].1 += 1;
        }
        let mut uses = Uses {
            counts,
            meant: HashMap::new(),
        };
        uses.meant = uses
            .counts
            .iter()
            .filter_map(|&(c, ..)| Some((c, uses.variant_of(c)?)))
            .collect();
        uses
    }

    fn meant(&self, category: &str) -> Option<&'a str> {
        self.meant.get(category).copied()
    }

    /// The category `category` is likely a variant of: a close one used by more entries, or by
    /// as many whose first use comes earlier.
    fn variant_of(&self, category: &str) -> Option<&'a str> {
        let rank = |&(_, count, first): &(&str, usize, usize)| (count, std::cmp::Reverse(first));
        let own = self.counts.iter().find(|(c, ..)| *c == category).map(rank)?;
        self.counts
            .iter()
            .filter(|(o, ..)| *o != category)
            .filter(|(o, ..)| o.to_lowercase() == category.to_lowercase() || did_you_mean(category, &[o]).is_some())
            .filter(|u| rank(u) > own)
            .max_by_key(|u| rank(u))
            .map(|(o, ..)| *o)
    }
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}
