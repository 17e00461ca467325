"""Scraper exports: JSON Lines, JSON arrays and CSV with one article per record, as news-please,
Media Cloud and trafilatura write them.

Each record becomes an Article through the same text reader as a copied page
(``sources.page_article``), or through the HTML reader when the record holds the page's HTML
and no text. Its ``source_file`` is ``export.jsonl#L17``: the file and the line the record starts
on. A record that cannot be loaded (a line that is not JSON, a record without text) gives one
reason naming that line, and the rest of the file is read.
"""
import csv
import io
import json
from pathlib import Path
from typing import Iterator

from .outlets import Outlets
from .page_time import find_stamps
from .sources import Article, SkipArticle, decode, looks_binary, normalise, page_article

# The fields each exporter writes, in the order they are looked for.
FIELDS = {
    "text": ("maintext", "text", "content", "raw_text", "body", "article_text"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "published": ("date_publish", "published", "publish_date", "publication_date", "date", "pubdate"),
    "url": ("url", "link", "canonical_url", "source_url", "source"),
    "outlet": ("source_domain", "outlet", "media_name", "sitename", "source-hostname", "hostname"),
    "author": ("authors", "author", "byline"),
}


def read_export(path: Path, raw: bytes, sidecar: dict | None, outlets: Outlets | None,
                max_bytes: int | None = None) -> Iterator[tuple[str, Article | str]]:
    """``(record, article)`` or ``(record, reason)`` for each record of an export file, record
    being ``L<line>``; SkipArticle when the file as a whole cannot be read. A record whose text
    (or HTML) is longer than ``max_bytes`` is skipped."""
    if looks_binary(raw):
        raise SkipArticle("binary file, not a scraper export")
    text, encoding = decode(raw)
    notes = [] if encoding.startswith("utf") else [f"not UTF-8: decoded as {encoding}"]
    suffix = path.suffix.lower()
    records = (_json_lines(text) if suffix in (".jsonl", ".ndjson")
               else _json_array(text) if suffix == ".json" else _csv_rows(text))
    for line, record in records:
        where = f"L{line}"
        if isinstance(record, str):
            yield where, record
            continue
        size = max((len(str(record.get(name) or "").encode()) for name in FIELDS["text"] + FIELDS["html"]))
        if max_bytes and size > max_bytes:
            yield where, (f"{size / 1e6:.1f} MB of text is over the {max_bytes / 1e6:.1f} MB limit "
                          "for one article (raise it with --max-bytes): skipped")
            continue
        try:
            yield where, record_article(record, f"{path.name}#{where}", outlets, notes, sidecar)
        except SkipArticle as reason:
            yield where, str(reason)


def record_article(record: dict, source_file: str, outlets: Outlets | None, notes: list[str],
                   sidecar: dict | None = None) -> Article:
    """The Article of one export record: its fields win over what its text says."""
    value = {key: _first(record, names) for key, names in FIELDS.items()}
    notes = list(notes)
    if value["text"]:
        lines = normalise(value["text"])
        given = {}
    elif value["html"]:
        from .html_pages import extract_html  # trafilatura only where records hold pages
        lines, given, html_notes = extract_html(value["html"])
        notes += html_notes
    else:
        raise SkipArticle(f"no article text (none of {', '.join(FIELDS['text'] + FIELDS['html'])})")
    author = value["author"]
    if isinstance(author, list):
        author = ", ".join(str(name) for name in author if name) or None
    given.update({key: value[key] for key in ("url", "title", "outlet") if value[key]})
    if author:
        given["author"] = str(author)
    if value["published"]:
        written = str(value["published"])
        stamps = [stamp for stamp in find_stamps(written) if not stamp.updated]
        if stamps:
            given.update(published=stamps[0].iso, published_text=written, source="export")
        else:
            notes.append(f"the record's date {written!r} is not a day the reader knows: left out")
    return page_article(source_file, lines, outlets, notes, given, sidecar)


def _first(record: dict, names: tuple) -> object:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _json_lines(text: str) -> Iterator[tuple[int, dict | str]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"not JSON ({error.msg}, column {error.colno}): skipped"
            continue
        yield number, record if isinstance(record, dict) else "not a JSON object: skipped"


def _json_array(text: str) -> Iterator[tuple[int, dict | str]]:
    """The records of a JSON array (or of a single object), each with the line it starts on."""
    decoder = json.JSONDecoder()
    start = len(text) - len(text.lstrip())
    if text[start:start + 1] != "[":
        try:
            yield text.count("\n", 0, start) + 1, _object(json.loads(text))
        except json.JSONDecodeError as error:
            raise SkipArticle(f"not valid JSON ({error.msg} at line {error.lineno})") from None
        return
    position = start + 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text):
            raise SkipArticle("the JSON array is cut short (no closing ])")
        if text[position] == "]":
            return
        line = text.count("\n", 0, position) + 1
        try:
            record, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            # Past a broken element nothing says where the next one starts.
            yield line, f"not valid JSON ({error.msg} at line {error.lineno}): the rest of the array is skipped"
            return
        yield line, _object(record)


def _object(record: object) -> dict | str:
    return record if isinstance(record, dict) else "not a JSON object: skipped"


def _csv_rows(text: str) -> Iterator[tuple[int, dict | str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {name.strip().lower(): name for name in reader.fieldnames or []}
    if not columns.keys() & set(FIELDS["text"] + FIELDS["html"]):
        raise SkipArticle(f"no text column (looked for {', '.join(FIELDS['text'] + FIELDS['html'])}; "
                          f"the header has {', '.join(columns.values()) or 'nothing'})")
    csv.field_size_limit(2 ** 31 - 1)  # a record's text or HTML can be long
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, f"not a CSV record ({error}): the rest of the file is skipped"
            return
        yield line, {key.strip().lower(): value for key, value in row.items() if key is not None}
        line = reader.line_num + 1
