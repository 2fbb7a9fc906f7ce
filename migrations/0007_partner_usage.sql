-- What each partner takes, per UTC day: pulls by kind of route (feeds, sync pages, single
-- stories). Deliveries are counted from webhook_deliveries, which already has every attempt.
CREATE TABLE partner_pulls (
  partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  route TEXT NOT NULL CHECK (route IN ('feed', 'sync', 'story')),
  count INTEGER NOT NULL CHECK (count >= 1),
  PRIMARY KEY (partner_id, day, route)
) WITHOUT ROWID;

-- The usage report reads one partner's attempts over a range of days.
CREATE INDEX idx_delivery_partner_time ON webhook_deliveries (partner_id, attempted_at);
