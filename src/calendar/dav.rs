//! A CalDAV collection over plain HTTP: one resource per UID, created with
//! `If-None-Match: *`, changed and deleted with `If-Match: <etag>`, read back with GET. The
//! client is async; a runtime of one thread lives only as long as this value, inside
//! `nudge calendar`.

use reqwest::{Method, StatusCode, header};

/// What went wrong with the server (exit 3: remote unavailable or rejected).
#[derive(Debug, thiserror::Error)]
pub enum DavError {
    #[error("cannot reach {url}: {cause}")]
    Unreachable { url: String, cause: String },
    #[error(
        "{url} refused the user name or password (HTTP {status}); check [calendar] user and password"
    )]
    Auth { url: String, status: u16 },
    #[error("{url} answered HTTP {status} to {method}{detail}")]
    Rejected {
        url: String,
        method: String,
        status: u16,
        detail: String,
    },
}

/// How a conditional write went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Done; the new ETag when the server gave one.
    Done(Option<String>),
    /// The condition failed: the resource exists already (create) or changed there (update).
    Changed,
    /// The resource is not there (update, delete).
    Missing,
}

pub struct Collection {
    runtime: tokio::runtime::Runtime,
    http: reqwest::Client,
    /// Always ends with `/`.
    base: String,
    user: Option<String>,
    password: Option<String>,
}

impl Collection {
    pub fn new(
        url: &str,
        user: Option<String>,
        password: Option<String>,
    ) -> Result<Collection, DavError> {
        let unreachable = |cause: String| DavError::Unreachable {
            url: url.to_string(),
            cause,
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| unreachable(e.to_string()))?;
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .connect_timeout(std::time::Duration::from_secs(10))
            .user_agent(concat!("nudge/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| unreachable(e.to_string()))?;
        let mut base = url.to_string();
        if !base.ends_with('/') {
            base.push('/');
        }
        Ok(Collection {
            runtime,
            http,
            base,
            user,
            password,
        })
    }

    /// The resource's URL for a UID (a name made only of safe characters).
    pub fn href(&self, uid: &str) -> String {
        let name: String = uid
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        format!("{}{name}.ics", self.base)
    }

    fn send(
        &self,
        method: Method,
        url: &str,
        headers: &[(header::HeaderName, String)],
        body: Option<&str>,
    ) -> Result<(StatusCode, Option<String>, String), DavError> {
        let mut request = self.http.request(method.clone(), url);
        if let Some(user) = &self.user {
            request = request.basic_auth(user, self.password.as_deref());
        }
        for (name, value) in headers {
            request = request.header(name, value);
        }
        if let Some(body) = body {
            request = request
                .header(header::CONTENT_TYPE, "text/calendar; charset=utf-8")
                .body(body.to_string());
        }
        let reply = self.runtime.block_on(async {
            let response = request.send().await?;
            let status = response.status();
            let etag = response
                .headers()
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let text = response.text().await?;
            Ok::<_, reqwest::Error>((status, etag, text))
        });
        let (status, etag, text) = reply.map_err(|e| DavError::Unreachable {
            url: url.to_string(),
            cause: cause(&e),
        })?;
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            return Err(DavError::Auth {
                url: url.to_string(),
                status: status.as_u16(),
            });
        }
        Ok((status, etag, text))
    }

    fn rejected(method: &str, url: &str, status: StatusCode, text: &str) -> DavError {
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        let detail = if first.is_empty() || first.len() > 200 {
            String::new()
        } else {
            format!(": {first}")
        };
        DavError::Rejected {
            url: url.to_string(),
            method: method.to_string(),
            status: status.as_u16(),
            detail,
        }
    }

    /// Make sure the collection answers (and the password is right) before anything is written.
    pub fn check(&self) -> Result<(), DavError> {
        let propfind = Method::from_bytes(b"PROPFIND").unwrap_or(Method::GET);
        let (status, _, text) = self.send(
            propfind,
            &self.base,
            &[(header::HeaderName::from_static("depth"), "0".into())],
            None,
        )?;
        if status.is_success() {
            Ok(())
        } else {
            Err(Self::rejected("PROPFIND", &self.base, status, &text))
        }
    }

    /// Create the resource; `Changed` when one is there already.
    pub fn create(&self, href: &str, body: &str) -> Result<Written, DavError> {
        self.put(href, body, (header::IF_NONE_MATCH, "*".into()))
    }

    /// Replace the resource as last seen (`etag`), or whatever is there without one.
    pub fn update(&self, href: &str, body: &str, etag: Option<&str>) -> Result<Written, DavError> {
        match etag {
            Some(etag) => self.put(href, body, (header::IF_MATCH, etag.to_string())),
            None => self.put_any(href, body),
        }
    }

    fn put(
        &self,
        href: &str,
        body: &str,
        condition: (header::HeaderName, String),
    ) -> Result<Written, DavError> {
        let (status, etag, text) = self.send(Method::PUT, href, &[condition], Some(body))?;
        match status {
            s if s.is_success() => Ok(Written::Done(etag)),
            StatusCode::PRECONDITION_FAILED => Ok(Written::Changed),
            StatusCode::NOT_FOUND => Ok(Written::Missing),
            s => Err(Self::rejected("PUT", href, s, &text)),
        }
    }

    fn put_any(&self, href: &str, body: &str) -> Result<Written, DavError> {
        let (status, etag, text) = self.send(Method::PUT, href, &[], Some(body))?;
        if status.is_success() {
            Ok(Written::Done(etag))
        } else {
            Err(Self::rejected("PUT", href, status, &text))
        }
    }

    pub fn delete(&self, href: &str, etag: Option<&str>) -> Result<Written, DavError> {
        let headers: Vec<(header::HeaderName, String)> = etag
            .map(|e| vec![(header::IF_MATCH, e.to_string())])
            .unwrap_or_default();
        let (status, _, text) = self.send(Method::DELETE, href, &headers, None)?;
        match status {
            s if s.is_success() => Ok(Written::Done(None)),
            StatusCode::PRECONDITION_FAILED => Ok(Written::Changed),
            StatusCode::NOT_FOUND | StatusCode::GONE => Ok(Written::Missing),
            s => Err(Self::rejected("DELETE", href, s, &text)),
        }
    }

    /// The resource as the server holds it, with its ETag; None when it is gone.
    pub fn get(&self, href: &str) -> Result<Option<(String, Option<String>)>, DavError> {
        let (status, etag, text) = self.send(Method::GET, href, &[], None)?;
        match status {
            s if s.is_success() => Ok(Some((text, etag))),
            StatusCode::NOT_FOUND | StatusCode::GONE => Ok(None),
            s => Err(Self::rejected("GET", href, s, &text)),
        }
    }
}

/// reqwest's error with its causes ("error sending request: connection refused").
fn cause(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        let more = inner.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = inner.source();
    }
    text
}
