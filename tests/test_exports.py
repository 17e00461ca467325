"""Scraper exports: JSON Lines, JSON arrays and CSV as news-please, Media Cloud and trafilatura
write them, their bad records, and a build over them (messages, incremental skip). The records
are written here."""
import csv
import io
import json

import pytest
import sqlite_utils

from loader import build as build_module
from loader.sources import SkipArticle, read_file

STORIES = [
    "JAKARTA, KOMPAS.com - Menteri Luar Negeri Belarus Maxim Ryzhenkov tiba di Pyongyang pada Selasa "
    "(12/3/2024) untuk bertemu dengan pejabat tinggi Korea Utara.\nKunjungan itu berlangsung selama tiga "
    "hari, menurut kantor berita setempat.",
    "Menteri Pertahanan Belarus Viktor Khrenin bertemu dengan Menteri Pertahanan Korea Utara di Minsk "
    "pada Rabu (13/3/2024).\nKeduanya membahas latihan bersama, kata juru bicara kementerian itu.",
]
NEWS_PLEASE = {"maintext": STORIES[0], "title": "Menlu Belarus di Pyongyang", "date_publish": "2024-03-12 10:15:00",
               "url": "https://www.kompas.com/global/read/2024/03/12/101500/menlu", "source_domain": "www.kompas.com",
               "authors": ["Rina Wulandari", "Budi Santoso"]}
TRAFILATURA = {"text": STORIES[1], "title": "Menhan Belarus di Minsk", "date": "2024-03-13",
               "source": "https://tempo.co/read/99/menhan", "source-hostname": "Tempo.co", "author": "Sari Dewi"}
MEDIA_CLOUD = {"text": STORIES[1], "title": "Menhan Belarus", "publish_date": "2024-03-13 08:00:00",
               "url": "https://nasional.example.id/menhan", "media_name": "Kabar Contoh"}


def articles(path):
    return list(read_file(path))


def test_json_lines_records_with_a_broken_line_and_one_without_text(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join([json.dumps(NEWS_PLEASE), json.dumps({"title": "kosong", "maintext": ""}),
                               '{"maintext": "terpotong', "", json.dumps(TRAFILATURA), "[1, 2]"]) + "\n",
                    encoding="utf-8")
    found = articles(path)
    assert [record for record, _ in found] == ["L1", "L2", "L3", "L5", "L6"]
    first, no_text, broken, second, not_object = (value for _, value in found)
    assert (first.source_file, first.outlet, first.title, first.author) == (
        "export.jsonl#L1", "Kompas.com", "Menlu Belarus di Pyongyang", "Rina Wulandari, Budi Santoso")
    assert (first.published, first.published_text, first.published_source) == (
        "2024-03-12T10:15:00", "2024-03-12 10:15:00", "export")
    assert (first.dateline, first.body.split("\n\n")[0][:20]) == ("Jakarta", "Menteri Luar Negeri ")
    assert (second.outlet, second.url, second.published, second.author) == (
        "Tempo", "https://tempo.co/read/99/menhan", "2024-03-13", "Sari Dewi")
    assert no_text.startswith("no article text") and broken.startswith("not JSON")
    assert not_object.startswith("not a JSON object")


def test_json_array_records_keep_the_line_they_start_on(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([NEWS_PLEASE, MEDIA_CLOUD], indent=2), encoding="utf-8")
    (first_record, first), (second_record, second) = articles(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[int(first_record[1:]) - 1].strip() == "{" and lines[int(second_record[1:]) - 1].strip() == "{"
    assert second.outlet == "Kabar Contoh" and any("not in outlets.yml" in n for n in second.notes)


def test_broken_json_array_keeps_the_records_before_the_break(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([TRAFILATURA])[:-1] + ',\n  {"text": "terpotong', encoding="utf-8")
    (_, first), (record, reason) = articles(path)
    assert first.title == TRAFILATURA["title"]
    assert record == "L2" and reason.endswith("the rest of the array is skipped")


@pytest.mark.parametrize("text,reason", [
    ('{"text": ', "not valid JSON"),
    (json.dumps([TRAFILATURA])[:-1], "cut short"),
])
def test_unreadable_json_file(tmp_path, text, reason):
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SkipArticle, match=reason):
        list(read_file(path))


