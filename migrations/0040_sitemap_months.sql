-- The sitemap index lists one child per month of publication (UTC, "2024-03"), paged by
-- story count. Listing months must not read the archive, so each month's count of published
-- stories and the time its sitemap last changed are kept here by triggers: every write path
-- (the newsroom API, seed files, the synthetic bulk loader) updates them in the same
-- transaction as the story rows, and none can forget to.
-- changed_at is the wall-clock time of the write, which is when the child's document changed;
-- a scheduled story's appearance is read from the stories themselves (see src/db/sitemap.ts).
CREATE TABLE sitemap_months (
  month TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  -- Published stories of the month, scheduled ones included.
  published_count INTEGER NOT NULL CHECK (published_count >= 0),
  changed_at TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO sitemap_months (month, published_count, changed_at)
SELECT substr(published_at, 1, 7), count(*), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM stories WHERE status = 'published' GROUP BY substr(published_at, 1, 7);

-- A child page lists a month's stories oldest first, keyset-ordered without a sort.
CREATE INDEX idx_story_status_published_id ON stories (status, published_at, id);

CREATE TRIGGER sitemap_story_inserted AFTER INSERT ON stories
WHEN NEW.status = 'published'
BEGIN
  INSERT INTO sitemap_months (month, published_count, changed_at)
  VALUES (substr(NEW.published_at, 1, 7), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT (month) DO UPDATE SET
    published_count = published_count + 1,
    changed_at = max(changed_at, excluded.changed_at);
END;

CREATE TRIGGER sitemap_story_deleted AFTER DELETE ON stories
WHEN OLD.status = 'published'
BEGIN
  UPDATE sitemap_months SET
    published_count = published_count - 1,
    changed_at = max(changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE month = substr(OLD.published_at, 1, 7);
END;

-- Withdrawal, restore, publication of a draft, a new publication time, an edit of the story.
CREATE TRIGGER sitemap_story_updated AFTER UPDATE OF status, published_at, updated_at ON stories
WHEN OLD.status = 'published' OR NEW.status = 'published'
BEGIN
  UPDATE sitemap_months SET
    published_count = published_count - 1,
    changed_at = max(changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE OLD.status = 'published' AND month = substr(OLD.published_at, 1, 7);
  INSERT INTO sitemap_months (month, published_count, changed_at)
  SELECT substr(NEW.published_at, 1, 7), 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE NEW.status = 'published'
  ON CONFLICT (month) DO UPDATE SET
    published_count = published_count + 1,
    changed_at = max(changed_at, excluded.changed_at);
END;

-- A language added, removed, renamed (slug) or corrected changes its story's entries.
CREATE TRIGGER sitemap_variant_inserted AFTER INSERT ON story_variants
BEGIN
  UPDATE sitemap_months SET changed_at = max(changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE month = (SELECT substr(published_at, 1, 7) FROM stories
    WHERE id = NEW.story_id AND status = 'published');
END;

CREATE TRIGGER sitemap_variant_deleted AFTER DELETE ON story_variants
BEGIN
  UPDATE sitemap_months SET changed_at = max(changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE month = (SELECT substr(published_at, 1, 7) FROM stories
    WHERE id = OLD.story_id AND status = 'published');
END;

CREATE TRIGGER sitemap_variant_updated AFTER UPDATE OF slug, updated_at ON story_variants
BEGIN
  UPDATE sitemap_months SET changed_at = max(changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE month = (SELECT substr(published_at, 1, 7) FROM stories
    WHERE id = NEW.story_id AND status = 'published');
END;
