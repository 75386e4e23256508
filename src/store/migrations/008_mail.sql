-- Replies noticed in the user's mail (src/store/mail.rs, src/mail). The mail store itself is
-- never written; only what nudge learnt from it is kept here.

-- A person's mail addresses, lower-cased and space-separated (exported and synced with them).
ALTER TABLE people ADD COLUMN emails TEXT NOT NULL DEFAULT '';
-- The Message-ID an ask was sent with by email, without the angle brackets.
ALTER TABLE items ADD COLUMN message_id TEXT;

-- A message found to answer an open ask: a suggestion until the user takes it (received, or a
-- follow-up) or says it is not (dismissed). Local to this machine, like the mail it came from.
CREATE TABLE mail_replies (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    message_id  TEXT    NOT NULL,
    from_addr   TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    -- When the reply was sent (its Date header, never later than when it was found).
    at          INTEGER NOT NULL,
    found_at    INTEGER NOT NULL,
    -- 'open' (suggested), 'received', 'followup' or 'dismissed'.
    state       TEXT    NOT NULL DEFAULT 'open',
    -- How it was matched: 'thread' (In-Reply-To/References) or 'words' (sender and title words).
    how         TEXT    NOT NULL,
    UNIQUE (item_id, message_id)
);
CREATE INDEX mail_replies_open ON mail_replies (item_id) WHERE state = 'open';

-- The user's own addresses, learnt from what they sent (`nudge ask --from-mail`): a message
-- from one of them is never taken for a reply.
CREATE TABLE mail_me (
    address  TEXT PRIMARY KEY
) WITHOUT ROWID;

-- How far each mail folder (or notmuch) was read (src/mail/maildir.rs): the newest change time
-- seen in nanoseconds (notmuch: its revision), the files changed at that very time (a JSON list
-- of names, read already), and when the folder was last listed.
CREATE TABLE mail_folders (
    folder   TEXT    PRIMARY KEY,
    seen     INTEGER NOT NULL,
    at_seen  TEXT    NOT NULL DEFAULT '[]',
    listed   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
