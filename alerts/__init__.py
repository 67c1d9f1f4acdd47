"""The alert wing: everything from a recorded event to a delivered message (fan-out, routing,
floods, digests, reminders, admin notices, the outbox sender and its delivery policy)."""
