"""Read article files: decoding, normalisation, boilerplate, metadata.

``read_article(path)`` turns one page (``.txt`` as copied from a browser, or a saved ``.html``
page, see ``html_pages``) into an :class:`Article` whose ``body`` is the story text alone; what the
page says about itself (outlet, dateline, published, author, editor, credited agencies, title)
moves into fields, and page furniture, captions and credits go. ``read_file`` also reads scraper
exports (``exports``), many articles to a file. A sidecar YAML file can supply or override fields.
Problems a user must hear about raise :class:`SkipArticle` (the file is not loaded) or are added
to ``Article.notes`` (the file is loaded, e.g. "decoded as cp1252").
"""
import collections
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from .extract.dates import WEEKDAYS
from .ids import content_id
from .outlets import Outlets, host_of, load_outlets
from .page_time import Stamp, day_in_url, find_stamps

DEFAULT_MAX_BYTES = 2_000_000
SIDECAR_FIELDS = ("url", "outlet", "published", "title", "author", "editor", "dateline", "language")
PAGE_SUFFIXES = (".txt", ".html", ".htm")
EXPORT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv")


class SkipArticle(Exception):
    """The file cannot be loaded as an article; the message says why."""


@dataclass
class Article:
    source_file: str
    body: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    dateline: str | None = None
    author: str | None = None
    editor: str | None = None
    agencies: list[str] = field(default_factory=list)
    language: str = "id"
    notes: list[str] = field(default_factory=list)
    published_text: str | None = None     # the words the publication time was read from
    published_source: str | None = None   # text, html, url, sidecar or export

    @property
    def id(self) -> str:
        # From content, so the same text gets the same id under any file name.
        return content_id(self.body)

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    def row(self) -> dict:
        return {
            "id": self.id, "source_file": self.source_file, "outlet": self.outlet,
            "title": self.title, "url": self.url, "published": self.published,
            "dateline": self.dateline, "author": self.author, "editor": self.editor,
            "agencies": self.agencies, "language": self.language, "body": self.body,
            "word_count": self.word_count, "notes": self.notes,
            "published_text": self.published_text, "published_source": self.published_source,
        }


# --- decoding and normalisation -------------------------------------------------------------

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
]


def decode(raw: bytes) -> tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are decoded as such. Anything else is
    Windows-1252, the encoding of text saved by Windows editors, which maps every byte the
    Indonesian press uses (curly quotes, dashes) correctly; the caller warns about it.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control characters: not a text file."""
    sample = raw[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise(text: str) -> list[str]:
    """NFC, one kind of line ending, single spaces; returns the non-empty lines."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _INVISIBLE.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


# --- page furniture, captions and credits ---------------------------------------------------

# A site name for outlets not in the table: "Patrazone.com", "BERITA.CO.ID".
_SITE = r"(?i:[a-z][\w-]*(?:\.[a-z][\w-]*)*\.(?:co\.id|my\.id|web\.id|or\.id|com|id|tv|net|org|news|co|info))"

# Whole lines that belong to the page, not the story: navigation, share and app widgets, ads,
# links to other stories, reader polls, cookie banners. Matched without regard to case.
FURNITURE = re.compile("|".join(f"(?:{p})" for p in [
    r"baca (?:juga|pula|selengkapnya|artikel|berita|informasi)\b.*|baca ju(?:g|ga)?",
    r"breaking news|sumber|advertisement|advertisment|iklan|sponsored|konten sponsor|scroll to continue.*"
    r"|gulir (?:ke bawah )?untuk melanjutkan.*|lanjutkan membaca.*",
    r"(?:simak|ikuti|tonton|dengarkan|download|unduh|gabung)\b.*\b(?:berita|breaking news|whatsapp"
    r"|channel|google news|aplikasi|app|video|update)\b.*",
    r"share\d*|bagikan(?: artikel| berita)?(?: ini)?:?|share (?:this|ini).*",
    r"(?:pergi ke (?:menu|halaman utama|konten) ?)+|go top|back to top|kembali ke atas"
    r"|skip to (?:main )?content|lompat ke konten",
    r"text sizes?|ukuran (?:teks|huruf)|aa|a\+|a-",
    r"(?:cerita|berita|artikel) (?:rekomendasi|terkait|pilihan|populer|lainnya|terbaru)|rekomendasi"
    r"|terpopuler|populer|pilihan editor|terkini|trending|most popular|related (?:news|articles?)",
    r"list of \d+ items|end of list|close|tutup|detail ?>",
    r"situs (?:ini|kami) menggunakan cookie.*",
    r"bagaimana (?:tanggapan|pendapat|reaksi) (?:anda|kamu) (?:mengenai|tentang|terhadap) (?:artikel|berita) ini\??",
    r"disclaimer\s*:.*|intinya sih\W*|selengkapnya",
    r"\[[^\]]{1,60}\]",   # an embed's placeholder: [Gambas:Video 20detik]
]), re.IGNORECASE)
# The same, for words anywhere in a short line ("… klik di sini", a cookie banner, a promotion).
FURNITURE_WORDS = re.compile(r"\bklik di ?sini\b|\bwhatsapp ke nomor\b|\bcookies?\b.*\b(?:setuju|menyetujui|accept)\b",
                             re.IGNORECASE)
