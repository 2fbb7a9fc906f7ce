-- story_variants references languages (tag) instead of listing the tags (see 0058); rebuilt as
-- 0057 left it, with its indexes (0057, 0055) and its sitemap (0040) and body_garbage (0057)
-- triggers recreated as they were, after the copy: the copy fires none of them, and DROP TABLE
-- fires none either, so no object is listed as garbage and no sitemap's changed_at moves.
PRAGMA defer_foreign_keys = on;

CREATE TABLE story_variants_fk (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  lang TEXT NOT NULL REFERENCES languages (tag),
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

INSERT INTO story_variants_fk (story_id, lang, slug, title, summary, body, image_caption,
  created_at, updated_at, image_credit, image_alt, body_key)
SELECT story_id, lang, slug, title, summary, body, image_caption, created_at, updated_at,
  image_credit, image_alt, body_key
FROM story_variants;

DROP TABLE story_variants;

ALTER TABLE story_variants_fk RENAME TO story_variants;

CREATE UNIQUE INDEX idx_variant_lang_slug ON story_variants (lang, slug);

CREATE INDEX idx_variant_listing ON story_variants (story_id, lang, slug, title, updated_at);

-- The bodies the mover has yet to move: only those rows, so it stays small.
CREATE INDEX idx_variant_body_inline ON story_variants (story_id, lang) WHERE body_key IS NULL;

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
