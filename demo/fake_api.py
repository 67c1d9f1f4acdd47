"""A fake Telegram Bot API server on 127.0.0.1 for tests, benchmarks and the demo.

Why: end-to-end tests must drive python-telegram-bot's real `Application` over real HTTP
without reaching Telegram. This server answers `POST /bot<token>/<method>` like the Bot API
(see `fake_methods` for the methods and their validation), records every call (`records`),
lets tests inject the members' side (`inject_message`, `inject_command`, `inject_callback`,
`inject_my_chat_member`), scripts faults (429, 403, 400, chat migration, slow answers, dropped
connections) and can enforce Telegram's flood limits (`limits`).

Use: `async with FakeBotApi() as fake:` then `Bot(fake.token, base_url=fake.base_url)`.
"""

from __future__ import annotations

import asyncio
import json
import time
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from demo.fake_inject import MembersSide
from demo.fake_methods import ApiError, BotState
from demo.fake_objects import JsonDict
from demo.fake_updates import UpdateQueue
from demo.http_server import HttpRequest, HttpResponse, MiniHttpServer
from demo.limits import Fault, FaultBook, FaultKind, LimitEnforcer, TelegramLimits
from demo.records import Call, Recorder

DEFAULT_TOKEN = "123456789:FAKE-token-for-tests-and-demo-0123456789"  # noqa: S105 (fake)
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
_SEND_METHODS = frozenset({"sendMessage"})


