-- Whether an ask's next check-back was set by the user (`check WHEN`, a snooze) rather than by
-- the check-back rule: an edit that moves the need-by keeps a check-back set by hand, and
-- recomputes one the rule set. Every existing check-back counts as the rule's.
ALTER TABLE items ADD COLUMN check_by_hand INTEGER NOT NULL DEFAULT 0;
