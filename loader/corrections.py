"""Corrections that survive rebuilds, and the review queue of what needs a human eye.

``corrections.yml`` lists fixes to what the extractor got wrong; each names its target by a
stable id (or a quote by its article and quoted words) and says why. ``apply_corrections``
runs at the end of every build, after extraction and merge, and records each correction in the
``corrections`` table: whether it applied, was already true (``no-op``) or found no target
(``stale``), and every change it made.

The recorded changes double as an undo log: an incremental build starts from the last
database, so ``revert_corrections`` first puts back what the last build's corrections changed.
Removing a correction from the file therefore brings back the raw extraction.
"""
import datetime
import json
import re
from pathlib import Path

import sqlite_utils
import yaml

from . import db as schema
from .ids import content_id
from .merge import meeting_title, normalise_words
from .reference import Reference, load_reference

# kind -> (the key naming its target, fields it requires, fields it may have)
KINDS = {
    "set_speaker": ("quote", set(), {"person", "organization", "speaker"}),
    "clear_speaker": ("quote", set(), set()),
    "drop_quote": ("quote", set(), set()),
    "drop_mention": ("mention", set(), set()),
    "merge_people": ("person", {"duplicate"}, set()),
    "add_alias": ("person", {"alias"}, set()),
    "verify_person": ("person", {"wikidata"}, {"country"}),
    "reject_meeting": ("meeting", set(), set()),
    "add_participant": ("meeting", {"person"}, {"role"}),
    "remove_participant": ("meeting", {"person"}, set()),
    "set_meeting_date": ("meeting", {"date"}, set()),
    "set_meeting_place": ("meeting", {"place"}, set()),
}
TARGET_TABLES = {"quote": "quotes", "mention": "mentions", "person": "people", "meeting": "meetings"}
ROLES = {"host", "guest", "delegation"}
DATE_PRECISIONS = {4: "year", 7: "month", 10: "day"}  # length of the ISO date -> precision
QID = re.compile(r"Q[1-9][0-9]*")
COUNTRY = re.compile(r"[A-Z]{2}")

# Columns that point at an entity: when a correction removes such a reference, the entity may
# be left unreferenced and is then deleted, as the merge step does.
ENTITY_COLUMNS = {"person_id": "people", "organization_id": "organizations",
                  "via_organization_id": "organizations", "place_id": "places"}


# Reading the file ----------------------------------------------------------------------------

