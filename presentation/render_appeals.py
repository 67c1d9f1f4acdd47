"""How the appeal window reads: the alert when approved minutes are posted, and /overklagande.

Why: "Protokollet är anslaget 10 dec; överklagandetiden går ut 31 dec" is what a member, an
opposition politician or a citizen needs, with the minutes one tap away. The alert and the list
share their wording here; every portal string is escaped (`presentation.html`).
"""

from __future__ import annotations

from datetime import date

from presentation.html import EMPTY, Html, fmt, join, t
from presentation.render import meeting_header
from presentation.texts import format_date, format_day_month, format_short_date
from storage.appeal_rows import AppealWindow
from storage.meeting_rows import StoredMeeting


def _link(url: str | None, lang: str) -> Html:
    if not url or not url.startswith(("http://", "https://")) or len(url) > 1000:
        return EMPTY
    return t("meeting_minutes_link", lang, url=url)


def appeal_alert(
    sm: StoredMeeting,
    posted: date,
    last: date,
    printed: bool,
    lang: str,
    case_text: str | None = None,
) -> Html:
    """The alert: posting and last day, the meeting, why that day, the minutes' link."""
    when = t(
        "alert_appeal",
        lang,
        posted=format_day_month(posted, lang),
        last=format_date(last, lang),
    )
    lines = [when, meeting_header(sm, lang), EMPTY]
    if case_text:
        lines.append(t("alert_appeal_case", lang, case=case_text))
    lines.append(t("appeal_printed" if printed else "appeal_computed", lang))
    link = _link(sm.meeting.minutes_url, lang)
    if link:
        lines.append(link)
    return join("\n", lines)


def appeals_list(windows: list[AppealWindow], lang: str) -> Html:
    """/overklagande: each open window, soonest to close first, with the minutes' link."""
    blocks = [t("appeals_header", lang)]
    for window in windows:
        meeting = format_short_date(window.meeting_date, lang) if window.meeting_date else "?"
        printed = t("appeals_printed_mark", lang) if window.posting.printed_last_day else ""
        text = t(
            "appeals_line",
            lang,
            body=window.body.display_name,
            meeting=meeting,
            posted=format_day_month(window.posting.posted_on, lang),
            last=format_date(window.last_day, lang),
            printed=printed,
        )
        link = _link(window.link, lang)
        blocks.append(fmt("{}\n{}", text, link) if link else text)
    return join("\n\n", blocks)