FURNITURE_MAX = 300   # characters: no widget is longer; a story's paragraph often is
# A photo caption or credit: "Foto: KCNA", "Photo : YONHAP News", "(Foto: AFP).", a licence,
# "(REUTERS/Jonathan Ernst)", "TASS/Valery Sharifulin", "ANTARA FOTO/REUTERS/Anna Smith",
# "Fakta.com/Evry", "…Vladimir Putin/Net". The labelled ones in any case, the others with capitals.
CAPTION_START = re.compile(r"(?:foto|photo|gambar|ilustrasi|sumber foto|kredit foto|dok|dokumentasi)\s*:\s*.{1,80}$",
                           re.IGNORECASE)
# Credits closing a caption, looked for in its last CAPTION_TAIL characters.
CAPTION_END_LABELLED = re.compile(
    r"\b(?:foto|photo|gambar|sumber foto)\s*:\s*.{1,80}$"
    r"|\((?:foto|photo|gambar|dok|ilustrasi)\b[^)]*\)\.?$"
    r"|\([^)]*(?:cc by|wikimedia|creative commons)[^)]*\)\.?$", re.IGNORECASE)
_PERSON = r"[A-Z][a-z]+(?: [A-Z][a-z]+)+"
CAPTION_END_CREDIT = re.compile(
    rf"\([A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*(?:/[A-Z][\w.&-]*)*/{_PERSON}\)\.?$"
    r"|\b[\w-]+\.(?:com|id|co\.id|net|tv)/[A-Z]\w*(?: [A-Z]\w*)?\.?$"
    r"|\w/(?:Net|Ist|Istimewa|Dok|Dokumentasi|Repro|Handout)\.?$")
CAPTION_TAIL, CAPTION_CREDIT_TAIL = 160, 80
# Looked for in lower case: a case-blind search of them costs six times as much.
CAPTION_WORDS = re.compile(r"foto|photo|gambar|dok|ilustrasi|cc by|wikimedia|creative commons")
_SLASH_CAPITAL = re.compile(r"/[A-Z]")
# An agency and its photographer, also glued inside a caption printed twice.
CAPTION_AGENCY_PHOTOGRAPHER = re.compile(rf"\b[A-Z]{{2,}}(?: FOTO)?(?:/[A-Z]{{2,}})*/{_PERSON}")
CREDIT_FIELD = re.compile(r"\b(Penulis|Reporter|Pewarta|Laporan|Editor|Penyunting|Redaktur|Red|Sumber)\s*:\s*", re.I)
CREDIT_KEYS = {"penulis": "author", "reporter": "author", "pewarta": "author", "laporan": "author",
               "editor": "editor", "penyunting": "editor", "redaktur": "editor", "red": "editor",
               "sumber": "source"}
