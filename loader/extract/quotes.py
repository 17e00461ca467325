"""Quoted statements: who said what, quoted by whom.

``find_quotes`` finds three kinds of statement in an article body:

- ``direct``: a whole utterance in quote marks, tied to a speech act — a cue after it
  (``“…,” kata X`` / ``ujarnya`` / ``,” X menambahkan``), a speech verb before it
  (``X menyatakan, “…”``), or following straight on from a statement or a speech act of the
  sentence just before it (a second quote paragraph of the same speaker).
- ``partial``: a quoted phrase inside a sentence whose speech verb or cue names the speaker
  (``menyebut kebijakan itu “benar-benar independen.”``).
- ``indirect``: reported speech without quote marks (``X mengatakan (bahwa) …``,
  ``menurut X, …``, ``…, kata X.``, ``…, X melaporkan.``, a sentence attributed by the next
  one: ``Demikian kata X``, ``Hal itu disampaikan X``); negated, modal and question forms are
  not statements.

A quoted phrase with no speech cue (a slogan on a banner, a nickname, scare quotes) is not a
statement and is skipped. A wrong speaker is the worst error, so anything ambiguous leaves the
speaker null and keeps the statement. A news agency or outlet named as the source of words
that the sentence gives to someone (``X menyatakan bahwa … “…,” tulis KCNA``) is the agency
they were taken from (``via``), not the speaker.
"""
import re

from loader.extract.dates import WEEKDAYS
from loader.extract.people import BOILERPLATE_LINE
from loader.extract.speakers import (
    ADVERBS, CONNECTORS, FRAME_WORDS, MEDIA_WORDS, NAME_CONNECTORS, NOT_VERBS, PREPOSITIONS,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS, TITLE_WORDS, VERB_FORM, WORD, clause_subject, is_state, mention_speaker,
    name_phrase, resolve_phrase, speaker_after, titled,
)
from loader.text import sentence_at

# ” and " open as well as close in Indonesian outlets; “ « ‘ only open, » ’ only close; the
# typewriter ' does both. Single marks pair only with single marks: inside a double quote they
# quote a quotation.
EITHER_MARKS = "”\""
SINGLE_MARKS = "‘’'"
QUOTE_MARKS = "“«‘»’'" + EITHER_MARKS

# Cue words that follow a quote (`“…,” kata X`); with -nya the speaker is the one in focus.
CUE_WORDS = {
    "kata", "ujar", "ungkap", "ucap", "tutur", "jelas", "papar", "tegas", "lanjut", "imbuh",
    "tambah", "terang", "sebut", "pungkas", "tukas", "seru", "tandas", "timpal", "tulis", "bunyi",
    "tanya", "pesan", "jawab", "balas", "sahut", "sambung", "lapor",
}
# Cue words that name a document or a report rather than a voice (`bunyi pernyataan X`).
DOCUMENT_CUES = {"bunyi", "tulis", "lapor"}
# After `demikian`/`bunyi`, the lower-case noun naming what was said (`demikian laporan KCNA`).
DOCUMENT_NOUNS = {"laporan", "pernyataan", "keterangan", "siaran", "rilis", "bunyi", "isi",
                  "pers", "resmi", "tertulis", "unggahan", "pesan", "surat"}
# Reporting verbs that take a bare clause as readily as an object (`X mengaku lega …`).
CLAUSE_VERBS = {"mengatakan", "menyebutkan", "mengaku", "berkata", "mengklaim"}
# Reporting verbs whose clause needs `bahwa` or a comma (`Ia melanjutkan, …`): without them
# they take an object (`melanjutkan perjalanannya`, `menyebut kesepakatan itu sebagai …`).
MARKED_CLAUSE_VERBS = {"melanjutkan", "menjawab", "membalas", "menyebut", "mencatat"}
# A bare complement is a clause, not an object, when one of these comes early in it
# (`menegaskan jadwal kunjungan itu sudah disepakati`, `menyatakan harga akan turun`).
CLAUSE_WORDS = {"merupakan", "adalah", "ialah", "akan", "telah", "sudah", "sedang", "terus",
                "bisa", "dapat", "harus", "perlu", "ingin", "siap", "masih", "belum", "tidak",
                "tak", "semakin", "makin", "menjadi", "mampu", "hendak", "pernah", "bakal",
                "mungkin", "berada", "bahwa", "bukan"}
# ... and an object when one of these comes first (`menyampaikan ucapan selamat kepada …`).
OBJECT_WORDS = {"yang", "untuk", "atas", "kepada", "terhadap", "bagi", "tentang", "mengenai",
                "soal", "karena", "sebagai", "agar", "supaya"}
# Verbs that can govern a short quoted phrase (partial quote) besides the reporting verbs.
PHRASE_VERBS = SPEECH_VERBS | {
    "menyebutnya", "menggambarkan", "menggambarkannya", "menamai", "menjuluki",
    "menyebutkannya", "menuduh", "memuji", "mengecam", "mengkritik", "menyerukan", "menganggap",
    "menganggapnya", "menyambut", "menolak", "menutup", "berjanji", "bersumpah", "menyinggung",
}
# A speech verb after these is not a statement (negation, modality, future).
NEGATORS = {"tidak", "tak", "belum", "bukan", "enggan", "akan", "ingin", "mau", "hendak",
            "menolak", "bisa", "dapat", "harus", "perlu", "jangan"}
# A reporting verb followed by these asks or denies rather than states.
QUESTION_WORDS = {"apakah", "siapa", "mengapa", "kenapa", "kapan", "bagaimana", "berapa",
                  "di", "mana", "apa"}
# Between a speech verb and a quoted phrase, these start another clause that the phrase
# belongs to (`X menyampaikan … sebelum menonton pertunjukan “Malam Budaya”`).
CLAUSE_BREAKS = {"setelah", "sebelum", "saat", "ketika", "selama", "sesudah", "usai", "seusai",
                 "sejak", "sementara", "sedangkan", "padahal", "meskipun", "walaupun"}
