"""Who is named in an article: people, organisations and places, with evidence offsets.

People are found four ways, in this order:
1. full names from the reference data (any spelling whose letters match an alias);
2. names the press introduces with a title before them (``Menteri Luar Negeri Belarus Maxim
   Ryzhenkov``) or a role in apposition after them (``Hong Min, analis senior di …``); such a
   name is first checked against the reference data with a guarded fuzzy match (a one- or
   two-letter slip in the surname, the given names identical), otherwise it becomes a new,
   unverified person;
3. further occurrences of those full names and fuzzy variants of reference names anywhere;
4. short later mentions (surname; Korean family name first: ``Kim``, ``No``) of a person
   introduced earlier in the same article.

Never people: words inside organisation and place names and names of things (``Universitas
Militer Kim Il Sung``, ``Kim Il Sung Square``), bylines and ``Baca Juga`` headlines.
"""
import bisect
import functools
import re
from typing import NamedTuple

from loader.extract.dates import MONTHS
from loader.ids import slugify
from loader.reference import NAME_WORD, Reference, name_key, squeeze
from loader.text import Sentence, sentence_at, sentences_covering


class Word(NamedTuple):
    start: int
    end: int
    text: str


# Lines that belong to the article's metadata or to other stories, never to its people.
BOILERPLATE_LINE = re.compile(
    r"(?im)^[ \t]*(?:(?:baca|lihat)\s+juga\b|laporan\s+wartawan\b|"
    r"(?:penulis|editor|pewarta|reporter|wartawan|sumber|foto|video|simak|tonton)\s*[:|]).*$"
    # "Namira Unia dari Tribune.com melaporkan": a reporter's byline, the outlet a web address.
    r"|^[ \t]*(?:(?-i:[A-Z])[\w'’-]*[ \t]+){1,4}dari[ \t]+\S+\.\S+[ \t]+melaporkan\b.*$")

# Titles and roles that introduce a person (lower case; several words where needed).
TITLE_HEADS = [tuple(head.split()) for head in """
wakil perdana menteri|perdana menteri|wakil presiden|presiden|wakil menteri|menteri|menlu|menhan
sekretaris jenderal|sekjen|sekretaris|juru bicara|jubir|kepala|gubernur|wakil gubernur|wali kota
walikota|duta besar|dubes|jenderal|letnan|mayor|laksamana|marsekal|kolonel|kapten|panglima
komandan|direktur|ketua|pemimpin|analis|profesor|prof|peneliti|pakar|pengamat|ahli|dosen|rektor
dekan|kanselir|raja|ratu|pangeran|senator|anggota|penasihat|penasehat|utusan|diplomat|pejabat
mantan|ilmuwan|ekonom|pendiri|komisaris|hakim|jaksa|asisten|deputi|wakil|kapolri|perwira
""".replace("\n", "|").strip("|").split("|")]
HEAD_WORDS = {word for head in TITLE_HEADS for word in head}
# Heads by their first word, in TITLE_HEADS order (``wakil perdana menteri`` before ``wakil``).
HEADS_BY_FIRST_WORD: dict[str, list[tuple]] = {}
for head in TITLE_HEADS:
    HEADS_BY_FIRST_WORD.setdefault(head[0], []).append(head)
del head

# Words that make up the name of an office (``Menteri Luar Negeri``, ``Kepala Staf Gabungan``).
OFFICE_WORDS = set("""
luar negeri dalam pertahanan keuangan kesehatan perdagangan industri energi transportasi
perhubungan pertama kedua utama senior staf gabungan umum besar agung tinggi khusus nasional
keamanan intelijen militer angkatan darat laut udara bersenjata negara pemerintah kabinet dewan
komite komisi partai parlemen kementerian departemen badan lembaga kantor dinas institut pusat
akademi universitas sekolah studi kajian riset politik ekonomi hubungan internasional urusan
bidang unifikasi penyatuan pertanian pendidikan kebudayaan sosial hukum kehakiman informasi
komunikasi digital teknologi sains lingkungan pembangunan koordinator bicara juru kota provinsi
wilayah daerah distrik federal federasi republik rakyat demokratik timur barat utara selatan
tengah jauh kereta api antariksa kepresidenan eksekutif operasi strategis pasukan tentara armada
""".split())

