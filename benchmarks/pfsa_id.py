"""Benchmark the quote extractor on a PFSA-ID file (token<TAB>BILOU label, blank line = sentence).

    .venv/bin/python benchmarks/pfsa_id.py [PATH] [--json]

Rebuilding the articles:
- An article starts at a sentence opening with its dateline: upper-case city tokens, ``,``,
  ``KOMPAS`` and a dash.
- Tokens are joined with Indonesian spacing: no space before ``, . ; : ? ! ) %`` or a closing
  quote mark, none after ``(`` or an opening mark, none around ``-`` and ``/`` inside words
  and dates (``Covid-19``, ``13/04/2020``). Whether ” opens or closes is decided by alternation
  within the article (“ always opens).
- The corpus's sentence splitter leaves an opening quote mark at the end of the sentence before
  it (``… bantuan . ”`` / ``Saya minta …``); it is moved to the start of its own sentence.
- The corpus has no paragraph breaks. Each sentence becomes its own line, except that sentences
  inside an open quote stay on one line: by typographic convention a quote continuing into a
  new paragraph reopens with a mark, so an unreopened quote was one paragraph in the source.

Scoring:
- Gold: every STATEMENT span that contains a quote mark (1272 of 1273 in dev-30; nothing else
  is dropped). Its character span runs from the first to the last token, quote marks
  included, which is the convention of the extractor's ``start``/``end``.
- Predicted: quotes of kind ``direct``. Exact = same span; overlap = spans share a character
  (one-to-one, first match wins). PFSA-ID annotates public figures' statements only, so
  precision counts predictions in annotated stretches (see ``judged``); the raw precision
  over all predictions is printed too.
- Speaker accuracy: over gold STATEMENTs matched (overlap) by a prediction whose CUE (``kata``,
  ``ujar`` …; not the -nya CUECOREF, which has no name beside it) has a PERSON or PERSONCOREF
  after it in the same sentence (or, rarely, right before it) that is a name, not a pronoun
  (``kata dia``). Correct when the word tokens of
  one name are a subset of the other's, case-insensitively (``Presiden`` ~ ``Presiden Joko
  Widodo``; ``Wahyu Wibowo`` ~ ``Kepala Dusun Nglahar, …, Wahyu Wibowo``). A null predicted
  speaker is wrong.
The extractor runs without reference data (no person or organisation mentions), so speakers
are names as written.
"""
import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from loader.extract.quotes import find_quotes  # noqa: E402
from loader.text import split_sentences  # noqa: E402

DEFAULT_PATH = REPO / ".." / "shared" / "pfsa-id" / "dev-30.txt"
QUOTE_TOKENS = {"“", "”", '"'}
NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "%", "-nya"}
NO_SPACE_AFTER = {"(", "["}
JOINERS = {"-", "/"}
PRONOUNS = {"dia", "ia", "beliau"}  # a gold speaker with no name cannot be matched by name
ATTRIBUTION_LABELS = {"STATEMENT", "CUE", "CUECOREF", "PERSON", "PERSONCOREF"}


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, label = line.rsplit("\t", 1)
        current.append((token, label))
    if current:
        sentences.append(current)
    return sentences


def is_dateline(sentence: list[tuple[str, str]]) -> bool:
    tokens = [t for t, _ in sentence[:8]]
    for comma in range(1, 5):
        if tokens[comma:comma + 3][:2] == [",", "KOMPAS"] and len(tokens) > comma + 2 \
                and tokens[comma + 2] in "—–-" \
                and all(t.isupper() for t in tokens[:comma]):
            return True
    return False


def split_documents(sentences: list) -> list[list]:
    documents = []
    for sentence in sentences:
        if is_dateline(sentence) or not documents:
            documents.append([])
        documents[-1].append(sentence)
    return documents


