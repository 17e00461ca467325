"""Who is named in an article: people, organisations and places, with evidence offsets.

People are found in this order, each step taking only words no earlier step took:
1. ``reference``: full names from the reference data (any spelling whose letters match an alias);
2. ``title``: names the press introduces with a title before them (``Menteri Luar Negeri
   Belarus Maxim Ryzhenkov``, ``Menhan Sjafrie Sjamsoeddin``, ``KSAU Marsekal TNI M Tonny
   Harjono``) or a role in apposition after them (``Hong Min, analis senior di …``). Titles,
   offices as the press abbreviates them and ranks are the role, never part of the name; where
   the tagger marks a shorter name at the end of the title's run, its start is taken
   (``Sekjen Partai Gerindra Ahmad Muzani``). Such a name is first checked against the
   reference data with a guarded fuzzy match (a one- or two-letter slip in the surname, the
   given names identical), otherwise it becomes a new, unverified person;
3. ``tagger``: names of two words or more that the statistical tagger (``tagger.py``) marks
   with enough confidence, among the words the rules left open;
   then further occurrences of the full names found so far, and guarded fuzzy reference matches;
4. ``short_form``: short later mentions, by any part of the name (``Retno``, ``Sjafrie``;
   Korean family name first: ``Kim``, ``No``) of a person introduced earlier in the same article,
   never of two people at once;
5. single-word names (``Sugiono``) the tagger marks with high confidence, or after a title
   when the tagger agrees, that are no part of any other name in the article.

Every mention records its ``method`` (the step) and the tagger's ``confidence`` where the
tagger marked the name. Never people: words inside organisation and place names and names of
things (``Universitas Militer Kim Il Sung``, ``Kim Il Sung Square``), bylines and ``Baca Juga``
headlines.
"""
import bisect
import collections
import functools
import re
from typing import NamedTuple

from loader.extract.dates import MONTHS
from loader.extract.tagger import PersonTagger, person_tagger
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
    r"(?:penulis|editor|red|redaktur|pewarta|reporter|wartawan|sumber|foto|video|simak|tonton)\s*[:|]).*$"
    # "Namira Unia dari Tribune.com melaporkan": a reporter's byline, the outlet a web address.
    r"|^[ \t]*(?:(?-i:[A-Z])[\w'’-]*[ \t]+){1,4}dari[ \t]+\S+\.\S+[ \t]+melaporkan\b.*$"
    # "Rina Wulandari - detikNews": a byline, the name and the outlet alone on a line.
    r"|^[ \t]*(?:(?-i:[A-Z])[\w'’.-]*[ \t]+){1,4}[-–—|][ \t]+\S+[ \t]*$")

