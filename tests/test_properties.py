"""Property-based tests (hypothesis): the per-article pipeline never raises on arbitrary text, and
every row's evidence is where its offsets say.

Texts are built from the pieces Indonesian news is made of — quote marks of every kind (opened
with ” as well as “, or never closed), cue words before and after, titled and bare names (known,
invented, inside a university's name), dates that exist and that do not, relative dates, line
breaks, boilerplate — mixed with arbitrary characters.
"""
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from loader.extract.article import extract_article
from loader.reference import load_reference
from loader.sources import SkipArticle, read_article

REF = load_reference()
PUBLISHED = st.sampled_from([None, "2024-11-30T10:00:00+07:00", "2023-02-28"])
PROPERTY = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

WORDS = ["dan", "yang", "di", "pada", "itu", "kerja", "sama", "militer", "negara", "Rusia", "Korea Utara",
         "akan", "terus", "tumbuh", "kami", "tidak", "bukan", "ini", "sangat", "penting", "hubungan",
         "bahwa", "kedua", "tersebut", "pihaknya"]
NAMES = ["Andrei Belousov", "Belousov", "Kim Jong Un", "Kim", "Hong Min", "Hong", "Putin", "Choe Son Hui",
         "Lavrov", "Dmitri Sokolenko", "Sokolenko", "Ivan Petrenko", "Park Ji Sung", "Lee Min-jae",
         "KCNA", "Yonhap", "Kementerian Pertahanan Korea Selatan", "Universitas Kim Il Sung"]
TITLES = ["", "Menteri Pertahanan Rusia ", "pemimpin Korea Utara ", "Presiden ", "analis senior ",
          "Menlu ", "juru bicara "]
CUES_AFTER = ["kata", "ujar", "ucap", "tutur", "jelas", "tegas", "katanya", "ujarnya", "lanjut", "papar"]
CUES_BEFORE = ["mengatakan", "menyatakan", "menegaskan", "mengungkapkan", "menambahkan"]
MARKS = ["“", "”", '"', "«", "»", "‘", "’", "'", ""]
DATES = ["Jumat (30/11)", "Kamis (18/7/2024)", "30 November 2024", "19 Juli 2024, 14:11 WIB",
         "bulan lalu", "awal bulan ini", "tahun lalu", "pekan lalu", "pada hari Jumat", "Juni",
         "pada bulan Juni tahun ini", "Senin (31/2/2024)", "Sabtu (29/2/2023)", "(0/0)", "32 Mei 2024"]
PLACES = ["Pyongyang", "Moskow", "Vladivostok", "Seoul", "Wonsan", "Kremlin", "Jakarta"]
MEETING_VERBS = ["bertemu", "bertemu dengan", "menerima", "mengunjungi", "melakukan pembicaraan dengan",
                 "menandatangani perjanjian dengan", "akan bertemu"]
NOISE = ["\n", "“", "”", '"', ",", ".", "(", ")", "—", ":", "Baca Juga:", "(AFP/vws)", "\u00a0", "\t"]

words = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(NOISE), st.sampled_from(DATES),
                           st.sampled_from(NAMES), st.text(max_size=4)),
                 min_size=1, max_size=10).map(" ".join)
name = st.builds(str.__add__, st.sampled_from(TITLES), st.sampled_from(NAMES))
mark = st.sampled_from(MARKS)
sentence = st.one_of(
    # “…,” kata X.
    st.builds(lambda o, w, c, cue, n, tail: f"{o}{w},{c} {cue} {n}{tail}", mark, words, mark,
              st.sampled_from(CUES_AFTER), name,
              st.sampled_from([".", "", " kepada wartawan.", ", seperti dikutip KCNA."])),
    # X mengatakan, “…”
    st.builds(lambda n, cue, o, w, c: f"{n} {cue}, {o}{w}.{c}", name, st.sampled_from(CUES_BEFORE),
              mark, words, mark),
    # X mengatakan bahwa …
    st.builds(lambda n, cue, w: f"{n} {cue} bahwa {w}.", name, st.sampled_from(CUES_BEFORE), words),
    st.builds(lambda n, w: f"Menurut {n}, {w}.", name, words),
    # X bertemu Y di Pyongyang pada Jumat (30/11).
    st.builds(lambda a, verb, b, place, date: f"{a} {verb} {b} di {place} pada {date}.", name,
              st.sampled_from(MEETING_VERBS), name, st.sampled_from(PLACES), st.sampled_from(DATES)),
    words,
)
bodies = st.lists(st.tuples(sentence, st.sampled_from([" ", "\n", "\n\n", "", " \n"])),
                  max_size=12).map(lambda parts: "".join(text + sep for text, sep in parts))
