-- story_events references languages (tag) instead of listing the tags (see 0058); rebuilt with
-- its indexes and append-only triggers from 0002 as they were. Ids are AUTOINCREMENT and
-- partners and cache generations hold them: every id is copied, and the new table takes over
-- the old one's counter. The triggers are recreated after the copy, and DROP TABLE fires none.
PRAGMA defer_foreign_keys = on;

CREATE TABLE story_events_fk (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  story_id TEXT,
  taxon_id TEXT,
  lang TEXT NOT NULL REFERENCES languages (tag),
  kind TEXT NOT NULL CHECK (length(kind) > 0),
  version INTEGER,
  occurred_at TEXT NOT NULL,
  CHECK ((story_id IS NULL) <> (taxon_id IS NULL))
);
INSERT INTO story_events_fk (id, story_id, taxon_id, lang, kind, version, occurred_at)
SELECT id, story_id, taxon_id, lang, kind, version, occurred_at FROM story_events;
DELETE FROM sqlite_sequence WHERE name = 'story_events_fk';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'story_events_fk', seq FROM sqlite_sequence WHERE name = 'story_events';
DROP TABLE story_events;
ALTER TABLE story_events_fk RENAME TO story_events;

-- Per-language change feeds and cache generations: the newest id per language, events after an id.
CREATE INDEX idx_event_lang ON story_events (lang, id);
-- One story's history.
CREATE INDEX idx_event_story ON story_events (story_id, id);

CREATE TRIGGER story_events_append_only_update BEFORE UPDATE ON story_events
BEGIN
  SELECT RAISE(ABORT, 'story_events is append-only');
END;

CREATE TRIGGER story_events_append_only_delete BEFORE DELETE ON story_events
BEGIN
  SELECT RAISE(ABORT, 'story_events is append-only');
END;
