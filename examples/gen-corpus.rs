//! Benchmark corpus: a deterministic handbook of N realistic pages (~900 words, every widget,
//! tags, cross-links that resolve). `cargo run --release --example gen-corpus -- N DIR [--seed S]`.

use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

#[path = "gen-corpus/words.rs"]
mod words;
use words::*;

/// Written into DIR so a later run may replace a corpus it made, and nothing else.
const MARKER: &str = ".gen-corpus";
const SECTIONS: [&str; 3] = ["articles", "faq", "case-studies"];

/// SplitMix64: tiny, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, page: usize, stream: u64) -> Rng {
        let mut r = Rng(seed ^ (page as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ stream.rotate_left(32));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    /// `at_least` to `at_least + spread` distinct entries of `from`, in random order.
    fn distinct<'a>(&mut self, from: &[&'a str], at_least: usize, spread: usize) -> Vec<&'a str> {
        let k = at_least + self.below(spread + 1);
        let mut idx: Vec<usize> = (0..from.len()).collect();
        (0..k.min(from.len()))
            .map(|n| {
                let j = n + self.below(idx.len() - n);
                idx.swap(n, j);
                from[idx[n]]
            })
            .collect()
    }
}

/// What other pages need to know about a page: where it is and which anchors it has.
struct Meta {
    section: &'static str,
    slug: String,
    title: String,
    headings: Vec<&'static str>,
}

/// The section of page `i`: 60% articles, 25% FAQ entries, 15% case studies.
fn section_of(i: usize) -> usize {
    match i % 20 {
        0..=11 => 0,
        12..=16 => 1,
        _ => 2,
    }
}

fn meta(seed: u64, i: usize) -> Meta {
    let mut r = Rng::new(seed, i, 1);
    let section = section_of(i);
    let title = match section {
        0 => format!("{} {}", r.pick(TITLE_LEADS), r.pick(TITLE_TOPICS)),
        1 => format!("{} {}?", r.pick(QUESTION_LEADS), r.pick(TITLE_TOPICS)),
        _ => format!("{} and {}: {}", r.pick(NAMES), r.pick(NAMES), r.pick(CASE_THEMES)),
    };
    let slug_words: Vec<&str> = title.split_whitespace().take(5).collect();
    let slug = format!("{}-{i}", github_slug(&slug_words.join(" ")));
    let headings = r.distinct(HEADINGS, 5, 1);
    Meta {
        section: SECTIONS[section],
        slug,
        title,
        headings,
    }
}

/// GitHub's heading ids: lower-case, punctuation except `-` and `_` dropped, spaces to `-`.
fn github_slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// A link from page `from` to a random other page, sometimes to one of its headings.
fn link(seed: u64, n: usize, from: &Meta, r: &mut Rng) -> String {
    let text = r.pick(LINK_TEXTS);
    if r.chance(4) {
        let path = if from.section.is_empty() {
            "get-help.md"
        } else {
            "../get-help.md"
        };
        return format!("[{text}]({path})");
    }
    let j = r.below(n);
    let to = meta(seed, j);
    if to.section == "faq" && r.chance(15) {
        let dir = if from.section == "faq" { "" } else { "../faq/" };
        return format!("[{text}]({dir}_index.md#{})", to.slug);
    }
    let path = if to.section == from.section {
        let dot = if r.chance(30) { "./" } else { "" };
        format!("{dot}{}.md", to.slug)
    } else {
        format!("../{}/{}.md", to.section, to.slug)
    };
    let anchor = if r.chance(40) {
        format!("#{}", github_slug(to.headings[r.below(to.headings.len())]))
    } else {
        String::new()
    };
    format!("[{text}]({path}{anchor})")
}

fn sentence(r: &mut Rng, out: &mut String) {
    let len = 8 + r.below(10);
    for w in 0..len {
        let word = r.pick(VOCAB);
        if w == 0 {
            let mut c = word.chars();
            let first = c.next().map(|f| f.to_uppercase().to_string()).unwrap_or_default();
            out.push_str(&first);
            out.push_str(c.as_str());
        } else {
            out.push(' ');
            match r.below(40) {
                0 => write!(out, "**{word}**").unwrap(),
                1 => write!(out, "*{word}*").unwrap(),
                2 if w > 2 && w + 1 < len => write!(out, "{word},").unwrap(),
                _ => out.push_str(word),
            }
        }
    }
    out.push_str(". ");
}

/// A paragraph of 3–5 sentences, with `links` cross-links woven in.
fn paragraph(seed: u64, n: usize, me: &Meta, links: usize, r: &mut Rng, out: &mut String) {
    let count = 3 + r.below(3);
    for s in 0..count {
        sentence(r, out);
        if s < links {
            let l = link(seed, n, me, r);
            write!(out, "See {l}. ").unwrap();
        }
    }
    out.pop();
    out.push_str("\n\n");
}

