//! The fuzzing engine, shared by `cargo run --release --example fuzz -- SECONDS` and the short
//! deterministic slice in `tests/fuzz.rs`: random and mutated inputs, seeded from the fixture
//! sites and the handbook, driven through the real entry points (`Target`), each on a worker
//! thread, watching for panics, hangs (no answer within a time limit) and memory or output
//! blow-ups (more than a bound set by the input's size).
//!
//! To fuzz another entry point (such as `serve`'s request handling), add a variant to `Target`,
//! to `TARGETS`, and an arm to `Target::run` that feeds it one input and returns how many bytes
//! it produced.

use handbook::frontmatter::{self, FrontMatter};
use handbook::markdown::{self, LinkTargets};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// An entry point of the generator that takes untrusted text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `frontmatter::split` and `frontmatter::parse` of a whole file (front matter and widget
    /// blocks are read by the same code).
    FrontMatter,
    /// `markdown::render`: Markdown with every widget, links, anchors.
    Markdown,
    /// A small site on disk whose article is the input: `load_site`, then every page rendered.
    Site,
    /// `serve::decide` on a request head made from the input (its first line as method and
    /// target, a `Host:` line if it has one): served paths never leave the site, and only the
    /// preview's own host is answered.
    ServeRequest,
}

/// Every target, in the order a run takes turns between them.
pub const TARGETS: &[Target] = &[
    Target::FrontMatter,
    Target::Markdown,
    Target::Site,
    Target::ServeRequest,
];

/// The most memory one input may take beyond the engine's own, and the most output it may make:
/// a fixed allowance plus this many times its size.
const FIXED_BOUND: usize = 64 << 20;
const BOUND_PER_BYTE: usize = 200;

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::FrontMatter => "front-matter",
            Target::Markdown => "markdown",
            Target::Site => "site",
            Target::ServeRequest => "serve-request",
        }
    }

    /// Feeds one input to the entry point; the number of bytes it produced.
    fn run(self, input: &str, scratch: &Path, theme: &handbook::theme::Theme) -> usize {
        match self {
            Target::FrontMatter => {
                let split = frontmatter::split(input, "fuzz.md");
                let Ok(split) = split else { return 0 };
                match frontmatter::parse::<FrontMatter>(split.yaml, split.yaml_line, "fuzz.md") {
                    Ok(front) => format!("{front:?}").len(),
                    Err(d) => d.render().len(),
                }
            }
            Target::Markdown => {
                let targets: LinkTargets = [("faq/q.md".to_string(), "faq/q.html".to_string())].into();
                let words = handbook::widgets::Words::english();
                let input = markdown::Input {
                    display_path: "content/articles/fuzz.md",
                    rel_path: "articles/fuzz.md",
                    body: input,
                    first_line: 5,
                    root: "../",
                    targets: &targets,
                    files: &Default::default(),
                    words: &words,
                };
                let (rendered, problems) = markdown::render(&input);
                rendered.html.len() + problems.iter().map(|d| d.render().len()).sum::<usize>()
            }
            Target::Site => site(input, scratch, theme),
            Target::ServeRequest => serve_request(input),
        }
    }
}

fn serve_request(input: &str) -> usize {
    use handbook::serve::{decide, Decision, RequestHead};
    let mut lines = input.lines();
    let first = lines.next().unwrap_or("");
    let mut words = first.split_whitespace();
    let (method, target) = match (words.next(), words.next()) {
        (Some(m), Some(t)) => (m, t),
        _ => ("GET", first),
    };
    let host = lines
        .find_map(|l| {
            l.get(..5)
                .filter(|h| h.eq_ignore_ascii_case("host:"))
                .map(|_| l[5..].trim())
        })
        .unwrap_or("127.0.0.1:4000");
    let head = RequestHead {
        method,
        target,
        host: Some(host.as_bytes()),
    };
    let decision = decide(&head, 4000);
    let allowed = ["127.0.0.1:4000", "[::1]:4000"].contains(&host) || host.eq_ignore_ascii_case("localhost:4000");
    assert_eq!(allowed, decision != Decision::WrongHost, "host {host:?}: {decision:?}");
    if let Decision::File { path, .. } = &decision {
        assert!(
            !path.starts_with('/') && !path.contains('\\') && !path.contains('\0'),
            "{path:?}"
        );
        assert!(
            path.split('/').all(|s| !s.is_empty() && s != ".." && s != "."),
            "{path:?}"
        );
    }
    format!("{decision:?}").len()
}

