-- Listings read every variant's lang, slug, title and update time (sitemap children, the
-- alternates of each feed item and story card), never its body. story_variants is WITHOUT
-- ROWID with updated_at stored after the body, so reading it from the table walks each body's
-- overflow pages: a 500-story sitemap child read 7 MB of bodies. This index covers those reads.
CREATE INDEX idx_variant_listing ON story_variants (story_id, lang, slug, title, updated_at);