AGENCY_CREDIT = re.compile(r"^\((?P<agencies>[A-Z][\w .]*(?:/[A-Z][\w .]*)*)(?:/(?P<initials>[a-z]{2,5}))?\)$")
# A reporter's name in brackets closing the story: "(Rina Wulandari)".
REPORTER_CREDIT = re.compile(r"^\((?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,3})\)$")
AGENCY_WORDS = {"Press", "News", "Agency", "Kantor", "Berita", "Foto", "Photo", "Reuters", "Times", "Post"}
# Editors' initials closing a story: "[rd/ab]", "(ant/sb)"; glued to the last paragraph: "Ant/SB/AR-2".
INITIALS_LINE = re.compile(r"^[\[(][a-z]{1,5}(?:/[a-z]{1,5})+[\])]$")
GLUED_INITIALS = re.compile(r"\s+(?:[A-Z][A-Za-z]{1,5}(?:/[A-Z]{1,5}){1,4}(?:-\d+)?|[\[(][a-z]{1,5}(?:/[a-z]{1,5})+[\])])$")
# A source credited in brackets at the very end of the story: "… kami.” (BBC Indonesia.com)".
GLUED_SOURCE = re.compile(rf"\s+\((?P<source>(?:[A-Z]\w* )*{_SITE})\)$")
BYLINE_REPORTS = re.compile(r"^(?P<author>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}) dari (?P<site>\S+) melaporkan$")
BY = re.compile(r"^(?:oleh|by)\s*:?\s+(?P<author>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,4})$", re.I)
NAME_LIKE = re.compile(r"^[A-Z][\w'.-]*(?: (?:[A-Z][\w'.-]*|bin|binti|van|de)){1,4}$")


def _furniture(line: str) -> bool:
    if len(line) > FURNITURE_MAX:
        return False
    if FURNITURE.fullmatch(line):
        return True
    lower = line.lower()
    return ("klik" in lower or "whatsapp" in lower or "cookie" in lower) and FURNITURE_WORDS.search(line) is not None


def _caption(line: str) -> bool:
    if CAPTION_START.match(line):
        return True
    tail = line[-CAPTION_TAIL:]
    if CAPTION_WORDS.search(tail.lower()) and CAPTION_END_LABELLED.search(tail):
        return True
    # The other credits have a slash before a capital: "/Jonathan Ernst)", "/Net", "AFP/Reuters".
    return _SLASH_CAPITAL.search(line) is not None and (
        CAPTION_END_CREDIT.search(tail[-CAPTION_CREDIT_TAIL:]) or CAPTION_AGENCY_PHOTOGRAPHER.search(line)) is not None


def _credits(line: str) -> dict | None:
    """``Penulis : A Editor : B`` -> {"author": "A", "editor": "B"}; None if not a credit line."""
    if ":" not in line:
        return None
    parts = CREDIT_FIELD.split(line)
    if parts[0].strip(" |•-") or len(parts) < 3:
        return None
    found = {}
    for label, value in zip(parts[1::2], parts[2::2]):
        found[CREDIT_KEYS[label.lower()]] = value.strip(" .|") or None
    return found


def _is_sentence(line: str) -> bool:
    words = line.count(" ") + 1  # normalise left single spaces
    return (line[-1:] in ".!?”\"" and words > 6) or words > 15


def _looks_like_title(line: str) -> bool:
    """A headline: a few words, no closing full stop, not a caption or a credit."""
    return (3 <= len(line.split()) <= 25 and not re.search(r"[.:;,]$", line)
            and not _caption(line) and _credits(line) is None)


# --- datelines and bylines ------------------------------------------------------------------

_CITY = r"[A-Z][A-Za-z'.]+(?: [A-Z][A-Za-z'.]+){0,2}"
_CAPS_CITY = r"[A-Z][A-Z'.]+(?: [A-Z][A-Z'.]+){0,2}"
_DASH = r"\s*[-—–]+\s*"
_SITE_START = re.compile(_SITE)
CITY_SPAN = 45   # characters: a dateline's place and its comma or bracket come before this
# Words that open a story line with a colon but are no dateline.
NOT_A_PLACE = {"Catatan", "Foto", "Baca", "Sumber", "Editor", "Penulis", "Update", "Laporan", "Oleh",
               "Red", "Ilustrasi", "Video", "Simak", "Disclaimer", "Intinya", "Kesimpulan", "Jawab",
               "Tanya", "Pertanyaan", "Keterangan", "Info", "Lokasi", "Waktu", "Tempat"}


@dataclass(frozen=True)
class _Datelines:
    """The dateline and byline patterns for one outlet table, in the order they are tried."""
    datelines: list     # (regex, kind)
    outlet_starts: frozenset   # the first two letters of every spelling, lower case
    outlet_line: re.Pattern
    author_outlet: re.Pattern
    outlet_prefix: re.Pattern


