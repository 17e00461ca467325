"""Who a phrase or a clause names as the speaker: a person mention, an organisation, a state.

The quote extractor asks two questions of the text around a statement, and this module answers
them from the mentions the other extractors found:

- ``speaker_after``: the name after a cue word (`kata X`, `menurut X`, `bunyi pernyataan X`);
- ``clause_subject``: the subject of a speech verb, past datelines, adverbials, sourcing frames
  (`Dilansir dari Antara,`), participle clauses (`Berbincang dengan Lavrov,`) and appositions.

``resolve_phrase`` turns a phrase into a speaker: the person it names with their title (not a
possessor: `juru bicara Putin` is not Putin), an organisation it opens with or names as a news
source, the one person earlier introduced with a title it repeats (`juru bicara itu`), the one
organisation named earlier that it repeats (`kedutaan tersebut`), or the state of a country or
capital (`Rusia mengatakan`). Anything ambiguous gives a speaker as written with null ids.
"""
import re

from loader.extract.dates import WEEKDAYS
from loader.extract.people import HEAD_WORDS, OFFICE_WORDS, SENTENCE_WORDS
from loader.text import sentence_at

# Reporting verbs that introduce a quote or reported speech (`X mengatakan, “…”`).
SPEECH_VERBS = {
    "mengatakan", "menyatakan", "menegaskan", "menjelaskan", "mengungkapkan", "menyebutkan",
    "menambahkan", "menuturkan", "menyampaikan", "menekankan", "mengklaim", "memperingatkan",
    "berkata", "berujar", "berpendapat", "mengakui", "menilai", "melaporkan", "menerangkan",
    "memaparkan", "mengingatkan", "menandaskan", "mengimbau", "menulis", "mencuit", "bertanya",
    "mengaku", "mengumumkan", "mencatat", "mengabarkan", "memberitakan", "menjawab", "membalas",
    "melanjutkan", "mengemukakan", "mengutarakan", "menyebut",
}

# Words with a verb's prefix that are not verbs (`kantor berita`, `para menteri`, `berbagai`).
NOT_VERBS = {"berita", "media", "menteri", "mereka", "merdeka", "medan", "berbagai", "beberapa",
             "bersama", "berikut", "berat", "besar", "bersejarah", "berani", "mendalam",
             "menarik", "merah", "menengah", "mendatang", "memadai", "menyeluruh", "mendasar",
             "bertahap", "berbeda", "berharga", "bermanfaat", "berarti", "mewah", "meriah"}

# Words that may stand between a subject and its verb (`Kim juga mengatakan`).
ADVERBS = {"juga", "pun", "pula", "kembali", "lalu", "kemudian", "bahkan", "sempat", "telah",
           "sudah", "pernah", "lebih", "secara", "terbuka", "tegas", "sebelumnya", "kini",
           "sendiri", "langsung", "lantas", "hanya", "lagi", "masih", "sebelum", "itu",
           "tersebut", "tampak", "terlihat", "turut", "pertama", "kali", "kalinya", "untuk"}

# A comma segment opening with these is an adverbial, not the subject (`Dalam wawancara,`).
PREPOSITIONS = {"dalam", "di", "pada", "saat", "ketika", "sebelumnya", "menurut", "usai",
                "setelah", "sejak", "untuk", "bagi", "meski", "sementara", "selain", "seperti",
                "sebagai", "kepada", "dari", "melalui", "lewat", "kemarin", "sebelum", "sambil",
                "seraya", "seusai", "sesudah", "selama", "jelang", "menjelang", "atas", "terkait",
                "mengenai", "soal", "tentang", "sebagaimana", "menanggapi", "merujuk", "via",
                "khusus", "perihal"}

# Between a subject's name and its verb, these open an adverbial (`Arief Wibowo kepada Antara
# mengatakan`, `Budi Santoso saat ditemui mengatakan`); `di`, `dari` belong to a title.
SUBJECT_ADVERBIALS = {"kepada", "dalam", "saat", "ketika", "usai", "seusai", "setelah",
                      "sebelum", "via", "melalui", "lewat", "kemarin"}

# `pada` opens an adverbial only before a day or date (`Santoso pada Senin (3/3) mengatakan`);
# otherwise it belongs to a title (`Peneliti pada Lembaga X`).
_ON_A_DAY = re.compile(r"\s*pada\s+(?:hari\s+|tanggal\s+)?(?:\d|(?i:" + "|".join(WEEKDAYS)
                       + r")\b)")

