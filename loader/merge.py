"""Cross-article merge: one meeting reported by many articles; one quote repeated across articles."""
import datetime
import difflib
import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from loader.extract.dates import LOOKAHEAD_DAYS, resolve_date
from loader.ids import content_id
from loader.reference import PLACE_KINDS

# Meetings ----------------------------------------------------------------------------------
#
# Two reports are of the same meeting when all of these hold:
# - one report's participants include all of the other's, or, reported for the very same
#   day, they share at least one participant; a signing merges with other kinds only when the
#   participants are exactly the same;
# - their places agree: the same place, one inside the other (a country and a place in it, a city
#   and a site in it: Istana Kremlin is in Moscow), or unknown; two cities, or two sites, differ;
# - their dates agree: the same date, or one contains the other at a coarser precision
#   (2024-11 contains 2024-11-30), or two days at most MAX_DAYS_APART apart when one report's
#   participants include all of the other's (an outlet off by a day or a wrong weekday), but
#   not for a meeting of one visitor alone, who may have been on another errand that day;
# - two receptions have a host in common;
# - their times overlap: a report's time is its date or, undated, the MAX_SPAN_DAYS before its
#   article's own day (published, or the latest the article states) for a meeting held, the two
#   months after it for one announced; so an undated report never joins a meeting years away
#   from the article that tells it, nor one held after it; two undated reports of different
#   articles join only when both articles are dated; an undated report of an article with no
#   time at all joins another article's meeting only when what it wrote ("Jumat (30/11)") agrees
#   with that meeting's date; a meeting known only by its year takes no undated report;
# - they tell it alike: an announcement (planned) joins another article's announcement, a report
#   of a meeting held joins reports of it held; within one article an announcement and the
#   report that it was held are one meeting, which happened, when the announcement says when
#   or where; an announcement joins talks other articles tell held when its own article tells
#   them held there too.
# A report is compared with every report already in a meeting. Reports are taken most
# precise first, so coarse and undated ones join the meeting they fit; one that fits several
# meetings joins the one its own article already reports (of several, the one it tells nearest
# to the report), and is left out when that does not decide (a wrong row is worse than a
# missing one); one that points back ("pertemuan itu": ``refers_to``) joins the meeting of the
# report it points to, where it fits. An undated report of one person (a visit with no
# counterpart named) joins a meeting it fits but makes none of its own.

MAX_DAYS_APART = 3
MAX_SPAN_DAYS = 365
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}
# When reports call one meeting by different kinds, the more specific one names it.
KIND_PREFERENCE = ["signing", "visit", "reception", "talks"]
CAMEO = {"visit": "042", "reception": "043", "signing": "057"}
# Title order: visitors first, then hosts.
ROLE_ORDER = {"guest": 0, "delegation": 0, None: 1, "host": 2}