# `seperti dikutip KCNA`, `dikutip dari The Japan Times`, `melansir Reuters`, `kepada AFP`.
_VIA = re.compile(r"\b(?:(?:seperti|sebagaimana)\s+)?(?:dikutip|dilansir|dilaporkan|diberitakan|"
                  r"dimuat|disiarkan)(?:\s+(?:dari|oleh))?\s+|\bmelansir\s+(?:dari\s+)?|"
                  r"\bmengutip\s+(?:dari\s+)?|\bvia\s+|\bkepada\s+(?=[A-Z])")
# `Demikian kata X`, `Hal itu disampaikan oleh X`: this sentence says who said the last one.
_ATTRIBUTION = re.compile(
    r"(?:(?:Demikian|Begitu)\s+(?:(?:di)?(?:kata|ujar|ungkap|tutur|jelas|sampai)(?:kan)?)|"
    r"(?:Hal|Pernyataan|Keterangan|Informasi)\s+(?:itu|ini|tersebut)\s+(?:juga\s+)?"
    r"di(?:sampaikan|ucapkan|katakan|ungkapkan|tegaskan|nyatakan|jelaskan))"
    r"\s+(?:langsung\s+)?(?:oleh\s+)?(?=[A-Z])")
# The agent of a passive speech verb (`Ajakan itu disampaikan Menteri X`).
_PASSIVE_SPEECH = re.compile(r"\bdi(?:sampaikan|ucapkan|katakan|ungkapkan|tegaskan|nyatakan|"
                             r"jelaskan|umumkan)\s+(?:langsung\s+)?(?:oleh\s+)?"
                             r"(?:[A-Z][\w.\-]*\s+){0,6}$")
# `, Senin (3/3/2025),`: a day or date in commas between a verb and its clause.
_DATE_SEGMENT = re.compile(r"\s*(?:pada\s+)?(?:(?:hari\s+)?(?i:" + "|".join(WEEKDAYS) +
                           r")\b[^,]{0,24}|\d[^,]{0,24}),\s*")
_INVERTED = re.compile(r",\s*([^,]{2,60}?)\s+(\w+)\s*(?:,|[.!?]?$)")
# Words of a sentence that may report speech: a sentence with none of them has none.
_REPORT_WORD = re.compile(r"\b(?:" + "|".join(sorted(
    CUE_WORDS | SPEECH_VERBS | {"menurut", "demikian", "begitu", "dilaporkan"},
    key=len, reverse=True)) + r")")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# A reporting verb as a whole word (the words of ``WORD``).
_SPEECH_VERB = re.compile(r"(?i)(?<![\w’'\-])(?:" + "|".join(sorted(SPEECH_VERBS, key=len,
                                                                    reverse=True))
                          + r")(?![\w’'\-])")
# `…, kata X.` / `…, demikian KCNA.`, a date after the name (`, Senin, 3 Maret 2025`).
_CLOSING_CUE = re.compile(
    r",[”\"’]?\s*(?:(demikian|begitu)\s+)?(\w+)(?:\s+(?=\S)[^,]*(?:,\s*(?:pada\s+)?(?:(?:hari\s+)?"
    r"(?i:" + "|".join(WEEKDAYS) + r")\b|\d)[^,]*)*[.!?]?$|[.!?]?$)")
# The lead-in of a direct quote at the end of a reported clause (`, seraya menambahkan:`).
_QUOTE_LEAD_IN = re.compile(r"(?:,[^,]*(?<![\w’'\-])(?:" + "|".join(SPEECH_VERBS) +
                            r")(?![\w’'\-])[^,]*)?[\s,:]*$")


def find_quotes(body: str, sentences: list, mentions: list[dict], organizations: list[dict],
                places: list[dict] = (), states: dict | None = None) -> list[dict]:
    """Every statement the article quotes, sorted by position (record shape in COMMON.md).

    ``mentions`` are person mentions (person_id, surface, role, start, end),
    ``organizations`` organisation mentions (organization_id, kind, surface, start, end) and
    ``places`` place mentions (kind, country, start, end); ``states`` maps a country code to
    its organisation of kind ``state``, which speaks when the country or a city of it is the
    speaker (`Rusia mengatakan`). All may be empty, and then speakers are the names as written
    with null ids.
    """
    context = {"body": body, "sentences": sentences, "mentions": mentions,
               "organizations": organizations, "places": places, "states": states or {},
               "lower": body.translate(_ASCII_LOWER)}  # same offsets as the body
    # `Baca juga: …` headlines of other stories, bylines, credits: nobody says them here.
    other = [(m.start(), m.end()) for m in BOILERPLATE_LINE.finditer(body)]
    story = [s for s in sentences if not any(a <= s.start < b for a, b in other)]
    statements = []
    for span in _quoted_spans(body):
        statement = _direct_or_partial(context, span)
        if statement and not any(a <= statement["start"] < b for a, b in other):
            statements.append(statement)
    direct = [(s["start"], s["end"]) for s in statements if s["kind"] == "direct"]
    for sentence in story:
        statements.extend(_reported_speech(context, sentence, direct))
    # Quote marks around nothing ("…", a dash) are punctuation, not a statement.
    statements = [s for s in statements if re.search(r"\w", s["text"])]
    statements.sort(key=lambda s: s["start"])
    _attributed_afterwards(context, story, statements)
    _resolve_focus(context, statements)
    return [{key: value for key, value in s.items() if not key.startswith("_")}
            for s in statements]


# --- quote marks -------------------------------------------------------------------------