fn site(input: &str, root: &Path, theme: &handbook::theme::Theme) -> usize {
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        let _ = std::fs::create_dir_all(path.parent().unwrap_or(root));
        let _ = std::fs::write(path, text);
    };
    write(
        "content/_index.md",
        "---\ntitle: Home\n---\nSee [the article](articles/fuzz.md).\n",
    );
    write(
        "content/faq/q.md",
        "---\ntitle: Why?\nsummary: Because.\n---\nRead [this](../articles/fuzz.md#part).\n",
    );
    write("content/articles/fuzz.md", input);
    match handbook::load_site(root, false, &mut handbook::Timings::default()) {
        Ok((site, _)) => match handbook::render::render(&site, theme) {
            Ok(files) => files.iter().map(|f| f.bytes.len()).sum(),
            Err(problems) => problems.iter().map(|d| d.render().len()).sum(),
        },
        Err(problems) => handbook::diagnostic::render_capped(&problems)
            .iter()
            .map(String::len)
            .sum(),
    }
}

/// Counts the bytes allocated now and the most since `reset_peak`, for the memory bound.
pub struct CountingAlloc;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

/// xorshift64*: small, fast, the same sequence everywhere.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces of front matter, Markdown and widgets that mutations insert.
const TOKENS: &[&str] = &[
    "---\n",
    "\n",
    ": ",
    "- ",
    "  ",
    "\t",
    "\r\n",
    "[",
    "]",
    ",]",
    "{",
    "}",
    "&a ",
    "*a",
    "!x ",
    "|\n",
    "'",
    "\"",
    "#",
    " #",
    "```checklist\n",
    "```timeline\n",
    "```dos-and-donts\n",
    "```\n",
    "id: x\n",
    "items:\n  - a\n",
    "- when: 1\n  title: t\n  body: b\n",
    "do:\n  - a\ndont:\n  - b\n",
    "- [ ] ",
    "- [x] ",
    "> [!CAUTION]\n",
    "> — Someone\n",
    "[l](#part)",
    "[l](../faq/q.md#nope)",
    "[l](missing.md)",
    "## Part {#part}\n",
    "# ",
    "<details>",
    "<script>",
    "|a|b|\n|-|-|\n",
    "[^1]",
    "[^1]: n\n",
    "*",
    "_",
    "`",
    "~~",
    "![](x.png)",
    "é",
    "\u{202e}",
    "\u{0}",
    "tags: [a, b,]\n",
    "title: ",
    "summary: ",
    "extra:\n  k: ",
    "slug: ",
    "reviewed: ",
];

/// Source files to start from: every Markdown file of the fixtures and of the handbook.
pub fn seeds(repo: &Path) -> Vec<String> {
    let mut seeds = Vec::new();
    for dir in ["tests/fixtures", "content"] {
        for entry in walkdir::WalkDir::new(repo.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.path().extension().is_some_and(|e| e == "md") {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    seeds.push(text);
                }
            }
        }
    }
    seeds
}

/// A new input: a seed changed in one to eight places (tokens inserted, ranges deleted,
/// repeated or spliced in from another seed).
pub fn mutate(rng: &mut Rng, seeds: &[String]) -> String {
    let seed = &seeds[rng.below(seeds.len())];
    let mut text: Vec<u8> = seed.as_bytes().to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(text.len() + 1);
        let len = 1 + rng.below(64);
        let end = (at + len).min(text.len());
        match rng.below(6) {
            0 | 1 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                text.splice(at..at, token.iter().copied());
            }
            2 => {
                text.drain(at..end);
            }
            3 => {
                let times = [2, 10, 300][rng.below(3)];
                let piece = text[at..end].repeat(times);
                text.splice(at..at, piece);
            }
            4 => {
                let other = seeds[rng.below(seeds.len())].as_bytes();
                let from = rng.below(other.len());
                let to = (from + rng.below(400)).min(other.len());
                text.splice(at..at, other[from..to].iter().copied());
            }
            _ => {
                if let Some(b) = text.get_mut(at) {
                    *b = [b' ', b'-', b':', b'[', b'#', b'\n', b'*', b'`', b'0'][rng.below(9)];
                }
            }
        }
        text.truncate(256 * 1024);
    }
    String::from_utf8_lossy(&text).into_owned()
}

