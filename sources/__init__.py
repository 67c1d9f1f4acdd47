"""Where agendas come from: the sources file, the polite HTTP client, the Meetings Plus crawler,
RSS/Atom feeds, and the local sample portal used by the demo and the tests."""