# Titles and roles that introduce a person (lower case; several words where needed), the
# offices as Indonesian news abbreviates them, and military and police ranks.
TITLE_HEADS = [tuple(head.split()) for head in """
wakil perdana menteri|perdana menteri|wakil presiden|presiden|wapres|wakil menteri|menteri|menlu
menhan|menko|menkeu|mendagri|menkes|menag|mensos|menaker|mendikbud|mendikdasmen|mendiktisaintek
menpora|menparekraf|menpar|menkumham|menkum|menkominfo|menkomdigi|menpanrb|mentan|mendag
menperin|menhub|menkop|menristek|mensesneg|menkopolhukam|menkopolkam|menseskab|seskab
sekretaris kabinet|sekretaris jenderal|sekjen|sekretaris|juru bicara|jurubicara|jubir|kepala
kepala staf|ksad|ksal|ksau|kasad|kasal|kasau|kapolri|wakapolri|kapolda|kapolres|kapolsek
kabareskrim|kadiv|kapuspen|kapuspenkum|pangdam|pangkostrad|danjen|danrem|dandim|danlanud
gubernur|wakil gubernur|wagub|wali kota|walikota|wawali|bupati|wakil bupati|wabup|camat|lurah
duta besar|dubes|atase|kuasa usaha|jenderal|letjen|mayjen|brigjen|letnan|kolonel|letkol
mayor|kapten|laksamana|laksdya|laksda|laksma|marsekal|marsdya|marsda|marsma|komjen|irjen
kombes|akbp|kompol|panglima|komandan|direktur|dirut|presdir|ceo|ketua|ketum|waketum|pemimpin
analis|profesor|prof|peneliti|pakar|pengamat|ahli|dosen|rektor|dekan|kanselir|raja|ratu
pangeran|paus|senator|anggota|penasihat|penasehat|utusan|ajudan|diplomat|pejabat|mantan
ilmuwan|ekonom|pendiri|komisaris|komisioner|politikus|politisi|hakim|jaksa|asisten|deputi
wakil|perwira|ibu negara|istri|istrinya|suami|suaminya|putranya|putrinya|bu|pelatih
aktor|aktris|penyanyi|pengacara|advokat|pengusaha|bos|tersangka
terdakwa|dr|drs|ir|hj|kh
""".replace("\n", "|").strip("|").split("|")]
# Titles written with a dot: ``Dr. Paripurna Sugarda``, ``Prof. Hikmahanto``.
DOTTED_TITLES = {"dr", "drs", "ir", "prof", "hj", "kh"}
# ``Wamenlu``, ``Wamenhan``, ``Wamendagri``: every deputy minister's abbreviation.
DEPUTY_MINISTER = re.compile(r"(?i)wamen[a-z]{2,10}")
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
daya hidup ekologi pekerjaan perumahan tenaga kerja kelautan perikanan pariwisata kreatif agraria
tata ruang pemuda olahraga perempuan desa pedesaan transmigrasi koperasi usaha kecil menengah
aparatur reformasi birokrasi investasi perekonomian pangan maritim kemaritiman agama sekretariat
sains riset inovasi kesejahteraan perlindungan migran chief executive officer director president
minister secretary general manager chairman pemkot pemkab pemprov pemda polda polres polsek
polrestabes kodam kodim korem lanud lantamal brimob densus kopassus kostrad mapolda mapolres
mapolsek mabes
""".split())
# ``Kemenko``, ``Kemenhub``, ``Kemenlu``: ministries as the press abbreviates them.
MINISTRY = re.compile(r"(?i)kemen[a-z]{1,10}")

# Lower-case words that may sit inside a title (``analis senior di …``, ``… untuk Korea Utara``).
ROLE_CONNECTORS = {"di", "dari", "untuk", "urusan", "bidang", "se", "pada"} | OFFICE_WORDS | HEAD_WORDS

# Months written out (``Mei`` too); their abbreviations are also names (``Han Jun``).
MONTH_NAMES = {month for month in MONTHS if len(month) >= 4} | {"mei"}

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
malam korea asia eropa afrika amerika pasifik atlantik semenanjung pol purn tni polri
""".split()) | MONTH_NAMES | OFFICE_WORDS | HEAD_WORDS

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
                     "besar", "agung", "pusat", "angkatan", "laut", "darat"}
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

# Nouns of places: ``ibu kota Thailand, Bangkok`` and ``di``/``ke`` before a name make
# it a place, for a name that only the tagger found.
PLACE_NOUNS = set("""
kota ibukota provinsi kabupaten kecamatan desa kelurahan pulau wilayah negara daerah kawasan
distrik negeri
""".split())
PLACE_PREPOSITIONS = {"di", "ke"}

# Given names too common to stand for one person on their own (``Muhammad Ali`` is never
# ``Muhammad`` later), and particles of names.
COMMON_NAME_PARTS = set("""
muhammad mohammad mohamad muhamad mochammad moh mohd ahmad achmad abdul abd siti nur nurul
bin binti al el van von der den de da di dos du la le
""".split())

# The tagger's confidence (the lowest marginal probability of the name's labels) a name needs:
# a name of two words or more; a single word right after a title; a single word on its own.
TAGGER_MIN_CONFIDENCE = 0.6
TITLED_SINGLE_MIN_CONFIDENCE = 0.5
SINGLE_MIN_CONFIDENCE = 0.7
ACRONYM_MIN_CONFIDENCE = 0.9     # initials as a name: SBY, JK (most capitals are organisations)
# The tagger is asked about a word at most this often per article (``Sochi`` ten times is a
# place ten times); later occurrences of a name it found are resolved as repeats.
ASKED_PER_WORD = 2


