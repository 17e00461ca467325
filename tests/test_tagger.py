"""The person tagger: the shipped model, offsets, the training script on a corpus made here."""
import sys
from pathlib import Path

import pytest

from loader.extract.tagger import MODEL_PATH, PersonTagger, person_tagger, tokenize, train
from loader.text import split_sentences

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import person_folds  # noqa: E402
import train_person_tagger  # noqa: E402


def test_the_shipped_model_is_read_once_per_process():
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size < 5_000_000
    assert person_tagger() is person_tagger()


def test_tokens_keep_offsets_and_initials():
    text = "Kolonel Benny S. Tarigan tiba, kata Kim Jong-un."
    tokens = tokenize(text, offset=10)
    assert [t.text for t in tokens] == ["Kolonel", "Benny", "S.", "Tarigan", "tiba", ",", "kata",
                                        "Kim", "Jong-un", "."]
    assert all(text[t.start - 10:t.end - 10] == t.text for t in tokens)


def test_names_around_finds_a_name_with_its_offsets_and_confidence():
    body = ("Harga cabai naik lagi pekan ini.\n"
            "Dalam rapat itu, Hendra Gunawan menyampaikan keberatan warga kepada pemerintah.")
    start = body.index("Hendra")
    names = person_tagger().names_around(split_sentences(body), [start])
    assert [(body[n.start:n.end], 0.5 < n.confidence <= 1) for n in names] == [("Hendra Gunawan", True)]


def test_a_missing_model_is_named():
    with pytest.raises(FileNotFoundError, match="nowhere.crfsuite"):
        PersonTagger(Path("/nowhere.crfsuite"))


# Invented sentences in the corpora's format: a person after a title or a cue word.
SENTENCES = [
    "Menurut Budi Santoso , harga naik .",
    "Ketua Rina Lestari membuka rapat .",
    "Rapat itu dibuka oleh Andi Wijaya .",
    "Warga menolak rencana itu .",
    "Kata Dewi , acara berjalan lancar .",
    "Pemerintah kota membangun jembatan baru .",
]


def conll(sentences, names):
    lines = []
    for sentence in sentences:
        tokens = sentence.split()
        for i, token in enumerate(tokens):
            if token in names:
                tag = "I-PERSON" if i > 0 and tokens[i - 1] in names else "B-PERSON"
            else:
                tag = "O"
            lines.append(f"{token}\t{tag}")
        lines.append("")
    return "\n".join(lines) + "\n"


def fake_corpus(folder: Path) -> Path:
    names = {"Budi", "Santoso", "Rina", "Lestari", "Andi", "Wijaya", "Dewi"}
    text = conll(SENTENCES, names)
    (folder / "ner-ui").mkdir(parents=True)
    (folder / "nergrit").mkdir()
    for split in ("train", "dev", "test"):
        for k in range(1, 6):
            (folder / "ner-ui" / f"{split}.0{k}.tsv").write_text(text, encoding="utf-8")
    for split in ("train", "valid", "test"):
        (folder / "nergrit" / f"{split}.tsv").write_text(text, encoding="utf-8")
    return folder


def test_the_training_script_trains_and_scores_on_a_tiny_corpus(tmp_path, capsys):
    ner = fake_corpus(tmp_path / "ner")
    out = tmp_path / "model.crfsuite"
    train_person_tagger.main(["--ner", str(ner), "--out", str(out)])
    printed = capsys.readouterr().out
    assert "ner-ui/test.01" in printed and "nergrit/test" in printed
    tagger = PersonTagger(out)
    assert {"harga", "rapat", "kota"} <= tagger.vocabulary
    # Trained and tested on the same sentences: it has learned them.
    assert [label for label, _ in tagger.tag("Ketua Rina Lestari membuka rapat .".split())] == \
        ["O", "B-PER", "I-PER", "O", "O", "O"]


def test_a_bad_corpus_line_is_named(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("Budi\tB-PERSON\nSantoso I-PERSON\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2: expected 'token<TAB>tag'"):
        train_person_tagger.read_conll(path)


def test_corpus_spans_and_labels():
    assert train_person_tagger.spans(["O", "B-PER", "I-PER", "O", "I-PER", "B-PER"]) == {(1, 2), (4, 4), (5, 5)}


def test_fold_sentences_are_rebuilt_with_indonesian_spacing():
    text, offsets = person_folds.rebuild("Aktris Song Hye - kyo ( 35 ) datang , kata Risma - Whisnu .".split())
    assert text == "Aktris Song Hye-kyo (35) datang, kata Risma - Whisnu."
    assert [text[s:e] for s, e in offsets][:5] == ["Aktris", "Song", "Hye", "-", "kyo"]


def test_the_fold_benchmark_scores_the_extractor(tmp_path):
    tagger_path = tmp_path / "model.crfsuite"
    sentences = train_person_tagger.read_conll(fake_corpus(tmp_path / "ner") / "ner-ui" / "test.01.tsv")
    train(sentences, tagger_path)
    from loader.reference import load_reference
    score = person_folds.score_extractor(sentences, load_reference(), PersonTagger(tagger_path))
    assert score["gold"] == 4 and 0 < score["recall"] <= 1
