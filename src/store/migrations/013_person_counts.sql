-- Each person's favors both ways and critiques (all, and those answered with an invitation),
-- kept by triggers (issue 21): the People and Insights views show them for everyone, and
-- counting them per person read most of both tables at a million items. As person_channels, a
-- person back to nothing leaves no row, so undo leaves the table exactly as it was. Favors and
-- critiques are written rarely; a capture never touches this table.
CREATE TABLE person_tallies (
    person_id INTEGER PRIMARY KEY,
    gave      INTEGER NOT NULL DEFAULT 0,
    got       INTEGER NOT NULL DEFAULT 0,
    critiques INTEGER NOT NULL DEFAULT 0,
    invited   INTEGER NOT NULL DEFAULT 0
);

INSERT INTO person_tallies (person_id, gave, got, critiques, invited)
SELECT person_id, SUM(gave), SUM(got), SUM(critiques), SUM(invited) FROM (
    SELECT person_id, direction = 'gave' AS gave, direction = 'got' AS got, 0 AS critiques,
           0 AS invited FROM favors
    UNION ALL
    SELECT person_id, 0, 0, 1, response = 'invite' FROM critiques
) GROUP BY person_id;

CREATE TRIGGER person_tallies_favor_insert AFTER INSERT ON favors
BEGIN
    INSERT INTO person_tallies (person_id, gave, got)
    VALUES (NEW.person_id, NEW.direction = 'gave', NEW.direction = 'got')
    ON CONFLICT (person_id) DO UPDATE
    SET gave = gave + excluded.gave, got = got + excluded.got;
END;

CREATE TRIGGER person_tallies_favor_delete AFTER DELETE ON favors
BEGIN
    UPDATE person_tallies
    SET gave = gave - (OLD.direction = 'gave'), got = got - (OLD.direction = 'got')
    WHERE person_id = OLD.person_id;
    DELETE FROM person_tallies WHERE person_id = OLD.person_id
      AND gave = 0 AND got = 0 AND critiques = 0 AND invited = 0;
END;

CREATE TRIGGER person_tallies_favor_update AFTER UPDATE OF person_id, direction ON favors
BEGIN
    UPDATE person_tallies
    SET gave = gave - (OLD.direction = 'gave'), got = got - (OLD.direction = 'got')
    WHERE person_id = OLD.person_id;
    DELETE FROM person_tallies WHERE person_id = OLD.person_id
      AND gave = 0 AND got = 0 AND critiques = 0 AND invited = 0;
    INSERT INTO person_tallies (person_id, gave, got)
    VALUES (NEW.person_id, NEW.direction = 'gave', NEW.direction = 'got')
    ON CONFLICT (person_id) DO UPDATE
    SET gave = gave + excluded.gave, got = got + excluded.got;
END;

CREATE TRIGGER person_tallies_critique_insert AFTER INSERT ON critiques
BEGIN
    INSERT INTO person_tallies (person_id, critiques, invited)
    VALUES (NEW.person_id, 1, NEW.response = 'invite')
    ON CONFLICT (person_id) DO UPDATE
    SET critiques = critiques + 1, invited = invited + excluded.invited;
END;

CREATE TRIGGER person_tallies_critique_delete AFTER DELETE ON critiques
BEGIN
    UPDATE person_tallies
    SET critiques = critiques - 1, invited = invited - (OLD.response = 'invite')
    WHERE person_id = OLD.person_id;
    DELETE FROM person_tallies WHERE person_id = OLD.person_id
      AND gave = 0 AND got = 0 AND critiques = 0 AND invited = 0;
END;

CREATE TRIGGER person_tallies_critique_update AFTER UPDATE OF person_id, response ON critiques
BEGIN
    UPDATE person_tallies
    SET critiques = critiques - 1, invited = invited - (OLD.response = 'invite')
    WHERE person_id = OLD.person_id;
    DELETE FROM person_tallies WHERE person_id = OLD.person_id
      AND gave = 0 AND got = 0 AND critiques = 0 AND invited = 0;
    INSERT INTO person_tallies (person_id, critiques, invited)
    VALUES (NEW.person_id, 1, NEW.response = 'invite')
    ON CONFLICT (person_id) DO UPDATE
    SET critiques = critiques + 1, invited = invited + excluded.invited;
END;
