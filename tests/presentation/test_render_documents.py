"""How documents read below an item: verbatim extract, escaping, scans, decision lines."""

from __future__ import annotations

from agenda.model import Item
from presentation.render_documents import extract, substance_blocks
from storage.document_reads import ItemSubstance
from storage.documents import Decision, StoredDocument


def _doc(**changes: object) -> StoredDocument:
    values: dict[str, object] = {
        "id": 1,
        "meeting_id": 1,
        "url": "https://portal.example/a.pdf?x=1&y=2",
        "kind": "attachment",
        "title": "PM <utkast>",
        "position": 0,
        "status": "ok",
        "text": "Ärendebeskrivning\nKort text om <b>saken</b> & mer.",
        "pages": 1,
        "proposal": None,
        "proposal_heading": None,
        "case_numbers": [],
        "versions": 1,
        "late": False,
    }
    values.update(changes)
    return StoredDocument(**values)  # type: ignore[arg-type]


def test_extract_is_the_start_cut_at_a_word_with_an_ellipsis() -> None:
    assert extract("Ett  två\ntre") == "Ett två tre"
    long = "ord " * 100
    cut = extract(long, limit=20)
    assert cut == "ord ord ord ord ord…"
    assert extract("x" * 30, limit=10) == "x" * 10 + "…"


def test_blocks_escape_portal_text_and_name_scans() -> None:
    scan = _doc(id=2, title="Skiss", status="no_text", text="", url="https://p.example/s.pdf")
    blocks = substance_blocks(ItemSubstance([_doc(), scan], None), Item(), "sv")
    assert blocks[0] == (
        'Ur <a href="https://portal.example/a.pdf?x=1&amp;y=2">PM &lt;utkast&gt;</a>:\n'
        "<i>Kort text om &lt;b&gt;saken&lt;/b&gt; &amp; mer.</i>"
    )
    assert blocks[1] == (
        '<a href="https://p.example/s.pdf">Skiss</a>: ingen sökbar text (skannad?)'
    )


def test_proposal_only_when_the_page_has_none_and_decision_with_reservation() -> None:
    doc = _doc(proposal="Motionen anses besvarad.", case_numbers=["HSN/203/2019"])
    decision = Decision(54, 0, "Motion", "Bifall.", "M reserverar sig.")
    sub = ItemSubstance([doc], decision)
    shown = substance_blocks(sub, Item(), "en")
    assert shown[0] == "<b>Proposed decision:</b>\nMotionen anses besvarad."
    assert shown[1] == "<b>Case numbers:</b> HSN/203/2019"
    assert shown[-1] == (
        "<b>Decision:</b> Bifall.\n<b>Dissent (reservation):</b> M reserverar sig."
    )
    on_page = substance_blocks(sub, Item(proposal="Bifall.", case_numbers=["X/1/2020"]), "sv")
    assert not any("Förslag till beslut" in b or "Diarienummer" in b for b in on_page)
    bare = ItemSubstance([], Decision(55, 0, None, "Bifall.", None))
    assert substance_blocks(bare, Item(), "sv") == ["<b>Beslut:</b> Bifall."]


def test_without_a_minutes_pdf_the_protokoll_tabs_beslut_is_shown() -> None:
    tab = "Ordföranden föredrar.\nBeslut\nRapporten godkänns."
    blocks = substance_blocks(ItemSubstance([], None), Item(minutes_text=tab), "sv")
    assert blocks == ["<b>Beslut:</b> Rapporten godkänns."]
    pdf = ItemSubstance([], Decision(54, 0, None, "Ur PDF:en.", None))
    shown = substance_blocks(pdf, Item(minutes_text=tab), "sv")
    assert shown == ["<b>Beslut:</b> Ur PDF:en."]
