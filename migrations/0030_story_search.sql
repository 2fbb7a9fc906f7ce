-- Full-text search over published story variants (README, Search). The Worker stems every word
-- (src/search/) and stores the stems here, so SQLite's own tokenizer only splits on spaces and
-- folds case; diacritics are kept because й/и and ї/і are different letters in Ukrainian.
-- A regular FTS5 table, not external content: its text is not any column of story_variants.
-- Rows are written in the same D1 batch as the story write that changes what they hold, and
-- only for published stories (drafts and withdrawn stories have none); queries still join
-- `stories` on status and publication time, so a scheduled story stays hidden until its time.

-- One row per indexed (story, language): gives the FTS row a stable integer rowid that a
-- story write can find by key (FTS5 can only look rows up by rowid or by MATCH).
CREATE TABLE search_documents (
  id INTEGER PRIMARY KEY,
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
  UNIQUE (story_id, lang)
);

CREATE VIRTUAL TABLE story_search USING fts5 (
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 0'
);