def csv_text(rows, fields) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_csv_with_multiline_text_gives_each_record_its_line(tmp_path):
    path = tmp_path / "export.csv"
    fields = ["title", "text", "publish_date", "url", "media_name"]
    path.write_text(csv_text([{k: MEDIA_CLOUD.get(k, "") for k in fields},
                              {"title": "B", "text": STORIES[0], "publish_date": "", "url": "", "media_name": ""}],
                             fields), encoding="utf-8")
    (first_record, first), (second_record, second) = articles(path)
    assert (first_record, second_record) == ("L2", "L4")  # each text spans two lines
    assert (first.published, second.published, second.outlet) == ("2024-03-13T08:00:00", None, "Kompas.com")


def test_csv_in_windows_1252_is_read_with_a_note(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text([{"title": "A", "text": "“Kami siap,” kata Ryzhenkov. " + STORIES[1]}],
                              ["title", "text"]).encode("cp1252"))
    [(_, article)] = articles(path)
    assert article.body.startswith("“Kami siap,”") and article.notes == ["not UTF-8: decoded as cp1252"]


def test_csv_without_a_text_column_names_what_it_has(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("title,url\nA,https://example.id/a\n", encoding="utf-8")
    with pytest.raises(SkipArticle, match="no text column .* the header has title, url"):
        list(read_file(path))


def test_a_record_holding_the_page_is_read_as_html(tmp_path):
    page = ("<html><head><meta property='article:published_time' content='2024-03-12T10:15:00+07:00'></head>"
            "<body><article>" + "".join(f"<p>{p}</p>" for p in STORIES[0].split("\n")) + "</article></body></html>")
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"html": page, "url": "https://www.kompas.com/x", "title": "Judul"}) + "\n", encoding="utf-8")
    [(_, article)] = articles(path)
    assert (article.title, article.outlet, article.published, article.published_source) == (
        "Judul", "Kompas.com", "2024-03-12T10:15:00+07:00", "html")


def test_build_reads_exports_reports_bad_records_and_skips_them_when_unchanged(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join([json.dumps(NEWS_PLEASE), "not json", json.dumps(TRAFILATURA)]) + "\n",
                                    encoding="utf-8")
    (folder / "b.csv").write_text(csv_text([{"title": "sama", "text": STORIES[1]}], ["title", "text"]), encoding="utf-8")
    (folder / "c.csv").write_text("title\nA\n", encoding="utf-8")
    db_path = tmp_path / "news.db"
    messages = []
    report = build_module.build([folder], db_path, workers=1, on_message=messages.append)
    assert sorted(report.loaded) == [f"{folder}/a.jsonl#L1", f"{folder}/a.jsonl#L3"]
    skipped = dict(report.skipped)
    assert skipped[f"{folder}/a.jsonl#L2"].startswith("not JSON")
    assert skipped[f"{folder}/b.csv#L2"] == f"same text as {folder}/a.jsonl#L3: deduplicated, kept the first"
    assert skipped[f"{folder}/c.csv"].startswith("no text column")
    sources = {row["source_file"] for row in sqlite_utils.Database(db_path)["articles"].rows}
    assert sources == {"a.jsonl#L1", "a.jsonl#L3"}

    read = []
    real_read = build_module.read_file
    monkeypatch.setattr(build_module, "read_file", lambda path, *a: read.append(path.name) or real_read(path, *a))
    again = build_module.build([folder], db_path, workers=1)
    assert read == ["c.csv"]  # the unreadable one is tried again; the unchanged exports are not read
    assert (again.loaded, again.skipped, again.extracted) == (report.loaded, report.skipped, 0)
