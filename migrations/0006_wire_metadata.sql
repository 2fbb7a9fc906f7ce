-- What partners of a wire service expect beside the text (sent in ninjs):
-- urgency, 1 (flash) to 9 (lowest), as the editors set it; null leaves it to the story's kind.
ALTER TABLE stories ADD COLUMN urgency INTEGER CHECK (urgency BETWEEN 1 AND 9);
-- The note that came with the latest correction ("Corrects the death toll ..."): partners'
-- editors read it (ninjs edNote) before they republish the new version.
ALTER TABLE stories ADD COLUMN correction_note TEXT;
