"""`python -m bot parse PATH_OR_URL [--url PAGE_URL]`: a meeting page or PDF as JSON on stdout.

Why: the quickest way to see what the bot understands of an agenda (a saved page or PDF, or a
live URL of either), for operators checking a new source and for bug reports. A PDF (a
kallelse or protokoll) is read by `sources.pdfagenda` under the documents' caps (20 MB, 300
pages); anything else is a page (5 MB). Unreadable input is one line on stderr and exit
status 1, never a traceback.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import httpx

from agenda.model import meeting_to_json
from agenda.parse import MAX_PAGE_BYTES, ParseError, parse_page
from agenda.parse.decode import check_size
from bot.config import Config
from sources.pdfagenda import is_pdf, meeting_from_pdf
from sources.pdftext import MAX_PDF_BYTES

FETCH_TIMEOUT_SECONDS = 20.0
FETCH_DEADLINE_SECONDS = 60.0  # the whole fetch: a server trickling bytes never hits a timeout


class InputError(Exception):
    """The input could not be read or fetched; the message is one human line."""


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _check(size: int, pdf: bool) -> None:
    """The page cap, or the PDF cap for a PDF."""
    if not pdf:
        check_size(size)
    elif size > MAX_PDF_BYTES:
        raise ParseError(f"the PDF is too large: {size} bytes, the limit is {MAX_PDF_BYTES} bytes")


def read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            pdf = is_pdf(handle.read(1024))
        _check(path.stat().st_size, pdf)
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory, not a file") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def fetch(url: str, deadline_seconds: float = FETCH_DEADLINE_SECONDS) -> tuple[bytes, str]:
    """GET a page (size-capped, honest User-Agent, an overall deadline); returns (body, final
    URL)."""
    deadline = time.monotonic() + deadline_seconds
    headers = {"User-Agent": Config().user_agent}
    try:
        with (
            httpx.Client(timeout=FETCH_TIMEOUT_SECONDS, follow_redirects=True) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            if response.status_code >= 400:
                raise InputError(f"{url}: HTTP {response.status_code}")
            pdf = "pdf" in response.headers.get("content-type", "").lower()
            declared = response.headers.get("content-length", "")
            if declared.isascii() and declared.isdigit():
                _check(int(declared), pdf)
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                pdf = pdf or is_pdf(bytes(body[:1024]))
                _check(len(body), pdf)
                if time.monotonic() > deadline:
                    raise InputError(f"{url}: no complete page within {deadline_seconds:g} s")
            return bytes(body), str(response.url)
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from exc


def run_parse(source: str, url: str | None) -> int:
    """Print the parsed meeting as JSON; 0 on success, 1 with one stderr line on failure."""
    page_url: str | None = url
    try:
        if _is_url(source):
            content, final_url = fetch(source)
            page_url = url or final_url
        else:
            content = read_file(Path(source))
        meeting = (
            meeting_from_pdf(content, page_url)
            if is_pdf(content)
            else parse_page(content, page_url)
        )
    except InputError as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    except ParseError as exc:
        print(f"error: {source}: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    for warning in meeting.warnings:
        print(f"warning: {_one_line(warning)}", file=sys.stderr)
    json.dump(meeting_to_json(meeting), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _one_line(message: str) -> str:
    return " ".join(message.split())


__all__ = ["MAX_PAGE_BYTES", "fetch", "read_file", "run_parse"]
