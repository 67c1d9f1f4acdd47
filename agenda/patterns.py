"""Every pattern of the agenda reader in one place: URLs, chrome, headers, selectors, phrases.

Why: the portal's raw markup is unknown and its text renderings differ by tool, and agendas
published elsewhere (kallelse PDFs, municipal web pages, republishing portals) print their
numbers, headers and labels in their own ways. When a live page teaches us something new, the
fix should be one line here, not a hunt through the parser. The crawler imports the URL
patterns from here too, so "what is a meeting page" is defined once. Nothing here names a host.
"""

from __future__ import annotations

import re

# --- URLs -------------------------------------------------------------------------------------
#: `/committees/<body-slug>/<meeting-slug>`; meeting slugs vary (mote-YYYY-MM-DD,
#: kommunfullmaktige-<id>, extra-kommunfullmaktige-<id>, kommunfullmaktige-YYYY-MM-DD, …-installt).
MEETING_PATH_RE = re.compile(
    r"/committees/(?P<body>[a-z0-9][a-z0-9-]*)/(?P<meeting>[a-z0-9][a-z0-9-]*)/?$"
)
COMMITTEE_PATH_RE = re.compile(r"/committees/(?P<body>[a-z0-9][a-z0-9-]*)/?$")
URL_DATE_RE = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})")
#: A date written without separators in a page's URL (`…?eid=20130313`).
URL_COMPACT_DATE_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
CANCELLED_SLUG_RE = re.compile(r"-inst(?:a|ä)llt$")

# --- Page chrome and notices (compared after whitespace normalisation) -------------------------
CHROME_LINE_RE = re.compile(
    r"^(?:Hoppa över navigering|Hoppa till innehåll|Vi använder cookies\b.*"
    r"|Det finns ingen information att visa|Kallelse|Protokoll|Till toppen)$",
    re.IGNORECASE,
)
MEETINGS_PLUS_MARKER_RE = re.compile(
    r"Hoppa över navigering|Vi använder cookies|Ingen agenda har publicerats"
    r"|Inget protokoll har publicerats|Det finns ingen information att visa",
)
NO_AGENDA_RE = re.compile(r"^Ingen agenda har publicerats\.?$", re.IGNORECASE)
NO_MINUTES_RE = re.compile(r"^Inget protokoll har publicerats\.?$", re.IGNORECASE)
CANCELLED_LINE_RE = re.compile(r"^(?:Mötet är )?inställt\.?$", re.IGNORECASE)
#: What a page shows while its content is still loading (a script-built page read without its
#: script): never content, never an item.
LOADING_LINE_RE = re.compile(
    r"^(?:Loading|Laddar(?: sidan| innehåll)?|Läser in|Hämtar|Please wait|Vänta|Var god vänta)"
    r"\s*(?:\.{3}|…)?$|^(?:Aktivera|Slå på|Enable) JavaScript\b.*$"
    r"|^(?:Du måste|You need to) (?:aktivera|enable) JavaScript\b.*$",
    re.IGNORECASE,
)

# --- Meeting header ---------------------------------------------------------------------------
HEADER_DATE_RE = re.compile(r"^(?:Möte|Sammanträde)\s+(?P<date>\d{4}-\d{2}-\d{2})$")
#: `08:30 - 17:20 Hörsalen`, `08:30`, `15:30 -` (no end time yet; the place may follow on the
#: next line).
HEADER_TIME_RE = re.compile(
    r"^(?P<start>\d{1,2}[:.]\d{2})(?:\s*[-–]\s*(?P<end>\d{1,2}[:.]\d{2})?)?"
    r"(?:,?\s+(?P<place>.+))?$"
)

