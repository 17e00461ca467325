"""Datasette plugin: every extracted row one click from its evidence, marked in the article.

- The reading view (templates/row-news-articles.html): ``extra_template_vars`` gives the article's
  body as paragraphs with every quote, person, organisation and place mention and meeting report
  in a ``<mark>`` whose ``id`` names the row (``mark_id``), and the list of what was extracted.
  The marks are cut from the character offsets; every piece of article text is escaped, so
  nothing in an article can become markup.
- Links to it: on the evidence tables' pages and row pages the ``sentence`` cell links to the
  mark in the reading view; a canned query's ``evidence`` column (a mark id, with the row's
  ``article_id``) does the same.

Self-contained (Datasette and markupsafe only): `datasette publish` copies the plugins folder,
not the loader package.
"""
import json
from dataclasses import dataclass

from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from markupsafe import Markup, escape

# Evidence table -> the prefix of its marks' element ids in the reading view.
MARK_PREFIXES = {"quotes": "q", "mentions": "m", "organization_mentions": "o",
                 "place_mentions": "p", "meeting_reports": "r"}
READING_VIEW_TABLE = "articles"
# A meeting report's primary key (the other evidence tables have an id).
REPORT_KEY = ("meeting_id", "article_id", "start")


def mark_id(table: str, row) -> str:
    """The element id of a row's mark: ``q-<quote id>``, ``m-<mention id>``…; a meeting report,
    whose key is (meeting, article, start), is ``r-<meeting id>-<start>``."""
    if table == "meeting_reports":
        return f"r-{_raw(row['meeting_id'])}-{_raw(row['start'])}"
    return f"{MARK_PREFIXES[table]}-{_raw(row['id'])}"


def _raw(value):
    """A cell's value: table pages hand foreign keys over as {"value", "label"}."""
    return value["value"] if isinstance(value, dict) else value


@dataclass(frozen=True)
class Mark:
    """One highlighted passage: body[start:end], drawn as a <mark> that links to ``href``."""
    start: int
    end: int
    id: str
    classes: str
    href: str
    title: str


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of the body: the article's paragraphs."""
    spans, start = [], 0
    for line in body.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def mark_up(body: str, marks: list[Mark]) -> Markup:
    """The body as ``<p>`` paragraphs with every mark in place.

    Marks nest as their spans do (a meeting report's sentence holds a quote, which holds a
    name); a mark that crosses another's end, or a paragraph break, is closed and reopened, and
    only its first piece carries the element id. Each piece of text inside a mark is a link to
    the innermost mark's row. Marks whose offsets fall outside the body are left out."""
    marks = sorted((m for m in marks if 0 <= m.start < m.end <= len(body)),
                   key=lambda m: (m.start, -m.end, m.id))
    nesting = {m: position for position, m in enumerate(marks)}
    cuts = {m.start for m in marks} | {m.end for m in marks}
    opened, html = set(), []
    waiting = 0  # marks[waiting:] have not started yet
    active: list[Mark] = []
    for paragraph_start, paragraph_end in paragraph_spans(body):
        points = sorted({paragraph_start, paragraph_end}
                        | {cut for cut in cuts if paragraph_start < cut < paragraph_end})
        stack: list[Mark] = []
        html.append("<p>")
        for start, end in zip(points, points[1:]):
            while waiting < len(marks) and marks[waiting].start <= start:
                active.append(marks[waiting])
                waiting += 1
            active = sorted((m for m in active if m.end > start), key=nesting.__getitem__)
            kept = 0
            while kept < min(len(stack), len(active)) and stack[kept] is active[kept]:
                kept += 1
            html.extend("</mark>" for _ in stack[kept:])
            stack = stack[:kept]
            for mark in active[kept:]:
                html.append(_open_tag(mark, first=mark.id not in opened))
                opened.add(mark.id)
                stack.append(mark)
            text = escape(body[start:end])
            html.append(f'<a href="{escape(stack[-1].href)}">{text}</a>' if stack else str(text))
        html.extend("</mark>" for _ in stack)
        html.append("</p>\n")
    return Markup("".join(html))


def _open_tag(mark: Mark, first: bool) -> str:
    where = f'id="{escape(mark.id)}"' if first else f'data-continues="{escape(mark.id)}"'
    return f'<mark {where} class="evidence {escape(mark.classes)}" title="{escape(mark.title)}">'


# What the reading view lists and marks, one query per kind of evidence: the row's key and
# offsets, what a hover shows, and who or what it names (``entity``: a row of ``ENTITY_TABLES``).
EVIDENCE_QUERIES = {
    "quotes": """
        select q.id, q.start, q."end", q.kind, q.text, q.speaker, q.sentence,
          coalesce(p.name, o.name) as speaker_name, coalesce(q.person_id, q.organization_id) as entity,
          case when q.person_id is not null then 'people' else 'organizations' end as entity_table,
          via.name as via
        from quotes q
        left join people p on p.id = q.person_id
        left join organizations o on o.id = q.organization_id
        left join organizations via on via.id = q.via_organization_id
        where q.article_id = :article order by q.start, q.id""",
    "mentions": """
        select m.id, m.start, m."end", m.surface, m.role, m.sentence, m.person_id as entity,
          coalesce(p.name, m.surface) as name
        from mentions m left join people p on p.id = m.person_id
        where m.article_id = :article order by m.start, m.id""",
    "meeting_reports": """
        select r.meeting_id, r.start, r."end", r.date_text, r.date, r.date_flags, r.sentence,
          coalesce(mt.title, r.meeting_id) as name
        from meeting_reports r left join meetings mt on mt.id = r.meeting_id
        where r.article_id = :article order by r.start, r.meeting_id""",
    "organization_mentions": """
        select om.id, om.start, om."end", om.surface, om.sentence, om.organization_id as entity,
          coalesce(o.name, om.surface) as name
        from organization_mentions om left join organizations o on o.id = om.organization_id
        where om.article_id = :article order by om.start, om.id""",
    "place_mentions": """
        select pm.id, pm.start, pm."end", pm.surface, pm.sentence, pm.place_id as entity,
          coalesce(pl.name, pm.surface) as name
        from place_mentions pm left join places pl on pl.id = pm.place_id
        where pm.article_id = :article order by pm.start, pm.id""",
}
ENTITY_TABLES = {"mentions": "people", "organization_mentions": "organizations",
                 "place_mentions": "places", "meeting_reports": "meetings"}


