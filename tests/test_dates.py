import datetime

import pytest

from loader.extract.dates import find_dates, latest_stated_date, parse_timestamp, resolve_date

MON_2_DEC_2024 = datetime.date(2024, 12, 2)
FRI_20_DEC_2024 = datetime.date(2024, 12, 20)
MON_6_JAN_2025 = datetime.date(2025, 1, 6)
SAT_15_JUN_2024 = datetime.date(2024, 6, 15)

# (expression, anchor, date, precision, flags)
CASES = [
    # full dates: the anchor does not matter
    ("30 November 2024", MON_2_DEC_2024, "2024-11-30", "day", []),
    ("19 Juli 2024, 14:11 WIB", None, "2024-07-19", "day", []),
    ("tanggal 5 Desember 2024", None, "2024-12-05", "day", []),
    ("Jumat, 29 November 2024", None, "2024-11-29", "day", []),
    ("Kamis, 29 November 2024", None, "2024-11-29", "day", ["weekday_mismatch"]),
    ("Kamis (18/7/2024)", None, "2024-07-18", "day", []),
    ("Senin (18/7/2024)", None, "2024-07-18", "day", ["weekday_mismatch"]),
    ("Minggu (1/12/2024)", None, "2024-12-01", "day", []),
    ("Kamis (18/7/24)", None, "2024-07-18", "day", []),
    ("2024-01-19", None, "2024-01-19", "day", []),
    ("31/05/2018", None, "2018-05-31", "day", []),
    # a range is its month, a season its year
    ("25-28 Maret 2018", None, "2018-03", "month", ["range"]),
    ("7-10 Januari", MON_6_JAN_2025, "2025-01", "month", ["year_inferred", "range"]),
    ("musim panas 2024", None, "2024", "year", []),
    # missing years come from the anchor, nearest sensible year
    ("Jumat (30/11)", MON_2_DEC_2024, "2024-11-30", "day", ["year_inferred", "weekday_mismatch"]),
    ("Sabtu (30/11)", MON_2_DEC_2024, "2024-11-30", "day", ["year_inferred"]),
    ("Minggu (1/12)", MON_2_DEC_2024, "2024-12-01", "day", ["year_inferred"]),
    ("Senin (30/12)", MON_6_JAN_2025, "2024-12-30", "day", ["year_inferred"]),
    ("Kamis (2/1)", FRI_20_DEC_2024, "2025-01-02", "day", ["year_inferred"]),
    ("3 Mei", MON_2_DEC_2024, "2024-05-03", "day", ["year_inferred"]),
    ("28 Desember", MON_6_JAN_2025, "2024-12-28", "day", ["year_inferred"]),
    ("20 Juli", SAT_15_JUN_2024, "2024-07-20", "day", ["year_inferred"]),
    ("Kamis (29/2)", datetime.date(2025, 3, 1), "2024-02-29", "day", ["year_inferred"]),
    ("Jumat (30/11)", None, None, None, ["no_anchor"]),
    ("3 Mei", None, None, None, ["no_anchor"]),
    # months and years as written
    ("Februari 2022", None, "2022-02", "month", []),
    ("bulan Maret 2023", None, "2023-03", "month", []),
    ("Mei tahun 2023", None, "2023-05", "month", []),
    ("tahun 2022", None, "2022", "year", []),
    ("pada 2022", None, "2022", "year", []),
    ("sejak tahun 2014", None, "2014", "year", []),
    # months without a year: the most recent one not after the anchor's month
    ("bulan Juni", MON_2_DEC_2024, "2024-06", "month", ["year_inferred"]),
    ("pada bulan Mei", MON_2_DEC_2024, "2024-05", "month", ["year_inferred"]),
    ("bulan Desember", MON_6_JAN_2025, "2024-12", "month", ["year_inferred"]),
    ("bulan Januari", MON_6_JAN_2025, "2025-01", "month", ["year_inferred"]),
    ("Juni lalu", SAT_15_JUN_2024, "2023-06", "month", ["year_inferred"]),
    ("Maret mendatang", MON_2_DEC_2024, "2025-03", "month", ["year_inferred"]),
    ("bulan Juni", None, None, None, ["no_anchor"]),
    ("Juni tahun ini", MON_2_DEC_2024, "2024-06", "month", ["relative"]),
    ("Maret tahun lalu", MON_2_DEC_2024, "2023-03", "month", ["relative"]),
    # relative to the anchor
    ("bulan lalu", MON_2_DEC_2024, "2024-11", "month", ["relative"]),
    ("bulan lalu", MON_6_JAN_2025, "2024-12", "month", ["relative"]),
    ("awal bulan ini", MON_2_DEC_2024, "2024-12", "month", ["relative"]),
    ("bulan depan", FRI_20_DEC_2024, "2025-01", "month", ["relative"]),
    ("tahun lalu", MON_2_DEC_2024, "2023", "year", ["relative"]),
    ("tahun depan", MON_2_DEC_2024, "2025", "year", ["relative"]),
    ("tahun lalu", None, None, None, ["no_anchor"]),
    ("kemarin", MON_2_DEC_2024, "2024-12-01", "day", ["relative"]),
    ("kemarin", datetime.date(2025, 1, 1), "2024-12-31", "day", ["relative"]),
    ("hari ini", MON_2_DEC_2024, "2024-12-02", "day", ["relative"]),
    ("kemarin", None, None, None, ["no_anchor"]),
    ("dua hari lalu", MON_2_DEC_2024, "2024-11-30", "day", ["relative"]),
    ("tiga bulan yang lalu", MON_2_DEC_2024, "2024-09", "month", ["relative"]),
    ("beberapa pekan lalu", MON_2_DEC_2024, None, None, ["vague"]),
    # weekdays: the most recent such day on or before the anchor
    ("pada hari Jumat", MON_2_DEC_2024, "2024-11-29", "day", ["relative"]),
    ("pada hari Jumat", FRI_20_DEC_2024, "2024-12-20", "day", ["relative"]),
    ("Senin lalu", MON_2_DEC_2024, "2024-11-25", "day", ["relative"]),
    ("hari Kamis depan", MON_2_DEC_2024, "2024-12-05", "day", ["relative"]),
    ("pada hari Jumat", None, None, None, ["no_anchor"]),
    # weeks: the month holding the whole calendar week, else the year, else nothing
    ("pekan lalu", FRI_20_DEC_2024, "2024-12", "month", ["relative", "approximate"]),
    ("minggu lalu", MON_2_DEC_2024, "2024", "year", ["relative", "approximate"]),
    ("pekan lalu", MON_6_JAN_2025, None, None, ["relative", "approximate"]),
    ("pekan depan", MON_2_DEC_2024, "2024-12", "month", ["relative", "approximate"]),
]


