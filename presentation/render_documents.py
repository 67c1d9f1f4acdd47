"""How an item's documents read in /punkt: the proposal, a short verbatim extract with its
link, and after the meeting the decision (with its reservation).

Why: kept beside `presentation.render` (which renders what the meeting page says) so the page
and the documents stay separate concerns. Everything shown is the documents' own words,
escaped; the extract is cut at a word boundary and marked with "…", never reworded.
"""

from __future__ import annotations

from agenda.decisions import decision_in
from agenda.model import Item
from agenda.parse import ParseError, parse_item_document
from presentation.render import esc
from presentation.texts import t
from storage.document_reads import ItemSubstance
from storage.documents import StoredDocument

EXTRACT_CHARS = 240


def extract(text: str, limit: int = EXTRACT_CHARS) -> str:
    """The start of `text` (whitespace flattened), cut before `limit` at a space, "…" if cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > 0 else limit].rstrip(" ,;:") + "…"


def _link(doc: StoredDocument) -> str:
    return f'<a href="{esc(doc.url)}">{esc(doc.title or doc.url)}</a>'


def _description(doc: StoredDocument) -> str | None:
    try:
        return parse_item_document(doc.text).description
    except ParseError:
        return None


def substance_blocks(sub: ItemSubstance, item: Item, lang: str) -> list[str]:
    """Blocks to add below `item`: its documents' proposal and case numbers (when the page has
    none), an extract with the link, unreadable scans, and the decision (from the minutes PDF,
    else from the Beslut section of the item's minutes text on the page's Protokoll tab)."""
    blocks: list[str] = []
    read = [d for d in sub.documents if d.status == "ok"]
    with_proposal = next((d for d in read if d.proposal), None)
    if with_proposal is not None and not item.proposal and with_proposal.proposal:
        blocks.append(t("doc_proposal", lang, proposal=esc(with_proposal.proposal)))
    cases = list(dict.fromkeys(c for d in read for c in d.case_numbers))
    if cases and not item.case_numbers:
        blocks.append(t("item_cases", lang, cases=esc(", ".join(cases))))
    source = with_proposal or (read[0] if read else None)
    if source is not None:
        text = _description(source) or source.text
        quote = f"<i>{esc(extract(text))}</i>"
        blocks.append(t("doc_extract", lang, link=_link(source)) + "\n" + quote)
    for doc in sub.documents:
        if doc.status == "no_text":
            blocks.append(t("doc_no_text", lang, link=_link(doc)))
    decision, reservation = (
        (sub.decision.decision, sub.decision.reservation)
        if sub.decision is not None and sub.decision.decision
        else decision_in(item.minutes_text)
    )
    if decision:
        lines = [t("doc_decision", lang, decision=esc(decision))]
        if reservation:
            lines.append(t("doc_reservation", lang, reservation=esc(reservation)))
        blocks.append("\n".join(lines))
    return blocks