# Sentence adverbs that may stand alone before a comma (`Apalagi, …`, `Sebab, …`).
SENTENCE_ADVERBS = SENTENCE_WORDS | {"apalagi", "sebab", "maka", "jadi", "akhirnya", "tentu",
                                     "memang", "padahal", "intinya", "artinya", "misalnya",
                                     "selanjutnya", "sayangnya", "sebaliknya", "akibatnya",
                                     "nah", "ya", "terakhir", "kini", "selama", "hingga"}

# A segment opening with these names where a report was taken from (`Dilansir dari Antara,`).
FRAME_WORDS = {"dilansir", "dikutip", "melansir", "mengutip", "berdasarkan", "dilaporkan",
               "diberitakan"}

# Sentence-initial connectors that may come before a subject (`Namun Kim mengatakan`).
CONNECTORS = {"namun", "tetapi", "sementara", "adapun", "kemudian", "lalu", "itu", "dan", "tapi",
              "sedangkan", "bahkan", "begitu", "begitupun", "demikian"}

# Lower-case words that continue a capitalised name or title (`Kepala Humas dari Polda X`).
NAME_CONNECTORS = {"dan", "dari", "untuk", "bin", "binti", "van", "von", "der", "de", "la",
                   "al", "el", "bidang", "urusan", "dr", "drg", "ir", "&", "/"}

# Lower-case words that end a speaker's leading words: what follows is no title
# (`tanya wartawan kepada Putin`: the journalist asks, Putin is asked).
CLAUSE_OPENERS = {"kepada", "dengan", "yang", "bahwa", "saat", "ketika", "usai", "setelah"}

# Lower-case words of a title before a name (`juru bicara Kremlin Dmitry Peskov`).
TITLE_WORDS = HEAD_WORDS | OFFICE_WORDS | {"senior", "ajudan", "jurubicara", "tertinggi"}

# Heads that make the following name a possessor, not the speaker (`juru bicara Putin`).
POSSESSIVE_HEADS = {"kantor", "juru", "bicara", "jubir", "pemerintah", "pemerintahan",
                    "kementerian", "istana", "media", "pasukan", "partai", "keluarga", "kuasa",
                    "hukum", "pengacara", "ajudan", "penasihat", "staf", "tim", "utusan",
                    "delegasi", "pihak", "rezim", "kubu", "rombongan", "putri", "putra", "istri",
                    "suami", "adik", "kakak", "anak", "ibu", "ayah", "sekretaris", "asisten",
                    "wakil", "mantan", "pendukung", "lawan", "musuh"}

# Lower-case words that say an organisation named after them is a news source
# (`media pemerintah KCNA`, `kantor berita resmi Vietnam VNA`, `laporan Xinhua`).
MEDIA_WORDS = {"media", "pemerintah", "negara", "resmi", "milik", "kantor", "berita",
               "laporan", "harian", "surat", "kabar", "situs", "stasiun", "televisi", "tv",
               "corong", "propaganda", "agensi", "pers", "siaran", "pernyataan", "keterangan",
               "akun", "saluran", "dari", "oleh", "the"}

# ... and the words that open such a phrase.
_MEDIA_LEAD = re.compile(r"(?i:media|kantor\s+berita|laporan|harian|surat\s+kabar|situs|"
                         r"stasiun\s+televisi|televisi|tv|corong|agensi|siaran|akun|saluran)\b")

NEWS_KINDS = {"news_agency", "news_outlet"}
PRONOUNS = {"dia", "ia", "beliau"}
SUBJECT_PRONOUNS = PRONOUNS | {"dirinya"}

# `SEOUL - `, `Jakarta (ANTARA) - `, `Pyongyang: `, `JAKARTA, KOMPAS-`: a dateline the
# reader left at a paragraph's start.
_DATELINE = re.compile(r"[A-Z][\w.'’]*(?:,?\s+[A-Z][\w.'’]*){0,3}\s*(?:\([A-Z][\w.]*\)\s*)?"
                       r"(?:[-–—]+|:)\s+(?=[A-Z])|(?:[A-Z][\w.]*,\s*)?[A-Z]{2,}[-–—]+(?=[A-Z])")

