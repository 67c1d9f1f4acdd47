-- The meeting a chat last looked at (/nasta, a meeting button, an item): a bare `4` afterwards
-- means item 4 of it, also after a restart. Part of the chat's row, so /radera erases it with
-- the chat; a pruned meeting leaves it empty.
ALTER TABLE chats ADD COLUMN current_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL;
