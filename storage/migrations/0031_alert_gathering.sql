-- 0031: alerts gathered during one poll scope (a source's visit, the documents step) before
-- they become outbox rows: when the scope ends, a chat gets each alert as it is, or, when more
-- than a few meetings or documents came at once, one summary instead (jobs.flood). Each row is
-- written in the same transaction as its event and moved to the outbox in one transaction.
CREATE TABLE alert_gathering (
    id          INTEGER PRIMARY KEY,
    scope       TEXT    NOT NULL,   -- "<poll id>:<source name>" or "<poll id>:documents"
    chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    thread_id   INTEGER,
    dedup_key   TEXT    NOT NULL UNIQUE,   -- the outbox key the alert gets when sent as it is
    kind        TEXT    NOT NULL,          -- new | watch | document
    meeting_id  INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
    parts       TEXT    NOT NULL,          -- JSON: the message parts, as the alert would go
    buttons     TEXT,                      -- JSON: its buttons
    reply       INTEGER NOT NULL DEFAULT 0,
    held        INTEGER NOT NULL DEFAULT 0,   -- 1: a digest chat's (the outbox row is held)
    about       TEXT    NOT NULL,          -- JSON: what a summary line needs (meeting, document, words)
    language    TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX alert_gathering_scope ON alert_gathering(scope, chat_id);