class Report(NamedTuple):
    """One article's account of a meeting, as compact as the merge needs it: a corpus has
    hundreds of thousands of these in memory at once."""
    article_id: str
    position: int              # the report's place among its article's reports
    start: int
    end: int
    sentence: str | None       # None when the caller keeps sentences elsewhere (a large build)
    people: frozenset          # participant ids; {None} when none is named
    roles: tuple               # ((person_id, role), ...)
    kind: str
    cameo: str | None
    status: str
    place_id: str | None
    place_name: str | None
    place_country: str | None
    place_kind: str | None
    place_city: str | None     # the city a site is in (its id), for the places' agreement
    date_text: str | None
    date: str | None
    date_precision: str | None
    article_date: str | None   # the date the article's own relative dates were read against
    date_flags: tuple | None
    refers_to: int | None      # the position of the report it adds to ("pertemuan itu"), if any

    @property
    def key(self) -> str:
        """Names the report across builds (an article's id is the hash of its text)."""
        return f"{self.article_id}:{self.position}"

    # The columns of the _meeting_candidates table ``from_row`` takes, in its order.
    COLUMNS = ("article_id", "position", "start", "end", "participants", "kind", "cameo", "status",
               "place_id", "place_name", "place_country", "place_kind", "place_city", "date_text",
               "date", "date_precision", "article_date", "date_flags", "refers_to")

    @classmethod
    def from_row(cls, row: tuple, shared: dict) -> "Report":
        """From a _meeting_candidates row (``COLUMNS``; lists as JSON), without its sentence.
        Values that repeat across reports (ids, participant sets, dates, flags) are kept once,
        in ``shared``: a corpus has hundreds of thousands of reports."""
        keep = shared.setdefault
        article_id, position, start, end, participants, *fields, flags, refers_to = row
        parsed = shared.get(("participants", participants))  # they repeat: parsed once
        if parsed is None:
            roles = tuple((keep(pid, pid), keep(role, role)) for pid, role in json.loads(participants))
            people = frozenset(pid for pid, _role in roles) or frozenset({None})
            parsed = keep(("participants", participants), (keep(people, people), roles))
        if flags is not None:
            flags = shared.get(("flags", flags)) or keep(("flags", flags), tuple(json.loads(flags)))
        return cls(keep(article_id, article_id), position, start, end, None, *parsed,
                   *map(keep, fields, fields), flags, refers_to)

    @classmethod
    def columns_of(cls, report: dict) -> dict:
        """A record of ``extract.meetings.find_meeting_reports`` as _meeting_candidates columns
        (``COLUMNS`` but the article's id and the position; participants as [id, role] pairs)."""
        return {**{column: report.get(column) for column in cls.COLUMNS[2:]},
                "participants": [[p["person_id"], p["role"]] for p in report["participants"]]}

    @classmethod
    def from_dict(cls, article_id: str, position: int, report: dict, shared: dict) -> "Report":
        """From a record of ``extract.meetings.find_meeting_reports``, its sentence kept; as
        ``from_row``."""
        columns = cls.columns_of(report)
        row = (article_id, position, *(json.dumps(columns[c]) if c in ("participants", "date_flags")
                                       and columns[c] is not None else columns[c]
                                       for c in cls.COLUMNS[2:]))
        return cls.from_row(row, shared)._replace(sentence=report.get("sentence"))


def merge_meetings(reports_by_article: dict, names: dict | None = None) -> tuple[list, list, list]:
    """Meeting reports of many articles (records of ``find_meeting_reports``) -> rows for
    ``meetings``, ``meeting_participants`` and ``meeting_reports``. ``names`` maps person ids to
    names for the titles."""
    shared: dict = {}
    reports = [Report.from_dict(article_id, position, report, shared)
               for article_id, article_reports in reports_by_article.items()
               for position, report in enumerate(article_reports)]
    clusters, _left_out, _changed = cluster_reports(reports)
    meetings, participants, meeting_reports = meeting_rows(clusters, names)
    return meetings, participants, list(meeting_reports)


# A report's decision: the key of the report that founded its meeting, or LEFT_OUT when it
# fits several meetings equally.
LEFT_OUT = ""


def cluster_reports(reports: list[Report], previous: dict | None = None,
                    removed: list[tuple[Report, str]] = ()) -> tuple[list["_Cluster"], list[Report], set | None]:
    """Group reports into meetings (the rules above). Returns the meetings' clusters, the
    reports left out, and the founders of the meetings that differ from the last merge's (None
    when there was no last merge). A report's decision is its meeting's founder (the key of
    the meeting's first report), or LEFT_OUT.

    ``previous``, the decisions of the last merge (``Report.key`` -> decision), and ``removed``,
    the reports it had that are gone (with their decisions), make the merge incremental with
    the same result: reports are taken in the same order, and one whose candidates cannot
    include a meeting that differs from the last merge's (see ``_Changes``) takes its last
    decision without comparing.
    """
    previous = previous or {}
    # Most precise first; among undated reports those that can make a meeting (two people or
    # more) before those of one visitor, which only join one, and those with a place first, so
    # that a report with neither date nor place only joins a meeting it cannot mistake.
    reports.sort(key=lambda r: (_precision_rank(r), not r.date and len(r.people) < 2, not r.place_id,
                                r.date or "", r.article_id, r.start, r.position))
    index = _ClusterIndex()
    changes = _Changes(reports, previous, removed, index) if previous or removed else None
    left_out = []
    for report in reports:
        key = report.key
        last = previous.get(key)
        reused = last is not None and changes.unchanged_near(report, key, last)
        if reused:
            if last == LEFT_OUT:
                left_out.append(report)
                continue
            cluster = index.by_founder.get(last)  # None when it founded its meeting
        else:
            # "Dalam pertemuan itu, X ...": with the report it points to, when that is placed
            # (or with one pointing to it) and it fits there
            linked = index.linked(report)
            cluster, several = (linked, False) if linked is not None and linked.fits(report) \
                else index.meeting_for(report)
            # Fits several meetings equally, or fits none and alone says nothing of when or
            # with whom: left out rather than guessed.
            if several or (cluster is None and not report.date and len(report.people) < 2):
                left_out.append(report)
                if changes:
                    changes.decided(report, last, LEFT_OUT)
                continue
        cluster = index.add(cluster, report, key)
        if changes and not reused:
            changes.decided(report, last, cluster.founder)
    return index.clusters, left_out, changes.founders if changes else None


