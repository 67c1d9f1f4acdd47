-- 0004: alert delivery. The outbox sender sends the oldest open row of each chat first
-- (per-chat FIFO keeps multi-part messages and new -> changed alerts in order); a read or write
-- timeout is retried once, counted here. Rows of digest chats wait as status 'held' until the
-- daily digest folds them into one message (status 'digested').

ALTER TABLE outbox ADD COLUMN timeout_retries INTEGER NOT NULL DEFAULT 0;

CREATE INDEX outbox_chat_open ON outbox(chat_id, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_status_sent ON outbox(status, sent_at);
CREATE INDEX watches_stem ON watches(stem);
