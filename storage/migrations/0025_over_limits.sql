-- 0025: pages and documents whose reading broke the worker's limits (time, memory, or the
-- worker died), remembered by the hash of their bytes: they are not read again until the bytes
-- change (a hostile file read again at every cycle, or at every restart, is what this stops).
CREATE TABLE over_limits (
    url           TEXT NOT NULL,         -- the page or document URL
    kind          TEXT NOT NULL,         -- page | document
    content_hash  TEXT NOT NULL,         -- SHA-256 of the bytes that broke the limits
    reason        TEXT NOT NULL,         -- what happened, one human line
    seen_at       TEXT NOT NULL,         -- ISO timestamp UTC
    PRIMARY KEY (url, kind)
);
