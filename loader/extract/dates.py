"""Indonesian dates: month names, time zones and a resolver for date expressions.

``find_dates(text, anchor)`` finds every date expression in ``text`` and resolves it against
``anchor`` (the article's own date). Rules, chosen so that a reader can predict the answer:

- Day-month order always: ``(30/11)`` is 30 November.
- A missing year is taken from the anchor: the latest year that puts the date no more than two
  months (LOOKAHEAD_DAYS) after the anchor, flagged ``year_inferred``. A ``(30/11)`` in a January
  article is last November; a ``(5/1)`` in a late-December article is next January; a ``3 Mei``
  in a December article is the past May.
- When the anchor is only a date the text states (``firm_anchor=False``: the article has no
  published date) it may be the date of some other event. A written weekday then decides: a day
  that the rule above puts more than a month away from the anchor, and whose weekday fits it in only
  one year within a year of the anchor, takes that year (``Selasa (19/11)`` read against 19 Juni
  2024 is 19 November 2024, a Tuesday, not 2023). Near the anchor the rule stands and a weekday that does
  not fit is flagged, as outlets get weekdays wrong.
- ``forward=True`` reads a clause that announces something: a missing year, a bare month or a bare
  weekday is the first one on or after the anchor (``akan bertemu pada September``).
- A bare weekday (``pada hari Jumat``) is the most recent such day on or before the anchor (news
  reports past events); with ``depan``/``mendatang`` it is the next one after the anchor.
- A month without a year (``bulan Juni``, ``pada bulan Mei``) is the most recent such month not
  after the anchor's month; with ``depan``/``mendatang`` the next one. Flagged ``year_inferred``.
- A range (``25-28 Maret 2018``, ``7-10 Januari``) is its month, flagged ``range``; a season
  (``musim panas 2024``) is its year. ISO dates (``2024-02-06``) and ``14/03/2021`` are full dates.
- A week (``pekan lalu``, ``minggu ini``) is not a day: the result is the month that holds the whole
  calendar week (Monday to Sunday), or the year when the week straddles two months, flagged
  ``approximate``.
- ``keesokan harinya``, ``sehari kemudian``, ``pada esok hari`` are the day after the last day
  the text named before them, ``sehari sebelumnya``, ``malam sebelumnya`` the day before it
  (``previous_day`` stands for a day named just before the text), flagged ``from_previous_date``;
  with no such day they keep ``date`` None (``no_anchor``): the article's own date is not the
  event's.
- A bracket a cut page left open at the end of the text (``Sabtu (26/4/``) is read as if closed.
- Everything computed from the anchor is flagged ``relative``. Without an anchor such an
  expression keeps ``date`` None and is flagged ``no_anchor``: never guessed.
- A weekday that contradicts its date keeps the date as written, flagged ``weekday_mismatch``.
"""
import datetime
import re
from typing import NamedTuple

# Indonesian and English month names and their usual abbreviations.
MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}

# Indonesia's three time zones.
TIMEZONE_OFFSETS = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}

# Monday = 0, as datetime.date.weekday().
WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
    "minggu": 6, "ahad": 6,
}

# A day-month without a year may lie this far after the anchor (an announced event).
LOOKAHEAD_DAYS = 62
# Read forward (an announcement), a year-less day may still lie this far before the anchor.
MAX_DAYS_BEHIND = 3
# Against an anchor the text merely states, a year-less day the rule puts further away than this
# is checked against its written weekday (see the module's docstring).
WEEKDAY_EVIDENCE_DAYS = 31

NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12,
}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = _alternation(MONTHS)
# Without a day or a year an abbreviation (``jan``, ``mar``) is too easily something else.
_MONTH_NAME = _alternation(w for w in MONTHS if len(w) > 3 or w == "mei")
_WEEKDAY = _alternation(WEEKDAYS)
_COUNT = r"\d{1,2}|" + _alternation(NUMBER_WORDS) + "|beberapa|sebulan|setahun|sepekan|seminggu"
_TIME = (r"(?:,?\s*(?:pukul\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
         r"(?:\s*(?P<zone>WITA|WIB|WIT))?)?")
_LEADING_WEEKDAY = rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?"
_PREPOSITIONS = r"(?P<prefix>(?:(?:pada|sejak|hingga|sampai|selama|awal|akhir|pertengahan)\s+)+)?"

