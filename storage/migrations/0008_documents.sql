-- 0008: the documents behind the items (attachments, the minutes PDF), what they say (proposal,
-- decisions, case numbers) and who follows a case. A document belongs to a meeting and is
-- found by its URL, which the item's attachments list holds: items are replaced when an agenda
-- changes, documents are not.

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    url           TEXT    NOT NULL,
    kind          TEXT    NOT NULL,                -- attachment | minutes
    title         TEXT,
    position      INTEGER,                         -- the item's position when last seen
    status        TEXT    NOT NULL,  -- pending | ok | no_text | encrypted | broken | too_large | failed
    detail        TEXT    NOT NULL DEFAULT '',     -- why it could not be read
    text          TEXT    NOT NULL DEFAULT '',
    pages         INTEGER NOT NULL DEFAULT 0,
    content_hash  TEXT,                            -- NULL until first read
    proposal      TEXT,                            -- under "Förslag till beslut" or "...s förslag"
    proposal_heading TEXT,
    case_numbers  TEXT    NOT NULL DEFAULT '[]',   -- JSON list as written
    versions      INTEGER NOT NULL DEFAULT 0,      -- reads that gave new content
    late          INTEGER NOT NULL DEFAULT 0,      -- 1: added after the meeting's first listing
    checked_at    TEXT,                            -- last request, answered or not modified
    first_seen    TEXT    NOT NULL,
    changed_at    TEXT    NOT NULL,
    UNIQUE (meeting_id, url)
);

-- Meetings whose attachments were listed once: an attachment that appears later is 'late'
-- (kompletterande handlingar) and gets an alert of its own. listed_hash is the meeting's
-- content hash when listed: a meeting is listed again only when it changed.
CREATE TABLE document_meetings (
    meeting_id  INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    listed_hash TEXT    NOT NULL,
    listed_at   TEXT    NOT NULL
);

-- Stemmed tokens of a document's text plus its body token; rowid = documents.id.
CREATE VIRTUAL TABLE documents_fts USING fts5(stems, tokenize = 'unicode61 remove_diacritics 0');

-- What the minutes decided, per paragraph; position is the aligned agenda item, if any.
CREATE TABLE decisions (
    meeting_id    INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    paragraph     INTEGER NOT NULL,
    position      INTEGER,
    title         TEXT,
    decision      TEXT,
    reservation   TEXT,
    document_id   INTEGER REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, paragraph)
);
CREATE INDEX decisions_position ON decisions(meeting_id, position);

-- Every place a case number was seen: an agenda item, a document, the minutes.
-- ref is the document URL ('' for the agenda page itself).
CREATE TABLE case_refs (
    id          INTEGER PRIMARY KEY,
    case_key    TEXT    NOT NULL,                  -- agenda.casenumbers key, e.g. HSN-2019-203
    case_text   TEXT    NOT NULL,                  -- as written
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position    INTEGER,
    source      TEXT    NOT NULL,                  -- agenda | document | minutes
    ref         TEXT    NOT NULL DEFAULT '',
    first_seen  TEXT    NOT NULL,
    UNIQUE (case_key, meeting_id, source, ref)
);
CREATE INDEX case_refs_key ON case_refs(case_key);

-- Meetings whose agenda was scanned for case numbers (any date, not only the documents'
-- window), with the meeting's content hash then: scanned again only when it changed.
CREATE TABLE case_scans (
    meeting_id   INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    scanned_hash TEXT    NOT NULL,
    scanned_at   TEXT    NOT NULL
);

CREATE TABLE case_follows (
    chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    case_key    TEXT    NOT NULL,
    case_text   TEXT    NOT NULL,
    thread_id   INTEGER,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (chat_id, case_key)
);
CREATE INDEX case_follows_key ON case_follows(case_key);