@functools.lru_cache(maxsize=4)
def _datelines(outlets: Outlets) -> _Datelines:
    known = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in outlets.spellings)
    outlet = rf"(?:(?i:{known})(?![\w])|{_SITE})"
    return _Datelines(
        outlet_starts=frozenset(s[:2].lower() for s in outlets.spellings),
        datelines=[
            # PYONGYANG, KOMPAS.TV -   Jakarta, Pahami.id —   Jakarta, IDN Times -
            (re.compile(rf"^(?P<city>{_CITY}),\s*(?P<outlet>{outlet})(?:{_DASH}|\s*$)"), "city_outlet"),
            # Liputan6.com, Moskow -   GARUDASAKTI.ID – Jakarta –   Visiokreatif.com – Jakarta.
            (re.compile(rf"^(?P<outlet>{outlet})(?:,\s*|{_DASH})(?P<city>{_CITY})(?:{_DASH}|\.\s+)"), "outlet_city"),
            # Jakarta (ANTARA) -
            (re.compile(rf"^(?P<city>{_CITY})\s*\((?P<outlet>[^()]{{2,30}})\){_DASH}"), "city_paren"),
            # TRIBUNNEWS.COM -   Patrazone.com –   and the name alone on its line: TRIBUNNEWS.
            (re.compile(rf"^(?P<outlet>{outlet})(?:{_DASH}|\.?\s*$)"), "outlet"),
            # Moskow, Suarathailand-: a place, then one word that is a site's name
            (re.compile(rf"^(?P<city>{_CITY}),\s*(?P<outlet>[A-Za-z][\w.]*[a-z][\w.]*)\s*[-—–]+\s*"), "city_word"),
            # SEOUL -   JAKARTA —   Singapura -
            (re.compile(rf"^(?P<city>{_CAPS_CITY}){_DASH}|^(?P<city2>{_CITY})\s+[-—–]+\s+"), "city"),
            # Pyongyang: …
            (re.compile(rf"^(?P<city3>[A-Z][a-z]+(?: [A-Z][a-z]+)?):\s+(?=[A-Z\"“])"), "city_colon"),
        ],
        outlet_line=re.compile(rf"^(?P<outlet>{outlet})\.?$"),
        # Novi Christiastuti - detikNews
        author_outlet=re.compile(rf"^(?P<author>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){{0,4}}){_DASH}(?P<outlet>{outlet})$"),
        # Kompas.com - (before a timestamp)
        outlet_prefix=re.compile(rf"^(?P<outlet>{outlet})$"),
    )


def _dateline(line: str, patterns: _Datelines) -> tuple[dict, str] | None:
    """``(fields, rest)`` when ``line`` opens with a dateline: fields city/outlet/agency as written."""
    # The patterns that name a known outlet are slow to try: only where the line can hold one.
    site_or_known = line[:2].lower() in patterns.outlet_starts or _SITE_START.match(line)
    comma, paren = "," in line[:CITY_SPAN], "(" in line[:CITY_SPAN]
    for regex, kind in patterns.datelines:
        if ((kind in ("outlet_city", "outlet") and not site_or_known)
                or (kind in ("city_outlet", "city_word") and not comma) or (kind == "city_paren" and not paren)):
            continue
        match = regex.match(line)
        if not match:
            continue
        groups = match.groupdict()
        city = groups.get("city") or groups.get("city2") or groups.get("city3")
        if kind == "city_colon" and (city in NOT_A_PLACE or len(line.split()) < 8):
            continue
        if kind == "city_word" and match["outlet"].lower() in WEEKDAYS:
            continue
        fields = {"city": city}
        if kind == "city_paren":
            fields["paren"] = match["outlet"].strip()
        elif groups.get("outlet"):
            fields["outlet"] = match["outlet"]
        return fields, line[match.end():]
    return None


# --- the page's header, its story, and what they say about the page -------------------------

# Characters: a line longer than LONG_LINE is a header line only with a timestamp at its front
# (glued to the dateline); past the story's start a timestamp line is never longer than STAMP_LINE.
LONG_LINE, STAMP_FRONT, STAMP_LINE = 200, 80, 160
HEADER_SCAN = 40      # a page's header lines come before this many lines
SENTENCES_BEFORE_DATELINE = 2   # a standfirst or a caption may come before the dateline


