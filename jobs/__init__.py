"""Scheduled work on the JobQueue: polling the sources, delivering the outbox, reminders, digests."""