def _quoted_spans(body: str) -> list[list[tuple[int, int]]]:
    """Quoted stretches as lists of (open_mark, close_end) segments, one per paragraph.

    A quote left open at a paragraph's end continues only when the next paragraph reopens
    with a quote mark; otherwise it ends with its paragraph (it never swallows the article).
    Quote marks inside an open quote that clearly open (“ after a space) nest. A typewriter '
    that opens must close in its paragraph. A paragraph that only closes a quote, with a cue
    after the mark (`… tahun depan," tulis X.`), lost its opening mark: the quote starts with
    the paragraph.
    """
    spans, segments, opened, opened_single, depth = [], [], None, False, 0
    for line in re.finditer(r"[^\n]+", body):
        marks = [m.start() for m in re.finditer(f"[{QUOTE_MARKS}]", line.group())
                 if not _is_apostrophe(body, line.start() + m.start())]
        marks = [line.start() + m for m in marks]
        first = re.match(r"\s*", line.group()).end() + line.start()
        if opened is not None:
            if marks and marks[0] == first:
                segments.append((opened, _paragraph_end(body, opened)))
                opened, marks = first, marks[1:]
            else:
                spans.append(segments + [(opened, _paragraph_end(body, opened))])
                segments, opened, depth = [], None, 0
        for index, mark in enumerate(marks):
            char = body[mark]
            single = char in SINGLE_MARKS
            if opened is None:
                if _opens(body, mark):
                    opened, opened_single = mark, single
                elif index == 0 and mark > first and _lost_opening(body, mark) \
                        and not _marks_before(body, line.start()):
                    spans.append([(first, mark + 1)])
            elif single != opened_single:
                continue  # single marks inside a double quote (or the reverse) are nested
            elif char in "“«‘" and body[mark - 1].isspace() or \
                    char == "'" and body[mark - 1].isspace() and _looks_opening(body, mark):
                depth += 1
            elif depth:
                depth -= 1
            elif char == "'" and _looks_opening(body, mark):
                continue  # a typewriter mark closes only before a space or punctuation
            else:
                spans.append(segments + [(opened, mark + 1)])
                segments, opened = [], None
        if opened is not None and body[opened] == "'":
            segments, opened, depth = [], None, 0  # an apostrophe, not a quote
    if opened is not None:
        spans.append(segments + [(opened, _paragraph_end(body, opened))])
    return [s for s in spans if _inner_text(body, s)]


def _opens(body: str, index: int) -> bool:
    char = body[index]
    if char in "“«‘":
        return True
    if char == "'":
        before = body[index - 1] if index else " "
        return (before.isspace() or before in "([") and _looks_opening(body, index)
    return char in EITHER_MARKS and _looks_opening(body, index)


def _lost_opening(body: str, index: int) -> bool:
    """A closing mark after a clause's end, with a cue word after it."""
    if body[index] not in EITHER_MARKS or body[index - 1] not in ",.!?":
        return False
    match = re.match(r"[ \t]+(\w+)", body[index + 1:index + 30])
    return bool(match) and _is_cue_word(match.group(1))


def _marks_before(body: str, line_start: int) -> bool:
    """Quote marks in the two paragraphs before: a stray closing mark there belongs to a
    quote whose marks went astray, not to a quote that lost its opening."""
    before = [line for line in body[:line_start].split("\n") if line.strip()][-2:]
    return any(re.search(f"[{QUOTE_MARKS}]", line) for line in before)


def _is_cue_word(word: str) -> bool:
    lower = word.lower()
    return lower in CUE_WORDS or lower.endswith("nya") and lower[:-3] in CUE_WORDS


def _is_apostrophe(body: str, index: int) -> bool:
    before = body[index - 1] if index else " "
    after = body[index + 1] if index + 1 < len(body) else " "
    return body[index] in "’'‘" and before.isalnum() and after.isalnum()


def _looks_opening(body: str, index: int) -> bool:
    after = body[index + 1] if index + 1 < len(body) else "\n"
    return not after.isspace() and after not in ",.;:!?)"


def _paragraph_end(body: str, index: int) -> int:
    end = body.find("\n", index)
    end = len(body) if end < 0 else end
    while end > index and body[end - 1].isspace():
        end -= 1
    return end


def _inner_text(body: str, segments: list[tuple[int, int]]) -> str:
    """The quoted words without the marks; paragraphs of one quote joined by a line break."""
    parts = []
    for start, end in segments:
        start += body[start] in QUOTE_MARKS
        inner = body[start:end - 1] if body[end - 1] in QUOTE_MARKS else body[start:end]
        parts.append(inner.strip().rstrip(",").strip())
    return "\n".join(p for p in parts if p)


# --- direct and partial quotes -----------------------------------------------------------

def _direct_or_partial(context: dict, segments: list[tuple[int, int]]) -> dict | None:
    body, sentences = context["body"], context["sentences"]
    start, end = segments[0][0], segments[-1][1]
    text = _inner_text(body, segments)
    before = _clause_before(body, sentences, start)
    whole = not before.strip() or re.search(r"[,:]\s*$", before)
    cue_after = _cue_after(context, end)
    if cue_after and cue_after.get("_source"):
        # `X menyatakan bahwa … “…,” tulis KCNA`: KCNA reports what X said.
        speaker = _lead_in(context, start, before) if whole else _governing_verb(context, start)
        if _speaks(speaker):
            return _statement(context, "direct" if whole else "partial", text, start, end,
                              _taken_from(speaker, cue_after))
    if cue_after:
        # `…,” kata X` marks a whole utterance even after a heading-like lead-in.
        return _statement(context, "direct", text, start, end, cue_after)
    lead_in = _lead_in(context, start, before) if whole else None
    if lead_in:
        return _statement(context, "direct", text, start, end, lead_in)
    if whole and not before.strip():
        # No cue of its own: it may continue the speaker before it (decided later).
        return _statement(context, "direct", text, start, end, {"continues": True})
    # A phrase inside a sentence: a statement only when a cue or speech verb governs it.
    cue = _cue_in_sentence(context, start, end)
    governor = _governing_verb(context, start)
    if cue and cue.get("_source") and _speaks(governor):
        return _statement(context, "partial", text, start, end, _taken_from(governor, cue))
    if cue or governor:
        return _statement(context, "partial", text, start, end, cue or governor)
    return None


def _speaks(speaker: dict | None) -> bool:
    return bool(speaker) and bool(speaker.get("person_id") or speaker.get("organization_id")
                                  or speaker.get("focus"))


def _taken_from(speaker: dict, source: dict) -> dict:
    """The speaker, with the source that reported the words as the agency they came from."""
    return {**speaker, "via": source.get("speaker"),
            "via_organization_id": source.get("organization_id")}


