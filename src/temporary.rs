//! Files written under a temporary name beside their final one, then renamed (or linked) into
//! place, so no reader ever sees half of one. A process killed before the rename leaves its
//! temporary behind (an export's can be hundreds of megabytes): the next one to write the same
//! file removes those whose process is gone.

use std::fs;
use std::path::{Path, PathBuf};

/// `.{name}.{pid}.{tag}` beside `path`: hidden, and telling which process wrote it.
pub fn beside(path: &Path, tag: &str) -> PathBuf {
    path.with_file_name(format!(".{}.{}.{tag}", file_name(path), std::process::id()))
}

/// Remove the temporaries of `path` with `tag` (and each one's `sides`, such as SQLite's
/// "-wal") left by processes that no longer run. Nothing is removed when that cannot be told
/// (no /proc), and a file this cannot remove stays: it is only litter.
pub fn remove_abandoned(path: &Path, tag: &str, sides: &[&str]) {
    let proc_ = Path::new("/proc");
    if !proc_.join("self").exists() {
        return;
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{}.", file_name(path));
    let suffix = format!(".{tag}");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix)?.strip_suffix(&suffix))
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if proc_.join(pid).exists() {
            continue;
        }
        let left = folder.join(&name);
        for side in sides {
            let mut with_side = left.clone().into_os_string();
            with_side.push(side);
            let _ = fs::remove_file(with_side);
        }
        let _ = fs::remove_file(left);
    }
}

/// Make the file `path` holding `bytes`, private (0600), never over one that is there (an
/// `AlreadyExists` error): written and synced under a temporary name, then linked into place,
/// so a process killed part-way leaves no empty or half file under the name.
pub fn create_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    remove_abandoned(path, "new", &[]);
    let temporary = beside(path, "new");
    let made = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| fs::hard_link(&temporary, path));
    let _ = fs::remove_file(&temporary);
    made
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_file_is_made_once_and_never_over_another() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("secret");
        create_whole(&path, b"first\n").expect("made");
        assert_eq!(fs::read(&path).expect("read"), b"first\n");
        let mode = fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let again = create_whole(&path, b"second\n").expect_err("refused");
        assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).expect("read"), b"first\n", "kept");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["secret"], "no temporary is left");
    }

    #[test]
    fn only_the_temporaries_of_processes_gone_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("out.json");
        let ours = beside(&target, "tmp");
        // No process has a pid this large (the kernel's limit is 2^22).
        let gone = dir.path().join(".out.json.99999999.tmp");
        let gone_side = dir.path().join(".out.json.99999999.tmp-wal");
        let other_tag = dir.path().join(".out.json.99999999.new");
        let other_file = dir.path().join(".other.json.99999999.tmp");
        let not_a_pid = dir.path().join(".out.json.12ab.tmp");
        for file in [
            &target,
            &ours,
            &gone,
            &gone_side,
            &other_tag,
            &other_file,
            &not_a_pid,
        ] {
            fs::write(file, b"x").expect("write");
        }
        remove_abandoned(&target, "tmp", &["-wal"]);
        assert!(
            !gone.exists() && !gone_side.exists(),
            "the abandoned one goes"
        );
        for kept in [&target, &ours, &other_tag, &other_file, &not_a_pid] {
            assert!(kept.exists(), "{} stays", kept.display());
        }
        assert_eq!(
            ours.file_name().and_then(|n| n.to_str()),
            Some(format!(".out.json.{}.tmp", std::process::id()).as_str())
        );
    }
}
