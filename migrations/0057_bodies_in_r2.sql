-- Variant bodies move to R2 (binding BODIES), keyed bodies/{story}/{lang}/{uuid}.html: D1's
-- 10 GB ended at about 374,000 stories with bodies inline (bench/results/storage.md). Writes
-- still put the body in D1, inside the one atomic batch; src/db/bodies.ts moves it out after
-- the commit and then body_key names the object and body is ''. A NULL body_key: still inline.
ALTER TABLE story_variants ADD COLUMN body_key TEXT;

-- The bodies the mover has yet to move: only those rows, so it stays small.
CREATE INDEX idx_variant_body_inline ON story_variants (story_id, lang) WHERE body_key IS NULL;

-- Objects no variant points at any more, deleted from R2 a day later: a reader that read the
-- old key just before the write may still be fetching it.
CREATE TABLE body_garbage (
  key TEXT PRIMARY KEY NOT NULL,
  superseded_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX idx_body_garbage_superseded ON body_garbage (superseded_at);

CREATE TRIGGER story_variant_body_superseded AFTER UPDATE OF body_key ON story_variants
WHEN OLD.body_key IS NOT NULL AND (NEW.body_key IS NULL OR NEW.body_key <> OLD.body_key)
BEGIN
  INSERT OR IGNORE INTO body_garbage (key, superseded_at)
  VALUES (OLD.body_key, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER story_variant_body_removed AFTER DELETE ON story_variants
WHEN OLD.body_key IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO body_garbage (key, superseded_at)
  VALUES (OLD.body_key, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
