-- 0047: party groups (issue 21). A group chat whose admins made it the party group of one body
-- gets each new agenda's items to decide (a forum topic per item, or replies under the alert)
-- and keeps its line (bifall, avslag, ... or free text) per item. Lines belong to that group
-- alone: shown nowhere else, gone with the chat (/radera).
CREATE TABLE party_groups (
    chat_id     INTEGER PRIMARY KEY REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    body_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    forum       INTEGER NOT NULL DEFAULT 0,    -- 1: a forum group, one topic per item
    created_at  TEXT    NOT NULL
);
CREATE INDEX party_groups_body ON party_groups(body_id);

CREATE TABLE party_lines (
    chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,              -- the agenda item number
    title       TEXT,                          -- the item's title when the line was set
    line        TEXT    NOT NULL,
    set_at      TEXT    NOT NULL,
    PRIMARY KEY (chat_id, meeting_id, number)
);

-- The forum topic made for an item, so a retried send never makes a second one and a line
-- written in the topic knows its item.
CREATE TABLE party_topics (
    chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    thread_id   INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (chat_id, meeting_id, number)
);
CREATE INDEX party_topics_thread ON party_topics(chat_id, thread_id);
