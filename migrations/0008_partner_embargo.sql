-- An embargoed story reaches partners before the public: released to them at this time, with
-- its publication time (published_at, still in the future) as the embargo. Null: partners get
-- a story when the public does.
ALTER TABLE stories ADD COLUMN partner_release_at TEXT;