# Lower-case words that may sit inside a title (``analis senior di …``, ``… untuk Korea Utara``).
ROLE_CONNECTORS = {"di", "dari", "untuk", "urusan", "bidang", "se", "pada"} | OFFICE_WORDS | HEAD_WORDS

# Capitalised words that are never part of a person's name.
NOT_NAME = set("""
para menurut kunjungan namun sementara selain sejak setelah sebelum saat ketika bagi dengan untuk
dari di ke ini itu hal kedua pertemuan kami saya ia dia mereka kita lalu kemudian tahun bulan
pekan hari pada dalam oleh atas tetapi tapi dan atau jika bila meski meskipun walaupun karena
sebab sehingga agar supaya bahkan juga pun hingga sampai sebagai seperti yakni yaitu adapun
apa siapa mengapa bagaimana kapan dimana breaking news berita baca foto video sumber penulis
editor update terkini tribunnews kompas pahami senin selasa rabu kamis jumat sabtu minggu ahad
monday tuesday wednesday thursday friday saturday sunday the of and perjanjian kemitraan
strategis komprehensif perang dingin barat timur sekutu tuan nyonya bapak ibu pagi siang sore
malam korea asia eropa afrika amerika pasifik atlantik semenanjung
""".split()) | set(MONTHS) | OFFICE_WORDS | HEAD_WORDS

# Function words that are capitalised only because they open a sentence.
SENTENCE_WORDS = NOT_NAME - OFFICE_WORDS - HEAD_WORDS

# Words that name a thing after a person (``Universitas Militer Kim Il Sung``): a name right
# after them, or after them and one descriptor, is not a person.
THING_PREFIXES = set("""
universitas akademi sekolah lapangan alun-alun bandara jalan jl kapal stadion museum gedung
yayasan taman monumen mausoleum istana masjid pelabuhan stasiun patung makam hadiah penghargaan
medali ordo piala sakit kompleks
""".split())
THING_DESCRIPTORS = {"militer", "nasional", "negeri", "internasional", "teknologi", "udara",
                     "besar", "agung", "pusat"}
THING_SUFFIXES = set("""
square university stadium airport street avenue bridge hall mausoleum palace academy institute
foundation prize award museum hospital school college station plaza tower park
""".split())

# Korean family names: a discovered ``Hong Min`` is later ``Hong``, not ``Min``.
KOREAN_FAMILY_NAMES = set("""
kim lee yi ri rhee park pak choi choe cho jo jung jeong chung chong kang kong han hong shin sin
yoon yun jang chang lim im oh o seo suh kwon kwan hwang ahn an song yoo yu ryu jeon chun ko go
moon mun yang son bae baek paek heo ho nam noh no ha kwak koo ku woo u
""".split())

APPOSITION_FILLERS = {"seorang", "sang", "yakni", "yaitu"}


def find_people(body: str, sentences: list[Sentence], ref: Reference) -> tuple[dict, list]:
    """People named in ``body``: ``({person_id: person}, [mention, ...])``, mentions sorted by start."""
    words = _words(body)
    runs = _capitalised_runs(body, words)
    entity_words = _entity_words(body, words, ref)
    blocked = entity_words | _thing_words(words, runs, entity_words)
    found = {}         # first word index -> (person_id, last word index, full name?)
    discovered = {}    # person id -> person record (verified = 0)
    discovered_by_key = {}   # name_key(name) -> person id

    def is_free(indices) -> bool:
        return all(i not in blocked and i not in found for i in indices)

    def add(first: int, last: int, person_id: str, full: bool) -> None:
        for i in range(first, last + 1):
            found[i] = (person_id, last, full) if i == first else (None, last, full)

    # 1. Full names from the reference data, longest first.
    for run in runs:
        _match_reference(run, words, ref, is_free, add)

    # 2. Names introduced by a title before or a role after them.
    for run in runs:
        name = _trailing_name(run, words, blocked, found)
        if not name:
            continue
        first, last = name
        introduced = (_role_before(body, words, first, found) is not None
                      or (_only_sentence_words_before(run, first, words)
                          and _role_after(body, words, last, found) is not None))
        if not introduced:
            continue
        tokens = [words[i].text for i in range(first, last + 1)]
        person_id = (_resolve_reference(tokens, ref)
                     or _discover(tokens, discovered, discovered_by_key))
        add(first, last, person_id, True)

    # 3. Further full occurrences of discovered names; guarded fuzzy reference matches.
    for run in runs:
        _match_full_names(run, words, ref, discovered_by_key, is_free, add)

    # 4. Short mentions of people introduced earlier in the article.
    _match_short_names(body, runs, words, ref, discovered, blocked, found, add)

    mentions = _mentions(body, sentences, words, found)
    people = {}
    for mention in mentions:
        pid = mention["person_id"]
        if pid not in people:
            people[pid] = dict(ref.people[pid]) if pid in ref.people else discovered[pid]
    return people, mentions


