//! A bound on what YAML aliases may expand to: `*name` repeats a whole anchored value, so a few
//! kilobytes of front matter can stand for gigabytes. Checked before a block is read for real.

use crate::diagnostic::Diagnostic;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// What one value costs besides its text: about what it takes in memory once read.
const PER_VALUE: usize = 32;

/// The most a block may expand to: ten times its text, and never less than this.
const FLOOR: usize = 1024 * 1024;

/// An error if `yaml` (starting on file line `first_line`) expands, through aliases, to more than
/// ten times its size (or 1 MB for small blocks). Blocks without both an anchor and an alias are
/// not looked at; whatever else is wrong with a block is left to the real reading.
pub fn check(yaml: &str, first_line: usize, path: &str) -> Result<(), Diagnostic> {
    if !(yaml.contains('&') && yaml.contains('*')) {
        return Ok(());
    }
    let limit = (yaml.len() * 10).max(FLOOR);
    let budget = Budget {
        left: &Cell::new(limit),
        exceeded: &Cell::new(false),
    };
    let Ok(deserializer) = serde_yaml::Deserializer::from_str(yaml).next().ok_or(()) else {
        return Ok(());
    };
    let _ = budget.deserialize(deserializer);
    if !budget.exceeded.get() {
        return Ok(());
    }
    let (line, col) = first_alias(yaml).map_or((first_line, 1), |(l, c)| (first_line + l, c));
    Err(Diagnostic::error(
        path,
        line,
        col,
        format!(
            "this YAML expands to more than {} MB through its aliases (`*name` repeats a value written elsewhere)",
            limit / 1024 / 1024
        ),
    )
    .hint("write the values out instead of repeating them with aliases"))
}

/// The 0-based line and 1-based column of the first alias (`*name` after a space, `[`, `,`, `{`
/// or at a line's start).
fn first_alias(yaml: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let b = line.as_bytes();
        (0..b.len())
            .find(|&j| {
                b[j] == b'*'
                    && (j == 0 || b" [,{".contains(&b[j - 1]))
                    && b.get(j + 1)
                        .is_some_and(|n| n.is_ascii_alphanumeric() || b"_-".contains(n))
            })
            .map(|j| (i, line[..j].chars().count() + 1))
    })
}

/// Walks a YAML document as serde_yaml hands it out — aliases replayed — keeping nothing, and
/// stops once the values seen cost more than the budget.
#[derive(Clone, Copy)]
struct Budget<'a> {
    left: &'a Cell<usize>,
    exceeded: &'a Cell<bool>,
}

impl Budget<'_> {
    fn charge<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        match self.left.get().checked_sub(bytes + PER_VALUE) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.exceeded.set(true);
                Err(E::custom("expands too far"))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for Budget<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budget<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        self.charge(s.len())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.charge(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.charge(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 20 kB value repeated a hundred times: 2 MB from 21 kB of text. (serde_yaml's own guard
    /// counts repeated values, not their size, so it lets this through.)
    fn bomb() -> String {
        let refs = vec!["*big"; 100].join(", ");
        format!(
            "title: T\nextra:\n  big: &big \"{}\"\n  copies: [{refs}]\n",
            "x".repeat(20_000)
        )
    }

    #[test]
    fn an_alias_bomb_is_a_located_error() {
        let d = check(&bomb(), 2, "content/articles/a.md").unwrap_err();
        assert_eq!((d.line, d.col), (5, 12));
        assert_eq!(
            d.message,
            "this YAML expands to more than 1 MB through its aliases (`*name` repeats a value written elsewhere)"
        );
    }

    #[test]
    fn front_matter_and_widget_blocks_are_bounded_through_parse() {
        let d = crate::frontmatter::parse::<crate::frontmatter::FrontMatter>(&bomb(), 2, "a.md").unwrap_err();
        assert!(
            d.message.starts_with("this YAML expands to more than 1 MB"),
            "{}",
            d.message
        );
    }

    #[test]
    fn ordinary_aliases_and_plain_text_pass() {
        assert!(check("a: &x [1, 2]\nb: *x\nc: *x\n", 2, "a.md").is_ok());
        assert!(check("title: Stars * and & ampersands\n", 2, "a.md").is_ok());
        assert!(
            check("a: [unclosed\n", 2, "a.md").is_ok(),
            "syntax errors are the real reading's to report"
        );
    }
}
