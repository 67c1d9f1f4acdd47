"""A fake Telegram Bot API server on 127.0.0.1 for tests, benchmarks and the demo.

Why: end-to-end tests must drive python-telegram-bot's real `Application` over real HTTP
without reaching Telegram. This server (aiohttp's, started by `demo.web`) answers
`POST /bot<token>/<method>` like the Bot API, with form, JSON or multipart bodies
(`fake_params`; an uploaded file is kept, see `Recorder.sent_documents`); `fake_methods` holds
the methods and their validation. It records every call (`records`), lets tests inject the
members' side (`inject_message`, `inject_command`, `inject_callback`, `inject_my_chat_member`),
scripts faults (429, 403, 400, chat migration, slow answers, dropped connections) and can
enforce Telegram's flood limits (`limits`).

Use: `async with FakeBotApi() as fake:` then `Bot(fake.token, base_url=fake.base_url)`.
"""

from __future__ import annotations

import asyncio
import json
import time
from types import TracebackType
from typing import Any

from aiohttp import web

from demo.fake_inject import MembersSide
from demo.fake_methods import BotState
from demo.fake_objects import ApiError, JsonDict
from demo.fake_params import decode_params
from demo.fake_updates import UpdateQueue
from demo.limits import Fault, FaultBook, FaultKind, LimitEnforcer, TelegramLimits
from demo.records import Call, Recorder
from demo.web import WebServer, new_app

DEFAULT_TOKEN = "123456789:FAKE-token-for-tests-and-demo-0123456789"  # noqa: S105 (fake)
_SEND_METHODS = frozenset({"sendMessage", "sendDocument"})


def _json_response(status: int, payload: JsonDict) -> web.Response:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return web.Response(status=status, body=body, content_type="application/json")


def _error_response(exc: ApiError) -> web.Response:
    payload: JsonDict = {"ok": False, "error_code": exc.code, "description": exc.description}
    if exc.parameters:
        payload["parameters"] = exc.parameters
    return _json_response(exc.code, payload)


def _drop(request: web.BaseRequest) -> web.Response:
    """Close the connection without an answer (the response is never written)."""
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=500)


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
        self._slow_until = 0.0
        self._slow_seconds = 0.0
        self._down_until = 0.0
        app = new_app()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._server = WebServer(app)

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
    async def _handle(self, request: web.Request) -> web.Response:
        prefix, _, method = request.path.rpartition("/")
        if prefix != f"/bot{self.token}":
            return _json_response(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        try:
            params = await decode_params(request)
        except ValueError as exc:
            return _error_response(ApiError(400, f"Bad Request: {exc}"))
        moment = time.monotonic()
        if method != "getUpdates" and moment < self._down_until:
            self._record(method, params, "down")
            return _drop(request)
        fault = self.faults.take(method, params.get("chat_id"))
        if fault is not None and fault.kind == "drop":
            self._record(method, params, "dropped")
            return _drop(request)
        response = await self._dispatch(method, params, fault)
        if method != "getUpdates" and moment < self._slow_until:
            await asyncio.sleep(self._slow_seconds)  # carried out at once, answered late
        return response

    async def _dispatch(
        self, method: str, params: dict[str, Any], fault: Fault | None
    ) -> web.Response:
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

    def slow_down(self, answer_after: float, for_seconds: float) -> None:
        """For `for_seconds` from now every call but getUpdates is carried out at once and
        answered after `answer_after` seconds (Telegram overloaded: a late answer, delivered)."""
        self._slow_seconds = answer_after
        self._slow_until = time.monotonic() + for_seconds

    def go_down(self, for_seconds: float) -> None:
        """For `for_seconds` from now every call but getUpdates gets its connection closed
        without an answer and is not carried out (Telegram unreachable)."""
        self._down_until = time.monotonic() + for_seconds

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """What getChatMember/getChatAdministrators report ('administrator', 'creator', ...)."""
        self.state.set_member_status(chat_id, user_id, status)
