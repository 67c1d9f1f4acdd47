"""What members read: every user-facing string and how meetings, items and alerts look.

Why its own package: the conversation (`handlers/`) and the alerts (`jobs/`) say the same things
in the same words and the same HTML. Both import it; it imports only the domain and storage rows.
"""