def find_organizations(body: str, sentences: list[Sentence], ref: Reference) -> list[dict]:
    """Organisation mentions in ``body``, sorted by start."""
    mentions = []
    for match in _entity_matches(body, ref.organization_pattern):
        org = ref.organizations[ref.organization_by_alias[squeeze(match.group())]]
        mentions.append({
            "organization_id": org["id"], "name": org["name"], "kind": org["kind"],
            "country": org["country"], "wikidata": org["wikidata"], "surface": match.group(),
            "start": match.start(), "end": match.end(),
            "sentence": _sentence_text(body, sentences, match.start(), match.end()),
        })
    return mentions


def find_places(body: str, sentences: list[Sentence], ref: Reference) -> list[dict]:
    """Place mentions in ``body`` (not those inside an organisation's name), sorted by start."""
    org_spans = [(m.start(), m.end()) for m in _entity_matches(body, ref.organization_pattern)]
    mentions = []
    for match in _entity_matches(body, ref.place_pattern):
        if any(s <= match.start() and match.end() <= e for s, e in org_spans):
            continue
        place = ref.places[ref.place_by_alias[squeeze(match.group())]]
        mentions.append({
            "place_id": place["id"], "name": place["name"], "kind": place["kind"],
            "country": place["country"],
            "latitude": place["latitude"], "longitude": place["longitude"],
            "wikidata": place["wikidata"], "surface": match.group(),
            "start": match.start(), "end": match.end(),
            "sentence": _sentence_text(body, sentences, match.start(), match.end()),
        })
    return mentions


# --- words and runs -------------------------------------------------------------------------

def _boilerplate_spans(body: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in BOILERPLATE_LINE.finditer(body)]


def _words(body: str) -> list[Word]:
    """Every word of ``body`` outside boilerplate lines, with offsets."""
    skip = _boilerplate_spans(body)
    words = [Word(m.start(), m.end(), m.group()) for m in NAME_WORD.finditer(body)]
    return [w for w in words if not any(s <= w.start < e for s, e in skip)] if skip else words


def _capitalised_runs(body: str, words: list[Word]) -> list[list[int]]:
    """Maximal sequences of capitalised words separated only by spaces (word indices)."""
    runs, current = [], []
    for i, word in enumerate(words):
        if word.text[0].isupper():
            if current and _space_between(body, words[current[-1]], word):
                current.append(i)
                continue
            if current:
                runs.append(current)
            current = [i]
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _space_between(body: str, left: Word, right: Word) -> bool:
    gap = body[left.end:right.start]
    return bool(gap) and not gap.strip(" \t\u00a0")


def _comma_between(body: str, left: Word, right: Word) -> bool:
    return body[left.end:right.start].strip(" \t\u00a0") == ","


@functools.lru_cache(maxsize=4)  # people, organisations and places of one article all need them
def _entity_matches(body: str, pattern: re.Pattern) -> tuple:
    skip = _boilerplate_spans(body)
    return tuple(m for m in pattern.finditer(body) if not any(s <= m.start() < e for s, e in skip))


def _entity_words(body: str, words: list[Word], ref: Reference) -> set[int]:
    """Indices of words inside an organisation's or a place's name."""
    starts = [w.start for w in words]
    inside = set()
    for pattern in (ref.organization_pattern, ref.place_pattern):
        for match in _entity_matches(body, pattern):
            i = bisect.bisect_left(starts, match.start())
            while i < len(words) and words[i].end <= match.end():
                inside.add(i)
                i += 1
    return inside