def _clause_before(body: str, sentences: list, start: int) -> str:
    """Text of the sentence before ``start``; a quote opening a paragraph has none."""
    line_start = body.rfind("\n", 0, start) + 1
    sentence = sentence_at(sentences, start)
    if sentence is None or sentence.start < line_start:
        return body[line_start:start]
    if sentence.start == start:
        # The sentence splitter may have cut at our opening mark: look at the previous one.
        return ""
    return body[sentence.start:start]


def _cue_after(context: dict, end: int) -> dict | None:
    """A cue right after a closing mark: `,” kata X`, `” ujarnya`, `” bunyi pernyataan X`,
    `,” demikian KCNA`, `,” X menambahkan`, `,” kantor berita TASS mengutip Y`."""
    body = context["body"]
    # `“…,” kata X` and `“…”, kata X`
    match = re.match(r"[ \t]*,?[ \t]*(?:(demikian|begitu)\s+)?(\w+)", body[end:end + 60])
    if not match:
        return None
    word = match.group(2)
    cue_end = end + match.end(2)
    cue = _cue_word(context, word, cue_end)
    if cue:
        return cue
    if match.group(1):
        # `demikian laporan KCNA`, `demikian KCNA`
        if word.lower() in DOCUMENT_NOUNS:
            return speaker_after(context, cue_end, document=True)
        if word[0].isupper():
            return speaker_after(context, end + match.start(2))
        return None
    if not re.search(r"[,?!]\W*$", body[max(0, end - 3):end]):
        return None  # a name and its verb after a quote only after `,”` (not `“title”, X …`)
    return _subject_after(context, end + match.start(2))


def _subject_after(context: dict, position: int) -> dict | None:
    """`,” Putin menambahkan.` / `,” kantor berita TASS mengutip ucapan Novak.`: a name
    and its speech verb after a quote."""
    body = context["body"]
    phrase = name_phrase(body, position, apposition=False)
    if phrase is None:
        return None
    verb = re.match(r"\s+(?:juga\s+)?(\w+)", body[phrase[1]:phrase[1] + 40])
    words = WORD.findall(body[phrase[0]:phrase[1]])
    lead = [w.lower() for w in words if not w[0].isupper()]
    if not verb or len(lead) == len(words) or any(w not in TITLE_WORDS | MEDIA_WORDS
                                                  for w in lead):
        return None
    lower = verb.group(1).lower()
    verb_end = phrase[1] + verb.end(1)
    if lower == "mengutip":
        speaker = speaker_after(context, verb_end, document=True)
        source = resolve_phrase(context, *phrase)
        return _taken_from(speaker, source) if source.get("organization_id") else speaker
    if lower in SPEECH_VERBS:
        return {**resolve_phrase(context, *phrase), "_via_from": verb_end}
    return None


def _cue_word(context: dict, word: str, cue_end: int) -> dict | None:
    lower = word.lower()
    if lower in CUE_WORDS:
        return speaker_after(context, cue_end, document=lower in DOCUMENT_CUES)
    if lower.endswith("nya") and lower[:-3] in CUE_WORDS:
        return {"focus": True, "_via_from": cue_end}
    if lower == "menurutnya":
        return {"focus": True, "_via_from": cue_end}
    return None


def _cue_in_sentence(context: dict, start: int, end: int) -> dict | None:
    """`…“phrase” di antara para pemimpin, kata X` — a cue later in the same sentence — or
    `…, kata X, dan “phrase”` — a cue just before, the phrase continuing what X said."""
    body = context["body"]
    sentence = sentence_at(context["sentences"], start)
    if sentence is None:
        return None
    for match in re.finditer(r",[”\"]?\s*(?:(?:demikian|begitu)\s+)?(\w+)\b",
                             body[end:sentence.end]):
        cue = _cue_word(context, match.group(1), end + match.end(1))
        if cue:
            return cue
    before = body[sentence.start:start]
    continued = re.search(r",\s*(\w+)\s+[^,.;“”\"]{2,60}?,?\s+(?:dan|serta)\s*$", before)
    if continued:
        return _cue_word(context, continued.group(1), sentence.start + continued.end(1))
    return None


def _lead_in(context: dict, start: int, before: str) -> dict | None:
    """`X menyatakan, “…”`, `X mengatakan: "…"`, `Menurut X, “…”`, `Kata X, “…”`, and the
    rest of a quote after an interrupted attribution: `“…,” ujar X, “…”`."""
    clause_start = start - len(before)
    words = list(WORD.finditer(before))
    if not words:
        return None
    last = words[-1]
    if last.group().lower() in SPEECH_VERBS:
        if _negated(before[:last.start()]):
            return None
        return clause_subject(context, clause_start, clause_start + last.start()) or {}
    # `Menurut Kim, “…”` / `Kata Kim, “…”` / `“…,” ujar Kim, “…”`
    match = re.search(r"\b(?:[Mm]enurut|[Kk]ata)\s+", before)
    for cue in re.finditer(r"[”\"’]\s*(\w+)\s+", before):
        if cue.group(1).lower() in CUE_WORDS - DOCUMENT_CUES:
            match = cue
    if match and not re.search(r"[.;]", before[match.end():]):
        return speaker_after(context, clause_start + match.end(), apposition=False)
    if re.fullmatch(r"\s*[Mm]enurutnya\s*,\s*", before):
        return {"focus": True}
    return None


