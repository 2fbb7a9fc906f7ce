-- Partner webhooks as a transactional outbox (see README, Partners: "Delivery guarantees").
--
-- Every story write already appends its story_events rows in its own D1 batch, so the event log
-- is the outbox: what must be announced is committed with the write or not at all. Turning
-- events into per-partner messages (fan-out) runs after the response and again from a Cron
-- Trigger; webhook_outbox remembers up to which event id that has been done, so a crash between
-- the commit and the fan-out only delays the announcement until the next sweep.

CREATE TABLE webhook_outbox (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- Every story event with an id up to this one has its messages in webhook_messages.
  announced_through INTEGER NOT NULL CHECK (announced_through >= 0),
  -- The public origin of the last request that fanned out: links in documents a sweep fans out
  -- when SITE_URL is not configured.
  origin TEXT
);
-- Events written before this migration were announced (or not) the old way: start after them.
INSERT INTO webhook_outbox (id, announced_through, origin)
VALUES (1, (SELECT coalesce(max(id), 0) FROM story_events), NULL);

-- One message per (partner, event): what one partner must be told about one change of one
-- story variant, and how far that has gone. webhook_id is the Standard Webhooks `webhook-id`:
-- random, opaque, and the same on every attempt and every re-send of the message.
CREATE TABLE webhook_messages (
  webhook_id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL,
  story_id TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
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

-- A second fan-out of the same events (two sweeps racing) adds nothing: INSERT OR IGNORE.
CREATE UNIQUE INDEX idx_message_partner_event ON webhook_messages (partner_id, event_id);
-- The sweeper's scan: pending messages never sent or overdue.
CREATE INDEX idx_message_state_due ON webhook_messages (state, due_at);
-- Superseding: a partner's messages about one story variant, by version.
CREATE INDEX idx_message_partner_story ON webhook_messages (partner_id, story_id, lang, version);
-- Replaying a partner's dead letters since a time.
CREATE INDEX idx_message_partner_state ON webhook_messages (partner_id, state, settled_at);

-- The attempt log shows which version each attempt carried.
ALTER TABLE webhook_deliveries ADD COLUMN version INTEGER;

-- What each partner holds: the newest version of a story variant it received, and how (a
-- webhook answered 2xx, a sync page, a single GET). A withdrawal or a correction reaches every
-- partner listed for the story, whatever the story's category is now.
CREATE TABLE partner_story_ledger (
  partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  story_id TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('uk', 'en', 'ru')),
  version INTEGER NOT NULL CHECK (version >= 0),
  via TEXT NOT NULL CHECK (via IN ('webhook', 'sync', 'get')),
  received_at TEXT NOT NULL,
  PRIMARY KEY (partner_id, story_id, lang)
) WITHOUT ROWID;

-- Fan-out: who holds this story.
CREATE INDEX idx_ledger_story ON partner_story_ledger (story_id, lang, partner_id);

-- A partner's first sync pages the back catalogue by (published_at, id), oldest first.
CREATE INDEX idx_story_published_id ON stories (published_at, id);

-- Webhooks delivered before this migration count as received.
INSERT INTO partner_story_ledger (partner_id, story_id, lang, version, via, received_at)
SELECT d.partner_id, d.story_id, d.lang, coalesce(max(e.version), 0), 'webhook', max(d.attempted_at)
FROM webhook_deliveries d LEFT JOIN story_events e ON e.id = d.event_id
WHERE d.status = 'delivered'
GROUP BY d.partner_id, d.story_id, d.lang;
