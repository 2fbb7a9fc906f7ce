-- A removed language variant, as partners knew it: what a takedown for that language names
-- (headline, slug, creation time), once the variant row itself is gone. Written in the same D1
-- batch as the removal (and its `variant_removed` event); a variant added again later takes
-- precedence, so the row is kept and simply overwritten by the next removal.
CREATE TABLE removed_variants (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  removed_at TEXT NOT NULL,
  PRIMARY KEY (story_id, lang)
) WITHOUT ROWID;
