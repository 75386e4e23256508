-- Find (`/` in the dashboard, `nudge list --grep`): the person, title, tags and why of every
-- open item in a full-text index, by item id, kept by triggers (src/store/find.rs). Only open
-- items: what the dashboard and `list` show, so a keystroke never wades through years of closed
-- ones (`list --all --grep` reads those directly). Contentless: the text stays in items and
-- people; the index holds only what finds it.
CREATE VIRTUAL TABLE items_find USING fts5(
    person, title, tags, why,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO items_find (rowid, person, title, tags, why)
    SELECT i.id, COALESCE(p.name, ''), i.title, i.tags, COALESCE(i.why, '')
    FROM items i LEFT JOIN people p ON p.id = i.person_id
    WHERE i.status IN ('open', 'to_send', 'sent', 'accepted');

CREATE TRIGGER items_find_insert AFTER INSERT ON items
WHEN new.status IN ('open', 'to_send', 'sent', 'accepted')
BEGIN
    INSERT INTO items_find (rowid, person, title, tags, why) VALUES (new.id,
        COALESCE((SELECT name FROM people WHERE id = new.person_id), ''),
        new.title, new.tags, COALESCE(new.why, ''));
END;

-- Every save of an item sets these columns again: only a real change rewrites its entry.
CREATE TRIGGER items_find_update AFTER UPDATE OF person_id, title, tags, why, status ON items
WHEN old.person_id IS NOT new.person_id OR old.title IS NOT new.title
  OR old.tags IS NOT new.tags OR old.why IS NOT new.why OR old.status IS NOT new.status
BEGIN
    DELETE FROM items_find WHERE rowid = old.id;
    INSERT INTO items_find (rowid, person, title, tags, why)
        SELECT new.id, COALESCE((SELECT name FROM people WHERE id = new.person_id), ''),
            new.title, new.tags, COALESCE(new.why, '')
        WHERE new.status IN ('open', 'to_send', 'sent', 'accepted');
END;

CREATE TRIGGER items_find_delete AFTER DELETE ON items BEGIN
    DELETE FROM items_find WHERE rowid = old.id;
END;

CREATE TRIGGER items_find_person AFTER UPDATE OF name ON people
WHEN old.name IS NOT new.name
BEGIN
    DELETE FROM items_find WHERE rowid IN (SELECT id FROM items WHERE person_id = new.id);
    INSERT INTO items_find (rowid, person, title, tags, why)
        SELECT id, new.name, title, tags, COALESCE(why, '') FROM items
        WHERE person_id = new.id AND status IN ('open', 'to_send', 'sent', 'accepted');
END;