@pytest.mark.parametrize("expression, anchor, date, precision, flags", CASES)
def test_resolve_date(expression, anchor, date, precision, flags):
    found = resolve_date(expression, anchor)
    assert found is not None
    assert found["text"] == expression
    assert (found["date"], found["precision"], found["flags"]) == (date, precision, flags)


@pytest.mark.parametrize("text", [
    "lebih dari 12.000 tentara dikirim",       # a number is not a year
    "dua pertiga (1/2) anggota",               # a fraction in brackets is not a date
    "Menteri Kamis Hadi berbicara",            # a weekday word alone is not a date
    "penyanyi Juni Astuti hadir",              # a month name alone is not a date
    "Rabu (31/2)",                             # no such day
])
def test_things_that_are_not_dates(text):
    assert find_dates(text, MON_2_DEC_2024) == []


def test_find_dates_gives_offsets_into_the_text():
    text = "Keduanya bertemu pada Jumat (30/11) di Pyongyang, setelah pertemuan bulan Juni."
    found = find_dates(text, "2024-12-02T10:00:00+07:00")
    assert [text[d["start"]:d["end"]] for d in found] == ["Jumat (30/11)", "bulan Juni"]
    assert [d["date"] for d in found] == ["2024-11-30", "2024-06"]


@pytest.mark.parametrize("text, timestamp", [
    ("19 Juli 2024, 14:11 WIB", "2024-07-19T14:11:00+07:00"),
    ("Kompas dunia | 3 Agustus 2024, 09.05 WITA", "2024-08-03T09:05:00+08:00"),
    ("Senin, 2 Desember 2024 20:30 WIT", "2024-12-02T20:30:00+09:00"),
    ("2 Desember 2024, 20:30", "2024-12-02T20:30:00"),
    ("Diterbitkan 19 Juli 2024", "2024-07-19"),
    ("Kamis (18/7/2024)", "2024-07-18"),
    ("Kamis (18/7)", None),
    ("tanpa tanggal", None),
])
def test_parse_timestamp(text, timestamp):
    assert parse_timestamp(text) == timestamp


def test_latest_stated_date_ignores_relative_and_yearless_dates():
    body = ("Delegasi tiba Senin (8/7/2024). Pertemuan digelar 10 Juli 2024. "
            "Pekan lalu pejabat itu juga datang pada Jumat (30/11).")
    assert latest_stated_date(body) == datetime.date(2024, 7, 10)


TUE_19_JUN_2024 = datetime.date(2024, 6, 19)
FRI_19_JAN_2024 = datetime.date(2024, 1, 19)
THU_14_MAR_2024 = datetime.date(2024, 3, 14)

