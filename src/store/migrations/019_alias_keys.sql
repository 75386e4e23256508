-- A name nobody has as their own is looked for among the aliases (issue 21): that read every
-- person with aliases. Each alias key with its person, kept by triggers from `people.aliases`
-- (keys as `name_key` makes them, comma-separated), so it is one look-up.
CREATE TABLE person_aliases (
    key        TEXT    NOT NULL,
    person_id  INTEGER NOT NULL,
    PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_aliases_person ON person_aliases(person_id);

CREATE TRIGGER person_aliases_insert AFTER INSERT ON people WHEN new.aliases != ''
BEGIN
    INSERT OR IGNORE INTO person_aliases (key, person_id)
    WITH RECURSIVE split(key, rest) AS (
        SELECT NULL, new.aliases || ','
        UNION ALL
        SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
        FROM split WHERE rest != ''
    )
    SELECT key, new.id FROM split WHERE key != '';
END;

CREATE TRIGGER person_aliases_update AFTER UPDATE OF aliases ON people
WHEN old.aliases IS NOT new.aliases
BEGIN
    DELETE FROM person_aliases WHERE person_id = old.id;
    INSERT OR IGNORE INTO person_aliases (key, person_id)
    WITH RECURSIVE split(key, rest) AS (
        SELECT NULL, new.aliases || ','
        UNION ALL
        SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
        FROM split WHERE rest != ''
    )
    SELECT key, new.id FROM split WHERE key != '';
END;

CREATE TRIGGER person_aliases_delete AFTER DELETE ON people WHEN old.aliases != ''
BEGIN
    DELETE FROM person_aliases WHERE person_id = old.id;
END;

INSERT OR IGNORE INTO person_aliases (key, person_id)
WITH RECURSIVE split(id, key, rest) AS (
    SELECT id, NULL, aliases || ',' FROM people WHERE aliases != ''
    UNION ALL
    SELECT id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest != ''
)
SELECT key, id FROM split WHERE key != '';
