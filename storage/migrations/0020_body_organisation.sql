-- The organisation (municipality, region) a body belongs to, when the sources file names it:
-- two bodies called "Kommunstyrelsen" in one bot are told apart by it ("Kommunstyrelsen
-- (Tyresö kommun)"). NULL: the source names none (a bot serving one organisation).
ALTER TABLE bodies ADD COLUMN organisation TEXT;
