"""`python -m bot parse` as a user runs it: a real subprocess, files and a real HTTP server."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.cli_parse import InputError, fetch
from tests.fixtures import seed_path
from tests.support.pdfmaker import agenda_pdf, scanned_pdf

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MEETING_PATH = "/committees/sociala-vard-och-omsorgsgruppen/mote-2023-05-26"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "parse", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def seed(number: str) -> Path:
    return seed_path(number)


def assert_one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_text_file_with_url() -> None:
    url = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12"
    result = run(str(seed("001")), "--url", url)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {
        "url",
        "body",
        "date",
        "start",
        "end",
        "place",
        "cancelled",
        "minutes_url",
        "items",
    }
    assert data["body"] == {"slug": "regionstyrelsen", "name": "Regionstyrelsen"}
    assert (data["date"], data["start"], data["end"]) == ("2017-12-12", "08:30", "17:20")
    assert data["url"] == url and data["cancelled"] is False and data["minutes_url"] is None
    first = data["items"][0]
    assert set(first) == {
        "number",
        "number_label",
        "paragraph",
        "title",
        "text",
        "minutes_text",
        "proposal",
        "case_numbers",
        "procedural",
        "attachments",
    }
    assert first["number"] == 2 and first["title"] == "Val av justerare och tid för justering"
    assert first["paragraph"] is None and first["attachments"] == [] and first["procedural"]
    assert "Hörsalen" in result.stdout  # ensure_ascii=False


def test_html_file() -> None:
    result = run(str(FIXTURES / "html" / "markup1" / "004.html"))
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert [i["number"] for i in items] == list(range(1, 14))
    assert items[1]["paragraph"] == 17


KALLELSE = FIXTURES / "pages" / "other" / "kyrkslatt.fi__kommunfullmaktige__2023-10-09.txt"


def kallelse_pdf() -> bytes:
    """A municipality's kallelse as a PDF, with a running head and page numbers."""
    return agenda_pdf(KALLELSE.read_text("utf-8"), running="Kommunfullmäktige 9.10.2023")


def assert_kallelse(data: dict[str, object]) -> None:
    items = data["items"]
    assert isinstance(items, list)
    assert [i["number"] for i in items] == list(range(1, 9))
    assert items[6]["title"] == (
        "Beviljande av avsked från uppdraget som ersättare i samhällstekniska nämnden och val"
        " av ny ersättare, K.J."
    )
    assert (data["date"], data["start"]) == ("2023-10-09", "19:00")
    assert data["place"] == "Kommunhuset i Kyrkslätt, Kyrkslättssalen"


def test_pdf_file(tmp_path: Path) -> None:
    path = tmp_path / "kallelse.pdf"
    path.write_bytes(kallelse_pdf())
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    assert_kallelse(json.loads(result.stdout))


def test_a_pdf_that_is_no_agenda_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf())
    assert "no text layer" in assert_one_line_error(run(str(path)))


class _Portal(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == MEETING_PATH:
            body = (FIXTURES / "html" / "markup1" / "004.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.server.user_agents.append(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.05)
        elif self.path == "/kallelse.pdf":
            body = kallelse_pdf()
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Length", str(20 * 1024 * 1024))
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def portal() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    server.user_agents = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def base(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_url_is_fetched(portal: ThreadingHTTPServer) -> None:
    url = base(portal) + MEETING_PATH
    result = run(url)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["url"] == url and data["body"]["slug"] == "sociala-vard-och-omsorgsgruppen"
    assert data["date"] == "2023-05-26"
    assert data["minutes_url"] == f"{url}/protocol/protokollpdf?downloadMode=open"
    assert data["items"][5]["attachments"][0]["url"].startswith(url + "/agenda/")
    assert portal.user_agents[0].startswith("Namndbot/")  # type: ignore[attr-defined]


def test_url_of_a_pdf_is_fetched_and_read(portal: ThreadingHTTPServer) -> None:
    url = base(portal) + "/kallelse.pdf"
    result = run(url)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["url"] == url
    assert_kallelse(data)


def test_url_404(portal: ThreadingHTTPServer) -> None:
    line = assert_one_line_error(run(base(portal) + "/committees/x/mote-2020-01-01"))
    assert "HTTP 404" in line


def test_url_too_large(portal: ThreadingHTTPServer) -> None:
    line = assert_one_line_error(run(base(portal) + "/huge"))
    assert "too large" in line


def test_url_unreachable() -> None:
    line = assert_one_line_error(run("http://127.0.0.1:9/committees/x/mote-2020-01-01"))
    assert "cannot fetch" in line


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in assert_one_line_error(run(str(tmp_path / "nope.html")))


def test_directory(tmp_path: Path) -> None:
    assert "directory" in assert_one_line_error(run(str(tmp_path)))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"Hoppa \x81\x8d\x8f\x90\x9d \x81\x8d\x8f" * 50, "decode"),
        (b"Just a note.\nNothing to see.\n", "not an agenda"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    assert expected in assert_one_line_error(run(str(path)))


def test_twenty_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    line = assert_one_line_error(run(str(path)))
    assert str(20 * 1024 * 1024) in line and str(5 * 1024 * 1024) in line


def test_page_without_items_is_empty_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("Hoppa över navigering\nIngen agenda har publicerats\n", "utf-8")
    result = run(str(path), "--url", "https://x.se/committees/ks/mote-2024-02-01-installt")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["items"] == [] and data["cancelled"] is True
    assert result.stderr.startswith("warning: ")


def test_output_cut_short_by_the_reader_is_no_traceback() -> None:
    url = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12"
    parse = subprocess.Popen(
        [sys.executable, "-m", "bot", "parse", str(seed("001")), "--url", url],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert parse.stdout is not None
    parse.stdout.close()  # like `| head`: the reader is gone before the output is written
    _, err = parse.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_url_trickling_bytes_hits_the_overall_deadline(portal: ThreadingHTTPServer) -> None:
    with pytest.raises(InputError, match=r"no complete page within 0\.5 s"):
        fetch(f"{base(portal)}/trickle", deadline_seconds=0.5)