# --- Entries ----------------------------------------------------------------------------------
#: A list marker opening a line of a text rendering: bullet, dash, or ordinal `1.` (an ordinal
#: may stand alone: ` 2.` opens an entry whose text follows on the next lines). Whether it is a
#: top-level marker is decided by its indent relative to the page's text lines.
TOP_MARKER_RE = re.compile(
    r"^[^\S\n]*(?:[•●▪◦*\-–]\s+|(?P<ordinal>\d{1,3})[.)](?:\s+|$))(?P<rest>.*)$"
)
#: A line that only separates entries (`-`, `---`, `* * *`).
SEPARATOR_RE = re.compile(r"^(?:[-–—_*]\s*){1,}$")
#: Content that is only an item header: `2`, `§ 54`, `§54`, `2.`, a lettered `9 a`.
HEADER_ONLY_RE = re.compile(r"^(?:(?P<para>§)\s*)?(?P<num>\d{1,3})(?:\s?(?P<letter>[a-hA-H]))?\.?$")
#: A heading (HTML) that carries number and title: `2. Val av justerare`, `§ 17 Val av justerare`.
HEADER_TITLED_RE = re.compile(r"^(?:(?P<para>§)\s*)?(?P<num>\d{1,3})\.?\s+(?P<title>\S.*)$")
#: A numbered line that may be an item with its title (`12 Budget 2025`, `12. Budget`,
#: `12) Budget`, a lettered `9 a Månadsrapport`, `17 A. Tillägg`): only where the numbers run
#: in order does the reader take it as one (`agenda.parse.numbering`). The title starts as a
#: title does, with a capital, a quote or a bracket (never `4,5 miljoner`, `13 ansökningar`).
_TITLE_START = r"(?:[A-ZÅÄÖÉÜ\"”'(«]|(?:19|20)\d{2}(?:/\d{2})? år)"  # or `2025 års budget`
NUMBERED_TITLE_RE = re.compile(
    r"^(?P<num>\d{1,3})(?:\s?(?P<letter>[a-hA-H])\b)?(?:(?P<dot>[.)])\s*|\s+)"
    rf"(?P<title>{_TITLE_START}[^\n]*)$"
)
#: A table of contents' dotted leader and page number after a title (`Budget 2025 ....... 12`,
#: `Information... 3`): neither is the title's.
TITLE_LEADER_RE = re.compile(r"\s*(?:\.\s?){3,}[\s.…]*\d{0,4}\s*$|\s*…+\s*\d{1,4}\s*$")
#: A § line's running stamp instead of its title (the title follows on the next line): the
#: body's letters, the meeting's date and time (`§ 7, STST 2015-01-22 16:00`).
_PARAGRAPH_STAMP = (
    r",\s*[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,7}\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})"
    r"(?:\s+\d{1,2}[:.]\d{2})?"
)
#: A paragraph of the minutes with its title: `§ 54 Val av justerare`, `§54. Budget`,
#: `KF § 266 Motion om …`, `Kst § 123 …` (the body's letters first), `§ 63/20 Budget` (`/20`:
#: the year),
#: `Paragraf 12 Budget`, a lettered `§ 17 a`.
PARAGRAPH_TITLE_RE = re.compile(
    r"^(?:(?!(?:Se|Jfr|Enl|Vid|Från|Till|Och|Om|Av|Under)\s)"
    r"(?P<body>[A-ZÅÄÖ]{1,6}|[A-ZÅÄÖ][a-zåäö]{1,4})\s+)?(?:§|(?i:paragraf))\s*(?P<num>\d{1,4})"
    r"(?:\s?(?P<letter>[a-hA-H])\b)?(?:/(?P<year>\d{2}(?:\d{2})?))?[.:]?"
    rf"(?:\s*(?:[-–—]\s*)?(?P<title>{_TITLE_START}[^\n]*)|{_PARAGRAPH_STAMP})?$"
)
#: An item with its label: `Ärende 3`, `Ärende 3: Budget 2025`, `Punkt 4 Budget`, `Ärende 9 a`.
LABELLED_ITEM_RE = re.compile(
    r"^(?i:ärende|punkt|ärendepunkt|dagordningspunkt)\s+(?P<num>\d{1,3})"
    rf"(?:\s?(?P<letter>[a-hA-H])\b)?[.:]?(?:\s*(?:[-–—]\s*)?(?P<title>{_TITLE_START}[^\n]*))?$"
)
#: The heads of a kallelse's table (`§ Ärende`, `Paragraf Rubrik`) at the end of a run-on line
#: (a PDF transcript that lost its line breaks).
COLUMN_HEAD_TAIL_RE = re.compile(r"(?:^|\s)(?P<para>§|Paragraf)\s+(?:Ärende|Rubrik)\s*$")
#: One member of a chain of numbered titles run on in one line: `… 42 Sammankallande och
#: beslutförhet. 43 Justering av protokoll. 44 …` (after a full stop, or the chain's first).
RUN_ON_NUMBER_RE = re.compile(r"(?:^|(?<=\s))(?:(?P<para>§)\s*)?(?P<num>\d{1,3})\.?\s+(?=[A-ZÅÄÖ])")
#: Where a run-on member's title ends at the latest: before a section of its text
#: (`… trygghetsundersökning 2018 Överläggning Niko …`) or its case number's label
#: (`… för Kalmar kommun Dnr KS 2018/0942 …`).
RUN_ON_SECTION_RE = re.compile(
    r"\s(?=(?:Överläggning|Ärendebeskrivning|Ärendet|Bakgrund|Sammanfattning|Beslutsunderlag"
    r"|Förslag till beslut|Beslut|Yrkanden?|Beslutsgång|Reservation|Dnr|Diarienummer)\b)"
)
#: Where a run-on member's title ends: its first full stop before a capital.
RUN_ON_TITLE_END_RE = re.compile(r"(?<=[a-zåäö0-9)”\"])\.\s+(?=[A-ZÅÄÖ])")
BILAGOR_RE = re.compile(r"^Bilagor:?$")
#: Cheap pre-checks before the regexes (the HTML walk asks every element).
BILAGOR_WORD = "Bilagor"
BILAGOR_ENDINGS = ("Bilagor", "Bilagor:")
#: `Bilagor` glued to the previous line: after sentence punctuation, or directly after a letter.
BILAGOR_GLUED_RE = re.compile(r"^(?P<before>.*?(?:[.!?:;)”\"']\s*|[a-zåäö0-9]))Bilagor:?$")
TITLE_MAX_CHARS = 200

