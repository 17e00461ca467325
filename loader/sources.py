"""Read article files: decoding, normalisation, boilerplate, metadata.

``read_article(path)`` turns one ``.txt`` file into an :class:`Article` whose ``body`` is the
story text alone; what the text says about itself (outlet, dateline, published, author, editor,
credited agencies, title) moves into fields. A sidecar YAML file can supply or override fields.
Problems a user must hear about raise :class:`SkipArticle` (the file is not loaded) or are added
to ``Article.notes`` (the file is loaded, e.g. "decoded as cp1252").
"""
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .extract.dates import parse_timestamp
from .ids import content_id

DEFAULT_MAX_BYTES = 2_000_000
SIDECAR_FIELDS = ("url", "outlet", "published", "title", "author", "editor", "dateline", "language")


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


# --- boilerplate and metadata ---------------------------------------------------------------

# Outlet markers as they appear in datelines, and the one name the database uses for each.
OUTLETS = [
    (r"TRIBUNNEWS(?:\.COM)?|Tribune?(?:news)?\.com", "Tribunnews.com"),
    (r"KOMPAS\.TV|KompasTV", "Kompas TV"),
    (r"KOMPAS\.com|KOMPAS\.COM", "Kompas.com"),
    (r"KOMPAS", "Kompas"),
    (r"Pahami\.id", "Pahami.id"),
    (r"ANTARA(?:NEWS)?(?:\.COM)?", "Antara"),
    (r"CNN Indonesia", "CNN Indonesia"),
    (r"detik(?:com|\.com)?", "detikcom"),
    (r"TEMPO(?:\.CO)?", "Tempo"),
    (r"Liputan6(?:\.com)?", "Liputan6.com"),
    (r"(?:SINDO ?NEWS|Sindonews)(?:\.com)?", "SINDOnews"),
    (r"okezone(?:\.com)?", "Okezone"),
    (r"REPUBLIKA(?:\.CO\.ID)?", "Republika"),
    (r"VIVA(?:\.co\.id)?", "VIVA"),
    (r"suara\.com", "Suara.com"),
    (r"kumparan(?:\.com)?", "kumparan"),
    (r"CNBC Indonesia", "CNBC Indonesia"),
]
_OUTLET = "|".join(f"(?:{pattern})" for pattern, _ in OUTLETS)
# A generic site name for outlets not in the table: "Example.id", "BERITA.COM".
_SITE = r"[A-Za-z][\w-]*\.(?:com|id|co\.id|tv|net|COM|ID|CO\.ID|TV|NET)"
_DASH = r"\s*[-—–]+\s*"

# "PYONGYANG, KOMPAS.TV - ", "Jakarta, Pahami.id —", "TRIBUNNEWS.COM - "
DATELINE = re.compile(
    rf"^(?:(?P<city>[A-Z][A-Za-z'.]+(?: [A-Z][A-Za-z'.]+){{0,2}}),\s*)?"
    rf"(?P<outlet>{_OUTLET}|{_SITE})(?:{_DASH}|\s*$)"
)
# "Liputan6.com, Jakarta - ": the outlet first.
DATELINE_OUTLET_FIRST = re.compile(
    rf"^(?P<outlet>{_OUTLET}|{_SITE}),\s*(?P<city>[A-Z][A-Za-z'.]+(?: [A-Z][A-Za-z'.]+){{0,2}}){_DASH}"
)
# A dateline cut short to the outlet name alone on its line: "TRIBUNNEWS."
BARE_OUTLET_LINE = re.compile(rf"^(?P<outlet>{_OUTLET})\.?$")
# "Kompas dunia | 19 Juli 2024, 14:11 WIB" in front of the dateline.
SECTION_AND_TIME = re.compile(
    r"^[^|]{0,40}\|\s*(?P<when>\d{1,2} [A-Za-z]+ \d{4}(?:,? \d{1,2}[:.]\d{2}(?: ?(?:WITA|WIB|WIT))?)?)\s*"
)
BYLINE_REPORTS = re.compile(r"^(?P<author>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}) dari (?P<site>\S+) melaporkan$")
CREDIT_FIELD = re.compile(r"(Penulis|Reporter|Editor|Penyunting|Sumber)\s*:\s*", re.I)
AGENCY_CREDIT = re.compile(r"^\((?P<agencies>[A-Z][\w .]*(?:/[A-Z][\w .]*)*)(?:/(?P<initials>[a-z]{2,5}))?\)$")
BOILERPLATE_LINE = re.compile(
    r"^(?:Baca (?:Juga|juga|JUGA)\s*:.*|Breaking News|BREAKING NEWS|Sumber|Advertisement|ADVERTISEMENT"
    r"|Simak (?:berita|breaking news) .*|Ikuti berita .*|Scroll to continue.*)$"
)


