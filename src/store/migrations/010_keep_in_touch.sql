-- Keep in touch (issue 19): how often the user wants to be in touch with someone, in days (NULL:
-- no rhythm), and when they last stood with them in person mode (`w`, `nudge meet`). The last
-- contact itself is read from what happened (asks, answers, follow-ups, favors, critiques), never
-- set by hand. Both are people's fields: exported and synced with them.
ALTER TABLE people ADD COLUMN every_days INTEGER;
ALTER TABLE people ADD COLUMN met_at INTEGER;
-- Who has a rhythm, to find those out of touch without reading everyone.
CREATE INDEX people_rhythm ON people(every_days) WHERE every_days IS NOT NULL;
-- Who was met in person mode on a day (the day's numbers count walk-overs).
CREATE INDEX people_met ON people(met_at) WHERE met_at IS NOT NULL;
-- Those who know something: a captured ask's words are matched against them only.
CREATE INDEX people_experts ON people(name_key) WHERE expertise != '';
