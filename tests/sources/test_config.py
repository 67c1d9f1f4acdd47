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
    assert [s.kind for s in sources] == ["meetingsplus", "feed"]
    assert sources[0].bodies == ("regionstyrelsen", "halso-och-sjukvardsnamnden")


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
