-- What a partner chooses to receive by webhook, within its licence (see README, Partners):
-- which event types (JSON array of story.published / story.updated / story.withdrawn; NULL: all),
-- which of its licensed categories (JSON array of ids; NULL: all it is licensed for), and the
-- payload format. The format has no CHECK so that a later format (NewsML-G2) needs no table
-- rebuild; the admin API accepts only the formats the service renders.
ALTER TABLE partners ADD COLUMN webhook_events TEXT
  CHECK (webhook_events IS NULL OR (json_valid(webhook_events) AND json_type(webhook_events) = 'array'));
ALTER TABLE partners ADD COLUMN webhook_categories TEXT
  CHECK (webhook_categories IS NULL OR (json_valid(webhook_categories) AND json_type(webhook_categories) = 'array'));
ALTER TABLE partners ADD COLUMN webhook_format TEXT NOT NULL DEFAULT 'ninjs-3.1';
