"""Where agendas come from: the sources file, the polite HTTP client, the Meetings Plus crawler,
RSS/Atom feeds, web pages that list kallelser, the documents and PDF readers, the appeal
notices, and the worker processes that parse under a deadline and a memory cap."""
