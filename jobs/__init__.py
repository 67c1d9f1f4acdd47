"""Scheduled work on the JobQueue: polling sources, delivering the outbox, reminders, digests."""
