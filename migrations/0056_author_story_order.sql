-- Author pages and feeds walk one author's stories newest first. Filtering the newest stories
-- of the whole archive by an EXISTS over story_authors read the archive until a page filled:
-- 12 s for an author page at 100,000 stories. story_authors now carries its story's
-- publication time, kept by the triggers below, and an index walks an author's stories in
-- feed order directly.
ALTER TABLE story_authors ADD COLUMN published_at TEXT;

UPDATE story_authors SET published_at = (
  SELECT published_at FROM stories WHERE stories.id = story_authors.story_id
);

CREATE INDEX idx_story_author_published
  ON story_authors (author_id, published_at DESC, story_id DESC);

CREATE TRIGGER story_author_published_at AFTER INSERT ON story_authors
BEGIN
  UPDATE story_authors SET published_at = (SELECT published_at FROM stories WHERE id = NEW.story_id)
  WHERE story_id = NEW.story_id AND author_id = NEW.author_id;
END;

CREATE TRIGGER story_published_at_to_authors AFTER UPDATE OF published_at ON stories
BEGIN
  UPDATE story_authors SET published_at = NEW.published_at WHERE story_id = NEW.id;
END;
