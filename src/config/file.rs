//! The settings file: where it is, reading it (small, regular, UTF-8), turning its mistakes into
//! messages that name the file, the line and the key, and writing the commented default.

use std::path::{Path, PathBuf};

use super::{Config, DEFAULT_FILE};

/// Where the configuration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// Named by `--config` or `NUDGE_CONFIG`: then it must exist.
    pub explicit: bool,
}

/// A settings file that cannot be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: cannot read it: {why}", path.display())]
    Unreadable { path: PathBuf, why: String },
    /// A mistake at a line: the key (when there is one) and what would work.
    #[error("{}:{line}: {message}", path.display())]
    At {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// The default file could not be written (it says why and where).
    #[error(transparent)]
    NotWritten(#[from] NotWritten),
}

/// Why the default settings file was not written (the system's reason, as it says it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotWritten {
    #[error("cannot make the folder {}: {cause}", .folder.display())]
    Folder { folder: PathBuf, cause: String },
    #[error(
        "{} already exists; nothing was written (`nudge config show` prints what is in effect)",
        .0.display()
    )]
    Exists(PathBuf),
    #[error("cannot write {}: {cause}", .path.display())]
    Write { path: PathBuf, cause: String },
}

/// A check of settings that only a higher layer can make (the dashboard's keys and styles):
/// the key at fault and what is wrong.
pub type Check<'a> = &'a dyn Fn(&Config) -> Result<(), (String, String)>;

impl Config {
    /// Read the file at `source`; a missing default file means the defaults.
    pub fn load(source: &Source) -> Result<Config, ConfigError> {
        Config::load_checked(source, &|_| Ok(()))
    }

    /// `load`, with `check` run on the result too, its mistakes reported at their lines.
    pub fn load_checked(source: &Source, check: Check<'_>) -> Result<Config, ConfigError> {
        let text = match read_settings(&source.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !source.explicit => {
                let config = Config::default();
                check(&config).map_err(|(key, message)| ConfigError::At {
                    path: source.path.clone(),
                    line: 1,
                    message: format!("{key}: {message}"),
                })?;
                return Ok(config);
            }
            Err(e) => {
                return Err(ConfigError::Unreadable {
                    path: source.path.clone(),
                    why: e.to_string(),
                });
            }
        };
        Config::parse_checked(&text, &source.path, check)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        Config::parse_checked(text, path, &|_| Ok(()))
    }

    fn parse_checked(text: &str, path: &Path, check: Check<'_>) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            let message = e.message().trim().trim_end_matches('.').replace('\n', "; ");
            // "check_back_days: expected a whole number, not the text \"two\"".
            let key = text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.split_once('='))
                .map(|(key, _)| key.trim().trim_matches('"'))
                .filter(|key| !key.is_empty() && !key.starts_with('['));
            let message = plain_type_error(&message);
            let message = match key {
                Some(key) if !message.contains(key) => format!("{key}: {message}"),
                _ => message,
            };
            ConfigError::At {
                path: path.to_path_buf(),
                line,
                message,
            }
        })?;
        config
            .validate()
            .and_then(|()| check(&config))
            .map_err(|(key, problem)| ConfigError::At {
                path: path.to_path_buf(),
                line: line_of_key(text, &key),
                message: format!("{key}: {problem}"),
            })?;
        Ok(config)
    }
}

const LARGEST_FILE: u64 = 1024 * 1024;

/// A settings file's text, read only from a regular file of sensible size: a FIFO, a device
/// (/dev/zero) or a huge file is refused at once instead of hanging or filling memory.
fn read_settings(path: &Path) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind, Read};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "it is not a regular file (a folder, a pipe or a device); give a .toml file",
        ));
    }
    if meta.len() > LARGEST_FILE {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "it is {} bytes; a settings file is at most 1 MiB",
                meta.len()
            ),
        ));
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(LARGEST_FILE + 1)
        .read_to_string(&mut text)
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidData => Error::new(ErrorKind::InvalidData, "it is not UTF-8 text"),
            _ => e,
        })?;
    Ok(text)
}