fn front_matter(seed: u64, n: usize, i: usize, me: &Meta, r: &mut Rng, out: &mut String) {
    writeln!(out, "---\ntitle: \"{}\"", me.title).unwrap();
    // Articles get a random review date below; the others a fixed one, which draws nothing from
    // the generator, so the corpus stays the same as before apart from this line.
    if me.section != "articles" {
        writeln!(out, "reviewed: 2025-06-01").unwrap();
    }
    let mut summary = String::new();
    sentence(r, &mut summary);
    writeln!(out, "summary: \"{}\"", summary.trim().replace('*', "")).unwrap();
    let mut tags: Vec<String> =
        vec![COMMON_TAGS[(COMMON_TAGS.len() as f64 * (r.below(1000) as f64 / 1000.0).powi(2)) as usize].into()];
    if r.chance(50) {
        tags.push(r.pick(COMMON_TAGS).into());
    }
    tags.push(tail_tag(r.below((n / 20).max(40))));
    tags.dedup();
    writeln!(out, "tags: [{}]", tags.join(", ")).unwrap();
    if me.section != "case-studies" && r.chance(30) {
        writeln!(out, "weight: {}", r.below(100)).unwrap();
    }
    match me.section {
        "articles" => {
            writeln!(out, "reviewed: 2025-{:02}-{:02}", 1 + r.below(12), 1 + r.below(28)).unwrap();
            if r.chance(30) {
                let to = meta(seed, (i + 1 + r.below(n.max(2) - 1)) % n);
                let path = if to.section == me.section {
                    format!("./{}.md", to.slug)
                } else {
                    format!("../{}/{}.md", to.section, to.slug)
                };
                if to.slug != me.slug {
                    writeln!(out, "related:\n  - {path}").unwrap();
                }
            }
        }
        "faq" => writeln!(out, "category: {}", r.pick(FAQ_CATEGORIES)).unwrap(),
        _ => {
            writeln!(out, "outcome: {}", r.pick(OUTCOMES)).unwrap();
            writeln!(out, "people: \"{} and {}\"", r.pick(NAMES), r.pick(NAMES)).unwrap();
            writeln!(out, "duration: {} months", 2 + r.below(22)).unwrap();
            out.push_str("lessons:\n");
            for lesson in r.distinct(LESSONS, 2, 2) {
                writeln!(out, "  - {lesson}").unwrap();
            }
        }
    }
    out.push_str("---\n\n");
}

