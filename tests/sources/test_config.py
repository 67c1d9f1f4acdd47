"""The sources file: the documented example loads; every broken file gives one line naming
the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources.config import SourceConfig, SourcesError, load_sources, parse_sources

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
[[source]]
kind = "meetingsplus"
name = "Region"
url = "https://forum.regionjh.se/"
bodies = ["regionstyrelsen"]

[[source]]
kind = "feed"
name = "Anslagstavlan"
url = "https://example.se/anslagstavla.rss"
"""


def test_example_file_loads() -> None:
    sources = load_sources(ROOT / "sources.example.toml")
    assert [s.kind for s in sources] == ["meetingsplus", "feed", "webpage"]
    assert sources[0].bodies == ("regionstyrelsen", "halso-och-sjukvardsnamnden")
    assert sources[2].body == "Kommunstyrelsen" and sources[2].organisation == "Tyresö kommun"


def test_good_file_normalises_url_and_portal() -> None:
    region, feed = parse_sources(GOOD)
    assert region == SourceConfig(
        "meetingsplus", "Region", "https://forum.regionjh.se", ("regionstyrelsen",)
    )
    assert region.portal == "https://forum.regionjh.se"
    assert feed.bodies is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[source]]\nkind = "meetingsplus"\nname = "a"\nurl = "ftp://x"\n', ":4: key 'url'"),
        ('[[source]]\nkind = "rss"\nname = "a"\nurl = "http://x"\n', ":2: key 'kind'"),
        ('[[source]]\nkind = "feed"\nurl = "http://x"\n', ":1: key 'name'"),
        (
            '[[source]]\nkind = "feed"\nname = "a"\nurl = "http://x"\ncolour = 1\n',
            ":5: key 'colour'",
        ),
        (
            '[[source]]\nkind = "feed"\nname = "a"\nurl = "http://x"\nbodies = ["rs"]\n',
            ":5: key 'bodies'",
        ),
        (
            '[[source]]\nkind = "meetingsplus"\nname = "a"\nurl = "http://x"\nbodies = ["R S"]\n',
            ":5: key 'bodies'",
        ),
        (
            GOOD + '[[source]]\nkind = "feed"\nname = "Region"\nurl = "http://y"\n',
            ":14: key 'name': duplicate",
        ),
        ("[[source]\nkind = 1\n", "line 1"),
        ('[[source]]\nkind = "feed"\nname = "a" url = "http://x"\n', "line 3"),
        ("", "no [[source]] tables"),
        ('[sources]\nkind = "feed"\n', "unknown top-level key 'sources'"),
    ],
)
def test_broken_file_names_line_and_key(text: str, expected: str) -> None:
    with pytest.raises(SourcesError) as caught:
        parse_sources(text, "s.toml")
    message = str(caught.value)
    assert expected in message
    assert message.startswith("s.toml")
    assert "\n" not in message


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="not found"):
        load_sources(tmp_path / "nope.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[[source]]\nname = "G\xe4vle"\n')
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(bad)


WEBPAGES = """
[[source]]
kind = "webpage"
name = "Tyresö KS"
url = "https://www.tyreso.se/politik/kommunstyrelsen/?visa=2024"
body = "  Kommunstyrelsen "
organisation = "Tyresö kommun"

[[source]]
kind = "webpage"
name = "Nacka KS"
url = "https://www.nacka.se/ks/"
body = "Kommunstyrelsen"
organisation = "Nacka kommun"

[[source]]
kind = "meetingsplus"
name = "Region"
url = "https://forum.regionjh.se"
organisation = "Region Jämtland Härjedalen"
"""


def test_webpage_sources_keep_their_page_url_body_and_organisation() -> None:
    tyreso, nacka, region = parse_sources(WEBPAGES)
    assert tyreso == SourceConfig(
        "webpage",
        "Tyresö KS",
        "https://www.tyreso.se/politik/kommunstyrelsen/?visa=2024",
        body="Kommunstyrelsen",
        organisation="Tyresö kommun",
    )
    assert tyreso.home == tyreso.url  # a page's bodies are its own
    assert nacka.url == "https://www.nacka.se/ks/"
    assert region.organisation == "Region Jämtland Härjedalen"
    assert region.home == "https://forum.regionjh.se"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[[source]]\nkind = "meetingsplus"\nname = "a"\nurl = "http://x"\nbody = "KS"\n',
            ":5: key 'body': only a webpage source",
        ),
        (
            '[[source]]\nkind = "webpage"\nname = "a"\nurl = "http://x/p"\norganisation = ""\n',
            ":5: key 'organisation': must be a non-empty string",
        ),
        (
            WEBPAGES
            + '[[source]]\nkind = "webpage"\nname = "b"\nurl = "https://www.nacka.se/ks/"\n',
            ":24: key 'url': the same page as source 'Nacka KS'",
        ),
        (
            WEBPAGES
            + '[[source]]\nkind = "webpage"\nname = "b"\nurl = "https://www.tyreso.se/ks2"\n'
            + 'body = "Kommunstyrelsen"\norganisation = "Tyresö kommun"\n',
            ":25: key 'body': 'Kommunstyrelsen' is read from source 'Tyresö KS' already",
        ),
        (
            WEBPAGES
            + '[[source]]\nkind = "feed"\nname = "b"\nurl = "https://forum.regionjh.se/f"\n',
            ":21: key 'organisation': source 'Region' reads the bodies of https://forum.regionjh.se",
        ),
    ],
)
def test_sources_that_contradict_each_other_are_refused(text: str, expected: str) -> None:
    with pytest.raises(SourcesError) as caught:
        parse_sources(text, "s.toml")
    assert expected in str(caught.value)
