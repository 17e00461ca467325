"""Saved HTML pages through trafilatura, offline: the story, the page's metadata, where the day
came from, and bad pages. The pages are written here."""
import pytest

from loader.sources import SkipArticle, load_sidecars, read_article, sidecar_for

PARAGRAPHS = [
    "MINSK, KOMPAS.com - Menteri Luar Negeri Belarus Maxim Ryzhenkov tiba di Pyongyang pada Selasa "
    "(12/3/2024) untuk bertemu dengan pejabat tinggi Korea Utara dan membahas kerja sama kedua negara.",
    "Kunjungan itu berlangsung selama tiga hari, menurut kantor berita setempat yang mengutip "
    "pernyataan kementerian luar negeri di ibu kota.",
    "Baca juga: Harga Beras Naik Lagi di Pasar Induk",
    "“Kami siap memperluas kerja sama di bidang pertanian dan pendidikan,” kata Ryzhenkov kepada "
    "wartawan setibanya di bandara.",
]


def html_page(head: str = "", body_before: str = "", charset: str = "utf-8", close: bool = True,
              paragraphs=PARAGRAPHS) -> str:
    story = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    page = (f'<!DOCTYPE html><html lang="id"><head><meta charset="{charset}">\n'
            f"<title>Menlu Belarus Tiba di Pyongyang - Kabar Contoh</title>\n{head}</head><body>\n"
            '<nav><a href="/">Beranda</a> <a href="/dunia">Dunia</a></nav>\n'
            f"<article><h1>Menlu Belarus Tiba di Pyongyang</h1>\n{body_before}{story}"
            "<figure><img src='a.jpg'><figcaption>Ryzhenkov di bandara. (REUTERS/Anna Smith)</figcaption></figure>\n"
            "</article><footer>Hak cipta 2024 Kabar Contoh</footer></body>")
    return page + "</html>\n" if close else page


CANONICAL = '<link rel="canonical" href="https://internasional.kompas.com/read/2024/03/11/101500/menlu-belarus">\n'


def read(tmp_path, text: str, name: str = "page.html", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_article(path)


def test_story_and_metadata_from_the_page(tmp_path):
    article = read(tmp_path, html_page(
        '<meta property="og:title" content="Menlu Belarus Tiba di Pyongyang">\n'
        '<meta property="og:site_name" content="KOMPAS.com">\n'
        '<meta name="author" content="Rina Wulandari">\n'
        '<meta property="article:published_time" content="2024-03-12T10:15:00+07:00">\n' + CANONICAL))
    assert (article.title, article.outlet, article.author, article.dateline) == (
        "Menlu Belarus Tiba di Pyongyang", "Kompas.com", "Rina Wulandari", "Minsk")
    assert article.url.startswith("https://internasional.kompas.com/read/2024/03/11/")
    assert (article.published, article.published_source) == ("2024-03-12T10:15:00+07:00", "html")
    assert article.body.startswith("Menteri Luar Negeri Belarus")
    for gone in ("Baca juga", "Beranda", "Hak cipta", "Anna Smith", "MINSK, KOMPAS.com"):
        assert gone not in article.body, gone
    assert article.notes == []


@pytest.mark.parametrize("head,body_before,published,source", [
    # the machine-readable tag, with its time and offset
    ('<meta itemprop="datePublished" content="2024-03-12T10:15:00+07:00">', "", "2024-03-12T10:15:00+07:00", "html"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-12 10:15:00"}</script>',
     "", "2024-03-12T10:15:00", "html"),
    # a <time> element htmldate reads from the markup
    ("", '<time datetime="2024-03-12">12 Maret 2024</time>\n', "2024-03-12", "html"),
    # nothing in the markup: the day in the canonical URL, flagged
    (CANONICAL, "", "2024-03-11", "url"),
    # nothing at all: the story's own date (12/3/2024) is not the page's
    ("", "", None, None),
])
def test_where_the_day_comes_from(tmp_path, head, body_before, published, source):
    article = read(tmp_path, html_page(head, body_before))
    assert (article.published, article.published_source) == (published, source)
    assert any(n.startswith("published_from_url") for n in article.notes) == (source == "url")


def test_sidecar_wins_over_the_page(tmp_path):
    (tmp_path / "page.yml").write_text("title: Judul dari sidecar\npublished: 2024-03-13\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(html_page(CANONICAL), encoding="utf-8")
    sidecars, _ = load_sidecars(tmp_path)
    article = read_article(tmp_path / "page.html", sidecar_for(sidecars, tmp_path / "page.html"))
    assert (article.title, article.published, article.published_source) == (
        "Judul dari sidecar", "2024-03-13", "sidecar")


@pytest.mark.parametrize("text,encoding,note", [
    (html_page(close=False), "utf-8", "the page ends before </html>"),
    (html_page(charset="x-unknown-9"), "utf-8", "declares an unknown charset 'x-unknown-9': decoded as utf-8"),
    (html_page(charset="windows-1252"), "cp1252", None),
])
def test_damaged_pages_are_read_with_a_note(tmp_path, text, encoding, note):
    article = read(tmp_path, text, encoding=encoding)
    assert "“Kami siap" in article.body
    assert any(note in n for n in article.notes) if note else article.notes == []


@pytest.mark.parametrize("text,reason", [
    ("<html><head><title>Beranda</title></head><body><nav><a href='/'>Beranda</a></nav></body></html>",
     "no article in the HTML page"),
    ("\x00\x01\x02" * 500, "binary file"),
])
def test_pages_without_an_article_are_skipped(tmp_path, text, reason):
    with pytest.raises(SkipArticle, match=reason):
        read(tmp_path, text)
