-- Redo (issue 19): undo keeps what it took back, so redo can put it again.
-- Each undone row as it was just before the undo (NULL: it did not exist), and whether undo put
-- it back (rows another machine changed since are left as they are, and redo leaves them too).
ALTER TABLE journal_changes ADD COLUMN after TEXT;
ALTER TABLE journal_changes ADD COLUMN restored INTEGER NOT NULL DEFAULT 0;
-- The newest journal entry when this one was undone: a write after it (other than a redo) means
-- the user moved on, and redo no longer applies.
ALTER TABLE journal ADD COLUMN undo_mark INTEGER;
-- A redo is a write of its own (so undo and sync see it); it names the entry it put again, and
-- that entry is marked redone.
ALTER TABLE journal ADD COLUMN redo_of INTEGER;
ALTER TABLE journal ADD COLUMN redone_at INTEGER;
