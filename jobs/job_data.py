"""How a job reads its data: one frozen dataclass per job, fetched through a typed accessor.

Why: python-telegram-bot hands a job's `data` back as `object`. Each job module defines one
frozen dataclass with what its callback needs (`PollJob`, `DeliverJob`, …) and passes it as
`data` when it schedules the job; the callback reads it with `job_data(context, PollJob)`,
which checks the type once and fails with the job's name if the wiring is wrong, instead of
an `assert isinstance` or a `cast` in every callback.
"""

from __future__ import annotations

from typing import Any, TypeVar

from telegram.ext import CallbackContext

T = TypeVar("T")


def job_data(context: CallbackContext[Any, Any, Any, Any], kind: type[T]) -> T:
    """The running job's data, which must be a `kind`."""
    job = context.job
    data = job.data if job is not None else None
    if not isinstance(data, kind):
        name = job.name if job is not None else "(no job)"
        raise TypeError(f"job {name} was scheduled with {type(data).__name__}, not {kind.__name__}")
    return data
