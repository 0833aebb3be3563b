//! The fast reader held to serde_yaml on random and mutated front matter: wherever it gives a
//! value, that value must be serde_yaml's, and it must never panic.

use super::read;
use serde_json::Value;

/// xorshift64*: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const KEYS: &[&str] = &[
    "title", "summary", "tags", "a", "b_c", "x-y", "k1", "_k", "true", "null", "Yes", "on", "é", "a b", "\"q\"", "1",
];

const SCALARS: &[&str] = &[
    "text",
    "Months 1–2",
    "\"quoted: x\"",
    "'single'",
    "'it''s'",
    "\"esc\\n\"",
    "[a, b]",
    "[a, b,]",
    "[a, b, ]",
    "[]",
    "[ ]",
    "[,]",
    "[a,,b]",
    "[ a ,b ]",
    "['x', \"y\"]",
    "[a: b]",
    "[[a]]",
    "{a: b}",
    "{}",
    "12",
    "007",
    "0",
    "-1",
    "1.5",
    "1e3",
    "0x1f",
    "2025-10-11",
    "2025-1-1",
    "~",
    "null",
    "true",
    "False",
    "yes",
    "no",
    "on",
    "inf",
    ".nan",
    "a: b",
    "a #c",
    "a#c",
    "#c",
    "*alias",
    "&anchor x",
    "!tag x",
    "|",
    ">",
    "- x",
    "é",
    "x y  z",
    "12:30",
    "1_000",
    "+5",
    ".5",
    "5.",
    "0o17",
    "1/2",
    "a'b",
    "'a",
    "\"a",
    "[a",
    "a]",
    "@x",
    "`x",
    "%x",
    "? x",
    ": x",
    ",x",
    "x,",
    "-",
    "--",
    "---",
    "...",
    "y",
    "n",
    "Y",
    "NULL",
    "TRUE",
    "a:",
    "a:b",
    "a - b",
    "a, b",
    "\"\"",
    "''",
    "9999999999999999999",
    "123456789012345678",
    "-0",
    "0.0",
    "1e",
    "e1",
    "1-2",
    "1.2.3",
    "x\u{85}y",
    "a\u{a0}b",
];

const NOISE: &[&str] = &[
    " ", "  ", "\t", ":", ": ", "-", "- ", "#", " #", "[", "]", ",", "'", "\"", "\n", "é", "\u{85}", "*", "&", "!",
    "|", ">", "{", "}", "?", "%", "@", "`", "0", ".", "\r", "\u{feff}", "\\", "---\n", "\n  ", "\n- ",
];

/// A front matter of mapping lines, list items and nesting, mostly the plain kind.
fn generate(rng: &mut Rng) -> String {
    let mut out = String::new();
    let lines = rng.below(8);
    for _ in 0..lines {
        let indent = [0, 0, 0, 2, 4][rng.below(5)];
        let pad = " ".repeat(indent);
        match rng.below(10) {
            0..=4 => out.push_str(&format!("{pad}{}: {}\n", rng.pick(KEYS), rng.pick(SCALARS))),
            5 => out.push_str(&format!("{pad}{}:\n", rng.pick(KEYS))),
            6 => out.push_str(&format!("{pad}- {}\n", rng.pick(SCALARS))),
            7 => out.push_str(&format!("{pad}- {}: {}\n", rng.pick(KEYS), rng.pick(SCALARS))),
            8 => out.push('\n'),
            _ => out.push_str(&format!("{pad}# note\n")),
        }
    }
    out
}

/// `text` changed in one to four places: a character inserted, removed or replaced, or a line
/// repeated.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 | 1 => {
                let noise: Vec<char> = rng.pick(NOISE).chars().collect();
                chars.splice(at..at, noise);
            }
            2 if at < chars.len() => {
                chars.remove(at);
            }
            _ => {
                let line: String = chars
                    .iter()
                    .collect::<String>()
                    .lines()
                    .nth(rng.below(4))
                    .unwrap_or("")
                    .to_string();
                chars.splice(at..at, line.chars().chain(['\n']));
            }
        }
    }
    chars.into_iter().collect()
}

fn serde_yaml_value(text: &str) -> Option<Value> {
    serde_yaml::from_str(if text.trim().is_empty() { "{}" } else { text }).ok()
}

#[test]
fn the_fast_reader_agrees_with_serde_yaml_on_random_and_mutated_front_matter() {
    const CASES: usize = 100_000;
    let seeds = [
        "title: \"Can we: stay?\"\nsummary: 'Yes'\ntags: [trust, money]\nweight: 67\nreviewed: 2025-10-11\ndraft: true\n",
        "outcome: reconciled\nlessons:\n  - Old patterns come back\n  - Friends meant well\n",
        "- when: Months 1–2\n  title: Talking\n  body: Take it *slowly*.\n- when: 3\n  title: x\n",
        "id: a-1\nitems:\n  - I know\n  - id: first-step\n    text: I have written\n",
        "tags: [a, b,]\n",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut compared, mut mismatches) = (0, Vec::new());
    for case in 0..CASES {
        let base = if case % 2 == 0 {
            generate(&mut rng)
        } else {
            seeds[rng.below(seeds.len())].to_string()
        };
        let text = if case % 3 == 0 { base } else { mutate(&mut rng, &base) };
        let Some(fast) = read(&text) else { continue };
        compared += 1;
        let slow = serde_yaml_value(&text);
        if slow.as_ref() != Some(&fast) && mismatches.len() < 10 {
            mismatches.push(format!("{text:?}\n  fast: {fast}\n  serde_yaml: {slow:?}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "the fast reader differs:\n{}",
        mismatches.join("\n")
    );
    assert!(
        compared > CASES / 5,
        "only {compared} of {CASES} cases were read by the fast reader"
    );
}
