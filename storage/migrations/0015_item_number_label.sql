-- The printed number of a lettered sub-item (`9 a`, `17 A`), which has no whole number of its
-- own (`number` stays NULL for it), so `/punkt 9a` finds it and `/punkt 9` never does.
ALTER TABLE items ADD COLUMN number_label TEXT;
