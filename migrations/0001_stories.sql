-- Stories, their per-language variants, and the taxonomy they hang on.
-- Times are RFC 3339 UTC strings with milliseconds ("2023-12-19T21:55:00.000Z"),
-- so text order is time order and keyset paging can compare them directly.
-- Languages are BCP 47 tags (uk, en, ru); the "ua" URL segment never reaches the database.

CREATE TABLE categories (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE category_names (
  category_id TEXT NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
  name TEXT NOT NULL CHECK (length(name) > 0),
  PRIMARY KEY (category_id, lang)
) WITHOUT ROWID;

CREATE TABLE authors (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE author_names (
  author_id TEXT NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
  name TEXT NOT NULL CHECK (length(name) > 0),
  PRIMARY KEY (author_id, lang)
) WITHOUT ROWID;

CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('article', 'brief')),
  category_id TEXT NOT NULL REFERENCES categories (id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
  -- Set for published and withdrawn stories; a future value means "scheduled".
  published_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  image_url TEXT,
  image_type TEXT,
  image_length INTEGER,
  image_width INTEGER,
  image_height INTEGER,
  image_credit TEXT
);

-- Feed and home pages: newest published stories of one kind, keyset-paged by (published_at, id).
CREATE INDEX idx_story_status_kind_published ON stories (status, kind, published_at DESC, id DESC);
-- Category feeds and pages.
CREATE INDEX idx_story_category_published ON stories (category_id, status, published_at DESC, id DESC);

CREATE TABLE story_authors (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES authors (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (story_id, author_id)
) WITHOUT ROWID;

-- Author feeds and pages walk an author's stories.
CREATE INDEX idx_story_author_author ON story_authors (author_id, story_id);

CREATE TABLE story_variants (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
  slug TEXT NOT NULL CHECK (length(slug) > 0),
  title TEXT NOT NULL CHECK (length(title) > 0),
  summary TEXT NOT NULL,
  -- Sanitized HTML: the only form in which a body is ever stored.
  body TEXT NOT NULL CHECK (length(body) > 0),
  image_caption TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (story_id, lang)
) WITHOUT ROWID;

-- Story pages resolve /{lang}/news/{slug}; a slug is unique within its language.
CREATE UNIQUE INDEX idx_variant_lang_slug ON story_variants (lang, slug);
