"""Agendas as bodies outside Meetings Plus publish them, as hypothesis strategies: what each
holds, and its rendering as text, as HTML in several markups and as the text of a PDF.

Why: the reader is judged on real kallelser, föredragningslistor and protokoll nobody here has
seen. What they share is a handful of shapes (issue 18), so these strategies draw an agenda
(header, items numbered 1, 2, 3 … with perhaps a lettered `9 a`, or §§ from any number; titles,
description lines, a proposal with its own numbered list, case numbers in every common form,
on a line of their own, at the end of the title or glued into it) and print it the ways
such pages do: `N Title`, `N. Title`, `N) Title`, an indented ordered list, the number alone
above its title, `Ärende N`, `§ N`, `KF § N`, `§ N/24`, `Paragraf N`, ordered lists restarting
per section with the item's own number (`1. 4.`), separator lines (`____`, `- - -`), section
headings, dash lists; headers with `Datum`/`Klockan`/`Plats` labels (values on the same or the
next line), `Dag: Tisdag den …`, `Sammanträdestid Måndag 9.10.2023 kl. 19.00`, a place on its
own line after the time or after an empty end time (`15:30 -`). HTML draws the same as an
ordered list, headings, paragraphs, a table or divs, inside a municipal site's chrome. The
tests compare what the reader gives back with what was drawn. `agendas_html.py` draws the
same agendas as web pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from hypothesis import strategies as st

from agenda.patterns import MONTHS

WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
BODIES = ("Kommunstyrelsen", "Kommunfullmäktige", "Barn- och utbildningsnämnden", "Byggnämnden")
PLACES = (
    "Kommunhuset, Sessionssalen",
    "Stadshuset, sal 3",
    "Folkets hus, Storgatan 7",
    "Digitalt via Teams",
)
TITLES = (
    "Val av justerare",
    "Godkännande av dagordning",
    "Budget 2025 för kultur- och fritidsnämnden",
    "Svar på motion om säkra cykelvägar till skolan",
    "Yttrande över remiss av detaljplan för Eken 3",
    "Delårsrapport augusti 2024",
    "Information från förvaltningen",
    "Anmälan av delegationsbeslut",
    "Medborgarförslag om en hundrastgård i Norrby",
    "Taxa för bygglov 2025",
    "Revidering av reglemente för byggnämnden",
    "Försäljning av fastigheten Hägern 4",
    "Intern kontrollplan 2025",
    "Ansökan om bidrag till föreningen Solrosen",
    "Avsägelse av uppdrag som ersättare, A.B.",
    "Yttrande över betänkandet Säkrare tivoli (SOU 2025:40)",
    "Rapport om ej verkställda beslut kvartal 2",
    "Övriga frågor",
    "2025 års internbudget för tekniska nämnden",
)
LINES = (
    "Förvaltningen har tagit fram ett förslag.",
    "Ärendet har beretts av arbetsutskottet den 3 juni 2024.",
    "Kostnaden beräknas till 3 100 tkr och ryms inom budgeten.",
    "Beslutsunderlag",
    "Tjänsteskrivelse den 12 maj 2024",
    "13 ansökningar har kommit in under året.",
    "- Bidrag till föreningar",
    "Nämnden fick information vid sitt förra sammanträde.",
    "Enligt 6 kap. 38 § kommunallagen får nämnden uppdra åt ett utskott att besluta.",
    "Ärendet bordlades den 4 mars.",
)
PROPOSALS = (
    "Nämnden godkänner förslaget.",
    "Motionen anses besvarad.",
    "Förvaltningen får i uppdrag att återkomma med en plan.",
    "Beslutet gäller från den 1 januari 2025.",
)
#: (as printed, as the reader gives it back): label words are not part of the number
CASES = (
    ("KS 2024/123", "KS 2024/123"),
    ("2023/BUN 0214", "2023/BUN 0214"),
    ("2011/KS 0019 002", "2011/KS 0019 002"),
    ("LS 0806-0619", "LS 0806-0619"),
    ("KS 02-820 107", "KS 02-820 107"),
    ("RS/123/2024", "RS/123/2024"),
    ("Dnr 2018/14", "2018/14"),
    ("HSN/203/2019", "HSN/203/2019"),
    ("STK-2021-1599", "STK-2021-1599"),
)
SECTIONS = ("Beslutsärenden", "Informationsärenden", "Valärenden")
ITEM_SHAPES = ("plain", "dot", "paren", "list", "bare", "label", "label_title", "restart")
PARAGRAPH_SHAPES = ("para", "para_body", "para_abbreviation", "para_year", "paragraf", "para_case")
HEADERS = (
    "labels",
    "labels_alone",
    "dag",
    "sammantradestid",
    "empty_end",
    "time_then_place",
    "sentence",
)


def case_line(case: tuple[str, str]) -> str:
    """A case number on a line of its own, with its label (`Diarienummer KS 2024/123`)."""
    return case[0] if case[0].startswith("Dnr") else f"Diarienummer {case[0]}"


@dataclass(frozen=True)
class Item:
    number: int | None  # the agenda number, or the § when the agenda numbers by §
    letter: str | None
    title: str
    lines: tuple[str, ...] = ()
    proposal: tuple[str, ...] = ()
    case: tuple[str, str] | None = None
    case_at: str = "line"  # "line", "end" (of the title), "glued" (into the title's line)
    section: str | None = None  # a section heading printed before the item

    @property
    def label(self) -> str:
        return f"{self.number} {self.letter}" if self.letter else str(self.number)


@dataclass(frozen=True)
class Agenda:
    body: str
    day: date
    start: time
    end: time | None
    place: str
    items: tuple[Item, ...]
    paragraphs: bool  # numbered by § (a protokoll, or a kallelse with §)
    shape: str
    header: str
    separators: bool
    dash: str = "-"
    notes: list[str] = field(default_factory=list)

    def expected_lines(self, item: Item) -> list[str]:
        """An item's text lines as the reader gives them back (in the item's text)."""
        glued = ["Tjänsteskrivelse"] if item.case and item.case_at == "glued" else []
        if item.case and self.shape == "para_case":
            glued = [case_line(item.case)]
        return glued + self.printed_lines(item)

    def printed_lines(self, item: Item) -> list[str]:
        """The lines printed below an item's title, up to the next item."""
        lines: list[str] = []
        if item.case and item.case_at == "line" and self.shape != "para_case":
            lines.append(case_line(item.case))
        lines += item.lines
        if item.proposal:
            lines.append("Förslag till beslut")
            lines += [f"{k}. {text}" for k, text in enumerate(item.proposal, start=1)]
        following = self.items.index(item) + 1
        if following < len(self.items) and self.items[following].section:
            lines.append(str(self.items[following].section))
        return lines


