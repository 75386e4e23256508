//! `nudge notify --install`: a systemd user service and timer that run `nudge notify` every few
//! minutes, written as files the user turns on with one `systemctl` line (or, without systemd,
//! a crontab line to add). Nothing here starts or stops anything itself.

use std::path::{Path, PathBuf};

pub const SERVICE: &str = "nudge-notify.service";
pub const TIMER: &str = "nudge-notify.timer";

/// What `nudge notify` runs with: the binary and the files it uses.
#[derive(Debug, Clone)]
pub struct Invocation {
    pub binary: PathBuf,
    pub db: PathBuf,
    pub config: PathBuf,
}

impl Invocation {
    fn words(&self) -> Vec<String> {
        vec![
            self.binary.display().to_string(),
            "--db".into(),
            self.db.display().to_string(),
            "--config".into(),
            self.config.display().to_string(),
            "notify".into(),
        ]
    }
}

/// `$XDG_CONFIG_HOME/systemd/user` (by default `~/.config/systemd/user`).
pub fn unit_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.config_dir().join("systemd").join("user"))
}

/// One word of an `ExecStart=` line, quoted so spaces, quotes, `%` and `$` stay as they are.
fn exec_word(word: &str) -> String {
    let mut out = String::from("\"");
    for c in word.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '%' => out.push_str("%%"),
            '$' => out.push_str("$$"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn service_unit(run: &Invocation) -> String {
    let exec: Vec<String> = run.words().iter().map(|w| exec_word(w)).collect();
    format!(
        "# Written by `nudge notify --install`; `nudge notify --uninstall` removes it.\n\
         [Unit]\n\
         Description=nudge: a desktop notification for each ask or deadline that came due\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={}\n\
         # Exit 3 (no notification service yet, e.g. before the desktop is up) is not a failure.\n\
         SuccessExitStatus=3\n",
        exec.join(" ")
    )
}

pub fn timer_unit(every_minutes: u32) -> String {
    format!(
        "# Written by `nudge notify --install`; `nudge notify --uninstall` removes it.\n\
         [Unit]\n\
         Description=Run nudge notify every {every_minutes} minutes\n\
         \n\
         [Timer]\n\
         OnStartupSec=1min\n\
         OnUnitActiveSec={every_minutes}min\n\
         AccuracySec=30s\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n"
    )
}

/// The crontab line for machines without systemd.
pub fn crontab_line(run: &Invocation, every_minutes: u32, bus: &str) -> String {
    let when = if every_minutes < 60 {
        format!("*/{every_minutes} * * * *")
    } else {
        format!("0 */{} * * *", (every_minutes / 60).clamp(1, 23))
    };
    let words: Vec<String> = run.words().iter().map(|w| shell_word(w)).collect();
    format!(
        "{when} DBUS_SESSION_BUS_ADDRESS={} {}",
        shell_word(bus),
        words.join(" ")
    )
}

/// A word for a POSIX shell: as it is when safe, else in single quotes (also for the commands
/// nudge tells the user to run).
pub(crate) fn shell_word(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-=:,+@".contains(c));
    if safe {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Whether this machine runs a systemd user manager: systemd booted it, and `systemctl` is on
/// `path` (the PATH variable).
pub fn has_systemd(path: Option<&std::ffi::OsStr>) -> bool {
    Path::new("/run/systemd/system").is_dir()
        && path.is_some_and(|paths| {
            std::env::split_paths(paths).any(|dir| dir.join("systemctl").is_file())
        })
}

/// Write both unit files into `dir` (made if missing); the paths written.
pub fn install(dir: &Path, run: &Invocation, every_minutes: u32) -> std::io::Result<[PathBuf; 2]> {
    std::fs::create_dir_all(dir)?;
    let service = dir.join(SERVICE);
    let timer = dir.join(TIMER);
    write_whole(&service, &service_unit(run))?;
    write_whole(&timer, &timer_unit(every_minutes))?;
    Ok([service, timer])
}

/// Write through a temporary file and rename, so a unit is never half written.
fn write_whole(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Remove the unit files and the timer's enable link; the paths removed.
pub fn uninstall(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for path in [
        dir.join("timers.target.wants").join(TIMER),
        dir.join(TIMER),
        dir.join(SERVICE),
    ] {
        // symlink_metadata: an enable link whose target is gone is still removed.
        if path.symlink_metadata().is_ok() {
            std::fs::remove_file(&path)?;
            removed.push(path);
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> Invocation {
        Invocation {
            binary: "/opt/my tools/nudge".into(),
            db: "/home/a/100%/nudge.db".into(),
            config: "/home/a/.config/nudge/config.toml".into(),
        }
    }

    #[test]
    fn exec_start_quotes_spaces_percent_and_dollar() {
        let unit = service_unit(&run());
        assert!(unit.contains(
            "ExecStart=\"/opt/my tools/nudge\" \"--db\" \"/home/a/100%%/nudge.db\" \"--config\""
        ));
        assert_eq!(exec_word("a$b\"c"), "\"a$$b\\\"c\"");
    }

    #[test]
    fn the_timer_runs_every_n_minutes() {
        let unit = timer_unit(7);
        assert!(unit.contains("OnUnitActiveSec=7min"));
        assert!(unit.contains("WantedBy=timers.target"));
    }

    #[test]
    fn crontab_lines() {
        let line = crontab_line(&run(), 5, "unix:path=/run/user/1000/bus");
        assert_eq!(
            line,
            "*/5 * * * * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus '/opt/my tools/nudge' \
             --db '/home/a/100%/nudge.db' --config /home/a/.config/nudge/config.toml notify"
        );
        assert!(crontab_line(&run(), 120, "x").starts_with("0 */2 * * * "));
    }

    #[test]
    fn install_then_uninstall_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let units = dir.path().join("systemd/user");
        let written = install(&units, &run(), 5).expect("install");
        assert!(written.iter().all(|p| p.is_file()));
        std::fs::create_dir_all(units.join("timers.target.wants")).expect("wants");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&written[1], units.join("timers.target.wants").join(TIMER))
            .expect("link");
        let removed = uninstall(&units).expect("uninstall");
        assert_eq!(removed.len(), 3);
        assert!(!units.join(TIMER).exists() && !units.join(SERVICE).exists());
        assert!(uninstall(&units).expect("again").is_empty());
    }
}