def _thing_words(words: list[Word], runs: list[list[int]], entity_words: set[int]) -> set[int]:
    """Indices of words naming a thing after a person: ``Universitas Militer Kim Il Sung``
    (from the name to the end of the run) and ``Kim Il Sung Square``. ``Universitas Indonesia
    Yohanes Sulaiman`` is a place's university, and the name after it a person's."""
    def is_name(i):
        return i not in entity_words and _is_name_word(words[i])

    inside = set()
    for run in runs:
        lowered = [words[i].text.lower() for i in run]
        for k, word in enumerate(lowered):
            if word in THING_PREFIXES:
                rest = run[k + 1:]
                if rest and lowered[k + 1] in THING_DESCRIPTORS:
                    rest = rest[1:]
                if rest and is_name(rest[0]):
                    inside.update(rest)
            elif word in THING_SUFFIXES:
                inside.update(run[:k])
    return inside


def _is_name_word(word: Word) -> bool:
    return _is_name_text(word.text)


@functools.lru_cache(maxsize=1 << 16)  # asked of every capitalised word, often several times
def _is_name_text(text: str) -> bool:
    return (text[0].isupper() and any(c.islower() for c in text)
            and text.lower() not in NOT_NAME and not _looks_like_office(text))


def _looks_like_office(text: str) -> bool:
    """Indonesian nouns of office (``Pertahanan``, ``Kementerian``, ``Pembangunan``)."""
    lowered = text.lower()
    return len(lowered) >= 8 and lowered.endswith("an") and lowered.startswith(("pe", "ke"))


# --- step 1 and 3: full names -----------------------------------------------------------------

def _match_reference(run, words, ref, is_free, add) -> None:
    keys = [name_key(words[j].text) for j in run]
    i = 0
    while i < len(run):
        for n in range(min(5, len(run) - i), 0, -1):
            span = run[i:i + n]
            person_id = ref.person_by_key.get("".join(keys[i:i + n]))
            if person_id and is_free(span) and _is_name_word(words[span[-1]]):
                add(span[0], span[-1], person_id, True)
                i += n
                break
        else:
            i += 1


def _match_full_names(run, words, ref, discovered_by_key, is_free, add) -> None:
    i = 0
    while i < len(run):
        for n in (3, 2):
            span = run[i:i + n]
            if len(span) < n or not is_free(span) or not all(_is_name_word(words[j]) for j in span):
                continue
            tokens = [words[j].text for j in span]
            person_id = discovered_by_key.get(name_key("".join(tokens))) or _fuzzy_reference(tokens, ref)
            if person_id:
                add(span[0], span[-1], person_id, True)
                i += n
                break
        else:
            i += 1


def _trailing_name(run, words, blocked, found) -> tuple[int, int] | None:
    """The name at the end of a capitalised run (2–3 name words, none taken yet)."""
    k = len(run)
    while k > 0 and run[k - 1] not in blocked and run[k - 1] not in found \
            and _is_name_word(words[run[k - 1]]):
        k -= 1
    size = len(run) - k
    if 2 <= size <= 3:
        return run[k], run[-1]
    return None


def _only_sentence_words_before(run, first, words) -> bool:
    """For apposition: nothing but capitalised function words (``Namun``) precede the name."""
    return all(words[i].text.lower() in SENTENCE_WORDS for i in run[:run.index(first)])


def _resolve_reference(tokens: list[str], ref: Reference) -> str | None:
    return ref.person_by_key.get(name_key("".join(tokens))) or _fuzzy_reference(tokens, ref)


def _fuzzy_reference(tokens: list[str], ref: Reference) -> str | None:
    """A reference person whose alias differs from ``tokens`` only by a slip in the surname:
    same number of words, identical given names, same initial, edit distance 1 (2 for
    surnames of 8+ letters), surname of 6+ letters, and one person only. Family-name-first
    (Korean, Chinese) names never match fuzzily: there a letter makes another person."""
    keys = [name_key(t) for t in tokens]
    best, best_distance = set(), 3
    for alias_keys, person_id in ref.person_variants.get((len(keys), tuple(keys[:-1])), ()):
        surname, candidate = alias_keys[-1], keys[-1]
        if len(surname) < 6 or surname[0] != candidate[0]:
            continue
        distance = _edit_distance(candidate, surname, limit=2 if len(surname) >= 8 else 1)
        if distance is None:
            continue
        if distance < best_distance:
            best, best_distance = {person_id}, distance
        elif distance == best_distance:
            best.add(person_id)
    return best.pop() if len(best) == 1 else None


