-- Two indexes that let `due` count what it does not show from the open items alone (issue 21).
--
-- The open asks that feed a deadline, by deadline, with what decides whether one would come too
-- late for it. `due` counts those from the open deadlines; through the link index that was every
-- ask ever linked to one, each read from the table (3 million instructions at a million items).
CREATE INDEX items_open_asks_by_deadline ON items(deadline_id, need_by, next_check, person_id)
    WHERE kind = 'ask' AND status = 'open' AND deadline_id IS NOT NULL;

-- An open invitation's status joins its index, so the ones still to send are counted from the
-- index alone instead of reading each open invitation from the table.
DROP INDEX items_open_proofing;
CREATE INDEX items_open_proofing ON items(created_at, status)
    WHERE kind = 'proofing' AND status IN ('to_send', 'sent', 'accepted');
