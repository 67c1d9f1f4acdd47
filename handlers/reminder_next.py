"""When the chat's next reminder comes: the line /paminn adds under the setting.

Why: a member who sets `/paminn 1h` must be able to check it worked: the answer names the next
reminder's day and time and the meeting it is for (or says that none is due in the coming
fortnight). Computed from the same rule the reminders job uses (`agenda.alert_times`), by the
application's clock.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from telegram import Update

from agenda.alert_times import MAX_DAYS, next_fire
from agenda.clock import STOCKHOLM
from handlers.common import Ctx, today
from presentation.html import EMPTY, Html, t
from presentation.texts import format_date, format_time_span
from storage.chats import following
from storage.meetings import upcoming_meetings


async def next_reminder_line(update: Update, context: Ctx, spec: str, lang: str) -> Html:
    """`⏰ Nästa påminnelse: …` for `spec`, '' when reminders are off."""
    chat = update.effective_chat
    if not spec or chat is None:
        return EMPTY
    db = context.services.db
    followed = {b.id for b in await following(db, chat.id)}
    day = today(context)
    rows = [
        m
        for m in await upcoming_meetings(db, day, day + timedelta(days=MAX_DAYS + 1))
        if m.body.id in followed and not m.cancelled and m.date is not None
    ]
    now = context.services.clock.now().astimezone(UTC)
    found = next_fire(spec, [(m.date, m.start) for m in rows if m.date], now)
    if found is None:
        return t("remind_next_none", lang, days=MAX_DAYS + 1)
    fire, index = found
    meeting = rows[index]
    local = fire.astimezone(STOCKHOLM)
    assert meeting.date is not None
    held = f"{format_date(meeting.date, lang)} {format_time_span(meeting.start, None)}"
    return t(
        "remind_next",
        lang,
        when=f"{format_date(local.date(), lang)} {local.strftime('%H:%M')}",
        body=meeting.body.display_name,
        meeting=held.strip(),
    )
