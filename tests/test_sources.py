"""The page-text reader: one table-driven test per rule (publication time, outlet and dateline,
title, furniture and captions, credits), every seed, and bad input. Every text here is written for
these tests."""
from pathlib import Path

import pytest

from loader.extract.article import extract_article
from loader.outlets import load_outlets
from loader.reference import load_reference
from loader.sources import (SkipArticle, decode, load_sidecars, normalise, page_article,
                            read_article, sidecar_for, split_boilerplate)

from .conftest import SEEDS

BOILERPLATE_MARKERS = ["Baca Juga", "Breaking News", "Penulis :", "Editor :", "Sumber :",
                       "TRIBUNNEWS.COM -", "Pahami.id —", "KOMPAS.TV -", "(AFP/"]

# What each seed gives today: a change to the reader must keep every field.
SEED_FIELDS = {
    "000_fc2f5e98dbe227bd.txt": dict(outlet="Tribunnews.com", title=None, published=None, dateline=None,
                                     author=None, editor=None, agencies=[], word_count=315),
    "001_cc6341c7ed42edb7.txt": dict(outlet="Pahami.id", title=None, published=None, dateline="Jakarta",
                                     author=None, editor=None, agencies=["AFP"], word_count=464),
    "002_c7b1c44eb942ed8a.txt": dict(outlet="Tribunnews.com", title=None, published=None, dateline=None,
                                     author="Namira Unia", editor=None, agencies=[], word_count=404),
    "003_bada8150801741bf.txt": dict(outlet="Kompas TV", published="2024-07-19T14:11:00+07:00",
                                     dateline="Pyongyang", author="Haryo Jati", editor="Desy-Afrianti",
                                     agencies=["Korea JongAng Daily"], word_count=259),
    "004_74c5f399bd71f4d7.txt": dict(outlet=None, published=None, dateline=None, author=None, editor=None,
                                     agencies=[], word_count=843),
}


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_every_seed_reads_with_a_clean_body_and_keeps_its_fields(path):
    article = read_article(path)
    for key, value in SEED_FIELDS[path.name].items():
        assert getattr(article, key) == value, key
    for marker in BOILERPLATE_MARKERS:
        assert marker not in article.body, marker
    assert article.body == article.body.strip()
    assert "\r" not in article.body and "  " not in article.body


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


STORY = ["Menteri Luar Negeri Belarus Maxim Ryzhenkov tiba di Pyongyang pada Selasa (12/3/2024) "
         "untuk bertemu dengan pejabat tinggi Korea Utara.",
         "Kunjungan itu berlangsung selama tiga hari, menurut kantor berita setempat yang dikutip media.",
         "“Kami siap memperluas kerja sama di bidang pertanian,” kata Ryzhenkov kepada wartawan."]
TITLE = "Menlu Belarus Tiba di Pyongyang untuk Pembicaraan"


def page(*header: str, story=STORY, tail=()) -> list[str]:
    return [*header, *story, *tail]


def read_lines(lines: list[str]):
    return page_article("page.txt", lines, None, [])


# --- publication time: (header line, published, published_text) ---------------------------
@pytest.mark.parametrize("line,published,text", [
    ("Wartacontoh.com - 03/09/2023, 07:45 WIB", "2023-09-03T07:45:00+07:00", "03/09/2023, 07:45 WIB"),
    ("Senin 4 Sep 2023 20:10 WIB", "2023-09-04T20:10:00+07:00", "Senin 4 Sep 2023 20:10 WIB"),
    ("Minggu, 3 Sep 2023 06:05 WITA", "2023-09-03T06:05:00+08:00", "Minggu, 3 Sep 2023 06:05 WITA"),
    ("SABTU, 2 SEPTEMBER 2023 | 09:30 WIT | LAPORAN: RINA WULANDARI", "2023-09-02T09:30:00+09:00",
     "SABTU, 2 SEPTEMBER 2023 | 09:30 WIT"),
    ("Dipublikasikan: 1 Okt 2023", "2023-10-01", "Dipublikasikan: 1 Okt 2023"),
    ("Diterbitkan Pada 7 Des 2023", "2023-12-07", "Diterbitkan Pada 7 Des 2023"),
    ("Write: 2023-09-01 08:00:00Update: 2023-09-02 10:00:00", "2023-09-01T08:00:00", "Write: 2023-09-01 08:00:00"),
    ("Budi Santoso • 1 September 2023 11:11", "2023-09-01T11:11:00", "1 September 2023 11:11"),
    ("30 Agustus 2023 23:59", "2023-08-30T23:59:00", "30 Agustus 2023 23:59"),
    ("Published: August 30, 2023", "2023-08-30", "Published: August 30, 2023"),
    ("2023-08-30T06:15:00+07:00", "2023-08-30T06:15:00+07:00", "2023-08-30T06:15:00+07:00"),
    ("Jumat, 30/08/2024 - 14:00", "2024-08-30T14:00:00", "Jumat, 30/08/2024 - 14:00"),
])
def test_page_timestamp_in_the_header(line, published, text):
    article = read_lines(page(TITLE, line))
    assert (article.published, article.published_text, article.published_source) == (published, text, "text")
    assert line not in article.body


