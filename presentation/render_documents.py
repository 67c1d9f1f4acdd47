"""How an item's documents read in /punkt: the proposal, a short verbatim extract with its
link, and after the meeting the decision (with its reservation).

Why: kept beside `presentation.render` (which renders what the meeting page says) so the page
and the documents stay separate concerns. Everything shown is the documents' own words,
escaped by `presentation.html`; the extract is cut at a word boundary and marked with "…",
never reworded.
"""

from __future__ import annotations

import re

from agenda.decisions import decision_in
from agenda.model import Item
from agenda.parse import ParseError, parse_item_document
from presentation.html import Html, a, fmt, i, join, t
from presentation.render import render_item, seen_key
from storage.document_rows import ItemSubstance, StoredDocument
from storage.item_title_rows import TitleSource
from storage.meeting_rows import StoredMeeting

EXTRACT_CHARS = 240


def extract(text: str, limit: int = EXTRACT_CHARS) -> str:
    """The start of `text` (whitespace flattened), cut before `limit` at a space, "…" if cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > 0 else limit].rstrip(" ,;:") + "…"


def _link(doc: StoredDocument) -> Html:
    return a(doc.url, doc.title or doc.url)


def _description(doc: StoredDocument) -> str | None:
    try:
        return parse_item_document(doc.text).description
    except ParseError:
        return None


_AS_PROPOSED = re.compile(
    r"^(?:beslut(?:ar)?\s+)?(?:i enlighet med|enligt)\s+(?:\w+\s+)?förslag(?:et)?"
    r"(?:\s+till beslut)?\.?$",
    re.IGNORECASE,
)


def decision_of(sub: ItemSubstance, item: Item) -> tuple[str | None, str | None]:
    """(decision, reservation): from the minutes PDF, else the Beslut section of the item's
    minutes text on the page's Protokoll tab."""
    if sub.decision is not None and sub.decision.decision:
        return sub.decision.decision, sub.decision.reservation
    return decision_in(item.minutes_text)


def _proposal(sub: ItemSubstance, item: Item) -> str | None:
    if item.proposal:
        return item.proposal
    read = (d for d in sub.documents if d.status == "ok" and d.proposal)
    return next((d.proposal for d in read), None)


def as_proposed(decision: str, proposal: str | None) -> bool:
    """A decision that only says "as proposed", or repeats the proposal word for word."""
    flat = " ".join(decision.split())
    return bool(_AS_PROPOSED.match(flat)) or (
        proposal is not None and seen_key(flat) == seen_key(proposal)
    )


def item_view(
    sm: StoredMeeting,
    item: Item,
    sub: ItemSubstance,
    lang: str,
    found: TitleSource | None = None,
) -> Html:
    """The item as the page has it, then what its documents and the minutes say: every text
    printed once (the decision stands on its own line, not again inside the minutes text)."""
    decision, reservation = decision_of(sub, item)
    hidden = frozenset(
        seen_key(line) for text in (decision, reservation) if text for line in text.splitlines()
    )
    page = render_item(sm, item, lang, hidden, found)
    shown = {
        seen_key(x) for x in ((item.text or "") + "\n" + (item.minutes_text or "")).split("\n")
    }
    return join("\n\n", [page, *substance_blocks(sub, item, lang, shown - {""})])


def substance_blocks(
    sub: ItemSubstance, item: Item, lang: str, shown: set[str] | None = None
) -> list[Html]:
    """Blocks to add below `item`: its documents' proposal and case numbers (when the page has
    none), an extract with the link (only the link when the page already printed that text:
    `shown`), unreadable scans, and the decision (from the minutes PDF, else from the Beslut
    section of the item's minutes text on the page's Protokoll tab; "enligt förslaget" when it
    is the proposal)."""
    blocks: list[Html] = []
    read = [d for d in sub.documents if d.status == "ok"]
    with_proposal = next((d for d in read if d.proposal), None)
    if with_proposal is not None and not item.proposal and with_proposal.proposal:
        blocks.append(t("doc_proposal", lang, proposal=with_proposal.proposal))
    cases = list(dict.fromkeys(c for d in read for c in d.case_numbers))
    if cases and not item.case_numbers:
        blocks.append(t("item_cases", lang, cases=", ".join(cases)))
    source = with_proposal or (read[0] if read else None)
    if source is not None:
        text = _description(source) or source.text
        quote = extract(text)
        if shown and seen_key(quote.rstrip("…")) and _printed(quote, shown):
            blocks.append(t("doc_same_text", lang, link=_link(source)))
        else:
            blocks.append(fmt("{}\n{}", t("doc_extract", lang, link=_link(source)), i(quote)))
    for doc in sub.documents:
        if doc.status == "no_text":
            blocks.append(t("doc_no_text", lang, link=_link(doc)))
    decision, reservation = decision_of(sub, item)
    if decision:
        if as_proposed(decision, _proposal(sub, item)):
            lines = [t("doc_decision_as_proposed", lang)]
        else:
            lines = [t("doc_decision", lang, decision=decision)]
        if reservation:
            lines.append(t("doc_reservation", lang, reservation=reservation))
        blocks.append(join("\n", lines))
    return blocks


def _printed(quote: str, shown: set[str]) -> bool:
    """Is the extract's text already on screen (its first line a printed line's start)?"""
    head = seen_key(quote.rstrip("…"))
    return any(line.startswith(head) or head.startswith(line) for line in shown if len(line) > 40)
