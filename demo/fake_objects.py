"""JSON builders for the Bot API objects the fake server returns and injects.

Why: python-telegram-bot 22 deserialises strictly (a ChatMemberAdministrator without its
`can_*` flags is a TypeError), so every object the fake hands out is built here in the shape
the real Bot API documents, in one place, instead of ad-hoc dicts scattered over tests; and the
error answer (`ApiError`) every method raises.
"""

from __future__ import annotations

import re
import time
from typing import Any

JsonDict = dict[str, Any]


class ApiError(Exception):
    """An error answer: HTTP status = error_code, Telegram's description and parameters."""

    def __init__(self, code: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


_ADMIN_FLAGS = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
_RESTRICTED_FLAGS = (
    "is_member",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_send_messages",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_manage_topics",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_edit_tag",
)
CHAT_MEMBER_STATUSES = frozenset(
    {"creator", "administrator", "member", "restricted", "left", "kicked"}
)
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,64})?")


def now() -> int:
    return int(time.time())


def user_json(
    user_id: int,
    *,
    first_name: str = "Ledamot",
    username: str | None = None,
    language_code: str | None = "sv",
    is_bot: bool = False,
) -> JsonDict:
    user: JsonDict = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def bot_user_json(bot_id: int, username: str, first_name: str) -> JsonDict:
    return {
        **user_json(bot_id, first_name=first_name, username=username, language_code=None),
        "is_bot": True,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def chat_json(
    chat_id: int,
    chat_type: str,
    *,
    title: str | None = None,
    is_forum: bool = False,
    first_name: str = "Ledamot",
) -> JsonDict:
    chat: JsonDict = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = first_name
    else:
        chat["title"] = title or f"Grupp {chat_id}"
    if is_forum:
        chat["is_forum"] = True
    return chat


def default_chat_type(chat_id: int) -> str:
    """What a chat id says about its kind: users > 0, basic groups < 0, supergroups -100…"""
    if chat_id > 0:
        return "private"
    return "supergroup" if chat_id <= -1_000_000_000_000 else "group"


def command_entities(text: str) -> list[JsonDict]:
    """The bot_command entity Telegram adds when a message starts with `/command[@bot]`."""
    match = _COMMAND.match(text)
    if not match:
        return []
    return [{"type": "bot_command", "offset": 0, "length": match.end()}]


def chat_member_json(user: JsonDict, status: str, *, until_date: int = 0) -> JsonDict:
    """A ChatMember of any status, with every field python-telegram-bot requires."""
    if status not in CHAT_MEMBER_STATUSES:
        raise ValueError(f"unknown chat member status {status!r}")
    member: JsonDict = {"status": status, "user": user}
    if status == "administrator":
        member.update(dict.fromkeys(_ADMIN_FLAGS, False))
        member.update(can_manage_chat=True, can_delete_messages=True, can_invite_users=True)
    elif status == "creator":
        member["is_anonymous"] = False
    elif status == "restricted":
        member.update(dict.fromkeys(_RESTRICTED_FLAGS, False))
        member.update(is_member=True, until_date=until_date)
    elif status == "kicked":
        member["until_date"] = until_date
    return member


def utf16_len(text: str) -> int:
    """Telegram measures text in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2
