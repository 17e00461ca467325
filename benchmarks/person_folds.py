"""The whole person extractor (reference data, rules and tagger) on NER-UI's five test folds.

    .venv/bin/python benchmarks/person_folds.py [--ner DIR] [--folds 1,2,3,4,5] [--json]

For each fold k a tagger is trained on NER-UI ``train.0k`` + ``dev.0k`` and all of NERGrit
(a few tens of seconds), then every sentence of ``test.0k`` is rebuilt as text (Indonesian
spacing: no space before ``, . ; : ! ? )`` or after ``(``) and given to ``find_people`` as an
article of its own. A PERSON is found when a mention has exactly its character span. Prints
precision, recall and F1 per fold and their average, for the whole extractor and for the
fold's tagger alone on the corpus tokens (``scripts/train_person_tagger.py`` scores).
"""
import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from loader.extract.people import find_people  # noqa: E402
from loader.extract.tagger import PersonTagger, train  # noqa: E402
from loader.reference import load_reference  # noqa: E402
from loader.text import split_sentences  # noqa: E402
from train_person_tagger import DEFAULT_NER, prf, read_conll, score_tagger, spans  # noqa: E402

NO_SPACE_BEFORE = set(",.;:!?)%")


def rebuild(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as text, and each token's character span in it. The corpora split words
    at hyphens: a hyphen between a word and a lower-case word joins them again (``Song
    Hye-kyo``, ``kisah-kisah``); any other stays a dash with spaces."""
    text, offsets, glued = "", [], False
    for i, token in enumerate(tokens):
        joining = (token == "-" and text[-1:].isalpha() and i + 1 < len(tokens)
                   and tokens[i + 1][:1].islower())
        if text and not glued and not joining and token not in NO_SPACE_BEFORE \
                and not text.endswith("("):
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
        glued = joining
    return text, offsets


def score_extractor(sentences, ref, tagger: PersonTagger) -> dict:
    tp = fp = fn = 0
    for sentence in sentences:
        text, offsets = rebuild([token for token, _ in sentence])
        gold = {(offsets[first][0], offsets[last][1])
                for first, last in spans([label for _, label in sentence])}
        _people, mentions = find_people(text, split_sentences(text), ref, tagger)
        predicted = {(m["start"], m["end"]) for m in mentions}
        tp, fp, fn = tp + len(gold & predicted), fp + len(predicted - gold), fn + len(gold - predicted)
    return prf(tp, fp, fn)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ner", type=Path, default=DEFAULT_NER)
    parser.add_argument("--folds", default="1,2,3,4,5")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    ref = load_reference()
    grit = [s for split in ("train", "valid", "test")
            for s in read_conll(args.ner / "nergrit" / f"{split}.tsv")]
    result = {"folds": {}}
    for k in [int(x) for x in args.folds.split(",")]:
        ui = lambda split: read_conll(args.ner / "ner-ui" / f"{split}.0{k}.tsv")  # noqa: E731
        with tempfile.TemporaryDirectory() as folder:
            model = Path(folder) / f"fold{k}.crfsuite"
            started = time.perf_counter()
            train(ui("train") + ui("dev") + grit, model)
            trained = time.perf_counter() - started
            tagger = PersonTagger(model)
            test = ui("test")
            result["folds"][k] = {"extractor": score_extractor(test, ref, tagger),
                                  "tagger": score_tagger(tagger, test),
                                  "train_s": round(trained, 1)}
        if not args.json:
            fold = result["folds"][k]
            print(f"fold {k}: extractor P {fold['extractor']['precision']:.4f} "
                  f"R {fold['extractor']['recall']:.4f} F1 {fold['extractor']['f1']:.4f}   "
                  f"tagger alone F1 {fold['tagger']['f1']:.4f}   ({fold['extractor']['gold']} gold)",
                  flush=True)
    for part in ("extractor", "tagger"):
        result[part] = {measure: round(statistics.mean(f[part][measure] for f in result["folds"].values()), 4)
                        for measure in ("precision", "recall", "f1")}
    if args.json:
        print(json.dumps(result))
    else:
        for part in ("extractor", "tagger"):
            avg = result[part]
            print(f"average {part:9}: P {avg['precision']:.4f} R {avg['recall']:.4f} F1 {avg['f1']:.4f}")


if __name__ == "__main__":
    main()
