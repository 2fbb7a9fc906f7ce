-- An append-only log of every write that can change what a public page or feed shows:
-- one row per affected language. Incremental partner sync and webhooks read it in id order,
-- and the edge cache keys each language on its newest id (no rows yet = generation 0).
--
-- story_id names the story for story writes; taxon_id names the category or author for
-- taxonomy writes (a rename changes every page that shows the name in that language).
-- version is the story's version after the write (NULL for taxonomy events).
-- kind: created | updated | published | rescheduled | withdrawn | restored |
--       variant_added | variant_updated | variant_removed |
--       category_created | category_updated | author_created | author_updated
-- (no CHECK, so a later issue can add a kind without rebuilding the table).

CREATE TABLE story_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  story_id TEXT,
  taxon_id TEXT,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
  kind TEXT NOT NULL CHECK (length(kind) > 0),
  version INTEGER,
  occurred_at TEXT NOT NULL,
  CHECK ((story_id IS NULL) <> (taxon_id IS NULL))
);

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

-- The newsroom's story list (GET /api/v1/stories): newest first, keyset-paged by (created_at, id).
CREATE INDEX idx_story_created ON stories (created_at DESC, id DESC);
