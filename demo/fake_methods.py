"""The Bot API methods the fake server implements, with Telegram's validation rules.

Why: the fake must answer like Telegram, including the errors a careless bot provokes
(message too long, unparsable HTML, callback_data over 64 bytes, editing a missing message,
"message is not modified"), so bugs show up in our tests and not in production. State kept
here: known chats, messages by (chat, id), chat member statuses, bot commands per scope.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.constants import CallbackQueryLimit, InlineKeyboardButtonLimit, MessageLimit

from demo.fake_documents import check_caption, checked_visible, document_json
from demo.fake_objects import (
    ApiError,
    JsonDict,
    bot_user_json,
    chat_json,
    chat_member_json,
    default_chat_type,
    now,
    utf16_len,
)

Method = Callable[[dict[str, Any]], Awaitable[Any]]


def _require(params: dict[str, Any], name: str) -> Any:
    if params.get(name) in (None, ""):
        raise ApiError(400, f"Bad Request: parameter {name} is required")
    return params[name]


def _chat_id(params: dict[str, Any]) -> int:
    value = _require(params, "chat_id")
    if not isinstance(value, int):
        raise ApiError(400, "Bad Request: chat not found")
    return value


class BotState:
    """Chats, messages, members and commands of one fake bot; `methods` maps names to calls."""

    def __init__(self, bot_id: int, username: str, first_name: str = "Nämndbot") -> None:
        self.bot = bot_user_json(bot_id, username, first_name)
        self.chats: dict[int, JsonDict] = {}
        self.messages: dict[tuple[int, int], JsonDict] = {}
        self.member_status: dict[tuple[int, int], str] = {}
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.stored: dict[str, Any] = {}
        self.message_ids = itertools.count(1)
        self.files: dict[str, JsonDict] = {}  # file_id -> Document, for re-sending by id
        self.topics: dict[tuple[int, int], str] = {}  # (chat, thread id) -> topic name
        self.methods: dict[str, Method] = {
            "getMe": self.get_me,
            "deleteWebhook": self.true,
            "sendChatAction": self.true,
            "answerCallbackQuery": self.answer_callback_query,
            "sendMessage": self.send_message,
            "sendDocument": self.send_document,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "createForumTopic": self.create_forum_topic,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
        }
        for name in ("setMyDescription", "setMyShortDescription", "setMyName", "setChatMenuButton"):
            self.methods[name] = self._storer(name)

    # -- chats and members ------------------------------------------------------------------
    def chat(self, chat_id: int, chat_type: str | None = None, **kwargs: Any) -> JsonDict:
        """The chat object for `chat_id`, created on first use (users > 0, groups < 0)."""
        if chat_id not in self.chats or chat_type is not None:
            kind = chat_type or default_chat_type(chat_id)
            self.chats[chat_id] = chat_json(chat_id, kind, **kwargs)
        return self.chats[chat_id]

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        chat_member_json({"id": user_id}, status)  # validates the status
        self.member_status[(chat_id, user_id)] = status

    def _member(self, chat_id: int, user_id: int) -> JsonDict:
        if user_id == self.bot["id"]:
            user = self.bot
        else:
            user = {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        status = self.member_status.get((chat_id, user_id), "member")
        return chat_member_json(user, status)

    async def get_chat_member(self, params: dict[str, Any]) -> JsonDict:
        return self._member(_chat_id(params), int(_require(params, "user_id")))

    async def get_chat_administrators(self, params: dict[str, Any]) -> list[JsonDict]:
        chat_id = _chat_id(params)
        return [
            self._member(chat_id, user_id)
            for (chat, user_id), status in self.member_status.items()
            if chat == chat_id and status in {"administrator", "creator"}
        ]

    async def get_chat(self, params: dict[str, Any]) -> JsonDict:
        return {**self.chat(_chat_id(params)), "accent_color_id": 0, "max_reaction_count": 11}

    # -- simple methods ---------------------------------------------------------------------
    async def get_me(self, params: dict[str, Any]) -> JsonDict:
        return self.bot

    async def true(self, params: dict[str, Any]) -> bool:
        return True

    def _storer(self, name: str) -> Method:
        async def store(params: dict[str, Any]) -> bool:
            self.stored[name] = params  # the last call, and per language (descriptions)
            self.stored[f"{name}:{params.get('language_code') or ''}"] = params
            return True

        return store

    async def answer_callback_query(self, params: dict[str, Any]) -> bool:
        _require(params, "callback_query_id")
        limit = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH
        if len(str(params.get("text") or "")) > limit:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    # -- commands ---------------------------------------------------------------------------
    @staticmethod
    def _scope_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    async def set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = _require(params, "commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be a list of at most 100")
        for cmd in commands:
            name = str(cmd.get("command", ""))
            if (
                not name
                or len(name) > 32
                or not all(
                    c.isascii() and (c.isalnum() or c == "_") and not c.isupper() for c in name
                )
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(cmd.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._scope_key(params)] = list(commands)
        return True

    async def get_my_commands(self, params: dict[str, Any]) -> list[JsonDict]:
        return self.commands.get(self._scope_key(params), [])

    async def delete_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    def commands_for(self, language_code: str = "", scope: JsonDict | None = None) -> list[str]:
        """Command names registered for a scope (default) and language ('' = all languages)."""
        key = self._scope_key({"scope": scope, "language_code": language_code})
        return [str(c["command"]) for c in self.commands.get(key, [])]

    def menu_for(
        self, language_code: str = "", scope: JsonDict | None = None
    ) -> list[tuple[str, str]]:
        """(command, description) as registered for a scope and language: the menu as shown."""
        key = self._scope_key({"scope": scope, "language_code": language_code})
        return [(str(c["command"]), str(c["description"])) for c in self.commands.get(key, [])]

    # -- messages ---------------------------------------------------------------------------
    def _check_text(self, params: dict[str, Any]) -> str:
        visible = checked_visible(str(_require(params, "text")), params.get("parse_mode"))
        if not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(visible) > MessageLimit.MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        _check_markup(params.get("reply_markup"))
        return visible

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> JsonDict | None:
        reply = params.get("reply_parameters") or {}
        reply_id = reply.get("message_id") if isinstance(reply, dict) else None
        reply_id = reply_id or params.get("reply_to_message_id")
        if not reply_id:
            return None
        target = self.messages.get((chat_id, int(reply_id)))
        allow = reply.get("allow_sending_without_reply") if isinstance(reply, dict) else None
        if target is None and not (allow or params.get("allow_sending_without_reply")):
            raise ApiError(400, "Bad Request: message to be replied not found")
        return target

    def _new_message(self, chat_id: int, params: dict[str, Any]) -> JsonDict:
        """A message from the bot with what every send method shares (markup, topic, reply)."""
        chat = self.chat(chat_id)
        message: JsonDict = {
            "message_id": next(self.message_ids),
            "date": now(),
            "chat": chat,
            "from": self.bot,
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        if params.get("message_thread_id"):
            message["message_thread_id"] = int(params["message_thread_id"])
            message["is_topic_message"] = bool(chat.get("is_forum"))
        target = self._reply_target(chat_id, params)
        if target is not None:
            message["reply_to_message"] = {
                k: v for k, v in target.items() if k != "reply_to_message"
            }
        return message

    async def send_message(self, params: dict[str, Any]) -> JsonDict:
        chat_id = _chat_id(params)
        visible = self._check_text(params)
        message = self._new_message(chat_id, params)
        message["text"] = visible
        self.messages[(chat_id, message["message_id"])] = message
        return message

    async def send_document(self, params: dict[str, Any]) -> JsonDict:
        """An uploaded file (multipart) or a file_id sent before; a URL is taken as is."""
        chat_id = _chat_id(params)
        document = document_json(_require(params, "document"), self.files)
        caption = check_caption(params)
        _check_markup(params.get("reply_markup"))
        message = self._new_message(chat_id, params)
        message["document"] = document
        if caption is not None:
            message["caption"] = caption
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _own_message(self, params: dict[str, Any], verb: str) -> JsonDict:
        key = (_chat_id(params), int(_require(params, "message_id")))
        message = self.messages.get(key)
        if message is None or message.get("from", {}).get("id") != self.bot["id"]:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        return message

    async def edit_message_text(self, params: dict[str, Any]) -> JsonDict | bool:
        if params.get("inline_message_id"):
            return True
        message = self._own_message(params, "edit")
        visible = self._check_text(params)
        markup = _markup(params)
        if message.get("text") == visible and message.get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same as a current content "
                "and reply markup of the message",
            )
        message.update(text=visible, edit_date=now())
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return message

    async def edit_message_reply_markup(self, params: dict[str, Any]) -> JsonDict | bool:
        if params.get("inline_message_id"):
            return True
        message = self._own_message(params, "edit")
        markup = _markup(params)
        _check_markup(markup)
        if message.get("reply_markup") == markup:
            raise ApiError(400, "Bad Request: message is not modified")
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = now()
        return message

    async def create_forum_topic(self, params: dict[str, Any]) -> JsonDict:
        """A topic in a forum supergroup (its id is a message id, as in Telegram)."""
        chat_id = _chat_id(params)
        name = str(_require(params, "name"))
        if not self.chat(chat_id).get("is_forum"):
            raise ApiError(400, "Bad Request: the chat is not a forum")
        if not 1 <= len(name) <= 128:
            raise ApiError(400, "Bad Request: TOPIC_NAME_INVALID")
        thread_id = next(self.message_ids)
        self.topics[(chat_id, thread_id)] = name
        return {"message_thread_id": thread_id, "name": name, "icon_color": 7322096}

    async def delete_message(self, params: dict[str, Any]) -> bool:
        key = (_chat_id(params), int(_require(params, "message_id")))
        if self.messages.pop(key, None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True


def _check_markup(markup: Any) -> None:
    if markup is None or not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return
    for row in markup["inline_keyboard"]:
        for button in row:
            if not str(button.get("text", "")).strip():
                raise ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            if data is not None and not (
                1 <= len(str(data).encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
            ):
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def _markup(params: dict[str, Any]) -> JsonDict | None:
    markup = params.get("reply_markup")
    return markup if isinstance(markup, dict) else None
