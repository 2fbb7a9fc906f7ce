-- Partner search (/partner/v1/stories/search) is a kind of pull of its own: it was counted as
-- a single-story pull, its path matching /stories/{id} too. partner_pulls rebuilt as in 0007,
-- with 'search' allowed.
CREATE TABLE partner_pulls_search (
  partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  route TEXT NOT NULL CHECK (route IN ('feed', 'sync', 'story', 'search')),
  count INTEGER NOT NULL CHECK (count >= 1),
  PRIMARY KEY (partner_id, day, route)
) WITHOUT ROWID;
INSERT INTO partner_pulls_search (partner_id, day, route, count)
SELECT partner_id, day, route, count FROM partner_pulls;
DROP TABLE partner_pulls;
ALTER TABLE partner_pulls_search RENAME TO partner_pulls;