def meeting_rows(clusters: list["_Cluster"], names: dict | None = None) -> tuple[list, list, Iterator[dict]]:
    """Rows for ``meetings`` and ``meeting_participants``, and those for ``meeting_reports`` as
    they are asked for: a large corpus has a million, and held as dicts beside the reports
    they came from they were the build's peak of memory."""
    names = names or {}
    meetings, participants = [], []
    for cluster in clusters:
        meeting, people = _meeting(cluster.reports, names, cluster.founder)
        meetings.append(meeting)
        participants += [{"meeting_id": meeting["id"], "person_id": pid, "role": role}
                         for pid, role in people]
    return meetings, participants, _report_rows(clusters, meetings)


def _report_rows(clusters: list["_Cluster"], meetings: list[dict]) -> Iterator[dict]:
    for cluster, meeting in zip(clusters, meetings):
        # One row per sentence: two clauses of one sentence telling the same meeting are one report.
        seen = set()
        for r in cluster.reports:
            if (r.article_id, r.start) not in seen:
                seen.add((r.article_id, r.start))
                date, flags = _report_date(r, meeting)
                yield {"meeting_id": meeting["id"], "article_id": r.article_id,
                       "date_text": r.date_text, "date": date, "date_flags": flags,
                       "sentence": r.sentence, "start": r.start, "end": r.end}


def _report_date(report: Report, meeting: dict) -> tuple[str | None, list | None]:
    """The report's own date; when its article gave no anchor for what it wrote (``Jumat
    (30/11)`` without a year, ``pada hari Jumat``), read it against the meeting's day as the
    other reports give it, flagged ``anchor_from_other_reports``, so that a weekday or a
    day that disagrees still shows."""
    flags = list(report.date_flags) if report.date_flags is not None else None
    if report.date or not report.date_text or meeting["date_precision"] != "day":
        return report.date, flags
    found = resolve_date(report.date_text, meeting["date"])
    if not found or not found["date"]:
        return None, flags
    return found["date"], [*found["flags"], "anchor_from_other_reports"]


def _precision_rank(report: Report) -> int:
    return PRECISION_RANK[report.date_precision if report.date else None]


