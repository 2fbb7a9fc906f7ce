-- A photo's own rights: an agency picture is not the newsroom's to license. Partners receive
-- them with the picture (ninjs picture association); null: the newsroom's own terms apply.
ALTER TABLE stories ADD COLUMN image_copyright_holder TEXT;
ALTER TABLE stories ADD COLUMN image_usage_terms TEXT;