# A clause inside the sentence with a subject of its own right before the verb.
_SUBORDINATE_SUBJECT = re.compile(
    r"(?:\b(?:di\s+mana|dimana|sementara|sedangkan|tetapi|namun|padahal|sehingga|karena|ketika|"
    r"saat|setelah|sebelum|bahwa)|,\s*(?:dan|serta))\s+((?:[\w.'’\-]+\s+){1,6}?)"
    r"(?:(?:juga|pun|kemudian|lalu|telah|sudah|sempat)\s+)*$")

# A verb's usual prefixes: a word like this is no title and no name.
VERB_FORM = re.compile(r"(?:me|ber|di)[a-z]{3,}")

WORD = re.compile(r"[^\W_][\w’'\-]*")
_TOKEN = re.compile(r"[^\W_][\w’'\-]*|[^\w\s]")


def speaker_after(context: dict, position: int, document: bool = False,
                  apposition: bool = True) -> dict:
    """The speaker named after a cue word: a mention, an organisation or the name as written."""
    body = context["body"]
    if document:
        # `bunyi pernyataan KCNA`, `demikian laporan KCNA`: skip the noun naming the document;
        # `demikian keterangan yang tertulis di …` names no one.
        match = re.match(r"\s*(?:[a-z]+\s+){0,3}(?=[A-Z])", body[position:position + 80])
        if not match and re.match(r"\s*(?:[a-z]+\s+){0,2}yang\b", body[position:]):
            return {"_via_from": position}
        match = match or re.match(r"\s*(?:pernyataan|keterangan|laporan|rilis|siaran)\s+(?=[a-z])",
                                  body[position:position + 40])
        position += match.end() if match else 0
    pronoun = re.match(r"\s*(\w+)", body[position:position + 20])
    if pronoun and pronoun.group(1).lower() in PRONOUNS:
        return {"focus": True, "_via_from": position + pronoun.end()}
    phrase = name_phrase(body, position, apposition)
    if phrase is None:
        # `kata juru bicara itu`, `kata kedutaan tersebut`
        anaphor = re.match(r"\s*((?:[a-z]+\s+){1,4}?)(?:itu|tersebut)\b", body[position:])
        if anaphor:
            start, end = position + anaphor.start(1), position + anaphor.end(1) - 1
            found = _organization_anaphor(context, start, end) or _role_anaphor(context, start,
                                                                               end)
            if found:
                return {"speaker": body[start:position + anaphor.end()], "speaker_start": start,
                        "speaker_end": position + anaphor.end(), **found,
                        "_via_from": position + anaphor.end()}
        return {"_via_from": position}
    return resolve_phrase(context, *phrase)