def load_corrections(path: Path) -> list[dict]:
    """The corrections in ``path``, validated; a ``ValueError`` names the file, the entry
    (counted from 1) and the problem. An empty file, or one with only comments, is no corrections."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML: {error}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of corrections (entries starting with '- ')")
    corrections, seen = [], {}
    for number, entry in enumerate(data, start=1):
        try:
            correction = _validated(entry)
        except ValueError as problem:
            raise ValueError(f"{path}: entry {number}: {problem}") from None
        if correction["id"] in seen:
            raise ValueError(f"{path}: entry {number}: repeats entry {seen[correction['id']]}")
        seen[correction["id"]] = number
        corrections.append(correction)
    return corrections


def _validated(entry: object) -> dict:
    """One entry as ``{"id", "kind", "target": {key: value}, "fields": {...}, "reason"}``."""
    if not isinstance(entry, dict):
        raise ValueError("expected a mapping with kind, target, reason")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    target_key, required, optional = KINDS[kind]
    target_keys = {target_key, "article"} if target_key == "quote" else {target_key}
    unknown = set(entry) - {"kind", "reason"} - target_keys - required - optional
    if unknown:
        raise ValueError(f"{kind}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    if not isinstance(entry.get("reason"), str) or not entry["reason"].strip():
        raise ValueError(f"{kind}: missing reason (say why, in words)")
    target = {key: entry[key] for key in sorted(target_keys) if key in entry}
    if target_key not in target:
        raise ValueError(f"{kind}: missing target {target_key!r}")
    for key, value in target.items():
        _require_text(key, value)
    fields = {key: entry[key] for key in sorted(required | optional) if key in entry}
    missing = required - set(fields)
    if missing:
        raise ValueError(f"{kind}: missing {', '.join(sorted(missing))}")
    fields = _validated_fields(kind, fields)
    if kind == "merge_people" and fields["duplicate"] == target["person"]:
        raise ValueError("merge_people: a person cannot be merged into itself")
    # The id leaves out the reason, so one fix written twice with two reasons is caught.
    identity = json.dumps([kind, target, fields], sort_keys=True, ensure_ascii=False)
    return {"id": content_id("correction", identity), "kind": kind, "target": target,
            "fields": fields, "reason": entry["reason"].strip()}


def _validated_fields(kind: str, fields: dict) -> dict:
    for key in ("person", "organization", "duplicate", "place", "speaker", "alias"):
        if key in fields:
            _require_text(key, fields[key])
    if kind == "set_speaker":
        if not fields:
            raise ValueError("set_speaker: give person, organization or speaker")
        if "person" in fields and "organization" in fields:
            raise ValueError("set_speaker: give a person or an organization, not both")
    if "role" in fields and fields["role"] not in ROLES:
        raise ValueError(f"role must be one of {', '.join(sorted(ROLES))}")
    if "wikidata" in fields and not (isinstance(fields["wikidata"], str)
                                     and QID.fullmatch(fields["wikidata"])):
        raise ValueError(f"wikidata must be a QID like Q42, not {fields['wikidata']!r}")
    if "country" in fields and not (isinstance(fields["country"], str)
                                    and COUNTRY.fullmatch(fields["country"])):
        raise ValueError(f"country must be an ISO 3166 alpha-2 code like RU, not {fields['country']!r}")
    if "date" in fields:
        fields = {**fields, "date": _iso_date(fields["date"])}
    return fields


def _require_text(key: str, value: object) -> None:
    # YAML reads bare `no`, `yes`, `2024` as booleans and numbers: ask for quotes instead.
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be text (put it in quotes), not {value!r}")


def _iso_date(value: object) -> str:
    """A date as YAML gives it (a date, a year number or text) -> ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    try:
        if len(text) == 10:
            datetime.date.fromisoformat(text)
        elif len(text) == 7:
            datetime.date.fromisoformat(text + "-01")
        elif not re.fullmatch(r"[0-9]{4}", text):
            raise ValueError
    except ValueError:
        raise ValueError(f"date must be YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}") from None
    return text


# Applying ------------------------------------------------------------------------------------

class StaleTarget(Exception):
    """What the correction needs is not in the database."""


def apply_corrections(db: sqlite_utils.Database, corrections: list[dict],
                      ref: Reference | None = None) -> list[dict]:
    """Apply ``corrections`` in order and record each in the ``corrections`` table (replacing
    what was there; its shape is in db.SCHEMA). ``ref`` supplies people, organisations and places a correction needs that
    no article mentions. Returns the records: ``{"id", "position", "kind", "target",
    "target_id", "fields", "reason", "status" ("applied"|"no-op"|"stale"), "summary",
    "changes": [{"table", "row_id", "column", "before", "after"}]}``; a change with column None
    inserted (before None) or deleted (after None) a whole row."""
    context = {"db": db, "ref": ref}
    records = []
    with db.atomic():
        db.execute("delete from corrections")
        for position, correction in enumerate(corrections, start=1):
            target_id, status, summary, changes = _apply_one(context, correction)
            records.append({"id": correction["id"], "position": position, "kind": correction["kind"],
                            "target": _describe_target(correction["target"]), "target_id": target_id,
                            "fields": correction["fields"], "reason": correction["reason"],
                            "status": status, "summary": summary, "changes": changes})
        db["corrections"].insert_all(
            [{**r, "fields": json.dumps(r["fields"], ensure_ascii=False),
              "changes": json.dumps(r["changes"], ensure_ascii=False)} for r in records])
    return records


