"""The scheduled jobs: one thin module per job of the `JobQueue` (poll, documents, deliver,
reminders, digest, prune, source_health), each scheduling itself and calling into `sources/`
and `alerts/`; their counters in `metrics.py`, their typed data in `job_data.py`."""
