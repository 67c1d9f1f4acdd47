"""Decode a Bot API request's parameters the way Telegram does: query, form, JSON or multipart.

Why: python-telegram-bot sends `application/x-www-form-urlencoded` bodies, and
`multipart/form-data` when a call uploads a file (`sendDocument`); other clients send JSON.
Form and multipart fields are strings, so the fields Telegram reads as numbers, booleans or JSON
objects are converted back here. An uploaded file becomes an `Upload` (name, type, bytes) in the
parameters, under its field name or the name an `attach://` value points to, so a test can
assert on exactly what the bot sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import BodyPartReader, web

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # Telegram's limit for files bots upload
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "user_id",
        "from_chat_id",
        "message_thread_id",
        "reply_to_message_id",
    }
)
_FLOAT_FIELDS = frozenset({"timeout", "cache_time"})
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "reply_parameters",
        "entities",
        "allowed_updates",
        "link_preview_options",
        "caption_entities",
    }
)
_ATTACH = "attach://"


@dataclass(frozen=True, slots=True)
class Upload:
    """A file the bot uploaded: its multipart field, file name, content type and bytes."""

    field: str
    filename: str
    content_type: str
    data: bytes


async def decode_params(request: web.BaseRequest) -> dict[str, Any]:
    """Bot API parameters from the query string and a JSON, form or multipart body.

    Raises ValueError (with a message for the 400 answer) on a body that cannot be read.
    """
    ctype = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        loaded = json.loads(await request.read() or b"{}")
        if not isinstance(loaded, dict):
            raise ValueError("JSON body must be an object")
        return loaded
    raw: dict[str, Any] = dict(request.query.items())
    if ctype == "multipart/form-data":
        raw.update(await _multipart(request))
    else:
        raw.update(parse_qsl((await request.read()).decode("utf-8"), keep_blank_values=True))
    params = {k: v if isinstance(v, Upload) else convert(k, v) for k, v in raw.items()}
    return _resolve_attachments(params)


async def _multipart(request: web.BaseRequest) -> dict[str, str | Upload]:
    fields: dict[str, str | Upload] = {}
    reader = await request.multipart()
    async for part in reader:
        if not isinstance(part, BodyPartReader) or not part.name:
            raise ValueError("unexpected part in multipart body")
        data = await part.read()
        if len(data) > MAX_UPLOAD_BYTES:
            raise ValueError("file is too big")
        if part.filename is not None:
            ctype = part.headers.get("Content-Type", "application/octet-stream")
            fields[part.name] = Upload(part.name, part.filename, ctype, bytes(data))
        else:
            fields[part.name] = bytes(data).decode(part.get_charset("utf-8"))
    return fields


def _resolve_attachments(params: dict[str, Any]) -> dict[str, Any]:
    """`document=attach://x` with a file part `x`: the parameter becomes that upload."""
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith(_ATTACH):
            upload = params.get(value.removeprefix(_ATTACH))
            if not isinstance(upload, Upload):
                raise ValueError(f"{key}: no file attached as {value}")
            params[key] = upload
    return params


def convert(key: str, value: str) -> Any:
    """A form field's string as the type Telegram reads it."""
    if key in _INT_FIELDS and value.lstrip("-").isdigit():
        return int(value)
    if key in _FLOAT_FIELDS:
        return float(value)
    if key in _JSON_FIELDS or value in ("true", "false"):
        return json.loads(value)
    return value