class Found(NamedTuple):
    """What a word was taken for: the person (on the first word of a name only), the name's
    last word, whether it is a full name, how it was found and the tagger's confidence."""
    person_id: str | None
    last: int
    full: bool
    method: str
    confidence: float | None


def find_people(body: str, sentences: list[Sentence], ref: Reference,
                tagger: PersonTagger | None = None) -> tuple[dict, list]:
    """People named in ``body``: ``({person_id: person}, [mention, ...])``, mentions sorted by
    start. ``tagger`` defaults to the shipped model."""
    words = _words(body)
    runs = _capitalised_runs(body, words)
    entity_words = _entity_words(body, words, ref)
    blocked = entity_words | _thing_words(words, runs, entity_words)
    headline = _headline_words(body, words)   # capitals there say nothing: no one discovered
    found: dict[int, Found] = {}
    discovered = {}          # person id -> person record (verified = 0)
    discovered_by_key = {}   # name_key(name) -> person id
    introduced_by = {}       # person id -> the method of its first full mention

    def is_free(indices) -> bool:
        return all(i not in blocked and i not in found for i in indices)

    def add(first: int, last: int, person_id: str, method: str, confidence=None, full=True) -> None:
        introduced_by.setdefault(person_id, method)
        for i in range(first, last + 1):
            found[i] = Found(person_id if i == first else None, last, full, method, confidence)

    def person_for(tokens: list[str]) -> str:
        return (_resolve_reference(tokens, ref)
                or _discover(tokens, discovered, discovered_by_key))

    # 1. Full names from the reference data, longest first.
    for run in runs:
        _match_reference(run, words, ref, headline, is_free, add)

    tagger = tagger or person_tagger()
    # Words the article also writes in lower case are common words, not names (``Rudal``).
    lower_case = {w.text for w in words if w.text.islower()}

    def name_start(first: int, last: int) -> int:
        """Past the name of someone already named that opens a longer name: ``utusan
        khusus Biden Amos Hochstein`` (surnames only: ``Kim Song-nam`` stays whole)."""
        if last - first >= 2 and name_key(words[first].text) in possessors:
            return first + 1
        return first

    def named_so_far() -> dict:
        return _people_by_short_key({entry.person_id for entry in found.values()
                                     if entry.person_id and entry.full},
                                    ref, discovered, family_first_too=False)

    possessors = named_so_far()

    # 2. Names introduced by a title before or a role after them, the tagger asked about
    # their words: {last word: (first word, confidence)}.
    titled = []
    for run in runs:
        name = _trailing_name(run, words, blocked, found)
        if not name or name[0] in headline:
            continue
        first, last = name[0] if name[0] == name[1] else name_start(*name), name[1]
        if _is_credit(body, words, first) or _office_continues(body, words, last):
            continue
        if _role_before(body, words, first, found) is not None \
                or (_only_sentence_words_before(run, first, words)
                    and _role_after(body, words, last, found) is not None):
            titled.append((first, last))
    # Two words after a title need no tagger; one word, or three and more, may be no name or
    # may carry a word of the title (``Sekjen Partai Gerindra Ahmad Muzani``).
    tagged = _tagged_names(sentences, words, [i for first, last in titled if last - first != 1
                                              for i in range(first, last + 1)], tagger)
    single_candidates = []   # (word index, method, confidence, the confidence it needs)
    for first, last in titled:
        tag_first, confidence = tagged.get(last, (None, None))
        if tag_first is not None and tag_first > first \
                and not all(_is_initial(words[i].text) for i in range(first, tag_first)):
            first = tag_first                     # the tagger's name, the rest is the title's
        elif last - first >= 3 and (tag_first is None or tag_first > first):
            continue                              # four words or more: only when the tagger agrees
        if first == last:
            if tag_first == first:
                single_candidates.append((first, "title", confidence, TITLED_SINGLE_MIN_CONFIDENCE))
            continue
        add(first, last, person_for([words[i].text for i in range(first, last + 1)]), "title",
            confidence if tag_first == first else None)

    # 3. Names that only the tagger found, among the capitalised words still open; words of
    # the names found so far are left to the short-name step.
    possessors = named_so_far()
    known = set(_people_by_short_key({e.person_id for e in found.values() if e.person_id and e.full},
                                     ref, discovered))
    known.update(name_key(words[i].text) for i in found)
    common = tagger.vocabulary
    asked, times_asked = [], collections.Counter()
    for run in runs:
        for i in run:
            text = words[i].text
            if i not in found and i not in blocked and i not in headline \
                    and (_is_name_word(words[i]) or _is_initial(text) or _is_acronym(text)) \
                    and text.lower() not in lower_case and text.lower() not in common \
                    and name_key(text) not in known and times_asked[text] < ASKED_PER_WORD \
                    and not _names_a_place(words, i, entity_words):
                asked.append(i)
                times_asked[text] += 1
    tagged.update(_tagged_names(sentences, words, asked, tagger))
    for last, (first, confidence) in sorted(tagged.items()):
        if first == last and _is_acronym(words[first].text) and is_free([first]) \
                and first not in headline:
            single_candidates.append((first, "tagger", confidence, ACRONYM_MIN_CONFIDENCE))
            continue
        span = _name_part(words, first, last)
        if not span or span[0] in headline or _names_a_place(words, span[0], entity_words) \
                or not is_free(range(span[0], span[1] + 1)) or _is_credit(body, words, span[0]) \
                or all(words[i].text.lower() in lower_case for i in range(span[0], span[1] + 1)):
            continue
        span = (name_start(*span), span[1])
        if span[0] == span[1]:
            single_candidates.append((span[0], "tagger", confidence, SINGLE_MIN_CONFIDENCE))
        elif confidence >= TAGGER_MIN_CONFIDENCE:
            add(span[0], span[1], person_for([words[i].text for i in range(span[0], span[1] + 1)]),
                "tagger", confidence)

    # Further full occurrences of discovered names; guarded fuzzy reference matches.
    for run in runs:
        _match_full_names(run, words, ref, discovered_by_key, introduced_by, is_free, add)

    # 4. Short mentions of people introduced earlier in the article.
    _match_short_names(body, runs, words, ref, discovered, blocked, found, tagged, add)

    # 5. Single-word names, unless the word is part of a longer name of this article.
    name_parts = {name_key(part) for i, entry in found.items() if entry.full
                  for part in NAME_WORD.findall(words[i].text)}
    singles = {}   # name_key -> person id
    # In text order; a word after a title is a title's single name, whatever the tagger said.
    for i, method, confidence, threshold in sorted(single_candidates,
                                                   key=lambda c: (c[0], c[1] != "title")):
        key = name_key(words[i].text)
        if i in found or key in name_parts \
                or not (_may_stand_alone(words[i].text) or _is_acronym(words[i].text)) \
                or confidence < threshold or words[i].text.lower() in lower_case \
                or (method == "tagger" and words[i].text.lower() in tagger.vocabulary):
            continue
        singles.setdefault(key, person_for([words[i].text]))
        add(i, i, singles[key], method, confidence)
    if singles:
        for run in runs:
            for i in run:
                person_id = singles.get(name_key(words[i].text))
                if person_id and is_free([i]) and _stands_alone(run, i, words, found):
                    add(i, i, person_id, introduced_by[person_id], _tagger_confidence(tagged, i, i))

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

