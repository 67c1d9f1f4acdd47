-- 0007: meeting links a source's crawl found but could not visit within its per-cycle page
-- budget; the next cycle starts with them, so a long chain of pages is read over several cycles.
CREATE TABLE crawl_frontier (
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    url        TEXT    NOT NULL,
    label      TEXT,
    date       TEXT,                     -- YYYY-MM-DD when the link told it
    PRIMARY KEY (source_id, url)
);