@pytest.mark.parametrize("lines,note", [
    # a date inside a sentence is the story's, not the page's
    (page(TITLE, story=["Presiden menerima tamunya di istana pada Selasa, 5 September 2023 siang ini "
                        "untuk membahas kerja sama pertahanan kedua negara.", *STORY]), None),
    # only an update time: not the day the page was published
    (page(TITLE, "Diperbarui 31 Agustus 2023, 10:00 WIB"), "only an update time"),
    # two different days in the header: which is the page's is not known
    (page(TITLE, "Rabu, 30 Agustus 2023 10:00 WIB", "Kamis, 31 Agustus 2023 08:00 WIB"), "different days"),
    # other stories' times in a list after the story
    (page(TITLE, tail=["Populer", "Harga Cabai Turun di Pasar Induk", "Selasa, 29 Agustus 2023 | 07:45"]), None),
])
def test_no_page_day_is_taken_from_the_story_or_guessed(lines, note):
    article = read_lines(lines)
    assert article.published is None and article.published_source is None
    assert any(note in n for n in article.notes) if note else not article.notes
    assert "Harga Cabai" not in article.body


def test_a_wrong_weekday_keeps_the_date_as_written_and_is_flagged():
    article = read_lines(page(TITLE, "Senin, 12 Mar 2024 10:00 WIB"))  # 12 March 2024 was a Tuesday
    assert article.published == "2024-03-12T10:00:00+07:00"
    assert [n for n in article.notes if n.startswith("weekday_mismatch")]


def test_a_timestamp_after_the_standfirst_is_still_the_pages():
    article = read_lines([TITLE, "Kunjungan ini adalah yang pertama dalam lima tahun terakhir ke sana.",
                          "Diterbitkan Pada 12 Mar 2024", *STORY])
    assert article.published == "2024-03-12"


# --- outlet and dateline: (story's first line, outlet, dateline, a note that must be given) ---
@pytest.mark.parametrize("first,outlet,city,note", [
    ("TEMPO.CO, Jakarta - Menteri Luar Negeri Belarus tiba di Pyongyang.", "Tempo", "Jakarta", None),
    ("Tempo.co, Jakarta - Menteri Luar Negeri Belarus tiba di Pyongyang.", "Tempo", "Jakarta", None),
    ("tempo.co, Jakarta - Menteri Luar Negeri Belarus tiba di Pyongyang.", "Tempo", "Jakarta", None),
    ("Liputan6.com, Moskow - Menteri Luar Negeri Belarus tiba di Pyongyang.", "Liputan6.com", "Moskow", None),
    ("MEDAN, KOMPAS.TV - Menteri Luar Negeri Belarus tiba di Pyongyang.", "Kompas TV", "Medan", None),
    ("Jakarta (ANTARA) - Menteri Luar Negeri Belarus tiba di Pyongyang.", "Antara", "Jakarta", None),
    ("KABARKITA.CO.ID – Medan – Menteri Luar Negeri Belarus tiba di Pyongyang.", "KABARKITA.CO.ID", "Medan",
     "not in outlets.yml"),
    ("Wartacontoh.com – Medan. Menteri Luar Negeri Belarus tiba di Pyongyang.", "Wartacontoh.com", "Medan",
     "not in outlets.yml"),
    ("Wartacontoh.com – Menteri Luar Negeri Belarus tiba di Pyongyang.", "Wartacontoh.com", None,
     "not in outlets.yml"),
    ("Bandung, Kabarkita- Menteri Luar Negeri Belarus tiba di Pyongyang.", "Kabarkita", "Bandung",
     "not in outlets.yml"),
    ("JAKARTA - Menteri Luar Negeri Belarus tiba di Pyongyang hari ini.", None, "Jakarta", "outlet unknown"),
    ("Surabaya - Menteri Luar Negeri Belarus tiba di Pyongyang hari ini.", None, "Surabaya", "outlet unknown"),
])
def test_outlet_and_dateline(first, outlet, city, note):
    article = read_lines(page(TITLE, story=[first, *STORY[1:]]))
    assert (article.outlet, article.dateline) == (outlet, city)
    assert article.body.startswith("Menteri Luar Negeri Belarus")
    assert any(note in n for n in article.notes) if note else not article.notes


