"""Quoted statements: who said what, quoted by whom.

``find_quotes`` finds three kinds of statement in an article body:

- ``direct``: a whole utterance in quote marks, tied to a speech act — a cue after it
  (``“…,” kata X`` / ``ujarnya``), a speech verb before it (``X menyatakan, “…”``), or
  continuing the quote just before it (a second quote paragraph of the same speaker).
- ``partial``: a quoted phrase inside a sentence whose speech verb or cue names the speaker
  (``menyebut kebijakan itu “benar-benar independen.”``).
- ``indirect``: reported speech without quote marks (``X mengatakan (bahwa) …``,
  ``menurut X, …``, ``…, kata X.``); negated, modal and question forms are not statements.

A quoted phrase with no speech cue (a slogan on a banner, a nickname, scare quotes) is not a
statement and is skipped. A wrong speaker is the worst error, so anything ambiguous leaves the
speaker null and keeps the statement.
"""
import re

from loader.text import sentence_at

# ” and " open as well as close in Indonesian outlets; “ « ‘ only open, » ’ only close.
# Single marks pair only with single marks: inside a double quote they quote a quotation.
EITHER_MARKS = "”\""
SINGLE_MARKS = "‘’"
QUOTE_MARKS = "“«‘»’" + EITHER_MARKS

# Cue words that follow a quote (`“…,” kata X`); with -nya the speaker is the one in focus.
CUE_WORDS = {
    "kata", "ujar", "ungkap", "ucap", "tutur", "jelas", "papar", "tegas", "lanjut", "imbuh",
    "tambah", "terang", "sebut", "pungkas", "tukas", "seru", "tandas", "timpal", "tulis", "bunyi",
    "tanya", "pesan",
}
# Reporting verbs that introduce a quote or reported speech (`X mengatakan, “…”`).
SPEECH_VERBS = {
    "mengatakan", "menyatakan", "menegaskan", "menjelaskan", "mengungkapkan", "menyebutkan",
    "menambahkan", "menuturkan", "menyampaikan", "menekankan", "mengklaim", "memperingatkan",
    "berkata", "berujar", "berpendapat", "mengakui", "menilai", "melaporkan", "menerangkan",
    "memaparkan", "mengingatkan", "menandaskan", "mengimbau", "menulis", "mencuit", "bertanya",
}
# Verbs that can govern a short quoted phrase (partial quote) besides the reporting verbs.
PHRASE_VERBS = SPEECH_VERBS | {
    "menyebut", "menyebutnya", "menggambarkan", "menggambarkannya", "menamai", "menjuluki",
    "menyebutkannya", "menuduh", "memuji", "mengecam", "mengkritik", "menyerukan", "menganggap",
    "menganggapnya", "menyambut", "menolak", "menutup",
}
# A speech verb after these is not a statement (negation, modality, future).
NEGATORS = {"tidak", "tak", "belum", "bukan", "enggan", "akan", "ingin", "mau", "hendak",
            "menolak", "bisa", "dapat", "harus", "perlu", "jangan"}
# A reporting verb followed by these asks or denies rather than states.
QUESTION_WORDS = {"apakah", "siapa", "mengapa", "kenapa", "kapan", "bagaimana", "berapa",
                  "di", "mana", "apa"}
# Words that may stand between a subject and its verb (`Kim juga mengatakan`).
ADVERBS = {"juga", "pun", "pula", "kembali", "lalu", "kemudian", "bahkan", "sempat", "telah",
           "sudah", "pernah", "lebih", "secara", "terbuka", "tegas", "sebelumnya", "kini",
           "sendiri", "langsung", "lantas", "hanya", "lagi", "masih", "sebelum", "itu",
           "tersebut"}
# A comma segment opening with these is an adverbial, not the subject (`Dalam wawancara,`).
PREPOSITIONS = {"dalam", "di", "pada", "saat", "ketika", "sebelumnya", "menurut", "usai",
                "setelah", "sejak", "untuk", "bagi", "meski", "sementara", "selain", "seperti",
                "sebagai", "kepada", "dari", "melalui", "lewat", "kemarin", "sebelum"}