def _governing_verb(context: dict, start: int) -> dict | None:
    """A speech verb in the same clause before a quoted phrase, with a resolvable subject:
    a name, a pronoun, the speaker of a cue just before the verb (`…,” kata X, memuji
    …“tenang”`) or, with no subject at all (`Sambil menegaskan …`), the speaker in focus."""
    body = context["body"]
    sentence = sentence_at(context["sentences"], start)
    if sentence is None:
        return None
    clause = body[sentence.start:start]
    verbs = [w for w in WORD.finditer(clause) if w.group().lower() in PHRASE_VERBS]
    if not verbs:
        if re.search(r"\bmenurutnya\b", clause):
            return {"focus": True}
        return None
    verb = verbs[-1]
    if re.search(r"\bmenurut(?:nya|\s+(?:dia|ia|beliau)\b)", clause[verb.end():]):
        return {"focus": True}  # `…, yang menurutnya bertujuan menjaga “keseimbangan”`
    if any(w.lower() in CLAUSE_BREAKS for w in WORD.findall(clause[verb.end():])):
        return None  # `X menyampaikan sambutannya sebelum menonton pertunjukan “Malam Budaya”`
    if _negated(clause[:verb.start()]):
        return None
    # `X menyampaikan “…”, setelah sebelumnya memuji “…”`: a verb with no subject of its own
    # after a subordinator shares the subject of the clause it hangs on.
    lead = WORD.findall(clause[:verb.start()])
    while lead and lead[-1].lower() in ADVERBS:
        lead.pop()
    if len(verbs) > 1 and lead and lead[-1].lower() in CLAUSE_BREAKS:
        verb = verbs[0]
    cue = re.search(r"\b(\w+)\s+[^,.;“”\"]{2,60}?,\s*$", clause[:verb.start()])
    if cue and cue.group(1).lower() in CUE_WORDS - DOCUMENT_CUES:
        return _cue_word(context, cue.group(1), sentence.start + cue.end(1))
    subject = clause_subject(context, sentence.start, sentence.start + verb.start())
    if subject is None:
        return {"focus": True}
    if subject.get("speaker") or subject.get("focus"):
        return subject
    return None


def _negated(text_before_verb: str) -> bool:
    words = WORD.findall(text_before_verb.lower())[-2:]
    return any(w in NEGATORS for w in words)


# --- speakers ----------------------------------------------------------------------------


# --- reported speech ---------------------------------------------------------------------

def _reported_speech(context: dict, sentence, direct: list[tuple[int, int]]) -> list[dict]:
    """Reported speech in ``sentence``, up to the first direct quote in it (`X menyatakan
    bahwa …, seraya menambahkan: “…”`); a sentence that opens inside a quote has none."""
    body = context["body"]
    limit = sentence.end
    for start, end in direct:
        if start < sentence.end and end > sentence.start:
            if start <= sentence.start:
                return []
            limit = min(limit, start)
    if not _REPORT_WORD.search(context["lower"], sentence.start, limit):
        return []
    text = body[sentence.start:limit]
    if limit < sentence.end:
        # The lead-in of the quote that follows is not part of the reported clause.
        text = _QUOTE_LEAD_IN.sub("", text, count=1)
    found = _cue_closing(context, sentence, text)
    if found is not None:
        return found
    # `Seperti dilaporkan TASS, …`: the agency reports what follows.
    match = re.match(r"(?:Seperti|Sebagaimana)\s+dilaporkan\s+(?:oleh\s+)?(?=[A-Z])", text)
    if match:
        speaker = speaker_after(context, sentence.start + match.end(), apposition=False)
        comma = body.find(",", speaker.get("speaker_end", sentence.start), sentence.start +
                          len(text))
        rest = text[comma - sentence.start + 1:] if comma > 0 else ""
        if comma > 0 and not any(w.lower() in SPEECH_VERBS for w in WORD.findall(rest)):
            return [_indirect(context, sentence, comma + 1, speaker, sentence.start + len(text))]
    # `Menurut X, …` / `Menurutnya, …`
    match = re.match(r"(?:\w+\s+){0,2}?[Mm]enurut(nya|\s+(?:dia|ia|beliau)\b)?", text)
    if match:
        rest = text[match.end():]
        comma = rest.find(",")
        if match.group(1):
            speaker = {"focus": True}
        elif comma > 0 and re.match(r"\s+(?:[a-z]+\s+){0,3}[A-Z]", rest):
            speaker = speaker_after(context, sentence.start + match.end(), apposition=False)
            named = re.match(r",\s*(?:[A-Z][\w.'’\-]*\s*){1,4},", rest[comma:])
            if not _speaks(speaker) and named:
                # `Menurut pengamat politik Rusia, Andrei Lankov, …`: the name in apposition.
                speaker = speaker_after(context, sentence.start + match.end())
                comma += named.end() - 1
            if speaker.get("speaker_end", 0) > sentence.start + match.end() + comma or \
                    re.match(r"\s+[a-z]", rest) and not _speaks(speaker):
                speaker = {}  # `Menurut data bea cukai Korea Selatan, …`: not a voice
        else:
            return []
        clause_start = sentence.start + match.end() + max(comma, 0) + 1
        if speaker.get("_source"):
            # `Menurut kantor berita Interfax, Novak menyatakan bahwa …`
            rest = sentence._replace(start=clause_start, text=body[clause_start:sentence.end])
            inner = _verb_clause(context, rest, body[clause_start:sentence.start + len(text)])
            if inner:
                return [_with_source(inner[0], speaker)]
        return [_indirect(context, sentence, clause_start, speaker, sentence.start + len(text))]
    return _verb_clause(context, sentence, text)