def _apply_one(context: dict, correction: dict) -> tuple[str | None, str, str, list[dict]]:
    """(target id, status, summary, changes) of one correction; a stale one changes nothing."""
    db, changes, target_id = context["db"], [], None
    try:
        target_id = _resolve(db, correction)
        summary = APPLY[correction["kind"]](context, target_id, correction["fields"], changes)
        _prune_entities(db, changes)
    except StaleTarget as stale:
        for change in reversed(changes):
            _undo(db, change)
        return target_id, "stale", str(stale), []
    return target_id, "applied" if changes else "no-op", summary, changes


def warnings(records: list[dict]) -> list[str]:
    """One line per correction that found nothing to correct, naming it by id."""
    return [f"correction {r['id']} ({r['kind']} {r['target']}) is stale: {r['summary']}"
            for r in records if r["status"] == "stale"]


def revert_corrections(db: sqlite_utils.Database) -> None:
    """Undo every change the ``corrections`` table records, last first, and empty it: the
    database is back to the raw extraction. Does nothing when there is no such table."""
    if not db["corrections"].exists():
        return
    with db.atomic():
        for row in list(db.query("select changes from corrections order by position desc")):
            for change in reversed(json.loads(row["changes"])):
                _undo(db, change)
        db.execute("delete from corrections")


def _undo(db: sqlite_utils.Database, change: dict) -> None:
    table, row_id = db[change["table"]], change["row_id"]
    if change["column"] is not None:
        table.update(row_id, {change["column"]: change["before"]})
    elif change["before"] is None:
        table.delete(row_id)
    else:
        table.insert(change["before"])


def _describe_target(target: dict) -> str:
    if "article" in target:
        return f"article {target['article']}, quote “{target['quote']}”"
    (key, value), = target.items()
    return f"{key} {value}"


def _resolve(db: sqlite_utils.Database, correction: dict) -> str:
    """The target's row id; StaleTarget when there is none."""
    target = correction["target"]
    if "article" in target:
        return _quote_by_words(db, target["article"], target["quote"])
    (key, value), = target.items()
    if _row(db, TARGET_TABLES[key], value) is None:
        raise StaleTarget(f"no {key} with id {value}")
    return value


def _quote_by_words(db: sqlite_utils.Database, article: str, words: str) -> str:
    """The one quote of ``article`` (an id or a file name) whose text contains ``words``,
    compared word by word, ignoring case and punctuation."""
    articles = [row[0] for row in db.execute(
        "select id from articles where id = ? or source_file = ? or source_file = ?",
        [article, article, Path(article).name])]
    if len(articles) != 1:
        raise StaleTarget(f"{len(articles) or 'no'} articles match {article!r}")
    wanted = f" {normalise_words(words)} "
    quotes = [row["id"] for row in db.query(
        "select id, text from quotes where article_id = ? order by start", [articles[0]])
        if wanted in f" {normalise_words(row['text'])} "]
    if len(quotes) != 1:
        found = f"{len(quotes)} quotes ({', '.join(quotes)})" if quotes else "no quote"
        raise StaleTarget(f"{found} in article {article} with the words “{words}”")
    return quotes[0]


# The kinds. Each takes the context, the target's id, the correction's fields and the list of
# changes to append to, and returns a one-line summary (no change appended: it was a no-op). It
# raises StaleTarget when a row it needs does not exist; its changes so far are then undone.

def _set_speaker(context: dict, quote_id: str, fields: dict, changes: list) -> str:
    db = context["db"]
    person_id, organization_id = fields.get("person"), fields.get("organization")
    speaker = fields.get("speaker")
    if person_id:
        person = _entity(context, "people", person_id, changes)
        if person is None:
            raise StaleTarget(f"no person with id {person_id}")
        speaker = speaker or person["name"]
    if organization_id:
        organization = _entity(context, "organizations", organization_id, changes)
        if organization is None:
            raise StaleTarget(f"no organization with id {organization_id}")
        speaker = speaker or organization["name"]
    before = _row(db, "quotes", quote_id)
    for column, value in (("person_id", person_id), ("organization_id", organization_id),
                          ("speaker", speaker)):
        _update(db, changes, "quotes", quote_id, column, value)
    return f"speaker {before['speaker']!r} -> {speaker!r}"


