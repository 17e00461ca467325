"""A page's own publication time, as Indonesian outlets print it in their header lines, and the
day a URL's path carries.

``find_stamps(line)`` finds every timestamp in one line: ``Jumat, 9 Apr 2021 11:02 WIB``,
``Kompas.com - 14/03/2021, 09:47 WIB``, ``SENIN, 4 SEPTEMBER 2023 | 08:21 WIB``,
``Diterbitkan Pada 3 Nov 2025``, ``Write: 2024-02-06 10:12:44Update: …``, ``8 May 2025 16:20``.
Day first always (``14/03/2021``); full or abbreviated Indonesian and English month names; a time
zone (WIB +07:00, WITA +08:00, WIT +09:00, or an offset) gives the offset, no zone gives none.
Whether a line is a header line and which stamp is the page's is the reader's decision
(``sources``): a date inside a sentence is the story's, not the page's.
"""
import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .extract.dates import MONTHS, TIMEZONE_OFFSETS, WEEKDAYS

ENGLISH_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                    "mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# Labels before a stamp: the page's first publication, or a later update (not its day).
PUBLISHED_LABELS = ["diterbitkan pada", "diterbitkan", "dipublikasikan pada", "dipublikasikan",
                    "dipublish", "terbit", "tayang", "ditulis", "dibuat", "published on", "published",
                    "posted on", "posted", "write", "tanggal"]
UPDATED_LABELS = ["terakhir diperbarui", "diperbarui pada", "diperbarui", "update terakhir",
                  "updated on", "updated", "update", "last updated", "last modified", "modified"]


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_MONTH = _alternation(MONTHS)
_LONG_MONTH = _alternation(w for w in MONTHS if len(w) > 3 or w == "mei")
_WEEKDAY = _alternation([*WEEKDAYS, *ENGLISH_WEEKDAYS])
_ZONE = r"WITA|WIB|WIT|Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)\s*[+-]\s*\d{1,2}"
STAMP = re.compile(
    rf"(?<![^\W\d_])(?:(?P<label>{_alternation(PUBLISHED_LABELS + UPDATED_LABELS)})\s*:?\s*)?"
    rf"(?:(?P<weekday>{_WEEKDAY})\s*,?\s+)?"
    rf"(?:(?P<day>\d{{1,2}})\s+(?P<month_name>{_MONTH})\.?,?\s+(?P<year>\d{{4}})"       # 9 Apr 2021
    rf"|(?P<nday>\d{{1,2}})(?P<sep>[/.-])(?P<nmonth>\d{{1,2}})(?P=sep)(?P<nyear>\d{{4}})"           # 14/03/2021
    rf"|(?P<iyear>\d{{4}})-(?P<imonth>\d{{2}})-(?P<iday>\d{{2}})"                      # 2024-02-06
    rf"|(?P<emonth>{_LONG_MONTH})\s+(?P<eday>\d{{1,2}}),\s+(?P<eyear>\d{{4}}))"       # June 5, 2025
    rf"(?![\d/])"
    rf"(?:\s*[,|•·T–—-]?\s*(?:pukul\s+|jam\s+)?(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}})"
    rf"(?::(?P<second>\d{{2}}))?(?:\.\d+)?(?:\s*(?P<zone>{_ZONE}))?)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_UPDATED = re.compile(_alternation(UPDATED_LABELS), re.IGNORECASE)


@dataclass(frozen=True)
class Stamp:
    iso: str            # 2018-06-12T12:09:00+07:00, or 2018-06-12 when no time is printed
    text: str           # the words it was read from, as written
    updated: bool       # labelled as an update (Diperbarui, Update): not the publication day
    start: int
    end: int
    weekday_mismatch: bool = False   # the weekday written is not that of the date (kept as written)


def find_stamps(line: str) -> list[Stamp]:
    """Every timestamp in ``line`` whose day exists, in order."""
    stamps = []
    if not _YEAR.search(line):
        return stamps  # most lines hold no year: not worth the full pattern
    for match in STAMP.finditer(line):
        parts = match.groupdict()
        day = _day(parts)
        if day is None:
            continue
        label = parts["label"] or ""
        weekday = (parts["weekday"] or "").lower()
        written_day = WEEKDAYS.get(weekday, ENGLISH_WEEKDAYS.index(weekday) % 7 if weekday in ENGLISH_WEEKDAYS else None)
        stamps.append(Stamp(_iso(day, parts), match.group().strip(" ,|•·-–—"),
                            bool(label and _UPDATED.fullmatch(" ".join(label.split()))),
                            match.start(), match.end(), written_day is not None and written_day != day.weekday()))
    return stamps


def _day(parts: dict) -> datetime.date | None:
    if parts["year"]:
        year, month, day = parts["year"], MONTHS[parts["month_name"].lower()], parts["day"]
    elif parts["nyear"]:
        year, month, day = parts["nyear"], parts["nmonth"], parts["nday"]
    elif parts["iyear"]:
        year, month, day = parts["iyear"], parts["imonth"], parts["iday"]
    else:
        year, month, day = parts["eyear"], MONTHS[parts["emonth"].lower()], parts["eday"]
    try:
        found = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if 1990 <= found.year <= 2100 else None


def _iso(day: datetime.date, parts: dict) -> str:
    if parts["hour"] is None:
        return day.isoformat()
    hour, minute, second = int(parts["hour"]), int(parts["minute"]), int(parts["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day.isoformat()
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}{_offset(parts['zone'])}"


def _offset(zone: str | None) -> str:
    if not zone:
        return ""
    zone = zone.upper().replace(" ", "")
    if zone in TIMEZONE_OFFSETS:
        return TIMEZONE_OFFSETS[zone]
    if zone == "Z":
        return "+00:00"
    if zone.startswith(("GMT", "UTC")):
        hours = int(zone[3:])
        return f"{'+' if hours >= 0 else '-'}{abs(hours):02d}:00"
    digits = zone.replace(":", "")
    return f"{digits[:3]}:{digits[3:]}"


# /2023/09/14/, /2023-09-14/, /20230914/ in a URL's path (not its query).
URL_DAY = re.compile(r"/(?P<year>(?:19|20)\d{2})(?:/(?P<month>\d{1,2})/(?P<day>\d{1,2})"
                     r"|-(?P<dmonth>\d{2})-(?P<dday>\d{2})|(?P<cmonth>\d{2})(?P<cday>\d{2}))(?=/|$|[-_.])")


def day_in_url(url: str | None) -> tuple[str, str] | None:
    """``https://…/read/2018/05/31/18121971/…`` -> ``("2018-05-31", "/2018/05/31/")``: the first
    day the path spells out in full, or None (a month alone, ``/2018/08/``, is not a day)."""
    if not url:
        return None
    path = urlsplit(url).path
    for match in URL_DAY.finditer(path):
        month = match["month"] or match["dmonth"] or match["cmonth"]
        day = match["day"] or match["dday"] or match["cday"]
        try:
            found = datetime.date(int(match["year"]), int(month), int(day))
        except ValueError:
            continue
        return found.isoformat(), match.group()
    return None