def _cue_closing(context: dict, sentence, text: str) -> list[dict] | None:
    """`…, kata X.`, `…, lapor kantor berita TASS.`, `…, menurut KCNA.`, `…, demikian KCNA.`
    and `…, media Jepang melaporkan, …`: the attribution closes the sentence."""
    body = context["body"]
    match = _CLOSING_CUE.search(text)
    if match:
        word = match.group(2)
        lower = word.lower()
        if lower in CUE_WORDS - {"bunyi"} or lower == "menurut" or \
                match.group(1) and (word[0].isupper() or lower in DOCUMENT_NOUNS):
            position = sentence.start + match.end(2)
            if match.group(1) and word[0].isupper():
                position = sentence.start + match.start(2)
            speaker = speaker_after(context, position, document=lower in DOCUMENT_CUES or bool(
                match.group(1)) and lower in DOCUMENT_NOUNS, apposition=lower != "menurut")
            if lower == "menurut" and not speaker.get("speaker") and not speaker.get("focus"):
                return None
            if lower == "tulis" and not _speaks(speaker):
                return None
            clause_end = sentence.start + match.start()
            if speaker.get("_source"):
                # `X … mengatakan produksi harus naik, kata televisi pemerintah Y`: the
                # subject of the speech verb speaks, named or not; the source reports it.
                inner = _verb_clause(context, sentence, text[:match.start()])
                if inner:
                    return [_with_source(inner[0], speaker)]
            return [_statement(context, "indirect", body[sentence.start:clause_end],
                               sentence.start, clause_end, speaker)]
    # `…, media Jepang melaporkan, sebuah kesepakatan …`: the reporter's clause comes before.
    for comma in re.finditer(",", text):
        match = _INVERTED.match(text, comma.start())
        if not match or match.group(2).lower() not in SPEECH_VERBS:
            continue
        clause = text[:match.start()]
        words = WORD.findall(clause)
        first = WORD.match(match.group(1))
        tail = WORD.match(text[match.end():].strip())
        if len(words) < 5 or not first or _adverbial(first.group()) or _adverbial(words[0]) \
                or any(w.lower() == "menurut" for w in words[:3]) \
                or not any(VERB_FORM.fullmatch(w.lower()) or w.lower() in CLAUSE_WORDS
                           for w in words) \
                or tail and tail.group().lower() not in {"sebuah", "suatu", "yang"}:
            return None
        speaker = clause_subject(context, sentence.start + match.start(1),
                           sentence.start + match.start(2)) or {}
        return [_statement(context, "indirect", clause, sentence.start,
                           sentence.start + match.start(), speaker)]
    return None


def _adverbial(word: str) -> bool:
    """A word that opens an adverbial or a subordinate clause, not a subject."""
    lower = word.lower()
    return lower in PREPOSITIONS | CONNECTORS | FRAME_WORDS | CLAUSE_BREAKS | {
        "jika", "bila", "apabila", "kalau", "karena", "agar"}


def _verb_clause(context: dict, sentence, text: str) -> list[dict]:
    """`X mengatakan (kepada AFP) (bahwa) …`, `X melaporkan keberangkatan Y dan mengatakan …`,
    `Novak yang mengatakan bahwa …`, `Antara mengabarkan, Jepang mengatakan …`."""
    verbs = list(_SPEECH_VERB.finditer(text))
    object_verb = None
    for index, verb in enumerate(verbs):
        if _negated(text[:verb.start()]):
            return []
        clause_start = _clause_start(text, verb)
        if clause_start is None:
            object_verb = object_verb or verb  # `melaporkan keberangkatan X dan mengatakan …`
            continue
        nested = _nested_report(text, clause_start, verbs[index + 1:])
        if nested is not None:
            # `Antara mengabarkan, Jepang mengatakan …`: the outer reporter is a source.
            subject = clause_subject(context, sentence.start + clause_start,
                                     sentence.start + nested.start())
            inner = subject is not None and _report(context, sentence, text, None, nested,
                                                    subject)
            if inner:
                source = clause_subject(context, sentence.start, sentence.start + verb.start()) or {}
                return [_with_source(inner, source)]
        relative = _relative_subject(context, sentence.start, sentence.start + verb.start())
        if relative:
            return [_report(context, sentence, text, None, verb, relative)]
        joined = object_verb is not None and re.search(
            r"\b(?:dan|serta|dengan)\s+(?:juga\s+)?$", text[:verb.start()])
        head_end = (object_verb if joined else verb).start()
        subject = clause_subject(context, sentence.start, sentence.start + head_end)
        if subject is None and joined:
            # `Selain mengumumkan …, Kim mengkritik …, dengan mengatakan …`
            subject = clause_subject(context, sentence.start, sentence.start + verb.start())
        if subject is None:
            return []
        return [_report(context, sentence, text, clause_start, verb, subject)]
    return []


def _report(context: dict, sentence, text: str, clause_start: int | None, verb,
            subject: dict | None = None) -> dict | None:
    """The reported clause of ``verb`` (its subject found from the sentence start unless
    given)."""
    if clause_start is None:
        clause_start = _clause_start(text, verb)
        if clause_start is None:
            return None
    if subject is None:
        subject = clause_subject(context, sentence.start, sentence.start + verb.start())
        if subject is None:
            return None
    subject.setdefault("_via_from", sentence.start)
    return _indirect(context, sentence, sentence.start + clause_start, subject,
                     sentence.start + len(text))


def _nested_report(text: str, clause_start: int, later_verbs: list):
    """The speech verb of a report nested at the start of a reported clause (`Jepang
    mengatakan` in `Antara mengabarkan, Jepang mengatakan …`): a short capitalised subject, then
    the verb."""
    for verb in later_verbs[:1]:
        subject = text[clause_start:verb.start()]
        words = WORD.findall(subject)
        if 0 < len(words) <= 6 and words[0][0].isupper() and "," not in subject and not any(
                VERB_FORM.fullmatch(w.lower()) and w.lower() not in NOT_VERBS for w in words):
            return verb
    return None


def _with_source(statement: dict, source: dict) -> dict:
    """A statement whose speaker is named inside what a news source reports."""
    if not statement["via"] and not statement["via_organization_id"]:
        statement["via"], statement["via_organization_id"] = source.get("speaker"), \
            source.get("organization_id")
    return statement


def _relative_subject(context: dict, sentence_start: int, verb_start: int) -> dict | None:
    """`Harian X mengutip Wakil Perdana Menteri Y yang mengatakan bahwa …`: the person right
    before `yang` speaks; a news source that quotes them is the agency."""
    body = context["body"]
    relative = re.search(r"(\S)\s+yang\s+(?:juga\s+)?$", body[max(0, verb_start - 40):verb_start])
    if not relative:
        return None
    name_end = max(0, verb_start - 40) + relative.end(1)
    people = [m for m in context["mentions"] if m["end"] == name_end]
    if len(people) != 1:
        return None
    speaker = mention_speaker(people[0])
    quoting = re.search(r"\bmengutip\s+(?:pernyataan\s+)?[^,.;]*$",
                        body[sentence_start:people[0]["start"]])
    if quoting:
        source = clause_subject(context, sentence_start, sentence_start + quoting.start()) or {}
        if source.get("organization_id"):
            speaker.update(via=source["speaker"], via_organization_id=source["organization_id"])
    return speaker