def quote_roles(document: list) -> dict[tuple[int, int], str]:
    """'open' or 'close' for every quote-mark token.

    Local evidence first: “ opens; a mark followed by punctuation or a lower-case word
    (`,” kata`, `” ujarnya`) closes, as does one whose sentence ends right after it and whose
    next sentence starts in lower case. Otherwise marks alternate within the article.
    """
    roles, is_open = {}, False
    for s, sentence in enumerate(document):
        for t, (token, _) in enumerate(sentence):
            if token not in QUOTE_TOKENS:
                continue
            following = sentence[t + 1][0] if t + 1 < len(sentence) else (
                document[s + 1][0][0] if s + 1 < len(document) else "")
            if token == "“":
                opens = True
            elif following[:1].islower() or following in NO_SPACE_BEFORE:
                opens = False
            else:
                opens = not is_open
            roles[(s, t)] = "open" if opens else "close"
            is_open = opens
    return roles


def rebuild(document: list) -> tuple[str, list[tuple[int, int, str]]]:
    """Article text and (start, end, label) per token."""
    roles = quote_roles(document)
    lines = [[(token, label, roles.get((s, t))) for t, (token, label) in enumerate(sentence)]
             for s, sentence in enumerate(document)]
    # The corpus leaves an opening mark or bracket at the end of the sentence before it.
    for s in range(len(lines) - 1):
        while lines[s] and (lines[s][-1][2] == "open" or lines[s][-1][0] in NO_SPACE_AFTER):
            lines[s + 1].insert(0, lines[s].pop())
    body, spans, previous, is_open = "", [], None, False
    for items in lines:
        if not items:
            continue
        if body:
            # A sentence cannot start in lower case: the corpus split inside one (`?” tanya X`).
            joined = is_open or items[0][0][:1].islower()
            body += " " if joined else "\n"
            previous = None
        for token, label, role in items:
            if previous is not None and _space_between(previous, (token, role)):
                body += " "
            spans.append((len(body), len(body) + len(token), label))
            body += token
            previous = (token, role)
            if role:
                is_open = role == "open"
    return body, spans


def _space_between(previous: tuple[str, str | None], current: tuple[str, str | None]) -> bool:
    prev_token, prev_role = previous
    token, role = current
    if role == "close" or token in NO_SPACE_BEFORE or prev_role == "open":
        return False
    if prev_token in NO_SPACE_AFTER:
        return False
    if (token in JOINERS and prev_token[-1:].isalnum()) or \
            (prev_token in JOINERS and token[:1].isalnum()):
        return False
    return True


def entities(spans: list[tuple[int, int, str]]) -> list[tuple[str, int, int, int, int]]:
    """(type, first token, last token + 1, char start, char end) from BILOU labels."""
    found, current = [], None
    for index, (start, end, label) in enumerate(spans):
        prefix, _, kind = label.partition("-")
        if prefix in ("B", "U") or (prefix in ("I", "L") and (not current or current[0] != kind)):
            if current:
                found.append(tuple(current))
            current = [kind, index, index + 1, start, end]
        elif prefix in ("I", "L"):
            current[2], current[4] = index + 1, end
        else:
            if current:
                found.append(tuple(current))
            current = None
            continue
        if prefix in ("U", "L"):
            found.append(tuple(current))
            current = None
    if current:
        found.append(tuple(current))
    return found


def gold_speaker(body: str, found: list, statement_index: int) -> str | None:
    """The PERSON/PERSONCOREF beside the CUE that follows (or, rarely, precedes) a STATEMENT."""
    following = found[statement_index + 1:statement_index + 6]
    cues = [e for e in following if e[0] == "CUE"]
    if following and following[0][0] == "CUE":
        cue = following[0]
        cue_line_end = body.find("\n", cue[3])
        cue_line_end = len(body) if cue_line_end < 0 else cue_line_end
        for entity in following[1:]:
            if entity[0] == "STATEMENT" or entity[3] > cue_line_end:
                break
            if entity[0] in ("PERSON", "PERSONCOREF"):
                return body[entity[3]:entity[4]]
        return None
    if len(following) >= 2 and following[0][0] in ("PERSON", "PERSONCOREF") and cues \
            and cues[0] is following[1]:
        return body[following[0][3]:following[0][4]]
    return None


def name_tokens(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.lower()))


def same_name(gold: str, predicted: str | None) -> bool:
    if not predicted:
        return False
    gold_tokens, predicted_tokens = name_tokens(gold), name_tokens(predicted)
    return bool(gold_tokens) and bool(predicted_tokens) and (
        gold_tokens <= predicted_tokens or predicted_tokens <= gold_tokens)