# Fewer assumptions still: tokens in any order, with arbitrary text between them.
token_soup = st.lists(st.one_of(st.sampled_from(WORDS + NAMES + CUES_AFTER + CUES_BEFORE + DATES + PLACES),
                                mark, st.sampled_from(NOISE), st.text(max_size=6),
                                st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)),
                      max_size=60).map(" ".join)


def covering_occurrence(body: str, text: str, start: int, end: int) -> bool:
    """Whether ``text`` occurs in ``body`` at a place that contains ``body[start:end]``."""
    at = body.find(text, max(0, end - len(text)))
    return at != -1 and at <= start


def assert_evidence_holds(body: str, extraction: dict) -> None:
    """The invariants every extracted row keeps (see the module docstring)."""
    for key in ("mentions", "organizations", "places", "quotes", "meeting_reports"):
        for row in extraction[key]:
            start, end = row["start"], row["end"]
            assert 0 <= start < end <= len(body), (key, row)
            # The sentence is in the body, where it contains the evidence.
            assert covering_occurrence(body, row["sentence"], start, end), (key, row)
            if "surface" in row:
                assert body[start:end] == row["surface"], (key, row)
    for quote in extraction["quotes"]:
        span = quote["start"], quote["end"]
        evidence = body[span[0]:span[1]]
        # The quoted words are in the evidence, in order (a quote over several paragraphs
        # reopens each with a mark, so the text is the evidence less marks and breaks).
        evidence_words = iter(re.findall(r"\w+", evidence))
        assert all(word in evidence_words for word in re.findall(r"\w+", quote["text"])), quote
        if "\n" not in evidence:
            assert quote["text"] in evidence, quote
        if quote["speaker"] is not None and quote.get("speaker_start") is not None:
            assert body[quote["speaker_start"]:quote["speaker_end"]] == quote["speaker"], quote
    for report in extraction["meeting_reports"]:
        assert body[report["start"]:report["end"]] == report["sentence"], report
        assert not report["date_text"] or report["date_text"] in report["sentence"], report


@PROPERTY
@given(bodies, PUBLISHED)
def test_news_like_text_gives_rows_whose_offsets_hold_their_evidence(body, published):
    assert_evidence_holds(body, extract_article(body, published, REF))


@PROPERTY
@given(token_soup, PUBLISHED)
def test_arbitrary_token_soup_never_raises_and_offsets_hold(body, published):
    assert_evidence_holds(body, extract_article(body, published, REF))


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1"])
HEADER_LINES = ["Baca Juga: Kim Jong Un Uji Rudal", "Breaking News", "PYONGYANG, KOMPAS.TV - ",
                "Jakarta, Pahami.id —", "TRIBUNNEWS.COM -", "Penulis : Ana Editor : Budi",
                "Sumber : Yonhap", "(AFP/vws)", "19 Juli 2024, 14:11 WIB", "Rusia dan Korut",
                "\ufeff", "\r\n", "\r", "\x00"]
HEADERS = st.lists(st.sampled_from(HEADER_LINES), max_size=6).map("\n".join)
FILES = st.one_of(
    st.binary(max_size=400),
    st.builds(lambda header, body, encoding: (header + "\n" + body).encode(encoding, "replace"),
              HEADERS, bodies, ENCODINGS),
    st.builds(lambda text, encoding: text.encode(encoding, "replace"), st.text(max_size=300), ENCODINGS),
)


@PROPERTY
@given(FILES)
def test_any_file_is_read_or_skipped_and_its_body_extracts_cleanly(tmp_path, raw):
    path = tmp_path / "article.txt"
    path.write_bytes(raw)
    try:
        article = read_article(path)
    except SkipArticle:
        return
    assert article.body.strip()
    assert_evidence_holds(article.body, extract_article(article.body, article.published, REF))


@pytest.mark.parametrize("body", ["Menurut Hong Min, .", "“”, kata Hong Min.",
                                  "Hong Min menyatakan, “...”", "“—” kata Hong Min."])
def test_a_statement_has_words(body):
    quotes = extract_article(body, None, REF)["quotes"]
    assert all(re.search(r"\w", quote["text"]) and quote["start"] < quote["end"] for quote in quotes)


def _longest_first_alternation(aliases) -> re.Pattern:
    """The plain definition the alias pattern must keep: every alias, longest first."""
    return re.compile("|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(aliases, key=len, reverse=True)))


alias = st.text(alphabet="aAbB .-", min_size=1, max_size=6).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.sets(alias, min_size=1, max_size=12), st.text(alphabet="aAbB .-\n", max_size=40))
def test_alias_trie_finds_what_the_longest_first_alternation_finds(aliases, text):
    from loader.reference import _trie_pattern
    table = {" ".join(a.split()): None for a in aliases}
    trie = re.compile(_trie_pattern(table))
    plain = _longest_first_alternation(table)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