def split_boilerplate(lines: list[str], outlets: Outlets | None = None) -> tuple[list[str], dict]:
    """Separate the story's paragraphs from the page around them; return ``(paragraphs, meta)``.

    The story starts at its dateline (``PYONGYANG, KOMPAS.TV -``), or, on a page without one, at
    its first sentence. What comes before is the page's header: the title (its first headline),
    the timestamp, bylines and credits are read from it; navigation, captions and standfirsts go.
    Inside the story, furniture, captions, credits, repeated lines and links to other stories go.
    ``meta`` holds what the page says about itself (outlet and the other Article fields, each as
    written, and ``notes`` for a reviewer)."""
    outlets = outlets or load_outlets()
    patterns = _datelines(outlets)
    counts = collections.Counter(lines)
    # A line printed three times or more is a widget ("Nikmati berita tanpa iklan, klik di sini…").
    lines = [line for line in lines if not _furniture(line) and counts[line] < 3]
    meta: dict = {"agencies": [], "notes": []}
    found: dict = {"stamps": []}  # what the text says, settled into meta at the end
    start, opening = _story_start(lines, patterns)
    seen = set()
    for line in lines[:start]:
        seen.add(line)
        if not _header_line(line, patterns, found) and "title" not in found and _looks_like_title(line):
            found["title"] = line
    kept: list[str] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if index == start and opening is not None:
            _header_line(line, patterns, found)  # a timestamp before the dateline, on its line
            fields, line = opening
            found.setdefault("dateline", fields)
            if not line:
                continue
        elif line in seen or line == found.get("title"):
            continue  # a repeated title, standfirst or caption
        seen.add(line)
        if INITIALS_LINE.match(line):
            break                                     # the editors' initials close the story
        if _caption(line):
            continue
        agency = AGENCY_CREDIT.match(line)
        if agency and agency["initials"]:
            found.setdefault("sources", []).extend(a.strip() for a in agency["agencies"].split("/"))
            break                                     # (AFP/vws) closes it too
        if _story_credit(line, index >= len(lines) - 2, found):
            continue
        if len(line) <= STAMP_LINE and line[-1] not in ".”\"" and _stamp_line(line, patterns) is not None:
            if len(kept) <= 1:
                _header_line(line, patterns, found)   # after a standfirst: still the page's
                continue
            if not _is_sentence(kept[-1]):
                kept.pop()                            # another story's headline and time:
                break                                 # a list of other stories ends this one
            continue
        kept.append(line)
    if kept:
        kept[-1] = GLUED_INITIALS.sub("", kept[-1])
        source = GLUED_SOURCE.search(kept[-1])
        if source:
            found.setdefault("sources", []).append(source["source"])
            kept[-1] = kept[-1][:source.start()]
    if not kept and "title" in found and start == 0:
        kept = [found.pop("title")]
    _settle(found, meta, outlets)
    return kept, meta


def _story_start(lines: list[str], patterns: _Datelines) -> tuple[int, tuple | None]:
    """The index of the story's first line, and its dateline ``(fields, rest)`` if it has one."""
    sentences, first_sentence = 0, None
    for index, line in enumerate(lines[:HEADER_SCAN]):
        stamped = _stamp_line(line, patterns)
        if stamped is not None and stamped.get("rest"):
            opening = _dateline(stamped["rest"], patterns)   # Kompas dunia | 19 Juli 2024, 14:11 WIBPYONGYANG, …
            if opening:
                return index, opening
        opening = _dateline(line, patterns) if stamped is None else None
        if opening and sentences <= SENTENCES_BEFORE_DATELINE and _opens_story(opening, index, lines):
            return index, opening
        if stamped is None and not _caption(line) and _is_sentence(line):
            sentences += 1
            if first_sentence is None:
                first_sentence = index
        if sentences > SENTENCES_BEFORE_DATELINE:
            break
    if first_sentence is not None:
        return first_sentence, None
    # No sentence at all (a short text): a first headline-like line is the title.
    return (1, None) if len(lines) > 1 and _looks_like_title(lines[0]) else (0, None)


def _opens_story(opening: tuple, index: int, lines: list[str]) -> bool:
    """A dateline is followed by the story, on its line or the next."""
    fields, rest = opening
    if rest:
        return len(rest.split()) >= 4
    return index + 1 < len(lines)


