-- The person's usual reply time, copied onto each of their open asks and into the index that
-- orders them (issue 21). The attention order compares an ask's need-by with it, so every open
-- ask with a need-by ahead looked its person up, two or three times per `due`: at a million items
-- that was 9 of its 23 million instructions. Triggers keep the copy equal to
-- people.reply_median_secs for every open ask, whatever writes the rows (capture, undo, import,
-- sync); on a closed ask it is left as it was and never read.
ALTER TABLE items ADD COLUMN usual_reply_secs INTEGER;

UPDATE items SET usual_reply_secs = (SELECT reply_median_secs FROM people WHERE id = items.person_id)
WHERE kind = 'ask' AND status = 'open';

DROP INDEX items_open_asks;
CREATE INDEX items_open_asks ON items(next_check, need_by, usual_reply_secs, person_id)
    WHERE kind = 'ask' AND status = 'open';

-- The open asks that feed a deadline, by deadline, with what decides whether one would come too
-- late for it. `due` counts those from the open deadlines; through the link index that was every
-- ask ever linked to one, each read from the table (3 million instructions at a million items).
CREATE INDEX items_open_asks_by_deadline ON items(deadline_id, need_by, next_check, usual_reply_secs)
    WHERE kind = 'ask' AND status = 'open' AND deadline_id IS NOT NULL;

-- An open invitation's status joins its index, so the ones still to send are counted from the
-- index alone instead of reading each open invitation from the table.
DROP INDEX items_open_proofing;
CREATE INDEX items_open_proofing ON items(created_at, status)
    WHERE kind = 'proofing' AND status IN ('to_send', 'sent', 'accepted');

CREATE TRIGGER items_usual_reply_insert AFTER INSERT ON items
WHEN NEW.kind = 'ask' AND NEW.status = 'open'
BEGIN
    UPDATE items SET usual_reply_secs = (SELECT reply_median_secs FROM people WHERE id = NEW.person_id)
    WHERE id = NEW.id
      AND usual_reply_secs IS NOT (SELECT reply_median_secs FROM people WHERE id = NEW.person_id);
END;

CREATE TRIGGER items_usual_reply_update AFTER UPDATE OF kind, status, person_id ON items
WHEN NEW.kind = 'ask' AND NEW.status = 'open'
BEGIN
    UPDATE items SET usual_reply_secs = (SELECT reply_median_secs FROM people WHERE id = NEW.person_id)
    WHERE id = NEW.id
      AND usual_reply_secs IS NOT (SELECT reply_median_secs FROM people WHERE id = NEW.person_id);
END;

CREATE TRIGGER people_usual_reply AFTER UPDATE OF reply_median_secs ON people
WHEN OLD.reply_median_secs IS NOT NEW.reply_median_secs
BEGIN
    UPDATE items SET usual_reply_secs = NEW.reply_median_secs
    WHERE person_id = NEW.id AND kind = 'ask' AND status = 'open';
END;
