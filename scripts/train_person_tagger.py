"""Train the person tagger again from the public corpora and print its scores.

    .venv/bin/python scripts/train_person_tagger.py [--ner DIR] [--out FILE] [--json]

``DIR`` (default ``../shared/ner``) holds NER-UI (``ner-ui/{train,dev,test}.0N.tsv``) and
NERGrit (``nergrit/{train,valid,test}.tsv``); see its README for formats, licences and
citations. Two models are trained:

1. a scoring model on NER-UI ``train.01`` and NERGrit ``train``: its exact-span PERSON
   precision, recall and F1 on NER-UI ``dev.01``/``test.01`` and NERGrit ``valid``/``test``
   are printed (the tagger alone, on the corpora's own tokens);
2. the shipped model (``--out``, default ``loader/data/person_tagger.crfsuite``) on all of
   NER-UI (the five test folds are the corpus once) and all of NERGrit.

``benchmarks/person_folds.py`` scores the whole person extractor (rules and tagger) on
NER-UI's five test folds.
"""
import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from loader.extract.tagger import MODEL_PATH, PersonTagger, train  # noqa: E402

DEFAULT_NER = REPO.parent / "shared" / "ner"


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of ``(token, label)`` with PERSON kept (as ``B-PER``/``I-PER``), the rest ``O``;
    a bad line stops with the file and line named."""
    sentences, current = [], []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if current:
                    sentences.append(current)
                current = []
                continue
            parts = line.split("\t")
            if len(parts) != 2 or not parts[0]:
                raise ValueError(f"{path}:{number}: expected 'token<TAB>tag', got {line!r}")
            token, tag = parts
            current.append((token, tag[:2] + "PER" if tag.endswith("-PERSON") else "O"))
    if current:
        sentences.append(current)
    return sentences


def spans(labels: list[str]) -> set[tuple[int, int]]:
    """Entity spans ``(first, last)`` of a BIO label sequence (an ``I-`` after ``O`` starts one)."""
    found, start = set(), None
    for i, label in enumerate([*labels, "O"]):
        if start is not None and label != "I-PER":
            found.add((start, i - 1))
            start = None
        if label == "B-PER" or (label == "I-PER" and start is None):
            start = i
    return found


def prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold": tp + fn, "predicted": tp + fp}


def score_tagger(tagger: PersonTagger, sentences) -> dict:
    tp = fp = fn = 0
    for sentence in sentences:
        gold = spans([label for _, label in sentence])
        predicted = spans([label for label, _ in tagger.tag([w for w, _ in sentence])])
        tp, fp, fn = tp + len(gold & predicted), fp + len(predicted - gold), fn + len(gold - predicted)
    return prf(tp, fp, fn)


def corpora(ner: Path) -> dict:
    ui = {f"ner-ui/{split}.0{k}": read_conll(ner / "ner-ui" / f"{split}.0{k}.tsv")
          for split in ("train", "dev", "test") for k in range(1, 6)}
    grit = {f"nergrit/{split}": read_conll(ner / "nergrit" / f"{split}.tsv")
            for split in ("train", "valid", "test")}
    return {**ui, **grit}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ner", type=Path, default=DEFAULT_NER)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    data = corpora(args.ner)
    result = {}
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "scoring.crfsuite"
        started = time.perf_counter()
        train(data["ner-ui/train.01"] + data["nergrit/train"], model)
        result["train_s"] = round(time.perf_counter() - started, 1)
        tagger = PersonTagger(model)
        for split in ("ner-ui/dev.01", "ner-ui/test.01", "nergrit/valid", "nergrit/test"):
            result[split] = score_tagger(tagger, data[split])
    everything = [s for k in range(1, 6) for s in data[f"ner-ui/test.0{k}"]]
    everything += data["nergrit/train"] + data["nergrit/valid"] + data["nergrit/test"]
    train(everything, args.out)
    result["model"] = str(args.out)
    result["model_bytes"] = args.out.stat().st_size
    if args.json:
        print(json.dumps(result))
        return
    print(f"scoring model (NER-UI train.01 + NERGrit train) trained in {result['train_s']} s")
    for split in ("ner-ui/dev.01", "ner-ui/test.01", "nergrit/valid", "nergrit/test"):
        s = result[split]
        print(f"  {split:15} PERSON P {s['precision']:.4f} R {s['recall']:.4f} F1 {s['f1']:.4f}"
              f"  ({s['gold']} gold, {s['predicted']} predicted)")
    print(f"shipped model (all of NER-UI and NERGrit): {args.out} ({result['model_bytes']:,} bytes)")


if __name__ == "__main__":
    main()