def outlet_name(marker: str) -> str:
    """The database's name for an outlet marker; unknown markers are kept as written."""
    for pattern, name in OUTLETS:
        if re.fullmatch(pattern, marker.rstrip("."), re.I):
            return name
    return marker


def _credits(line: str) -> dict | None:
    """``Penulis : A Editor : B`` -> {"author": "A", "editor": "B"}; None if not a credit line."""
    parts = CREDIT_FIELD.split(line)
    if parts[0].strip() or len(parts) < 3:
        return None
    keys = {"penulis": "author", "reporter": "author", "editor": "editor",
            "penyunting": "editor", "sumber": "source"}
    found = {}
    for label, value in zip(parts[1::2], parts[2::2]):
        found[keys[label.lower()]] = value.strip(" .") or None
    return found


def split_boilerplate(lines: list[str]) -> tuple[list[str], dict]:
    """Separate the story's paragraphs from boilerplate; return ``(paragraphs, metadata)``."""
    meta: dict = {"agencies": []}
    kept = []
    head = True  # datelines, bylines and titles only appear before the story starts
    for index, line in enumerate(lines):
        if BOILERPLATE_LINE.match(line):
            continue
        credits = _credits(line)
        if credits is not None:
            source = credits.pop("source", None)
            if source:
                meta["agencies"].append(source)
            meta.update({k: v for k, v in credits.items() if v})
            continue
        agency = AGENCY_CREDIT.match(line)
        if agency and index >= len(lines) - 2:
            meta["agencies"].extend(a.strip() for a in agency["agencies"].split("/"))
            continue
        if head:
            byline = BYLINE_REPORTS.match(line)
            if byline:
                meta["author"] = byline["author"]
                meta.setdefault("outlet", outlet_name(byline["site"]))
                continue
            bare = BARE_OUTLET_LINE.match(line)
            if bare:
                meta["outlet"] = outlet_name(bare["outlet"])
                continue
            section = SECTION_AND_TIME.match(line)
            if section:
                meta["published"] = parse_timestamp(section["when"])
                line = line[section.end():]
                if not line:
                    continue  # the dateline is on the next line
            dateline = DATELINE.match(line) or DATELINE_OUTLET_FIRST.match(line)
            if dateline:
                meta["outlet"] = outlet_name(dateline["outlet"])
                if dateline["city"]:
                    meta["dateline"] = dateline["city"].title()
                line = line[dateline.end():]
                head = False
                if not line:
                    continue
            elif line == meta.get("title"):
                continue  # the title repeated
            elif not kept and "title" not in meta and _looks_like_title(line, lines[index + 1:]):
                meta["title"] = line
                continue
        head = head and not _is_sentence(line)
        kept.append(line)
    return kept, meta


def _is_sentence(line: str) -> bool:
    return bool(re.search(r"[.!?”\"]$", line)) and len(line.split()) > 6


def _looks_like_title(line: str, rest: list[str]) -> bool:
    """A first line that is short, has no closing full stop, and is followed by the story."""
    return bool(rest) and 3 <= len(line.split()) <= 25 and not re.search(r"[.:;,]$", line)


# --- files and sidecars ---------------------------------------------------------------------

def read_article(path: Path, sidecar: dict | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file; raise SkipArticle with the reason when it cannot be loaded."""
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise SkipArticle("empty file")
    if size > max_bytes:
        raise SkipArticle(f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit for one article (raise it with --max-bytes)")
    raw = path.read_bytes()
    if looks_binary(raw):
        raise SkipArticle("binary file, not text")
    text, encoding = decode(raw)
    notes = [] if encoding.startswith("utf-8") else [f"not UTF-8: decoded as {encoding}"]
    paragraphs, meta = split_boilerplate(normalise(text))
    if not paragraphs:
        raise SkipArticle("no article text left after removing boilerplate")
    article = Article(source_file=path.name, body="\n\n".join(paragraphs), notes=notes, **meta)
    for key, value in (sidecar or {}).items():
        setattr(article, key, str(value) if value is not None else None)
    return article


def load_sidecars(folder: Path) -> tuple[dict[str, dict], list[str]]:
    """Sidecar metadata for the articles in ``folder``: ``sources.yml`` (file name -> fields) and
    ``<name>.yml`` beside ``<name>.txt`` (the per-file one wins). Returns ``(by_file_name, problems)``."""
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
        sidecars.setdefault(path.stem + ".txt", {}).update(cleaned)
    return sidecars, problems


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
    """The ``.txt`` files named, or found (sorted) in the folders named."""
    files = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            files.extend(sorted(source.glob("*.txt")))
        else:
            files.append(source)
    return files
