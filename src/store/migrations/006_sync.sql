-- The sync replica (src/store/replica.rs, src/sync): the engine's copy of every record, by UUID,
-- and the operations not yet sent. Integer ids stay here; only UUIDs and fields travel.
CREATE TABLE sync_tasks (
    uuid     TEXT    PRIMARY KEY,
    -- The table and local row the record is (NULL while it waits for a record it refers to).
    tbl      TEXT,
    row_id   INTEGER,
    -- The engine's property map, as JSON.
    data     TEXT    NOT NULL,
    -- The record as this database had it at the last feed or apply, when that differs from
    -- `data` (a local change made during a sync): local changes are what differs from it.
    base     TEXT,
    -- 1 while it is in the replica but not yet written here (it refers to a record not here yet).
    waiting  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX sync_tasks_row ON sync_tasks (tbl, row_id);
CREATE INDEX sync_tasks_waiting ON sync_tasks (waiting) WHERE waiting = 1;

CREATE TABLE sync_operations (
    id    INTEGER PRIMARY KEY,
    data  TEXT    NOT NULL
);

CREATE TABLE sync_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- Rows a sync wrote, with the last journal entry there was then: `undo` of an older entry leaves
-- them as the other machine made them.
CREATE TABLE sync_applied (
    tbl         TEXT    NOT NULL,
    row_id      INTEGER NOT NULL,
    journal_id  INTEGER NOT NULL,
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

-- The order entries were undone in, so the next sync sends undos too.
ALTER TABLE journal ADD COLUMN undo_seq INTEGER;
CREATE INDEX journal_undo_seq ON journal (undo_seq) WHERE undo_seq IS NOT NULL;
