-- 0046: the appeal window of a meeting's decisions (issue 21): the day the notice of its approved
-- minutes went up on the anslagstavla, and the last day to appeal (three weeks, moved past
-- holidays: agenda.appeal; a day printed in the minutes wins). Public data, like the meetings.
CREATE TABLE appeal_windows (
    meeting_id        INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    posted_on         TEXT    NOT NULL,        -- YYYY-MM-DD
    posted_from       TEXT    NOT NULL,        -- minutes | notice | feed (the entry's day)
    printed_last_day  TEXT,                    -- "Sista dag för överklagande", when printed
    last_day          TEXT    NOT NULL,        -- the printed day, else the computed one
    link              TEXT,                    -- the minutes (or the notice) to read
    recorded_at       TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE INDEX appeal_windows_last_day ON appeal_windows(last_day);
