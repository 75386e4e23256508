-- Insights at 100,000 items without reading every closed ask.

-- How each person's closed asks went, by the channel of their last attempt. Kept by triggers, so
-- every path that changes an ask (commands, undo, import, demo loads) keeps it right; a pair
-- back to no closed asks leaves no row, so undo leaves the table exactly as it was.
CREATE TABLE person_channels (
    person_id   INTEGER NOT NULL,
    channel     TEXT    NOT NULL,
    answered    INTEGER NOT NULL DEFAULT 0,
    closed      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (person_id, channel)
) WITHOUT ROWID;

INSERT INTO person_channels (person_id, channel, answered, closed)
SELECT person_id, last_via, SUM(status = 'received'), COUNT(*) FROM items
WHERE kind = 'ask' AND status IN ('received', 'declined', 'dropped')
  AND last_via IS NOT NULL AND person_id IS NOT NULL
GROUP BY person_id, last_via;

CREATE TRIGGER person_channels_insert AFTER INSERT ON items
WHEN NEW.kind = 'ask' AND NEW.status IN ('received', 'declined', 'dropped')
  AND NEW.last_via IS NOT NULL AND NEW.person_id IS NOT NULL
BEGIN
    INSERT INTO person_channels (person_id, channel, answered, closed)
    VALUES (NEW.person_id, NEW.last_via, NEW.status = 'received', 1)
    ON CONFLICT (person_id, channel) DO UPDATE
    SET answered = answered + excluded.answered, closed = closed + 1;
END;

CREATE TRIGGER person_channels_delete AFTER DELETE ON items
WHEN OLD.kind = 'ask' AND OLD.status IN ('received', 'declined', 'dropped')
  AND OLD.last_via IS NOT NULL AND OLD.person_id IS NOT NULL
BEGIN
    UPDATE person_channels
    SET answered = answered - (OLD.status = 'received'), closed = closed - 1
    WHERE person_id = OLD.person_id AND channel = OLD.last_via;
    DELETE FROM person_channels
    WHERE person_id = OLD.person_id AND channel = OLD.last_via AND closed <= 0;
END;

CREATE TRIGGER person_channels_update_old AFTER UPDATE OF kind, status, last_via, person_id ON items
WHEN OLD.kind = 'ask' AND OLD.status IN ('received', 'declined', 'dropped')
  AND OLD.last_via IS NOT NULL AND OLD.person_id IS NOT NULL
BEGIN
    UPDATE person_channels
    SET answered = answered - (OLD.status = 'received'), closed = closed - 1
    WHERE person_id = OLD.person_id AND channel = OLD.last_via;
    DELETE FROM person_channels
    WHERE person_id = OLD.person_id AND channel = OLD.last_via AND closed <= 0;
END;

CREATE TRIGGER person_channels_update_new AFTER UPDATE OF kind, status, last_via, person_id ON items
WHEN NEW.kind = 'ask' AND NEW.status IN ('received', 'declined', 'dropped')
  AND NEW.last_via IS NOT NULL AND NEW.person_id IS NOT NULL
BEGIN
    INSERT INTO person_channels (person_id, channel, answered, closed)
    VALUES (NEW.person_id, NEW.last_via, NEW.status = 'received', 1)
    ON CONFLICT (person_id, channel) DO UPDATE
    SET answered = answered + excluded.answered, closed = closed + 1;
END;

-- Reply rate and time by channel over a window of asking dates, read from the index alone.
DROP INDEX items_asked_at;
CREATE INDEX items_asks_window ON items(asked_at, last_via, channel, status, closed_at)
    WHERE kind = 'ask';