# Sentence-initial connectors that may come before a subject (`Namun Kim mengatakan`).
CONNECTORS = {"namun", "tetapi", "sementara", "adapun", "kemudian", "lalu", "selain", "itu",
              "dan", "tapi", "sedangkan", "bahkan", "meski", "begitu", "demikian"}
# Lower-case words that continue a capitalised name or title (`Kepala Humas dari Polda X`).
NAME_CONNECTORS = {"dan", "dari", "untuk", "bin", "binti", "van", "von", "der", "de", "la",
                   "al", "el", "bidang", "urusan", "dr", "drg", "ir", "&", "/"}
# Heads that make the following name a possessor, not the speaker (`juru bicara Putin`).
POSSESSIVE_HEADS = {"kantor", "juru", "bicara", "jubir", "pemerintah", "pemerintahan",
                    "kementerian", "istana", "media", "pasukan", "partai", "keluarga", "kuasa",
                    "hukum", "pengacara", "ajudan", "penasihat", "staf", "tim", "utusan",
                    "delegasi", "pihak", "rezim", "kubu", "rombongan", "putri", "putra", "istri",
                    "suami", "adik", "kakak", "anak", "ibu", "ayah", "sekretaris", "asisten",
                    "wakil", "mantan", "pendukung", "lawan", "musuh"}
PRONOUNS = {"dia", "ia", "beliau"}
WEEKDAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
# `seperti dikutip KCNA`, `dikutip dari Korea JoongAng Daily`, `melansir Reuters`, `kepada AFP`.
_VIA = re.compile(r"\b(?:(?:seperti|sebagaimana)\s+)?(?:dikutip|dilansir|dilaporkan|diberitakan)"
                  r"(?:\s+(?:dari|oleh))?\s+|\bmelansir\s+(?:dari\s+)?|\bkepada\s+(?=[A-Z])")
_VERB = re.compile(r"(?:me|ber|di)[a-z]{3,}")  # a verb's usual prefixes: not a title or a name
_WORD = re.compile(r"[^\W_][\w’'\-]*")
_TOKEN = re.compile(r"[^\W_][\w’'\-]*|[^\w\s]")


def find_quotes(body: str, sentences: list, mentions: list[dict],
                organizations: list[dict]) -> list[dict]:
    """Every statement the article quotes, sorted by position (record shape in COMMON.md).

    ``mentions`` are person mentions (person_id, surface, role, start, end) and
    ``organizations`` organisation mentions (organization_id, surface, start, end); both may
    be empty, and then speakers are the names as written with null ids.
    """
    context = {"body": body, "sentences": sentences, "mentions": mentions,
               "organizations": organizations}
    statements = []
    for span in _quoted_spans(body):
        statement = _direct_or_partial(context, span)
        if statement:
            statements.append(statement)
    quoted = [(s["start"], s["end"]) for s in statements]
    for sentence in sentences:
        if not any(start < sentence.end and end > sentence.start for start, end in quoted):
            statements.extend(_reported_speech(context, sentence))
    # Quote marks around nothing ("…", a dash) are punctuation, not a statement.
    statements = [s for s in statements if re.search(r"\w", s["text"])]
    statements.sort(key=lambda s: s["start"])
    _resolve_focus(context, statements)
    return [{key: value for key, value in s.items() if not key.startswith("_")}
            for s in statements]


# --- quote marks -------------------------------------------------------------------------

