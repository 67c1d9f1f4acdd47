"""A kallelse's list run on in one line (a PDF transcript) is split back into its items."""

from __future__ import annotations

import textwrap

import pytest

from agenda.parse import parse_page
from agenda.parse.runon import split_run_on


def test_numbered_titles_after_full_stops_under_paragraph_heads_are_paragraphs() -> None:
    line = (
        "1 Styrelsen nr 4 /2005 Kallelse till sammanträde den 20 maj kl Paragraf Ärende "
        "42 Sammankallande och beslutförhet. 43 Justering av protokoll. 44 Delgivningar. "
        "Mikael Lagström Ordförande"
    )
    assert split_run_on(line).split("\n") == [
        "1 Styrelsen nr 4 /2005 Kallelse till sammanträde den 20 maj kl Paragraf Ärende",
        "§ 42 Sammankallande och beslutförhet.",
        "§ 43 Justering av protokoll.",
        "§ 44 Delgivningar.",
        "Mikael Lagström Ordförande",
    ]


def test_paragraph_signs_and_long_chains_without_full_stops_are_split() -> None:
    assert split_run_on("Protokoll § 1 Mötets öppnande § 2 Val av justerare § 3 Budget 2025") == (
        "Protokoll\n§ 1 Mötets öppnande\n§ 2 Val av justerare\n§ 3 Budget 2025"
    )
    chain = "Ärenden: 1 Val av justerare 2 Dagordning 3 Budget 2025 4 Motion om cykelvägar 5 Övrigt"
    assert split_run_on(chain).split("\n")[1:] == [
        "1 Val av justerare",
        "2 Dagordning",
        "3 Budget 2025",
        "4 Motion om cykelvägar",
        "5 Övrigt",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Övriga närvarande Bengt Michelsson vårdchef, 50, Marie Lövgren ekonomichef och andra",
        "Kostnaden är 3 100 tkr för 2 Förskolor och 3 Skolor under året enligt förslaget från oss",
        "Nämnden beslutade 2 Maj att 3 Ledamöter ska ingå. 4 Ersättare utses senare av styrelsen.",
    ],
)
def test_numbers_in_prose_are_no_list(line: str) -> None:
    assert split_run_on(line) == line


def test_a_transcript_gives_its_paragraphs() -> None:
    page = (
        "Transkript\n1 Styrelsen Kallelse till sammanträde den 20 maj 2005 Paragraf Ärende "
        "42 Sammankallande och beslutförhet. 43 Justering av protokoll. 44 Delgivningar. "
        "Mikael Lagström Ordförande\n2 Styrelsen SAMMANTRÄDESPROTOKOLL Nr 4 " + "text " * 60
    )
    meeting = parse_page(page)
    assert [(i.paragraph, i.title) for i in meeting.items] == [
        (42, "Sammankallande och beslutförhet."),
        (43, "Justering av protokoll."),
        (44, "Delgivningar."),
    ]


def test_a_run_on_list_wrapped_at_a_pages_width_is_read_as_its_one_line() -> None:
    """A transcript printed in a PDF: the run-on line broken at the margin, numbers at the
    ends and starts of the wrapped lines."""
    line = (
        "2 KOMMUNSTYRELSEN FÖREDRAGNINGSLISTA Nr 11/17 Tid onsdag den 18 oktober 2017 kl 16:00 "
        "Ärenden: 135 SAMMANTRÄDETS LAGLIGHET OCH BESLUTFÖRHET 136 PROTOKOLLETS JUSTERING "
        "137 FÖREDRAGNINGSLISTAN 138 DELGIVNINGAR TILL KÄNNEDOM 139 KOMMUNFULLMÄKTIGES "
        "SAMMANTRÄDE 140 BUDGETUPPFÖLJNING JAN-SEP 141 BUDGET UTÖKNING AV RAM"
    )
    wrapped = "\n".join(textwrap.wrap(line, 70))
    assert len(wrapped.split("\n")) > 3
    assert split_run_on(wrapped) == split_run_on(line)
    assert "139 KOMMUNFULLMÄKTIGES SAMMANTRÄDE" in split_run_on(wrapped).split("\n")


def test_an_ordinary_list_is_not_joined() -> None:
    lines = "Kst § 123   Sammanträdets laglighet\nKst § 124   Val av protokolljusterare\n"
    lines += "Kst § 125   Godkännande av föredragningslistan\nKst § 126   Bokslut 2022"
    assert split_run_on(lines) == lines


def test_the_stop_after_a_members_number_does_not_end_its_title() -> None:
    line = (
        "Ärendelista 11 maj 2015 1. Upprop och val av justerare 2. Anmälan om delegationsbeslut "
        "3. Kommundirektören informerar 4. Budget 2016 och ekonomisk planering 5. Rapporter"
    )
    assert split_run_on(line).split("\n") == [
        "Ärendelista 11 maj 2015",
        "1. Upprop och val av justerare",
        "2. Anmälan om delegationsbeslut",
        "3. Kommundirektören informerar",
        "4. Budget 2016 och ekonomisk planering",
        "5. Rapporter",
    ]


def test_a_sparse_run_on_list_wrapped_narrow_is_read_as_its_one_line() -> None:
    """Each member on a wrapped line of its own, but deep inside it, after text: a run-on
    list all the same (an ordinary list starts its members a line)."""
    line = (
        "3 3 (28) 171 Redovisning av polisens trygghetsundersökning 2018 Överläggning Niko "
        "Kalcidis redovisar undersökningen för kommunstyrelsen. 172 Genomgång av "
        "beslutsärenden Överläggning Samtliga ärenden gås igenom av styrelsen i tur och "
        "ordning. 173 Digital strategi för Kalmar kommun Dnr KS 2018/0942 Beslut"
    )
    wrapped = "\n".join(textwrap.wrap(line, 75))
    assert "171" in wrapped.split("\n")[0] and "173" in wrapped.split("\n")[3]
    assert split_run_on(wrapped) == split_run_on(line)
    assert "172 Genomgång av beslutsärenden" in split_run_on(wrapped).split("\n")
