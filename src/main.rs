//! The command line: parses arguments, runs the library, prints, and owns the exit codes
//! (0 success, 1 content errors, 2 usage or I/O errors). The only file that prints.

use clap::{Parser, Subcommand};
use handbook::diagnostic::Diagnostic;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

// A build allocates many short-lived strings on every thread; glibc's allocator spent a sixth of
// the build's instructions on them (callgrind) and kept freed memory from the pages it rendered.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "handbook", version, about = "Build guidance handbooks into static sites")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build content/ into site/ (atomically: a failed build keeps the old site/)
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/site]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Print the time each stage took
        #[arg(long)]
        timings: bool,
        /// Replace the output folder even if it holds files that no build made (never the
        /// handbook's own folders)
        #[arg(long)]
        force: bool,
    },
    /// Run every validation of build and the editorial lint; writes nothing
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check as `build --drafts` would build
        #[arg(long)]
        drafts: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Also fetch every http(s) link (10 s timeout, 8 at once; answers cached a day in
        /// .handbook-cache/) and warn about those that fail
        #[arg(long)]
        external: bool,
    },
    /// Preview on 127.0.0.1 with live reload (nothing is written)
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (an error if it is taken; 0 for any free port). Without it: 4000,
        /// or the next free port after it
        #[arg(long)]
        port: Option<u16>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Write a new page with valid front matter: article, faq, case-study, page (top level), or
    /// the name of any section folder
    New {
        what: String,
        title: String,
        /// The file name (without .md) [default: made from the title]
        #[arg(long)]
        slug: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// A language of `languages:` (e.g. fr): the page goes under content/fr/ [default: the
        /// handbook's own, under content/]
        #[arg(long)]
        language: Option<String>,
    },
    /// The content inventory: every page's kind, title, words, reading time and grade, review
    /// date and age, and links in and out
    Report {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Sort by this column
        #[arg(long, value_enum, default_value_t = SortBy::Source)]
        sort: SortBy,
        /// Only pages never reviewed or reviewed more than DAYS days ago
        #[arg(long, value_name = "DAYS")]
        stale: Option<u32>,
    },
    /// Start a new handbook in DIR (which must be missing or empty)
    Init { dir: PathBuf },
    /// Write an offline copy: one self-contained HTML file, a printable book or an EPUB
    Export {
        #[arg(long, value_enum)]
        format: ExportArg,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The file to write [default: handbook.html, print.html or handbook.epub]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// A further language of `languages:` (e.g. fr) [default: the handbook's own; written
        /// to handbook.fr.html, print.fr.html or handbook.fr.epub]
        #[arg(long)]
        language: Option<String>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportArg {
    Html,
    Print,
    Epub,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SortBy {
    Source,
    Title,
    Words,
    Grade,
    Review,
    Inbound,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            drafts,
            timings,
            force,
        } => {
            let out = out.unwrap_or_else(|| root.join("site"));
            let overwrite = if force {
                handbook::Overwrite::AnyUnprotected
            } else {
                handbook::Overwrite::OutputsOnly
            };
            build(handbook::BuildOptions { root, out, drafts }, overwrite, timings)
        }
        Command::Check {
            root,
            drafts,
            format,
            deny_warnings,
            external,
        } => check(&root, drafts, format, deny_warnings, external),
        Command::Serve { root, port, drafts } => serve(handbook::serve::ServeOptions { root, port, drafts }),
        Command::New {
            what,
            title,
            slug,
            root,
            language,
        } => {
            let today = handbook::scaffold::today();
            let lang = language.as_deref();
            match handbook::scaffold::new_page_in(&root, lang, &what, &title, slug.as_deref(), &today) {
                Ok(path) => {
                    println!("{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(&e.to_string()),
            }
        }
        Command::Report {
            root,
            format,
            sort,
            stale,
        } => report(&root, format, sort, stale),
        Command::Export {
            format,
            root,
            out,
            drafts,
            language,
        } => {
            let format = match format {
                ExportArg::Html => handbook::export::ExportFormat::Html,
                ExportArg::Print => handbook::export::ExportFormat::Print,
                ExportArg::Epub => handbook::export::ExportFormat::Epub,
            };
            export(&root, format, out, drafts, language.as_deref())
        }
        Command::Init { dir } => match handbook::scaffold::init(&dir, &handbook::scaffold::today()) {
            Ok(files) => {
                for f in &files {
                    println!("{}", f.display());
                }
                eprintln!(
                    "started a handbook in {0}: preview it with `handbook serve --root {0}`",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => usage_error(&e.to_string()),
        },
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// A `--root` that names no folder: a usage error (exit 2), before any work.
fn not_a_folder(root: &std::path::Path) -> Option<ExitCode> {
    (!root.is_dir()).then(|| {
        usage_error(&format!(
            "{} is not a folder; check the path given to --root",
            root.display()
        ))
    })
}

fn check(root: &std::path::Path, drafts: bool, format: Format, deny_warnings: bool, external: bool) -> ExitCode {
    if let Some(code) = not_a_folder(root) {
        return code;
    }
    let mut problems = handbook::check::check(root, drafts);
    if external {
        use handbook::check::external::{self, ExternalOptions};
        problems.extend(external::check(root, drafts, &ExternalOptions::for_root(root)));
        handbook::diagnostic::sort(&mut problems);
    }
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let warnings = problems.len() - errors;
    match format {
        Format::Json => {
            let report = serde_json::json!({ "errors": errors, "warnings": warnings, "diagnostics": problems });
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
        Format::Text => {
            print_diagnostics(&problems);
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            eprintln!(
                "check: {errors} error{}, {warnings} warning{}",
                plural(errors),
                plural(warnings)
            );
        }
    }
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn report(root: &std::path::Path, format: ReportFormat, sort: SortBy, stale: Option<u32>) -> ExitCode {
    if let Some(code) = not_a_folder(root) {
        return code;
    }
    use handbook::report::{self, SortBy as By};
    let mut rows = match report::inventory(root, &handbook::scaffold::today()) {
        Ok(rows) => rows,
        Err(problems) => {
            print_diagnostics(&problems);
            eprintln!("report: the handbook has errors; `handbook check` lists them");
            return ExitCode::from(1);
        }
    };
    if let Some(days) = stale {
        rows = report::stale(rows, i64::from(days));
    }
    let by = match sort {
        SortBy::Source => By::Source,
        SortBy::Title => By::Title,
        SortBy::Words => By::Words,
        SortBy::Grade => By::Grade,
        SortBy::Review => By::Review,
        SortBy::Inbound => By::Inbound,
    };
    report::sort(&mut rows, by);
    let text = match format {
        ReportFormat::Table => report::table(&rows),
        ReportFormat::Csv => report::csv(&rows),
        ReportFormat::Json => serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n",
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

fn export(
    root: &std::path::Path,
    format: handbook::export::ExportFormat,
    out: Option<PathBuf>,
    drafts: bool,
    language: Option<&str>,
) -> ExitCode {
    if let Some(code) = not_a_folder(root) {
        return code;
    }
    let out = out.unwrap_or_else(|| PathBuf::from(format.file_name_in(language)));
    match handbook::export::language_copy(root, format, drafts, language) {
        Ok((bytes, warnings)) => {
            print_diagnostics(&warnings);
            if let Err(why) = handbook::export::save(&out, &bytes) {
                return usage_error(&why);
            }
            eprintln!(
                "wrote {} ({})",
                out.display(),
                handbook::export::human_size(bytes.len())
            );
            ExitCode::SUCCESS
        }
        Err(handbook::Error::Content(problems)) => {
            print_diagnostics(&problems);
            eprintln!("export failed: nothing written");
            ExitCode::from(1)
        }
        Err(handbook::Error::Io(message)) => usage_error(&message),
    }
}

fn serve(options: handbook::serve::ServeOptions) -> ExitCode {
    use handbook::serve::Event;
    if !handbook::serve::is_handbook(&options.root) {
        return usage_error(&format!(
            "{} has no content/ folder; start one with `handbook init DIR`",
            options.root.display()
        ));
    }
    let server = match handbook::serve::start(&options) {
        Ok(server) => server,
        Err(e) => {
            let port = options.port.unwrap_or(handbook::serve::DEFAULT_PORT);
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                " — another program (or another preview) uses it: stop it, or choose another with --port N (--port 0 for any free one)"
            } else {
                ""
            };
            return usage_error(&format!("cannot serve on 127.0.0.1:{port}: {e}{hint}"));
        }
    };
    if let Some(port) = server.port_taken {
        eprintln!("port {port} is taken; using {} instead", server.addr.port());
    }
    println!("serving {} (Ctrl-C stops)", handbook::serve::url(server.addr));
    let stopper = server.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!("warning: cannot catch Ctrl-C: {e}");
    }
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    // Until a first build succeeds there is no good version to keep serving.
    let mut built = false;
    for event in server.events.iter() {
        built |= matches!(event, Event::Built { .. } | Event::Rebuilt { .. });
        match event {
            Event::Built { pages, elapsed } => eprintln!("built {pages} pages in {:.0} ms", ms(elapsed)),
            Event::Rebuilt {
                rendered,
                edited,
                elapsed,
            } => eprintln!(
                "rebuilt {rendered} page{}: the edited page in {:.1} ms, all in {:.1} ms",
                if rendered == 1 { "" } else { "s" },
                ms(edited),
                ms(elapsed)
            ),
            Event::Failed(problems) => {
                print_diagnostics(&problems);
                eprintln!("{}", serve_failed_note(built));
            }
            Event::WatchFailed(why) => eprintln!("warning: cannot watch for changes: {why}"),
            Event::Stopped => break,
        }
    }
    eprintln!("stopped");
    ExitCode::SUCCESS
}

/// What the terminal says after a failed (re)build: whether an older version is still served.
fn serve_failed_note(built: bool) -> &'static str {
    if built {
        "still serving the last good pages; the browser shows these problems until they are fixed"
    } else {
        "no version of the handbook has built yet; the browser shows these problems until they are fixed"
    }
}

fn build(options: handbook::BuildOptions, overwrite: handbook::Overwrite, show_timings: bool) -> ExitCode {
    if let Some(code) = not_a_folder(&options.root) {
        return code;
    }
    match handbook::build_with(&options, overwrite) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            if show_timings {
                let t = &report.timings;
                for (stage, d) in [
                    ("load", t.load),
                    ("parse", t.parse),
                    ("link", t.link),
                    ("render", t.render),
                    ("index", t.index),
                    ("write", t.write),
                    ("lint", t.lint),
                ] {
                    eprintln!("timing: {stage:<6} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                }
            }
            let warnings = report.warnings.len();
            eprintln!(
                "built {} pages ({} files) into {}; {warnings} warning{}",
                report.pages,
                report.files,
                options.out.display(),
                if warnings == 1 { "" } else { "s" }
            );
            ExitCode::SUCCESS
        }
        Err(handbook::Error::Content(problems)) => {
            print_diagnostics(&problems);
            let errors = problems.iter().filter(|d| d.is_error()).count();
            // A content error stops the build before it writes anything, so what is there now
            // is what was there (put back first if a killed build had left it missing).
            let kept = if options.out.exists() {
                format!("{} left as it was", options.out.display())
            } else {
                "nothing written".to_string()
            };
            eprintln!(
                "build failed: {errors} error{}; {kept}",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(handbook::Error::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Prints diagnostics as rustc does, at most `MAX_PER_FILE` for each file.
fn print_diagnostics(problems: &[Diagnostic]) {
    for text in handbook::diagnostic::render_capped(problems) {
        eprintln!("{text}");
    }
}