def _quoted_spans(body: str) -> list[list[tuple[int, int]]]:
    """Quoted stretches as lists of (open_mark, close_end) segments, one per paragraph.

    A quote left open at a paragraph's end continues only when the next paragraph reopens
    with a quote mark; otherwise it ends with its paragraph (it never swallows the article).
    Quote marks inside an open quote that clearly open (“ after a space) nest.
    """
    spans, segments, opened, opened_single, depth = [], [], None, False, 0
    for line in re.finditer(r"[^\n]+", body):
        marks = [m.start() for m in re.finditer(f"[{QUOTE_MARKS}]", line.group())
                 if not _is_apostrophe(body, line.start() + m.start())]
        marks = [line.start() + m for m in marks]
        if opened is not None:
            first = re.match(r"\s*", line.group()).end() + line.start()
            if marks and marks[0] == first:
                segments.append((opened, _paragraph_end(body, opened)))
                opened, marks = first, marks[1:]
            else:
                spans.append(segments + [(opened, _paragraph_end(body, opened))])
                segments, opened, depth = [], None, 0
        for mark in marks:
            char = body[mark]
            single = char in SINGLE_MARKS
            if opened is None:
                if char in "“«‘" or (char in EITHER_MARKS and _looks_opening(body, mark)):
                    opened, opened_single = mark, single
            elif single != opened_single:
                continue  # single marks inside a double quote (or the reverse) are nested
            elif char in "“«‘" and body[mark - 1].isspace():
                depth += 1
            elif depth:
                depth -= 1
            else:
                spans.append(segments + [(opened, mark + 1)])
                segments, opened = [], None
    if opened is not None:
        spans.append(segments + [(opened, _paragraph_end(body, opened))])
    return [s for s in spans if _inner_text(body, s)]


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
        inner = body[start + 1:end - 1] if body[end - 1] in QUOTE_MARKS else body[start + 1:end]
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
    if cue_after:
        # `…,” kata X` marks a whole utterance even after a heading-like lead-in.
        return _statement(context, "direct", text, start, end, cue_after)
    lead_in = _lead_in(context, start, before) if whole else None
    if lead_in:
        return _statement(context, "direct", text, start, end, lead_in)
    if whole and not before.strip():
        # No cue of its own: it may continue the previous quote's speaker (decided later).
        return _statement(context, "direct", text, start, end, {"continues": True})
    # A phrase inside a sentence: a statement only when a cue or speech verb governs it.
    governor = _cue_in_sentence(context, start, end) or _governing_verb(context, start)
    if governor:
        return _statement(context, "partial", text, start, end, governor)
    return None


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
    """A cue right after a closing mark: `,” kata X`, `” ujarnya`, `” bunyi pernyataan X`."""
    body = context["body"]
    match = re.match(r"\s*(?:(?:demikian|begitu)\s+)?(\w+)", body[end:end + 60])
    if not match or "\n" in body[end:end + match.start(1)]:
        return None
    word = match.group(1)
    cue_end = end + match.end(1)
    return _cue_word(context, word, cue_end)


def _cue_word(context: dict, word: str, cue_end: int) -> dict | None:
    lower = word.lower()
    if lower in CUE_WORDS:
        return _speaker_after(context, cue_end, bunyi=lower == "bunyi")
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
    for match in re.finditer(r",\s*(\w+)\b", body[end:sentence.end]):
        cue = _cue_word(context, match.group(1), end + match.end(1))
        if cue:
            return cue
    before = body[sentence.start:start]
    continued = re.search(r",\s*(\w+)\s+[^,.;“”\"]{2,60}?,?\s+(?:dan|serta)\s*$", before)
    if continued:
        return _cue_word(context, continued.group(1), sentence.start + continued.end(1))
    return None


def _lead_in(context: dict, start: int, before: str) -> dict | None:
    """`X menyatakan, “…”`, `X mengatakan: "…"`, `Menurut X, “…”`, `Kata X, “…”`."""
    body = context["body"]
    clause_start = start - len(before)
    words = list(_WORD.finditer(before))
    if not words:
        return None
    last = words[-1]
    if last.group().lower() in SPEECH_VERBS:
        if _negated(before[:last.start()]):
            return None
        return _subject(context, clause_start, clause_start + last.start()) or {}
    # `Menurut Kim, “…”` / `Kata Kim, “…”`
    match = re.search(r"\b(?:[Mm]enurut|[Kk]ata)\s+", before)
    if match and not re.search(r"[.;]", before[match.end():]):
        return _speaker_after(context, clause_start + match.end(), apposition=False)
    if re.fullmatch(r"\s*[Mm]enurutnya\s*,\s*", before):
        return {"focus": True}
    return None


