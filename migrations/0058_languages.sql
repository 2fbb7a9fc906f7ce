-- The newsroom's languages as rows: tables that hold a language now reference this table
-- instead of each listing the tags in a CHECK, so adding a language is one row here (besides
-- its entry in src/i18n/languages.ts and its locales/<tag>/ folder), not a rebuild of nine
-- tables. This migration and 0059-0062 rebuild those tables (SQLite cannot drop a CHECK), each
-- with every index and trigger it had, recreated as it was; only CHECK (lang IN ...) became
-- REFERENCES languages (tag). A DROP TABLE fires no trigger, so no rebuild adds to
-- body_garbage or moves a sitemap's changed_at.
PRAGMA defer_foreign_keys = on;

CREATE TABLE languages (
  -- BCP 47, as in every machine-readable place; `ua` is only ever a URL segment.
  tag TEXT PRIMARY KEY NOT NULL CHECK (length(tag) BETWEEN 2 AND 35 AND tag NOT GLOB '*[^A-Za-z0-9-]*'),
  -- The language's two bits in search document keys (src/search/document-key.ts), the same as
  -- its `ordinal` in src/i18n/languages.ts: fixed once given, as keys already stored carry it.
  ordinal INTEGER NOT NULL UNIQUE CHECK (ordinal BETWEEN 0 AND 3)
) WITHOUT ROWID;

INSERT INTO languages (tag, ordinal) VALUES ('uk', 0), ('en', 1), ('ru', 2);

-- Taxonomy names (0001).
CREATE TABLE category_names_fk (
  category_id TEXT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  lang TEXT NOT NULL REFERENCES languages (tag),
  name TEXT NOT NULL CHECK (length(name) > 0),
  PRIMARY KEY (category_id, lang)
) WITHOUT ROWID;
INSERT INTO category_names_fk (category_id, lang, name)
SELECT category_id, lang, name FROM category_names;
DROP TABLE category_names;
ALTER TABLE category_names_fk RENAME TO category_names;

CREATE TABLE author_names_fk (
  author_id TEXT NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  lang TEXT NOT NULL REFERENCES languages (tag),
  name TEXT NOT NULL CHECK (length(name) > 0),
  PRIMARY KEY (author_id, lang)
) WITHOUT ROWID;
INSERT INTO author_names_fk (author_id, lang, name)
SELECT author_id, lang, name FROM author_names;
DROP TABLE author_names;
ALTER TABLE author_names_fk RENAME TO author_names;

-- What partners knew of a removed language variant (0020).
CREATE TABLE removed_variants_fk (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  lang TEXT NOT NULL REFERENCES languages (tag),
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  removed_at TEXT NOT NULL,
  PRIMARY KEY (story_id, lang)
) WITHOUT ROWID;
INSERT INTO removed_variants_fk (story_id, lang, slug, title, created_at, removed_at)
SELECT story_id, lang, slug, title, created_at, removed_at FROM removed_variants;
DROP TABLE removed_variants;
ALTER TABLE removed_variants_fk RENAME TO removed_variants;