# --- The header of an agenda outside Meetings Plus ---------------------------------------------
#: Labels of the header's fields, alone on a line (the value on the next) or before the value:
#: `Datum 2024-06-19`, `Dag: Tisdag den 10 februari 2009`, `Klockan 18.00`, `Tid: 10:00 - 12:00`,
#: `Plats Kommunhuset`, `Sammanträdestid Måndag 9.10.2023 kl. 19.00`, `Plats och tid …`.
HEADER_LABEL_RE = re.compile(
    r"^(?P<label>plats och tid|tid och plats|datum och tid|tid och datum"
    r"|(?:sammanträdes|mötes)?(?:datum|dag|tid(?:punkt)?|plats|lokal)|klockan|kl)"
    r"\s*[:.]?(?:\s+(?P<value>\S.*))?$",
    re.IGNORECASE,
)
#: A date as agendas write it: `2024-06-19`, `9.10.2023`, `14/10 2024`, `(tisdag) den 10
#: februari 2009`, `20 maj 2005`.
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
ISO_DATE_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
DOTTED_DATE_RE = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?![\d])"
)
SLASHED_DATE_RE = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})[ -](?P<y>(?:19|20)\d{2})(?!\d)"
)
#: A month written out or cut short (`sept.`, `okt`): its first three letters name it.
_MONTH = (
    r"(?:jan(?:uari)?|feb(?:ruari)?|mars?|apr(?:il)?|maj|juni?|juli?|aug(?:usti)?"
    r"|sept?(?:ember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
WORDED_DATE_RE = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}}):?(?:e|a)?\s+(?P<month>{_MONTH})\s+(?P<y>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
#: A time, or a span: `18:00`, `kl. 19.00`, `13.15–16.00`, `15:30 -` (no end), `10:00 - 00:00`.
TIME_SPAN_RE = re.compile(
    r"(?:\bkl(?:ockan)?\.?\s*)?(?<![\d.:])(?P<start>[012]?\d[:.][0-5]\d)(?!\d|[.:]\d)"
    r"(?:\s*(?:[-–]|till)\s*(?:(?:kl\.?\s*)?(?P<end>[012]?\d[:.][0-5]\d)(?!\d|[.:]\d))?)?",
    re.IGNORECASE,
)
#: A line that only announces the meeting: `Sammanträde 2006-04-20`, `Möte 2024-03-12`,
#: `Kallelse till sammanträde den 20 maj 2005`, `Föredragningslista … den 2 september`.
MEETING_TITLE_RE = re.compile(
    r"^(?:(?:extra\s+)?(?:möte|sammanträde)\b.*|.*\b(?:kallelse|föredragningslista|dagordning"
    r"|protokoll|sammanträdeskallelse|sammanträdesprotokoll|ärendelista|kungörelse)\b.*)$",
    re.IGNORECASE,
)
#: A body named in a title: `Kommunfullmäktiges sammanträdeskallelse`, `… till
#: landstingsstyrelsens sammanträde`, `Kommunstyrelsen`. The genitive `s` is dropped.
BODY_NAME_RE = re.compile(
    r"\b(?P<name>[\wåäöÅÄÖ-]*(?:nämnd|styrelse|fullmäktige|utskott|råd|beredning|direktion"
    r"|delegation|kommitté|församling)(?:en|et|n|t)?)(?:s)?\b",
    re.IGNORECASE,
)
#: A line that is only a body's name: `Kommunstyrelsen`, `Barn- och utbildningsnämnden`,
#: `Sociala nämnden (SN)`.
BODY_LINE_RE = re.compile(
    r"^(?:[\wåäöÅÄÖ]+-?\s+(?:och|&)\s+|[\wåäöÅÄÖ]+\s+)?[\wåäöÅÄÖ-]*(?:nämnd|styrelse|fullmäktige"
    r"|utskott|råd|beredning|direktion|delegation|kommitté)(?:en|et|n|t)?(?:\s+\([A-ZÅÄÖ]{2,6}\))?$",
    re.IGNORECASE,
)
#: Words that say a page is about a meeting of a body (in its preamble or its items' titles):
#: a numbered list elsewhere (a news article's tips) is not an agenda.
MEETING_WORDS_RE = re.compile(
    r"kallelse|föredragningslist|dagordning|ärendelist|\bärenden\b|sammanträd|protokoll"
    r"|\bmöte|justera|justering|fullmäktige|nämnd|styrelse|utskott|beredning|\bdnr\b"
    r"|diarienummer|beslutsförslag|förslag till beslut",
    re.IGNORECASE,
)
#: A breadcrumb trail (`Din position: Hem > Tyresö kommun > Kommunfullmäktige > Sammanträde`).
BREADCRUMB_RE = re.compile(r"^(?:Din position|Du är här|Du befinner dig här)\s*:?\s*(?P<trail>.*)$")

# --- Agenda vs minutes ------------------------------------------------------------------------
OPENING_RE = re.compile(r"öppnar (?:mötet|sammanträdet)|hälsar (?:\w+ )?välkommen", re.IGNORECASE)
CLOSING_RE = re.compile(r"avslutar (?:mötet|sammanträdet)", re.IGNORECASE)
MINUTES_VERB_RE = re.compile(
    r"\b(?:föredrar|föredras|informerar|redogör|beslutar|tackar|yrkar|tar upp)\b", re.IGNORECASE
)
CLOSING_TITLE_RE = re.compile(r"^(?:mötet|sammanträdet) avslutas\b", re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s")

# --- Item content -----------------------------------------------------------------------------
PROPOSAL_HEADING_RE = re.compile(
    r"^(?:Förslag till beslut|Beslutsförslag|\S+(?:s|ns|ens) förslag(?: till beslut)?)$"
)
SECTION_END_RE = re.compile(
    r"^(?:I tjänsten|Utdrag till|Beslutsunderlag|Bilagor|Ärendebeskrivning|Bakgrund|Ärendet"
    r"|Yrkanden?|Beslutsgång|Expedieras till|Skickas till|Handläggare|Underlag"
    r"|Sammanfattning|Beslut|Reservationer?)\b:?$"
)
PROCEDURAL_TITLES = (
    "mötet öppnas",
    "sammanträdet öppnas",
    "val av justerare",
    "fastställande av dagordning",
    "godkännande av dagordning",
    "föregående protokoll",
    "informationer",
    "anmälningsärenden",
    "delegationsbeslut",
    "övriga frågor",
    "mötet avslutas",
    "sammanträdet avslutas",
)
PROCEDURAL_TEXT_RE = re.compile(
    r"preliminär (?:föredragningslista|dagordning)|dagordning(?:en)? har skickats ut"
    r"|öppnar (?:mötet|sammanträdet)|avslutar (?:mötet|sammanträdet)"
    r"|hälsar (?:\w+ )?välkommen|tar upp föregående protokoll|föredrar föregående protokoll",
    re.IGNORECASE,
)

# --- Item kind: a decision to take, or information --------------------------------------------
# Read by `agenda.item_kind` from an item's title and proposal only, never from its description
# (a description that mentions "beslut" or "rapport" says nothing about what the body will do).
# Each entry is general Swedish committee practice, not one portal's habit. An item that nothing
# here matches stays unclassified: a decision listed as information would be skipped by a member.

#: Words opening the title (or a part after a dash: `Göteborgs universitet – Återrapportering av
#: forskning`) of an item the body only listens to. Matched as whole words at that place.
ITEM_INFORMATION_TITLE_WORDS = (
    r"information(?:en|er|erna)?",  # `Information - muntlig`, `Information om budget`
    r"informationsärende(?:t|n|na)?",  # `Informationsärenden` (`Informationer` alone is procedural)
    r"(?:läges)?rapport(?:en|er|erna)?",  # `Rapport från …`, `Lägesrapport`; not `Delårsrapport`
    r"(?:åter)?rapportering",  # `Återrapportering av uppdrag`
    r"redovisning(?:en|ar|arna)?",  # `Redovisning av ej verkställda beslut`; not `Årsredovisning`
    r"anmälan|anmälningar",  # `Anmälan av delegationsbeslut`, `Anmälan av beslut, domar och …`
    r"meddelanden?",  # `Meddelanden`
    r"delgivning(?:ar)?",  # `Delgivningar`
    r"presentation(?:er)?",  # `Presentationer för hälso- och sjukvårdsnämnden`
    r"aktuellt",  # `Aktuellt från förvaltningen`
    # Not `Uppföljning`: a follow-up of the budget or of internal control is usually approved.
)
#: A manager or the chair reporting, at the start of the title: `Hälso- och sjukvårdsdirektörens
#: rapport 2019`, `Förvaltningschefens information`, `Ordföranden informerar`.
ITEM_INFORMATION_ROLE_RE = re.compile(
    r"^(?:[\w-]{1,40}\s+){0,3}?[\w-]{0,40}(?:direktör|chef|ordförande)(?:ens|ns|en|n)?"
    r"\s+(?:rapport|information|informerar)\b",
    re.IGNORECASE,
)
#: Words anywhere in a title that name what the body decides (`Svar på motion om …`), tried
#: after the information words at the start (`Information om budget` is information).
ITEM_DECISION_TITLE_WORDS = (
    r"yttrande (?:över|till|om|angående|avseende)",  # `Yttrande över remiss …`
    r"remiss(?:er|en|svar)?",  # `Remiss – …`, `Svar på remiss`, `Remissvar`
    r"motion(?:en|er|erna)?",  # `Svar på motion om …`, `Motion om …`
    r"medborgarförslag(?:et)?|e-förslag(?:et)?",  # `Svar på medborgarförslag`
    r"initiativärende",  # a member's initiative, put to the vote
    r"revidering",  # `Revidering av samverkansavtal …`
    r"fastställande av(?! dagordning)",  # `Fastställande av dagordning` is procedural
    r"godkännande av(?! dagordning)",
    r"antagande av",
    r"ändring(?:ar)? (?:av|i)",  # `Ändring av delegationsordning`
    r"beslut om",
    r"förslag (?:till|om)",  # `Förslag till reviderat reglemente`
    r"val av(?! juster)",  # elections; `Val av justerare` is procedural
    r"[\w-]{0,30}budget(?:en)?",  # `Budget 2027`, `Mål och budget`, `Internbudget`
    r"(?:region|kommun|finans|verksamhets)plan(?:en)?",  # `Regionplan 2027 med finansplan`
    r"detaljplan(?:en)?",  # a plan's samråd, granskning or antagande is put to the body
    r"delårsrapport(?:en)?|årsredovisning(?:en)?|bokslut(?:et)?",  # the body approves its own
    r"taxa|taxor(?:na)?|avgifter",  # `Taxa för …`
    r"reglemente(?:t)?|delegationsordning(?:en)?|riktlinjer(?:na)?|policy",
)
#: An explicit mark, in a title that opens with information words, that a decision is taken at
#: this item too: `Information och beslut om …`, `Redovisning av uppdrag – förslag till beslut`,
#: `Information - beslut om yttrande`. `beslut` counts only joined on (`och`, `samt`, `för`,
#: `inför`) or opening a part after a dash or colon: `Anmälan av beslut om …`, `Information om
#: beslut om …` and `Redovisning av ej verkställda beslut` report decisions already taken.
#: Conflicting evidence is no evidence: such a title is unknown, and so is one with decision
#: words opening a part after a dash (`Information – Yttrande över remiss …`). A decision word
#: elsewhere (`Information om budget`) is what the information is about.
ITEM_DECISION_MARK_RE = re.compile(
    r"(?:^|\s[-–—]\s|:\s|\b(?:och|samt|för|inför)\s)(?:beslut|beslutsförslag)\b"
    r"|\bförslag till beslut\b",
    re.IGNORECASE,
)
#: A proposal clause that only receives information: `lägga informationen till handlingarna`,
#: `Rapporten läggs till handlingarna`, `notera informationen`, `ta del av redovisningen`. The
#: noun is what was received (compounds too: `delårsrapporten`); `lägga motionen/ärendet till
#: handlingarna` is a decision, and so is `godkänna redovisningen` (the body approves it).
_RECEIVED = (
    r"(?:den |de |det )?(?:muntliga |skriftliga |lämnade |redovisade )?"
    r"[\w-]{0,30}(?:informationen|informationerna|rapporten|rapporterna|rapporteringen"
    r"|redovisningen|redovisningarna|anmälan|anmälningarna|delgivningen|delgivningarna"
    r"|meddelandet|meddelandena|informationsärendet|informationsärendena|presentationen)"
)
#: What may stand between the received noun and `till handlingarna`: the rest of its noun phrase
#: (`informationen om läget i vården`, `regionens rapport 2025`), never a second clause. So no
#: `och`, `samt` or comma, and none of the passives by which the body acts on the thing itself:
#: `redovisningen godkänns och läggs till handlingarna` approves it, a decision. (A genitive such
#: as `nämndens` also ends in -s; it belongs to a noun phrase, hence a list, not a suffix rule.)
_NOUN_PHRASE_GAP = (
    r"(?:(?!\b(?:och|samt|godkänns|fastställs|antas|beslutas|tillstyrks|avslås|bifalls"
    r"|återremitteras|ändras|revideras)\b)[^.;,\n]){0,200}?"
)
ITEM_INFORMATION_PROPOSAL_RE = re.compile(
    rf"\b(?:lägga|lägger)\s+{_RECEIVED}\b{_NOUN_PHRASE_GAP}\btill handlingarna"
    rf"|\b{_RECEIVED}\b{_NOUN_PHRASE_GAP}\b(?:läggs|lagts) till handlingarna"
    rf"|\b(?:notera|noterar|anteckna|antecknar|ta del av|tar del av|tagit del av"
    rf"|tacka för|tackar för)\s+{_RECEIVED}\b"
    rf"|\b{_RECEIVED}\s+(?:noteras|antecknas)\b",
    re.IGNORECASE,
)
#: What may come before the first such clause: who proposes and who decides (`Hälso- och
#: sjukvårdsnämnden beslutar att`, `Förvaltningen föreslår att nämnden beslutar att`,
#: `Nämnden föreslås`), `för egen del`, a list number, a bare `att` (a document's last line).
#: Matched against the whole prefix. Its words are never `att`, `och` or `samt`: those would
#: join a clause of its own, a decision (`Nämnden beslutar att godkänna revideringen och att
#: lägga informationen …`, `Nämnden godkänner budgeten och beslutar att …`); `och` only right
#: after a word ending in a hyphen (`Hälso- och sjukvårdsnämnden`, `Barn- och …`).
_FRAME_WORD = r"(?:(?!(?:att|och|samt)\b)[\w-]{1,40}|(?<=-\s)och)"
_FRAME_VERB = r"(?:besluta[rt]?|beslutade|föreslå[rs]?|föreslagit)"
#: `Nämnden beslutar att`, `Kommunstyrelsen föreslår kommunfullmäktige att`, `beslutar för
#: egen del att`: who (optional), the verb, up to four words, `att`.
_FRAME_CLAUSE = rf"(?:{_FRAME_WORD}\s+){{0,6}}?{_FRAME_VERB}(?:\s+{_FRAME_WORD}){{0,4}}?\s+att"
#: A second clause needs its own subject (`… föreslår att nämnden beslutar att`): `beslutar att
#: föreslå fullmäktige att …` is the body forwarding a proposal, a decision.
_FRAME_NEXT_CLAUSE = rf"(?:{_FRAME_WORD}\s+){{1,6}}?{_FRAME_VERB}(?:\s+{_FRAME_WORD}){{0,4}}?\s+att"
ITEM_PROPOSAL_FRAME_RE = re.compile(
    rf"(?:{_FRAME_CLAUSE}(?:\s+{_FRAME_NEXT_CLAUSE})?|(?:{_FRAME_WORD}\s+){{0,6}}?föreslås)?"
    r"(?:\s*(?:för egen del|\d{1,2}[.)]|att\b))*",
    re.IGNORECASE,
)
#: What may join such clauses (`1. lägga informationen … och 2. notera rapporten`).
ITEM_PROPOSAL_JOIN_WORD_RE = re.compile(r"^(?:att|och|samt|\d{1,2}|[a-h])$", re.IGNORECASE)

# --- Item document (tjänsteskrivelse) ---------------------------------------------------------
DOC_DATE_RE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})$")
DOC_DESCRIPTION_HEADINGS = ("Ärendebeskrivning", "Sammanfattning", "Bakgrund")
DOC_END_RE = re.compile(r"^(?:I tjänsten|Utdrag till|Beslutsunderlag|Bilagor|Expedieras till)\b")