@functools.lru_cache(maxsize=4)  # the words and the entity matches of one article both need them
def _boilerplate_spans(body: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in BOILERPLATE_LINE.finditer(body))


def _words(body: str) -> list[Word]:
    """Every word of ``body`` outside boilerplate lines, with offsets."""
    words = [Word(m.start(), m.end(), m.group()) for m in NAME_WORD.finditer(body)]
    for start, end in reversed(_boilerplate_spans(body)):
        first = bisect.bisect_left(words, start, key=lambda w: w.start)
        last = bisect.bisect_left(words, end, key=lambda w: w.start)
        del words[first:last]
    return words


def _capitalised_runs(body: str, words: list[Word]) -> list[list[int]]:
    """Maximal sequences of capitalised words separated only by spaces, or by the dot of an
    initial (``Benny P. Nadeak``), as word indices."""
    runs, current = [], []
    for i, word in enumerate(words):
        if word.text[0].isupper():
            if current and _joined(body, words[current[-1]], word):
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


def _joined(body: str, left: Word, right: Word) -> bool:
    """Words of one name or title: separated by spaces, or by the dot of an initial or a
    title (``Benny P. Nadeak``, ``Dr. Paripurna Sugarda``)."""
    return _space_between(body, left, right) or (
        body[left.end:right.start] in (". ", ".\u00a0")
        and (_is_initial(left.text) or left.text.lower() in DOTTED_TITLES))


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
                for _ in range(2):      # "Akademi Angkatan Laut Kim Chaek"
                    if rest and words[rest[0]].text.lower() in THING_DESCRIPTORS:
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
            and text.lower() not in NOT_NAME and not _looks_like_office(text)
            and not DEPUTY_MINISTER.fullmatch(text) and not MINISTRY.fullmatch(text))