class _Cluster:
    """The reports of one meeting, with what ``fits`` compares kept as sets, so that checking a
    report costs the number of distinct places and dates, not the number of reports."""

    def __init__(self, number: int, founder: str):
        self.number = number  # position in _ClusterIndex.clusters
        self.founder = founder  # key of its first report: names the meeting across merges
        self.reports: list[tuple] = []
        self.people: frozenset = frozenset()
        self.dates: set = set()
        self.places: set = set()           # (place_id, place_country, place_kind, place_city)
        self.signing: set = set()          # True and/or False: whether reports are signings
        self.dated: set = set()            # (date, precision, people) of its dated reports
        self.hosts: set = set()            # who receives, in its receptions
        # The articles that tell it as held, and those that tell it as announced.
        self.told: dict[str, set] = {"happened": set(), "planned": set()}
        # When it can have been, as every report's time allows (see _time_span): from
        # latest_start to earliest_end.
        self.latest_start: int | None = None
        self.earliest_end: int | None = None

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.people |= report.people
        self.signing.add(report.kind == "signing")
        self.told[report.status].add(report.article_id)
        if report.kind == "reception":
            self.hosts |= _hosts(report)
        if report.place_id:
            self.places.add((report.place_id, report.place_country, report.place_kind, report.place_city))
        if report.date:
            self.dates.add(report.date)
            self.dated.add((report.date, report.date_precision, report.people))
        span = _time_span(report.date, report.date_precision, report.article_date, report.status)
        if span:
            start, end = span
            self.latest_start = start if self.latest_start is None else max(self.latest_start, start)
            self.earliest_end = end if self.earliest_end is None else min(self.earliest_end, end)

    def fits(self, report: Report) -> bool:
        people = report.people
        same_day = report.date_precision == "day" and report.date in self.dates
        # Kim meets many people: sharing one participant is enough only on the very same day.
        if not (people <= self.people or self.people <= people
                or (same_day and people & self.people)):
            return False
        # A signing is often the outcome of a visit: it joins a visit or talks of exactly the
        # same people (and only then), so a summit is one meeting however its reports tell it.
        # (A visitor alone, one of them, joins it too: "Putin baru-baru ini mengunjungi Pyongyang".)
        if (report.kind != "signing") in self.signing and people != self.people \
                and not (len(people) == 1 and people <= self.people):
            return False
        # Two receptions by different hosts are two meetings (a minister's, then the president's).
        if report.kind == "reception" and self.hosts and not _hosts(report) & self.hosts:
            return False
        # Told otherwise only by its own article: an announcement, then the talks held (a
        # report of them all, not of one visitor's arrival); an announcement also joins talks
        # other articles tell held when its own article tells them held there too.
        other = "planned" if report.status == "happened" else "happened"
        if report.status == "planned":
            if self.told[other] - {report.article_id} and report.article_id not in self.told[other]:
                return False
        elif self.told[other] - self.told["happened"] - {report.article_id}:
            return False
        if other == "planned" and self.told[other] and not self.told["happened"] and not people >= self.people:
            return False
        # An announcement that says neither when nor where is no evidence it is the one held
        # ("sepakat untuk saling mengunjungi" after the talks is another meeting).
        if report.status == "planned" and self.told["happened"] and not (report.date or report.place_id):
            return False
        if other == "planned" and self.told[other] and not self.told["happened"] \
                and not (self.dated or self.places):
            return False
        if report.place_id and not all(_places_agree(place, (report.place_id, report.place_country,
                                                             report.place_kind, report.place_city))
                                       for place in self.places):
            return False
        span = _time_span(report.date, report.date_precision, report.article_date, report.status)
        if span and self.latest_start is not None and (span[0] > self.earliest_end or span[1] < self.latest_start):
            return False
        own = report.article_id in self.told["happened"] or report.article_id in self.told["planned"]
        if not report.date and not self.dated and not own and (span is None or self.latest_start is None):
            return False  # neither side dated, one not even placed in time: a guess
        if not report.date and span is None and not own \
                and not _told_day_agrees(report.date_text, people, self.dated):
            return False  # an article with no time of its own: only what it wrote can place it
        if not report.date and self.dated and all(p == "year" for _d, p, _people in self.dated):
            return False  # a year alone is background ("pada 2024"), not the day of a meeting told undated
        if report.date and report.date_precision == "day" and len(self.people) == 1 and people != self.people \
                and not any(date.startswith(report.date) or report.date.startswith(date) for date in self.dates):
            return False  # a visitor alone on another day may have been on another errand
        return not report.date or all(
            _dates_agree(date, precision, their_people, report.date, report.date_precision, people)
            for date, precision, their_people in self.dated)


