-- A private calendar subscription per chat: an unguessable token in the feed's URL.
-- Deleted with the chat (/radera erases the chats row).
CREATE TABLE calendar_tokens (
    chat_id     INTEGER PRIMARY KEY REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    token       TEXT    NOT NULL UNIQUE,
    created_at  TEXT    NOT NULL
);