def _clause_start(text: str, verb) -> int | None:
    """Where the clause reported by ``verb`` starts in ``text``; None when it takes an object
    or asks a question."""
    lower = verb.group().lower()
    after = text[verb.end():]
    that = re.match(r"\s+kepada\s+[^.;]{1,120}?,?\s+bahwa\b\s*|\s+(?:kepada|ke)\s+[^.;,]{1,60},\s*"
                    r"|((?:\s+[\w\-]+){0,8}?)\s+bahwa\b\s*|\s*[,:]\s*|\s+(?:kepada|ke)\s+"
                    r"(?:[A-Z][\w\-]*\s+)+|\s+", after)
    if not that:
        return None
    if that.group(1) and any(VERB_FORM.fullmatch(w.lower()) and w.lower() not in NOT_VERBS
                             for w in that.group(1).split()):
        that = re.match(r"\s+", after)  # `menyebut dirinya meragukan bahwa …`
    position = verb.end() + that.end()
    date = _DATE_SEGMENT.match(text, position)
    if date and that.group(0).strip() in {",", ":"}:
        position = date.end()
    rest = text[position:]
    words = WORD.findall(rest)
    marked = "bahwa" in that.group(0) or that.group(0).strip() in {",", ":"}
    if not words or words[0].lower() in QUESTION_WORDS or len(words) < 3:
        return None  # a clause of one or two words says nothing (a page cut short after `bahwa`)
    if not marked:
        if lower in MARKED_CLAUSE_VERBS:
            return None
        first = words[0]
        if not first[0].isupper() and first.lower() not in SUBJECT_PRONOUNS | {
                "pihaknya", "pemerintahnya", "mereka", "kami", "kita"} \
                and lower not in CLAUSE_VERBS and not _clause_words(words):
            return None  # `X menyatakan terima kasih`: the verb takes an object, not a clause
    return position


def _clause_words(words: list[str]) -> bool:
    """A bare complement that reads as a clause: it opens with a verb (`menegaskan menolak
    …`) or has an auxiliary or copula early on (`menyatakan harga akan turun`)."""
    if VERB_FORM.fullmatch(words[0].lower()) and words[0].lower() not in NOT_VERBS:
        return True
    for word in words[:6]:
        lower = word.lower()
        if lower in OBJECT_WORDS or lower in SPEECH_VERBS:
            return False  # `melaporkan keberangkatan X dan mengatakan …`: an object, then a verb
        if lower in CLAUSE_WORDS:
            return True
    return False


def _indirect(context: dict, sentence, clause_start: int, speaker: dict,
              limit: int | None = None) -> dict:
    body = context["body"]
    while clause_start < sentence.end and (body[clause_start].isspace() or
                                           body[clause_start] in ",:;"):
        clause_start += 1
    clause_end = sentence.end if limit is None else limit
    while clause_end > clause_start and body[clause_end - 1] in ".!?,:; ":
        clause_end -= 1
    return _statement(context, "indirect", body[clause_start:clause_end], clause_start,
                      clause_end, speaker)


def _attributed_afterwards(context: dict, sentences: list, statements: list[dict]) -> None:
    """`… .\nDemikian kata Menteri X.` and `Hal itu disampaikan X`: the sentence before is
    X's — its statements without a speaker get X, and a sentence with none (not X's own act)
    becomes X's reported speech."""
    for index, sentence in enumerate(sentences[1:], 1):
        match = _ATTRIBUTION.match(sentence.text)
        if not match:
            continue
        speaker = speaker_after(context, sentence.start + match.end())
        if not (speaker.get("person_id") or speaker.get("organization_id")):
            continue
        previous = sentences[index - 1]
        own = [s for s in statements if previous.start <= s["start"] < previous.end]
        if own:
            for statement in own:
                # `Rusia mengakui bahwa … . Hal itu disampaikan Novak`: the person who spoke
                # for the state, or the speaker the sentence did not name.
                if not statement["person_id"] and (not statement["organization_id"] or
                                                   is_state(context, statement)):
                    _copy_speaker(speaker, statement)
                    statement["_continues"] = statement["_focus"] = False
            continue
        subject = clause_subject(context, previous.start, previous.end)
        if subject and subject.get("person_id") == speaker.get("person_id") or \
                re.search(r"[“”\"«»]", previous.text):
            continue
        statement = _indirect(context, previous, previous.start, {})
        _copy_speaker(speaker, statement)
        statements.append(statement)
    statements.sort(key=lambda s: s["start"])


# --- records and focus -------------------------------------------------------------------

def _statement(context: dict, kind: str, text: str, start: int, end: int,
               speaker: dict) -> dict:
    body, sentences = context["body"], context["sentences"]
    first = sentence_at(sentences, start) or sentence_at(sentences, start + 1)
    last = sentence_at(sentences, max(start, end - 1)) or first
    if first and last:
        sentence = body[min(first.start, start):max(last.end, end)]
    else:
        sentence = body[start:end]
    record = {"text": text.strip(), "start": start, "end": end, "kind": kind,
              "speaker": None, "speaker_start": None, "speaker_end": None, "person_id": None,
              "organization_id": None, "via_organization_id": None, "via": None,
              "sentence": sentence, "_focus": False, "_continues": False}
    record.update({k: v for k, v in speaker.items() if k not in ("focus", "continues")})
    record["_focus"] = bool(speaker.get("focus"))
    record["_continues"] = bool(speaker.get("continues"))
    if not record["via"]:
        via_from = speaker.get("_via_from", end)
        record.update(_via(context, via_from, last.end if last else end))
    return record