class _ClusterIndex:
    """Clusters, and indexes that find the few a report could fit (see ``_Cluster.fits``):
    - its people all in the cluster: clusters holding its rarest participant;
    - the cluster's people all among its own: clusters whose people are one of its subsets;
    - one shared participant on the very same day: clusters of its participants on that day;
    and, for a dated report, only clusters holding a compatible date (reports come most precise
    first, so when a dated report is placed every cluster has a date)."""

    def __init__(self):
        self.clusters: list[_Cluster] = []
        self.by_founder: dict[str, _Cluster] = {}
        self.by_article: dict[str, set] = defaultdict(set)  # article -> clusters it reports
        # (article, position) -> the cluster of that report, and of the first report pointing to it
        self.of_report: dict[tuple, _Cluster] = {}
        self.pointed_at: dict[tuple, _Cluster] = {}
        self.by_person: dict[tuple, set] = defaultdict(set)  # (person, date or None) -> clusters
        self.by_people: dict[tuple, set] = defaultdict(set)  # (cluster's people, date or None) -> clusters
        self.person_count: Counter = Counter()  # clusters per person, to find the rarest
        self.people_count: Counter = Counter()  # clusters per set of people

    def candidates(self, report: Report) -> set[int]:
        """The numbers of the clusters ``report`` could fit (a superset)."""
        people = report.people
        keys = [None] if not report.date else _compatible_keys(report.date, report.date_precision)
        rarest = min(people, key=lambda p: (self.person_count[p], str(p)))
        found = set().union(*(self.by_person.get((rarest, k), ()) for k in keys))
        for subset in _subsets(people):
            if self.people_count[subset]:
                found |= set().union(*(self.by_people.get((subset, k), ()) for k in keys))
        if report.date_precision == "day":
            found |= set().union(*(self.by_person.get((p, report.date), ()) for p in people))
        return found

    def meeting_for(self, report: Report) -> tuple[_Cluster | None, bool]:
        """``(cluster, left_out)``: the one cluster ``report`` fits, or, when it fits several,
        the one of those its own article reports; ``(None, False)`` when it fits none (a new
        meeting) and ``(None, True)`` when that does not decide. The article's own clusters are
        tried first, and the others only until a second one fits: that decides as well as
        finding every one (Kim Jong Un meets many people, and an undated report of him alone
        fits most of his meetings)."""
        found = self.candidates(report)
        own_numbers = found & self.by_article.get(report.article_id, set())
        own = [self.clusters[i] for i in sorted(own_numbers) if self.clusters[i].fits(report)]
        if len(own) > 1:  # the one the article tells nearest to it, if one is nearest
            distance = {c.number: min(abs(r.start - report.start) for r in c.reports
                                      if r.article_id == report.article_id) for c in own}
            nearest = min(distance.values())
            own = [c for c in own if distance[c.number] == nearest]
        if own:
            return (own[0], False) if len(own) == 1 else (None, True)
        fitting = None
        for i in found - own_numbers:  # any order: what counts is none, one or more
            if self.clusters[i].fits(report):
                if fitting is not None:
                    return None, True
                fitting = self.clusters[i]
        return fitting, False

    def linked(self, report: Report) -> _Cluster | None:
        """The cluster of the report ``report`` points to, or of one that points to it."""
        if report.refers_to is not None:
            found = self.of_report.get((report.article_id, report.refers_to))
            if found is not None:
                return found
        return self.pointed_at.get((report.article_id, report.position))

    def add(self, cluster: _Cluster | None, report: Report, key: str) -> _Cluster:
        """Add ``report`` (``key``) to ``cluster`` (None: a new one); returns the cluster."""
        if cluster is None:
            cluster = _Cluster(len(self.clusters), key)
            self.clusters.append(cluster)
            self.by_founder[cluster.founder] = cluster
        self.of_report[report.article_id, report.position] = cluster
        if report.refers_to is not None:
            self.pointed_at.setdefault((report.article_id, report.refers_to), cluster)
        before = cluster.people
        cluster.add(report)
        number, by_person = cluster.number, self.by_person
        self.by_article[report.article_id].add(number)
        people, date = cluster.people, report.date
        for person in report.people:
            by_person[person, None].add(number)
            if date:
                by_person[person, date].add(number)
        if people == before:  # indexed under its people already: only this report's date is new
            for key in (None, date) if date else (None,):
                self.by_people[people, key].add(number)
            return cluster
        for person in people - before:
            self.person_count[person] += 1
        self.people_count[before] -= 1
        self.people_count[people] += 1
        for key in [None, *cluster.dates]:  # re-indexed under its new people
            self.by_people.get((before, key), set()).discard(number)
            self.by_people[people, key].add(number)
        return cluster