/// serde's "invalid type: string \"two\", expected u32", in words a person uses.
fn plain_type_error(message: &str) -> String {
    let Some(rest) = message.strip_prefix("invalid type: ") else {
        return message.to_string();
    };
    let Some((got, expected)) = rest.split_once(", expected ") else {
        return message.to_string();
    };
    let wanted = match expected {
        "u32" | "u64" | "i64" | "u8" => "a whole number, like 2",
        "a string" => "text in quotes, like \"17:30\"",
        "a boolean" => "true or false",
        "a sequence" => "a list in brackets, like [\"mon\", \"tue\"]",
        other => other,
    };
    let got = got
        .replace("string ", "the text ")
        .replace("integer ", "the number ")
        .replace("boolean ", "")
        .replace('`', "");
    format!("expected {wanted}, not {got}")
}

/// The line of `key`: "workday_end", "theme.danger" (`danger =` after `[theme]`),
/// "keys.dashboard.snooze" (`snooze =` after `[keys.dashboard]`), or a section ("keys.dashboard").
fn line_of_key(text: &str, key: &str) -> usize {
    let header_line = |header: &str| {
        text.lines()
            .position(|line| line.trim() == format!("[{header}]"))
    };
    if let Some(at) = header_line(key) {
        return at + 1;
    }
    let (section, key) = match key.rsplit_once('.') {
        Some((section, key)) => (Some(section), key),
        None => (None, key),
    };
    let from = match section {
        Some(section) => match header_line(section) {
            Some(at) => at,
            // `[keys]` with `[keys.dashboard]` tables inside, or a dotted key.
            None => return line_of_key(text, section),
        },
        None => 0,
    };
    text.lines()
        .enumerate()
        .skip(from)
        .find(|(_, line)| {
            let line = line.trim_start().trim_start_matches('"');
            line.starts_with(key)
                && line[key.len()..]
                    .trim_start_matches('"')
                    .trim_start()
                    .starts_with('=')
        })
        .map_or(from + 1, |(i, _)| i + 1)
}

/// Write the commented default file at `path`, never over an existing one.
pub fn write_default(path: &Path) -> Result<(), ConfigError> {
    Ok(write_default_file(path)?)
}

fn write_default_file(path: &Path) -> Result<(), NotWritten> {
    use std::os::unix::fs::DirBuilderExt;
    let write = |cause: std::io::Error| NotWritten::Write {
        path: path.to_path_buf(),
        cause: cause.to_string(),
    };
    // 0700 and 0600 whatever the umask: the file may hold templates with names in them.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|cause| NotWritten::Folder {
                folder: dir.to_path_buf(),
                cause: cause.to_string(),
            })?;
    }
    crate::temporary::create_whole(path, DEFAULT_FILE.as_bytes()).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => NotWritten::Exists(path.to_path_buf()),
        _ => write(e),
    })
}

/// Add the table `[name]` with `body` to the settings file at `path` (written first as the
/// commented default when there is none), keeping every other line as it is. Refused when the
/// file already has that table, or would not read back; the file is replaced whole, never left
/// half written.
pub fn add_table(path: &Path, name: &str, body: &str) -> Result<(), ConfigError> {
    let unreadable = |why: String| ConfigError::Unreadable {
        path: path.to_path_buf(),
        why,
    };
    let text = match read_settings(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            write_default_file(path)?;
            DEFAULT_FILE.to_string()
        }
        Err(e) => return Err(unreadable(e.to_string())),
    };
    let header = format!("[{name}]");
    if let Some(line) = text.lines().position(|l| l.trim() == header) {
        return Err(ConfigError::At {
            path: path.to_path_buf(),
            line: line + 1,
            message: format!(
                "it already has a {header} table; change it there, or remove it and run this again"
            ),
        });
    }
    let mut text = text;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("\n{header}\n{body}"));
    Config::parse(&text, path)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let write = |cause: std::io::Error| {
        ConfigError::NotWritten(NotWritten::Write {
            path: path.to_path_buf(),
            cause: cause.to_string(),
        })
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(write)?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(write)?;
    file.as_file().sync_all().map_err(write)?;
    file.persist(path).map_err(|e| write(e.error))?;
    Ok(())
}

/// `$XDG_CONFIG_HOME/nudge/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "nudge").map(|d| d.config_dir().join("config.toml"))
}
