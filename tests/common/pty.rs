//! The real binary in a pseudo-terminal, with a vt100 parser reading its screen.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub struct Terminal {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, as it came.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Terminal {
    /// Start `nudge args…` on `db` in a `cols`×`rows` terminal, with the pinned clock and zone.
    pub fn start(home: &Path, db: &Path, args: &[&str], cols: u16, rows: u16) -> Terminal {
        Terminal::start_with(home, db, args, cols, rows, &[])
    }

    /// The same with more environment variables.
    pub fn start_with(
        home: &Path,
        db: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Terminal {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("nudge"));
        cmd.args(args);
        cmd.env_clear();
        for (key, value) in [
            ("PATH", std::env::var("PATH").unwrap_or_default()),
            ("TERM", "xterm-256color".to_string()),
            ("NUDGE_NOW", super::NOW.to_string()),
            ("TZ", "Europe/London".to_string()),
            ("HOME", home.display().to_string()),
            ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
            ("XDG_DATA_HOME", home.join("data").display().to_string()),
            ("XDG_STATE_HOME", home.join("state").display().to_string()),
            ("NUDGE_DB", db.display().to_string()),
            ("NUDGE_CHECK_PLANS", "1".to_string()),
        ] {
            cmd.env(key, value);
        }
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).expect("spawn nudge");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let feed = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&raw);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut raw) = keep.lock() {
                    raw.extend_from_slice(&buf[..n]);
                }
                if let Ok(mut parser) = feed.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Terminal {
            parser,
            raw,
            writer,
            child,
            _master: pair.master,
        }
    }

    /// Every byte the program has written to the terminal.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }

    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(false)
    }

    /// Whether the terminal still reports mouse clicks or wraps pastes (modes nudge turns on).
    pub fn mouse_or_paste_mode(&self) -> bool {
        self.parser
            .lock()
            .map(|p| {
                let screen = p.screen();
                screen.bracketed_paste()
                    || screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None
            })
            .unwrap_or(true)
    }

    /// Whether the terminal is in raw mode (no line editing, no echo), as `stty` reads it.
    pub fn raw_mode(&self) -> bool {
        let Some(tty) = self._master.tty_name() else {
            panic!("the pseudo-terminal has no name");
        };
        let out = std::process::Command::new("stty")
            .arg("-F")
            .arg(&tty)
            .arg("-a")
            .output()
            .expect("stty runs");
        let modes = String::from_utf8_lossy(&out.stdout).to_string();
        let words: Vec<&str> = modes.split_whitespace().collect();
        !(words.contains(&"icanon") && words.contains(&"echo"))
    }

    /// Send bytes in one write, as fast as the terminal takes them (a burst). Panics when nudge
    /// stops reading before it has taken them all (the write would block for ever).
    pub fn burst(&mut self, text: &str) {
        let mut writer = std::mem::replace(&mut self.writer, Box::new(std::io::sink()));
        let bytes = text.as_bytes().to_vec();
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let written = writer.write_all(&bytes).and_then(|()| writer.flush());
            let _ = done.send((written, writer));
        });
        match finished.recv_timeout(Duration::from_secs(20)) {
            Ok((written, writer)) => {
                written.expect("write to the terminal");
                self.writer = writer;
            }
            Err(_) => {
                let _ = self.child.kill();
                panic!(
                    "nudge stopped reading its input mid-burst; the screen shows:\n{}",
                    self.screen()
                );
            }
        }
    }

    /// Send a signal to nudge.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("pid");
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .expect("kill");
        assert!(status.success(), "kill -{name} {pid}");
    }

    /// Wait (up to 10 s) for the program to end; returns its exit code, or the signal that ended
    /// it.
    pub fn wait_code(&mut self) -> Result<u32, String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                std::thread::sleep(Duration::from_millis(100));
                return match status.signal() {
                    Some(signal) => Err(signal.to_string()),
                    None => Ok(status.exit_code()),
                };
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("nudge did not exit; the screen shows:\n{}", self.screen());
    }

    pub fn cursor_visible(&self) -> bool {
        self.parser
            .lock()
            .map(|p| !p.screen().hide_cursor())
            .unwrap_or(false)
    }

    /// Wait (up to 10 s) until the screen shows `text`; panics with the screen otherwise.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the screen never showed {text:?}; it shows:\n{}",
            self.screen()
        );
    }

    pub fn send(&mut self, text: &str) {
        self.writer
            .write_all(text.as_bytes())
            .expect("write to the terminal");
        self.writer.flush().expect("flush");
        // Let each key land before the next, as a person would type.
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Wait (up to 10 s) for the program to end; returns whether it exited successfully.
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader thread take in the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("nudge did not exit; the screen shows:\n{}", self.screen());
    }
}

impl Terminal {
    /// The columns of each screen row that hold a vertical border, as the terminal shows it.
    pub fn border_columns(&self) -> Vec<Vec<u16>> {
        let Ok(parser) = self.parser.lock() else {
            return Vec::new();
        };
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows)
            .map(|row| {
                (0..cols)
                    .filter(|col| {
                        screen
                            .cell(row, *col)
                            .is_some_and(|c| matches!(c.contents(), "│" | "╭" | "╮" | "╰" | "╯"))
                    })
                    .collect()
            })
            .collect()
    }
}
