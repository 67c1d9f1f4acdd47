"""How a reminder setting reads to a member ("dagen före, morgonen samma dag").

Why: the setting itself is domain (`agenda.alert_times`); its wording is presentation, shared by
the `/paminn` answer and anything else that shows a chat's settings.
"""

from __future__ import annotations

from presentation.html import Html, join, t, tn


def describe(spec: str, lang: str) -> Html:
    if not spec:
        return t("remind_off", lang)
    parts = []
    for offset in spec.split(","):
        if offset == "morning":
            parts.append(t("remind_morning", lang))
        elif offset.endswith("d"):
            parts.append(tn("remind_days", lang, int(offset[:-1])))
        else:
            parts.append(tn("remind_hours", lang, int(offset[:-1])))
    return join(", ", parts)
