"""A statistical person tagger: a linear-chain CRF (CRFsuite) over the words of a sentence.

Trained on public Indonesian NER corpora (NER-UI news and NERGrit; ``scripts/
train_person_tagger.py`` trains it again and prints its scores). The model file ships inside
the package (``loader/data/person_tagger.crfsuite``) and is read once per process, never
downloaded. The people extractor asks it only about what its rules left open.

Labels are BIO: ``B-PER`` starts a person's name, ``I-PER`` continues it, ``O`` is anything else.
"""
import functools
import re
from pathlib import Path
from typing import NamedTuple

import pycrfsuite

from loader.text import Sentence

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "person_tagger.crfsuite"
# Beside the model: the words its training text writes in lower case. A
# capitalised word among them is a common word that opens a sentence or a headline (``Ikut``,
# ``Nasib``), rarely a name: a feature of the model, and the people extractor's check on names
# of one word.
VOCABULARY_SUFFIX = ".words"
MODEL_FILES = [MODEL_PATH, MODEL_PATH.with_suffix(VOCABULARY_SUFFIX)]

# A word (hyphenated and apostrophed parts included), an initial with its dot (``M.``), or any
# other single character. The corpora split words the same way, apart from hyphens.
TOKEN = re.compile(r"(?<![^\W_])[^\W\d_]\.(?!\w)|[^\W_]+(?:[-'’][^\W_]+)*|\S")


class Token(NamedTuple):
    start: int
    end: int
    text: str


class TaggedName(NamedTuple):
    start: int          # character offsets into the text that was tagged
    end: int
    first: int          # token indices, last one included
    last: int
    confidence: float   # the lowest marginal probability of the name's labels


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(offset + m.start(), offset + m.end(), m.group()) for m in TOKEN.finditer(text)]


def _shape(word: str) -> str:
    if word[0].isupper():
        if len(word) == 1 or (len(word) == 2 and word[1] == "."):
            return "I"                       # an initial: M, M.
        if word.isupper():
            return "U"                       # SBY, KCNA, PYONGYANG
        return "T" if not any(c.isupper() for c in word[1:]) else "M"
    if word[0].islower():
        return "l"
    if word[0].isdigit():
        return "d"
    return "p" + word[0]                     # punctuation, each kind its own


def word_features(word: str, common: frozenset) -> tuple:
    """A word's features as itself and as each neighbour, and its shape:
    ``(own, at -2, at -1, at +1, at +2, shape)``. ``common``: the vocabulary of lower-case words."""
    low, shape = word.lower(), _shape(word)
    if shape in ("T", "U", "M") and low in common:
        shape += "c"                         # a common word, capitalised
    own = ["w=" + low, "s3=" + low[-3:], "s2=" + low[-2:], "p3=" + low[:3], "sh=" + shape,
           "len=" + str(min(len(word), 8))]
    return (own, ["w-2=" + low, "sh-2=" + shape], ["w-1=" + low, "sh-1=" + shape],
            ["w+1=" + low, "sh+1=" + shape], ["w+2=" + low, "sh+2=" + shape], shape)


def sentence_features(words: list[str], features_of) -> list[list[str]]:
    """CRF features of each word: the word, its affixes and shape, and its neighbours'
    (``features_of(word)`` gives a word's own, as ``word_features``)."""
    table = [features_of(w) for w in words]
    shapes = [row[5] for row in table]
    n = len(words)
    features = []
    for i in range(n):
        f = list(table[i][0])
        if i == 0:
            f.append("BOS")
        else:
            f += table[i - 1][2]
            f.append("sh-1|sh=" + shapes[i - 1] + shapes[i])
            if i > 1:
                f += table[i - 2][1]
        if i == n - 1:
            f.append("EOS")
        else:
            f += table[i + 1][3]
            f.append("sh|sh+1=" + shapes[i] + shapes[i + 1])
            if i < n - 2:
                f += table[i + 2][4]
        features.append(f)
    return features