def _stamp_line(line: str, patterns: _Datelines) -> dict | None:
    """A header line holding the page's timestamp, with what stands around it: ``{"stamps",
    "outlet", "author", "credits", "rest"}`` (``rest``: a dateline glued after the time); None
    when the line is not one (a date inside a sentence is the story's)."""
    # A header line is short; on a long one only a stamp at its front (before a dateline) counts.
    stamps = find_stamps(line if len(line) <= LONG_LINE else line[:STAMP_FRONT])
    if not stamps:
        return None
    # The stamps side by side at the front ("Write: …Update: …"); a later one is the story's.
    chain = stamps[:1]
    for stamp in stamps[1:]:
        if line[chain[-1].end:stamp.start].strip(" |•·,-–—"):
            break
        chain.append(stamp)
    before = line[:chain[0].start].strip()
    after = line[chain[-1].end:].strip()
    result: dict = {"stamps": chain}
    bare = before.rstrip(" |•·,:-–—").strip()
    if bare:
        if patterns.outlet_prefix.match(bare):
            result["outlet"] = bare                     # Kompas.com - 14/03/2021, 09:47 WIB
        elif before.endswith("|") and len(bare.split()) <= 3:
            pass                                        # a section: Kompas dunia | 19 Juli 2024
        elif NAME_LIKE.match(bare) and before[len(bare):].strip() in ("•", "·", "|", "-", "–", ","):
            result["author"] = bare                     # Dewi Lestari • 8 May 2025 16:20
        else:
            return None
    after = after.lstrip(" |•·,-–—")
    if after:
        credits = _credits(after)
        if credits is not None:
            result["credits"] = credits                 # … | 08:21 WIB | LAPORAN: RINA …
        elif (not before or before.endswith("|")) and _dateline(after, patterns):
            result["rest"] = after                      # … 14:11 WIBPYONGYANG, KOMPAS.TV - …
        else:
            return None
    return result


def _header_line(line: str, patterns: _Datelines, found: dict) -> bool:
    """Read what a header line says into ``found``; False when it says nothing (a title, a
    caption, navigation: the caller decides)."""
    stamped = _stamp_line(line, patterns)
    if stamped is not None:
        found["stamps"].extend(stamped["stamps"])
        for key in ("outlet", "author"):
            if stamped.get(key):
                found.setdefault(f"header_{key}", stamped[key])
        for key, value in (stamped.get("credits") or {}).items():
            if value and key != "source":
                found.setdefault(key, value)
        return True
    credits = _credits(line)
    if credits is not None:
        for key, value in credits.items():
            if value and key == "source":
                found.setdefault("sources", []).append(value)
            elif value:
                found.setdefault(key, value)
        return True
    for regex, author_group, outlet_group in ((BYLINE_REPORTS, "author", "site"),
                                              (patterns.author_outlet, "author", "outlet"),
                                              (BY, "author", None)):
        match = regex.match(line)
        if match:
            found.setdefault("author", match[author_group])
            if outlet_group:
                found.setdefault("header_outlet", match[outlet_group])
            return True
    match = patterns.outlet_line.match(line)
    if match and not _looks_like_title(line):
        found.setdefault("header_outlet", match["outlet"])   # TRIBUNNEWS.
        return True
    return False


def _story_credit(line: str, near_end: bool, found: dict) -> bool:
    """Credits inside or closing the story: ``Penulis : … Editor : …``, ``Sumber : …``,
    ``(AFP/vws)``, ``(Rina Wulandari)``. True when the line is one (it leaves the body)."""
    credits = _credits(line)
    if credits is not None:
        source = credits.pop("source", None)
        if source:
            found.setdefault("sources", []).append(source)
        for key, value in credits.items():
            if value:
                found[key] = value
        return True
    if not near_end:
        return False
    reporter = REPORTER_CREDIT.match(line)
    if reporter and not set(reporter["name"].split()) & AGENCY_WORDS:
        found.setdefault("author", reporter["name"])
        return True
    agency = AGENCY_CREDIT.match(line)
    if agency:
        found.setdefault("sources", []).extend(a.strip() for a in agency["agencies"].split("/"))
        return True
    return False