def _is_initial(text: str) -> bool:
    return len(text) == 1 and text.isupper()


def _is_acronym(text: str) -> bool:
    """Initials that may stand for a person (``SBY``, ``JK``), titles and offices aside."""
    return 2 <= len(text) <= 4 and text.isalpha() and text.isupper() and text.lower() not in NOT_NAME


def _may_stand_alone(text: str) -> bool:
    """Can this word alone name a person (``Sugiono``, ``Jokowi``)? Not a Korean family name
    (``Kim`` is a thousand people), not a common given name (``Muhammad``)."""
    key = name_key(text)
    return (len(key) >= 3 and _is_name_text(text) and key not in KOREAN_FAMILY_NAMES
            and key not in COMMON_NAME_PARTS)


def _stands_alone(run, i, words, found) -> bool:
    """Word ``i`` of ``run`` is not part of some longer, unknown name."""
    k = run.index(i)
    neighbours = [run[k - 1]] if k > 0 else []
    neighbours += [run[k + 1]] if k + 1 < len(run) else []
    return not any(j not in found and _is_name_word(words[j]) for j in neighbours)


def _looks_like_office(text: str) -> bool:
    """Indonesian nouns of office (``Pertahanan``, ``Kementerian``, ``Pembangunan``)."""
    lowered = text.lower()
    return len(lowered) >= 8 and lowered.endswith("an") and lowered.startswith(("pe", "ke"))


# --- step 1 and 3: full names -----------------------------------------------------------------

def _match_reference(run, words, ref, headline, is_free, add) -> None:
    keys = [name_key(words[j].text) for j in run]
    i = 0
    while i < len(run):
        for n in range(min(5, len(run) - i), 0, -1):
            span = run[i:i + n]
            person_id = ref.person_by_key.get("".join(keys[i:i + n]))
            if person_id and is_free(span) and _is_name_word(words[span[-1]]) \
                    and (n > 1 or span[0] in headline or not _inside_unknown_name(run, i, words, keys, ref)):
                add(span[0], span[-1], person_id, "reference")
                i += n
                break
        else:
            i += 1


def _inside_unknown_name(run, k, words, keys, ref) -> bool:
    """Is the one-word name at ``run[k]`` part of a longer name the reference data does not
    know (``Bambang Sugiono`` is not Sugiono)?"""
    return any(0 <= j < len(run) and _is_name_word(words[run[j]]) and keys[j] not in ref.person_by_key
               for j in (k - 1, k + 1))


def _match_full_names(run, words, ref, discovered_by_key, introduced_by, is_free, add) -> None:
    i = 0
    while i < len(run):
        for n in (3, 2):
            span = run[i:i + n]
            if len(span) < n or not is_free(span) or not all(_is_name_word(words[j]) for j in span):
                continue
            tokens = [words[j].text for j in span]
            person_id = discovered_by_key.get(name_key("".join(tokens))) or _fuzzy_reference(tokens, ref)
            if person_id:
                add(span[0], span[-1], person_id, introduced_by.get(person_id, "reference"))
                i += n
                break
        else:
            i += 1


