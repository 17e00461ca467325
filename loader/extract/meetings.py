"""Meeting reports: sentences saying that people met, visited, received or signed.

One report per clause that carries a meeting cue (``bertemu``, ``mengunjungi``, ``menerima``,
``menandatangani``, ...). A sentence is cut into clauses at connectives (``setelah``, ``ketika``,
``bahwa``, ``kata``, ...) so that a person named in one clause is not taken as a participant of a
meeting told in another. Rules, precision first:

- Speculation anywhere before the cue in the sentence (``belum jelas apakah``, ``kemungkinan``,
  ``diperkirakan``, ``dikabarkan``, ``ingin``) or a question: no report at all. A negation right
  before the cue (``tidak bertemu``, ``batal mengunjungi``): no report.
- ``akan``/``dijadwalkan``/``berencana`` before the cue, or a date after the anchor: ``planned``.
- Participants are the person mentions in the clause. A visit needs its visitor and either a
  named counterpart or a destination (``ke Korea Utara``, ``di Pyongyang``) or an organisation to
  receive it; talks, receptions and signings need two different people. ``keduanya``/``mereka``
  as the subject stand for the people named earlier in the sentence.
- Past meetings told as context (``setelah pertemuan mereka pada bulan Juni``) are reports too,
  under the same rules and with their own date: they are facts a reader finds in the text.
- Roles: the visitor is ``guest``, the one visited or receiving is ``host``, a person named after
  ``delegasi … yang dipimpin (oleh)`` is ``delegation``; when the text does not say, None.
- CAMEO: visit 042, reception 043, signing 057; talks 044 when ``people`` shows the place is in
  no participant's country, else 040 (consult), because "third location" cannot be assumed.
"""
import re

from loader.extract.dates import as_date, find_dates, latest_stated_date

# (kind, pattern). In a clause with several cues the one listed first names the event:
# "menerima ... untuk melakukan pembicaraan" is a reception, "pertemuan dengan delegasi" talks.
CUES = [
    ("signing", r"\b(?:menandatangani|ditandatangani|meneken|diteken|penandatanganan)\b"),
    ("reception", r"\b(?:menerima|menyambut|menjamu|menjadi\s+tuan\s+rumah)\b"),
    ("visit", r"\b(?:mengunjungi|berkunjung\s+ke|kunjungan|lawatan|melawat\s+ke|tiba\s+di|"
              r"mendarat\s+di|perjalanan\s+ke|berangkat\s+ke|bertolak\s+ke)\b"),
    ("talks", r"\b(?:bertemu|pertemuan|berunding|perundingan|pembicaraan|bertatap\s+muka)\b"),
    ("visit", r"\bdelegasi\b(?=[^.]{0,80}?\byang\s+dipimpin\b)"),
]
_CUES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in CUES]
# Any cue at all: one search per sentence rather than one per cue (most sentences have none).
_ANY_CUE = re.compile("|".join(f"(?:{pattern})" for _kind, pattern in CUES), re.IGNORECASE)
CAMEO = {"visit": "042", "reception": "043", "signing": "057"}
# Which side of the cue plays which role: (before the cue, after the cue).
ROLES = {"visit": ("guest", "host"), "reception": ("host", "guest"),
         "talks": (None, None), "signing": (None, None)}

# Words that start a new clause: what follows them is told about something else.
_CLAUSE_BREAK = re.compile(
    r"[;“”\"«»]|\b(?:setelah|sebelum|ketika|saat|sejak|karena|bahwa|sementara|sedangkan|"
    r"namun|tetapi|meski(?:pun)?|sehingga|kata|ujar|ucap|tutur|ungkap|mengatakan|menyatakan|"
    r"menurut|dikutip|melansir)\b"
    # "kelanjutan dari pertemuan A dan B": a meeting named as the object of something else
    r"|\b(?:dari|sebagai|mengenai|tentang|soal|atas)\s+(?=(?:pertemuan|kunjungan|pembicaraan|"
    r"perundingan|lawatan)\b)", re.IGNORECASE)
# Anywhere before the cue in the sentence, these make the meeting a rumour or a wish.
_SPECULATION = re.compile(
    r"\b(?:belum\s+jelas|tidak\s+jelas|belum\s+pasti|tidak\s+diketahui|apakah|kemungkinan|"
    r"mungkin|diperkirakan|dikabarkan|kabarnya|diduga|disebut-sebut|dispekulasikan|spekulasi|"
    r"rumor|desas-desus|jika|apabila|seandainya|andaikan|ingin|berharap|bisa\s+saja)\b",
    re.IGNORECASE)
# Right before the cue (within three words), these deny it.
_NEGATION = re.compile(r"\b(?:tidak|tak|belum|bukan|batal|gagal|menolak|enggan|urung|tanpa)"
                       r"(?:\s+\S+){0,2}\s*$", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:akan|bakal|hendak|dijadwalkan|berencana|direncanakan|rencananya)\b",
                      re.IGNORECASE)