def _edit_distance(a: str, b: str, limit: int) -> int | None:
    """Levenshtein distance of ``a`` and ``b`` if it is at most ``limit``, else None."""
    if abs(len(a) - len(b)) > limit:
        return None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return None
        previous = current
    return previous[-1] if previous[-1] <= limit else None


def _discover(tokens: list[str], discovered: dict, discovered_by_key: dict) -> str:
    """The unverified person named ``tokens``, created at its first introduction."""
    name = " ".join(tokens)
    key = name_key(name)
    if key not in discovered_by_key:
        person_id = slugify(name)
        discovered[person_id] = {"id": person_id, "name": name, "aliases": [], "country": None,
                                 "wikidata": None, "verified": 0}
        discovered_by_key[key] = person_id
    return discovered_by_key[key]


# --- roles ------------------------------------------------------------------------------------

def _head_at(words, i) -> int:
    """Length of the title head starting at word ``i`` (0 if none)."""
    for head in HEADS_BY_FIRST_WORD.get(words[i].text.lower(), ()):
        if tuple(w.text.lower() for w in words[i:i + len(head)]) == head:
            return len(head)
    return 0


def _role_before(body, words, first, found) -> tuple[int, int] | None:
    """Character span of the title written right before the name starting at word ``first``:
    the leftmost title head in the stretch of title-like words that ends at the name
    (``Menteri Pertahanan Rusia``, ``pemimpin Korea Utara``, ``analis senior di …``)."""
    region = []
    i = first - 1
    while i >= 0 and len(region) < 10:
        right = words[i + 1]
        gap_ok = _space_between(body, words[i], right) or (i == first - 1 and _comma_between(body, words[i], right))
        if not gap_ok:
            break
        text = words[i].text
        if text.lower() == "dan":
            # "Pertahanan dan Transportasi" is one title; "Kim Jong Un dan Presiden …" is not.
            if not (i > 0 and words[i - 1].text[0].isupper() and i - 1 not in found
                    and right.text[0].isupper() and i + 1 not in found):
                break
        elif not (text[0].isupper() or text.lower() in ROLE_CONNECTORS):
            break
        region.append(i)
        i -= 1
    for i in reversed(region):
        if _head_at(words, i):
            return words[i].start, words[region[0]].end
    return None


def _role_after(body, words, last, found) -> tuple[int, int] | None:
    """Character span of a role in apposition after the name ending at word ``last``:
    ``…, (seorang) profesor di Universitas Ewha di Seoul``. The role starts in lower case
    (``Kim, Presiden Putin memuji …`` starts a new clause) and names nobody else."""
    j = last + 1
    if j >= len(words) or not _comma_between(body, words[last], words[j]):
        return None
    if words[j].text in APPOSITION_FILLERS and j + 1 < len(words) \
            and _space_between(body, words[j], words[j + 1]):
        j += 1
    if not words[j].text[0].islower() or not _head_at(words, j):
        return None
    end = j
    while end + 1 < len(words) and end - j < 12 and _space_between(body, words[end], words[end + 1]):
        text = words[end + 1].text
        if end + 1 in found or not (text[0].isupper() or text.lower() in ROLE_CONNECTORS):
            break
        end += 1
    return words[j].start, words[end].end


# --- step 4: short mentions -------------------------------------------------------------------

def _short_keys(name: str, family_name_first: bool) -> set[str]:
    """How a full name is shortened later: ``Kim Jong Un`` -> {kim, jongun};
    ``Andrei Belousov`` -> {belousov}."""
    parts = [name_key(w) for w in NAME_WORD.findall(name)]
    if len(parts) < 2:
        return set()
    if family_name_first:
        keys = {parts[0]}
        given = "".join(parts[1:])
        if len(given) >= 5:
            keys.add(given)
        return keys
    return {parts[-1]}


