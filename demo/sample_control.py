"""The sample portal's HTTP control API: change the site while it is being served.

Why: an operator running `python -m bot sample-portal` (or the demo) needs a way to publish a
meeting or change an agenda from another terminal and watch the bot notice. Endpoints (POST, JSON
body, JSON answer `{"ok": true, "path": ...}` or `{"ok": false, "error": ...}`):

- `/_control/publish`  `{"body": "regionstyrelsen", "days": 7, "items": [[1, "Mötet öppnas"]]}`
  (`days` from today, default 7; `date` "YYYY-MM-DD" instead; `items` optional)
- `/_control/edit`     `{"path": "/committees/x/mote-...", "number": 2, "title": "..."}`
  (optional `"text"`: a new description entry after the item)
- `/_control/cancel`   `{"path": "/committees/x/mote-..."}`
- `/_control/minutes`  `{"path": "/committees/x/mote-..."}`
- `/_control/meetings` `{}` lists the meeting paths.
- `/_control/counters` `{}` (answered by the portal itself): requests, 304s and connections
  since the last time, then zeroed.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from demo.sample_site import SampleSite


def apply_control(site: SampleSite, action: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """Apply one control request; (HTTP status, JSON answer). Never raises on bad input."""
    try:
        args = json.loads(body.decode("utf-8") or "{}")
        if not isinstance(args, dict):
            raise ValueError("the body must be a JSON object")
        return 200, {"ok": True, **_dispatch(site, action, args)}
    except (ValueError, KeyError, TypeError, StopIteration) as exc:
        return 400, {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


def _dispatch(site: SampleSite, action: str, args: dict[str, Any]) -> dict[str, Any]:
    if action == "publish":
        day = (
            date.fromisoformat(args["date"])
            if "date" in args
            else site.today + timedelta(days=int(args.get("days", 7)))
        )
        items = [(int(n), str(t)) for n, t in args["items"]] if "items" in args else None
        return {"path": site.publish_meeting(str(args["body"]), day, items)}
    if action == "edit":
        site.edit_item(
            str(args["path"]), int(args["number"]), title=args.get("title"), text=args.get("text")
        )
        return {"path": args["path"]}
    if action == "cancel":
        site.cancel_meeting(str(args["path"]))
        return {"path": args["path"]}
    if action == "minutes":
        site.publish_minutes(str(args["path"]))
        return {"path": args["path"]}
    if action == "meetings":
        return {"paths": [m.path for m in site.meetings]}
    raise ValueError(f"unknown action {action!r} (publish, edit, cancel, minutes, meetings)")
