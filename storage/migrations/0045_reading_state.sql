-- 0045: what each chat has looked at, per meeting (issue 21): the items as they were when last
-- shown and whether the whole agenda was, and which items the chat marked read (/forbered).
-- /nytt compares it with the items now (agenda.reading). Per chat; gone with the chat (/radera).
CREATE TABLE reading_state (
    chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    state       TEXT    NOT NULL,              -- JSON of agenda.reading.Seen
    looked_at   TEXT    NOT NULL,              -- ISO timestamp UTC of the last look
    PRIMARY KEY (chat_id, meeting_id)
);
