-- Variant bodies move to R2 (binding BODIES), keyed bodies/{story}/{lang}/{uuid}.html: D1's
-- 10 GB ended at about 374,000 stories with bodies inline (bench/results/storage.md). Writes
-- still put the body in D1, inside the one atomic batch; src/db/bodies.ts moves it out after
-- the commit and then body_key names the object and body is ''. A NULL body_key: still inline.
-- The body's CHECK changes with it, so the table is rebuilt (SQLite cannot alter a CHECK),
-- with every index and trigger it had (0001, 0040, 0055) recreated as they were.
CREATE TABLE story_variants_r2 (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
  slug TEXT NOT NULL CHECK (length(slug) > 0),
  title TEXT NOT NULL CHECK (length(title) > 0),
  summary TEXT NOT NULL,
  -- Sanitized HTML: the only form in which a body is ever stored, here or in R2.
  body TEXT NOT NULL,
  image_caption TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  image_credit TEXT,
  image_alt TEXT,
  body_key TEXT,
  PRIMARY KEY (story_id, lang),
  CHECK ((body_key IS NULL AND length(body) > 0) OR (body_key IS NOT NULL AND body = ''))
) WITHOUT ROWID;

INSERT INTO story_variants_r2 (story_id, lang, slug, title, summary, body, image_caption,
  created_at, updated_at, image_credit, image_alt)
SELECT story_id, lang, slug, title, summary, body, image_caption, created_at, updated_at,
  image_credit, image_alt
FROM story_variants;

DROP TABLE story_variants;

ALTER TABLE story_variants_r2 RENAME TO story_variants;

CREATE UNIQUE INDEX idx_variant_lang_slug ON story_variants (lang, slug);

CREATE INDEX idx_variant_listing ON story_variants (story_id, lang, slug, title, updated_at);

CREATE TRIGGER sitemap_variant_inserted AFTER INSERT ON story_variants
BEGIN
  UPDATE sitemap_months SET changed_at = max(changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE month = (SELECT substr(published_at, 1, 7) FROM stories
    WHERE id = NEW.story_id AND status = 'published');
END;

CREATE TRIGGER sitemap_variant_deleted AFTER DELETE ON story_variants
BEGIN
  UPDATE sitemap_months SET changed_at = max(changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE month = (SELECT substr(published_at, 1, 7) FROM stories
    WHERE id = OLD.story_id AND status = 'published');
END;

CREATE TRIGGER sitemap_variant_updated AFTER UPDATE OF slug, updated_at ON story_variants
BEGIN
  UPDATE sitemap_months SET changed_at = max(changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE month = (SELECT substr(published_at, 1, 7) FROM stories
    WHERE id = NEW.story_id AND status = 'published');
END;

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
