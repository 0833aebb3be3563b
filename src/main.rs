//! The command line: parses arguments, runs the library, prints, and owns the exit codes
//! (0 success, 1 content errors, 2 usage or I/O errors). The only file that prints.

use clap::{Parser, Subcommand};
use handbook::diagnostic::Diagnostic;
use std::path::PathBuf;
use std::process::ExitCode;

// A build allocates many short-lived strings on every thread; glibc's allocator spent a sixth of
// the build's instructions on them (callgrind) and kept freed memory from the pages it rendered.
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            drafts,
            timings,
        } => {
            let out = out.unwrap_or_else(|| root.join("site"));
            build(handbook::BuildOptions { root, out, drafts }, timings)
        }
    }
}

fn build(options: handbook::BuildOptions, show_timings: bool) -> ExitCode {
    match handbook::build(&options) {
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
                ] {
                    eprintln!("timing: {stage:<6} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                }
            }
            eprintln!(
                "built {} pages ({} files) into {}",
                report.pages,
                report.files,
                options.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(handbook::Error::Content(problems)) => {
            print_diagnostics(&problems);
            let errors = problems.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "build failed: {errors} error{}; {} left as it was",
                if errors == 1 { "" } else { "s" },
                options.out.display()
            );
            ExitCode::from(1)
        }
        Err(handbook::Error::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn print_diagnostics(problems: &[Diagnostic]) {
    for d in problems {
        eprintln!("{}", d.render());
    }
}
