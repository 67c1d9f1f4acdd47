-- Whether the chat chose its language with /sprak. Until it has, a private chat follows the
-- member's Telegram language on every update; once chosen, the choice sticks.
ALTER TABLE chats ADD COLUMN language_chosen INTEGER NOT NULL DEFAULT 0;