class _Changes:
    """Which meetings differ from the last merge's, for an incremental merge.

    A meeting differs when a report joined or left it (a new report, a removed one, or one that
    decided otherwise than last time), from the start of the merge on. ``changed`` holds, for
    each participant of such a meeting, the dates of its reports, both of the last merge's
    members and of the current ones: a superset of what ``_ClusterIndex.candidates`` could find
    them by. A report none of whose participants has a date there that it is compatible with
    (any date, for an undated report) meets only unchanged meetings, in the same state as last
    time, and so decides as it did then.
    """

    def __init__(self, reports: list[Report], previous: dict, removed, index: _ClusterIndex):
        self.index = index
        self.members: dict[str, list[Report]] = defaultdict(list)  # founder -> the last merge's reports
        for report in reports:
            decision = previous.get(report.key)
            if decision:
                self.members[decision].append(report)
        for report, decision in removed:
            if decision:
                self.members[decision].append(report)
        self.founders: set[str] = set()      # meetings that differ, by founder
        self.changed: dict = {}              # participant -> dates of those meetings' reports
        for _report, decision in removed:
            self._differs(decision)

    def unchanged_near(self, report: Report, key: str, decision: str) -> bool:
        """Whether ``report`` (``key``) can take ``decision``, its last one, without comparing."""
        if decision in self.founders:
            return False
        if decision not in (LEFT_OUT, key) and decision not in self.index.by_founder:
            return False  # (its meeting would have differed: a safeguard)
        if not self.changed:
            return True
        if not report.date:
            return not any(person in self.changed for person in report.people)
        compatible = _compatible_key_set(report.date, report.date_precision)
        for person in report.people:  # a loop, not all(): asked of every report
            dates = self.changed.get(person)
            if dates and not compatible.isdisjoint(dates):
                return False
        return True

    def decided(self, report: Report, last: str | None, decision: str) -> None:
        """``report`` was compared; ``last`` is its decision of the last merge (None: new)."""
        if decision != last:
            for founder in (last, decision):
                self._differs(founder)
        if decision in self.founders:
            self._note([report])

    def _differs(self, founder: str | None) -> None:
        if not founder or founder in self.founders:
            return
        self.founders.add(founder)
        self._note(self.members.get(founder, ()))
        cluster = self.index.by_founder.get(founder)
        if cluster is not None:
            self._note(cluster.reports)

    def _note(self, reports) -> None:
        for report in reports:
            for person in report.people:
                self.changed.setdefault(person, set()).add(report.date)


def _subsets(people: frozenset) -> list[frozenset]:
    """The non-empty subsets of a report's participants (a handful: reports name few people)."""
    members = sorted(people, key=str)
    return [frozenset(m for bit, m in enumerate(members) if mask >> bit & 1)
            for mask in range(1, 1 << len(members))]


@functools.lru_cache(maxsize=4096)
def _compatible_keys(date: str, precision: str | None) -> tuple[str, ...]:
    """Every date a report dated ``date`` can agree with (see _dates_agree): the days
    MAX_DAYS_APART around a day, the month and the year that contain it; for a month, also its
    days; for a year, also its months and days."""
    year = date[:4]
    if precision == "year" or len(date) == 4:
        months = [f"{year}-{m:02d}" for m in range(1, 13)]
        return (year, *months, *_days(*_period(year)))
    if precision == "month" or len(date) == 7:
        return (year, date, *_days(*_period(date)))
    day = datetime.date.fromisoformat(date)
    near = _days(day - datetime.timedelta(days=MAX_DAYS_APART), day + datetime.timedelta(days=MAX_DAYS_APART))
    return tuple(sorted({year, date[:7], *near, *(d[:7] for d in near), *(d[:4] for d in near)}))


@functools.lru_cache(maxsize=4096)
def _compatible_key_set(date: str, precision: str | None) -> frozenset:
    return frozenset(_compatible_keys(date, precision))


