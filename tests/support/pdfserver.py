"""A tiny file server on 127.0.0.1 that answers like a portal's document links (test helper).

Why: the documents step must be tested over real HTTP with conditional requests (ETag, 304)
and a count of requests per path, independent of the sample portal's pages. It also serves the
HTML listing pages of `webpage` sources (whatever is not a PDF goes out as text/html).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Files:
    """What the server serves: path -> bytes; `requests` counts GETs per path."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.requests: dict[str, int] = {}
        self.base = ""


def _handler(files: Files) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            files.requests[self.path] = files.requests.get(self.path, 0) + 1
            data = files.files.get(self.path)
            if data is None:
                self.send_response(404)
                self.end_headers()
                return
            etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            pdf = data.startswith(b"%PDF")
            self.send_header(
                "Content-Type", "application/pdf" if pdf else "text/html; charset=utf-8"
            )
            self.send_header("Content-Length", str(len(data)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving() -> Iterator[Files]:
    """A started server; `files.base` is its URL."""
    files = Files()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(files))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    files.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield files
    finally:
        httpd.shutdown()
        httpd.server_close()
