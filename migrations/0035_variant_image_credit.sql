-- A photo's credit and alternative text per language: "Photo: Newsroom illustration" is English
-- on every page otherwise. The story's image_credit stays as the fallback for a language that
-- sets none (and for API clients that only know the story-level credit); a null alt falls back
-- to the caption, then the title.
ALTER TABLE story_variants ADD COLUMN image_credit TEXT;
ALTER TABLE story_variants ADD COLUMN image_alt TEXT;