def _clear_speaker(context: dict, quote_id: str, fields: dict, changes: list) -> str:
    db = context["db"]
    before = _row(db, "quotes", quote_id)
    for column in ("person_id", "organization_id", "speaker"):
        _update(db, changes, "quotes", quote_id, column, None)
    return f"speaker {before['speaker']!r} cleared"


def _drop_row(table: str):
    def drop(context: dict, row_id: str, fields: dict, changes: list) -> str:
        row = _delete(context["db"], changes, table, row_id)
        words = row.get("surface") or row.get("text")
        return f"deleted {table[:-1]} {_cut(words, 80)!r} of article {row['article_id']}"
    return drop


def _merge_people(context: dict, person_id: str, fields: dict, changes: list) -> str:
    db, duplicate_id = context["db"], fields["duplicate"]
    kept, duplicate = _row(db, "people", person_id), _row(db, "people", duplicate_id)
    if duplicate is None:
        raise StaleTarget(f"no person with id {duplicate_id} to merge")
    for table in ("mentions", "quotes"):
        for (row_id,) in list(db.execute(f"select id from {table} where person_id = ?", [duplicate_id])):
            _update(db, changes, table, row_id, "person_id", person_id)
    meetings = [row[0] for row in db.execute(
        "select meeting_id from meeting_participants where person_id = ?", [duplicate_id])]
    for meeting_id in meetings:
        row = _delete(db, changes, "meeting_participants", [meeting_id, duplicate_id])
        if _row(db, "meeting_participants", [meeting_id, person_id]) is None:
            _insert(db, changes, "meeting_participants", {**row, "person_id": person_id})
    aliases = json.loads(kept["aliases"] or "[]")
    for name in [duplicate["name"], *json.loads(duplicate["aliases"] or "[]")]:
        if name != kept["name"] and name not in aliases:
            aliases.append(name)
    _update(db, changes, "people", person_id, "aliases", json.dumps(aliases, ensure_ascii=False))
    _delete(db, changes, "people", duplicate_id)
    for meeting_id in meetings:
        _retitle(db, changes, meeting_id)
    return f"merged {duplicate['name']!r} ({duplicate_id}) into {kept['name']!r}"


def _add_alias(context: dict, person_id: str, fields: dict, changes: list) -> str:
    db, alias = context["db"], fields["alias"].strip()
    person = _row(db, "people", person_id)
    aliases = json.loads(person["aliases"] or "[]")
    if alias == person["name"] or alias in aliases:
        return f"{alias!r} is already a name of {person_id}"
    _update(db, changes, "people", person_id, "aliases", json.dumps([*aliases, alias], ensure_ascii=False))
    return f"alias {alias!r} added"


def _verify_person(context: dict, person_id: str, fields: dict, changes: list) -> str:
    db = context["db"]
    _update(db, changes, "people", person_id, "verified", 1)
    _update(db, changes, "people", person_id, "wikidata", fields["wikidata"])
    if "country" in fields:
        _update(db, changes, "people", person_id, "country", fields["country"])
    return f"verified as {fields['wikidata']}"


def _reject_meeting(context: dict, meeting_id: str, fields: dict, changes: list) -> str:
    db = context["db"]
    for table, pk in (("meeting_reports", ["meeting_id", "article_id", "start"]),
                      ("meeting_participants", ["meeting_id", "person_id"])):
        columns = ", ".join(pk)
        for row in list(db.execute(f"select {columns} from {table} where meeting_id = ?", [meeting_id])):
            _delete(db, changes, table, list(row))
    meeting = _delete(db, changes, "meetings", meeting_id)
    return f"deleted meeting {meeting['title']!r} with its participants and reports"


