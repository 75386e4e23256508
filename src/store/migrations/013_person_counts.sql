-- A person's favors by direction and critiques by answer, counted in the index alone (issue 21):
-- the People and Insights views count them for everyone, and looking up each row for its
-- direction or response read most of the two tables from disk at a million items.
CREATE INDEX favors_person_direction ON favors(person_id, direction);
CREATE INDEX critiques_person_response ON critiques(person_id, response);
