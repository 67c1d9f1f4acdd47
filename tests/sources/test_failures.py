"""A failing page, document or source is warned about once when it starts failing and once when
it recovers; the repeats are DEBUG, and still counted where they always were."""

from __future__ import annotations

import logging

import pytest

from sources.failures import FailureLog
from storage.sources import source_health
from tests.support.pollkit import Env


def test_first_failure_and_recovery_are_warnings_repeats_are_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger("tests.failures")
    failures = FailureLog(logger, "document")
    caplog.set_level(logging.DEBUG, logger="tests.failures")
    assert failures.failed("a", "document a: HTTP 404")
    assert not failures.failed("a", "document a: HTTP 404")
    assert not failures.failed("a", "document a: HTTP 500")
    assert failures.failing() == ["a"]
    assert not failures.ok("b")  # never failed: nothing to say
    assert failures.ok("a")
    assert not failures.ok("a")
    assert failures.failed("a", "document a: HTTP 404")  # failing again is news again
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "document a: HTTP 404"),
        ("DEBUG", "document a: HTTP 404 (failing 2 times in a row)"),
        ("DEBUG", "document a: HTTP 500 (failing 3 times in a row)"),
        ("WARNING", "document a recovered after 3 failed attempts"),
        ("WARNING", "document a: HTTP 404"),
    ]


async def test_a_failing_source_is_warned_once_counted_every_time(
    env: Env, caplog: pytest.LogCaptureFixture
) -> None:
    env.portal.inject("/committees", "500")
    poller = env.poller([env.portal_source()], backoff_base_seconds=0)
    caplog.set_level(logging.DEBUG, logger="jobs.poll")
    for _ in range(3):
        report = await poller.run_cycle()
        assert report.sources[0].error is not None
    (health,) = await source_health(env.db)
    assert health.consecutive_failures == 3  # every failure is still counted
    env.portal.heal()
    await poller.run_cycle()
    await poller.run_cycle()
    mine = [r for r in caplog.records if r.name == "jobs.poll"]
    warnings = [r.getMessage() for r in mine if r.levelno == logging.WARNING]
    committees = env.portal.url("/committees")
    assert warnings == [  # the page that failed, and with it the source; then both recover
        f"source Exempelportalen: {committees}: HTTP 500 (after 2 attempts)",
        f"source Exempelportalen failed: {committees}: HTTP 500 (after 2 attempts)",
        f"page {committees} recovered after 3 failed attempts",
        "source Exempelportalen recovered after 3 failed attempts",
    ]
    assert sum(r.levelno == logging.DEBUG for r in mine) == 4  # cycles 2 and 3
