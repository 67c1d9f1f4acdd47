-- 0001: the core schema. Bodies, meetings, items (+ full-text index), change events,
-- sources and their health, HTTP cache, feed announcements, chats, follows, watches, outbox.

CREATE TABLE bodies (
    id          INTEGER PRIMARY KEY,
    portal      TEXT    NOT NULL DEFAULT '',     -- base URL of the portal, '' when unknown
    slug        TEXT    NOT NULL,
    name        TEXT,
    UNIQUE (portal, slug)
);

CREATE TABLE meetings (
    id            INTEGER PRIMARY KEY,
    body_id       INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    key           TEXT    NOT NULL UNIQUE,       -- page URL, or portal/slug/date without one
    url           TEXT,
    date          TEXT,                          -- YYYY-MM-DD
    start         TEXT,                          -- HH:MM
    end           TEXT,
    place         TEXT,
    cancelled     INTEGER NOT NULL DEFAULT 0,
    minutes_url   TEXT,
    content_hash  TEXT    NOT NULL,              -- hash of the parsed meeting, for change detection
    first_seen    TEXT    NOT NULL,              -- ISO timestamp UTC
    updated_at    TEXT    NOT NULL
);
CREATE INDEX meetings_body_date ON meetings(body_id, date);
CREATE INDEX meetings_date ON meetings(date);

CREATE TABLE items (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,            -- 0-based order on the page
    number          INTEGER,
    number_inferred INTEGER NOT NULL DEFAULT 0,
    paragraph       INTEGER,
    title           TEXT,
    text            TEXT,
    minutes_text    TEXT,
    proposal        TEXT,
    case_numbers    TEXT    NOT NULL DEFAULT '[]',   -- JSON list of strings
    procedural      INTEGER NOT NULL DEFAULT 0,
    attachments     TEXT    NOT NULL DEFAULT '[]',   -- JSON list of {"title", "url"}
    UNIQUE (meeting_id, position)
);
CREATE INDEX items_meeting_number ON items(meeting_id, number);
CREATE INDEX items_meeting_paragraph ON items(meeting_id, paragraph);

-- Stemmed (Swedish snowball) tokens of title, text and minutes text; rowid = items.id.
CREATE VIRTUAL TABLE items_fts USING fts5(stems, tokenize = 'unicode61 remove_diacritics 0');

-- What changed, recorded durably in the same transaction as the change itself.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,   -- new | changed | moved | cancelled | minutes
    detail      TEXT    NOT NULL DEFAULT '{}',   -- JSON: what changed
    created_at  TEXT    NOT NULL,
    dedup_key   TEXT    NOT NULL UNIQUE
);
CREATE INDEX events_created ON events(created_at);

CREATE TABLE sources (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT    NOT NULL UNIQUE,
    kind                  TEXT    NOT NULL,     -- meetingsplus | feed
    url                   TEXT    NOT NULL,
    last_attempt          TEXT,
    last_success          TEXT,
    last_error            TEXT,
    last_error_at         TEXT,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    backoff_until         TEXT,
    failing_since         TEXT,
    failure_reported      INTEGER NOT NULL DEFAULT 0,
    backfilled            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE http_cache (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    content_hash   TEXT,
    fetched_at     TEXT NOT NULL
);

CREATE TABLE announcements (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    body_id     INTEGER REFERENCES bodies(id) ON DELETE SET NULL,
    guid        TEXT    NOT NULL,
    title       TEXT,
    link        TEXT,
    published   TEXT,
    created_at  TEXT    NOT NULL,
    UNIQUE (source_id, guid)
);

CREATE TABLE polls (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    new          INTEGER NOT NULL DEFAULT 0,
    changed      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE chats (
    chat_id           INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL DEFAULT 'private',   -- private | group | supergroup | channel
    language          TEXT    NOT NULL DEFAULT 'sv',        -- sv | en
    active            INTEGER NOT NULL DEFAULT 1,           -- 0 after the bot was blocked/kicked
    forbidden_strikes INTEGER NOT NULL DEFAULT 0,
    digest            INTEGER NOT NULL DEFAULT 0,           -- 1: one message a day instead
    reminders         TEXT    NOT NULL DEFAULT '',          -- e.g. '2d,morning'; '' = off
    created_at        TEXT    NOT NULL
);

CREATE TABLE follows (
    chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    body_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    thread_id   INTEGER,              -- forum topic the follow was made in
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (chat_id, body_id)
);
CREATE INDEX follows_body ON follows(body_id);

CREATE TABLE watches (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    term        TEXT    NOT NULL,     -- as the user typed it
    stem        TEXT    NOT NULL,     -- snowball stem used for matching
    thread_id   INTEGER,
    created_at  TEXT    NOT NULL,
    UNIQUE (chat_id, stem)
);

-- One row per message to send; written in the transaction of the event that causes it.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    chat_id      INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    thread_id    INTEGER,
    dedup_key    TEXT    NOT NULL UNIQUE,
    kind         TEXT    NOT NULL,    -- new | changed | cancelled | minutes | reminder | watch | digest | admin
    meeting_id   INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    part         INTEGER NOT NULL DEFAULT 0,   -- order of a multi-part message
    payload      TEXT    NOT NULL,    -- JSON: text, buttons, reply_to_kind
    status       TEXT    NOT NULL DEFAULT 'pending',   -- pending|sending|sent|dead|dropped|withdrawn
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_before   TEXT    NOT NULL,
    lease_until  TEXT,
    created_at   TEXT    NOT NULL,
    sent_at      TEXT,
    message_id   INTEGER,
    error        TEXT
);
CREATE INDEX outbox_due ON outbox(status, not_before);
CREATE INDEX outbox_chat ON outbox(chat_id, status);
CREATE INDEX outbox_meeting ON outbox(meeting_id, chat_id, kind);