def _via(context: dict, position: int, limit: int) -> dict:
    """The agency a statement was taken from (`seperti dikutip KCNA`), within its sentence."""
    body = context["body"]
    match = _VIA.search(body, position, max(limit, position))
    if not match or re.search(r"[.;]\s", body[position:match.start()]):
        return {}
    phrase = name_phrase(body, match.end())
    if phrase is None:
        return {}
    start, end = phrase
    orgs = [o for o in context["organizations"] if o["start"] < end and o["end"] > start]
    if orgs:
        return {"via": orgs[0]["surface"], "via_organization_id": orgs[0]["organization_id"]}
    if not body[start].isupper() or body[match.start():match.end()].startswith("kepada"):
        return {}  # `kepada X` is an agency only when X is a known organisation
    return {"via": body[start:end]}


def _resolve_focus(context: dict, statements: list[dict]) -> None:
    """Give -nya cues, pronouns and continuing quotes the speaker in focus.

    The focus is the last resolved speaker, unless a person mention in subject position
    (the sentence's first words) comes after it. A quote with no cue of its own keeps its
    place only right after a statement with a speaker, or right after a sentence whose
    subject speaks (`X mengecam … . “…”`); with no speaker in focus a statement keeps null.
    """
    previous = None
    for statement in list(statements):
        if statement["_continues"]:
            source = previous if previous is not None and previous["kind"] != "unattributed" \
                and _adjacent(context, previous["end"], statement["start"]) else None
            source = source or _speech_act_before(context, statement["start"])
            if source is None:
                statements.remove(statement)
                continue
            _copy_speaker(source, statement)
        elif statement["_focus"]:
            focus = _focus_before(context, previous, statement["start"])
            if focus:
                _copy_speaker(focus, statement)
        if statement["speaker"] or statement["person_id"] or statement["organization_id"]:
            previous = statement
        elif statement["kind"] == "direct":
            previous = {**statement, "kind": "unattributed"}


def _adjacent(context: dict, end: int, start: int) -> bool:
    """Nothing but the cue sentence's tail and whitespace between two statements."""
    between = context["body"][end:start]
    return between.count("\n") <= 2 and len(re.findall(r"[.!?](\s|$)", between)) <= 1 \
        and not any(end <= m["start"] < start for m in context["mentions"]
                    if m["start"] > end + 60)


def _speech_act_before(context: dict, position: int) -> dict | None:
    """The speaker of the sentence right before ``position`` when its subject speaks
    (`Zelensky memuji para relawan.`) or it names who spoke (`… disampaikan Lavrov …`)."""
    body, sentences = context["body"], context["sentences"]
    earlier = [s for s in sentences if s.end <= position]
    if not earlier or body[earlier[-1].end:position].count("\n") > 2:
        return None
    sentence = earlier[-1]
    for verb in WORD.finditer(sentence.text):
        if verb.group().lower() in PHRASE_VERBS:
            if _negated(sentence.text[:verb.start()]):
                return None
            subject = clause_subject(context, sentence.start, sentence.start + verb.start())
            if subject and (subject.get("person_id") or subject.get("organization_id")):
                return subject
            break
    agents = [m for m in context["mentions"] if sentence.start <= m["start"] < sentence.end
              and _passive_agent(body, sentence, m)]
    if len({m["person_id"] for m in agents}) == 1:
        return mention_speaker(agents[0])
    return None


def _passive_agent(body: str, sentence, mention: dict) -> bool:
    return bool(_PASSIVE_SPEECH.search(body, sentence.start, mention["start"]))


def _focus_before(context: dict, previous: dict | None, position: int) -> dict | None:
    """The speaker in focus at ``position``: a person mention in subject position (not a
    compound subject) or the agent of a passive speech verb, in this or the previous
    sentence and after the last statement, else that statement's speaker if it is at most two
    sentences back and no one else is named since."""
    body, sentences = context["body"], context["sentences"]
    # Only this sentence and the one before: a pronoun further away may point at anyone.
    earlier = [s for s in sentences if s.start < position]
    window = earlier[-2].start if len(earlier) >= 2 else 0
    after = max(previous["end"] if previous else 0, window)
    subjects = []
    for mention in context["mentions"]:
        if not after <= mention["start"] < position:
            continue
        sentence = sentence_at(sentences, mention["start"])
        if sentence and _passive_agent(body, sentence, mention) or \
                _in_subject_position(body, sentences, mention) \
                and not re.match(r"\s+(?:dan|serta|bersama)\b", body[mention["end"]:]):
            subjects.append(mention)
    if subjects:
        return mention_speaker(subjects[-1])
    if previous is None or previous["kind"] == "unattributed":
        return None
    between = [s for s in sentences if previous["end"] <= s.start < position]
    # Someone else named in a sentence between the last statement's and this one may be the
    # one meant.
    own = sentence_at(sentences, max(previous["start"], previous["end"] - 1))
    this = sentence_at(sentences, position)
    since, until = own.end if own else previous["end"], this.start if this else position
    others = [m for m in context["mentions"] if since <= m["start"] < until
              and m["person_id"] != previous["person_id"]]
    return previous if len(between) <= 2 and not others else None


def _in_subject_position(body: str, sentences: list, mention: dict) -> bool:
    sentence = sentence_at(sentences, mention["start"])
    if sentence is None:
        return False
    lead = body[sentence.start:mention["start"]]
    role = mention.get("role") or ""
    if role and lead.rstrip().endswith(role):
        lead = lead.rstrip()[:-len(role)]
    words = WORD.findall(lead)
    if all(w.lower() in CONNECTORS for w in words):
        return True
    # `…, Kim mengatakan` after a short adverbial, or `Pakar … dari Universitas X, Yohanes
    # Sulaiman, menilai`: the name after its title in apposition.
    return lead.rstrip().endswith(",") and titled(body, sentence.start, mention) and (
        len(words) <= 4 or all(w[0].isupper() or w.lower() in TITLE_WORDS | NAME_CONNECTORS
                               for w in words))


def _copy_speaker(source: dict, target: dict) -> None:
    for key in ("speaker", "speaker_start", "speaker_end", "person_id", "organization_id"):
        target[key] = source.get(key)