@st.composite
def agendas(draw: st.DrawFn, shapes: tuple[str, ...] = ITEM_SHAPES) -> Agenda:
    paragraphs = draw(st.booleans()) and draw(st.booleans())  # a quarter number by §
    shape = draw(st.sampled_from(PARAGRAPH_SHAPES if paragraphs else shapes))
    count = draw(st.integers(2, 9))
    titles = draw(st.lists(st.sampled_from(TITLES), min_size=count, max_size=count, unique=True))
    first = draw(st.integers(1, 300)) if paragraphs else 1
    lettered = (
        draw(st.integers(1, count - 1))
        if count >= 3
        and shape not in {"list", "restart"}
        and not paragraphs
        and draw(st.booleans())
        else None
    )
    items: list[Item] = []
    number = first
    capital = draw(st.booleans())  # `9 a` or `17 A`
    for index, title in enumerate(titles):
        letter = ("A" if capital else "a") if index == lettered and index > 0 else None
        if letter is None and index > 0:
            number += 1
        case = draw(st.none() | st.sampled_from(CASES))
        items.append(
            Item(
                number=number,
                letter=letter,
                title=title,
                lines=tuple(draw(st.lists(st.sampled_from(LINES), max_size=3, unique=True))),
                proposal=tuple(draw(st.lists(st.sampled_from(PROPOSALS), max_size=3, unique=True)))
                if draw(st.booleans())
                else (),
                case=case,
                case_at=draw(st.sampled_from(("line", "end", "glued")))
                if case and shape != "para_case"
                else "line",
                section=draw(st.sampled_from(SECTIONS))
                if shape == "restart" and index in (0, count // 2)
                else None,
            )
        )
    day = draw(st.dates(date(2003, 1, 1), date(2030, 12, 31)))
    start = time(draw(st.integers(8, 19)), draw(st.sampled_from((0, 15, 30))))
    end = time(start.hour + 2, start.minute) if draw(st.booleans()) else None
    return Agenda(
        body=draw(st.sampled_from(BODIES)),
        day=day,
        start=start,
        end=end,
        place=draw(st.sampled_from(PLACES)),
        items=tuple(items),
        paragraphs=paragraphs,
        shape=shape,
        header=draw(st.sampled_from(HEADERS)),
        separators=draw(st.booleans()),
        dash=draw(st.sampled_from(("-", "____", "- - -", "—"))),
    )


# --- text -------------------------------------------------------------------------------------


def _hm(value: time, sep: str = ":") -> str:
    return f"{value.hour:02d}{sep}{value.minute:02d}"


def header_lines(agenda: Agenda) -> list[str]:
    day, body, place = agenda.day, agenda.body, agenda.place
    span = f"{_hm(agenda.start)} - {_hm(agenda.end)}" if agenda.end else _hm(agenda.start)
    weekday = WEEKDAYS[day.weekday()]
    worded = f"{weekday.capitalize()} den {day.day} {MONTHS[day.month - 1]} {day.year}"
    style = agenda.header
    if style == "labels":
        kind = "Protokoll" if agenda.paragraphs else "Kallelse"
        return [f"{kind} {body}", f"Datum: {day}", f"Tid: {span}", f"Plats: {place}"]
    if style == "labels_alone":
        return [f"{body}s sammanträde", "Datum", str(day), "Klockan", span, "Plats", place]
    if style == "dag":
        return ["Föredragningslista", "Dag:", worded, "Tid:", span, "Plats:", place]
    if style == "sammantradestid":
        finnish = f"{weekday.capitalize()} {day.day}.{day.month}.{day.year}"
        return [
            f"{body}s sammanträdeskallelse",
            f"Sammanträdestid {finnish} kl. {_hm(agenda.start, '.')}",
            f"Sammanträdesplats {place}",
        ]
    if style == "empty_end":
        return [body, f"Sammanträde {day}", f"{_hm(agenda.start)} -", place]
    if style == "sentence":
        when = f"{weekday}en den {day.day}/{day.month} {day.year} klockan {_hm(agenda.start, '.')}"
        return [f"Kallelse till {body.lower()}", f"{body} sammanträder {when}."]
    return [f"Kallelse {body}", str(day), span, place]


def expected_header(agenda: Agenda) -> tuple[date, time, time | None, str | None]:
    end = agenda.end if agenda.header not in {"sammantradestid", "empty_end", "sentence"} else None
    place = None if agenda.header == "sentence" else agenda.place
    return agenda.day, agenda.start, end, place


def title_line(item: Item) -> str:
    """The title as printed, with the case number at its end or glued into its line."""
    if item.case and item.case_at == "end":
        return f"{item.title}, {item.case[0]}"
    if item.case and item.case_at == "glued":
        return f"{item.title}{item.case[0]}Tjänsteskrivelse"
    return item.title


def _head(agenda: Agenda, item: Item, ordinal: int) -> list[str]:
    """An item's header lines in the agenda's shape."""
    title, label = title_line(item), item.label
    shape = agenda.shape
    one_line = {
        "plain": f"{label} {title}",
        "dot": f"{label}. {title}",
        "paren": f"{label}) {title}",
        "list": f"  {label}. {title}",
        "label_title": f"Ärende {label}: {title}",
        "para": f"§ {label} {title}",
        "para_body": f"KS § {label} {title}",
        "para_year": f"§ {label}/24 {title}",
        "para_abbreviation": f"Kst § {label} {title}",
    }
    if shape in one_line:
        return [one_line[shape]]
    if shape == "restart":
        return [f" {ordinal}. {label}.", f"   {title}"]
    if shape == "para_case" and item.case:  # the case number on the header's line
        return [f"§ {label} {case_line(item.case)}", title]
    if shape == "para_case":
        return [f"§ {label}", title]
    word = {"bare": "", "label": "Ärende ", "paragraf": "Paragraf "}[shape]
    return [f"{word}{label}", title]


def text(agenda: Agenda) -> str:
    """The agenda as a text rendering (a web page's text, a transcript, a PDF's lines)."""
    lines = [*header_lines(agenda), ""]
    deep = "     " if agenda.shape in {"dot", "list", "restart"} else ""
    ordinal = 0
    for index, item in enumerate(agenda.items):
        if item.section:
            lines += ["", item.section, ""]
            ordinal = 0
        elif index and agenda.separators:
            lines.append(agenda.dash)
        ordinal += 1
        lines += _head(agenda, item, ordinal)
        body = agenda.printed_lines(item)
        if index + 1 < len(agenda.items) and agenda.items[index + 1].section:
            body = body[:-1]  # the next section's heading is printed before the next item
        inside = "     " if agenda.shape == "list" else ""  # an ordered list's item content
        for line in body:
            numbered = line[:1].isdigit() and ". " in line[:4]
            lines.append(f"{deep}{line}" if numbered else f"{inside}{line}")
        lines.append("")
    return "\n".join(lines)