def describe(table: str, row: dict) -> tuple[str, str]:
    """(css classes, hover text) of a row's mark."""
    if table == "quotes":
        kind = row["kind"] or "quote"
        speaker = row["speaker_name"] or row["speaker"] or "speaker unknown"
        via = f", via {row['via']}" if row["via"] else ""
        return f"quote {kind}", f"{kind.capitalize()} quote: {speaker}{via}"
    if table == "mentions":
        role = f" ({row['role']})" if row["role"] else ""
        return "person", f"Person: {row['name']}{role}"
    if table == "meeting_reports":
        date = f", {row['date_text']}" if row["date_text"] else ""
        return "report", f"Meeting report: {row['name']}{date}"
    if table == "organization_mentions":
        return "organization", f"Organisation: {row['name']}"
    return "place", f"Place: {row['name']}"


def row_path(table: str, row: dict) -> str:
    """A row's path component in Datasette URLs (compound keys joined by commas)."""
    keys = REPORT_KEY if table == "meeting_reports" else ("id",)
    return ",".join(tilde_encode(str(row[key])) for key in keys)


async def reading_view(datasette, database: str, article_id: str) -> dict | None:
    """What templates/row-news-articles.html shows besides the article's own columns:
    ``body`` (the marked paragraphs, or None when the build left the text out), ``evidence``
    (per table, the rows with their mark, hover text and row link, in text order) and
    ``unplaced`` (how many rows have offsets outside the body)."""
    db = datasette.get_database(database)
    article = (await db.execute("select body from articles where id = ?", [article_id])).first()
    if article is None:
        return None
    body = article["body"] or ""
    evidence, marks = {}, []
    for table, sql in EVIDENCE_QUERIES.items():
        rows = []
        for found in (await db.execute(sql, {"article": article_id})).rows:
            row = {**dict(found), "article_id": article_id}
            classes, title = describe(table, row)
            row.update(mark=mark_id(table, row), title=title,
                       href=datasette.urls.row(database, table, row_path(table, row)),
                       placed=0 <= row["start"] < row["end"] <= len(body))
            if table == "meeting_reports":
                row.update(entity=row["meeting_id"], date_flags=json.loads(row["date_flags"] or "[]"))
            entity_table = row.get("entity_table") or ENTITY_TABLES.get(table)
            if row.get("entity") is not None:
                row["entity_href"] = datasette.urls.row(database, entity_table, tilde_encode(str(row["entity"])))
            rows.append(row)
            marks.append(Mark(row["start"], row["end"], row["mark"], classes, row["href"], title))
        evidence[table] = rows
    return {"body": mark_up(body, marks) if body else None, "evidence": evidence,
            "unplaced": sum(not row["placed"] for rows in evidence.values() for row in rows)}


def reading_view_href(datasette, database: str, article_id, mark: str) -> str:
    """The reading view of an article, scrolled to one mark."""
    return f"{datasette.urls.row(database, READING_VIEW_TABLE, tilde_encode(str(article_id)))}#{mark}"


async def evidence_href(datasette, database: str, table: str, keys: list[str]) -> str | None:
    """The reading view at the mark of the evidence row with primary key ``keys``."""
    if table == "meeting_reports":
        row = dict(zip(REPORT_KEY, keys))
    else:
        found = (await datasette.get_database(database).execute(
            f"select article_id from [{table}] where id = ?", keys)).first()
        if found is None:
            return None
        row = {"id": keys[0], "article_id": found[0]}
    return reading_view_href(datasette, database, row["article_id"], mark_id(table, row))


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """The reading view's marked body and list (``reading``) on an article's row page, and the
    link to the marked passage (``evidence_href``) on an evidence row's page."""
    if view_name != "row" or request is None or (table != READING_VIEW_TABLE and table not in MARK_PREFIXES):
        return None
    keys = urlsafe_components(request.url_vars["pks"])

    async def inner():
        if table == READING_VIEW_TABLE:
            return {"reading": await reading_view(datasette, database, keys[0])}
        return {"evidence_href": await evidence_href(datasette, database, table, keys)}
    return inner


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """The evidence sentence of a row (table and row pages) and a canned query's ``evidence``
    column link to the mark in the reading view."""
    if table in MARK_PREFIXES and column == "sentence" and value:
        mark = mark_id(table, row)
    elif table is None and column == "evidence" and value and "article_id" in row.keys():
        mark = value
    else:
        return None
    href = reading_view_href(datasette, database, _raw(row["article_id"]), mark)
    link = Markup(f'<a class="evidence-link" href="{escape(href)}" '
                  f'title="The passage, marked in the article">in the article&nbsp;→</a>')
    return escape(value) + Markup(" ") + link if column == "sentence" else link
