"""Sentences and character offsets.

Every extractor works on an article body (a plain ``str``) and reports evidence as
``start``/``end`` character offsets into it, so ``body[start:end]`` is always the evidence.
Sentences are found once per article here and shared by all extractors.
"""
import re
from typing import NamedTuple


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


# Words that end with a full stop without ending a sentence (lower-cased, without the dot).
ABBREVIATIONS = {
    "dr", "drs", "ir", "prof", "h", "hj", "st", "jl", "no", "dll", "dsb", "dkk", "tsb", "yth",
    "mr", "mrs", "ms", "jr", "sr", "gen", "let", "kol", "mayjen", "brigjen", "letjen", "jend",
    "kapt", "sdr", "bpk", "m", "s", "a", "b", "c", "d", "e", "f", "g",
    "i", "j", "k", "l", "n", "o", "p", "r", "t", "u", "v", "w", "y", "z", "vs", "tel",
}

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) when whitespace
# and an upper-case letter, digit or opening quote follow; or, where a page lost the space
# (`berkuasa.Menurut`, `AS.Kim`), when a word of two letters or more ends there and a
# capitalised word follows at once. (Both start at a mark: the look-ahead for one first makes
# the search three times faster.)
_BOUNDARY = re.compile(r"""(?=[.!?])(?:[.!?]+["”’»)\]]*(?=\s+["“”‘«(\[]?[A-Z0-9])"""
                       r"""|(?<=[A-Za-z]{2})[.!?]["”’»)\]]*(?=[“‘«]?[A-Z][A-Za-z]))""")


def split_sentences(body: str) -> list[Sentence]:
    """Split ``body`` into sentences; a line break always ends a sentence.

    Offsets exclude surrounding whitespace, so ``body[s.start:s.end] == s.text``.
    """
    sentences = []
    for line in re.finditer(r"[^\n]+", body):
        line_start = line.start()
        cut = 0
        text = line.group()
        for match in _BOUNDARY.finditer(text):
            if _is_abbreviation(text, match.start()):
                continue
            _append(sentences, body, line_start + cut, line_start + match.end())
            cut = match.end()
        _append(sentences, body, line_start + cut, line_start + len(text))
    return sentences


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    # The word and dots right before the full stop, read backwards from it (a search for
    # `[\w.]*$` tried every position of the line before it).
    start = dot
    while start and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:dot].lower() in ABBREVIATIONS


def _append(sentences: list, body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, body[start:end]))


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing character ``offset`` (binary search; sentences are sorted)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].start <= offset < sentences[lo].end:
        return sentences[lo]
    return None


def sentences_covering(body: str, sentences: list[Sentence], start: int, end: int) -> Sentence:
    """One Sentence spanning every sentence that overlaps ``[start, end)``, for evidence
    that crosses sentence boundaries (a multi-sentence quote). Falls back to the span itself."""
    touched = [s for s in sentences if s.start < end and s.end > start]
    if touched:
        start, end = min(start, touched[0].start), max(end, touched[-1].end)
    return Sentence(start, end, body[start:end])
