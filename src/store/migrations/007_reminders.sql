-- What was told to the user away from the dashboard (src/store/reminders.rs). Local to this
-- machine: never exported, never synced (each machine reminds its own desktop).

-- One row per reminder sent: its key ("check:<uuid>") and the moment it came due. A snooze or a
-- new check-back moves the moment, so the reminder is new again. Pruned after 60 days.
CREATE TABLE reminders_sent (
    key      TEXT    NOT NULL,
    due      INTEGER NOT NULL,
    sent_at  INTEGER NOT NULL,
    -- Where it was shown: 'desktop', 'print', 'dashboard'.
    how      TEXT    NOT NULL,
    PRIMARY KEY (key, due)
) WITHOUT ROWID;
CREATE INDEX reminders_sent_at ON reminders_sent (sent_at);

-- What `nudge calendar push` put in the CalDAV collection, by the UID it gave it: where it is,
-- the ETag the server answered, and what was sent (an unchanged entry is not sent again).
CREATE TABLE calendar_sent (
    uid       TEXT    PRIMARY KEY,
    href      TEXT    NOT NULL,
    etag      TEXT,
    body      TEXT    NOT NULL,
    item_id   INTEGER NOT NULL,
    -- 'deadline' (its VEVENT), 'deadline_todo' (its VTODO) or 'check' (an ask's check-back VTODO).
    kind      TEXT    NOT NULL
) WITHOUT ROWID;
