-- Each person's name key and every way of writing it with one letter left out ("dana": dana,
-- ana, dna, daa, dan), kept by triggers. A typed name one typo from a known one shares one of
-- these with it, so the hint "Did you mean Dana?" looks up a few rows instead of reading every
-- name. Derived from people: not journaled, not exported. (The triggers avoid conflicts rather
-- than ignore them: inside a trigger, the outer statement's conflict handling wins.)
CREATE TABLE key_positions (n INTEGER PRIMARY KEY);
WITH RECURSIVE count(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM count WHERE n < 200)
INSERT INTO key_positions (n) SELECT n FROM count;

CREATE TABLE person_keys (
    variant   TEXT    NOT NULL,
    person_id INTEGER NOT NULL,
    PRIMARY KEY (variant, person_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO person_keys (variant, person_id) SELECT name_key, id FROM people;
INSERT OR IGNORE INTO person_keys (variant, person_id)
SELECT substr(p.name_key, 1, k.n - 1) || substr(p.name_key, k.n + 1), p.id
FROM people p JOIN key_positions k ON k.n <= length(p.name_key);

CREATE TRIGGER person_keys_insert AFTER INSERT ON people
BEGIN
    INSERT INTO person_keys (variant, person_id)
    SELECT v, NEW.id FROM (
        SELECT NEW.name_key AS v UNION
        SELECT substr(NEW.name_key, 1, n - 1) || substr(NEW.name_key, n + 1)
        FROM key_positions WHERE n <= length(NEW.name_key))
    WHERE NOT EXISTS (SELECT 1 FROM person_keys WHERE variant = v AND person_id = NEW.id);
END;

CREATE TRIGGER person_keys_delete AFTER DELETE ON people
BEGIN
    DELETE FROM person_keys WHERE person_id = OLD.id AND variant IN (
        SELECT OLD.name_key UNION ALL
        SELECT substr(OLD.name_key, 1, n - 1) || substr(OLD.name_key, n + 1)
        FROM key_positions WHERE n <= length(OLD.name_key));
END;

CREATE TRIGGER person_keys_update AFTER UPDATE OF name_key, id ON people
BEGIN
    DELETE FROM person_keys WHERE person_id = OLD.id AND variant IN (
        SELECT OLD.name_key UNION ALL
        SELECT substr(OLD.name_key, 1, n - 1) || substr(OLD.name_key, n + 1)
        FROM key_positions WHERE n <= length(OLD.name_key));
    INSERT INTO person_keys (variant, person_id)
    SELECT v, NEW.id FROM (
        SELECT NEW.name_key AS v UNION
        SELECT substr(NEW.name_key, 1, n - 1) || substr(NEW.name_key, n + 1)
        FROM key_positions WHERE n <= length(NEW.name_key))
    WHERE NOT EXISTS (SELECT 1 FROM person_keys WHERE variant = v AND person_id = NEW.id);
END;