def name_phrase(body: str, position: int, apposition: bool = True) -> tuple[int, int] | None:
    """The span of a title-and-name phrase starting at ``position``.

    Up to four lower-case title words may lead (`juru bicara Satgas …`); then capitalised
    words, name connectors and lower-case title words followed by a capitalised word
    (`Juru bicara Kremlin`); a comma continues the phrase into an apposition
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
        elif start is not None and (lower in NAME_CONNECTORS or lower in TITLE_WORDS
                                    and lower != "dalam"):
            continue
        elif word.isalpha() and start is None and leading < 4 and word.islower() \
                and lower not in CLAUSE_OPENERS:
            leading += 1
            continue
        else:
            break
    if start is None:
        return None
    lead = re.match(r"\s*", body[position:]).end() + position
    return (lead if leading else start), end


def resolve_phrase(context: dict, start: int, end: int) -> dict:
    """Speaker record for the phrase ``body[start:end]``: person mention, organisation, text.

    A person mention speaks only when what precedes it in its comma segment is its title
    (capitalised words or title words, not a possessive head); several different people
    leave the speaker null unless exactly one stands alone in an apposition (`Penasihat …
    Yoon, Shin Wonsik`). An organisation speaks when the phrase opens with it, when it stands
    alone in an apposition (`Kantor berita resmi Tiongkok, Xinhua`) or when it is a news source
    after words that say so (`media pemerintah KCNA`); a title alone is the one person
    introduced earlier with that title (`Presiden Rusia`, `juru bicara itu`).
    """
    body = context["body"]
    people = [m for m in context["mentions"]
              if m["start"] < end and m["end"] > start and titled(body, start, m)]
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
    org = _speaking_organization(context, start, end)
    if org:
        return {**result, "speaker": org["surface"], "speaker_start": org["start"],
                "speaker_end": org["end"], "organization_id": org["organization_id"],
                "_source": org.get("kind") in NEWS_KINDS}
    named = _organization_anaphor(context, start, end)
    if named and re.match(r"\s*(?:tersebut|itu)\b", body[end:end + 12]):
        return {**result, **named}  # `Kedutaan tersebut mengatakan`
    role = _role_anaphor(context, start, end)
    if role is not None:
        return {**result, **role}
    state = _speaking_state(context, start, end)
    if state:
        return {**result, "organization_id": state["id"]}
    if _media_lead(body[start:end]):
        result["_source"] = True
    return result


def _speaking_organization(context: dict, start: int, end: int) -> dict | None:
    body = context["body"]
    orgs = [o for o in context["organizations"] if o["start"] < end and o["end"] > start]
    if not orgs:
        return None
    if orgs[0]["start"] <= start + 1:
        return orgs[0]
    for org in orgs:
        lead = body[start:org["start"]]
        if _stands_alone(body, start, end, org) or \
                org.get("kind") in NEWS_KINDS and _media_lead(lead):
            return org
    return None


def is_state(context: dict, statement: dict) -> bool:
    return any(state["id"] == statement["organization_id"]
               for state in context["states"].values())


def _speaking_state(context: dict, start: int, end: int) -> dict | None:
    """`Rusia`, `Pyongyang` as a speaker: the state of that country (its capital speaks for
    it; no one quotes another city)."""
    places = [p for p in context["places"] if p["start"] == start and p["end"] == end
              and p.get("kind") in ("country", "city")]
    return context["states"].get(places[0]["country"]) if len(places) == 1 else None


def speaking_states(body: str, sentences: list, quotes: list[dict], organizations: list[dict],
                    states: dict) -> list[dict]:
    """Organisation mentions for the states that speak in ``quotes`` through the name of
    their country or capital (`Rusia mengatakan`), where no organisation mention is yet."""
    by_id = {state["id"]: state for state in states.values()}
    named = {(o["start"], o["end"]) for o in organizations}
    found = {}
    for quote in quotes:
        state = by_id.get(quote["organization_id"])
        span = (quote["speaker_start"], quote["speaker_end"])
        if state is None or span[0] is None or span in named:
            continue
        sentence = sentence_at(sentences, span[0])
        found[span] = {"organization_id": state["id"], "name": state["name"],
                       "kind": state["kind"], "country": state["country"],
                       "wikidata": state["wikidata"], "surface": body[span[0]:span[1]],
                       "start": span[0], "end": span[1],
                       "sentence": sentence.text if sentence else body[span[0]:span[1]]}
    return [found[span] for span in sorted(found)]


def _media_lead(text: str) -> bool:
    """`media pemerintah`, `kantor berita resmi Vietnam`: words that name a news source."""
    return bool(_MEDIA_LEAD.match(text.strip())) and all(
        w.lower() in MEDIA_WORDS or w[0].isupper() for w in WORD.findall(text))


def titled(body: str, phrase_start: int, mention: dict) -> bool:
    """The words before a name in its comma segment are its title, not a possessor."""
    segment_start = max(phrase_start, body.rfind(",", phrase_start, mention["start"]) + 1)
    lead = body[segment_start:mention["start"]].strip()
    role = (mention.get("role") or "").strip()
    if role and lead.endswith(role):
        lead = lead[:-len(role)].strip()
    words = WORD.findall(lead)
    if words and words[-1].lower() in POSSESSIVE_HEADS:
        return False
    return all(w[0].isupper() or w.lower() in NAME_CONNECTORS or w.lower() in TITLE_WORDS
               for w in words)


def _stands_alone(body: str, start: int, end: int, mention: dict) -> bool:
    before = body[start:mention["start"]].rstrip()
    after = body[mention["end"]:end].lstrip()
    return (not before or before.endswith(",")) and (not after or after.startswith(","))


def _inside_mention(mentions: list[dict], start: int, end: int) -> bool:
    return any(m["start"] <= start and m["end"] >= end for m in mentions)


def _role_anaphor(context: dict, start: int, end: int) -> dict | None:
    """`Menteri Pertahanan Rusia tersebut`, `juru bicara itu`, `Presiden Rusia`: the one
    person introduced earlier with a title that has these words, in order, from its head."""
    body = context["body"]
    words = _normalise(body[start:end]).split()
    demonstrative = re.match(r"\s*(tersebut|itu)\b", body[end:end + 12])
    if not words or words[0] not in HEAD_WORDS:
        return {"person_id": None} if demonstrative else None
    matches = {m["person_id"] for m in context["mentions"]
               if m["end"] <= start and m.get("role")
               and _has_in_order(_normalise(m["role"]).split(), words)}
    if len(matches) != 1:
        return {"person_id": None} if demonstrative else None
    return {"person_id": matches.pop()}


def _has_in_order(role: list[str], words: list[str]) -> bool:
    if not role or role[0] != words[0]:
        return False
    remaining = iter(role)
    return all(word in remaining for word in words)


def _organization_anaphor(context: dict, start: int, end: int) -> dict | None:
    """`kedutaan tersebut`: the one organisation named earlier whose name opens with that."""
    head = _normalise(context["body"][start:end]).split()
    if len(head) != 1:
        return None
    matches = {o["organization_id"] for o in context["organizations"]
               if o["end"] <= start and _normalise(o["surface"]).split()[:1] == head}
    return {"organization_id": matches.pop()} if len(matches) == 1 else None


def _normalise(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def clause_subject(context: dict, clause_start: int, verb_start: int) -> dict | None:
    """Who performs the verb at ``verb_start``; None when the clause has no subject.

    The clause is cut at commas: leading adverbial segments (`Dalam pernyataannya,`),
    sourcing frames (`Dilansir dari Antara,`, `BBC Indonesia mengabarkan,`) and participle
    clauses (`Berbincang dengan Lavrov,`) are skipped, the first remaining segment is the subject
    and later ones are appositions (`Hong Min, analis senior di …, mengatakan`). A pronoun
    means the speaker in focus. An empty dict means a subject that is not a name (`Para
    analis mengatakan`).
    """
    body = context["body"]
    if clause_start == 0 or body[clause_start - 1] == "\n":
        dateline = _DATELINE.match(body, clause_start, verb_start)
        clause_start = dateline.end() if dateline else clause_start
    head = body[clause_start:verb_start]
    subordinate = _SUBORDINATE_SUBJECT.search(head, max(0, len(head) - 120))
    if subordinate:
        # `…, di mana TASS melaporkan`, `Lavrov memuji Retno, sementara Retno mengatakan`: the
        # verb has its own subject, after the word that opens its clause.
        words = WORD.findall(subordinate.group(1))
        while words and words[-1].lower() in ADVERBS:
            words.pop()
        if len(words) == 1 and words[0].lower() in SUBJECT_PRONOUNS:
            return {"focus": True}
        if words and words[0][0].isupper():
            start = clause_start + subordinate.start(1)
            end = body.find(words[-1], start) + len(words[-1])
            return resolve_phrase(context, start, end)
    segments = []
    for seg_start, seg_end in _segments(head):
        words = [w for w in WORD.finditer(head, seg_start, seg_end)]
        while words and words[0].group().lower() in CONNECTORS:
            words.pop(0)
        while words and words[-1].group().lower() in ADVERBS:
            words.pop()
        if len(words) > 1 and words[-1].group().isdigit():
            words.pop()  # `Hasan (37), karyawan swasta`: an age, not part of the name
        if words and len(words) <= 5 and (words[0].group().lower() in WEEKDAYS or
                                          words[0].group()[0].isdigit()):
            continue  # `…, Kamis (15/10/2020), mengatakan`: a date between commas
        if words:
            segments.append((clause_start + words[0].start(), clause_start + words[-1].end(),
                             words))
    while segments and _not_subject(context, segments[0], last=len(segments) == 1):
        segments.pop(0)
    if not segments:
        return None
    start, end, words = segments[0]
    if len(words) == 1 and words[0].group().lower() in SUBJECT_PRONOUNS:
        return {"focus": True}
    if _media_lead(body[start:end]):
        if len(segments) > 1:
            # `Kantor berita resmi Vietnam, VNA, melaporkan`: the agency in apposition.
            with_appositions = resolve_phrase(context, start, segments[-1][1])
            if with_appositions.get("organization_id"):
                return with_appositions
        return resolve_phrase(context, start, end)  # `Kantor berita Antara melaporkan`
    if not words[0].group()[0].isupper():
        lower_title = _titled_before_verb(context, start, verb_start)
        if lower_title:
            return lower_title
        # `kedutaan tersebut menegaskan`, `juru bicara itu menjelaskan`
        if not re.match(r"\s+(?:itu|tersebut)\b", body[end:end + 12]):
            return {}
        found = _organization_anaphor(context, start, end) or _role_anaphor(context, start, end)
        return {"speaker": body[start:end], "speaker_start": start, "speaker_end": end,
                **found} if found else {}
    if len(segments) > 1 and not any(VERB_FORM.fullmatch(w.group()) for w in words):
        # `Penasihat keamanan nasional Yoon, Shin Wonsik, mengatakan`: a title with lower-case
        # words, then the name in apposition; `Menteri luar negeri X Y, dalam jumpa pers, mengatakan`.
        with_appositions = resolve_phrase(context, start, segments[-1][1])
        if with_appositions.get("person_id") or with_appositions.get("organization_id") \
                or with_appositions.get("_ambiguous"):
            return with_appositions
    phrase = name_phrase(body, start, apposition=False)
    if phrase[1] < end:
        # `Kim Jong Un mengungkapkan …, menyatakan`: a name, then its own verb clause;
        # `Arief Wibowo kepada Antara mengatakan`: a name, then an adverbial.
        rest = body[phrase[1]:end]
        own_verb = re.match(r"\s+((?:\w+\s+){0,2}?)((?:me|ber)\w+)", rest)
        own_verb = own_verb and own_verb.group(2) not in NOT_VERBS and all(
            w.lower() in ADVERBS for w in own_verb.group(1).split())
        adverbial = WORD.match(rest.strip())
        if not own_verb and not _ON_A_DAY.match(rest) and \
                not (adverbial and adverbial.group().lower() in SUBJECT_ADVERBIALS):
            return {}
        end = phrase[1]
    elif len(segments) > 1:
        with_appositions = resolve_phrase(context, start, segments[-1][1])
        if with_appositions.get("person_id") or with_appositions.get("organization_id") \
                or with_appositions.get("_ambiguous"):
            return with_appositions
    subject = resolve_phrase(context, start, end)
    if len(segments) > 1 and not subject.get("person_id") and words[0].group().lower() \
            in HEAD_WORDS and all(w.group()[0].isupper() for w in segments[-1][2]) \
            and len(segments[-1][2]) <= 4:
        # `Pengamat ekonomi dari Universitas X, Kamaludin, menilai`: the name in apposition.
        subject = resolve_phrase(context, segments[-1][0], segments[-1][1])
    return subject


def _titled_before_verb(context: dict, start: int, verb_start: int) -> dict | None:
    """A person after a title in lower case, right before the verb (`Sementara itu, menteri
    pertanian Budi Santoso pada Senin mengatakan`): the words before the name are its title,
    not a possessor (`juru bicara Presiden X`, `pengawal Presiden X` name someone else)."""
    body = context["body"]
    for mention in context["mentions"]:
        role = mention.get("role")
        if not start <= mention["start"] < verb_start or not role or \
                not body[start:mention["start"]].rstrip().endswith(role) or \
                not titled(body, start, mention):
            continue
        rest = body[mention["end"]:verb_start]
        words = WORD.findall(rest)
        if all(w.lower() in ADVERBS for w in words) or _ON_A_DAY.match(rest) and \
                not re.search(r"[,;]", rest):
            return mention_speaker(mention)
    return None


def _not_subject(context: dict, segment: tuple, last: bool) -> bool:
    """An adverbial, a sourcing frame or a participle clause before the subject."""
    start, end, words = segment
    first = words[0].group()
    lower = first.lower()
    if lower in PREPOSITIONS or lower in FRAME_WORDS:
        return True
    if last:
        return False
    if all(w.group().lower() in SENTENCE_ADVERBS for w in words):
        return True  # `Apalagi, Presiden Joko Widodo sudah menyampaikan …`
    if words[-1].group().lower() in SPEECH_VERBS and len(words) > 1:
        return True  # `Antara mengabarkan, Jepang mengatakan …`
    # `Berbincang dengan Lavrov, Retno mengatakan`: a verb opening the segment, not a name
    # (nor a word with a verb's prefix: `Media pemerintah Vietnam, VNA, melaporkan`).
    return len(words) > 1 and VERB_FORM.fullmatch(lower) is not None \
        and lower not in NOT_VERBS and words[1].group()[0].islower() \
        and not any(m["start"] == start for m in context["mentions"])


def _segments(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for comma in re.finditer(r",", text):
        bounds.append((start, comma.start()))
        start = comma.end()
    bounds.append((start, len(text)))
    return [b for b in bounds if text[b[0]:b[1]].strip()]


def mention_speaker(mention: dict) -> dict:
    return {"speaker": mention["surface"], "speaker_start": mention["start"],
            "speaker_end": mention["end"], "person_id": mention["person_id"],
            "organization_id": None}
