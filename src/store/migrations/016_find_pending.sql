-- A capture no longer writes the full-text index (issue 21): tokenizing the item's words and
-- writing the index's pages (a new segment, its structure, the document's size) was a sixth of
-- a capture's instructions and a quarter of a millisecond. The new item's id is noted here
-- instead, and the index takes every noted item, in one batch, before anything is found
-- (`Store::index_pending_finds`, src/store/find.rs) and at the end of every other write. So a
-- find sees exactly what it saw before: every open item.
CREATE TABLE items_find_pending (item_id INTEGER PRIMARY KEY);

DROP TRIGGER items_find_insert;
CREATE TRIGGER items_find_insert AFTER INSERT ON items
WHEN new.status IN ('open', 'to_send', 'sent', 'accepted')
BEGIN
    INSERT OR IGNORE INTO items_find_pending (item_id) VALUES (new.id);
END;
