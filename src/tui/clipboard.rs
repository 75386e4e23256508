//! Putting a draft on the clipboard, and saying truthfully how it went: copied with a clipboard
//! program (wl-copy, xclip, xsel, pbcopy — the first one the session has), sent to the terminal
//! as OSC 52 (which the terminal, or tmux, may or may not let through), or not copied at all, in
//! which case the text is shown to copy by hand.
//!
//! The event loop calls `copy` after `update`: this is a side effect, never done while drawing.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How to copy, from the config's `clipboard` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The first clipboard program that fits the session, else OSC 52.
    Auto,
    Osc52,
    Program(Program),
    /// Never copy: show the text.
    Show,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    WlCopy,
    Xclip,
    Xsel,
    Pbcopy,
}

impl Program {
    /// In the order `auto` tries them.
    pub const ALL: [Program; 4] = [
        Program::WlCopy,
        Program::Xclip,
        Program::Xsel,
        Program::Pbcopy,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Program::WlCopy => "wl-copy",
            Program::Xclip => "xclip",
            Program::Xsel => "xsel",
            Program::Pbcopy => "pbcopy",
        }
    }

    fn args(self) -> &'static [&'static str] {
        match self {
            Program::WlCopy | Program::Pbcopy => &[],
            Program::Xclip => &["-selection", "clipboard"],
            Program::Xsel => &["--clipboard", "--input"],
        }
    }

    /// Whether the session has what the program copies into (a Wayland or an X display).
    fn fits(self, session: &Session) -> bool {
        match self {
            Program::WlCopy => session.wayland,
            Program::Xclip | Program::Xsel => session.x11,
            Program::Pbcopy => true,
        }
    }
}

impl Method {
    /// The config's words: auto, osc52, wl-copy, xclip, xsel, pbcopy, none.
    pub fn from_name(name: &str) -> Option<Method> {
        Some(match name {
            "auto" => Method::Auto,
            "osc52" => Method::Osc52,
            "none" => Method::Show,
            other => Method::Program(Program::ALL.into_iter().find(|p| p.name() == other)?),
        })
    }
}

/// What the session offers, read once from the environment at the edge.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub path: Option<OsString>,
    pub wayland: bool,
    pub x11: bool,
    pub tmux: bool,
}

impl Session {
    fn find(&self, program: &str) -> Option<PathBuf> {
        let path = self.path.as_ref()?;
        std::env::split_paths(path)
            .map(|dir| dir.join(program))
            .find(|candidate| {
                use std::os::unix::fs::PermissionsExt;
                std::fs::metadata(candidate)
                    .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            })
    }
}

/// How the copy went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    /// A clipboard program took it.
    By(&'static str),
    /// Sent to the terminal as OSC 52; `inside_tmux` when tmux must let it through. `failed`
    /// says which program was tried first and why it did not take it.
    Osc52 {
        inside_tmux: bool,
        failed: Option<String>,
    },
    /// Not copied (the config says none, or nothing could take it): why.
    Not(String),
}

/// What the loop must do for OSC 52: the sequence is written by the caller, to the terminal it
/// owns.
pub fn copy(text: &str, method: Method, session: &Session) -> Copied {
    let osc52 = |failed| Copied::Osc52 {
        inside_tmux: session.tmux,
        failed,
    };
    match method {
        Method::Show => Copied::Not("the config says clipboard = \"none\"".into()),
        Method::Osc52 => osc52(None),
        Method::Program(program) => match run(program, text, session) {
            Ok(()) => Copied::By(program.name()),
            Err(why) => osc52(Some(why)),
        },
        Method::Auto => {
            let mut failed = None;
            for program in Program::ALL {
                if !program.fits(session) || session.find(program.name()).is_none() {
                    continue;
                }
                match run(program, text, session) {
                    Ok(()) => return Copied::By(program.name()),
                    Err(why) => failed = failed.or(Some(why)),
                }
            }
            osc52(failed)
        }
    }
}

/// How long a clipboard program may take to take the text.
const PROGRAM_WAIT: Duration = Duration::from_secs(2);

fn run(program: Program, text: &str, session: &Session) -> Result<(), String> {
    let name = program.name();
    let path = session
        .find(name)
        .ok_or_else(|| format!("{name} is not on the PATH"))?;
    let spawn = || {
        Command::new(&path)
            .args(program.args())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    };
    // A program file just written may be busy for a moment (ETXTBSY): try again briefly.
    let mut child = spawn()
        .or_else(|e| match e.raw_os_error() {
            Some(26) => {
                std::thread::sleep(Duration::from_millis(50));
                spawn()
            }
            _ => Err(e),
        })
        .map_err(|e| format!("{name} would not start: {e}"))?;
    // Closed once written, so the program sees the end of the text.
    let written = match child.stdin.take() {
        Some(mut stdin) => stdin.write_all(text.as_bytes()),
        None => Ok(()),
    };
    let deadline = Instant::now() + PROGRAM_WAIT;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if !status.success() => {
                return Err(format!("{name} failed ({status})"));
            }
            Ok(Some(_)) => {
                return written.map_err(|e| format!("{name} did not take the text: {e}"));
            }
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = child.kill();
                return Err(format!("{name} did not finish in 2 s"));
            }
            Err(e) => return Err(format!("{name}: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with a fake program that stores its input (or fails).
    fn session_with(program: &str, script: &str) -> (tempfile::TempDir, Session) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(program);
        std::fs::write(&path, script).expect("script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let session = Session {
            path: Some(dir.path().as_os_str().to_owned()),
            wayland: false,
            x11: true,
            tmux: false,
        };
        (dir, session)
    }

    #[test]
    fn a_program_on_the_path_copies_and_is_named() {
        let (dir, session) = session_with(
            "xclip",
            &format!("#!/bin/sh\ncat > {}/got\n", "\"$(dirname \"$0\")\""),
        );
        assert_eq!(copy("Hi Dana", Method::Auto, &session), Copied::By("xclip"));
        let got = std::fs::read_to_string(dir.path().join("got")).expect("copied");
        assert_eq!(got, "Hi Dana");
    }

    #[test]
    fn a_failing_program_falls_back_to_osc52_and_says_why() {
        let (_dir, session) = session_with("xclip", "#!/bin/sh\nexit 3\n");
        match copy("x", Method::Auto, &session) {
            Copied::Osc52 {
                failed: Some(why), ..
            } => assert!(why.contains("xclip failed"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn without_a_display_or_a_program_it_is_osc52_and_none_shows_the_text() {
        let (_dir, mut session) = session_with("xclip", "#!/bin/sh\nexit 0\n");
        session.x11 = false;
        session.tmux = true;
        assert_eq!(
            copy("x", Method::Auto, &session),
            Copied::Osc52 {
                inside_tmux: true,
                failed: None
            }
        );
        assert!(matches!(copy("x", Method::Show, &session), Copied::Not(_)));
        assert_eq!(
            Method::from_name("xsel"),
            Some(Method::Program(Program::Xsel))
        );
        assert_eq!(Method::from_name("clipboardy"), None);
        for name in crate::config::CLIPBOARD_METHODS {
            assert!(Method::from_name(name).is_some(), "{name}");
        }
    }
}
