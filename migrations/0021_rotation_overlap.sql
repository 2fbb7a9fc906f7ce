-- Rotations without downtime: after a key or signing-secret rotation the previous one keeps
-- working until the overlap window ends (the admin API sets it, 0 to 168 hours, default 24, and
-- can end it early). Key: either hash authenticates. Secret: webhooks carry a signature with each.
-- NULL: no window. A window that ended is simply ignored (reads compare with the clock).
ALTER TABLE partners ADD COLUMN previous_key_hash TEXT
  CHECK (previous_key_hash IS NULL OR length(previous_key_hash) = 64);
ALTER TABLE partners ADD COLUMN previous_key_until TEXT;
ALTER TABLE partners ADD COLUMN previous_webhook_secret TEXT;
ALTER TABLE partners ADD COLUMN previous_secret_until TEXT;

-- Authentication looks a key up by its hash among current and previous keys.
CREATE INDEX idx_partner_previous_key ON partners (previous_key_hash)
  WHERE previous_key_hash IS NOT NULL;
