-- How often each ask was chased on each channel, kept by triggers on follow_ups, so that reading
-- an ask costs the same after three follow-ups or ten thousand. Not journaled and not exported:
-- undo and import change follow_ups, and the triggers follow them.
CREATE TABLE item_chases (
    item_id INTEGER NOT NULL,
    channel TEXT    NOT NULL,
    times   INTEGER NOT NULL,
    PRIMARY KEY (item_id, channel)
) WITHOUT ROWID;

INSERT INTO item_chases (item_id, channel, times)
SELECT item_id, channel, COUNT(*) FROM follow_ups GROUP BY item_id, channel;

CREATE TRIGGER item_chases_insert AFTER INSERT ON follow_ups
BEGIN
    INSERT INTO item_chases (item_id, channel, times) VALUES (NEW.item_id, NEW.channel, 1)
    ON CONFLICT (item_id, channel) DO UPDATE SET times = times + 1;
END;

CREATE TRIGGER item_chases_delete AFTER DELETE ON follow_ups
BEGIN
    UPDATE item_chases SET times = times - 1
    WHERE item_id = OLD.item_id AND channel = OLD.channel;
    DELETE FROM item_chases
    WHERE item_id = OLD.item_id AND channel = OLD.channel AND times <= 0;
END;

CREATE TRIGGER item_chases_update AFTER UPDATE OF item_id, channel ON follow_ups
BEGIN
    UPDATE item_chases SET times = times - 1
    WHERE item_id = OLD.item_id AND channel = OLD.channel;
    DELETE FROM item_chases
    WHERE item_id = OLD.item_id AND channel = OLD.channel AND times <= 0;
    INSERT INTO item_chases (item_id, channel, times) VALUES (NEW.item_id, NEW.channel, 1)
    ON CONFLICT (item_id, channel) DO UPDATE SET times = times + 1;
END;