def _governing_verb(context: dict, start: int) -> dict | None:
    """A speech verb in the same clause before a quoted phrase, with a resolvable subject."""
    body = context["body"]
    sentence = sentence_at(context["sentences"], start)
    if sentence is None:
        return None
    clause = body[sentence.start:start]
    verbs = [w for w in _WORD.finditer(clause) if w.group().lower() in PHRASE_VERBS]
    if not verbs:
        if re.search(r"\bmenurutnya\b", clause):
            return {"focus": True}
        return None
    verb = verbs[0]
    if _negated(clause[:verb.start()]):
        return None
    subject = _subject(context, sentence.start, sentence.start + verb.start())
    if subject and (subject.get("speaker") or subject.get("focus")):
        return subject
    return None


def _negated(text_before_verb: str) -> bool:
    words = _WORD.findall(text_before_verb.lower())[-2:]
    return any(w in NEGATORS for w in words)


# --- speakers ----------------------------------------------------------------------------

def _speaker_after(context: dict, position: int, bunyi: bool = False,
                   apposition: bool = True) -> dict:
    """The speaker named after a cue word: a mention, an organisation or the name as written."""
    body = context["body"]
    if bunyi:
        # `bunyi pernyataan KCNA`: skip the lower-case noun naming the document.
        match = re.match(r"\s*(?:[a-z]+\s+){0,3}(?=[A-Z])", body[position:position + 80])
        position += match.end() if match else 0
    pronoun = re.match(r"\s*(\w+)", body[position:position + 20])
    if pronoun and pronoun.group(1).lower() in PRONOUNS:
        return {"focus": True, "_via_from": position + pronoun.end()}
    phrase = _name_phrase(body, position, apposition)
    if phrase is None:
        return {"_via_from": position}
    return _resolve_phrase(context, *phrase)


def _name_phrase(body: str, position: int, apposition: bool = True) -> tuple[int, int] | None:
    """The span of a title-and-name phrase starting at ``position``.

    Up to four lower-case title words may lead (`juru bicara Satgas …`); then capitalised
    words and name connectors; a comma continues the phrase into an apposition
    (`Kepala Puskesmas X, Jakarta Utara, Edison Sahputra`) unless a weekday follows.
    """
    start = end = None
    leading = 0
    limit = body.find("\n", position)
    limit = len(body) if limit < 0 else limit
    for token in _TOKEN.finditer(body, position, limit):
        word = token.group()
        lower = word.lower()
        if word[0].isupper() or (word[0].isdigit() and start is not None):
            start = token.start() if start is None else start
            end = token.end()
        elif word in "()" and start is not None:
            end = token.end() if word == ")" else end
        elif word == "," and start is not None:
            if not apposition:
                break
            # `…, Jakarta Utara, Edison Sahputra` and `Politik, Hukum, dan Keamanan` continue.
            following = re.compile(r"\s*(?:dan\s+|serta\s+)?([^\W_][\w’'\-]*)").match(
                body, token.end())
            if not following or not following.group(1)[0].isupper() \
                    or following.group(1).lower() in WEEKDAYS:
                break
        elif start is not None and lower in NAME_CONNECTORS:
            continue
        elif word.isalpha() and start is None and leading < 4 and word.islower():
            leading += 1
            continue
        else:
            break
    if start is None:
        return None
    lead = re.match(r"\s*", body[position:]).end() + position
    return (lead if leading else start), end


def _resolve_phrase(context: dict, start: int, end: int) -> dict:
    """Speaker record for the phrase ``body[start:end]``: person mention, organisation, text.

    A person mention speaks only when what precedes it in its comma segment is its title
    (capitalised words or its role); several different people leave the speaker null unless
    exactly one stands alone in an apposition (`Penasihat … Yoon, Shin Wonsik`).
    """
    body = context["body"]
    people = [m for m in context["mentions"]
              if m["start"] < end and m["end"] > start and _titled(body, start, m)]
    result = {"speaker": body[start:end], "speaker_start": start, "speaker_end": end,
              "_via_from": end}
    if len({m["person_id"] for m in people}) > 1:
        people = [m for m in people if _stands_alone(body, start, end, m)]
        if len({m["person_id"] for m in people}) != 1:
            return {"_ambiguous": True, "_via_from": end}  # prefer no speaker to a wrong one
    if people:
        mention = people[-1]
        return {**result, "speaker": mention["surface"], "speaker_start": mention["start"],
                "speaker_end": mention["end"], "person_id": mention["person_id"]}
    if context["mentions"] and _inside_mention(context["mentions"], start, end):
        return result
    orgs = [o for o in context["organizations"] if o["start"] < end and o["end"] > start]
    if orgs and orgs[0]["start"] <= start + 1:
        org = orgs[0]
        return {**result, "speaker": org["surface"], "speaker_start": org["start"],
                "speaker_end": org["end"], "organization_id": org["organization_id"]}
    role = _role_anaphor(context, start, end)
    if role is not None:
        return {**result, **role}
    return result