# (expression, anchor, how it is read, date, flags)
READINGS = [
    # against the published date the rule stands, whatever the weekday says
    ("Selasa (19/11)", TUE_19_JUN_2024, {}, "2023-11-19", ["year_inferred", "weekday_mismatch"]),
    # against a date the text merely states, a weekday that fits one nearby year decides
    ("Selasa (19/11)", TUE_19_JUN_2024, {"firm_anchor": False}, "2024-11-19", ["year_inferred"]),
    # ... but not near that date: there an outlet's wrong weekday is flagged, as always
    ("Rabu (18/1)", FRI_19_JAN_2024, {"firm_anchor": False}, "2024-01-18", ["year_inferred", "weekday_mismatch"]),
    # an announcement reads bare months, days and weekdays forward
    ("pada September", THU_14_MAR_2024, {"forward": True}, "2024-09", ["year_inferred"]),
    ("bulan Februari", THU_14_MAR_2024, {"forward": True}, "2025-02", ["year_inferred"]),
    ("12 Maret", THU_14_MAR_2024, {"forward": True}, "2024-03-12", ["year_inferred"]),
    ("2 Maret", THU_14_MAR_2024, {"forward": True}, "2025-03-02", ["year_inferred"]),
    ("pada hari Jumat", THU_14_MAR_2024, {"forward": True}, "2024-03-15", ["relative"]),
]


@pytest.mark.parametrize("expression, anchor, how, date, flags", READINGS)
def test_how_an_anchor_is_read(expression, anchor, how, date, flags):
    found = resolve_date(expression, anchor, **how)
    assert (found["date"], found["flags"]) == (date, flags)


@pytest.mark.parametrize("body, latest", [
    # a weekday fixes the year of a later day than the only full date (a photo's)
    ("Foto arsip, 19 Juni 2024. Rapat digelar pada Selasa (19/11).", datetime.date(2024, 11, 19)),
    # a weekday that does not fit is no evidence
    ("Foto arsip, 19 Juni 2024. Rapat digelar pada Rabu (19/11).", datetime.date(2024, 6, 19)),
    # no full date: the one year written with a month, where the weekday fits
    ("KTT digelar November 2022. Delegasi tiba Rabu (29/6) dan pulang Kamis (30/6).", datetime.date(2022, 6, 30)),
    # a bare year is as often history: no evidence
    ("Ia berkuasa sejak 2011. Delegasi tiba Minggu (29/6).", None),
])
def test_latest_stated_date_takes_days_their_weekday_settles(body, latest):
    assert latest_stated_date(body) == latest


# (text, anchor, day the text named before it, expressions found with their dates and flags)
COUNTED_DAYS = [
    # the day after the last day the text named, not after the article's day
    ("Delegasi berangkat Senin (4/3) dan tiba di Hanoi keesokan harinya.", THU_14_MAR_2024, None,
     [("Senin (4/3)", "2024-03-04", ["year_inferred"]), ("keesokan harinya", "2024-03-05", ["from_previous_date"])]),
    ("Upacara digelar malam sebelumnya, Sabtu (9/3/2024).", None, None,
     [("malam sebelumnya", None, ["no_anchor"]), ("Sabtu (9/3/2024)", "2024-03-09", [])]),
    ("Rombongan tiba Jumat (8/3/2024). Sehari kemudian mereka bertemu.", None, None,
     [("Jumat (8/3/2024)", "2024-03-08", []), ("Sehari kemudian", "2024-03-09", ["from_previous_date"])]),
    # named in the sentence before
    ("Pada esok hari, ia bertemu menteri itu.", THU_14_MAR_2024, "2024-03-10",
     [("Pada esok hari", "2024-03-11", ["from_previous_date"])]),
    # with no day named before it, never the anchor's next day
    ("Keesokan harinya ia pulang.", THU_14_MAR_2024, None, [("Keesokan harinya", None, ["no_anchor"])]),
    # a bracket the page cut off at the end of the text: read as if closed, the year cut too
    ("Keduanya bertemu di Hanoi, Selasa (12/3/", THU_14_MAR_2024, None,
     [("Selasa (12/3/", "2024-03-12", ["year_inferred"])]),
    ("Keduanya bertemu di Hanoi, Selasa (12/3/20", THU_14_MAR_2024, None,
     [("Selasa (12/3/20", "2024-03-12", ["year_inferred"])]),
    # ... but not in the middle of a text
    ("Rabu (13/3 pukul 10.00) rapat dimulai.", THU_14_MAR_2024, None, []),
]


@pytest.mark.parametrize("text, anchor, previous_day, expected", COUNTED_DAYS)
def test_days_counted_from_the_day_named_before(text, anchor, previous_day, expected):
    found = find_dates(text, anchor, previous_day=previous_day)
    assert [(d["text"], d["date"], d["flags"]) for d in found] == expected


def test_a_day_told_as_ahead_is_not_the_articles_time():
    body = ("Menteri itu tiba di Hanoi pada Senin, 10 Maret 2025. Rombongannya dijadwalkan pulang "
            "ke Minsk pada 14 Maret 2025.")
    assert latest_stated_date(body) == datetime.date(2025, 3, 10)
    # ... unless the text states no other day
    assert latest_stated_date("Rombongan itu dijadwalkan pulang pada 14 Maret 2025.") == datetime.date(2025, 3, 14)
