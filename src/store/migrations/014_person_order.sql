-- A person's asks and invitations in the order their card and person mode list them (issue 21):
-- the open ones newest or oldest asked first, the closed ones latest closed first. The index
-- held no ask time, so a person with ten thousand open asks had every one of them read from the
-- table and sorted for a card of fifteen. Same name, same leading columns: every query that
-- used it still does.
DROP INDEX items_person;
CREATE INDEX items_person ON items(person_id, kind, status, closed_at, COALESCE(asked_at, created_at));