# "keduanya bertemu": the subject is the people already named in the sentence.
_BOTH = re.compile(r"\b(?:keduanya|kedua\s+pemimpin|kedua\s+menteri|mereka)\b", re.IGNORECASE)
_NOUN_CUE = re.compile(
    r"(?:kunjungan|lawatan|pertemuan|pembicaraan|perundingan|penandatanganan)\b", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:dengan|ke|di|oleh|bersama)\b", re.IGNORECASE)
# "delegasi ... yang dipimpin (oleh) Wakil Menteri Pertahanan X": capitalised title words between.
_DELEGATION_LEADER = re.compile(r"\byang\s+dipimpin(?:\s+oleh)?\s+(?:[A-Z][\w.-]*,?\s+){0,8}$")
# What may stand between "menerima"/"menyambut" and the guest: titles, or a visit noun.
_GUEST_LEAD_IN = re.compile(r"\s*(?:(?:kunjungan|kedatangan|delegasi|rombongan|tamu)\b[^.,;]{0,80}"
                            r"|bagi\s[^.,;]{0,80}|(?:[A-Z][\w.-]*,?\s+){0,8})")
# A place is where the meeting was when introduced by "di"/"ke", possibly through a noun.
_PLACE_INTRO = re.compile(
    r"\b(?:di|ke|mengunjungi)\s+(?:(?:ibu\s+kota|ibukota|kota|bandara|negara)\s+)?$", re.IGNORECASE)
# "perang Rusia di Ukraina" is not where anybody met.
_NOT_A_VENUE = re.compile(r"\b(?:perang|invasi|serangan|konflik|pasukan|tentara|pengiriman)\b"
                          r"(?:\s+\S+){0,2}\s+(?:di|ke)\s+\S*$", re.IGNORECASE)


def find_meeting_reports(body: str, sentences, mentions: list[dict], places: list[dict],
                         organizations: list[dict], anchor=None, people: dict | None = None
                         ) -> list[dict]:
    """Meeting reports in one article: ``{"participants": [{"person_id", "role"}], "place_id",
    "place_name", "place_country", "place_kind", "organization_id", "kind", "cameo", "status",
    "date_text", "date", "date_precision", "date_flags", "sentence", "start", "end"}`` with ``start``/``end``
    the sentence's offsets in ``body``. ``anchor`` is the article's published date; without it,
    the latest full date the article states. ``people`` (optional, person id -> person with a
    ``country``) gives roles and the third-location code to talks the text leaves open."""
    anchor = as_date(anchor)
    anchor_known = anchor is not None
    reports = []
    for sentence in sentences:
        if not _ANY_CUE.search(sentence.text):
            continue
        if not anchor_known:  # the whole text is read only when a sentence needs it
            anchor, anchor_known = latest_stated_date(body), True
        sentence_dates = find_dates(sentence.text, anchor)
        for clause_start, clause_end in _clauses(sentence.text):
            report = _clause_report(body, sentence, clause_start, clause_end, mentions, places,
                                    organizations, sentence_dates, anchor, people)
            if report:
                reports.append(report)
    return reports


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _in_span(items: list[dict], start: int, end: int) -> list[dict]:
    return [item for item in items if start <= item["start"] and item["end"] <= end]


