-- What the edge cache reads on every request to know whether its copies are current.

-- The next scheduled publication (cached copies must expire then): a seek by time,
-- whatever the story's kind.
CREATE INDEX idx_story_status_published ON stories (status, published_at);

-- Bumped by every load of stories that bypasses the newsroom's event log (seed files, the
-- synthetic generator), so that cached pages refresh after it as they do after an API write.
CREATE TABLE import_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  epoch INTEGER NOT NULL
);
INSERT INTO import_epoch (id, epoch) VALUES (1, 0);

-- A story's byline in order, read for every item of every feed and page without a sort.
CREATE INDEX idx_story_author_position ON story_authors (story_id, position);
