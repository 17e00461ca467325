"""co_mentions, counted in bulk by a full build and by triggers afterwards, always holds what
counting every article's people from scratch gives: after mentions are inserted, deleted, or
moved to another person (what articles coming and going, and corrections, do)."""
import collections
import itertools

import pytest
import sqlite_utils

from loader import db as schema
from loader.build import build

from .conftest import corpus


def counted_from_scratch(db: sqlite_utils.Database) -> dict[tuple[str, str], int]:
    people_of = collections.defaultdict(set)
    for article_id, person_id in db.execute("select article_id, person_id from mentions"):
        people_of[article_id].add(person_id)
    return dict(collections.Counter(pair for people in people_of.values()
                                    for pair in itertools.combinations(sorted(people), 2)))


def co_mentions(db: sqlite_utils.Database) -> dict[tuple[str, str], int]:
    return {(a, b): n for a, b, n in db.execute("select person_id, other_person_id, articles from co_mentions")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> sqlite_utils.Database:
    folder = tmp_path_factory.mktemp("co_mentions")
    corpus.generate(30, folder / "articles", seed=3)
    build([folder / "articles"], folder / "news.db", workers=1)
    return sqlite_utils.Database(folder / "news.db")


def test_a_full_build_counts_every_pair(built):
    counts = co_mentions(built)
    assert counts == counted_from_scratch(built)
    assert max(counts.values()) > 1 and all(a < b for a, b in counts)


def test_triggers_follow_every_change_to_mentions(built):
    db = built
    try:
        with db.conn:  # rolled back below: the module's database stays as built
            one = next(db.execute("select id from articles order by id"))[0]
            gone = list(db.execute("select * from mentions where article_id = ?", [one]))
            db.execute("delete from mentions where article_id = ?", [one])
            assert co_mentions(db) == counted_from_scratch(db), "an article's mentions deleted"
            columns = ", ".join("?" * len(gone[0]))
            db.conn.executemany(f"insert into mentions values ({columns})", gone)
            assert co_mentions(db) == counted_from_scratch(db), "and inserted again"
            # merge_people moves every mention of one person to another
            frequent, other = [row[0] for row in db.execute(
                "select person_id from mentions group by person_id order by count(*) desc limit 2")]
            db.execute("update mentions set person_id = ? where person_id = ?", [frequent, other])
            assert co_mentions(db) == counted_from_scratch(db), "one person merged into another"
            # A person's only mention in an article moved to someone the article does not name
            # but who is named with that person elsewhere, then back.
            mention_id, person_id, elsewhere = next(db.execute("""
                select m.id, m.person_id, c.other_person_id
                from mentions m join co_mentions c on c.person_id = m.person_id
                where (select count(*) from mentions o where o.article_id = m.article_id
                       and o.person_id = m.person_id) = 1
                  and not exists (select 1 from mentions o where o.article_id = m.article_id
                                  and o.person_id = c.other_person_id)
                order by m.id"""))
            db.execute("update mentions set person_id = ? where id = ?", [elsewhere, mention_id])
            assert co_mentions(db) == counted_from_scratch(db), "a mention moved to another person"
            db.execute("update mentions set person_id = ? where id = ?", [person_id, mention_id])
            assert co_mentions(db) == counted_from_scratch(db), "and back"
            db.execute("update mentions set person_id = 'someone-new' where id = ?", [mention_id])
            assert co_mentions(db) == counted_from_scratch(db), "a mention moved to a new person"
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert co_mentions(db) == counted_from_scratch(db)


def test_the_bulk_count_is_the_trigger_count(built, tmp_path):
    """Counting row by row (a database given its triggers before any mention) agrees with the
    one query of a full build."""
    db = sqlite_utils.Database(tmp_path / "empty.db")
    schema.ensure_db_shape(db)
    schema.count_co_mentions(db)
    rows = list(built["mentions"].rows)
    db["mentions"].insert_all(rows)
    assert co_mentions(db) == co_mentions(built)
