//! Scaffolding: `handbook new` (one page with valid front matter for its kind) and `handbook init`
//! (a new handbook that builds at once). Writes files, never overwrites one.

use crate::page::Kind;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The summary `new` writes; `check` warns until an editor replaces it.
pub const SUMMARY_PLACEHOLDER: &str = "TODO: one sentence that says what the reader will take away";
/// The outcome `new` writes into a case study; `check` warns until it is replaced.
pub const OUTCOME_PLACEHOLDER: &str = "TODO: how it turned out, in one sentence";

/// What `handbook new` makes: which template, from the kind of page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewKind {
    Article,
    Faq,
    CaseStudy,
}

impl NewKind {
    fn of(kind: Kind) -> NewKind {
        match kind {
            Kind::Faq => NewKind::Faq,
            Kind::CaseStudy => NewKind::CaseStudy,
            _ => NewKind::Article,
        }
    }
}

/// The folder under `content/` that `what` names: `article`, `faq`, `case-study`, `page` (the
/// top of `content/`, as `""`), or a section folder's own name.
pub fn folder_of(what: &str) -> &str {
    match what {
        "article" => "articles",
        "case-study" => "case-studies",
        "page" => "",
        other => other,
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// Writes a new page for `what` (see `folder_of`) under `root/content/` and returns its path.
/// The slug is `slug` if given, else made from the title by the build's slug rules. Refuses to
/// overwrite, and refuses a misspelt section (one close to an existing folder).
pub fn new_page(root: &Path, what: &str, title: &str, slug: Option<&str>, today: &str) -> io::Result<PathBuf> {
    new_page_in(root, None, what, title, slug, today)
}

/// `new_page` in `language`'s folder (`content/fr/` for `fr`, one of `languages:`); the
/// handbook's own language, or `None`, writes under `content/`.
pub fn new_page_in(
    root: &Path,
    language: Option<&str>,
    what: &str,
    title: &str,
    slug: Option<&str>,
    today: &str,
) -> io::Result<PathBuf> {
    let title = title.trim();
    let mut content = root.join("content");
    if let Some(code) = language {
        content = content.join(language_folder(root, code)?);
    }
    if !content.is_dir() && language.is_none() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "{} has no content/ folder; start a handbook with `handbook init DIR`, or pass --root",
                root.display()
            ),
        ));
    }
    let folder = folder_of(what);
    let kind = if folder.is_empty() {
        Kind::Standalone
    } else {
        check_section(&content, folder)?;
        Kind::of_section(folder)
    };
    let slug = slug.map_or_else(|| crate::slug::from_title(title), str::to_string);
    if slug.is_empty() {
        return Err(invalid(
            "the title needs at least one letter or digit; or give --slug".into(),
        ));
    }
    crate::parse::check_slug(&slug, kind).map_err(|why| {
        invalid(format!(
            "cannot use the slug \"{slug}\": {why}; give another with --slug"
        ))
    })?;
    let dir = content.join(folder);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{slug}.md"));
    write_new(&path, &page_text(NewKind::of(kind), title, today))?;
    Ok(path)
}

/// The folder under `content/` of `code`: `""` for the handbook's own language, else `code`
/// if `languages:` lists it; an error naming the configured languages otherwise.
fn language_folder(root: &Path, code: &str) -> io::Result<String> {
    let config = crate::config::load(root).map_err(|problems| {
        let first = problems.first().map_or_else(String::new, |d| d.message.clone());
        invalid(format!("cannot read {}: {first}", crate::config::FILE_NAME))
    })?;
    if code == config.language {
        return Ok(String::new());
    }
    if config.languages.iter().any(|l| l.code == code) {
        return Ok(code.to_string());
    }
    let mut known = vec![format!("{} (content/)", config.language)];
    known.extend(
        config
            .languages
            .iter()
            .map(|l| format!("{} (content/{}/)", l.code, l.code)),
    );
    Err(invalid(format!(
        "no language \"{code}\" in {}: the handbook has {}; add it under `languages:` first",
        crate::config::FILE_NAME,
        known.join(", ")
    )))
}

/// A section folder name `new` may use: valid as a slug, and not a typo of an existing folder.
fn check_section(content: &Path, folder: &str) -> io::Result<()> {
    crate::slug::check(folder).map_err(|why| invalid(format!("\"{folder}\" cannot be a section: {why}")))?;
    if content.join(folder).is_dir() || ["articles", "faq", "case-studies"].contains(&folder) {
        return Ok(());
    }
    // A further language's folder may not exist yet: then only the usual sections are known.
    let mut existing: Vec<String> = std::fs::read_dir(content)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    existing.extend(["articles", "faq", "case-studies"].map(String::from));
    let names: Vec<&str> = existing.iter().map(String::as_str).collect();
    match crate::diagnostic::did_you_mean(folder, &names) {
        Some(near) => Err(invalid(format!(
            "there is no section \"{folder}\": did you mean \"{near}\"? (use `page` for a page at the top of content/)"
        ))),
        None => Ok(()),
    }
}

