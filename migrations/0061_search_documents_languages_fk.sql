-- search_documents references languages (tag) instead of listing the tags (see 0058). Its ids
-- are the rowids of story_search (src/search/document-key.ts), so every id is copied as is.
PRAGMA defer_foreign_keys = on;

CREATE TABLE search_documents_fk (
  id INTEGER PRIMARY KEY,
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  lang TEXT NOT NULL REFERENCES languages (tag),
  UNIQUE (story_id, lang)
);
INSERT INTO search_documents_fk (id, story_id, lang)
SELECT id, story_id, lang FROM search_documents;
DROP TABLE search_documents;
ALTER TABLE search_documents_fk RENAME TO search_documents;