# --- HTML -------------------------------------------------------------------------------------
HTML_SNIFF_RE = re.compile(r"<(?:!doctype html|html|body|head|div|ul|li|p|main|article)\b", re.I)
#: Elements that are never content.
HTML_DROP_XPATH = (
    "//script|//style|//noscript|//template|//nav|//footer"
    "|//*[contains(concat(' ', normalize-space(@class), ' '), ' skip-link ')]"
    "|//*[contains(@class, 'cookie')]|//*[@id='cookie-banner']"
)
#: Containers of one agenda entry (markup 1: `li.agenda-item`; markup 2: `article`).
HTML_ENTRY_CLASSES = ("agenda-item", "arende", "meeting-item", "item")
HTML_ENTRY_TAGS = ("article",)
#: Words in a list's class or id that make its children the item entries.
HTML_LIST_CONTEXT = ("agenda", "protocol", "protokoll", "items", "arenden")
#: Elements holding the item number (markup 1) — their text is `2` or `§ 17`.
HTML_NUMBER_CLASSES = ("item-number", "number", "paragraph-number")
HTML_TITLE_CLASSES = ("item-title", "title")
HTML_ATTACHMENT_CLASSES = ("attachments", "bilagor", "files", "documents")
#: Containers (by id or class) whose entries are the minutes rather than the agenda.
HTML_MINUTES_IDS = ("protocol", "protokoll", "minutes")
HTML_AGENDA_IDS = ("agenda", "kallelse")
HTML_TAB_TITLE_RE = re.compile(
    r"^(?P<minutes>Protokoll|Protocol)$|^(?:Kallelse|Föredragningslista)$"
)
HTML_MEETINGS_PLUS_XPATH = (
    "//a[@id='openProtocol']|//*[@id='agenda']|//*[contains(@class, 'agenda-list')]"
    "|//*[contains(@class, 'meeting-header')]"
)
OPEN_PROTOCOL_XPATH = "//a[@id='openProtocol']"
#: Outside an item, links that only navigate (tabs, in-page anchors, the body's other meetings
#: in the side menu, breadcrumbs, `a#openProtocol`): a line made only of them is page chrome.
HTML_NAV_HREF_RE = re.compile(
    r"^(?:#|javascript:)|^(?:https?://[^/]+)?/committees(?:/[a-z0-9][a-z0-9-]*){0,2}/?(?:[?#]|$)",
    re.IGNORECASE,
)
HTML_NAV_IDS = ("openProtocol",)