def _clause_report(body, sentence, clause_start, clause_end, mentions, places, organizations,
                   sentence_dates, anchor, people) -> dict | None:
    text = sentence.text
    cues = [(rank, match.start(), match.end(), kind) for rank, (kind, regex) in enumerate(_CUES)
            for match in regex.finditer(text, clause_start, clause_end)]
    if not cues:
        return None
    _rank, cue_start, cue_end, kind = min(cues)
    if _SPECULATION.search(text[:cue_start]) or text.rstrip().endswith("?"):
        return None
    if any(_NEGATION.search(text[clause_start:start]) for _r, start, _e, _k in cues):
        return None

    offset = sentence.start
    # "kunjungan Belousov ke ...", "pertemuan Kim dengan ...": with a noun the agent follows it,
    # up to the first preposition.
    subject_end = cue_start
    if _NOUN_CUE.match(text, cue_start):
        preposition = _PREPOSITION.search(text, cue_end, clause_end)
        subject_end = preposition.start() if preposition else clause_end
    clause_mentions = _in_span(mentions, offset + clause_start, offset + clause_end)
    before_role, after_role = ROLES[kind]
    roles = {}  # person_id -> role, in order of first mention
    subject = [m for m in clause_mentions if m["start"] < offset + subject_end]
    if not subject and _BOTH.search(text[clause_start:subject_end]):
        subject = _in_span(mentions, offset, offset + clause_start)
    objects = [m for m in clause_mentions if m["start"] >= offset + subject_end]
    sided = [(m, before_role) for m in subject] + [(m, after_role) for m in objects]
    for mention, side_role in sided:
        lead_in = body[max(offset, mention["start"] - 100):mention["start"]]
        role = "delegation" if _DELEGATION_LEADER.search(lead_in) else side_role
        roles.setdefault(mention["person_id"], role)

    place = _venue(body, places, offset + clause_start, offset + clause_end, offset + cue_end)
    # "mengunjungi Kementerian Pertahanan": an organisation receives the visit.
    host_organization = _venue(body, [o for o in organizations if o.get("kind") != "news_agency"],
                               offset + cue_end, offset + clause_end, offset + cue_end)
    if kind == "reception" and not _receives_someone(body, objects, offset + cue_end):
        return None
    destination = place is not None or host_organization is not None
    counterpart_clear = len(roles) >= 2 or (kind == "visit" and len(roles) == 1 and destination)
    if not counterpart_clear:
        return None

    date = _nearest_date(sentence_dates, clause_start, clause_end, cue_start)
    planned = bool(_PLANNED.search(text[clause_start:cue_start])) or _is_after(date, anchor)
    participants = _roles_from_place(
        [{"person_id": pid, "role": role} for pid, role in roles.items()], place, people)
    return {
        "participants": participants,
        "place_id": place["place_id"] if place else None,
        "place_name": place.get("name") if place else None,
        "place_country": place.get("country") if place else None,
        "place_kind": place.get("kind") if place else None,
        "organization_id": host_organization["organization_id"] if host_organization else None,
        "kind": kind,
        "cameo": _cameo(kind, participants, place, people),
        "status": "planned" if planned else "happened",
        "date_text": date["text"] if date else None,
        "date": date["date"] if date else None,
        "date_precision": date["precision"] if date else None,
        "date_flags": (date["flags"] or None) if date else None,
        "sentence": text,
        "start": sentence.start,
        "end": sentence.end,
    }


def _receives_someone(body, objects, cue_end) -> bool:
    """``menerima Menteri X`` / ``menyambut kedatangan delegasi ... X`` receive a person;
    ``menerima laporan dari X`` and ``menyambut baik keputusan X`` do not."""
    if not objects:
        return False
    between = body[cue_end:objects[0]["start"]]
    return bool(_GUEST_LEAD_IN.fullmatch(between))


def _venue(body, items, start, end, cue_end) -> dict | None:
    """Of the places (or organisations) in the clause, the first introduced by "di"/"ke"/
    "mengunjungi" after the cue, else the last one before it; an apposition ("ibu kota Korea
    Selatan, Seoul") gives the more specific second name."""
    in_clause = _in_span(items, start, end)
    venues = [item for item in in_clause
              if _PLACE_INTRO.search(body[max(start, item["start"] - 30):item["start"]])
              and not _NOT_A_VENUE.search(body[start:item["start"]])]
    after = [item for item in venues if item["start"] >= cue_end]
    before = [item for item in venues if item["start"] < cue_end]
    chosen = after[0] if after else (before[-1] if before else None)
    if chosen is None:
        return None
    for item in in_clause:
        if item["start"] >= chosen["end"] and re.fullmatch(r"\s*,\s*",
                                                          body[chosen["end"]:item["start"]]):
            return item
    return chosen


def _nearest_date(sentence_dates, clause_start, clause_end, cue_start) -> dict | None:
    in_clause = [d for d in sentence_dates if clause_start <= d["start"] and d["end"] <= clause_end
                 and "vague" not in d["flags"]]
    return min(in_clause, key=lambda d: abs(d["start"] - cue_start), default=None)


def _is_after(date: dict | None, anchor) -> bool:
    if not date or not date["date"] or anchor is None:
        return False
    stated = date["date"]
    return stated > anchor.isoformat()[:len(stated)]


def _cameo(kind, participants, place, people) -> str:
    if kind in CAMEO:
        return CAMEO[kind]
    countries = {(people or {}).get(p["person_id"], {}).get("country") for p in participants}
    place_country = place.get("country") if place else None
    if place_country and None not in countries and place_country not in countries:
        return "044"
    return "040"


def _roles_from_place(participants, place, people) -> list[dict]:
    """When the text gives no roles but ``people`` gives countries, those at home in the
    meeting's country host and the others are their guests (only when both sides exist)."""
    place_country = place.get("country") if place else None
    if not people or not place_country or any(p["role"] for p in participants):
        return participants
    countries = [people.get(p["person_id"], {}).get("country") for p in participants]
    if None in countries or place_country not in countries or len(set(countries)) < 2:
        return participants
    return [{"person_id": p["person_id"], "role": "host" if country == place_country else "guest"}
            for p, country in zip(participants, countries)]