def _titled(body: str, phrase_start: int, mention: dict) -> bool:
    """The words before a name in its comma segment are its title, not a possessor."""
    segment_start = max(phrase_start, body.rfind(",", phrase_start, mention["start"]) + 1)
    lead = body[segment_start:mention["start"]].strip()
    role = (mention.get("role") or "").strip()
    if role and lead.endswith(role):
        lead = lead[:-len(role)].strip()
    words = _WORD.findall(lead)
    if words and words[-1].lower() in POSSESSIVE_HEADS:
        return False
    return all(w[0].isupper() or w.lower() in NAME_CONNECTORS for w in words)


def _stands_alone(body: str, start: int, end: int, mention: dict) -> bool:
    before = body[start:mention["start"]].rstrip()
    after = body[mention["end"]:end].lstrip()
    return (not before or before.endswith(",")) and (not after or after.startswith(","))


def _inside_mention(mentions: list[dict], start: int, end: int) -> bool:
    return any(m["start"] <= start and m["end"] >= end for m in mentions)


def _role_anaphor(context: dict, start: int, end: int) -> dict | None:
    """`Menteri Pertahanan Rusia tersebut`: the person introduced earlier with that role."""
    body = context["body"]
    if not re.match(r"\s*(tersebut|itu)\b", body[end:end + 12]):
        return None
    title = _normalise(body[start:end])
    matches = {m["person_id"] for m in context["mentions"]
               if m["end"] <= start and m.get("role") and _normalise(m["role"]).endswith(title)}
    if len(matches) != 1:
        return {"person_id": None}
    return {"person_id": matches.pop()}


def _normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _subject(context: dict, clause_start: int, verb_start: int) -> dict | None:
    """Who performs the verb at ``verb_start``; None when the clause has no subject.

    The clause is cut at commas: leading adverbial segments (`Dalam pernyataannya,`) are
    skipped, the first remaining segment is the subject and later ones are appositions
    (`Hong Min, analis senior di …, mengatakan`). A pronoun means the speaker in focus. An
    empty dict means a subject that is not a name (`Para analis mengatakan`).
    """
    body = context["body"]
    head = body[clause_start:verb_start]
    segments = []
    for seg_start, seg_end in _segments(head):
        words = [w for w in _WORD.finditer(head, seg_start, seg_end)]
        while words and words[0].group().lower() in CONNECTORS:
            words.pop(0)
        while words and words[-1].group().lower() in ADVERBS:
            words.pop()
        if words:
            segments.append((clause_start + words[0].start(), clause_start + words[-1].end(),
                             words))
    while segments and segments[0][2][0].group().lower() in PREPOSITIONS:
        segments.pop(0)
    if not segments:
        return None
    start, end, words = segments[0]
    if len(words) == 1 and words[0].group().lower() in PRONOUNS:
        return {"focus": True}
    if not words[0].group()[0].isupper():
        return {}
    if len(segments) > 1 and not any(_VERB.fullmatch(w.group()) for w in words):
        # `Penasihat keamanan nasional Yoon, Shin Wonsik, mengatakan`: a title with lower-case
        # words, then the name in apposition.
        with_appositions = _resolve_phrase(context, start, segments[-1][1])
        if with_appositions.get("person_id") or with_appositions.get("_ambiguous"):
            return with_appositions
    phrase = _name_phrase(body, start, apposition=False)
    if phrase[1] < end:
        # `Kim Jong Un mengungkapkan …, menyatakan`: a name, then its own verb clause.
        if not re.match(r"\s+(?:(?:juga|pun|lalu|kemudian)\s+)?(?:me|ber)\w+", body[phrase[1]:end]):
            return {}
        end = phrase[1]
    elif len(segments) > 1:
        with_appositions = _resolve_phrase(context, start, segments[-1][1])
        if with_appositions.get("person_id") or with_appositions.get("organization_id") \
                or with_appositions.get("_ambiguous"):
            return with_appositions
    return _resolve_phrase(context, start, end)