# --- titles a member can scan (agenda.titles) -------------------------------------------------
#: A section heading of the agenda, not an item: `TILL FULLMÄKTIGE`, `Beslutsärenden`,
#: `Ärenden till regionfullmäktige`, `Informationsärenden`.
SECTION_HEADING_RE = re.compile(
    r"^(?:(?:beslut|information|övriga)?s?ärenden(?:\s+(?:för|till)\s+\w+)?"
    r"|ärenden\s+(?:för|till)\s+(?:\w+\s+)?\w+|till\s+(?:region|kommun|landstings)?fullmäktige"
    r"|för\s+(?:beslut|kännedom|information)|beslutspunkter|informationspunkter)[:.]?$",
    re.IGNORECASE,
)
#: Document names that say only what kind of document it is (no title in them).
GENERIC_DOCUMENT_RE = re.compile(
    r"^(?:bilaga|bilagor|tjänsteskrivelse|tjänsteutlåtande|tjs|missiv|följebrev|presentation"
    r"|protokoll(?:sutdrag)?|underlag|beslutsunderlag|skrivelse|rapport|handling(?:ar)?"
    r"|dokument|kallelse|ppt|pdf|förslag(?: till beslut)?|yttrande|remiss)$",
    re.IGNORECASE,
)
#: A leading `Bilaga 2`, `Bilaga 2a -`, `Tjänsteskrivelse:` or `TJS` before a document's title.
DOCUMENT_NAME_PREFIX_RE = re.compile(
    r"^(?:(?:bilaga|bil\.?)\s*\d{0,3}[a-z]?|tjänsteskrivelse|tjänsteutlåtande|tjs|missiv"
    r"|protokollsutdrag|presentation)(?:\s*[-–:._]\s*|\s+)",
    re.IGNORECASE,
)
DOCUMENT_EXTENSION_RE = re.compile(r"[._ ]?(?:pdf|docx?|xlsx?|pptx?|odt|rtf|txt)$", re.IGNORECASE)

