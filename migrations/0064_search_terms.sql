-- The dictionary of the search index: every term it holds, so that a query's last word can be
-- expanded into the terms it begins and matched as an OR of exact terms, which FTS5 walks
-- lazily, newest first, stopping at the page. FTS5's own prefix query merges the postings of
-- every such term before it returns a row: at 100,000 stories `"про"*` took 69 ms in SQLite
-- and the OR of its 22 terms 1 ms (src/search/query.ts). Story writes add the terms of what
-- they index, in the same batch (src/db/search-index.ts); terms are never taken out.
CREATE TABLE search_terms (
  term TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Filled once from the index as it stands: fts5vocab lists each of its terms.
CREATE VIRTUAL TABLE search_vocabulary USING fts5vocab(story_search, 'row');

INSERT INTO search_terms (term) SELECT term FROM search_vocabulary;

DROP TABLE search_vocabulary;
