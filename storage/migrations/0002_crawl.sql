-- 0002: what the crawler needs to skip unchanged pages cheaply and to report source health.
-- crawl_links: the links found on a listing page (committees list, body page, meeting side menu,
-- feed) the last time it was parsed, so a 304 on that page still tells which pages to visit.
CREATE TABLE crawl_links (
    page_url   TEXT NOT NULL,
    link_url   TEXT NOT NULL,
    kind       TEXT NOT NULL,      -- body | meeting
    label      TEXT,               -- link text (a body's name)
    date       TEXT,               -- YYYY-MM-DD from aria-label, text or URL, when known
    PRIMARY KEY (page_url, link_url)
);

-- Pages that failed in a source's last attempt while the source itself was reachable.
ALTER TABLE sources ADD COLUMN last_failed_pages INTEGER NOT NULL DEFAULT 0;
