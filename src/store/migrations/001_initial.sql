-- 001 · every concept of DESIGN.md. Times are whole seconds since 1970 in UTC; tags and
-- expertise are space-separated lower-case words.

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    -- People are matched case-insensitively.
    name_key    TEXT    NOT NULL UNIQUE,
    team        TEXT,
    expertise   TEXT    NOT NULL DEFAULT '',
    notes       TEXT    NOT NULL DEFAULT '',
    prefers     TEXT,
    -- Median seconds from ask to answer over their latest answers; kept up to date whenever one
    -- of their asks changes status, so the attention order can use it without a scan.
    reply_median_secs INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- Asks, deadlines and proofing invitations share one id sequence (never reused, even after undo),
-- so `nudge done 12` is never ambiguous.
CREATE TABLE items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind IN ('ask', 'deadline', 'proofing')),
    title       TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    person_id   INTEGER REFERENCES people(id),
    why         TEXT,
    channel     TEXT,
    asked_at    INTEGER,
    need_by     INTEGER,
    next_check  INTEGER,
    due         INTEGER,
    tags        TEXT    NOT NULL DEFAULT '',
    deadline_id INTEGER REFERENCES items(id),
    piece       TEXT,
    notes       TEXT    NOT NULL DEFAULT '',
    decline_reason TEXT,
    -- The channel of the latest attempt (the ask, then each follow-up): for an answered ask, the
    -- channel that got the answer.
    last_via    TEXT,
    closed_at   INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- What the screens sort and filter by. The partial indexes hold only open items, so the panes
-- stay fast however much history piles up. items_open_asks covers every column the attention
-- order reads, so ordering never touches the table itself.
CREATE INDEX items_open_asks ON items(next_check, need_by, person_id) WHERE kind = 'ask' AND status = 'open';
CREATE INDEX items_open_deadlines    ON items(due)        WHERE kind = 'deadline' AND status = 'open';
CREATE INDEX items_open_proofing     ON items(created_at)
    WHERE kind = 'proofing' AND status IN ('to_send', 'sent', 'accepted');
CREATE INDEX items_kind_status  ON items(kind, status, closed_at);
CREATE INDEX items_person       ON items(person_id, kind, status, closed_at);
CREATE INDEX items_deadline     ON items(deadline_id) WHERE deadline_id IS NOT NULL;
CREATE INDEX items_asked_at     ON items(asked_at) WHERE kind = 'ask';
CREATE INDEX items_closed_at    ON items(closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX items_asks_by_person ON items(person_id, status, last_via) WHERE kind = 'ask';

CREATE TABLE follow_ups (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    at          INTEGER NOT NULL,
    channel     TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX follow_ups_item ON follow_ups(item_id, at);
CREATE INDEX follow_ups_at   ON follow_ups(at);

CREATE TABLE critiques (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    said        TEXT    NOT NULL,
    piece       TEXT,
    deadline_id INTEGER REFERENCES items(id),
    response    TEXT    NOT NULL CHECK (response IN ('invite', 'style_guide', 'fixed', 'let_go')),
    proofing_id INTEGER REFERENCES items(id),
    at          INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX critiques_person   ON critiques(person_id, at);
CREATE INDEX critiques_proofing ON critiques(proofing_id) WHERE proofing_id IS NOT NULL;
CREATE INDEX critiques_at       ON critiques(at);

CREATE TABLE favors (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    direction   TEXT    NOT NULL CHECK (direction IN ('gave', 'got')),
    what        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX favors_person ON favors(person_id, at);

CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    at          INTEGER NOT NULL,
    stress      INTEGER NOT NULL CHECK (stress BETWEEN 1 AND 5),
    deadline_id INTEGER REFERENCES items(id),
    note        TEXT    NOT NULL DEFAULT '',
    slowdown_secs INTEGER NOT NULL DEFAULT 0,
    next_action TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX checkins_at ON checkins(at);

CREATE TABLE sprints (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    deadline_id INTEGER REFERENCES items(id),
    started_at  INTEGER NOT NULL,
    length_secs INTEGER NOT NULL,
    ended_at    INTEGER,
    outcome     TEXT    NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'finished', 'stopped')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX sprints_started ON sprints(started_at);

-- One per day ('YYYY-MM-DD' in the user's zone).
CREATE TABLE reflections (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    day         TEXT    NOT NULL UNIQUE,
    went_well   TEXT    NOT NULL DEFAULT '',
    stuck       TEXT    NOT NULL DEFAULT '',
    first_call  TEXT    NOT NULL DEFAULT '',
    stress      INTEGER CHECK (stress IS NULL OR stress BETWEEN 1 AND 5),
    free_text   TEXT    NOT NULL DEFAULT '',
    -- The day's numbers as they were when the reflection was written (JSON).
    summary     TEXT    NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- The daily review, one per day, resumable where it was left.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    day         TEXT    NOT NULL UNIQUE,
    -- The queue as it was when the review began (JSON), so it resumes where it was left.
    queue       TEXT    NOT NULL DEFAULT '[]',
    position    INTEGER NOT NULL DEFAULT 0,
    decisions   TEXT    NOT NULL DEFAULT '[]',
    finished_at INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- Every mutation, with the rows as they were before it: serves undo and history.
CREATE TABLE journal (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    item_id     INTEGER,
    undone_at   INTEGER
);
CREATE INDEX journal_item ON journal(item_id) WHERE item_id IS NOT NULL;

CREATE TABLE journal_changes (
    journal_id  INTEGER NOT NULL REFERENCES journal(id),
    seq         INTEGER NOT NULL,
    tbl         TEXT    NOT NULL,
    row_id      INTEGER NOT NULL,
    -- The row as JSON before the change; NULL when the change created it.
    before      TEXT,
    PRIMARY KEY (journal_id, seq)
) WITHOUT ROWID;
