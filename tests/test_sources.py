"""The article reader on every seed and on bad input written by the tests themselves."""
from pathlib import Path

import pytest

from loader.sources import (SkipArticle, decode, load_sidecars, normalise, read_article,
                            split_boilerplate)

from .conftest import SEEDS

BOILERPLATE_MARKERS = ["Baca Juga", "Breaking News", "Penulis :", "Editor :", "Sumber :",
                       "TRIBUNNEWS.COM -", "Pahami.id —", "KOMPAS.TV -", "(AFP/"]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_every_seed_reads_with_a_clean_body(path):
    article = read_article(path)
    assert article.word_count > 100
    for marker in BOILERPLATE_MARKERS:
        assert marker not in article.body, marker
    assert article.body == article.body.strip()
    assert "\r" not in article.body and "  " not in article.body


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


STORY = (
    "Menteri Luar Negeri Belarus Maxim Ryzhenkov tiba di Pyongyang pada Selasa (12/3/2024) "
    "untuk bertemu dengan pejabat tinggi Korea Utara.\n"
    "Kunjungan itu berlangsung selama tiga hari, menurut kantor berita setempat.\n"
)


def test_dateline_outlet_city_and_agency_credit(tmp_path):
    text = f"MINSK, KOMPAS.com - {STORY}(Reuters/AP/abc)\n"
    article = read_article(write(tmp_path, "a.txt", text))
    assert (article.outlet, article.dateline) == ("Kompas.com", "Minsk")
    assert article.agencies == ["Reuters", "AP"]
    assert article.body.startswith("Menteri Luar Negeri Belarus")
    assert not article.body.endswith(")")


def test_title_section_timestamp_and_credits(tmp_path):
    text = ("Belarus dan Korea Utara Perkuat Kerja Sama\n"
            "Kompas dunia | 3 Maret 2024, 09:05 WITA" "MINSK, KOMPAS.TV - " + STORY +
            "Baca Juga: Harga Beras Naik Lagi di Pasar Induk\n"
            "Penulis : Rina Wulandari Editor : Budi-Santoso\nSumber : Reuters\n")
    article = read_article(write(tmp_path, "b.txt", text))
    assert article.title == "Belarus dan Korea Utara Perkuat Kerja Sama"
    assert article.published == "2024-03-03T09:05:00+08:00"
    assert (article.outlet, article.dateline) == ("Kompas TV", "Minsk")
    assert (article.author, article.editor) == ("Rina Wulandari", "Budi-Santoso")
    assert article.agencies == ["Reuters"]
    assert "Baca Juga" not in article.body and "Harga Beras" not in article.body


def test_breaking_news_and_repeated_title_are_dropped(tmp_path):
    headline = "Menlu Belarus berkunjung ke Pyongyang"
    text = f"Breaking News\n\n{headline}\n\n{headline}\n\n{STORY}"
    article = read_article(write(tmp_path, "c.txt", text))
    assert article.title == headline
    assert headline not in article.body
    assert article.body.startswith("Menteri Luar Negeri")


def test_reports_byline_gives_the_author_not_a_paragraph(tmp_path):
    text = "Sari Dewi dari Tribunnews.com melaporkan\nTRIBUNNEWS.\n" + STORY
    article = read_article(write(tmp_path, "d.txt", text))
    assert (article.author, article.outlet) == ("Sari Dewi", "Tribunnews.com")
    assert "melaporkan" not in article.body and "TRIBUNNEWS" not in article.body


def test_normalisation_nfc_line_endings_and_spaces():
    decomposed = "Pyongyang\r\nKe\u0301  menterian\u00a0Luar\u200b Negeri  \r\n\r\n"
    assert normalise(decomposed) == ["Pyongyang", "K\u00e9 menterian Luar Negeri"]