# (name, pattern): all are tried; the longest match wins where they overlap, then the earlier name.
PATTERNS = [
    # 30 November 2024 / Jumat, 29 November 2024 / 19 Juli 2024, 14:11 WIB
    ("full", rf"\b{_LEADING_WEEKDAY}(?:tanggal\s+)?(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?\s+"
             rf"(?P<year>\d{{4}})\b{_TIME}"),
    # Kamis (18/7/2024) / Jumat (30/11)
    ("numeric", rf"(?:\b(?P<weekday>{_WEEKDAY})\s*)?\((?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})"
                rf"(?:(?:/(?P<year>\d{{2}}|\d{{4}}))?\)|/\d{{0,3}}\s*\Z|\s*\Z)"),
    # 14/03/2021 (a page's date line; without brackets only with a four-digit year)
    ("slash", r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b"),
    # 2024-02-06 (a page's time stamp)
    ("iso", r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b(?!-)"),
    # 25-28 Maret 2018 / 7-10 Januari
    ("day_range", rf"\b(?P<first>\d{{1,2}})\s*[-–]\s*(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?"
                  rf"(?:\s+(?P<year>\d{{4}}))?\b"),
    # 3 Mei (no year follows)
    ("day_month", rf"\b{_LEADING_WEEKDAY}(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAME})\b(?!\s+\d)"),
    # Februari 2022 / bulan Maret tahun 2023
    ("month_year", rf"\b(?:bulan\s+)?(?P<month>{_MONTH_NAME})\s+(?:tahun\s+)?(?P<year>\d{{4}})\b"),
    # pada bulan Juni / Juni tahun ini / Maret mendatang
    ("month", rf"\b{_PREPOSITIONS}(?P<bulan>bulan\s+)?(?P<month>{_MONTH_NAME})\b"
              r"(?!\s+(?:tahun\s+)?\d)"
              r"(?:\s+(?P<which>tahun\s+(?:ini|lalu|depan)|lalu|depan|mendatang|ini))?"),
    # musim panas 2024
    ("season", r"\bmusim\s+(?:panas|dingin|semi|gugur)\s+(?:tahun\s+)?(?P<year>(?:19|20)\d{2})\b"),
    # tahun 2022 / pada 2022 (not 2.022 or 2022,5)
    ("year", rf"\b{_PREPOSITIONS}(?P<tahun>tahun\s+)?(?P<year>(?:19|20)\d{{2}})\b(?![.,]\d)"),
    # dua hari lalu / tiga bulan yang lalu / beberapa pekan lalu
    ("ago", rf"\b(?P<count>{_COUNT})\s+(?P<unit>hari|pekan|minggu|bulan|tahun)?\s*"
            r"(?:yang\s+)?lalu\b"),
    # bulan lalu / awal bulan ini / tahun depan / pekan lalu
    ("this_period", r"\b(?:(?:awal|akhir|pertengahan)\s+)?(?P<unit>bulan|tahun|pekan|minggu)\s+"
                    r"(?P<which>ini|lalu|kemarin|depan|mendatang)\b"),
    # pada hari Jumat / Senin lalu / hari Kamis depan (not when a date follows)
    ("weekday", rf"\b(?P<prefix>(?:pada|sejak|hingga|sampai)\s+)?(?P<hari>hari\s+)?"
                rf"(?P<weekday>{_WEEKDAY})\b(?!,?\s*\(?\d)"
                r"(?:\s+(?P<which>lalu|kemarin|ini|depan|mendatang))?"),
    ("day_word", r"\b(?P<word>kemarin\s+lusa|kemarin|hari\s+ini|besok|lusa)\b"),
    # keesokan harinya / sehari kemudian / pada esok hari / malam sebelumnya
    ("next_day", r"\b(?:(?:pada\s+)?keesokan\s+hari(?:nya)?|(?:pada\s+)?esok\s+hari(?:nya)?|"
                 r"sehari\s+(?:kemudian|setelahnya|sesudahnya)|hari\s+berikutnya)\b"),
    ("day_before", r"\b(?:sehari|(?:pada\s+)?(?:malam|hari))\s+sebelumnya\b"),
]
_COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in PATTERNS]

# Words one of which each pattern needs: a pattern whose words are absent from a text is not
# run on it (most sentences have no date, and ten regular expressions per sentence add up).
_MONTH_WORDS = frozenset(MONTHS)
_TRIGGERS = {
    "full": _MONTH_WORDS, "day_month": _MONTH_WORDS, "month_year": _MONTH_WORDS,
    "day_range": _MONTH_WORDS, "season": frozenset({"musim"}),
    "month": _MONTH_WORDS, "weekday": frozenset(WEEKDAYS) | {"jum"},
    "ago": frozenset({"lalu"}),
    "this_period": frozenset({"ini", "lalu", "kemarin", "depan", "mendatang"}),
    "day_word": frozenset({"kemarin", "ini", "besok", "lusa"}),
    "next_day": frozenset({"keesokan", "esok", "sehari", "berikutnya"}),
    "day_before": frozenset({"sebelumnya"}),
}
_NEED_DIGITS = frozenset({"numeric", "slash", "iso", "day_range", "season", "year", "full",
                          "day_month", "month_year"})
_LOWER_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def _patterns_for(text: str, names=None) -> list[tuple[int, str, re.Pattern]]:
    """The patterns that can match in ``text``, with their order of preference."""
    words = set(_LOWER_WORDS.findall(text.lower()))
    has_digit = _DIGIT.search(text) is not None
    wanted = []
    for order, (name, regex) in enumerate(_COMPILED):
        if names is not None and name not in names:
            continue
        if name in _NEED_DIGITS and not has_digit:
            continue
        if name in ("numeric", "slash") and "/" not in text:  # (30/11) needs a slash; most texts have none
            continue
        if name in ("iso", "day_range") and "-" not in text and "–" not in text:
            continue
        if name in _TRIGGERS and not words & _TRIGGERS[name]:
            continue
        wanted.append((order, name, regex))
    return wanted


class Reading(NamedTuple):
    """How a text's year-less expressions are read against its anchor (module docstring)."""
    firm: bool = True      # the anchor is the article's published date, not a date it states
    forward: bool = False  # the text announces: bare months, days and weekdays lie ahead


def find_dates(text: str, anchor=None, names=None, firm_anchor: bool = True,
               forward: bool = False, previous_day=None) -> list[dict]:
    """Every date expression in ``text``, resolved against ``anchor`` (a date, a datetime or an
    ISO string; None when unknown). Each result: ``{"start", "end", "text", "date", "precision",
    "flags"}`` where ``date`` is ISO at the given precision (YYYY-MM-DD, YYYY-MM or YYYY).
    ``names`` limits the search to some of the PATTERNS; ``firm_anchor`` and ``forward``: see the
    module's docstring; ``previous_day``: the last day named before ``text`` (``keesokan
    harinya`` in a text that names none before it is the day after it)."""
    anchor = as_date(anchor)
    last_day = as_date(previous_day)
    reading = Reading(firm_anchor, forward)
    candidates = []
    for order, name, regex in _patterns_for(text, names):
        for match in regex.finditer(text):
            start, end = _trim(text, match.start(), match.end())
            if end > start:
                candidates.append((start, -(end - start), order, name, match))
    results, taken_until = [], -1
    for start, negative_length, _order, name, match in sorted(candidates, key=lambda c: c[:3]):
        if start < taken_until:
            continue
        if name in _DAY_SHIFTS:
            resolved = _shifted_day(last_day, _DAY_SHIFTS[name])
        else:
            resolved = _RESOLVERS[name](match.groupdict(), anchor, reading)
        if resolved is None:
            continue
        end = start - negative_length
        date, precision, flags = resolved
        if date and precision == "day":
            last_day = datetime.date.fromisoformat(date)
        results.append({"start": start, "end": end, "text": text[start:end], "date": date,
                        "precision": precision if date else None, "flags": flags})
        taken_until = end
    return results


def resolve_date(expression: str, anchor=None, firm_anchor: bool = True,
                 forward: bool = False) -> dict | None:
    """The first date expression in ``expression`` (see ``find_dates``), or None."""
    found = find_dates(expression, anchor, firm_anchor=firm_anchor, forward=forward)
    return found[0] if found else None


def parse_timestamp(text: str) -> str | None:
    """``19 Juli 2024, 14:11 WIB`` -> ``2024-07-19T14:11:00+07:00``; a date alone -> ``2024-07-19``.
    The first full date (day, month and year written out) in ``text`` counts."""
    for name in ("full", "numeric"):
        regex = dict(_COMPILED)[name]
        for match in regex.finditer(text):
            parts = match.groupdict()
            if not parts.get("year"):
                continue
            day = _make_date(int(parts["year"]), _month_number(parts["month"]), int(parts["day"]))
            if day is None:
                continue
            if parts.get("hour") is None:
                return day.isoformat()
            hour, minute = int(parts["hour"]), int(parts["minute"])
            if hour > 23 or minute > 59:
                return day.isoformat()
            offset = TIMEZONE_OFFSETS.get((parts.get("zone") or "").upper(), "")
            return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{offset}"
    return None


# Patterns that can give a day with its year written out.
FULL_DATES = ("full", "numeric", "slash", "iso")
_WRITTEN_WEEKDAY = re.compile(rf"(?:{_WEEKDAY})\b", re.IGNORECASE)


def latest_stated_date(text: str) -> datetime.date | None:
    """The latest day ``text`` states: the anchor for an article that has no published date.
    A day told as still to come in its sentence (``akan``, ``dijadwalkan``, ``nanti``) does not
    count unless no other does. A day counts when its year is written (``30 November 2024``,
    ``Kamis (18/7/2024)``, ``2024-02-06``), or when its written weekday settles the year: read against those full dates
    (``firm_anchor=False``), or, in a text without one that writes a single year with a month or a
    season (``November 2022``), in that year (``Rabu (29/6)`` is a Wednesday in 2022)."""
    found = [f for f in find_dates(text, None, names=FULL_DATES)
             if f["date"] and f["precision"] == "day" and set(f["flags"]) <= {"weekday_mismatch"}]
    # A day told as ahead ("rombongan dijadwalkan pulang pada 3 Maret") is not the article's time,
    # unless the text states no other.
    told = [f for f in found if not _AHEAD.search(text, _sentence_start(text, f["start"]), f["start"])]
    days = [datetime.date.fromisoformat(f["date"]) for f in told or found]
    # A bare year is as often history ("sejak 2011") as the present: a month's or a season's counts.
    written_years = set() if days else {
        int(f["date"][:4]) for f in find_dates(text, None, names=("month_year", "season")) if f["date"]}
    if days:
        days += [datetime.date.fromisoformat(f["date"])
                 for f in find_dates(text, max(days), names=("numeric", "day_month"), firm_anchor=False)
                 if f["date"] and _WRITTEN_WEEKDAY.match(f["text"])
                 and "weekday_mismatch" not in f["flags"]]
    elif len(written_years) == 1:
        year = written_years.pop()
        for name in ("numeric", "day_month"):
            for match in dict(_COMPILED)[name].finditer(text):
                parts = match.groupdict()
                if parts.get("weekday") and not parts.get("year"):
                    day = _make_date(year, _month_number(parts["month"]), int(parts["day"]))
                    if day and day.weekday() == WEEKDAYS[parts["weekday"].lower()]:
                        days.append(day)
    return max(days) if days else None


# Words that tell what follows in their sentence as still to come.
_AHEAD = re.compile(r"\b(?:akan|bakal|hendak|nanti|mendatang|dijadwalkan|direncanakan|rencananya)\b",
                    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts (after the last full stop before it)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, position - 400), position)]
    return ends[-1] if ends else max(0, position - 400)


