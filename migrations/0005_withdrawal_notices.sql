-- A withdrawn story stays in its feeds for a while as a notice (the editors' note, no story
-- text) under the same id, so feed readers replace their copy instead of keeping it forever.

-- When the story was withdrawn (null unless status = 'withdrawn'), and the editors' reason.
ALTER TABLE stories ADD COLUMN withdrawn_at TEXT;
ALTER TABLE stories ADD COLUMN withdrawal_note TEXT;

-- Feeds list published and withdrawn stories together, newest first. With two statuses an
-- index on status cannot deliver that order without a sort, so the pair is one indexed value.
ALTER TABLE stories ADD COLUMN in_feeds INTEGER
  GENERATED ALWAYS AS (status IN ('published', 'withdrawn')) VIRTUAL;

CREATE INDEX idx_story_feed_kind_published ON stories (in_feeds, kind, published_at DESC, id DESC);
CREATE INDEX idx_story_category_feed_published
  ON stories (category_id, in_feeds, published_at DESC, id DESC);