@pytest.mark.parametrize("raw,encoding", [
    ("“Kami siap,” kata dia.".encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + "“Kami siap,” kata dia.".encode("utf-8"), "utf-8-sig"),
    ("“Kami siap,” kata dia.".encode("utf-16"), "utf-16"),
    ("“Kami siap,” kata dia.".encode("cp1252"), "cp1252"),
])
def test_decode_detects_the_encoding(raw, encoding):
    assert decode(raw) == ("“Kami siap,” kata dia.", encoding)


def test_other_encoding_is_decoded_with_a_note(tmp_path):
    article = read_article(write(tmp_path, "e.txt", ("“Kami siap,” kata Ryzhenkov. " + STORY).encode("cp1252")))
    assert article.notes == ["not UTF-8: decoded as cp1252"]
    assert article.body.startswith("“Kami siap,”")


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (bytes(range(256)) * 20, "binary file"),
    ("Baca Juga: Harga Beras Naik\nBreaking News\nPenulis : Rina Editor : Budi\n", "no article text"),
])
def test_unloadable_files_say_why(tmp_path, content, reason):
    with pytest.raises(SkipArticle, match=reason):
        read_article(write(tmp_path, "bad.txt", content))


def test_oversized_file_is_skipped_with_the_limit(tmp_path):
    path = write(tmp_path, "huge.txt", STORY * 30_000)  # about 6 MB
    with pytest.raises(SkipArticle, match=r"6\.\d MB is over the 2\.0 MB limit"):
        read_article(path)
    assert read_article(path, max_bytes=10_000_000).word_count > 500_000


def test_sidecars_override_parsed_fields(tmp_path):
    write(tmp_path, "a.txt", "MINSK, KOMPAS.com - " + STORY)
    write(tmp_path, "a.yml", "url: https://example.org/a\ntitle: Judul dari sidecar\n")
    write(tmp_path, "sources.yml", "a.txt:\n  outlet: Kompas\n  published: 2024-03-12\n"
          "b.txt: [not, a, mapping]\n")
    sidecars, problems = load_sidecars(tmp_path)
    article = read_article(tmp_path / "a.txt", sidecars["a.txt"])
    assert (article.url, article.title, article.outlet, article.published) == (
        "https://example.org/a", "Judul dari sidecar", "Kompas", "2024-03-12")
    assert problems == [f"{tmp_path / 'sources.yml'} [b.txt]: expected a mapping of fields, ignored"]


def test_broken_sidecar_is_reported_not_fatal(tmp_path):
    write(tmp_path, "a.yml", "url: [unclosed\n")
    sidecars, problems = load_sidecars(tmp_path)
    assert sidecars == {} and "a.yml: not valid YAML" in problems[0]


def test_split_boilerplate_keeps_story_lines_in_order():
    lines = ["JAKARTA, Pahami.id —", "Paragraf satu yang panjang sekali isinya ya.", "Baca Juga: Lain",
             "Paragraf dua yang juga panjang sekali isinya.", "(AFP/xyz)"]
    paragraphs, meta = split_boilerplate(lines)
    assert paragraphs == [lines[1], lines[3]]
    assert meta == {"agencies": ["AFP"], "outlet": "Pahami.id", "dateline": "Jakarta"}


@pytest.mark.parametrize("lines,outlet,city", [
    (["Liputan6.com, Jakarta - Menteri Luar Negeri Belarus tiba di Pyongyang pada hari Selasa."],
     "Liputan6.com", "Jakarta"),
    (["Kompas dunia | 3 Maret 2024, 09:05 WIB", "MINSK, KOMPAS.TV - Menteri Luar Negeri Belarus "
      "tiba di Pyongyang pada hari Selasa."], "Kompas TV", "Minsk"),
])
def test_dateline_with_the_outlet_first_or_on_the_line_after_the_timestamp(lines, outlet, city):
    paragraphs, meta = split_boilerplate(lines)
    assert (meta["outlet"], meta["dateline"]) == (outlet, city)
    assert paragraphs == ["Menteri Luar Negeri Belarus tiba di Pyongyang pada hari Selasa."]