def as_date(value) -> datetime.date | None:
    """A ``date`` from a date, a datetime or an ISO string (``2024-07-19T14:11:00+07:00``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _month_number(written: str) -> int:
    return int(written) if written.isdigit() else MONTHS[written.lower().rstrip(".")]


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _with_weekday(day: datetime.date, weekday: str | None, flags: list) -> tuple:
    if weekday and WEEKDAYS[weekday.lower()] != day.weekday():
        flags.append("weekday_mismatch")
    return day.isoformat(), "day", flags


def _resolve_day(parts: dict, anchor, reading: Reading = Reading()) -> tuple | None:
    """``30 November 2024``, ``Kamis (18/7/2024)``, ``Jumat (30/11)``, ``30 November``."""
    month, day = _month_number(parts["month"]), int(parts["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if parts.get("year"):
        year = int(parts["year"])
        year = year + 2000 if year < 100 else year
        resolved = _make_date(year, month, day)
        return None if resolved is None else _with_weekday(resolved, parts.get("weekday"), [])
    if anchor is None:
        return None, "day", ["no_anchor"]
    candidates = [_make_date(anchor.year + shift, month, day) for shift in (-2, -1, 0, 1)]
    candidates = [c for c in candidates if c is not None]
    if not candidates:
        return None
    if reading.forward:  # an announcement: the first such day from a few days before the anchor on
        chosen = min((c for c in candidates if (c - anchor).days >= -MAX_DAYS_BEHIND), default=None)
        if chosen is None:
            return None
        return _with_weekday(chosen, parts.get("weekday"), ["year_inferred"])
    # News tells past events but also announces the coming weeks: the latest candidate that is
    # at most LOOKAHEAD_DAYS after the anchor.
    chosen = max(c for c in candidates if (c - anchor).days <= LOOKAHEAD_DAYS)
    weekday = parts.get("weekday")
    if (weekday and not reading.firm and abs((chosen - anchor).days) > WEEKDAY_EVIDENCE_DAYS
            and chosen.weekday() != WEEKDAYS[weekday.lower()]):
        fitting = [c for c in candidates if abs((c - anchor).days) <= 366
                   and c.weekday() == WEEKDAYS[weekday.lower()]]
        if len(fitting) == 1:
            chosen = fitting[0]
    return _with_weekday(chosen, weekday, ["year_inferred"])


def _resolve_range(parts: dict, anchor, reading: Reading = Reading()) -> tuple | None:
    """``25-28 Maret 2018``, ``7-10 Januari``: the month of the last day (a span, not a day)."""
    if not 1 <= int(parts["first"]) < int(parts["day"]):
        return None
    resolved = _resolve_day(parts, anchor, reading)
    if resolved is None:
        return None
    date, _precision, flags = resolved
    return (date[:7] if date else None), "month", [*flags, "range"]


def _resolve_season(parts: dict, anchor, reading: Reading = Reading()) -> tuple:
    """``musim panas 2024``: its year (a season's months differ by hemisphere and by source)."""
    return parts["year"], "year", []


def _resolve_numeric(parts: dict, anchor, reading: Reading = Reading()) -> tuple | None:
    # A bare "(1/2)" is as likely a fraction as a date: require a weekday or a year.
    if not parts.get("weekday") and not parts.get("year"):
        return None
    return _resolve_day(parts, anchor, reading)


def _resolve_month_year(parts: dict, anchor, reading: Reading = Reading()) -> tuple:
    return f"{int(parts['year']):04d}-{_month_number(parts['month']):02d}", "month", []


def _resolve_month(parts: dict, anchor, reading: Reading = Reading()) -> tuple | None:
    """``bulan Juni``, ``pada Mei``, ``Juni tahun ini``, ``Juni lalu``, ``bulan Juli depan``."""
    which = re.sub(r"\s+", " ", (parts.get("which") or "").lower())
    written = parts["month"]
    # A month name alone could be part of a name ("Juni" is also a given name): ask for "bulan",
    # a preposition or a following "lalu"/"tahun ini".
    if not (parts.get("bulan") or parts.get("prefix") or which):
        return None
    if anchor is None:
        return None, "month", ["no_anchor"]
    month = _month_number(written)
    if which == "tahun ini":
        return f"{anchor.year:04d}-{month:02d}", "month", ["relative"]
    if which == "tahun lalu":
        return f"{anchor.year - 1:04d}-{month:02d}", "month", ["relative"]
    if which == "tahun depan":
        return f"{anchor.year + 1:04d}-{month:02d}", "month", ["relative"]
    if which in ("depan", "mendatang"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif not which and reading.forward:  # "akan bertemu pada September": the coming one
        year = anchor.year if month >= anchor.month else anchor.year + 1
    elif which == "lalu":  # "Juni lalu" written in June is last year's June
        year = anchor.year if month < anchor.month else anchor.year - 1
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return f"{year:04d}-{month:02d}", "month", ["year_inferred"]


def _resolve_year(parts: dict, anchor, reading: Reading = Reading()) -> tuple | None:
    """``tahun 2022``, ``pada 2022``; a bare number could be anything, so it is not a year."""
    if not (parts.get("prefix") or parts.get("tahun")):
        return None
    return parts["year"], "year", []


def _resolve_ago(parts: dict, anchor, reading: Reading = Reading()) -> tuple | None:
    """``dua hari lalu``, ``tiga bulan yang lalu``; ``beberapa pekan lalu`` is too vague to date."""
    count_word = parts["count"].lower()
    unit = (parts.get("unit") or "").lower()
    if count_word in ("sebulan", "setahun", "sepekan", "seminggu"):
        count, unit = 1, {"sebulan": "bulan", "setahun": "tahun"}.get(count_word, "pekan")
    elif count_word == "beberapa":
        return (None, None, ["vague"]) if unit else None
    else:
        count = int(count_word) if count_word.isdigit() else NUMBER_WORDS[count_word]
    if not unit:
        return None
    if anchor is None:
        return None, None, ["no_anchor"]
    if unit == "hari":
        return (anchor - datetime.timedelta(days=count)).isoformat(), "day", ["relative"]
    if unit in ("pekan", "minggu"):
        return _week(anchor, -count)
    if unit == "bulan":
        return _shift_month(anchor, -count), "month", ["relative"]
    return f"{anchor.year - count:04d}", "year", ["relative"]


def _resolve_this_period(parts: dict, anchor, reading: Reading = Reading()) -> tuple:
    """``bulan lalu``, ``awal bulan ini``, ``tahun lalu``, ``pekan lalu``, ``bulan depan``."""
    unit, which = parts["unit"].lower(), parts["which"].lower()
    if anchor is None:
        return None, None, ["no_anchor"]
    shift = {"ini": 0, "lalu": -1, "kemarin": -1, "depan": 1, "mendatang": 1}[which]
    if unit == "bulan":
        return _shift_month(anchor, shift), "month", ["relative"]
    if unit == "tahun":
        return f"{anchor.year + shift:04d}", "year", ["relative"]
    return _week(anchor, shift)


def _resolve_weekday(parts: dict, anchor, reading: Reading = Reading()) -> tuple | None:
    """``pada hari Jumat``, ``Senin lalu``, ``hari Rabu``; ``Kamis`` alone is not enough."""
    which = (parts.get("which") or "").lower()
    weekday = parts["weekday"]
    if not (parts.get("prefix") or parts.get("hari") or which):
        return None
    # "minggu ini/lalu/depan" without "hari" is a week, handled by _resolve_this_period.
    if weekday.lower() == "minggu" and not parts.get("hari") and which:
        return None
    if anchor is None:
        return None, "day", ["no_anchor"]
    target = WEEKDAYS[weekday.lower()]
    if not which and reading.forward:  # "akan bertemu pada hari Jumat": the coming Friday
        ahead = (target - anchor.weekday()) % 7
        return (anchor + datetime.timedelta(days=ahead)).isoformat(), "day", ["relative"]
    if which in ("depan", "mendatang"):
        ahead = (target - anchor.weekday()) % 7 or 7
        return (anchor + datetime.timedelta(days=ahead)).isoformat(), "day", ["relative"]
    back = (anchor.weekday() - target) % 7
    if which in ("lalu", "kemarin"):  # "Senin lalu" written on a Monday is a week ago
        back = back or 7
    return (anchor - datetime.timedelta(days=back)).isoformat(), "day", ["relative"]


def _resolve_day_word(parts: dict, anchor, reading: Reading = Reading()) -> tuple:
    word = re.sub(r"\s+", " ", parts["word"].lower())
    if anchor is None:
        return None, "day", ["no_anchor"]
    shift = {"kemarin lusa": -2, "kemarin": -1, "hari ini": 0, "besok": 1, "lusa": 2}[word]
    return (anchor + datetime.timedelta(days=shift)).isoformat(), "day", ["relative"]


# "keesokan harinya" is the day after the last day the text named, "malam sebelumnya" the day before.
_DAY_SHIFTS = {"next_day": 1, "day_before": -1}


def _shifted_day(last_day: datetime.date | None, shift: int) -> tuple:
    if last_day is None:
        return None, "day", ["no_anchor"]
    return (last_day + datetime.timedelta(days=shift)).isoformat(), "day", ["from_previous_date"]


def _shift_month(anchor: datetime.date, shift: int) -> str:
    index = anchor.year * 12 + anchor.month - 1 + shift
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _week(anchor: datetime.date, shift: int) -> tuple:
    """A calendar week (Monday-Sunday) ``shift`` weeks from the anchor's: its month when the
    whole week lies in one month, else its year (or nothing across New Year)."""
    monday = anchor - datetime.timedelta(days=anchor.weekday()) + datetime.timedelta(weeks=shift)
    sunday = monday + datetime.timedelta(days=6)
    flags = ["relative", "approximate"]
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return f"{monday.year:04d}-{monday.month:02d}", "month", flags
    if monday.year == sunday.year:
        return f"{monday.year:04d}", "year", flags
    return None, None, flags


_RESOLVERS = {
    "full": _resolve_day,
    "numeric": _resolve_numeric,
    "slash": _resolve_day,
    "iso": _resolve_day,
    "day_range": _resolve_range,
    "season": _resolve_season,
    "day_month": _resolve_day,
    "month_year": _resolve_month_year,
    "month": _resolve_month,
    "year": _resolve_year,
    "ago": _resolve_ago,
    "this_period": _resolve_this_period,
    "weekday": _resolve_weekday,
    "day_word": _resolve_day_word,
}
