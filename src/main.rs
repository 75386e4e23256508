//! nudge: parse the command line, run it, exit with its code. Everything else is in the library.

fn main() {
    nudge::started();
    std::process::exit(nudge::cli::run(std::env::args_os()));
}
