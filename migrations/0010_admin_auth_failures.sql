-- Failed newsroom API token attempts per client address, in fixed windows: while a client is
-- over the limit every request it makes is refused (src/services/admin-auth.ts). A row lives
-- only while its window is open; failures delete closed windows as they go.
CREATE TABLE admin_auth_failures (
  client TEXT PRIMARY KEY,
  -- Unix seconds when the window opened.
  window_start INTEGER NOT NULL,
  failures INTEGER NOT NULL
);
