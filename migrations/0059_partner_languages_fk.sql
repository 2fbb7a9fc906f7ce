-- The partner tables that hold a language reference languages (tag) instead of listing the
-- tags (see 0058); rebuilt with their indexes from 0003, 0007 and 0015 as they were.
PRAGMA defer_foreign_keys = on;

CREATE TABLE partner_story_ledger_fk (
  partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  story_id TEXT NOT NULL,
  lang TEXT NOT NULL REFERENCES languages (tag),
  version INTEGER NOT NULL CHECK (version >= 0),
  via TEXT NOT NULL CHECK (via IN ('webhook', 'sync', 'get')),
  received_at TEXT NOT NULL,
  PRIMARY KEY (partner_id, story_id, lang)
) WITHOUT ROWID;
INSERT INTO partner_story_ledger_fk (partner_id, story_id, lang, version, via, received_at)
SELECT partner_id, story_id, lang, version, via, received_at FROM partner_story_ledger;
DROP TABLE partner_story_ledger;
ALTER TABLE partner_story_ledger_fk RENAME TO partner_story_ledger;
-- Fan-out: who holds this story.
CREATE INDEX idx_ledger_story ON partner_story_ledger (story_id, lang, partner_id);

CREATE TABLE webhook_messages_fk (
  webhook_id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL,
  story_id TEXT NOT NULL,
  lang TEXT NOT NULL REFERENCES languages (tag),
  event_type TEXT NOT NULL CHECK (event_type IN ('story.published', 'story.updated', 'story.withdrawn')),
  -- The story's version after the event: receivers may order deliveries by it.
  version INTEGER NOT NULL CHECK (version >= 1),
  occurred_at TEXT NOT NULL,
  origin TEXT NOT NULL,
  -- pending: not yet acknowledged by a 2xx; delivered: the receiver answered 2xx;
  -- superseded: a newer message for the same partner, story and language replaced it;
  -- dropped: the partner or the story left its reach before delivery; dead: tries exhausted.
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'superseded', 'dropped', 'dead')),
  -- POSTs made so far.
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- When the message was last handed to the queue (NULL: never).
  enqueued_at TEXT,
  -- When the queue should next hand it to the consumer. A pending message long past it was lost
  -- by the queue (a local queue forgets on restart): the sweeper sends it again.
  due_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- When it left `pending`.
  settled_at TEXT
);
INSERT INTO webhook_messages_fk (webhook_id, partner_id, event_id, story_id, lang, event_type,
  version, occurred_at, origin, state, attempts, enqueued_at, due_at, created_at, settled_at)
SELECT webhook_id, partner_id, event_id, story_id, lang, event_type, version, occurred_at,
  origin, state, attempts, enqueued_at, due_at, created_at, settled_at
FROM webhook_messages;
DROP TABLE webhook_messages;
ALTER TABLE webhook_messages_fk RENAME TO webhook_messages;
-- A second fan-out of the same events (two sweeps racing) adds nothing: INSERT OR IGNORE.
CREATE UNIQUE INDEX idx_message_partner_event ON webhook_messages (partner_id, event_id);
-- The sweeper's scan: pending messages never sent or overdue.
CREATE INDEX idx_message_state_due ON webhook_messages (state, due_at);
-- Superseding: a partner's messages about one story variant, by version.
CREATE INDEX idx_message_partner_story ON webhook_messages (partner_id, story_id, lang, version);
-- Replaying a partner's dead letters since a time.
CREATE INDEX idx_message_partner_state ON webhook_messages (partner_id, state, settled_at);

-- webhook_deliveries ids are AUTOINCREMENT: the new table takes over the old one's counter,
-- so an id is never handed out twice, even one whose row is gone.
CREATE TABLE webhook_deliveries_fk (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  webhook_id TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  story_id TEXT NOT NULL,
  lang TEXT NOT NULL REFERENCES languages (tag),
  event_type TEXT NOT NULL CHECK (event_type IN ('story.published', 'story.updated', 'story.withdrawn')),
  attempt INTEGER NOT NULL CHECK (attempt >= 0),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
  response_code INTEGER,
  error TEXT,
  attempted_at TEXT NOT NULL,
  -- For a failed attempt: when the queue will try again.
  next_attempt_at TEXT,
  version INTEGER
);
INSERT INTO webhook_deliveries_fk (id, partner_id, webhook_id, event_id, story_id, lang,
  event_type, attempt, status, response_code, error, attempted_at, next_attempt_at, version)
SELECT id, partner_id, webhook_id, event_id, story_id, lang, event_type, attempt, status,
  response_code, error, attempted_at, next_attempt_at, version
FROM webhook_deliveries;
DELETE FROM sqlite_sequence WHERE name = 'webhook_deliveries_fk';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'webhook_deliveries_fk', seq FROM sqlite_sequence WHERE name = 'webhook_deliveries';
DROP TABLE webhook_deliveries;
ALTER TABLE webhook_deliveries_fk RENAME TO webhook_deliveries;
-- The admin API lists a partner's deliveries, newest first.
CREATE INDEX idx_delivery_partner ON webhook_deliveries (partner_id, id DESC);
-- The usage report reads one partner's attempts over a range of days (0007).
CREATE INDEX idx_delivery_partner_time ON webhook_deliveries (partner_id, attempted_at);
