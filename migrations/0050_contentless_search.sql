-- The full-text index keeps only the index (bench/results/storage.md has the figures). A regular
-- FTS5 table also stores every indexed value in its _content shadow table: a second copy of each
-- variant's stemmed title and body that nothing reads back. Searches only MATCH and order by
-- rowid, and snippets are cut from the variant's own text (src/search/snippet.ts). A contentless
-- table (content = '') drops that copy; contentless_delete = 1 (SQLite 3.43+) keeps story
-- writes able to delete a document by rowid, as src/db/search-index.ts does.
CREATE VIRTUAL TABLE story_search_contentless USING fts5 (
  title,
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO story_search_contentless (rowid, title, body)
SELECT rowid, title, body FROM story_search;

DROP TABLE story_search;

ALTER TABLE story_search_contentless RENAME TO story_search;
