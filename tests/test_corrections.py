"""Corrections survive rebuilds; the review queue lists what needs a human eye.

The articles are short fictional texts written here, so the rows to correct are known: a
discovered analyst spelled two ways, a quote whose speaker the extractor missed, an anonymous
official, a meeting reported with a wrong weekday, another reported on two dates.
"""
import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

from loader import db as schema
from loader.build import build
from loader.cli import cli
from loader.corrections import (KINDS, REVIEW_SQL, apply_corrections, format_review,
                                load_corrections, review_queue, revert_corrections, warnings)

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "pyongyang.txt": """Menhan Rusia Kunjungi Pyongyang

PYONGYANG, KOMPAS.TV - Menteri Pertahanan Rusia Andrei Belousov bertemu pemimpin Korea Utara Kim Jong Un di Pyongyang pada Jumat (29/11/2024).

"Kerja sama kita akan terus tumbuh," kata Belousov dalam pertemuan itu.

Analis keamanan Dmitri Sokolenko dan analis politik Viktor Orlov mengatakan kunjungan itu menandai babak baru hubungan kedua negara.

"Ini bukan kunjungan biasa," ujar seorang pejabat yang enggan disebutkan namanya.

Kim Jong Un menyebut Rusia sebagai sahabat sejati. "Kami akan selalu berdiri bersama Rusia," ucap Kim.
""",
    "wonsan.txt": """Lavrov Bertemu Menlu Korut di Wonsan

WONSAN, KOMPAS.TV - Menteri Luar Negeri Korea Utara Choe Son Hui menerima Lavrov di Wonsan pada Rabu (10/10/2024).

Pengamat politik Dmitry Sokolenko menilai pertemuan itu penting. "Moskow membutuhkan sekutu di Asia," kata Sokolenko.

Menurut Lavrov, kedua negara sepakat memperluas kerja sama.
""",
    "another-day.txt": """Belousov Tiba di Pyongyang

Jakarta, Pahami.id — Menteri Pertahanan Rusia Andrei Belousov bertemu pemimpin Korea Utara Kim Jong Un di Pyongyang pada Sabtu (30/11/2024).

Keduanya membahas kerja sama militer kedua negara.
""",
}


