-- Partner outlets: who may pull what (languages, categories, full text or summary), by which
-- API key, and where their signed webhooks go; and every webhook delivery attempt.

CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  -- JSON array of BCP 47 tags, e.g. ["uk","en"]: at most three values, read with the row.
  languages TEXT NOT NULL CHECK (json_valid(languages) AND json_type(languages) = 'array'),
  -- NULL: every category, present and future; otherwise a JSON array of category ids.
  categories TEXT CHECK (categories IS NULL OR (json_valid(categories) AND json_type(categories) = 'array')),
  licence TEXT NOT NULL CHECK (licence IN ('full-text', 'summary')),
  webhook_url TEXT,
  -- The Standard Webhooks signing secret (whsec_...), kept as is, unlike the API key: signing is
  -- an HMAC keyed with the secret itself, so the service must be able to read it back on every
  -- delivery; a hash could only check a secret someone presents, never produce a signature.
  -- It is shown to the partner once (creation, rotation) and never in any other response.
  webhook_secret TEXT NOT NULL,
  -- SHA-256 (hex) of the API key: a leaked table does not leak working keys. Looked up per request.
  key_hash TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  -- The key's first characters, so an admin can tell keys apart without seeing one.
  key_prefix TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_used_at TEXT
);

-- Webhook fan-out reads the active partners that have a URL.
CREATE INDEX idx_partner_status ON partners (status);

-- One row per event in a delivery's life: queued (pending, attempt 0), each POST (delivered or
-- failed, with the receiver's status code or the network error), and giving up (dead).
-- webhook_id is the Standard Webhooks `webhook-id`: the same for every attempt of one message.
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  webhook_id TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  story_id TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
  event_type TEXT NOT NULL CHECK (event_type IN ('story.published', 'story.updated', 'story.withdrawn')),
  attempt INTEGER NOT NULL CHECK (attempt >= 0),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
  response_code INTEGER,
  error TEXT,
  attempted_at TEXT NOT NULL,
  -- For a failed attempt: when the queue will try again.
  next_attempt_at TEXT
);

-- The admin API lists a partner's deliveries, newest first.
CREATE INDEX idx_delivery_partner ON webhook_deliveries (partner_id, id DESC);

-- Scheduled publications become visible when their time comes, and nothing runs at that time.
-- So that incremental sync and webhooks see them, the first partner request (or webhook fan-out)
-- after that time appends a `went_live` event per language; this single row remembers up to
-- which publication time that has been done, so each check reads only the newly due stories.
CREATE TABLE publication_watermark (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  surfaced_through TEXT NOT NULL
);
INSERT INTO publication_watermark (id, surfaced_through) VALUES (1, '1970-01-01T00:00:00.000Z');