def _add_participant(context: dict, meeting_id: str, fields: dict, changes: list) -> str:
    db, person_id, role = context["db"], fields["person"], fields.get("role")
    if _entity(context, "people", person_id, changes) is None:
        raise StaleTarget(f"no person with id {person_id}")
    current = _row(db, "meeting_participants", [meeting_id, person_id])
    if current is None:
        _insert(db, changes, "meeting_participants",
                {"meeting_id": meeting_id, "person_id": person_id, "role": role})
        _retitle(db, changes, meeting_id)
        return f"{person_id} added as {role or 'participant'}"
    if role:
        _update(db, changes, "meeting_participants", [meeting_id, person_id], "role", role)
    return f"{person_id} is a participant, role {role or current['role']}"


def _remove_participant(context: dict, meeting_id: str, fields: dict, changes: list) -> str:
    db, person_id = context["db"], fields["person"]
    if _row(db, "meeting_participants", [meeting_id, person_id]) is None:
        return f"{person_id} is not a participant"
    _delete(db, changes, "meeting_participants", [meeting_id, person_id])
    _retitle(db, changes, meeting_id)
    return f"{person_id} removed"


def _set_meeting_date(context: dict, meeting_id: str, fields: dict, changes: list) -> str:
    db, date = context["db"], fields["date"]
    before = _row(db, "meetings", meeting_id)["date"]
    _update(db, changes, "meetings", meeting_id, "date", date)
    _update(db, changes, "meetings", meeting_id, "date_precision", DATE_PRECISIONS[len(date)])
    return f"date {before} -> {date}"


def _set_meeting_place(context: dict, meeting_id: str, fields: dict, changes: list) -> str:
    db, place_id = context["db"], fields["place"]
    if _entity(context, "places", place_id, changes) is None:
        raise StaleTarget(f"no place with id {place_id}")
    before = _row(db, "meetings", meeting_id)["place_id"]
    _update(db, changes, "meetings", meeting_id, "place_id", place_id)
    _retitle(db, changes, meeting_id)
    return f"place {before} -> {place_id}"


APPLY = {
    "set_speaker": _set_speaker, "clear_speaker": _clear_speaker,
    "drop_quote": _drop_row("quotes"), "drop_mention": _drop_row("mentions"),
    "merge_people": _merge_people, "add_alias": _add_alias, "verify_person": _verify_person,
    "reject_meeting": _reject_meeting, "add_participant": _add_participant,
    "remove_participant": _remove_participant, "set_meeting_date": _set_meeting_date,
    "set_meeting_place": _set_meeting_place,
}


# Recorded writes: every write appends the change that undoes it -----------------------------

def _row(db: sqlite_utils.Database, table: str, row_id) -> dict | None:
    try:
        return db[table].get(row_id)
    except sqlite_utils.db.NotFoundError:
        return None


def _update(db, changes: list, table: str, row_id, column: str, value) -> None:
    before = _row(db, table, row_id)[column]
    if before != value:
        db[table].update(row_id, {column: value})
        changes.append({"table": table, "row_id": row_id, "column": column,
                        "before": before, "after": value})


def _delete(db, changes: list, table: str, row_id) -> dict:
    row = _row(db, table, row_id)
    db[table].delete(row_id)
    changes.append({"table": table, "row_id": row_id, "column": None, "before": row, "after": None})
    return row


def _insert(db, changes: list, table: str, row: dict) -> None:
    db[table].insert(row)
    pk = schema.SCHEMA[table][1]
    row_id = [row[key] for key in pk] if isinstance(pk, tuple) else row[pk]
    changes.append({"table": table, "row_id": row_id, "column": None, "before": None, "after": row})