def _trailing_name(run, words, blocked, found) -> tuple[int, int] | None:
    """The name at the end of a capitalised run: 1–5 name words, none taken yet, initials
    inside (``M Tonny Harjono``) but not at its end."""
    k = len(run)
    while k > 0 and run[k - 1] not in blocked and run[k - 1] not in found \
            and (_is_name_word(words[run[k - 1]])
                 or (k < len(run) and _is_initial(words[run[k - 1]].text))):
        k -= 1
    size = len(run) - k
    if 1 <= size <= 5 and _is_name_word(words[run[-1]]):
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
    return 1 if DEPUTY_MINISTER.fullmatch(words[i].text) else 0


def _role_before(body, words, first, found) -> tuple[int, int] | None:
    """Character span of the title written right before the name starting at word ``first``:
    the leftmost title head in the stretch of title-like words that ends at the name
    (``Menteri Pertahanan Rusia``, ``pemimpin Korea Utara``, ``analis senior di …``)."""
    region = []
    i = first - 1
    while i >= 0 and len(region) < 10:
        right = words[i + 1]
        gap_ok = (_joined(body, words[i], right) or body[words[i].end:right.start] == "/"
                  or (i == first - 1 and _comma_between(body, words[i], right))
                  # "Menteri Pendidikan Tinggi, Sains, dan Teknologi": one office, listed
                  or (_comma_between(body, words[i], right) and words[i].text.lower() in OFFICE_WORDS
                      and (right.text.lower() in OFFICE_WORDS or right.text == "dan")))
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


# --- the tagger ---------------------------------------------------------------------------------

def _tagged_names(sentences, words, asked, tagger) -> dict[int, tuple[int, float]]:
    """The tagger's person names around the words ``asked`` (indices), as ``{last word
    index: (first word index, confidence)}``; names that do not start and end on words of
    ``words`` (one inside a boilerplate line) are left out."""
    if not asked:
        return {}
    names = {}
    for name in tagger.names_around(sentences, sorted(words[i].start for i in set(asked))):
        first = bisect.bisect_left(words, name.start, key=lambda w: w.start)
        last = bisect.bisect_left(words, name.end, key=lambda w: w.end)
        if last == len(words) or words[last].end != name.end:
            last -= 1                              # an initial's dot may end the name
        if first < len(words) and words[first].start == name.start and last >= first \
                and name.end - 1 <= words[last].end:
            names[last] = (first, name.confidence)
    return names


def _headline_words(body, words) -> set[int]:
    """Indices of words on lines written in title case (a headline, a section title: three to
    thirty words, those of four letters or more nearly all capitalised, no full stop at the
    end)."""
    inside = set()
    starts = [w.start for w in words]
    for line in re.finditer(r"[^\n]+", body):
        if line.group().rstrip().endswith("."):
            continue
        first, last = bisect.bisect_left(starts, line.start()), bisect.bisect_left(starts, line.end())
        if last - first > 30:
            continue
        long_words = [words[j].text for j in range(first, last) if len(words[j].text) >= 4]
        if len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words):
            inside.update(range(first, last))
    return inside


def _names_a_place(words, first, entity_words) -> bool:
    """``di Bangkok``, ``ke Bogor``, ``ibu kota Thailand, Bangkok``: a place."""
    j = first - 1
    if j >= 0 and words[j].text in PLACE_PREPOSITIONS:
        return True
    while j >= 0 and j in entity_words:
        j -= 1
    return j >= 0 and words[j].text in PLACE_NOUNS and not (j > 0 and _head_at(words, j - 1))


def _office_continues(body, words, last) -> bool:
    """``Menteri Sumber Daya Alam dan Lingkungan Hidup``: the words before ``dan`` name an
    office that goes on with another office word, not a person."""
    if last + 2 >= len(words) or words[last + 1].text != "dan":
        return False
    after = words[last + 2]
    return after.text[0].isupper() and (after.text.lower() in OFFICE_WORDS or _looks_like_office(after.text))