# --- Minutes without the § sign ------------------------------------------------------------------
#: What only a protokoll prints (its cover, its page feet): the bulletin-board certificate, the
#: approval, the checkers' signature boxes, its title in capitals. `Protokollet framlagt` or
#: `Justering av protokollet` (an item of a kallelse) are not among them.
MINUTES_MARK_RE = re.compile(
    r"\bANSLAG\s*/\s*BEVIS\b|\bAnslag\s*/\s*[Bb]evis\b|\bBEVIS OM ANSLAG"
    r"|Protokollet (?:är|har) justerats?\b"
    r"|Justerandes? sign|Justerarsignatur|Utdragsbestyrkande|Utdragets riktighet"
    r"|\b(?:SAMMANTRÄDES|BESLUTS)?PROTOKOLL\b|\b[Ss]ammanträdesprotokoll\b|\b[Bb]eslutsprotokoll\b"
)
#: The §§ a protokoll holds, as its cover prints them: `Paragrafer 26 -- 38`, `Paragrafer: §§
#: 45-48`, `Paragrafer §54 -§64`, `Justerade paragrafer 45-58`, `§§ 55-65`.
PARAGRAPH_RANGE_RE = re.compile(
    r"(?:\b[Pp]aragrafer|§§)\s*:?\s*(?:§§?\s*)?(?P<first>\d{1,4})\s*(?:-{1,2}|–|—)\s*§?\s*(?P<last>\d{1,4})\b"
)
