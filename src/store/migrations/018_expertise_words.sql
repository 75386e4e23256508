-- Who knows a word (issue 21): every capture suggests the people whose expertise covers its
-- words, and read every person with expertise to find them (0.15 s with 100,000). Each
-- expertise word, in lower case, with its person; a capture looks its own words up.
--
-- The words are put in lower case by nudge (Unicode's rules, as the matching does), not by
-- SQLite (ASCII only): a change to someone's expertise notes the person here, and the end of
-- the write that made it takes the notes (`store::experts`). A read that finds notes still
-- waiting (a write nudge did not make) reads every person with expertise, as before.
CREATE TABLE expertise_words (
    word       TEXT    NOT NULL,
    person_id  INTEGER NOT NULL,
    PRIMARY KEY (word, person_id)
) WITHOUT ROWID;
CREATE INDEX expertise_words_person ON expertise_words(person_id);

CREATE TABLE expertise_pending (person_id INTEGER PRIMARY KEY);

CREATE TRIGGER expertise_insert AFTER INSERT ON people WHEN new.expertise != ''
BEGIN
    INSERT OR IGNORE INTO expertise_pending (person_id) VALUES (new.id);
END;

CREATE TRIGGER expertise_update AFTER UPDATE OF expertise ON people
WHEN old.expertise IS NOT new.expertise
BEGIN
    INSERT OR IGNORE INTO expertise_pending (person_id) VALUES (new.id);
END;

CREATE TRIGGER expertise_delete AFTER DELETE ON people WHEN old.expertise != ''
BEGIN
    INSERT OR IGNORE INTO expertise_pending (person_id) VALUES (old.id);
END;

INSERT INTO expertise_pending (person_id) SELECT id FROM people WHERE expertise != '';