/// The widgets, one per section of the page; which ones a page has depends on its seed.
fn widget(slot: usize, me: &Meta, r: &mut Rng, out: &mut String) {
    match slot {
        0 => {
            for item in r.distinct(LIST_ITEMS, 3, 2) {
                writeln!(out, "- {item}").unwrap();
            }
            out.push('\n');
        }
        1 => {
            out.push_str("| Stage | What helps | What to avoid |\n|---|---|---|\n");
            for stage in TABLE_STAGES.iter().take(4) {
                writeln!(out, "| {} | {} | {} |", stage, r.pick(LIST_ITEMS), r.pick(DONTS)).unwrap();
            }
            out.push('\n');
        }
        2 => {
            for item in r.distinct(CHECK_ITEMS, 4, 2) {
                let tick = if r.chance(20) { "x" } else { " " };
                writeln!(out, "- [{tick}] {item}").unwrap();
            }
            out.push('\n');
        }
        3 if r.chance(55) => {
            writeln!(
                out,
                "```checklist\nid: {}-ready\ntitle: {}",
                me.slug,
                r.pick(CHECKLIST_TITLES)
            )
            .unwrap();
            if r.chance(60) {
                writeln!(
                    out,
                    "done: You have done the groundwork. Whatever the answer, you are ready for it."
                )
                .unwrap();
            }
            out.push_str("items:\n");
            for (k, item) in r.distinct(CHECK_ITEMS, 4, 2).into_iter().enumerate() {
                if k == 0 && r.chance(30) {
                    writeln!(out, "  - id: first-step\n    text: {item}").unwrap();
                } else {
                    writeln!(out, "  - {item}").unwrap();
                }
            }
            out.push_str("```\n\n");
        }
        3 => {
            let kind = r.pick(&["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]);
            writeln!(
                out,
                "> [!{kind}]\n> {} Write down what you notice.\n",
                r.pick(ALERT_TEXTS)
            )
            .unwrap();
        }
        4 if r.chance(40) => {
            out.push_str("```timeline\n");
            for (k, step) in r.distinct(TIMELINE_STEPS, 3, 1).into_iter().enumerate() {
                writeln!(
                    out,
                    "- when: {}\n  title: {step}\n  body: Take it *slowly* and {}.",
                    TIMELINE_WHEN[k],
                    r.pick(LIST_ITEMS).to_lowercase()
                )
                .unwrap();
            }
            out.push_str("```\n\n");
        }
        4 => {
            out.push_str("```dos-and-donts\ndo:\n");
            for item in r.distinct(LIST_ITEMS, 3, 0) {
                writeln!(out, "  - {item}").unwrap();
            }
            out.push_str("dont:\n");
            for item in r.distinct(DONTS, 3, 0) {
                writeln!(out, "  - {item}").unwrap();
            }
            out.push_str("```\n\n");
        }
        _ => {
            writeln!(
                out,
                "> {}\n>\n> — {}, {}\n",
                r.pick(QUOTES),
                r.pick(NAMES),
                r.pick(ATTRIBUTIONS)
            )
            .unwrap();
        }
    }
}

fn page(seed: u64, n: usize, i: usize) -> (String, String) {
    let me = meta(seed, i);
    let mut r = Rng::new(seed, i, 2);
    let mut out = String::with_capacity(8 * 1024);
    front_matter(seed, n, i, &me, &mut r, &mut out);
    paragraph(seed, n, &me, 1, &mut r, &mut out);
    writeln!(out, "> {} {}\n", r.pick(ALERT_TEXTS), r.pick(QUOTES)).unwrap();
    for (h, heading) in me.headings.iter().enumerate() {
        writeln!(out, "## {heading}\n").unwrap();
        paragraph(seed, n, &me, usize::from(h % 2 == 0), &mut r, &mut out);
        if h == 2 {
            writeln!(out, "### {}\n", r.pick(SUBHEADINGS)).unwrap();
        }
        paragraph(seed, n, &me, 0, &mut r, &mut out);
        widget(h, &me, &mut r, &mut out);
    }
    if r.chance(25) {
        out.push_str("Some advice has ~~aged badly~~ changed over the years.[^1]\n\n[^1]: Ask someone you trust.\n");
    }
    (format!("{}/{}.md", me.section, me.slug), out)
}

fn tail_tag(k: usize) -> String {
    let a = TAG_WORDS[k % TAG_WORDS.len()];
    let b = TAG_WORDS[(k / TAG_WORDS.len() + 7) % TAG_WORDS.len()];
    match k / (TAG_WORDS.len() * TAG_WORDS.len()) {
        0 => format!("{a}-{b}"),
        round => format!("{a}-{b}-{round}"),
    }
}

const CONFIG: &str = "description: \"A generated handbook for measuring build speed.\"
language: en
base_url: \"https://example.org/handbook/\"
sections: [articles, faq, case-studies]
exit_url: \"https://www.bbc.co.uk/weather\"
# Generated pages carry a fixed review date: never let the review lint age them.
review_after_days: 1000000
";

/// The pages that are not generated: home, section indexes, the two top-level pages.
pub fn fixed_pages() -> Vec<(String, String)> {
    let mut files = vec![
        ("_index.md".into(), "---\nreviewed: 2026-01-01\ntitle: \"Benchmark handbook\"\nsummary: \"Guidance, questions and stories.\"\n---\n\nStart with the [articles](articles/_index.md) or [get help now](get-help.md).\n".into()),
        ("get-help.md".into(), "---\nreviewed: 2026-01-01\ntitle: \"Get help now\"\nsummary: \"People who can help, now.\"\n---\n\n## Helplines\n\nCall someone you trust, or a local helpline.\n".into()),
        ("staying-safe.md".into(), "---\nreviewed: 2026-01-01\ntitle: \"Staying safe on this site\"\nsummary: \"What this site keeps on your device.\"\n---\n\n## What this site stores\n\nOnly your checklist ticks, and only if you ask.\n".into()),
    ];
    for (s, name) in SECTIONS.iter().enumerate() {
        files.push((format!("{name}/_index.md"), format!("---\nreviewed: 2026-01-01\ntitle: \"{}\"\nsummary: \"Everything in {name}.\"\nweight: {s}\n---\n\nPages of this section, in order.\n", SECTION_TITLES[s])));
    }
    files
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen-corpus N DIR [--seed S]";
    let mut seed = 1u64;
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()).expect(usage),
            _ => positional.push(a.clone()),
        }
    }
    let [n, dir] = positional.as_slice() else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect(usage);
    let dir = Path::new(dir);
    if let Err(e) = generate(n, seed, dir) {
        eprintln!("gen-corpus: {}: {e}", dir.display());
        std::process::exit(2);
    }
    eprintln!(
        "wrote {n} pages (+{} fixed pages) into {}",
        fixed_pages().len(),
        dir.display()
    );
}

/// Writes the corpus into `dir`, which must be empty, missing, or an earlier corpus.
pub fn generate(n: usize, seed: u64, dir: &Path) -> std::io::Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        if !dir.join(MARKER).exists() {
            return Err(std::io::Error::other(
                "not empty and not a generated corpus; refusing to overwrite",
            ));
        }
        std::fs::remove_dir_all(dir.join("content"))?;
    }
    let content = dir.join("content");
    for s in SECTIONS {
        std::fs::create_dir_all(content.join(s))?;
    }
    std::fs::write(dir.join(MARKER), format!("{n} {seed}\n"))?;
    let config = format!("title: \"Benchmark handbook ({n} pages)\"\n{CONFIG}");
    std::fs::write(dir.join("handbook.yaml"), config)?;
    for (path, text) in fixed_pages() {
        std::fs::write(content.join(path), text)?;
    }
    (0..n).into_par_iter().try_for_each(|i| {
        let (path, text) = page(seed, n, i);
        std::fs::write(content.join(path), text)
    })
}
