-- 0006: pages held back because their content is doubtful (a maintenance or login page, another
-- meeting's page, an agenda shrunk by more than half). The candidate is stored or dropped when the
-- next poll reads the page again: the same parsed content confirms it, anything else releases it.
CREATE TABLE held_pages (
    url           TEXT PRIMARY KEY,      -- the meeting page URL
    content_hash  TEXT NOT NULL,         -- hash of the held candidate's parsed meeting
    reason        TEXT NOT NULL,         -- why it was held, one human line
    held_at       TEXT NOT NULL          -- ISO timestamp UTC
);