def _segments(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for comma in re.finditer(r",", text):
        bounds.append((start, comma.start()))
        start = comma.end()
    bounds.append((start, len(text)))
    return [b for b in bounds if text[b[0]:b[1]].strip()]


# --- reported speech ---------------------------------------------------------------------

def _reported_speech(context: dict, sentence) -> list[dict]:
    body = context["body"]
    text = sentence.text
    found = []
    # `…, kata X.` closing a sentence without quote marks.
    match = re.search(r",\s*(?:(?:demikian|begitu)\s+)?(\w+)\s+(?=\S)[^,]*[.!?]?$", text)
    if match and match.group(1).lower() in CUE_WORDS - {"bunyi", "tulis"}:
        speaker = _speaker_after(context, sentence.start + match.end(1))
        clause_end = sentence.start + match.start()
        found.append(_statement(context, "indirect", body[sentence.start:clause_end],
                                sentence.start, clause_end, speaker))
        return found
    # `Menurut X, …` / `Menurutnya, …`
    match = re.match(r"(?:\w+\s+){0,2}?[Mm]enurut(nya|\s+(?:dia|ia|beliau)\b)?", text)
    if match:
        rest = text[match.end():]
        comma = rest.find(",")
        if match.group(1):
            speaker = {"focus": True}
        elif comma > 0 and re.match(r"\s+[A-Z]", rest):
            speaker = _speaker_after(context, sentence.start + match.end(), apposition=False)
            if speaker.get("speaker_end", 0) > sentence.start + match.end() + comma:
                speaker = {}
        else:
            return found
        clause_start = sentence.start + match.end() + max(comma, 0) + 1
        return found + [_indirect(context, sentence, clause_start, speaker)]
    # `X mengatakan (kepada AFP) (bahwa) …`
    for verb in _WORD.finditer(text):
        if verb.group().lower() not in SPEECH_VERBS:
            continue
        if _negated(text[:verb.start()]):
            return found
        after = text[verb.end():]
        that = re.match(r"((?:\s+[\w\-]+){0,8}?)\s+bahwa\b|\s*[,:]\s*|\s+", after)
        if not that:
            return found
        rest = after[that.end():]
        first = _WORD.match(rest.lstrip())
        if not first or first.group().lower() in QUESTION_WORDS or len(_WORD.findall(rest)) < 3:
            return found
        if not that.group(0).strip() and not first.group()[0].isupper() \
                and first.group().lower() not in {"pihaknya", "pemerintahnya", "ia", "dia"}:
            # `X menyatakan terima kasih`: the verb takes an object, not a clause.
            if verb.group().lower() not in {"mengatakan", "menyebutkan"}:
                return found
        subject = _subject(context, sentence.start, sentence.start + verb.start())
        if subject is None:
            return found
        subject["_via_from"] = sentence.start + verb.end()
        clause_start = sentence.start + verb.end() + that.end()
        return found + [_indirect(context, sentence, clause_start, subject)]
    return found


def _indirect(context: dict, sentence, clause_start: int, speaker: dict) -> dict:
    body = context["body"]
    while clause_start < sentence.end and body[clause_start].isspace():
        clause_start += 1
    clause_end = sentence.end
    while clause_end > clause_start and body[clause_end - 1] in ".!? ":
        clause_end -= 1
    return _statement(context, "indirect", body[clause_start:clause_end], clause_start,
                      clause_end, speaker)


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
    via_from = speaker.get("_via_from", end)
    record.update(_via(context, via_from, last.end if last else end))
    return record


def _via(context: dict, position: int, limit: int) -> dict:
    """The agency a statement was taken from (`seperti dikutip KCNA`), within its sentence."""
    body = context["body"]
    match = _VIA.search(body, position, max(limit, position))
    if not match or re.search(r"[.;]\s", body[position:match.start()]):
        return {}
    phrase = _name_phrase(body, match.end())
    if phrase is None or not body[phrase[0]].isupper():
        return {}
    start, end = phrase
    orgs = [o for o in context["organizations"] if o["start"] < end and o["end"] > start]
    if orgs:
        return {"via": orgs[0]["surface"], "via_organization_id": orgs[0]["organization_id"]}
    if body[match.start():match.end()].startswith("kepada"):
        return {}  # `kepada X` is an agency only when X is a known organisation
    return {"via": body[start:end]}


def _resolve_focus(context: dict, statements: list[dict]) -> None:
    """Give -nya cues, pronouns and continuing quotes the speaker in focus.

    The focus is the last resolved speaker, unless a person mention in subject position
    (the sentence's first words) comes after it. Continuing quotes keep their place only
    right after another direct quote; with no speaker in focus a statement keeps null.
    """
    body = context["body"]
    previous = None
    for statement in list(statements):
        if statement["_continues"]:
            if previous is None or previous["kind"] != "direct" or \
                    not _adjacent(context, previous["end"], statement["start"]):
                statements.remove(statement)
                continue
            _copy_speaker(previous, statement)
        elif statement["_focus"]:
            focus = _focus_before(context, previous, statement["start"])
            if focus:
                _copy_speaker(focus, statement)
        if statement["speaker"] or statement["person_id"] or statement["organization_id"]:
            previous = statement
        elif statement["kind"] == "direct":
            previous = {**statement, "kind": "unattributed"}


def _adjacent(context: dict, end: int, start: int) -> bool:
    """Nothing but the cue sentence's tail and whitespace between two quotes."""
    between = context["body"][end:start]
    return between.count("\n") <= 2 and len(re.findall(r"[.!?](\s|$)", between)) <= 1 \
        and not any(end <= m["start"] < start for m in context["mentions"]
                    if m["start"] > end + 60)


def _focus_before(context: dict, previous: dict | None, position: int) -> dict | None:
    """The speaker in focus at ``position``: a person mention in subject position (not a
    compound subject) in this or the previous sentence and after the last statement, else
    that statement's speaker if it is at most two sentences back."""
    body, sentences = context["body"], context["sentences"]
    # Only this sentence and the one before: a pronoun further away may point at anyone.
    earlier = [s for s in sentences if s.start < position]
    window = earlier[-2].start if len(earlier) >= 2 else 0
    after = max(previous["end"] if previous else 0, window)
    subjects = [m for m in context["mentions"] if after <= m["start"] < position
                and _in_subject_position(body, sentences, m)
                and not re.match(r"\s+(?:dan|serta|bersama)\b", body[m["end"]:])]
    if subjects:
        mention = subjects[-1]
        return {"speaker": mention["surface"], "speaker_start": mention["start"],
                "speaker_end": mention["end"], "person_id": mention["person_id"],
                "organization_id": None}
    between = [s for s in sentences if previous and previous["end"] <= s.start < position]
    if previous and previous["kind"] != "unattributed" and len(between) <= 2:
        return previous
    return None


def _in_subject_position(body: str, sentences: list, mention: dict) -> bool:
    sentence = sentence_at(sentences, mention["start"])
    if sentence is None:
        return False
    lead = body[sentence.start:mention["start"]]
    role = mention.get("role") or ""
    if role and lead.rstrip().endswith(role):
        lead = lead.rstrip()[:-len(role)]
    words = [w.lower() for w in _WORD.findall(lead)]
    return all(w in CONNECTORS for w in words) or lead.rstrip().endswith(",") and \
        len(words) <= 4 and _titled(body, sentence.start, mention)


def _copy_speaker(source: dict, target: dict) -> None:
    for key in ("speaker", "speaker_start", "speaker_end", "person_id", "organization_id"):
        target[key] = source.get(key)