def _days(first: datetime.date, last: datetime.date) -> list[str]:
    return [(first + datetime.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _hosts(report: Report) -> frozenset:
    return frozenset(pid for pid, role in report.roles if role == "host")


def _places_agree(first: tuple, second: tuple) -> bool:
    """Whether two places, ``(place_id, country, kind, city)``, can be where one meeting was:
    the same, unknown, or one inside the other (a country and a place in it, a city and a site in
    it); a region or a site whose city is unknown agrees with places of its country."""
    if not first[0] or not second[0] or first[0] == second[0]:
        return True
    (place, country, kind, city), (other, other_country, other_kind, other_city) = first, second
    if country and other_country and country != other_country:
        return False
    kinds = {kind, other_kind}
    if "country" in kinds:
        return bool(country) and country == other_country
    if kinds == {"city", "site"}:
        site_city, town = (city, other) if kind == "site" else (other_city, place)
        return site_city == town or (site_city is None and country == other_country)
    if "region" in kinds and kinds != {"region"}:
        return bool(country) and country == other_country
    return False  # two cities, two sites, two regions


@functools.lru_cache(maxsize=4096)
def _time_span(date: str | None, precision: str | None, article_date: str | None,
               status: str) -> tuple[int, int] | None:
    """When a report's meeting can have been, as (first day, last day) ordinals: its date, a
    day with MAX_DAYS_APART either side; undated, the year (MAX_SPAN_DAYS) before its article's
    day for a meeting held, the two months after it (dates.LOOKAHEAD_DAYS, as for a year-less
    day) for one announced, give or take MAX_DAYS_APART; None when neither is known."""
    if not date:
        if not article_date:
            return None
        day = datetime.date.fromisoformat(article_date[:10]).toordinal()
        if status == "planned":
            return day - MAX_DAYS_APART, day + LOOKAHEAD_DAYS
        return day - MAX_SPAN_DAYS, day + MAX_DAYS_APART
    if len(date) in (4, 7):
        first, last = _period(date)
        return first.toordinal(), last.toordinal()
    day = datetime.date.fromisoformat(date).toordinal()
    return day - MAX_DAYS_APART, day + MAX_DAYS_APART


def _period(date: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of an ISO year, month or day."""
    if len(date) == 4:
        return datetime.date(int(date), 1, 1), datetime.date(int(date), 12, 31)
    if len(date) == 7:
        first = datetime.date.fromisoformat(date + "-01")
        return first, (first + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
    day = datetime.date.fromisoformat(date)
    return day, day


def _told_day_agrees(date_text: str | None, people: frozenset, dated: set) -> bool:
    """Whether what an article with no time of its own wrote (``Jumat (30/11)``, ``pada bulan
    Juni``), read against each of the most precise dates a meeting's reports give, agrees with
    it. A weekday or ``kemarin`` read against a month or a year says nothing, and nothing
    written says nothing."""
    if not date_text or not dated:
        return False
    finest = min(PRECISION_RANK[precision] for _date, precision, _people in dated)
    for date, precision, their_people in dated:
        if PRECISION_RANK[precision] != finest:
            continue  # the coarser dates contain the finer ones (the meeting's dates agree)
        found = _read_against(date_text, date)
        if found is None or ("relative" in found[2] and precision != "day"):
            return False
        if not _dates_agree(date, precision, their_people, found[0], found[1], people):
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _read_against(date_text: str, date: str) -> tuple | None:
    """``date_text`` resolved against the last day of ``date`` (a day, a month or a year):
    (date, precision, flags), or None."""
    found = resolve_date(date_text, _period(date)[1])
    return (found["date"], found["precision"], tuple(found["flags"])) if found and found["date"] else None


def _dates_agree(first: str, first_precision: str | None, first_people: frozenset,
                 second: str, second_precision: str | None, second_people: frozenset) -> bool:
    if first.startswith(second) or second.startswith(first):
        return True
    if first_precision != "day" or second_precision != "day":
        return False
    if not (first_people <= second_people or second_people <= first_people):
        return False
    apart = datetime.date.fromisoformat(first) - datetime.date.fromisoformat(second)
    return abs(apart.days) <= MAX_DAYS_APART


def _meeting(reports: list[Report], names: dict, founder: str) -> tuple[dict, list[tuple]]:
    date, precision = _best_date(reports)
    place_id, place_name = _best_place(reports)
    # An announcement ("dijadwalkan menyaksikan penandatanganan") does not name what was held.
    held = [r for r in reports if r.status == "happened"] or reports
    kind = min((r.kind for r in held), key=KIND_PREFERENCE.index)
    cameo = CAMEO.get(kind) or ("044" if any(r.cameo == "044" for r in held) else "040")
    people = _participant_roles(reports)
    person_ids = sorted(pid for pid, _role in people)
    status = "happened" if any(r.status == "happened" for r in reports) else "planned"
    # Told alike, two meetings would share an id: an announcement beside the meeting held (same
    # people, day and place), and undated meetings the merge keeps apart (years apart, or one
    # not placed in time), which take the article that founded them.
    meeting_id = content_id("meeting", kind, *person_ids, date or "", place_id or "",
                            *(["planned"] if status == "planned" else []),
                            *([] if date else [founder.rsplit(":", 1)[0]]))
    title = meeting_title([(names.get(pid, pid), role) for pid, role in people], place_name)
    return ({"id": meeting_id, "title": title, "date": date, "date_precision": precision,
             "place_id": place_id, "kind": kind, "cameo": cameo, "status": status}, people)


def meeting_title(people: list[tuple[str, str | None]], place_name: str | None) -> str:
    """``Andrei Belousov – Kim Jong Un, Pyongyang``: from (name, role) pairs, visitors first,
    then hosts, then the place."""
    names = [name for name, role in sorted(people, key=lambda p: (ROLE_ORDER.get(p[1], 1), p[0]))]
    return " – ".join(names) + (f", {place_name}" if place_name else "")


def _best_place(reports: list[Report]) -> tuple[str | None, str | None]:
    """The most specific place the reports give (they agree, see _places_agree: Istana Kremlin
    over Moscow over Russia), then the most reported."""
    placed = [r for r in reports if r.place_id]
    if not placed:
        return None, None
    support = Counter(r.place_id for r in placed)
    best = max(placed, key=lambda r: (PLACE_KINDS.index(r.place_kind or "country"),
                                      support[r.place_id], r.place_id))
    return best.place_id, best.place_name or best.place_id


def _best_date(reports: list[Report]) -> tuple[str | None, str | None]:
    """The date most reports give; ties go to the more precise, then to the one given without
    flags (a weekday that fits, a year that was written), then to the earlier (news is told after
    the event: a day later is more often the day it was reported)."""
    dated = [r for r in reports if r.date]
    if not dated:
        return None, None
    support = Counter(r.date for r in dated)
    unflagged = Counter(r.date for r in dated if not r.date_flags)
    precision = {r.date: r.date_precision for r in dated}
    best = min(support, key=lambda d: (-support[d], PRECISION_RANK[precision[d]], -unflagged[d], d))
    return best, precision[best]


def _participant_roles(reports: list[Report]) -> list[tuple]:
    """Each person once, with the role most reports give (None only when none gives one)."""
    roles: dict[str, Counter] = {}
    for report in reports:
        for person_id, role in report.roles:
            counts = roles.setdefault(person_id, Counter())
            if role:
                counts[role] += 1
    return [(pid, counts.most_common(1)[0][0] if counts else None) for pid, counts in roles.items()]


# Quotes ------------------------------------------------------------------------------------

# Quotes whose normalised words match at least this closely are the same statement.
QUOTE_SIMILARITY = 0.85
# How many of a quote's rarest words are looked up to find clusters to compare it with.
RARE_WORDS = 8


def cluster_texts(texts: list[str]) -> dict[str, str]:
    """A cluster id for each quoted text: the same statement with small wording differences
    (another translation, a typo, a trimmed end) shares a cluster, across articles or within one.

    Deterministic: normalised texts are visited in sorted order, each joins the first cluster
    whose first member is similar enough, and a cluster's id is derived from that first
    member's normalised text, so ids do not depend on input order. Only clusters sharing two of
    a text's rarest words are compared: a text similar enough shares nearly all its words.
    (Sharing one is not enough to keep this fast on real quotes: a short quote's rarest words
    include `tidak` and `yang`.)
    """
    normalised = {text: normalise_words(text) for text in texts}
    distinct = sorted(set(normalised.values()))
    frequency = Counter(word for text in distinct for word in set(text.split()))
    representatives: list[str] = []
    by_word: dict[str, list[int]] = {}  # word -> representatives containing it
    cluster_of: dict[str, str] = {}
    for text in distinct:
        rarest = sorted(set(text.split()), key=lambda w: (frequency[w], w))[:RARE_WORDS]
        shared_words = Counter(i for word in rarest for i in by_word.get(word, ()))
        candidates = sorted(i for i, count in shared_words.items() if count >= min(2, len(rarest)))
        match = next((representatives[i] for i in candidates if _similar(text, representatives[i])), None)
        if match is None:
            match = text
            for word in set(text.split()):
                by_word.setdefault(word, []).append(len(representatives))
            representatives.append(text)
        cluster_of[text] = content_id("quote", match)
    return {text: cluster_of[norm] for text, norm in normalised.items()}


def normalise_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a.split()), len(b.split())) < 4:
        return False  # short phrases match only exactly
    # Two upper bounds of ratio() (difflib's real_quick_ratio and quick_ratio: by length, by
    # letters shared) rule out most pairs before a SequenceMatcher is built, which is the cost.
    length = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / length < QUOTE_SIMILARITY:
        return False
    if 2.0 * sum((_letter_counts(a) & _letter_counts(b)).values()) / length < QUOTE_SIMILARITY:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= QUOTE_SIMILARITY


@functools.lru_cache(maxsize=1 << 16)
def _letter_counts(text: str) -> Counter:
    return Counter(text)