/// The file `new` writes: front matter valid for its kind, placeholders `check` reports.
pub fn page_text(kind: NewKind, title: &str, today: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar, so any title survives intact.
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut front = format!(
        "---\ntitle: {}\nsummary: {}\nreviewed: {today}\n",
        quoted(title),
        quoted(SUMMARY_PLACEHOLDER)
    );
    let body = match kind {
        NewKind::Article => {
            front.push_str("tags: []\n");
            "## First heading\n\nTODO: write the article. See docs/editing.md for checklists, timelines and callouts.\n"
        }
        NewKind::Faq => "TODO: answer the question in a few short paragraphs.\n",
        NewKind::CaseStudy => {
            front.push_str(&format!(
                "outcome: {}\npeople: \"\"\nduration: \"\"\nlessons: []\ntags: []\n",
                quoted(OUTCOME_PLACEHOLDER)
            ));
            "## What happened\n\nTODO: tell the story.\n\n## What they learned\n\nTODO: the lessons, in their words.\n"
        }
    };
    format!("{front}---\n\n{body}")
}

/// The files of a new handbook, relative to its folder. `{{today}}` is replaced on writing.
const INIT_FILES: &[(&str, &str)] = &[
    ("handbook.yaml", include_str!("scaffold/handbook.yaml")),
    ("EDITING.md", include_str!("scaffold/EDITING.md")),
    ("content/_index.md", include_str!("scaffold/home.md")),
    ("content/articles/_index.md", include_str!("scaffold/articles-index.md")),
    (
        "content/articles/getting-started.md",
        include_str!("scaffold/article.md"),
    ),
    ("content/faq/_index.md", include_str!("scaffold/faq-index.md")),
    ("content/faq/how-long-does-it-take.md", include_str!("scaffold/faq.md")),
    (
        "content/case-studies/_index.md",
        include_str!("scaffold/case-studies-index.md"),
    ),
    (
        "content/case-studies/a-fresh-start.md",
        include_str!("scaffold/case-study.md"),
    ),
    ("content/get-help.md", include_str!("scaffold/get-help.md")),
    ("content/staying-safe.md", include_str!("scaffold/staying-safe.md")),
];

/// Starts a handbook in `dir`, which must be missing or empty. Returns the files written.
pub fn init(dir: &Path, today: &str) -> io::Result<Vec<PathBuf>> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is not empty; init only starts a handbook in a new or empty folder",
                dir.display()
            ),
        ));
    }
    let mut written = Vec::new();
    for (rel, text) in INIT_FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write_new(&path, &text.replace("{{today}}", today))?;
        written.push(path);
    }
    Ok(written)
}

fn write_new(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => io::Error::new(
                e.kind(),
                format!("{} already exists; not overwriting it", path.display()),
            ),
            _ => io::Error::new(e.kind(), format!("{}: {e}", path.display())),
        })?;
    file.write_all(text.as_bytes())
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_date(secs / 86_400)
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_the_calendar() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(11_017), "2000-03-01");
        assert_eq!(civil_date(20_527), "2026-03-15");
        assert_eq!(civil_date(19_722), "2023-12-31");
    }

    #[test]
    fn new_refuses_to_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("content")).unwrap();
        let path = new_page(tmp.path(), "faq", "Why?", None, "2026-01-02").unwrap();
        assert!(path.ends_with("content/faq/why.md"));
        let err = new_page(tmp.path(), "faq", "Why?", None, "2026-01-02").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn new_works_for_any_section_and_top_level_pages() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("content/guides")).unwrap();
        let at = |what: &str, title: &str, slug: Option<&str>| new_page(tmp.path(), what, title, slug, "2026-01-02");
        assert!(at("guides", "Café culture", None)
            .unwrap()
            .ends_with("content/guides/cafe-culture.md"));
        assert!(at("page", "About us", None).unwrap().ends_with("content/about-us.md"));
        assert!(at("case-study", "Sam", Some("sam-and-alex"))
            .unwrap()
            .ends_with("content/case-studies/sam-and-alex.md"));
        let typo = at("guids", "Another", None).unwrap_err().to_string();
        assert!(typo.contains("did you mean \"guides\"?"), "{typo}");
        let reserved = at("article", "Con", None).unwrap_err().to_string();
        assert!(reserved.contains("cannot use the slug \"con\""), "{reserved}");
        assert!(at("page", "Search", None).is_err());
    }
}
