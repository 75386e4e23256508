//! One message file read into what the reply rules need (`domain::mail::Mail`), with
//! mail-parser. Only the start of a file is read: headers and the first text part are there, a
//! 20 MB attachment is not needed to tell whether Dana answered.

use std::io::Read;
use std::path::Path;

use mail_parser::{Address, HeaderValue, MessageParser};

use crate::domain::mail::{Mail, bare_message_id, is_automatic};

/// How much of a message file is read.
pub const READ_LIMIT: u64 = 512 * 1024;
/// How much of its text the title words are looked for in.
const TEXT_LIMIT: usize = 4096;

/// The message in this file, or None when it is not one (no headers at all).
pub fn read_file(path: &Path) -> std::io::Result<Option<Mail>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(READ_LIMIT)
        .read_to_end(&mut bytes)?;
    Ok(parse(&bytes))
}

/// The message in these bytes (None: no headers at all).
pub fn parse(bytes: &[u8]) -> Option<Mail> {
    let message = MessageParser::default().parse(bytes)?;
    let raw = |name: &'static str| message.header_raw(name).map(str::trim);
    let subject = message.subject().unwrap_or("").trim().to_string();
    let automatic = is_automatic(
        raw("Auto-Submitted"),
        raw("Precedence"),
        raw("X-Autoreply").is_some() || raw("X-Autorespond").is_some(),
        &subject,
    );
    let list = raw("List-Id").is_some()
        || raw("Precedence").is_some_and(|p| p.eq_ignore_ascii_case("list"));
    let mut replies_to = ids(message.in_reply_to());
    replies_to.extend(ids(message.references()));
    let mut text: String = message
        .body_preview(TEXT_LIMIT)
        .map(|t| t.into_owned())
        .unwrap_or_default();
    if let Some(end) = text.char_indices().nth(TEXT_LIMIT).map(|(i, _)| i) {
        text.truncate(end);
    }
    Some(Mail {
        message_id: message
            .message_id()
            .map(bare_message_id)
            .unwrap_or_default(),
        replies_to,
        from: message.from().map(addresses).unwrap_or_default(),
        subject,
        sent_at: message.date().map(|d| d.to_timestamp()),
        text,
        automatic,
        list,
    })
}

/// What an ask sent by email says of itself (`nudge ask --from-mail FILE`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sent {
    /// The first recipient: their name as written, and address.
    pub to: Option<(Option<String>, String)>,
    /// The sender (the user).
    pub from: Option<String>,
    pub subject: String,
    pub message_id: Option<String>,
    pub date: Option<i64>,
}

/// A sent message's recipient, subject, Message-ID and date; None when the file holds no
/// message.
pub fn read_sent(path: &Path) -> std::io::Result<Option<Sent>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(READ_LIMIT)
        .read_to_end(&mut bytes)?;
    let Some(message) = MessageParser::default().parse(&bytes) else {
        return Ok(None);
    };
    let to = message.to().and_then(|to| {
        to.iter().find_map(|a| {
            let address = a.address()?.trim().to_lowercase();
            let name = a
                .name()
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty());
            Some((name, address))
        })
    });
    Ok(Some(Sent {
        to,
        from: message.from().and_then(|f| addresses(f).into_iter().next()),
        subject: message.subject().unwrap_or("").trim().to_string(),
        message_id: message.message_id().map(bare_message_id),
        date: message.date().map(|d| d.to_timestamp()),
    }))
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![bare_message_id(id)],
        HeaderValue::TextList(list) => list.iter().map(|id| bare_message_id(id)).collect(),
        _ => Vec::new(),
    }
}

/// Every address in a From header, lower-cased.
pub fn addresses(address: &Address<'_>) -> Vec<String> {
    address
        .iter()
        .filter_map(|a| a.address())
        .map(|a| a.trim().to_lowercase())
        .filter(|a| !a.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_is_read_with_its_thread_sender_date_and_text() {
        let raw = b"From: Dana Reyes <Dana@Acme.com>\r\n\
            To: me@me.example\r\n\
            Subject: =?utf-8?q?Re=3A_customer_quotes_=E2=80=94_done?=\r\n\
            Date: Tue, 24 Nov 2026 10:14:00 +0000\r\n\
            Message-ID: <r1@acme.com>\r\n\
            In-Reply-To: <ask-7@me.example>\r\n\
            References: <older@me.example> <ask-7@me.example>\r\n\
            Content-Type: text/plain; charset=utf-8\r\n\
            Content-Transfer-Encoding: quoted-printable\r\n\r\n\
            Here are the customer quotes =E2=80=94 three of them.\r\n";
        let mail = parse(raw).expect("a message");
        assert_eq!(mail.message_id, "r1@acme.com");
        assert_eq!(
            mail.replies_to,
            ["ask-7@me.example", "older@me.example", "ask-7@me.example"]
        );
        assert_eq!(mail.from, ["dana@acme.com"]);
        assert_eq!(mail.subject, "Re: customer quotes — done");
        assert_eq!(mail.sent_at, Some(1_795_515_240));
        assert!(
            mail.text.contains("customer quotes — three"),
            "{}",
            mail.text
        );
        assert!(!mail.automatic && !mail.list);
    }

    #[test]
    fn automatic_and_list_mail_is_marked() {
        let ooo = b"From: dana@acme.com\r\nSubject: Out of Office\r\nAuto-Submitted: auto-replied\r\n\r\nAway.\r\n";
        assert!(parse(ooo).expect("parsed").automatic);
        let list =
            b"From: dana@acme.com\r\nSubject: quotes\r\nList-Id: <team.acme.com>\r\n\r\nHi all\r\n";
        let mail = parse(list).expect("parsed");
        assert!(mail.list && !mail.automatic);
    }

    #[test]
    fn bytes_that_are_not_a_message_are_none_or_empty_never_a_panic() {
        for junk in [&b""[..], b"\xff\xfe\x00garbage", b"no colon here\r\n\r\n"] {
            if let Some(mail) = parse(junk) {
                assert!(mail.from.is_empty(), "{mail:?}");
            }
        }
    }
}
