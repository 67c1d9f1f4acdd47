"""Files and captions for the fake Bot API: what `sendDocument` checks and answers.

Why: a bot that sends a file (a calendar, say) must meet Telegram's rules for it too: a
non-empty upload, a caption within `MessageLimit.CAPTION_LENGTH` whose HTML parses, and a
`Document` in the answer whose `file_id` can be sent again. Formatted text (message text or
caption) is checked here once for both.
"""

from __future__ import annotations

import hashlib
from typing import Any

from telegram.constants import MessageLimit

from demo.fake_html import EntityParseError, check_html, visible_text
from demo.fake_objects import ApiError, JsonDict, utf16_len
from demo.fake_params import Upload


def checked_visible(text: str, parse_mode: Any) -> str:
    """The text a member sees; 400 (Telegram's wording) when its HTML does not parse."""
    if str(parse_mode or "").upper() == "HTML":
        try:
            check_html(text)
        except EntityParseError as exc:
            raise ApiError(400, str(exc)) from exc
    return visible_text(text, parse_mode)


def check_caption(params: dict[str, Any]) -> str | None:
    """The visible caption (None without one), refused when it does not parse or is too long."""
    caption = params.get("caption")
    if caption in (None, ""):
        return None
    visible = checked_visible(str(caption), params.get("parse_mode"))
    if utf16_len(visible) > MessageLimit.CAPTION_LENGTH:
        raise ApiError(400, "Bad Request: message caption is too long")
    return visible


def document_json(value: Any, files: dict[str, JsonDict]) -> JsonDict:
    """The Document for an upload (kept in `files` by its new file_id), a known file_id or a URL."""
    if isinstance(value, Upload):
        if not value.data:
            raise ApiError(400, "Bad Request: file must be non-empty")
        digest = hashlib.blake2b(value.data, digest_size=8).hexdigest()
        document: JsonDict = {
            "file_id": f"DOC{len(files) + 1}-{digest}",
            "file_unique_id": digest,
            "file_name": value.filename,
            "mime_type": value.content_type,
            "file_size": len(value.data),
        }
        files[document["file_id"]] = document
        return document
    known = files.get(str(value))
    if known is not None:
        return known
    if str(value).startswith(("http://", "https://")):
        return {"file_id": f"URL{len(files) + 1}", "file_unique_id": str(value)}
    raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
