-- 0030: a held page is believed only when the portal serves the same content consistently:
-- on several polls in a row and over a while (agenda.trust). Each held candidate counts the
-- polls that returned it and keeps when it was first served; a different content starts over.
ALTER TABLE held_pages ADD COLUMN polls INTEGER NOT NULL DEFAULT 1;
ALTER TABLE held_pages ADD COLUMN since TEXT;  -- ISO timestamp UTC; NULL (older rows): held_at