@pytest.mark.parametrize("header,outlet,author", [
    (["Rina Wulandari - detikNews", "Selasa, 12 Mar 2024 10:00 WIB"], "detikcom", "Rina Wulandari"),
    (["Kompas.com - 12/03/2024, 10:00 WIB"], "Kompas.com", None),
    (["Sari Dewi dari Tribunnews.com melaporkan"], "Tribunnews.com", "Sari Dewi"),
    (["Penulis: Hasan Basri", "Red: Nur Aini"], None, "Hasan Basri"),
])
def test_bylines_give_author_and_outlet(header, outlet, author):
    article = read_lines(page(TITLE, *header))
    assert (article.outlet, article.author) == (outlet, author)
    assert not [line for line in header if line in article.body]


def test_agency_in_a_dateline_is_credited_not_the_outlet():
    article = read_lines(page(TITLE, story=["SEOUL (AP) - Menteri Luar Negeri Belarus tiba di Pyongyang.", *STORY[1:]]))
    assert (article.outlet, article.dateline, article.agencies) == (None, "Seoul", ["AP"])


# --- title: the first headline, not navigation ----------------------------------------------
@pytest.mark.parametrize("header", [
    ["Berita", "Dunia", TITLE],
    ["Pergi ke Konten Pergi ke Menu", "Go Top", "Internasional", TITLE, TITLE],
    ["Nikmati berita tanpa iklan, klik di sini", TITLE, "Nikmati berita tanpa iklan, klik di sini",
     "Nikmati berita tanpa iklan, klik di sini"],
    ["Breaking News", TITLE, "Ryzhenkov disambut di bandara. Foto: Antara", "Kabar Contoh.com/Budi"],
    ["Ryzhenkov disambut di bandara Sunan Pyongyang pada Selasa (12/3/2024). Foto: Dok. Kementerian Luar Negeri",
     TITLE],
])
def test_title_is_the_first_headline(header):
    article = read_lines(page(*header))
    assert article.title == TITLE
    assert article.body.split("\n\n") == STORY


# --- furniture, captions and credits: lines that never reach the body -----------------------
@pytest.mark.parametrize("line", [
    "Baca juga: Harga Beras Naik Lagi di Pasar Induk",
    "BACA JUGA: Harga Beras Naik Lagi",
    "Baca Juga : Harga Beras Naik Lagi",
    "Klik di sini untuk membagikan berita ini",
    "share2",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Photo : YONHAP News",
    "Foto: Reuters",
    "Ryzhenkov tiba di bandara Sunan, Selasa. (REUTERS/Anna Smith)",
    "Ryzhenkov tiba di bandara Sunan, Selasa. (Foto: AFP).",
    "Ryzhenkov tiba di bandara Sunan, Selasa. TASS/Ivan PetrovRyzhenkov tiba di bandara Sunan, Selasa.",
    "Ryzhenkov dan Choe Son Hui di Pyongyang. ANTARA FOTO/REUTERS/Anna Smith",
    "Ryzhenkov dan Choe Son Hui di Pyongyang/Net",
    "Ilustrasi Ryzhenkov dan Choe Son Hui. Wartacontoh.com/Budi",
    "Ryzhenkov di Pyongyang. (Arsip Pemerintah Belarus, CC BY-SA 3.0, lewat Wikimedia Commons)",
    "[Gambas:Video 20detik]",
    "Bagaimana pendapat kamu tentang berita ini?",
    "Penulis : Rina Wulandari Editor : Budi Santoso",
])
def test_furniture_captions_and_credits_leave_the_body(line):
    article = read_lines([TITLE, STORY[0], line, *STORY[1:]])
    assert article.body.split("\n\n") == STORY


def test_a_name_in_a_photo_credit_is_not_a_person_of_the_story():
    article = read_lines([TITLE, STORY[0], "Ryzhenkov tiba di bandara. (REUTERS/Anna Smith)", *STORY[1:]])
    mentions = extract_article(article.body, article.published, load_reference())["mentions"]
    assert "Anna" not in {word for mention in mentions for word in mention["surface"].split()}


@pytest.mark.parametrize("tail,agencies,author", [
    (["(AFP/vws)"], ["AFP"], None),
    (["(Reuters/AP/abc)", "Lomba Jurnalis Muda 2026", "Baca kisah para pemenang di sini"], ["Reuters", "AP"], None),
    (["(nvc/ita)", "Tonton video pilihan redaksi di sini", "Ajang penghargaan tahunan kami"], [], None),
    (["(Rina Wulandari)"], [], "Rina Wulandari"),
    (["Sumber : Korea JoongAng Daily"], ["Korea JoongAng Daily"], None),
])
def test_credits_close_the_story(tail, agencies, author):
    article = read_lines(page(TITLE, tail=tail))
    assert (article.agencies, article.author) == (agencies, author)
    assert article.body.split("\n\n") == STORY