class PersonTagger:
    # Characters of context tagged on either side of a word asked about (after it, twice as
    # many, the word itself included): the features reach two words away.
    REACH = 32

    def __init__(self, model_path: Path = MODEL_PATH):
        if not Path(model_path).is_file():
            raise FileNotFoundError(f"person tagger model not found: {model_path}")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self.vocabulary = read_vocabulary(model_path)
        # Only features the model has weights for are passed on: CRFsuite looks every one up.
        known = {attribute for attribute, _label in self._tagger.info().state_features}

        @functools.lru_cache(maxsize=1 << 15)   # the same words, article after article
        def known_features(word: str) -> tuple:
            *parts, shape = word_features(word, self.vocabulary)
            return (*([f for f in part if f in known] for part in parts), shape)

        self._word_features = known_features

    def tag(self, words: list[str]) -> list[tuple[str, float]]:
        """The most likely label of each word with its marginal probability."""
        if not words:
            return []
        labels = self._tagger.tag(sentence_features(words, self._word_features))
        marginal = self._tagger.marginal
        return [(label, marginal(label, i)) for i, label in enumerate(labels)]

    def names(self, tokens: list[Token]) -> list[TaggedName]:
        """The person names among ``tokens`` (one sentence, or a stretch of one)."""
        if not tokens:
            return []
        labels = self._tagger.tag(sentence_features([t.text for t in tokens], self._word_features))
        found, start = [], None
        for i, label in enumerate([*labels, "O"]):
            if start is not None and label != "I-PER":
                confidence = min(self._tagger.marginal(labels[j], j) for j in range(start, i))
                found.append(TaggedName(tokens[start].start, tokens[i - 1].end, start, i - 1,
                                        round(confidence, 3)))
                start = None
            if label == "B-PER" or (label == "I-PER" and start is None):
                start = i
        return found

    def names_around(self, sentences: list[Sentence], offsets: list[int]) -> list[TaggedName]:
        """Person names near the words starting at character ``offsets`` (sorted): only the
        text within ``REACH`` characters of each such word is tagged (about three words each
        side: what the features see), not whole sentences. Offsets of the names are into the
        text; their token indices mean nothing."""
        found = []
        k = 0
        for sentence in sentences:
            if k >= len(offsets):
                break
            regions = []
            while k < len(offsets) and offsets[k] < sentence.end:
                if offsets[k] >= sentence.start:
                    low = max(sentence.start, offsets[k] - self.REACH)
                    high = min(sentence.end, offsets[k] + 2 * self.REACH)
                    if regions and low <= regions[-1][1]:
                        regions[-1][1] = high
                    else:
                        regions.append([low, high])
                k += 1
            for low, high in regions:
                tokens = tokenize(sentence.text[low - sentence.start:high - sentence.start], low)
                # A region's edge may cut a word: drop the edge token, and any name touching it.
                cut_left, cut_right = low > sentence.start, high < sentence.end
                tokens = tokens[cut_left:len(tokens) - cut_right]
                found += [name for name in self.names(tokens)
                          if (name.first > 0 or not cut_left) and (name.last < len(tokens) - 1 or not cut_right)]
        return found


@functools.lru_cache(maxsize=1)
def person_tagger() -> PersonTagger:
    """The shipped model, read once per process (each build worker has its own)."""
    return PersonTagger()


def read_vocabulary(model_path: Path) -> frozenset:
    path = Path(model_path).with_suffix(VOCABULARY_SUFFIX)
    if not path.is_file():
        raise FileNotFoundError(f"person tagger vocabulary not found: {path}")
    return frozenset(path.read_text(encoding="utf-8").split())


def train(sentences: list[list[tuple[str, str]]], model_path: Path, c1: float = 0.05,
          c2: float = 0.01, iterations: int = 150) -> None:
    """Train a model on ``[[(word, label), ...], ...]`` (labels ``B-PER``, ``I-PER``, ``O``);
    writes ``model_path`` and its vocabulary beside it."""
    vocabulary = frozenset(w for sentence in sentences for w, _ in sentence
                           if w.isalpha() and w.islower())
    Path(model_path).with_suffix(VOCABULARY_SUFFIX).write_text(
        "\n".join(sorted(vocabulary)) + "\n", encoding="utf-8")
    features_of = functools.lru_cache(maxsize=None)(lambda word: word_features(word, vocabulary))
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        words = [w for w, _ in sentence]
        trainer.append(sentence_features(words, features_of), [label for _, label in sentence])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(model_path))
