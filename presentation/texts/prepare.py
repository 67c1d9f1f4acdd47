"""Texts of preparing a meeting (issue 21): what is new since you looked, the checklist, the
appeal window and the party group's lines.

Why: kept apart from `conversation.py` and `alerts.py` (near their size budget and changed by
others); merged into the one `TEXTS` table by `presentation.texts`, with the same sv/en and
placeholder checks.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- command descriptions ---
    "cmd_nytt": {
        "sv": "Nytt sedan chatten tittade senast",
        "en": "New since this chat last looked",
    },
    "cmd_forbered": {
        "sv": "Checklista inför nästa möte, punkt för punkt",
        "en": "Checklist for the next meeting, item by item",
    },
    "cmd_overklagande": {
        "sv": "Öppna överklagandetider för organ som chatten följer",
        "en": "Open appeal windows of the bodies this chat follows",
    },
    "cmd_partigrupp": {
        "sv": "Gör gruppen till partigrupp för ett organ (bara gruppens admins)",
        "en": "Make the group a party group for a body (group admins only)",
    },
    "cmd_linje": {
        "sv": "Gruppens linje i en punkt på nästa möte (eller mötet ett visst datum)",
        "en": "The group's line on an item at the next meeting (or the meeting on a date)",
    },
    "cmd_linjer": {
        "sv": "Gruppens linjer inför nästa möte (eller mötet ett visst datum)",
        "en": "The group's lines for the next meeting (or the meeting on a date)",
    },
    # --- what is new since you looked ---
    "news_header": {"sv": "<b>Nytt sedan du tittade</b>", "en": "<b>New since you looked</b>"},
    "news_meeting": {
        "sv": "<b>{body}</b> · {date} (du tittade {looked})",
        "en": "<b>{body}</b> · {date} (you looked {looked})",
    },
    "news_added": {"sv": "ny punkt", "en": "new item"},
    "news_title": {"sv": "ny rubrik", "en": "new title"},
    "news_text": {"sv": "ny text", "en": "new text"},
    "news_proposal": {"sv": "nytt förslag", "en": "new proposal"},
    "news_document": {"sv": "ny handling", "en": "new document"},
    "news_item": {
        "sv": "🆕 {ref} {title} – <i>{kinds}</i>",
        "en": "🆕 {ref} {title} – <i>{kinds}</i>",
    },
    "news_none": {
        "sv": "Inget nytt sedan du tittade. Jag håller koll på det du öppnat med /nasta och "
        "punkterna.",
        "en": "Nothing new since you looked. I keep track of what you opened with /next and the "
        "items.",
    },
    "news_none_opened": {
        "sv": "Inget nytt sedan du tittade, i de dagordningar du har öppnat. Dessa har du "
        "inte öppnat än:",
        "en": "Nothing new since you looked, in the agendas you have opened. These you have "
        "not opened yet:",
    },
    "news_none_looked": {
        "sv": "Du har inte öppnat någon av dagordningarna än. Jag håller koll på det du öppnar "
        "med /nasta och punkterna:",
        "en": "You haven't opened any of the agendas yet. I keep track of what you open with "
        "/next and the items:",
    },
    "news_unseen": {
        "sv": "📋 <b>{body}</b> · {date}: du har inte öppnat dagordningen än ({n} punkter).",
        "en": "📋 <b>{body}</b> · {date}: you haven't opened the agenda yet ({n} items).",
    },
    "news_unseen_one": {
        "sv": "📋 <b>{body}</b> · {date}: du har inte öppnat dagordningen än ({n} punkt).",
        "en": "📋 <b>{body}</b> · {date}: you haven't opened the agenda yet ({n} item).",
    },
    "news_one_by_one": {"sv": "Öppna en i taget ▶", "en": "One at a time ▶"},
    "news_next": {"sv": "Nästa nyhet ▶", "en": "Next news ▶"},
    "news_done": {"sv": "Det var allt nytt.", "en": "That was all the news."},
    "news_line": {
        "sv": "🆕 <b>Nytt sedan du tittade:</b> {items} – /nytt",
        "en": "🆕 <b>New since you looked:</b> {items} – /new",
    },
    "news_in_item": {
        "sv": "🆕 <i>Nytt sedan du tittade: {kinds}</i>",
        "en": "🆕 <i>New since you looked: {kinds}</i>",
    },
    # --- /forbered ---
    "prepare_header": {
        "sv": "<b>Förbered</b> · {body} · {date}",
        "en": "<b>Prepare</b> · {body} · {date}",
    },
    "prepare_count": {
        "sv": "<b>{read} av {total} lästa</b>",
        "en": "<b>{read} of {total} read</b>",
    },
    "prepare_all_read": {
        "sv": "✅ Allt läst – väl förberett!",
        "en": "✅ All read – well prepared!",
    },
    "prepare_changed": {
        "sv": "⚠️ ändrad sedan du läste den",
        "en": "⚠️ changed since you read it",
    },
    "prepare_proposal": {"sv": "Förslag: {proposal}", "en": "Proposal: {proposal}"},
    "prepare_no_proposal": {"sv": "<i>Inget förslag än.</i>", "en": "<i>No proposal yet.</i>"},
    "prepare_documents": {"sv": "Handlingar: {links}", "en": "Documents: {links}"},
    "prepare_none": {
        "sv": "Nästa möte i <b>{body}</b> ({date}) har inga punkter att besluta än.",
        "en": "The next meeting of <b>{body}</b> ({date}) has no items to decide yet.",
    },
    "prepare_read_button": {"sv": "✓ läst {ref}", "en": "✓ read {ref}"},
    "prepare_unread_button": {"sv": "✅ {ref}", "en": "✅ {ref}"},
    "prepare_marked_toast": {
        "sv": "Markerad som läst: {read} av {total}.",
        "en": "Marked as read: {read} of {total}.",
    },
    "prepare_unmarked_toast": {
        "sv": "Markeringen borttagen: {read} av {total}.",
        "en": "Mark removed: {read} of {total}.",
    },
    # --- the appeal window ---
    "alert_appeal": {
        "sv": "⚖️ Protokollet är anslaget {posted}; överklagandetiden går ut {last}.",
        "en": "⚖️ The minutes were posted on {posted}; the appeal period ends {last}.",
    },
    "appeal_printed": {
        "sv": "Sista dagen enligt protokollet.",
        "en": "The last day as printed in the minutes.",
    },
    "appeal_computed": {
        "sv": "Tre veckor från anslaget, flyttat till närmaste vardag om den dagen är en helgdag.",
        "en": "Three weeks from the posting, moved to the next working day after a holiday.",
    },
    "alert_appeal_case": {
        "sv": "Du följer ärendet {case}, som behandlades på mötet.",
        "en": "You follow case {case}, which was dealt with at the meeting.",
    },
    "appeals_header": {
        "sv": "<b>Öppna överklagandetider</b> (laglighetsprövning, tre veckor från anslaget)",
        "en": "<b>Open appeal windows</b> (judicial review, three weeks from the posting)",
    },
    "appeals_line": {
        "sv": "<b>{body}</b> · möte {meeting}\nAnslaget {posted}, går ut <b>{last}</b>{printed}",
        "en": "<b>{body}</b> · meeting {meeting}\nPosted {posted}, ends <b>{last}</b>{printed}",
    },
    "appeals_printed_mark": {"sv": " (enligt protokollet)", "en": " (as printed)"},
    "appeals_none": {
        "sv": "Inga öppna överklagandetider för organen du följer ({bodies}).",
        "en": "No open appeal windows for the bodies you follow ({bodies}).",
    },
    # --- the party group ---
    "party_usage": {
        "sv": "Skriv vilket organ gruppen är partigrupp för, t.ex. <code>/partigrupp hsn</code>. "
        "<code>/partigrupp av</code> avslutar.",
        "en": "Say which body the group is the party group of, e.g. "
        "<code>/party_group hsn</code>. <code>/party_group off</code> ends it.",
    },
    "party_groups_only": {
        "sv": "En partigrupp är en gruppchatt: lägg till mig i partiets grupp och skriv "
        "<code>/partigrupp &lt;organ&gt;</code> där.",
        "en": "A party group is a group chat: add me to the party's group and write "
        "<code>/party_group &lt;body&gt;</code> there.",
    },
    "party_admins_only": {
        "sv": "Bara gruppens admins kan ändra vilket organ gruppen är partigrupp för.",
        "en": "Only the group's admins can change which body the group is the party group of.",
    },
    "party_done": {
        "sv": "Gruppen är nu partigrupp för <b>{body}</b>. För varje ny föredragningslista får "
        "ni punkterna att besluta {where}. Sätt gruppens linje med "
        "<code>/linje 4 bifall</code> och se alla med /linjer. Linjerna syns bara här.",
        "en": "The group is now the party group of <b>{body}</b>. For each new agenda you get "
        "the items to decide {where}. Set the group's line with <code>/line 4 approve</code> "
        "and see them all with /lines. The lines are shown only here.",
    },
    "party_where_forum": {"sv": "som ett ämne per punkt", "en": "as one topic per item"},
    "party_where_thread": {
        "sv": "som svar under aviseringen",
        "en": "as replies under the alert",
    },
    "party_current": {
        "sv": "Gruppen är partigrupp för <b>{body}</b>. Byt med "
        "<code>/partigrupp &lt;organ&gt;</code>, avsluta med <code>/partigrupp av</code>.",
        "en": "The group is the party group of <b>{body}</b>. Change it with "
        "<code>/party_group &lt;body&gt;</code>, end it with <code>/party_group off</code>.",
    },
    "party_none": {
        "sv": "Gruppen är ingen partigrupp än. En admin skriver t.ex. "
        "<code>/partigrupp hsn</code>.",
        "en": "The group is no party group yet. An admin writes e.g. "
        "<code>/party_group hsn</code>.",
    },
    "party_ended": {
        "sv": "Gruppen är inte längre partigrupp. Linjerna finns kvar tills ni raderar dem "
        "med /radera.",
        "en": "The group is no longer a party group. The lines stay until you delete them "
        "with /delete_my_data.",
    },
    "party_item": {
        "sv": "🗳 <b>Punkt {number}</b> {title}\n{proposal}\nGruppens linje: "
        "<code>/linje {target} bifall</code> (avslag, återremiss, bordläggning eller egen text)",
        "en": "🗳 <b>Item {number}</b> {title}\n{proposal}\nThe group's line: "
        "<code>/line {target} approve</code> (reject, refer back, table or your own words)",
    },
    "party_topic": {"sv": "Punkt {number}: {title}", "en": "Item {number}: {title}"},
    "line_usage": {
        "sv": "Skriv punktens nummer och gruppens linje, t.ex. <code>/linje 4 bifall</code> "
        "(bifall, avslag, återremiss, bordläggning eller egen text). Ta bort en linje: "
        "<code>/linje 4 -</code>. Ett senare möte än nästa: datumet efter numret, "
        "<code>/linje 4 2027-01-18 bifall</code>.",
        "en": "Give the item's number and the group's line, e.g. <code>/line 4 approve</code> "
        "(approve, reject, refer back, table or your own words). Remove a line: "
        "<code>/line 4 -</code>. A later meeting than the next: its date after the number, "
        "<code>/line 4 2027-01-18 approve</code>.",
    },
    "line_not_party": {
        "sv": "Linjer sätts i en partigrupp: en admin skriver "
        "<code>/partigrupp &lt;organ&gt;</code> i gruppen först.",
        "en": "Lines are set in a party group: an admin first writes "
        "<code>/party_group &lt;body&gt;</code> in the group.",
    },
    "line_set": {
        "sv": "Gruppens linje i punkt {number} {title} ({date}): <b>{line}</b>",
        "en": "The group's line on item {number} {title} ({date}): <b>{line}</b>",
    },
    "line_old_topic": {
        "sv": "Det här ämnet hör till ett möte som redan har hållits, eller till ett annat organ. "
        "Skriv linjen med punktens nummer, t.ex. <code>/linje 4 bifall</code>.",
        "en": "This topic belongs to a meeting already held, or to another body. Give the "
        "line with the item's number, e.g. <code>/line 4 approve</code>.",
    },
    "line_cleared": {
        "sv": "Linjen i punkt {number} ({date}) är borttagen.",
        "en": "The line on item {number} ({date}) is removed.",
    },
    "line_no_item": {
        "sv": "Punkt {number} finns inte på mötet {date} i <b>{body}</b>. {available}",
        "en": "Item {number} is not on the meeting of {date} of <b>{body}</b>. {available}",
    },
    "line_too_long": {
        "sv": "En linje får vara högst {n} tecken.",
        "en": "A line may be at most {n} characters.",
    },
    "lines_header": {
        "sv": "<b>Gruppens linjer</b> · {body} · {date}",
        "en": "<b>The group's lines</b> · {body} · {date}",
    },
    "lines_item": {
        "sv": "<b>{number}</b> {title}: {line}",
        "en": "<b>{number}</b> {title}: {line}",
    },
    "lines_unset": {"sv": "<i>ingen linje än</i>", "en": "<i>no line yet</i>"},
    "lines_hint": {
        "sv": "Sätt en linje: <code>/linje 4 bifall</code>",
        "en": "Set a line: <code>/line 4 approve</code>",
    },
    "reminder_lines": {"sv": "<b>Gruppens linjer:</b>", "en": "<b>The group's lines:</b>"},
    "line_bifall": {"sv": "bifall", "en": "approve"},
    "line_avslag": {"sv": "avslag", "en": "reject"},
    "line_aterremiss": {"sv": "återremiss", "en": "refer back"},
    "line_bordlaggning": {"sv": "bordläggning", "en": "table"},
    # --- /integritet and /radera ---
    "privacy_prepare": {
        "sv": "<b>Förberedelser</b>\n"
        "• Läsläge för {n} möten: vad chatten har sett och markerat som läst, så att "
        "/nytt och /forbered vet vad som är nytt.",
        "en": "<b>Preparing</b>\n"
        "• Reading state for {n} meetings: what this chat has seen and marked read, so "
        "that /new and /prepare know what is new.",
    },
    "privacy_prepare_one": {
        "sv": "<b>Förberedelser</b>\n"
        "• Läsläge för {n} möte: vad chatten har sett och markerat som läst, så att "
        "/nytt och /forbered vet vad som är nytt.",
        "en": "<b>Preparing</b>\n"
        "• Reading state for {n} meeting: what this chat has seen and marked read, so "
        "that /new and /prepare know what is new.",
    },
    "privacy_party": {
        "sv": "• Partigrupp för <b>{body}</b>, med gruppens linjer ({lines}) och de ämnen jag "
        "skapat för punkterna. Linjerna visas bara i den här gruppen.",
        "en": "• Party group of <b>{body}</b>, with the group's lines ({lines}) and the topics I "
        "made for the items. The lines are shown only in this group.",
    },
    "delete_done_prepare": {
        "sv": "Även läsläget ({meetings}) och gruppens linjer ({lines}) är raderade.",
        "en": "The reading state ({meetings}) and the group's lines ({lines}) are deleted too.",
    },
}