def write_articles(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def one(db, sql, params=()):
    rows = list(db.execute(sql, params))
    assert len(rows) == 1, (sql, rows)
    return rows[0][0]


def all_rows(db_path: Path) -> dict:
    db = sqlite_utils.Database(db_path)
    return {table: sorted(db[table].rows, key=repr) for table in schema.SCHEMA}


@pytest.fixture(scope="module")
def raw_build(tmp_path_factory) -> tuple[Path, Path]:
    """The articles and their database built without corrections, once for the module."""
    articles = write_articles(tmp_path_factory.mktemp("articles"))
    db_path = articles.parent / "raw.db"
    build([articles], db_path, workers=1)
    return articles, db_path


@pytest.fixture
def articles(raw_build):
    return raw_build[0]


@pytest.fixture
def raw_db(raw_build, tmp_path):
    """A copy of the raw database, for a test to correct."""
    copy = tmp_path / "raw.db"
    shutil.copyfile(raw_build[1], copy)
    return copy


def corrections_covering_every_kind(db: sqlite_utils.Database) -> list[dict]:
    """One correction of each kind for the fictional articles, targets looked up by content."""
    pyongyang = one(db, "select id from meetings where place_id = 'pyongyang'")
    wonsan = one(db, "select id from meetings where place_id = 'wonsan'")
    return [
        {"kind": "set_speaker", "article": "pyongyang.txt", "quote": "menandai babak baru",
         "person": "dmitri-sokolenko", "reason": "of the two analysts, Sokolenko said it"},
        {"kind": "merge_people", "person": "dmitri-sokolenko", "duplicate": "dmitry-sokolenko",
         "reason": "one analyst, two spellings"},
        {"kind": "verify_person", "person": "dmitri-sokolenko", "wikidata": "Q99999999",
         "country": "RU", "reason": "checked"},
        {"kind": "add_alias", "person": "dmitri-sokolenko", "alias": "D. Sokolenko", "reason": "byline form"},
        {"kind": "clear_speaker",
         "quote": one(db, "select id from quotes where text like 'Kami akan selalu%'"),
         "reason": "cannot tell who"},
        {"kind": "drop_quote", "article": "pyongyang.txt", "quote": "bukan kunjungan",
         "reason": "anonymous, not usable"},
        {"kind": "drop_mention",
         "mention": one(db, "select id from mentions where person_id = 'choe-son-hui'"),
         "reason": "test: her only mention"},
        {"kind": "reject_meeting", "meeting": wonsan, "reason": "test: a rumour"},
        {"kind": "add_participant", "meeting": pyongyang, "person": "sergei-shoigu",
         "role": "delegation", "reason": "named in the delegation elsewhere"},
        {"kind": "remove_participant", "meeting": pyongyang, "person": "kim-jong-un",
         "reason": "test: did not attend"},
        {"kind": "set_meeting_date", "meeting": pyongyang, "date": "2024-11", "reason": "day unsure"},
        {"kind": "set_meeting_place", "meeting": pyongyang, "place": "vladivostok", "reason": "test"},
        {"kind": "drop_mention", "mention": "0000000000000000", "reason": "stale on purpose"},
    ]


def write_corrections(path: Path, corrections: list[dict]) -> Path:
    path.write_text(yaml.safe_dump(corrections, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_every_kind_of_correction_changes_what_it_says(raw_db, tmp_path):
    db = sqlite_utils.Database(raw_db)
    corrections = corrections_covering_every_kind(db)
    assert {c["kind"] for c in corrections} == set(KINDS)
    pyongyang = one(db, "select id from meetings where place_id = 'pyongyang'")
    wonsan = one(db, "select id from meetings where place_id = 'wonsan'")

    records = apply_corrections(db, load_corrections(write_corrections(tmp_path / "c.yml", corrections)))

    assert [r["status"] for r in records] == ["applied"] * 12 + ["stale"]
    quote = next(db["quotes"].rows_where("text like '%babak baru%'"))
    assert (quote["person_id"], quote["speaker"]) == ("dmitri-sokolenko", "Dmitri Sokolenko")
    assert db["people"].count_where("id = 'dmitry-sokolenko'") == 0
    analyst = db["people"].get("dmitri-sokolenko")
    assert (analyst["verified"], analyst["wikidata"], analyst["country"]) == (1, "Q99999999", "RU")
    assert json.loads(analyst["aliases"]) == ["Dmitry Sokolenko", "D. Sokolenko"]
    assert {r[0] for r in db.execute("select surface from mentions where person_id = 'dmitri-sokolenko'")} \
        == {"Dmitri Sokolenko", "Dmitry Sokolenko", "Sokolenko"}
    assert one(db, "select count(*) from quotes where person_id = 'dmitri-sokolenko'") == 2
    kim_quote = next(db["quotes"].rows_where("text like 'Kami akan%'"))
    assert kim_quote["speaker"] is None and kim_quote["person_id"] is None
    assert db["quotes"].count_where("text like '%bukan kunjungan%'") == 0
    assert one(db, "select count(*) from quotes_fts where quotes_fts match 'bukan'") == 0
    # Choe Son Hui lost her only mention and her meeting: nothing refers to her any more.
    assert db["people"].count_where("id = 'choe-son-hui'") == 0
    assert db["meetings"].count_where("id = ?", [wonsan]) == 0
    for table in ("meeting_participants", "meeting_reports"):
        assert db[table].count_where("meeting_id = ?", [wonsan]) == 0
    meeting = db["meetings"].get(pyongyang)
    assert (meeting["date"], meeting["date_precision"]) == ("2024-11", "month")
    assert meeting["place_id"] == "vladivostok"
    assert meeting["title"] == "Andrei Belousov – Sergei Shoigu, Vladivostok"
    participants = db["meeting_participants"].rows_where("meeting_id = ?", [pyongyang])
    assert {(r["person_id"], r["role"]) for r in participants} == \
        {("andrei-belousov", "guest"), ("sergei-shoigu", "delegation")}
    # Shoigu and Vladivostok came from the reference data, as no article names them.
    assert db["people"].get("sergei-shoigu")["verified"] == 1
    assert db["places"].get("vladivostok")["name"] == "Vladivostok"
    assert list(db.execute("pragma foreign_key_check")) == []
    stored = {row["id"]: row for row in db["corrections"].rows}
    assert {r["id"]: r["status"] for r in records} == {i: row["status"] for i, row in stored.items()}
    assert warnings(records) == [
        f"correction {records[-1]['id']} (drop_mention mention 0000000000000000) is stale: "
        f"no mention with id 0000000000000000"]


def test_reverting_gives_back_the_raw_extraction(raw_db, tmp_path):
    raw = all_rows(raw_db)
    db = sqlite_utils.Database(raw_db)
    path = write_corrections(tmp_path / "c.yml", corrections_covering_every_kind(db))
    apply_corrections(db, load_corrections(path))
    assert all_rows(raw_db) != raw
    revert_corrections(db)
    assert all_rows(raw_db) == raw


def test_corrections_already_true_are_no_ops_and_unknown_rows_are_stale(raw_db, tmp_path):
    db = sqlite_utils.Database(raw_db)
    pyongyang = one(db, "select id from meetings where place_id = 'pyongyang'")
    corrections = load_corrections(write_corrections(tmp_path / "c.yml", [
        {"kind": "verify_person", "person": "kim-jong-un", "wikidata": "Q56226", "reason": "r"},
        {"kind": "add_alias", "person": "kim-jong-un", "alias": "Kim Jong-un", "reason": "r"},
        {"kind": "remove_participant", "meeting": pyongyang, "person": "sergei-lavrov", "reason": "r"},
        {"kind": "set_meeting_date", "meeting": pyongyang, "date": "2024-11-29", "reason": "r"},
        {"kind": "add_participant", "meeting": pyongyang, "person": "nobody-known", "reason": "r"},
        {"kind": "set_meeting_place", "meeting": pyongyang, "place": "atlantis", "reason": "r"},
        {"kind": "merge_people", "person": "kim-jong-un", "duplicate": "kim-jong-eun", "reason": "r"},
        {"kind": "set_speaker", "article": "pyongyang.txt", "quote": "tidak ada kata seperti ini",
         "person": "kim-jong-un", "reason": "r"},
        {"kind": "drop_quote", "article": "nowhere.txt", "quote": "Kerja sama", "reason": "r"},
    ]))
    before = all_rows(raw_db)
    records = apply_corrections(db, corrections)
    assert [r["status"] for r in records] == ["no-op"] * 4 + ["stale"] * 5
    assert [line.split()[1] for line in warnings(records)] == [r["id"] for r in records[4:]]
    after = all_rows(raw_db)
    assert {t: rows for t, rows in after.items() if t != "corrections"} == \
        {t: rows for t, rows in before.items() if t != "corrections"}


def test_quote_words_matching_two_quotes_is_stale_and_names_both(raw_db, tmp_path):
    db = sqlite_utils.Database(raw_db)
    candidates = [r[0] for r in db.execute(
        "select q.id from quotes q join articles a on a.id = q.article_id "
        "where a.source_file = 'pyongyang.txt' and lower(q.text) like '%kunjungan%'")]
    assert len(candidates) == 2
    records = apply_corrections(db, load_corrections(write_corrections(tmp_path / "c.yml", [
        {"kind": "drop_quote", "article": "pyongyang.txt", "quote": "KUNJUNGAN", "reason": "r"}])))
    assert records[0]["status"] == "stale"
    assert all(quote_id in records[0]["summary"] for quote_id in candidates)
    assert db["quotes"].count_where("id in (?, ?)", candidates) == 2


@pytest.mark.parametrize("entry, problem", [
    ({"kind": "rename_person", "person": "x", "reason": "r"}, "unknown kind 'rename_person'"),
    ({"kind": "drop_quote", "reason": "r"}, "missing target 'quote'"),
    ({"kind": "drop_mention", "mention": "abc"}, "missing reason"),
    ({"kind": "drop_mention", "mention": "abc", "reason": "  "}, "missing reason"),
    ({"kind": "drop_mention", "mention": 1234, "reason": "r"}, "mention must be text"),
    ({"kind": "verify_person", "person": "x", "reason": "r"}, "missing wikidata"),
    ({"kind": "verify_person", "person": "x", "wikidata": "42", "reason": "r"}, "QID"),
    ({"kind": "set_meeting_date", "meeting": "m", "date": "30/11/2024", "reason": "r"}, "YYYY-MM-DD"),
    ({"kind": "add_participant", "meeting": "m", "person": "p", "role": "boss", "reason": "r"}, "role"),
    ({"kind": "set_speaker", "quote": "q", "person": "p", "organization": "o", "reason": "r"}, "not both"),
    ({"kind": "set_speaker", "quote": "q", "reason": "r"}, "give person, organization or speaker"),
    ({"kind": "drop_mention", "mention": "abc", "person": "p", "reason": "r"}, "unknown field(s) person"),
    ({"kind": "merge_people", "person": "p", "duplicate": "p", "reason": "r"}, "into itself"),
])
def test_invalid_corrections_name_the_file_the_entry_and_the_problem(tmp_path, entry, problem):
    path = write_corrections(tmp_path / "c.yml", [
        {"kind": "drop_mention", "mention": "abc", "reason": "fine"}, entry])
    with pytest.raises(ValueError) as error:
        load_corrections(path)
    assert str(error.value).startswith(f"{path}: entry 2: ")
    assert problem in str(error.value)


def test_the_same_correction_twice_is_refused(tmp_path):
    entry = {"kind": "drop_mention", "mention": "abc", "reason": "one"}
    with pytest.raises(ValueError, match="entry 2: repeats entry 1"):
        load_corrections(write_corrections(tmp_path / "c.yml", [entry, {**entry, "reason": "two"}]))


def test_yaml_dates_and_years_become_iso_text(tmp_path):
    path = tmp_path / "c.yml"
    path.write_text("- {kind: set_meeting_date, meeting: m1, date: 2024-11-29, reason: r}\n"
                    "- {kind: set_meeting_date, meeting: m2, date: 2024, reason: r}\n")
    assert [c["fields"]["date"] for c in load_corrections(path)] == ["2024-11-29", "2024"]


def test_the_shipped_file_applies_nothing_and_documents_every_kind(tmp_path):
    text = (ROOT / "corrections.yml").read_text(encoding="utf-8")
    assert load_corrections(ROOT / "corrections.yml") == []
    examples = text.split("# The kinds")[1]
    uncommented = "\n".join(line[2:] for line in examples.splitlines() if line.startswith(("# - ", "#   ")))
    documented = load_corrections(write_corrections(tmp_path / "examples.yml", yaml.safe_load(uncommented)))
    assert {c["kind"] for c in documented} == set(KINDS)


def test_review_queue_lists_what_needs_a_human(raw_db):
    db = sqlite_utils.Database(raw_db)
    items = review_queue(db)
    found = {(item["kind"], item["row_id"]) for item in items}
    no_speaker = {r[0] for r in db.execute(
        "select id from quotes where speaker is null and person_id is null and organization_id is null")}
    assert no_speaker and {(k, r) for k, r in found if k == "quote_without_speaker"} == \
        {("quote_without_speaker", q) for q in no_speaker}
    assert {r for k, r in found if k == "unverified_person"} == {
        "dmitri-sokolenko", "dmitry-sokolenko", "viktor-orlov"}
    assert {r for k, r in found if k == "short_name_only"} == {"sergei-lavrov"}
    wonsan = one(db, "select id from meetings where place_id = 'wonsan'")
    pyongyang = one(db, "select id from meetings where place_id = 'pyongyang'")
    assert ("weekday_mismatch", wonsan) in found
    assert ("meeting_date_disagreement", pyongyang) in found
    for item in items:
        assert item["url"] == f"/news/{item['table']}/{item['row_id']}"
        article = db["articles"].get(item["article_id"])
        assert item["sentence"] in article["body"]
    weekday = next(i for i in items if i["kind"] == "weekday_mismatch")
    assert "Rabu (10/10/2024)" in weekday["sentence"] and "Rabu (10/10/2024)" in weekday["summary"]
    # Direct quotes come before indirect ones.
    quote_kinds = [i["summary"].split()[0] for i in items if i["kind"] == "quote_without_speaker"]
    assert quote_kinds == sorted(quote_kinds, key=lambda k: k == "indirect")


def test_corrections_settle_review_items(raw_db, tmp_path):
    db = sqlite_utils.Database(raw_db)
    wonsan = one(db, "select id from meetings where place_id = 'wonsan'")
    official = one(db, "select id from quotes where text like 'Ini bukan%'")
    apply_corrections(db, load_corrections(write_corrections(tmp_path / "c.yml", [
        {"kind": "clear_speaker", "quote": official, "reason": "anonymous on purpose"},
        {"kind": "verify_person", "person": "dmitry-sokolenko", "wikidata": "Q1", "reason": "r"},
        {"kind": "add_alias", "person": "sergei-lavrov", "alias": "S. Lavrov", "reason": "r"},
        {"kind": "set_meeting_date", "meeting": wonsan, "date": "2024-10-10", "reason": "r"},
    ])))
    left = {(item["kind"], item["row_id"]) for item in review_queue(db)}
    for settled in [("quote_without_speaker", official), ("unverified_person", "dmitry-sokolenko"),
                    ("short_name_only", "sergei-lavrov"), ("weekday_mismatch", wonsan)]:
        assert settled not in left
    assert ("unverified_person", "dmitri-sokolenko") in left


def test_a_meeting_held_that_no_report_dates_is_reviewed_until_its_date_is_set(tmp_path):
    folder = tmp_path / "undated"
    folder.mkdir()
    (folder / "undated.txt").write_text(
        "Belousov Temui Kim\n\nAndrei Belousov dan Kim Jong Un bertemu lagi di Wonsan. Keduanya "
        "membahas latihan gabungan.\n", encoding="utf-8")
    db_path = tmp_path / "undated.db"
    build([folder], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    meeting = one(db, "select id from meetings where date is null")
    [item] = [i for i in review_queue(db) if i["kind"] == "undated_meeting"]
    assert (item["row_id"], item["table"]) == (meeting, "meetings")
    assert "no report says when" in item["summary"] and "bertemu lagi di Wonsan" in item["sentence"]
    apply_corrections(db, load_corrections(write_corrections(tmp_path / "c.yml", [
        {"kind": "set_meeting_date", "meeting": meeting, "date": "2024-11-30", "reason": "other sources"}])))
    assert not [i for i in review_queue(db) if i["kind"] == "undated_meeting"]


def test_format_review_groups_by_kind_with_evidence(raw_db):
    items = review_queue(sqlite_utils.Database(raw_db))
    text = format_review(items, width=90)
    assert all(len(line) <= 90 for line in text.splitlines())
    assert text.index("Quotes with no speaker") < text.index("People discovered in text")
    for item in items:
        assert item["url"] in text
    assert format_review([]) == "Nothing to review."


def test_metadata_review_query_is_the_module_sql():
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    queries = metadata["databases"]["news"]["queries"]
    if "review" not in queries:
        pytest.skip("metadata.yml has no `review` canned query yet (paste /work/notes/review-query.yml)")
    assert queries["review"]["sql"].strip() == REVIEW_SQL.strip()


# The build wiring: build(..., corrections=path) and the CLI -------------------------------------

def test_corrections_survive_a_rebuild_from_scratch(articles, raw_db, tmp_path):
    corrections = corrections_covering_every_kind(sqlite_utils.Database(raw_db))
    path = write_corrections(tmp_path / "c.yml", corrections)
    messages = []
    first = tmp_path / "first.db"
    report = build([articles], first, workers=1, corrections=path, on_message=messages.append)
    stale = [r["id"] for r in report.corrections if r["status"] == "stale"]
    assert len(stale) == 1 and any(stale[0] in message for message in messages)

    again = tmp_path / "again.db"
    build([articles], again, workers=1, incremental=False, corrections=path)
    assert all_rows(again) == all_rows(first)
    # Incremental rebuilds undo the last build's corrections before applying the file again.
    build([articles], first, workers=1, corrections=path)
    assert all_rows(again) == all_rows(first)
    build([articles], first, workers=1, corrections=None)
    assert all_rows(first) == all_rows(raw_db)


def test_cli_strict_fails_on_a_stale_correction_and_no_corrections_builds_raw(articles, raw_db, tmp_path):
    path = write_corrections(tmp_path / "c.yml", [
        {"kind": "drop_mention", "mention": "0000000000000000", "reason": "stale on purpose"}])
    db_path = tmp_path / "news.db"
    build_command = ["build", str(articles), "--db", str(db_path)]
    result = CliRunner().invoke(cli, [*build_command, "--corrections", str(path)])
    assert result.exit_code == 0, result.output
    assert load_corrections(path)[0]["id"] in result.output
    result = CliRunner().invoke(cli, [*build_command, "--corrections", str(path), "--strict"])
    assert result.exit_code != 0
    result = CliRunner().invoke(cli, [*build_command, "--no-corrections"])
    assert result.exit_code == 0, result.output
    assert all_rows(db_path) == all_rows(raw_db)


def test_cli_review_prints_the_queue(raw_db):
    result = CliRunner().invoke(cli, ["review", str(raw_db)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == format_review(review_queue(sqlite_utils.Database(raw_db))).strip()
