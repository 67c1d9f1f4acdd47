"""The callback codec: every kind round-trips within Telegram's 64 bytes, every string is either
exactly what the codec writes or refused, and the strings written before the codec decode."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram.constants import InlineKeyboardButtonLimit

from presentation.callbacks import (
    KINDS,
    ButtonData,
    ChannelFollow,
    ConfirmErase,
    Follow,
    MoreMeetings,
    Num,
    RunCommand,
    ShowItem,
    ShowMeeting,
    Text,
    UnfollowCase,
    button_of_start,
    decode,
    start_payload,
)

LIMIT = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA


def _field(spec: Num | Text) -> st.SearchStrategy[object]:
    if isinstance(spec, Num):
        top = 10**spec.digits - 1
        return st.integers(-top if spec.signed else 0, top)
    values = st.from_regex(re.compile(spec.pattern, re.S), fullmatch=True)
    if not spec.rest:
        values = values.filter(lambda v: ":" not in v)
    return st.just("") | values if spec.optional else values


def _value(kind: type[ButtonData]) -> st.SearchStrategy[ButtonData]:
    return st.tuples(*(_field(s) for s in kind.SPECS)).map(lambda v: kind(*v))


VALUES = st.sampled_from(sorted(KINDS.values(), key=lambda k: k.TAG)).flatmap(_value)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_every_value_that_fits_round_trips(value: ButtonData) -> None:
    if not value.fits():  # only free text (a command's words, a case key) can be too long
        assert any(isinstance(s, Text) for s in value.SPECS)
        with pytest.raises(ValueError, match="64 bytes"):
            value.encode()
        return
    data = value.encode()
    assert 1 <= len(data.encode()) <= LIMIT
    assert decode(data) == value
    assert type(value).decode(data) == value and type(value).matches(data)


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=70)
    | VALUES.filter(ButtonData.fits).map(ButtonData.encode).map(lambda d: d + "0")
)
def test_a_string_is_what_the_codec_writes_or_nothing(data: str) -> None:
    found = decode(data)
    assert found is None or found.encode() == data


def test_the_largest_ids_fit() -> None:
    for value in (
        ShowItem(10**12 - 1, 99_999),
        ChannelFollow(-(10**16 - 1), 10**12 - 1),
        MoreMeetings(999),
        UnfollowCase("X" * 60),
    ):
        assert len(value.encode().encode()) <= LIMIT and decode(value.encode()) == value


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "x:1",
        "i:abc:1",
        "i:1:2:3",
        "f:" + "9" * 40,
        "f:0012",
        "f:-3",
        "m:١٢",  # Arabic-Indic digits: int() reads them, the codec does not
        "m:5\n",
        "m: 5",
        "i:1",
        "nw:",
        "del:yes:",
        "del:yes:XYZ",
        "del:maybe",
        "c:SOK",
        "c:sok:",
        "uc:a:b",
        "m:" + "1" * 64,
        b"m:5",
    ],
)
def test_garbage_and_forged_strings_are_refused(data: object) -> None:
    assert decode(data) is None


def test_bounds_are_checked_when_writing() -> None:
    with pytest.raises(ValueError, match="out of bounds"):
        ShowItem(-1, 0).encode()
    with pytest.raises(ValueError, match="out of bounds"):
        Follow(10**12).encode()
    with pytest.raises(ValueError, match="out of bounds"):
        UnfollowCase("a:b").encode()
    assert not RunCommand("sok", "å" * 40).fits() and RunCommand("sok").fits()


def test_the_strings_written_before_the_codec_decode() -> None:
    """Version 1 is the bot's earlier layouts byte for byte: outbox rows and messages in chats
    written before the codec keep working."""
    assert decode("m:5") == ShowMeeting(5)
    assert decode("i:5:0") == ShowItem(5, 0)
    assert decode("c:sok:vårdplatser i jämtland") == RunCommand("sok", "vårdplatser i jämtland")
    assert decode("del:yes") == ConfirmErase("")  # the button before erase tickets
    assert ConfirmErase("").encode() == "del:yes"


def test_start_payloads() -> None:
    assert start_payload("i:5:2") == "i_5_2" and start_payload("m:5") == "m_5"
    assert start_payload("f:5") is None and start_payload("garbage") is None
    assert button_of_start("i_5_2") == ShowItem(5, 2)
    assert button_of_start("m_5") == ShowMeeting(5)
    assert button_of_start("m_05") is None and button_of_start("regionstyrelsen") is None


def test_a_button_label_is_plain_text_never_a_message_s_html() -> None:
    from presentation.html import t
    from presentation.texts import plain

    assert ShowMeeting(7).button(plain("button_meeting", "sv")).text == "📋 Mötet"
    with pytest.raises(TypeError):
        ShowMeeting(7).button(t("button_meeting", "sv"))
