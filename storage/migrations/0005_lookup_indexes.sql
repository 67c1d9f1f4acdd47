-- 0005: indexes for the bot's meeting lookups (next meeting, list, by day) and for a meeting's
-- events. (body_id, date, start) serves ORDER BY date, start per body without a sort and
-- replaces 0001's (body_id, date).
CREATE INDEX IF NOT EXISTS meetings_body_date_start ON meetings(body_id, date, start);
DROP INDEX IF EXISTS meetings_body_date;
CREATE INDEX IF NOT EXISTS events_meeting ON events(meeting_id);

-- Every distinct term ever indexed in items_fts. Search expands a compound prefix
-- ("vårdplat" -> vårdplat, vårdplatsbrist, ...) into exact terms here, because FTS5 answers
-- OR-ed exact terms newest-first without reading whole doclists, unlike a "prefix"* query.
CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