def _entity(context: dict, table: str, entity_id: str, changes: list) -> dict | None:
    """The row of a person, organisation or place, added from the reference data when no article
    mentions it; None when neither has it."""
    row = _row(context["db"], table, entity_id)
    if row is not None:
        return row
    if context["ref"] is None:
        context["ref"] = load_reference()
    known = getattr(context["ref"], table).get(entity_id)
    if known is None:
        return None
    columns = schema.SCHEMA[table][0]
    row = {column: known.get(column) for column in columns}
    if isinstance(row.get("aliases"), list):
        row["aliases"] = json.dumps(row["aliases"], ensure_ascii=False)
    _insert(context["db"], changes, table, row)
    return row


def _prune_entities(db: sqlite_utils.Database, changes: list) -> None:
    """Delete people, organisations and places that the changes left unreferenced."""
    candidates = set()
    for change in list(changes):
        if change["column"] in ENTITY_COLUMNS:
            candidates.add((ENTITY_COLUMNS[change["column"]], change["before"]))
        elif change["column"] is None and change["before"]:
            candidates |= {(ENTITY_COLUMNS[column], value) for column, value in change["before"].items()
                           if column in ENTITY_COLUMNS and value}
    for table, entity_id in sorted(c for c in candidates if c[1]):
        referenced = db.execute(f"select count(*) from ({schema.ENTITY_REFERENCES[table]}) where id = ?",
                                [entity_id]).fetchone()[0]
        if not referenced and _row(db, table, entity_id) is not None:
            _delete(db, changes, table, entity_id)


def _retitle(db: sqlite_utils.Database, changes: list, meeting_id: str) -> None:
    """The meeting's title after its participants or place changed, in the merge step's form:
    visitors, then hosts, then the place."""
    meeting = _row(db, "meetings", meeting_id)
    people = db.execute(
        "select p.name, mp.role from meeting_participants mp join people p on p.id = mp.person_id "
        "where mp.meeting_id = ?", [meeting_id]).fetchall()
    place = _row(db, "places", meeting["place_id"]) if meeting["place_id"] else None
    title = meeting_title(people, place["name"] if place else None)
    _update(db, changes, "meetings", meeting_id, "title", title)


# The review queue ----------------------------------------------------------------------------