def _settle(found: dict, meta: dict, outlets: Outlets) -> None:
    """What the text said, as Article fields: the outlet as written, one publication time."""
    if found.get("title"):
        meta["title"] = found["title"]
    for key in ("author", "editor"):
        if found.get(key):
            meta[key] = found[key]
    meta["agencies"].extend(found.get("sources", []))
    dateline = found.get("dateline") or {}
    if dateline.get("city"):
        meta["dateline"] = dateline["city"].title()
    written = dateline.get("outlet") or found.get("header_outlet")
    paren = dateline.get("paren")
    if not written and paren:
        if outlets.named(paren):
            written = paren                    # Jakarta (ANTARA) -
        else:
            meta["agencies"].append(paren)     # SEOUL (AP) -
    if written:
        meta["outlet"] = written.strip(" .")   # as written: page_article gives it its one name
    _settle_published(found["stamps"], meta)


def _settle_published(stamps: list[Stamp], meta: dict) -> None:
    published = [stamp for stamp in stamps if not stamp.updated]
    days = {stamp.iso[:10] for stamp in published}
    if len(days) == 1:
        meta["published"], meta["published_text"] = published[0].iso, published[0].text
        meta["published_source"] = "text"
        if published[0].weekday_mismatch:
            meta["notes"].append(f"weekday_mismatch: the header's weekday is not that of its date ({published[0].text})")
    elif len(days) > 1:
        meta["notes"].append("published left empty: the header prints different days ("
                             + "; ".join(stamp.text for stamp in published) + ")")
    elif stamps:
        meta["notes"].append(f"published left empty: the page prints only an update time ({stamps[0].text})")


# --- files, and the fields settled across text, page, URL and sidecar -----------------------

