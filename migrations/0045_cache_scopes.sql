-- Per-scope content generations for the edge cache (src/domain/cache-scopes.ts names them).
-- A write bumps, in its own batch, the scopes its story was in before and after it; a request
-- keys its copy on the generations of the scopes its page shows, so everything else stays a hit.
-- Rows are only ever added or incremented: a sum of generations then moves whenever one does.
CREATE TABLE cache_scopes (
  scope TEXT PRIMARY KEY,
  generation INTEGER NOT NULL,
  changed_at TEXT NOT NULL
) WITHOUT ROWID;
