-- Names as people write them (issue 19): other names a person goes by, matched like their own
-- (keys as `name_key` makes them, comma-separated: a name may hold spaces), and the first name a
-- drafted message greets them with when it is not the first word of their name (NULL: it is).
ALTER TABLE people ADD COLUMN aliases TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN greeting TEXT;
-- Those with aliases: a name no one has as their own is looked for among them only.
CREATE INDEX people_aliased ON people(name_key) WHERE aliases != '';