def read_bytes(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes; SkipArticle when it is empty or over ``max_bytes`` (None: no limit)."""
    size = path.stat().st_size
    if size == 0:
        raise SkipArticle("empty file")
    if max_bytes and size > max_bytes:
        raise SkipArticle(f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit for one article (raise it with --max-bytes)")
    return path.read_bytes()


def read_article(path: Path, sidecar: dict | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 outlets: Outlets | None = None) -> Article:
    """Read one page (``.txt`` or ``.html``); raise SkipArticle with the reason when it cannot be loaded."""
    path = Path(path)
    raw = read_bytes(path, max_bytes)
    if path.suffix.lower() in (".html", ".htm"):
        from .html_pages import read_html  # trafilatura is imported only where pages are HTML
        return read_html(raw, path.name, sidecar, outlets)
    if looks_binary(raw):
        raise SkipArticle("binary file, not text")
    text, encoding = decode(raw)
    notes = [] if encoding.startswith("utf-8") else [f"not UTF-8: decoded as {encoding}"]
    return page_article(path.name, normalise(text), outlets, notes, sidecar=sidecar)


def read_file(path: Path, sidecar: dict | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              outlets: Outlets | None = None) -> Iterator[tuple[str | None, Article | str]]:
    """Every article of one file as ``(record, article)``, or ``(record, reason)`` for a record
    that cannot be loaded: a page is one article (record None), a scraper export one per record
    (record ``L17``, the line it starts on). SkipArticle when the whole file cannot be read."""
    path = Path(path)
    if path.suffix.lower() in EXPORT_SUFFIXES:
        from .exports import read_export
        # An export holds many articles: the limit is for each record's text, not the file.
        yield from read_export(path, read_bytes(path, None), sidecar, outlets, max_bytes)
    else:
        yield None, read_article(path, sidecar, max_bytes, outlets)


def page_article(source_file: str, lines: list[str], outlets: Outlets | None, notes: list[str],
                 given: dict | None = None, sidecar: dict | None = None) -> Article:
    """The Article of a page's text lines. ``given``: what the page's markup or an export's
    record says (``url``, ``title``, ``outlet``, ``published`` with ``published_text``, ``author``,
    and ``source``: html or export), which wins over the text; the sidecar wins over both."""
    outlets = outlets or load_outlets()
    paragraphs, meta = split_boilerplate(lines, outlets)
    if not paragraphs:
        raise SkipArticle("no article text left after removing boilerplate")
    written_outlet = meta.pop("outlet", None)
    article = Article(source_file=source_file, body="\n\n".join(paragraphs),
                      notes=[*notes, *meta.pop("notes")], **meta)
    given = given or {}
    article.url = given.get("url") or article.url
    article.title = given.get("title") or article.title
    article.author = article.author or given.get("author")
    if given.get("published"):
        article.published, article.published_text = given["published"], given.get("published_text")
        article.published_source = given["source"]
    for key, value in (sidecar or {}).items():
        setattr(article, key, str(value) if value is not None else None)
    if sidecar and sidecar.get("published"):
        article.published_text, article.published_source = str(sidecar["published"]), "sidecar"
    if not (sidecar or {}).get("outlet"):
        article.outlet = _outlet(article, written_outlet, given.get("outlet"), outlets)
    if not article.published and article.url:
        day = day_in_url(article.url)
        if day:
            article.published, article.published_text = day
            article.published_source = "url"
            article.notes.append(f"published_from_url: the page prints no day; {day[1]} in its URL gives one")
    return article


def _outlet(article: Article, written: str | None, given: str | None, outlets: Outlets) -> str | None:
    """One outlet name: the URL's domain when outlets.yml knows it, else the outlet the text
    names (dateline, byline), else what the page's markup or export names, else the URL's host;
    a name not in outlets.yml is kept as written, with a note."""
    known = outlets.at(article.url)
    if known:
        return known
    for candidate in (written, given, host_of(article.url)):
        if candidate:
            name = outlets.named(candidate) or outlets.at(candidate)
            if not name:
                article.notes.append(f"outlet {candidate!r} is not in outlets.yml: kept as written")
            return name or candidate
    if article.dateline:
        article.notes.append(f"outlet unknown: the dateline ({article.dateline}) names no outlet outlets.yml knows")
    return None


def load_sidecars(folder: Path) -> tuple[dict[str, dict], list[str]]:
    """Sidecar metadata for the articles in ``folder``: ``sources.yml`` (file name -> fields) and
    ``<name>.yml`` beside ``<name>.txt`` or ``<name>.html`` (the per-file one wins). Returns
    ``(fields by file name or, for a per-file sidecar, by name without suffix, problems)``; use
    ``sidecar_for`` to look one file up."""
    sidecars: dict[str, dict] = {}
    problems = []
    shared = folder / "sources.yml"
    if shared.exists():
        data, problem = _read_yaml(shared)
        if problem:
            problems.append(problem)
        for name, fields in (data or {}).items():
            cleaned, problem = _sidecar_fields(shared, fields, name)
            problems.extend([problem] if problem else [])
            sidecars[str(name)] = cleaned
    for path in sorted(folder.glob("*.yml")):
        if path.name == "sources.yml":
            continue
        data, problem = _read_yaml(path)
        if problem:
            problems.append(problem)
            continue
        cleaned, problem = _sidecar_fields(path, data, None)
        problems.extend([problem] if problem else [])
        sidecars.setdefault(path.stem, {}).update(cleaned)
    return sidecars, problems


def sidecar_for(sidecars: dict[str, dict], path: Path) -> dict | None:
    """The sidecar fields of one article file: its ``sources.yml`` entry, then its own ``.yml``."""
    fields = {**sidecars.get(path.name, {}), **sidecars.get(path.stem, {})}
    return fields or None

def _read_yaml(path: Path) -> tuple[object, str | None]:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return None, f"{path}: not valid YAML, ignored ({str(error).splitlines()[0]})"


def _sidecar_fields(path: Path, data: object, name: str | None) -> tuple[dict, str | None]:
    where = f"{path}" + (f" [{name}]" if name else "")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"{where}: expected a mapping of fields, ignored"
    unknown = sorted(set(data) - set(SIDECAR_FIELDS))
    cleaned = {k: v for k, v in data.items() if k in SIDECAR_FIELDS}
    if "published" in cleaned and not isinstance(cleaned["published"], str):
        cleaned["published"] = cleaned["published"].isoformat()  # YAML parsed it as a date
    problem = f"{where}: unknown fields ignored: {', '.join(map(str, unknown))}" if unknown else None
    return cleaned, problem


def find_article_files(sources: list[Path]) -> list[Path]:
    """The files named, or the article files found (sorted) in the folders named: pages
    (``.txt``, ``.html``, ``.htm``) and scraper exports (``.jsonl``, ``.ndjson``, ``.json``, ``.csv``)."""
    files = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            files.extend(sorted(p for p in source.iterdir()
                                if p.suffix.lower() in PAGE_SUFFIXES + EXPORT_SUFFIXES and p.is_file()))
        else:
            files.append(source)
    return files
