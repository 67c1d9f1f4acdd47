"""The conversation tests' fixtures: `member`, the private chat (`USER_CHAT_ID`) that talks to
the bot through the fake Bot API (a test that needs another chat makes its own `Member`)."""

from __future__ import annotations

import pytest

from demo.fake_api import FakeBotApi
from tests.support.chatdriver import Member
from tests.support.world import USER_CHAT_ID


@pytest.fixture
def member(fake_api: FakeBotApi) -> Member:
    return Member(fake_api, USER_CHAT_ID)