def _is_credit(body, words, first) -> bool:
    """A name written right after a slash is a photo or agency credit (``REUTERS/Jane Roe``)."""
    return body[words[first].start - 1:words[first].start] == "/"


def _tagger_confidence(tagged, first, last) -> float | None:
    entry = tagged.get(last)
    return entry[1] if entry and entry[0] == first else None


def _name_part(words, first, last) -> tuple[int, int] | None:
    """The name inside a tagged span: leading titles and capitalised function words left out
    (``Menlu``, ``Menurut``); None if any other word is no name word (``Kabinet Merah Putih``)."""
    while first <= last and (words[first].text.lower() in HEAD_WORDS
                             or words[first].text.lower() in SENTENCE_WORDS
                             or DEPUTY_MINISTER.fullmatch(words[first].text)):
        first += 1
    if first > last or not _is_name_word(words[last]):
        return None
    if all(_is_name_word(words[i]) or _is_initial(words[i].text) for i in range(first, last + 1)):
        return first, last
    return None


# --- step 4: short mentions -------------------------------------------------------------------

@functools.lru_cache(maxsize=1 << 14)  # the same names, article after article
def _short_keys(name: str, family_name_first: bool) -> frozenset[str]:
    """How a full name is shortened later: ``Kim Jong Un`` -> {kim, jongun}; ``Retno Marsudi``
    -> {retno, marsudi} (any part, but no initial and no common given name such as Muhammad)."""
    parts = [name_key(w) for w in NAME_WORD.findall(name)]
    if len(parts) < 2:
        return frozenset()
    if family_name_first:
        given = "".join(parts[1:])
        return frozenset([parts[0], given] if len(given) >= 5 else [parts[0]])
    return frozenset(part for part in parts if len(part) >= 3 and part not in COMMON_NAME_PARTS)


def _people_by_short_key(person_ids, ref, discovered, family_first_too=True) -> dict[str, set]:
    """``{short key: {person id, ...}}`` of the given people (family-name-first people left
    out unless ``family_first_too``)."""
    by_short_key = {}
    for person_id in person_ids:
        if person_id in ref.people:
            name, family_first = ref.people[person_id]["name"], person_id in ref.family_name_first
            aliases = ref.people[person_id]["aliases"]
        else:
            name = discovered[person_id]["name"]
            family_first = name_key(name.split()[0]) in KOREAN_FAMILY_NAMES
            aliases = []
        if family_first and not family_first_too:
            continue
        for alias in [name, *aliases]:
            for key in _short_keys(alias, family_first):
                by_short_key.setdefault(key, set()).add(person_id)
    return by_short_key


def _match_short_names(body, runs, words, ref, discovered, blocked, found, tagged, add) -> None:
    first_full = {}   # person id -> word index of the first full mention
    for i in sorted(found):
        person_id, full = found[i].person_id, found[i].full
        if person_id and full:
            first_full.setdefault(person_id, i)
    by_short_key = _people_by_short_key(first_full, ref, discovered)

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
    mention_starts = sorted(i for i, entry in found.items() if entry.person_id)
    next_mention = 0
    for span, key in sorted(candidates):
        here = span[0]
        while next_mention < len(mention_starts) and mention_starts[next_mention] < here:
            last_seen[found[mention_starts[next_mention]].person_id] = mention_starts[next_mention]
            next_mention += 1
        introduced = [pid for pid in by_short_key[key] if first_full[pid] < here]
        person_id = _most_recent(introduced, last_seen, words, body)
        if person_id:
            add(span[0], span[-1], person_id, "short_form",
                _tagger_confidence(tagged, span[0], span[-1]), full=False)
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
        person_id, last, _full, method, confidence = found[first]
        if person_id is None:
            continue
        role_span = _role_before(body, words, first, found) or _role_after(body, words, last, found)
        start, end = words[first].start, words[last].end
        mentions.append({
            "person_id": person_id, "surface": body[start:end],
            "role": body[role_span[0]:role_span[1]] if role_span else None,
            "start": start, "end": end,
            "sentence": _sentence_text(body, sentences, start, end),
            "method": method, "confidence": confidence,
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