/// Something wrong one input did.
#[derive(Debug)]
pub struct Finding {
    pub target: Target,
    pub kind: &'static str,
    pub detail: String,
    pub input: String,
}

type Job = (Target, String);
type Answer = Result<(usize, usize), String>;

/// A thread that runs inputs one at a time, so the caller can give up on one that hangs.
struct Worker {
    jobs: mpsc::Sender<Job>,
    answers: mpsc::Receiver<Answer>,
}

impl Worker {
    fn start(theme: std::sync::Arc<handbook::theme::Theme>) -> Worker {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (answer_tx, answers) = mpsc::channel();
        std::thread::spawn(move || {
            let scratch = tempfile::tempdir().expect("a temporary folder for the site target");
            for (target, input) in job_rx {
                let base = CURRENT.load(Ordering::Relaxed);
                PEAK.store(base, Ordering::Relaxed);
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    target.run(&input, scratch.path(), &theme)
                }));
                let answer = match run {
                    Ok(bytes) => Ok((bytes, PEAK.load(Ordering::Relaxed).saturating_sub(base))),
                    Err(payload) => Err(payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "a panic".into())),
                };
                if answer_tx.send(answer).is_err() {
                    break;
                }
            }
        });
        Worker { jobs, answers }
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub inputs: usize,
    pub per_target: Vec<(&'static str, usize)>,
    pub findings: Vec<Finding>,
    pub elapsed: Duration,
}

/// How long and how hard to fuzz.
pub struct Plan {
    pub seed: u64,
    /// Stop after this many inputs, or
    pub max_inputs: usize,
    /// after this long, whichever comes first.
    pub duration: Duration,
    /// An input not done within this is a hang.
    pub hang_after: Duration,
    /// How many inputs go to each target per round, as `TARGETS` orders them (sites are slow).
    pub weights: Vec<usize>,
}

pub fn run(plan: &Plan, repo: &Path) -> Summary {
    let seeds = seeds(repo);
    let theme = std::sync::Arc::new(
        handbook::theme::load(Path::new("/nonexistent-handbook-root")).expect("the embedded theme"),
    );
    let mut worker = Worker::start(theme.clone());
    let mut rng = Rng(plan.seed | 1);
    let mut summary = Summary {
        per_target: TARGETS.iter().map(|t| (t.name(), 0)).collect(),
        ..Summary::default()
    };
    let start = Instant::now();
    let schedule: Vec<usize> = plan.weights.iter().enumerate().flat_map(|(i, w)| vec![i; *w]).collect();
    'outer: loop {
        for &t in &schedule {
            if summary.inputs >= plan.max_inputs || start.elapsed() >= plan.duration || summary.findings.len() >= 20 {
                break 'outer;
            }
            let target = TARGETS[t];
            let input = mutate(&mut rng, &seeds);
            summary.inputs += 1;
            summary.per_target[t].1 += 1;
            if worker.jobs.send((target, input.clone())).is_err() {
                worker = Worker::start(theme.clone());
                continue;
            }
            let bound = FIXED_BOUND + BOUND_PER_BYTE * input.len();
            let finding = match worker.answers.recv_timeout(plan.hang_after) {
                Ok(Ok((bytes, _))) if bytes > bound => Some(("output", format!("{bytes} bytes of output"))),
                Ok(Ok((_, memory))) if memory > bound => Some(("memory", format!("{memory} bytes allocated"))),
                Ok(Ok(_)) => None,
                Ok(Err(panic)) => Some(("panic", panic)),
                Err(_) => {
                    // The stuck thread is left behind; a fresh one takes the next inputs.
                    worker = Worker::start(theme.clone());
                    Some(("hang", format!("no answer after {:?}", plan.hang_after)))
                }
            };
            if let Some((kind, detail)) = finding {
                summary.findings.push(Finding {
                    target,
                    kind,
                    detail,
                    input,
                });
            }
        }
    }
    summary.elapsed = start.elapsed();
    summary
}

/// Writes each finding's input to `dir`, named by target, kind and a hash of the input.
pub fn save(findings: &[Finding], dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    use std::hash::{Hash, Hasher};
    std::fs::create_dir_all(dir)?;
    let mut saved = Vec::new();
    for f in findings {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        f.input.hash(&mut h);
        let path = dir.join(format!("{}-{}-{:016x}.md", f.target.name(), f.kind, h.finish()));
        std::fs::write(&path, &f.input)?;
        saved.push(path);
    }
    Ok(saved)
}
