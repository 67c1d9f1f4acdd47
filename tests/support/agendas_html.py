"""Agendas of `agendas.py` as municipal web pages: an ordered list, headings, paragraphs, a
table or divs, with section headings between items, inside a site's chrome (navigation,
breadcrumbs, a contact box, a footer, a cookie banner).

Why: kept apart from the text renderings so each module stays one concern; what is drawn and
what the reader must give back are `agendas.Agenda`'s.
"""

from __future__ import annotations

from html import escape

from hypothesis import strategies as st

from tests.support.agendas import SECTIONS, Agenda, Item, case_line, header_lines, title_line

MARKUPS = ("ol", "headings", "paragraphs", "table", "divs")
CHROME_BEFORE = (
    '<header class="sv-header"><a class="skip" href="#content">Hoppa till innehållet</a>'
    '<nav><ul><li><a href="/">Start</a></li><li><a href="/politik">Kommun och politik</a></li>'
    '</ul></nav></header><nav class="breadcrumbs"><a href="/">Start</a> / '
    '<a href="/politik">Politik</a></nav>'
)
CHROME_AFTER = (
    '<aside class="contact"><h2>Kontakt</h2><p><a href="mailto:kansli@example.se">'
    "kansli@example.se</a></p></aside><footer><p>Exempelby kommun</p></footer>"
    '<div class="cookie-banner">Vi använder kakor.</div>'
)


def _label_html(agenda: Agenda, item: Item) -> str:
    if agenda.paragraphs:
        return f"§ {item.label}"
    return item.label


def _lines_html(lines: list[str]) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def _body_html(agenda: Agenda, item: Item) -> str:
    lines = [line for line in agenda.printed_lines(item) if line not in SECTIONS]
    if item.case and agenda.shape == "para_case":
        lines.insert(0, case_line(item.case))
    if not item.proposal:
        return _lines_html(lines)
    head = lines[: len(lines) - len(item.proposal) - 1]
    proposals = "".join(f"<li>{escape(p)}</li>" for p in item.proposal)
    return f"{_lines_html(head)}<p>Förslag till beslut</p><ol>{proposals}</ol>"


def _item_html(agenda: Agenda, item: Item, markup: str, tag: str) -> str:
    title = escape(title_line(item))
    label = escape(_label_html(agenda, item))
    body = _body_html(agenda, item)
    if markup == "ol":
        return f"<li><strong>{title}</strong>{body}</li>"
    if markup == "headings":
        sep = " " if agenda.paragraphs else ". "
        return f"<{tag}>{label}{sep}{title}</{tag}>{body}"
    if markup == "paragraphs":
        return f"<p><strong>{label}</strong> {title}</p>{body}"
    if markup == "table":
        return f"<tr><td>{label}</td><td><strong>{title}</strong>{body}</td></tr>"
    return f'<div class="arende"><span class="nr">{label}</span> <h3>{title}</h3>{body}</div>'


def _header_html(agenda: Agenda) -> str:
    lines = header_lines(agenda)
    return f"<h1>{escape(lines[0])}</h1>" + "".join(f"<p>{escape(x)}</p>" for x in lines[1:])


@st.composite
def html(draw: st.DrawFn, agenda: Agenda) -> str:
    """The agenda as a municipal web page in one of several markups."""
    markup = draw(st.sampled_from(MARKUPS))
    plain = not agenda.paragraphs and all(i.letter is None for i in agenda.items)
    if markup == "ol" and not (plain and agenda.items[0].number == 1):  # the number is its place
        markup = "headings"
    tag = draw(st.sampled_from(("h2", "h3", "h4")))
    parts: list[str] = []
    for index, item in enumerate(agenda.items):
        if item.section and markup == "ol":
            close = "</ol>" if index else ""
            parts.append(f'{close}<h3>{item.section}</h3><ol start="{item.number}">')
        elif item.section and markup == "table":
            parts.append(f'<tr><th colspan="2">{item.section}</th></tr>')
        elif item.section:
            parts.append(f"<{tag}>{item.section}</{tag}>")
        parts.append(_item_html(agenda, item, markup, tag))
    items = "".join(parts)
    if markup == "ol" and not items.startswith("<h3>"):
        items = f"<ol>{items}"
    wrapped = {
        "ol": f"<h2>Ärenden</h2>{items}</ol>",
        "table": f'<table class="{draw(st.sampled_from(("", "arenden")))}"><tbody>{items}'
        "</tbody></table>",
    }.get(markup, f"<div>{items}</div>")
    article = f'<main id="content"><article>{_header_html(agenda)}{wrapped}</article></main>'
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Kallelse</title>'
        f"<script>var x = 1;</script></head><body>{CHROME_BEFORE}{article}{CHROME_AFTER}"
        "</body></html>"
    )