def _match_short_names(body, runs, words, ref, discovered, blocked, found, add) -> None:
    first_full = {}   # person id -> word index of the first full mention
    for i in sorted(found):
        person_id, _, full = found[i]
        if person_id and full:
            first_full.setdefault(person_id, i)
    by_short_key = {}
    for person_id in first_full:
        if person_id in ref.people:
            name, family_first = ref.people[person_id]["name"], person_id in ref.family_name_first
            aliases = ref.people[person_id]["aliases"]
        else:
            name = discovered[person_id]["name"]
            family_first = name_key(name.split()[0]) in KOREAN_FAMILY_NAMES
            aliases = []
        for alias in [name, *aliases]:
            for key in _short_keys(alias, family_first):
                by_short_key.setdefault(key, set()).add(person_id)

    # Candidates in text order: a lone name word, or two words that are a Korean given name.
    candidates = []
    for run in runs:
        for k, i in enumerate(run):
            if i in found or i in blocked:
                continue
            before = run[k - 1] if k > 0 else None
            if before is not None and before not in found and _is_name_word(words[before]):
                continue   # part of some longer, unknown name
            for n in (2, 1):
                span = run[k:k + n]
                after = run[k + n] if k + n < len(run) else None
                if len(span) < n or any(j in found or j in blocked for j in span):
                    continue
                if after is not None and after not in found and _is_name_word(words[after]):
                    continue
                key = name_key("".join(words[j].text for j in span))
                if key in by_short_key and not _is_numbering(body, words[span[-1]]):
                    candidates.append((span, key))
                    break

    last_seen = {}    # person id -> word index of its latest mention so far
    mention_starts = sorted(i for i, (pid, _, _) in found.items() if pid)
    next_mention = 0
    for span, key in sorted(candidates):
        here = span[0]
        while next_mention < len(mention_starts) and mention_starts[next_mention] < here:
            last_seen[found[mention_starts[next_mention]][0]] = mention_starts[next_mention]
            next_mention += 1
        introduced = [pid for pid in by_short_key[key] if first_full[pid] < here]
        person_id = _most_recent(introduced, last_seen, words, body)
        if person_id:
            add(span[0], span[-1], person_id, False)
            last_seen[person_id] = here


def _most_recent(person_ids, last_seen, words, body) -> str | None:
    """The one person meant by an ambiguous short name: the most recently mentioned, unless
    another candidate was mentioned in that same sentence (then nobody: precision first)."""
    if len(person_ids) <= 1:
        return person_ids[0] if person_ids else None
    ranked = sorted(person_ids, key=lambda pid: last_seen.get(pid, -1), reverse=True)
    latest, runner_up = last_seen.get(ranked[0], -1), last_seen.get(ranked[1], -1)
    between = body[words[runner_up].end:words[latest].start] if runner_up >= 0 else "."
    return ranked[0] if re.search(r"[.!?\n]", between) else None


def _is_numbering(body: str, word: Word) -> bool:
    """``No. 5``, ``No 12``: an abbreviation, not the family name No."""
    return word.text == "No" and re.match(r"\.?\s*\d", body[word.end:word.end + 4]) is not None


# --- records ------------------------------------------------------------------------------------

def _mentions(body, sentences, words, found) -> list[dict]:
    mentions = []
    for first in sorted(found):
        person_id, last, _ = found[first]
        if person_id is None:
            continue
        role_span = _role_before(body, words, first, found) or _role_after(body, words, last, found)
        start, end = words[first].start, words[last].end
        mentions.append({
            "person_id": person_id, "surface": body[start:end],
            "role": body[role_span[0]:role_span[1]] if role_span else None,
            "start": start, "end": end,
            "sentence": _sentence_text(body, sentences, start, end),
            "_role_span": role_span,
        })
    # "Penasihat keamanan nasional Yoon, Shin Wonsik": the title is Shin's, not Yoon's.
    for before, after in zip(mentions, mentions[1:]):
        span = after["_role_span"]
        if span and span[0] <= before["start"] and before["end"] <= span[1]:
            before["role"] = None
    for mention in mentions:
        del mention["_role_span"]
    return mentions


def _sentence_text(body, sentences, start, end) -> str:
    sentence = sentence_at(sentences, start)
    if sentence is None or sentence.end < end:
        sentence = sentences_covering(body, sentences, start, end)
    return sentence.text