def judged(body: str, spans: list, quote: dict) -> bool:
    """Whether the corpus annotated the stretch a predicted quote sits in.

    PFSA-ID annotates statements of public figures only: a quote by anyone else (a trader,
    a patient) carries no label at all, not even on its cue. A prediction with no STATEMENT,
    CUE, CUECOREF, PERSON or PERSONCOREF label from its start to the end of its line cannot
    be judged right or wrong, so exact precision counts judged predictions only; the raw
    figure over all predictions is printed beside it.
    """
    line_end = body.find("\n", quote["end"])
    line_end = len(body) if line_end < 0 else line_end
    return any(quote["start"] <= start < line_end and label.split("-")[-1] in ATTRIBUTION_LABELS
               for start, _, label in spans)


def score(path: Path) -> dict:
    documents = split_documents(read_sentences(path))
    counts = dict.fromkeys(("gold", "predicted", "judged", "exact", "overlap",
                            "speaker_scored", "speaker_correct"), 0)
    for document in documents:
        body, spans = rebuild(document)
        found = entities(spans)
        gold = [(i, e[3], e[4]) for i, e in enumerate(found) if e[0] == "STATEMENT"
                and any(c in body[e[3]:e[4]] for c in "“”\"«»‘’")]
        predicted = [q for q in find_quotes(body, split_sentences(body), [], [])
                     if q["kind"] == "direct"]
        counts["gold"] += len(gold)
        counts["predicted"] += len(predicted)
        counts["judged"] += sum(judged(body, spans, q) for q in predicted)
        counts["exact"] += len({(s, e) for _, s, e in gold}
                               & {(q["start"], q["end"]) for q in predicted})
        unused = list(predicted)
        for index, start, end in gold:
            match = next((q for q in unused if q["start"] < end and q["end"] > start), None)
            if match is None:
                continue
            unused.remove(match)
            counts["overlap"] += 1
            speaker = gold_speaker(body, found, index)
            if speaker is not None and speaker.lower() not in PRONOUNS:
                counts["speaker_scored"] += 1
                counts["speaker_correct"] += same_name(speaker, match["speaker"])
    precision = _ratio(counts["exact"], counts["judged"])
    recall = _ratio(counts["exact"], counts["gold"])
    overlap_precision = _ratio(counts["overlap"], counts["judged"])
    overlap_recall = _ratio(counts["overlap"], counts["gold"])
    return {
        "documents": len(documents),
        "statement_precision": round(precision, 4),
        "statement_recall": round(recall, 4),
        "statement_f1": round(_f1(precision, recall), 4),
        "statement_overlap_f1": round(_f1(overlap_precision, overlap_recall), 4),
        "speaker_accuracy": round(_ratio(counts["speaker_correct"], counts["speaker_scored"]), 4),
        "_counts": counts,
    }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def parse_arguments(description: str) -> tuple[Path, bool]:
    """``(PATH, --json)`` of a benchmark over a PFSA-ID file; exits naming a missing file."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH),
                        help="PFSA-ID token file (default: ../shared/pfsa-id/dev-30.txt)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    path = Path(args.path)
    if not path.is_file():
        sys.exit(f"PFSA-ID file not found: {path} (see ../shared/pfsa-id/README.md)")
    return path, args.json


def main() -> None:
    path, as_json = parse_arguments(__doc__.split("\n")[0])
    result = score(path)
    counts = result.pop("_counts")
    if as_json:
        print(json.dumps(result))
        return
    print(f"PFSA-ID {path.name}: {result['documents']} documents, {counts['gold']} gold direct "
          f"STATEMENTs; {counts['predicted']} direct quotes predicted, {counts['judged']} in "
          "annotated stretches")
    rows = [
        ("STATEMENT exact precision (judged)", result["statement_precision"]),
        ("STATEMENT exact precision (raw, all predictions)",
         _ratio(counts["exact"], counts["predicted"])),
        ("STATEMENT exact recall", result["statement_recall"]),
        ("STATEMENT exact F1", result["statement_f1"]),
        ("STATEMENT overlap F1", result["statement_overlap_f1"]),
        (f"speaker accuracy ({counts['speaker_correct']}/{counts['speaker_scored']})",
         result["speaker_accuracy"]),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:.4f}")


if __name__ == "__main__":
    main()