def decode_params(request: HttpRequest) -> dict[str, Any]:
    """Bot API parameters from a JSON body, a form body or the query string."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        loaded = json.loads(request.body or b"{}")
        if not isinstance(loaded, dict):
            raise ValueError("JSON body must be an object")
        return loaded
    if ctype.startswith("multipart/"):
        raise ValueError("multipart uploads are not supported by the fake Bot API")
    raw = dict(parse_qsl(urlsplit(request.target).query, keep_blank_values=True))
    raw.update(parse_qsl(request.body.decode("utf-8"), keep_blank_values=True))
    return {key: _convert(key, value) for key, value in raw.items()}


def _convert(key: str, value: str) -> Any:
    if key in _INT_FIELDS and value.lstrip("-").isdigit():
        return int(value)
    if key in _FLOAT_FIELDS:
        return float(value)
    if key in _JSON_FIELDS or value in ("true", "false"):
        return json.loads(value)
    return value


def _json_response(status: int, payload: JsonDict) -> HttpResponse:
    return HttpResponse(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def _error_response(exc: ApiError) -> HttpResponse:
    payload: JsonDict = {"ok": False, "error_code": exc.code, "description": exc.description}
    if exc.parameters:
        payload["parameters"] = exc.parameters
    return _json_response(exc.code, payload)


class FakeBotApi(MembersSide):
    """The fake server. `limits` turns on Telegram's flood limits (429 when exceeded)."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "NamndTestBot",
        limits: TelegramLimits | None = None,
    ) -> None:
        self.token = token
        self.state = BotState(int(token.split(":")[0]), bot_username)
        self.records = Recorder()
        self.faults = FaultBook()
        self.updates = UpdateQueue()
        self.state.methods["getUpdates"] = self.updates.get
        self.enforcer = LimitEnforcer(limits) if limits else None
        self.count_429 = 0
        self._server = MiniHttpServer(self._handle)

    # -- lifecycle ----------------------------------------------------------------------------
    async def start(self) -> FakeBotApi:
        await self._server.start()
        return self

    async def stop(self) -> None:
        await self.updates.close()
        await self._server.stop()

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        return self._server.port

    @property
    def base_url(self) -> str:
        """For `Bot(token, base_url=...)` / `Config.base_url`: the token is appended to it."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def bot_id(self) -> int:
        return int(self.state.bot["id"])

    def set_limits(self, limits: TelegramLimits | None) -> None:
        self.enforcer = LimitEnforcer(limits) if limits else None

    # -- HTTP ---------------------------------------------------------------------------------
    async def _handle(self, request: HttpRequest) -> HttpResponse | None:
        path = urlsplit(request.target).path
        prefix, _, method = path.rpartition("/")
        if prefix != f"/bot{self.token}":
            return _json_response(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        try:
            params = decode_params(request)
        except (ValueError, UnicodeDecodeError) as exc:
            return _error_response(ApiError(400, f"Bad Request: {exc}"))
        return await self._dispatch(method, params)

    async def _dispatch(self, method: str, params: dict[str, Any]) -> HttpResponse | None:
        fault = self.faults.take(method, params.get("chat_id"))
        if fault is not None and fault.kind == "drop":
            self._record(method, params, "dropped")
            return None
        try:
            if fault is not None and fault.kind != "delay":
                raise self._fault_error(fault)
            self._check_limits(method, params)
            impl = self.state.methods.get(method)
            if impl is None:
                raise ApiError(404, "Not Found")
            result = await impl(params)
        except ApiError as exc:
            if exc.code == 429:
                self.count_429 += 1
            self._record(method, params, f"error:{exc.code}")
            return _error_response(exc)
        self._record(method, params, "ok", result)
        if fault is not None:  # delay: delivered, but the answer comes (too) late
            await asyncio.sleep(fault.delay_seconds)
        return _json_response(200, {"ok": True, "result": result})

    def _record(
        self, method: str, params: dict[str, Any], outcome: str, result: Any = None
    ) -> None:
        if method != "getUpdates" or result:
            self.records.add(Call(method, params, time.monotonic(), outcome, result))

    def _check_limits(self, method: str, params: dict[str, Any]) -> None:
        if self.enforcer is None or method not in _SEND_METHODS:
            return
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            return
        wait = self.enforcer.retry_after(chat_id, time.monotonic())
        if wait is not None:
            raise ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})

    @staticmethod
    def _fault_error(fault: Fault) -> ApiError:
        if fault.kind == "retry_after":
            return ApiError(
                429,
                fault.description or f"Too Many Requests: retry after {fault.retry_after}",
                {"retry_after": fault.retry_after},
            )
        if fault.kind == "forbidden":
            return ApiError(403, fault.description or "Forbidden: bot was blocked by the user")
        if fault.kind == "migrate":
            return ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": fault.migrate_to_chat_id},
            )
        return ApiError(400, fault.description or "Bad Request: chat not found")

    # -- fault scripting ------------------------------------------------------------------------
    def add_fault(
        self,
        method: str,
        kind: FaultKind,
        *,
        chat_id: int | None = None,
        times: int = 1,
        **options: Any,
    ) -> Fault:
        """Script `kind` for the next `times` calls of `method` (to `chat_id` if given)."""
        return self.faults.add(Fault(method, kind, chat_id, times, **options))

    def fail_retry_after(
        self,
        retry_after: int = 1,
        *,
        method: str = "sendMessage",
        chat_id: int | None = None,
        times: int = 1,
    ) -> Fault:
        return self.add_fault(
            method, "retry_after", chat_id=chat_id, times=times, retry_after=retry_after
        )

    def fail_forbidden(
        self,
        *,
        method: str = "sendMessage",
        chat_id: int | None = None,
        times: int = 1,
        description: str | None = None,
    ) -> Fault:
        return self.add_fault(
            method, "forbidden", chat_id=chat_id, times=times, description=description
        )

    def fail_bad_request(
        self,
        description: str = "Bad Request: chat not found",
        *,
        method: str = "sendMessage",
        chat_id: int | None = None,
        times: int = 1,
    ) -> Fault:
        return self.add_fault(
            method, "bad_request", chat_id=chat_id, times=times, description=description
        )

    def fail_migrate(
        self, chat_id: int, new_chat_id: int, *, method: str = "sendMessage", times: int = 1
    ) -> Fault:
        return self.add_fault(
            method, "migrate", chat_id=chat_id, times=times, migrate_to_chat_id=new_chat_id
        )

    def delay(
        self,
        seconds: float,
        *,
        method: str = "sendMessage",
        chat_id: int | None = None,
        times: int = 1,
    ) -> Fault:
        """Answer late (after `seconds`) but deliver: a read timeout where the message arrived."""
        return self.add_fault(method, "delay", chat_id=chat_id, times=times, delay_seconds=seconds)

    def drop_connection(
        self, *, method: str = "sendMessage", chat_id: int | None = None, times: int = 1
    ) -> Fault:
        """Close the connection without an answer; nothing is delivered."""
        return self.add_fault(method, "drop", chat_id=chat_id, times=times)

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """What getChatMember/getChatAdministrators report ('administrator', 'creator', ...)."""
        self.state.set_member_status(chat_id, user_id, status)