# What needs a human eye, most urgent first; the same SQL is the `review` canned query in
# metadata.yml. `evidence` is the element id of the sentence's mark in the article's reading
# view (loader/datasette_plugins/evidence.py), which the page links to. A row that a correction already settled (e.g. a quote whose speaker was cleared
# on purpose, a meeting whose date was set) leaves the queue.
REVIEW_SQL = """\
select kind, "table", row_id, summary, sentence, evidence, article_id, url
from (
  select 'quote_without_speaker' as kind, 'quotes' as "table", q.id as row_id,
    q.kind || ' quote: “' || substr(q.text, 1, 120)
      || case when length(q.text) > 120 then '…' else '' end || '”' as summary,
    q.sentence, 'q-' || q.id as evidence, q.article_id, '/news/quotes/' || q.id as url,
    case q.kind when 'direct' then 1 when 'partial' then 2 else 3 end as rank
  from quotes q
  where q.speaker is null and q.person_id is null and q.organization_id is null
    and not exists (select 1 from corrections c where c.target_id = q.id
                    and c.kind = 'clear_speaker' and c.status != 'stale')
  union all
  select 'unverified_person', 'people', p.id,
    p.name || ': discovered in text'
      || case when not exists (select 1 from mentions where person_id = p.id
                                 and method in ('title', 'reference'))
              then ' by the person tagger alone (confidence '
                || (select printf('%.2f', max(confidence)) from mentions
                    where person_id = p.id) || ')'
              else '' end
      || ', ' || (select count(*) from mentions m where m.person_id = p.id) || ' mention(s)',
    m.sentence, 'm-' || m.id, m.article_id, '/news/people/' || p.id, 4
  from people p
  join mentions m on m.id = (select id from mentions where person_id = p.id
                             order by article_id, start limit 1)
  where p.verified = 0
  union all
  select 'short_name_only', 'people', p.id,
    p.name || ': only ever named as '
      || (select group_concat(distinct surface) from mentions where person_id = p.id),
    m.sentence, 'm-' || m.id, m.article_id, '/news/people/' || p.id, 5
  from people p
  join mentions m on m.id = (select id from mentions where person_id = p.id
                             order by article_id, start limit 1)
  where not exists (select 1 from mentions where person_id = p.id and instr(trim(surface), ' ') > 0)
    and not exists (select 1 from corrections c where c.target_id = p.id and c.status != 'stale'
                    and c.kind in ('verify_person', 'add_alias', 'merge_people'))
  union all
  select case when r.date_flags like '%"weekday_mismatch"%' then 'weekday_mismatch'
              else 'meeting_date_disagreement' end,
    'meetings', m.id,
    m.title || ': meeting ' || coalesce(m.date, '?') || ', this report ' || coalesce(r.date, '?')
      || ' (“' || coalesce(r.date_text, '') || '”'
      || case when r.date_flags like '%"weekday_mismatch"%' then ', weekday does not fit the date'
              else '' end || ')',
    r.sentence, 'r-' || r.meeting_id || '-' || r.start, r.article_id, '/news/meetings/' || m.id,
    case when r.date_flags like '%"weekday_mismatch"%' then 7 else 6 end
  from meeting_reports r join meetings m on m.id = r.meeting_id
  where (r.date_flags like '%"weekday_mismatch"%'
         or (r.date is not null and m.date is not null
             and substr(r.date, 1, length(m.date)) != m.date
             and substr(m.date, 1, length(r.date)) != r.date))
    and not exists (select 1 from corrections c where c.target_id = m.id and c.status != 'stale'
                    and c.kind in ('set_meeting_date', 'reject_meeting'))
  union all
  select 'undated_meeting', 'meetings', m.id,
    m.title || ': held, but no report says when ('
      || (select count(*) from meeting_reports where meeting_id = m.id) || ' report(s))',
    r.sentence, 'r-' || r.meeting_id || '-' || r.start, r.article_id, '/news/meetings/' || m.id, 8
  from meetings m
  join meeting_reports r on r.rowid = (select rowid from meeting_reports where meeting_id = m.id
                                       order by article_id, start limit 1)
  where m.date is null and m.status = 'happened'
    and not exists (select 1 from corrections c where c.target_id = m.id and c.status != 'stale'
                    and c.kind in ('set_meeting_date', 'reject_meeting'))
)
order by rank, article_id, row_id"""

REVIEW_COLUMNS = ["kind", "table", "row_id", "summary", "sentence", "article_id", "url"]


def review_queue(db: sqlite_utils.Database) -> list[dict]:
    """What needs a human eye: ``{"kind", "table", "row_id", "summary", "sentence",
    "article_id", "url"}`` per item, most urgent first (the `review` canned query's rows)."""
    return [{column: row[column] for column in REVIEW_COLUMNS} for row in db.query(REVIEW_SQL)]


REVIEW_HEADINGS = {
    "quote_without_speaker": "Quotes with no speaker",
    "unverified_person": "People discovered in text, not yet verified",
    "short_name_only": "People only ever named by one word",
    "meeting_date_disagreement": "Meetings whose reports give another date",
    "weekday_mismatch": "Reports whose weekday does not fit the date",
    "undated_meeting": "Meetings held, with no date in any report",
}


def format_review(items: list[dict], width: int = 100) -> str:
    """The review queue as plain text: a heading per kind, then per item the link, the summary
    and the evidence sentence, each cut to ``width`` characters."""
    if not items:
        return "Nothing to review."
    lines = []
    for kind, heading in REVIEW_HEADINGS.items():
        group = [item for item in items if item["kind"] == kind]
        if not group:
            continue
        lines += ["", f"{heading} ({len(group)})", "-" * min(width, len(heading) + 8)]
        for item in group:
            lines += [_cut(f"{item['url']}  {item['summary']}", width),
                      _cut(f"    “{' '.join((item['sentence'] or '').split())}”", width)]
    return "\n".join(lines[1:])


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
