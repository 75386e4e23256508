-- Indexes for lookups that read a whole table, and none that nothing reads (issue 21).
--
-- Deleting an item (undo of a capture or an import, a sync that takes one back) makes SQLite
-- check every table that refers to it. These three had no index on the column that refers, so
-- each item deleted read all of that table: undoing an import of n items read the critiques
-- n times.
CREATE INDEX critiques_deadline ON critiques(deadline_id) WHERE deadline_id IS NOT NULL;
CREATE INDEX checkins_deadline ON checkins(deadline_id) WHERE deadline_id IS NOT NULL;
CREATE INDEX sprints_deadline ON sprints(deadline_id) WHERE deadline_id IS NOT NULL;

-- `ask --from-mail` looks for an ask already made from the same message: it read every item.
-- Only asks made from mail have one, so the index is small and a plain capture never writes it.
CREATE INDEX items_message_id ON items(message_id) WHERE message_id IS NOT NULL;

-- No statement nudge runs uses these two (every statement the tests run was checked with
-- EXPLAIN QUERY PLAN): a person's asks are read through items_person, the per-person channel
-- figures come from person_channels, and closed items by date through items_kind_status. Every
-- ask captured wrote the first, every item closed the second.
DROP INDEX items_asks_by_person;
DROP INDEX items_closed_at;

-- The sprint still counting down: the dashboard and `nudge sprint` look for it, and read every
-- sprint ever run (one a focus session) to find it.
CREATE INDEX sprints_running ON sprints(started_at) WHERE outcome = 'running';

-- `list favors`: the newest page of everyone's favors, read in order instead of all sorted.
CREATE INDEX favors_at ON favors(at);
