"""The incremental meeting merge gives the meetings a merge from scratch gives.

Reports come from the generated corpus (benchmarks/corpus.py): many articles telling the same
meetings in different words and date formats. Each case merges one set of articles, then
another (articles added, removed, or both) starting from the first merge's decisions, and
compares with merging the second set from scratch.
"""
import random

import pytest
import sqlite_utils

from loader.build import build
from loader.extract.article import extract_article
from loader import merge
from loader.merge import LEFT_OUT, Report, cluster_reports, meeting_rows
from loader.reference import load_reference
from loader.sources import read_article

from .conftest import corpus


@pytest.fixture(scope="module")
def reports_by_article(tmp_path_factory) -> dict[str, list[Report]]:
    ref = load_reference()
    shared: dict = {}
    by_article = {}
    for path in corpus.generate(160, tmp_path_factory.mktemp("corpus"), seed=11):
        article = read_article(path)
        extraction = extract_article(article.body, article.published, ref)
        by_article[article.id] = [Report.from_dict(article.id, position, report, shared)
                                  for position, report in enumerate(extraction["meeting_reports"])]
    return by_article


def merged(reports_by_article, article_ids, previous=None, removed=()):
    reports = [r for article_id in sorted(article_ids) for r in reports_by_article[article_id]]
    clusters, left_out, _changed = cluster_reports(reports, previous, removed)
    meetings = sorted(frozenset(r.key for r in cluster.reports) for cluster in clusters)
    decisions = {**{r.key: cluster.founder for cluster in clusters for r in cluster.reports},
                 **{r.key: LEFT_OUT for r in left_out}}
    return meetings, decisions, clusters


@pytest.mark.parametrize("case", ["add one", "add ten", "remove five", "remove and add", "replace half"])
def test_incremental_merge_equals_a_merge_from_scratch(reports_by_article, case):
    rng = random.Random(case)
    ids = sorted(reports_by_article)
    before = set(rng.sample(ids, 120))
    outside, inside = sorted(set(ids) - before), sorted(before)
    changes = {"add one": (1, 0), "add ten": (10, 0), "remove five": (0, 5),
               "remove and add": (6, 6), "replace half": (40, 60)}[case]
    after = (before | set(rng.sample(outside, changes[0]))) - set(rng.sample(inside, changes[1]))

    _meetings, last_decisions, _clusters = merged(reports_by_article, before)
    removed = [(r, last_decisions[r.key]) for article_id in before - after
               for r in reports_by_article[article_id]]
    previous = {key: decision for key, decision in last_decisions.items()
                if key.split(":")[0] in after}
    incremental = merged(reports_by_article, after, previous, removed)
    from_scratch = merged(reports_by_article, after)

    assert incremental[0] == from_scratch[0]
    assert incremental[1] == from_scratch[1]
    assert sorted(map(repr, meeting_rows(incremental[2])[0])) == sorted(map(repr, meeting_rows(from_scratch[2])[0]))
    # The case is not empty: the corpus has meetings told by several articles, and reports left out.
    assert any(len({key.split(":")[0] for key in meeting}) > 1 for meeting in from_scratch[0])


def test_a_merge_with_nothing_changed_reuses_every_decision(reports_by_article, monkeypatch):
    ids = set(reports_by_article)
    _meetings, decisions, _clusters = merged(reports_by_article, ids)
    assert LEFT_OUT in decisions.values() or len(set(decisions.values())) < len(decisions)
    compared = []
    real_fits = merge._Cluster.fits
    monkeypatch.setattr(merge._Cluster, "fits",
                        lambda cluster, report: compared.append(report.key) or real_fits(cluster, report))
    again = merged(reports_by_article, ids, decisions)
    assert again[1] == decisions
    assert compared == []


def test_incremental_builds_give_the_meetings_of_a_full_build(tmp_path):
    folder, aside = tmp_path / "articles", tmp_path / "aside"
    aside.mkdir()
    paths = corpus.generate(45, folder, seed=5)

    def move(files, to):
        for path in files:
            path.rename(to / path.name)

    def same_meetings_as_a_full_build():
        full = tmp_path / "full.db"
        full.unlink(missing_ok=True)
        build([folder], full, workers=1, incremental=False)
        for table in ("meetings", "meeting_participants", "meeting_reports", "co_mentions"):
            rows = [sorted(map(repr, sqlite_utils.Database(db_path)[table].rows))
                    for db_path in (tmp_path / "news.db", full)]
            assert rows[0] == rows[1], table
            assert rows[0], table

    move(paths[40:], aside)
    build([folder], tmp_path / "news.db", workers=1)
    move([aside / path.name for path in paths[40:]], folder)   # five articles come
    move(paths[:3], aside)                                      # three go
    assert build([folder], tmp_path / "news.db", workers=1).extracted == 5
    same_meetings_as_a_full_build()
    move(paths[3:6], aside)                                     # then three more go
    move([aside / paths[0].name], folder)                       # and one comes back
    assert build([folder], tmp_path / "news.db", workers=1).extracted == 1
    same_meetings_as_a_full_build()


def test_no_meeting_holds_reports_more_than_a_year_apart(reports_by_article):
    """Every report of a meeting can be when the others are: their times (a date; undated, the
    year before the article, or the two months after it for an announcement: merge._time_span)
    all overlap."""
    reports = [r for article_reports in reports_by_article.values() for r in article_reports]
    clusters, _left_out, _changed = cluster_reports(reports)
    assert any(len(cluster.reports) > 3 for cluster in clusters)
    for cluster in clusters:
        spans = [merge._time_span(r.date, r.date_precision, r.article_date, r.status) for r in cluster.reports]
        spans = [span for span in spans if span]
        if spans:
            assert max(start for start, _end in spans) <= min(end for _start, end in spans)
