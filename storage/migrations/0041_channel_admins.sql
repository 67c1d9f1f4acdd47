-- A channel the bot was made admin of, and the members who may set it up from their private
-- chat (the admin who added the bot; /kanal lists the channels linked to the member). The row
-- hangs off the channel's chat row: /radera in the channel's own context, or the bot leaving,
-- removes it; /radera in the member's private chat removes the member's links.
CREATE TABLE channel_admins (
    channel_id  INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    user_id     INTEGER NOT NULL,
    title       TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX channel_admins_user ON channel_admins(user_id);