def test_initials_glued_to_the_last_paragraph_go():
    article = read_lines(page(TITLE, story=[*STORY[:2], STORY[2] + " [rd/ab]"]))
    assert article.body.split("\n\n") == STORY


# --- decoding, bad input, sidecars ----------------------------------------------------------
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
    article = read_article(write(tmp_path, "e.txt", "\n".join(STORY).encode("cp1252")))
    assert article.notes == ["not UTF-8: decoded as cp1252"]
    assert article.body.startswith("Menteri Luar Negeri")


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (bytes(range(256)) * 20, "binary file"),
    ("Baca Juga: Harga Beras Naik\nBreaking News\nPenulis : Rina Editor : Budi\n", "no article text"),
])
def test_unloadable_files_say_why(tmp_path, content, reason):
    with pytest.raises(SkipArticle, match=reason):
        read_article(write(tmp_path, "bad.txt", content))


def test_oversized_file_is_skipped_with_the_limit(tmp_path):
    path = write(tmp_path, "huge.txt", "\n".join(f"{line} ({n})" for n in range(20_000) for line in STORY))
    with pytest.raises(SkipArticle, match=r"6\.\d MB is over the 2\.0 MB limit"):
        read_article(path)
    assert read_article(path, max_bytes=10_000_000).word_count > 300_000


def test_sidecars_override_parsed_fields(tmp_path):
    write(tmp_path, "a.txt", "\n".join(["MINSK, KOMPAS.com - " + STORY[0], *STORY[1:]]))
    write(tmp_path, "a.yml", "url: https://example.org/a\ntitle: Judul dari sidecar\n")
    write(tmp_path, "sources.yml", "a.txt:\n  outlet: Kompas\n  published: 2024-03-12\n"
          "b.txt: [not, a, mapping]\n")
    sidecars, problems = load_sidecars(tmp_path)
    article = read_article(tmp_path / "a.txt", sidecar_for(sidecars, tmp_path / "a.txt"))
    assert (article.url, article.title, article.outlet, article.published, article.published_source) == (
        "https://example.org/a", "Judul dari sidecar", "Kompas", "2024-03-12", "sidecar")
    assert problems == [f"{tmp_path / 'sources.yml'} [b.txt]: expected a mapping of fields, ignored"]


def test_a_sidecar_url_gives_outlet_and_flagged_day(tmp_path):
    write(tmp_path, "a.txt", "\n".join(["JAKARTA - " + STORY[0], *STORY[1:]]))
    write(tmp_path, "a.yml", "url: https://nasional.kompas.com/read/2024/03/12/101500/menlu\n")
    sidecars, _ = load_sidecars(tmp_path)
    article = read_article(tmp_path / "a.txt", sidecar_for(sidecars, tmp_path / "a.txt"))
    assert (article.outlet, article.published, article.published_source, article.published_text) == (
        "Kompas.com", "2024-03-12", "url", "/2024/03/12")
    assert any(note.startswith("published_from_url") for note in article.notes)


def test_broken_sidecar_is_reported_not_fatal(tmp_path):
    write(tmp_path, "a.yml", "url: [unclosed\n")
    sidecars, problems = load_sidecars(tmp_path)
    assert sidecars == {} and "a.yml: not valid YAML" in problems[0]


def test_split_boilerplate_keeps_story_lines_in_order():
    lines = ["JAKARTA, Pahami.id —", "Paragraf satu yang panjang sekali isinya ya.", "Baca Juga: Lain",
             "Paragraf dua yang juga panjang sekali isinya.", "(AFP/xyz)"]
    paragraphs, meta = split_boilerplate(lines)
    assert paragraphs == [lines[1], lines[3]]
    assert meta == {"agencies": ["AFP"], "notes": [], "outlet": "Pahami.id", "dateline": "Jakarta"}


def test_outlets_yml_gives_one_name_for_spellings_and_domains():
    outlets = load_outlets()
    assert {outlets.named(s) for s in ("TEMPO.CO", "Tempo.co", "tempo.co")} == {"Tempo"}
    assert outlets.at("https://lampung.antaranews.com/berita/1/x") == "Antara"
    assert outlets.at("https://m.tribunnews.com/amp/a") == "Tribunnews.com"
    assert outlets.named("Kabarkita") is None and outlets.at("https://kabarkita.example/a") is None
