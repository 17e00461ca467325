import datetime
import json
import re
from pathlib import Path

import pytest
import sqlite_utils

from loader.build import build
from loader.extract.meetings import find_meeting_reports
from loader.extract.quotes import find_quotes
from loader.merge import merge_meetings
from loader.text import split_sentences

# Who is who in these made-up articles: surface -> person id (longest surfaces first).
PEOPLE = [
    ("Menteri Luar Negeri Belarus Viktor Sarkisyan", "viktor-sarkisyan"),
    ("Duta Besar Mongolia Oyun Bold", "oyun-bold"),
    ("Perdana Menteri Vietnam Tran Van Minh", "tran-van-minh"),
    ("Presiden Mongolia Batbayar Ganzorig", "batbayar-ganzorig"),
    ("Jenderal Sokha Meas", "sokha-meas"),
    ("Somchai Vongsa", "somchai-vongsa"),
    ("Tran Van Minh", "tran-van-minh"),
    ("Lee Soo-jin", "lee-soo-jin"),
    ("Oyun Bold", "oyun-bold"),
    ("Sarkisyan", "viktor-sarkisyan"),
    ("Batbayar", "batbayar-ganzorig"),
    ("Tran", "tran-van-minh"),
]
# surface -> (place id, country, kind, city id of a site)
PLACES = {"Hanoi": ("hanoi", "VN", "city", None), "Vietnam": ("vietnam", "VN", "country", None),
          "Vientiane": ("vientiane", "LA", "city", None), "Ulaanbaatar": ("ulaanbaatar", "MN", "city", None),
          "Istana Kepresidenan Hanoi": ("hanoi-presidential-palace", "VN", "site", "hanoi"),
          "Bandara Noi Bai": ("noi-bai-airport", "VN", "site", "hanoi"),
          "Haiphong": ("haiphong", "VN", "city", None)}
CITY_NAMES = {"hanoi": "Hanoi"}
NAMES = {"viktor-sarkisyan": "Viktor Sarkisyan", "tran-van-minh": "Tran Van Minh",
         "batbayar-ganzorig": "Batbayar Ganzorig"}


def _spans(body, surfaces):
    """(surface, value, start, end) for every occurrence, longest surface first, no overlaps."""
    taken, found = set(), []
    for surface, value in surfaces:
        for match in re.finditer(re.escape(surface), body):
            if not taken & set(range(match.start(), match.end())):
                taken |= set(range(match.start(), match.end()))
                found.append((surface, value, match.start(), match.end()))
    return sorted(found, key=lambda item: item[2])


def extract(body, anchor=None, people=None):
    sentences = split_sentences(body)
    mentions = [{"person_id": pid, "surface": surface, "role": None, "start": start, "end": end,
                 "sentence": ""} for surface, pid, start, end in _spans(body, PEOPLE)]
    places = [{"place_id": pid, "name": surface, "country": country, "kind": kind, "surface": surface,
               "city_id": city, "city": CITY_NAMES.get(city), "start": start, "end": end, "sentence": ""}
              for surface, (pid, country, kind, city), start, end
              in _spans(body, sorted(PLACES.items(), key=lambda item: -len(item[0])))]
    quotes = find_quotes(body, sentences, mentions, [], places)
    return find_meeting_reports(body, sentences, mentions, places, [], anchor, people, quotes)


def people_and_roles(report):
    return {(p["person_id"], p["role"]) for p in report["participants"]}


def test_a_visit_has_a_guest_a_host_a_place_and_a_date():
    body = ("Menteri Luar Negeri Belarus Viktor Sarkisyan tiba di Hanoi pada Selasa (12/3) untuk "
            "bertemu dengan Perdana Menteri Vietnam Tran Van Minh.")
    [report] = extract(body, datetime.date(2024, 3, 14))
    assert people_and_roles(report) == {("viktor-sarkisyan", "guest"), ("tran-van-minh", "host")}
    assert (report["kind"], report["cameo"], report["status"]) == ("visit", "042", "happened")
    assert report["place_id"] == "hanoi"
    assert (report["date"], report["date_text"], report["date_flags"]) == (
        "2024-03-12", "Selasa (12/3)", ["year_inferred"])
    assert body[report["start"]:report["end"]] == report["sentence"]


def test_a_reception_makes_the_receiver_host():
    body = ("Jakarta - Presiden Mongolia Batbayar Ganzorig menerima Menteri Luar Negeri Belarus "
            "Viktor Sarkisyan di Ulaanbaatar, Rabu (13/3/2024).")
    [report] = extract(body)
    assert people_and_roles(report) == {("batbayar-ganzorig", "host"), ("viktor-sarkisyan", "guest")}
    assert (report["kind"], report["cameo"], report["place_id"]) == ("reception", "043", "ulaanbaatar")
    assert report["date"] == "2024-03-13"


def test_a_delegation_counts_through_its_leader():
    body = ("Tahun lalu, Somchai Vongsa menjadi tuan rumah bagi delegasi militer Kamboja yang "
            "dipimpin oleh Jenderal Sokha Meas di Vientiane.")
    [report] = extract(body, datetime.date(2024, 6, 10))
    assert people_and_roles(report) == {("somchai-vongsa", "host"), ("sokha-meas", "delegation")}
    assert (report["place_id"], report["date"], report["date_precision"]) == ("vientiane", "2023", "year")


def test_an_announced_meeting_is_planned():
    body = ("Sarkisyan dijadwalkan bertemu dengan Tran Van Minh di Hanoi. "
            "Sarkisyan juga akan mengunjungi Vietnam bulan depan.")
    reports = extract(body, datetime.date(2024, 3, 14))
    assert [(r["kind"], r["status"]) for r in reports] == [("talks", "planned"), ("visit", "planned")]
    assert reports[1]["date"] == "2024-04"


def test_speculation_negation_and_questions_give_no_meeting():
    body = ("Belum jelas apakah Sarkisyan akan bertemu dengan Tran Van Minh.\n"
            "Sarkisyan diperkirakan akan bertemu Tran di Hanoi.\n"
            "Sarkisyan dikabarkan akan mengunjungi Hanoi pekan depan.\n"
            "Apakah Sarkisyan akan bertemu Tran?\n"
            "Sarkisyan tidak bertemu dengan Tran Van Minh selama kunjungan itu.\n"
            "Sarkisyan batal mengunjungi Hanoi.\n"
            "Kunjungan Sarkisyan menjadi sorotan media.")
    assert extract(body, datetime.date(2024, 3, 14)) == []


def test_a_signing_needs_two_signatories():
    body = ("Perdana Menteri Vietnam Tran Van Minh dan Presiden Mongolia Batbayar Ganzorig "
            "menandatangani perjanjian pertahanan di Hanoi, Kamis (14/3/2024). "
            "Perjanjian itu ditandatangani di Hanoi tanpa kehadiran Sarkisyan.")
    [report] = extract(body)
    assert {p["person_id"] for p in report["participants"]} == {"tran-van-minh", "batbayar-ganzorig"}
    assert (report["kind"], report["cameo"], report["date"]) == ("signing", "057", "2024-03-14")


def test_only_people_in_the_meeting_clause_take_part():
    body = ("Analis Lee Soo-jin mengatakan bahwa Sarkisyan bertemu Tran di Hanoi pada hari Selasa, "
            "sementara Batbayar berada di Ulaanbaatar.")
    [report] = extract(body, datetime.date(2024, 3, 14))
    assert {p["person_id"] for p in report["participants"]} == {"viktor-sarkisyan", "tran-van-minh"}
    assert (report["place_id"], report["date"]) == ("hanoi", "2024-03-12")


def test_a_past_meeting_told_as_context_keeps_its_own_date():
    body = ("Tran Van Minh memuji Batbayar setelah keduanya bertemu pada bulan Januari di Hanoi.")
    [report] = extract(body, datetime.date(2024, 3, 14))
    assert {p["person_id"] for p in report["participants"]} == {"tran-van-minh", "batbayar-ganzorig"}
    assert (report["date"], report["date_text"]) == ("2024-01", "pada bulan Januari")


def test_without_an_anchor_the_article_s_latest_full_date_is_used():
    body = ("Laporan itu terbit 14 Maret 2024.\n"
            "Sarkisyan bertemu Tran di Hanoi kemarin.")
    [report] = extract(body)
    assert report["date"] == "2024-03-13"


def test_three_reports_of_one_visit_with_a_disagreeing_date_make_one_meeting():
    articles = {
        "a1": ("Sarkisyan tiba di Hanoi pada Selasa (12/3) dan bertemu Tran Van Minh.",
               datetime.date(2024, 3, 13)),
        "a2": ("Tran Van Minh menerima Sarkisyan di Hanoi, Senin (12/3).",  # wrong weekday
               datetime.date(2024, 3, 14)),
        "a3": ("Sarkisyan bertemu Tran di Hanoi, Rabu (13/3/2024).", None),  # wrong date
    }
    reports = {aid: extract(body, anchor) for aid, (body, anchor) in articles.items()}
    meetings, participants, meeting_reports = merge_meetings(reports, NAMES)
    [meeting] = meetings
    assert (meeting["date"], meeting["date_precision"], meeting["place_id"]) == ("2024-03-12", "day", "hanoi")
    assert meeting["title"] == "Viktor Sarkisyan – Tran Van Minh, Hanoi"
    assert (meeting["kind"], meeting["cameo"], meeting["status"]) == ("visit", "042", "happened")
    assert {(p["person_id"], p["role"]) for p in participants} == {
        ("viktor-sarkisyan", "guest"), ("tran-van-minh", "host")}
    by_article = {r["article_id"]: r for r in meeting_reports}
    assert sorted(by_article) == ["a1", "a2", "a3"]
    assert by_article["a2"]["date_flags"] == ["year_inferred", "weekday_mismatch"]
    disagreeing = [r["article_id"] for r in meeting_reports if r["date"] != meeting["date"]]
    assert disagreeing == ["a3"]


def test_an_article_without_an_anchor_is_read_against_the_meeting_day_and_flagged():
    reports = {
        "f1": extract("Sarkisyan bertemu Tran di Hanoi pada 12 Maret 2024.", None),
        "f2": extract("Sarkisyan bertemu Tran di Vietnam pada Senin (12/3).", None),  # 12/3/2024 is a Tuesday
        "f3": extract("Sarkisyan bertemu Tran di Vietnam pada hari Senin.", None),
    }
    meetings, _participants, meeting_reports = merge_meetings(reports, NAMES)
    [meeting] = meetings
    assert (meeting["date"], meeting["place_id"]) == ("2024-03-12", "hanoi")  # the most specific place
    by_article = {r["article_id"]: r for r in meeting_reports}
    assert (by_article["f2"]["date"], by_article["f2"]["date_flags"]) == (
        "2024-03-12", ["year_inferred", "weekday_mismatch", "anchor_from_other_reports"])
    assert (by_article["f3"]["date"], by_article["f3"]["date_flags"]) == (
        "2024-03-11", ["relative", "anchor_from_other_reports"])


def test_a_signing_joins_the_visit_of_exactly_the_same_people():
    reports = {
        "g1": extract("Sarkisyan tiba di Hanoi pada 12 Maret 2024 untuk bertemu dengan Tran.", None),
        "g2": extract("Sarkisyan dan Tran menandatangani perjanjian kemitraan di Hanoi.", MARCH_14),
        "g3": extract("Sarkisyan, Batbayar dan Tran menandatangani perjanjian di Hanoi.", MARCH_14),
    }
    meetings, _participants, meeting_reports = merge_meetings(reports, NAMES)
    by_article = {r["article_id"]: r["meeting_id"] for r in meeting_reports}
    assert by_article["g1"] == by_article["g2"] != by_article["g3"]
    assert len(meetings) == 2


def test_the_same_people_on_different_dates_are_two_meetings():
    reports = {
        "b1": extract("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "b2": extract("Sarkisyan bertemu Tran di Hanoi, Jumat (20/9/2024).", None),
        "b3": extract("Sarkisyan bertemu Tran di Hanoi pada bulan September.", datetime.date(2024, 10, 1)),
    }
    meetings, _participants, meeting_reports = merge_meetings(reports, NAMES)
    assert sorted(m["date"] for m in meetings) == ["2024-03-12", "2024-09-20"]
    september = next(m for m in meetings if m["date"] == "2024-09-20")
    assert {r["article_id"] for r in meeting_reports if r["meeting_id"] == september["id"]} == {"b2", "b3"}


def test_meeting_ids_do_not_depend_on_article_order():
    first = {"c1": extract("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
             "c2": extract("Batbayar bertemu Tran di Hanoi, Jumat (20/9/2024).", None)}
    second = dict(reversed(list(first.items())))
    assert sorted(m["id"] for m in merge_meetings(first)[0]) == sorted(m["id"] for m in merge_meetings(second)[0])


def test_countries_of_the_participants_give_roles_and_the_third_location_code():
    people = {"viktor-sarkisyan": {"country": "BY"}, "tran-van-minh": {"country": "VN"},
              "batbayar-ganzorig": {"country": "MN"}}
    body = "Sarkisyan bertemu Tran di Hanoi. Batbayar bertemu Tran di Vientiane."
    at_home, elsewhere = extract(body, None, people)
    assert people_and_roles(at_home) == {("viktor-sarkisyan", "guest"), ("tran-van-minh", "host")}
    assert (at_home["cameo"], elsewhere["cameo"]) == ("040", "044")
    assert people_and_roles(elsewhere) == {("batbayar-ganzorig", None), ("tran-van-minh", None)}


def test_a_report_without_date_or_place_joins_only_a_meeting_it_cannot_mistake():
    reports = {
        "d1": extract("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "d2": extract("Sarkisyan bertemu Tran di Hanoi, Jumat (20/9/2024).", None),
        # fits both meetings: left out
        "d3": extract("Pertemuan Sarkisyan dengan Tran itu dibahas luas.", None),
        # its own article dates it: joins that meeting
        "d4": extract("Sarkisyan bertemu Tran di Hanoi, Jumat (20/9/2024). "
                      "Pertemuan Sarkisyan dengan Tran berlangsung hangat.", None),
    }
    meetings, _participants, meeting_reports = merge_meetings(reports, NAMES)
    assert len(meetings) == 2
    assert "d3" not in {r["article_id"] for r in meeting_reports}
    september = next(m["id"] for m in meetings if m["date"] == "2024-09-20")
    assert sorted(r["article_id"] for r in meeting_reports if r["meeting_id"] == september) == ["d2", "d4", "d4"]


def test_one_shared_participant_is_not_enough_for_a_coarse_date():
    reports = {
        "e1": extract("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "e2": extract("Batbayar bertemu Tran di Hanoi pada Maret 2024.", None),
    }
    meetings, _participants, _reports = merge_meetings(reports, NAMES)
    assert len(meetings) == 2


def test_receiving_a_report_or_welcoming_a_decision_is_not_a_reception():
    body = ("Tran Van Minh menerima laporan dari Sarkisyan di Hanoi.\n"
            "Batbayar menyambut baik keputusan Tran.\n"
            "Tran menyambut kedatangan Sarkisyan di Hanoi.")
    [report] = extract(body, datetime.date(2024, 3, 14))
    assert people_and_roles(report) == {("tran-van-minh", "host"), ("viktor-sarkisyan", "guest")}


S, T, B, O, L = "viktor-sarkisyan", "tran-van-minh", "batbayar-ganzorig", "oyun-bold", "lee-soo-jin"
MARCH_14 = datetime.date(2024, 3, 14)  # a Thursday

# One line per rule: (rule, text, published date, [(participants, status, date, place) per report]).
RULES = [
    ("a handshake is a meeting",
     "Sarkisyan berjabat tangan dengan Tran Van Minh di Hanoi, Senin (11/3/2024).", None,
     [({S, T}, "happened", "2024-03-11", "hanoi")]),
    ("a bilateral meeting held",
     "Tran Van Minh menggelar pertemuan bilateral dengan Batbayar di Ulaanbaatar pada 5 Februari 2024.",
     None, [({T, B}, "happened", "2024-02-05", "ulaanbaatar")]),
    ("face to face", "Batbayar bertatap muka dengan Sarkisyan di Vientiane, Jumat (8/3/2024).", None,
     [({B, S}, "happened", "2024-03-08", "vientiane")]),
    ("a lunch together", "Sarkisyan dan Tran makan siang bersama di Hanoi pada 12 Maret 2024.", None,
     [({S, T}, "happened", "2024-03-12", "hanoi")]),
    ("a headline: X Temui Y", "Sarkisyan Temui Tran Van Minh di Hanoi", MARCH_14,
     [({S, T}, "happened", None, "hanoi")]),
    ("received by: the guest first",
     "Sarkisyan diterima oleh Tran Van Minh di Istana Kepresidenan Hanoi, Selasa (12/3/2024).", None,
     [({S, T}, "happened", "2024-03-12", "hanoi-presidential-palace")]),
    ("a participle clause: met Y on Tuesday, X said",
     "Bertemu dengan Tran Van Minh pada hari Selasa, Sarkisyan mengatakan kedua negara akan memperluas "
     "perdagangan.", MARCH_14, [({S, T}, "happened", "2024-03-12", None)]),
    ("a time clause has the subject of the clause before",
     "Hal itu disampaikan Sarkisyan saat mengadakan pembicaraan dengan Tran Van Minh di Hanoi, "
     "Selasa (12/3/2024).", None, [({S, T}, "happened", "2024-03-12", "hanoi")]),
    ("a clause opening the sentence has the main clause's subject",
     "Usai menggelar pertemuan tertutup, Sarkisyan dan Tran meninjau pelabuhan Haiphong.", MARCH_14,
     [({S, T}, "happened", None, None)]),
    ("a statement told before: its speaker met the one it was told to",
     "Batbayar menyatakan dukungan bagi jalur kereta baru. Pernyataan itu disampaikan langsung kepada "
     "Sarkisyan dalam pertemuan di Ulaanbaatar pada 4 Maret 2024.", None,
     [({B, S}, "happened", "2024-03-04", "ulaanbaatar")]),
    ("keduanya: the two the sentence before names",
     "Sarkisyan berterima kasih kepada Tran Van Minh atas bantuan beras. Hal itu disampaikan keduanya "
     "saat bertemu di Hanoi, Selasa (12/3/2024).", None, [({S, T}, "happened", "2024-03-12", "hanoi")]),
    ("ia: the subject of the sentence before",
     "Sarkisyan memimpin delegasi dagang Belarus. Ia bertemu dengan Tran pada Senin (11/3).", MARCH_14,
     [({S, T}, "happened", "2024-03-11", None)]),
    ("an office and itu: the one the sentence before was about",
     "Sarkisyan tiba di Hanoi pada Minggu (10/3/2024). Diplomat senior Belarus itu kemudian bertemu "
     "dengan Tran Van Minh pada Senin (11/3/2024).", None,
     [({S}, "happened", "2024-03-10", "hanoi"), ({S, T}, "happened", "2024-03-11", None)]),
    ("yang: the person before it",
     "Tran Van Minh, yang bertemu Batbayar di Ulaanbaatar pada 5 Februari 2024, memuji kerja sama itu.",
     None, [({T, B}, "happened", "2024-02-05", "ulaanbaatar")]),
    ("who else came: added to the meeting told before",
     "Sarkisyan bertemu Tran Van Minh di Hanoi, Selasa (12/3/2024). Batbayar juga hadir dalam "
     "pertemuan tersebut.", None,
     [({S, T}, "happened", "2024-03-12", "hanoi"), ({S, T, B}, "happened", None, None)]),
    ("accompanied by: added to the meeting told before",
     "Sarkisyan bertemu Tran Van Minh di Hanoi, Selasa (12/3/2024). Tran didampingi oleh Lee Soo-jin.",
     None, [({S, T}, "happened", "2024-03-12", "hanoi"), ({S, T, L}, "happened", None, None)]),
    ("the meeting took place: its date and place",
     "Sarkisyan bertemu dengan Tran Van Minh. Pertemuan berlangsung di Hanoi, Selasa (12/3/2024).", None,
     [({S, T}, "happened", None, None), ({S, T}, "happened", "2024-03-12", "hanoi")]),
    ("two predicates of one sentence: one date",
     "Sarkisyan tiba di Hanoi pada Selasa (12/3/2024) dan mengadakan pembicaraan dengan Tran.", None,
     [({S}, "happened", "2024-03-12", "hanoi"), ({S, T}, "happened", "2024-03-12", None)]),
    ("during that visit: the visit's month",
     "Sarkisyan tiba di Hanoi pada Senin (11/3/2024). Sarkisyan juga bertemu dengan Batbayar selama "
     "kunjungan itu.", None,
     [({S}, "happened", "2024-03-11", "hanoi"), ({S, B}, "happened", "2024-03", None)]),
    ("a run of places: the most specific", "Sarkisyan bertemu Tran di Kota Hanoi, Vietnam, Selasa "
     "(12/3/2024).", None, [({S, T}, "happened", "2024-03-12", "hanoi")]),
    ("a caption's place after the names", "Pertemuan Sarkisyan dengan Tran Van Minh, Hanoi, Vietnam.",
     MARCH_14, [({S, T}, "happened", None, "hanoi")]),
    ("the place before the next event", "Setelah kunjungan Sarkisyan, pejabat lain melakukan perjalanan "
     "ke Hanoi.", MARCH_14, []),
    ("agreed to hold: planned, and the month ahead",
     "Kedua negara setuju untuk menggelar pertemuan antara Sarkisyan dan Tran pada September.", MARCH_14,
     [({S, T}, "planned", "2024-09", None)]),
    ("on the agenda: planned", "Sarkisyan diagendakan bertemu dengan Tran Van Minh di Hanoi.", MARCH_14,
     [({S, T}, "planned", None, "hanoi")]),
    ("a meeting to be held: planned",
     "Sarkisyan menjadwalkan pertemuan dengan Tran yang akan digelar di Hanoi.", MARCH_14,
     [({S, T}, "planned", None, "hanoi")]),
    ("the next meeting: planned", "Sarkisyan membahas pertemuan berikutnya dengan Tran Van Minh.",
     MARCH_14, [({S, T}, "planned", None, None)]),
    ("in the run-up to: planned",
     "Sarkisyan menelepon Batbayar menjelang pertemuan Batbayar dengan Tran Van Minh.", MARCH_14,
     [({B, T}, "planned", None, None)]),
    ("a possibility is not a meeting", "Batbayar membuka peluang pertemuan dengan Sarkisyan.", MARCH_14, []),
    ("a video call is not a meeting", "Sarkisyan dan Tran bertemu secara virtual pada Selasa (12/3/2024).",
     None, []),
    ("a headline of another story is not a report",
     "Baca juga: Sarkisyan Temui Tran Van Minh di Hanoi\nSarkisyan kembali ke Minsk.", MARCH_14, []),
    ("a weekday settles the year when the only date stated is of another event",
     "Foto arsip dari 19 Juni 2024.\nSarkisyan bertemu Tran di Hanoi pada Selasa (19/11).", None,
     [({S, T}, "happened", "2024-11-19", "hanoi")]),
    ("bahwa dia: the one who says it",
     "Tran menyampaikan bahwa dia bertemu dengan Batbayar pada musim panas 2023 di Ulaanbaatar.", MARCH_14,
     [({T, B}, "happened", "2023", "ulaanbaatar")]),
    ("in that meeting: the meeting of the one the clause names, not the latest told",
     "Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024). Pertemuan itu berlangsung saat Batbayar "
     "bertemu Oyun Bold di Ulaanbaatar. Dalam pertemuan itu, Sarkisyan dan Lee Soo-jin menyatakan dukungan.",
     None, [({S, T}, "happened", "2024-03-12", "hanoi"), ({B, O}, "happened", "2024-03-12", "ulaanbaatar"),
            ({S, T, L}, "happened", None, None)]),
    ("welcomed on arrival: when and where the guest arrived",
     "Sarkisyan tiba di Bandara Noi Bai pada Senin (11/3/2024). Kedatangan Sarkisyan disambut oleh "
     "Tran Van Minh.", None,
     [({S}, "happened", "2024-03-11", "noi-bai-airport"), ({S, T}, "happened", "2024-03-11", "noi-bai-airport")]),
    ("... the arrival's day counted from the departure",
     "Sarkisyan meninggalkan Minsk pada Senin (11/3/2024) dan tiba di Bandara Noi Bai keesokan harinya. "
     "Ia disambut di bandara oleh Tran Van Minh.", None,
     [({S}, "happened", "2024-03-12", "noi-bai-airport"), ({S, T}, "happened", "2024-03-12", "noi-bai-airport")]),
    ("welcomed next: the one who came down the stairs",
     "Sarkisyan turun dari pesawat kemudian disambut oleh Duta Besar Mongolia Oyun Bold di Hanoi.", MARCH_14,
     [({S, O}, "happened", None, "hanoi")]),
    ("besides that, welcomed by: more welcomers of the same welcome",
     "Tran menyambut kedatangan Sarkisyan di Hanoi. Selain itu, tampak menyambut kedatangan Sarkisyan "
     "yaitu Duta Besar Mongolia Oyun Bold.", MARCH_14,
     [({T, S}, "happened", None, "hanoi"), ({T, S, O}, "happened", None, None)]),
    ("a place in a title is not where they met",
     "Sarkisyan disambut oleh Atase Pertahanan Kamboja di Vientiane Jenderal Sokha Meas.", MARCH_14,
     [({S, "sokha-meas"}, "happened", None, None)]),
    ("on the trip is not at the meeting",
     "Sarkisyan tiba di Hanoi, didampingi Lee Soo-jin, dalam lawatannya ke Asia.", MARCH_14,
     [({S}, "happened", None, "hanoi")]),
    ("in that visit, accompanied: on the trip, not known to be at the meeting",
     "Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024). Dalam kunjungan itu, Sarkisyan didampingi "
     "Lee Soo-jin.", None, [({S, T}, "happened", "2024-03-12", "hanoi")]),
    ("in that discussion, accompanied: at the meeting",
     "Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024). Dalam diskusi itu, Sarkisyan didampingi "
     "Lee Soo-jin.", None, [({S, T}, "happened", "2024-03-12", "hanoi"), ({S, T, L}, "happened", None, None)]),
    ("a visit noun with -nya", "Batbayar mengakhiri kunjungannya ke Hanoi.", MARCH_14,
     [({B}, "happened", None, "hanoi")]),
    ("ready to meet, must meet: no meeting", "Sarkisyan siap bertemu Tran Van Minh. Batbayar harus "
     "bertemu Tran di Hanoi.", MARCH_14, []),
    ("before meeting: held, unless the article announces it",
     "Sarkisyan tiba di Hanoi pada Senin (11/3/2024) sebelum bertemu Tran Van Minh.", None,
     [({S}, "happened", "2024-03-11", "hanoi"), ({S, T}, "happened", None, None)]),
    ("before meeting, announced elsewhere in the article: planned",
     "Sarkisyan akan bertemu Tran di Hanoi. Kunjungan Batbayar ke Vientiane dilakukan sebelum Sarkisyan "
     "bertemu Tran.", MARCH_14,
     [({S, T}, "planned", None, "hanoi"), ({B}, "happened", None, "vientiane"), ({S, T}, "planned", None, None)]),
    ("we met, in a quote: its speaker, and whom the speaker is meeting",
     "Sarkisyan bertemu Tran di Vientiane, Selasa (12/3/2024). “Kita sudah bertemu di Hanoi tahun lalu,” "
     "kata Sarkisyan.", None,
     [({S, T}, "happened", "2024-03-12", "vientiane"), ({S, T}, "happened", "2023", "hanoi")]),
    ("in the view of: not a participant",
     "Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024). Menurut Batbayar, kunjungan tersebut "
     "mempererat kerja sama.", None, [({S, T}, "happened", "2024-03-12", "hanoi")]),
    ("we met others, in a quote: not whom the speaker is meeting now",
     "Sarkisyan bertemu Tran di Vientiane, Selasa (12/3/2024). “Kami bertemu dengan para pedagang beras,” "
     "kata Sarkisyan.", None, [({S, T}, "happened", "2024-03-12", "vientiane")]),
    ("met you, in a quote: whom the speaker is meeting",
     "Sarkisyan bertemu Tran di Vientiane, Selasa (12/3/2024). “Saya senang bertemu dengan Anda lagi,” "
     "kata Sarkisyan.", None,
     [({S, T}, "happened", "2024-03-12", "vientiane"), ({S, T}, "happened", None, None)]),
    ("a place before a name, no title leading to it: where they met",
     "Di Hanoi Sarkisyan bertemu Tran Van Minh pada Selasa (12/3/2024).", None,
     [({S, T}, "happened", "2024-03-12", "hanoi")]),
    ("a pronoun before a signing is not a signer",
     "Sarkisyan tiba di Hanoi. Dia memuji perjanjian yang ditandatangani oleh Tran dan Batbayar.",
     MARCH_14, [({S}, "happened", None, "hanoi"), ({T, B}, "happened", None, None)]),
    ("we met, in a quote nobody is known to have said: nobody",
     "Sarkisyan bertemu Tran di Vientiane, Selasa (12/3/2024). “Kita sudah bertemu di Hanoi tahun lalu,” "
     "kata seorang pejabat.", None, [({S, T}, "happened", "2024-03-12", "vientiane")]),
]


@pytest.mark.parametrize("rule, body, anchor, expected", RULES, ids=[rule for rule, *_ in RULES])
def test_meeting_rules(rule, body, anchor, expected):
    reports = extract(body, anchor)
    assert [({p["person_id"] for p in r["participants"]}, r["status"], r["date"], r["place_id"])
            for r in reports] == expected
    for report in reports:
        assert body[report["start"]:report["end"]] == report["sentence"]


def merged(articles):
    """{article id: (text, published)} -> the meetings, and each meeting's reports by article."""
    meetings, _participants, reports = merge_meetings(
        {aid: extract(body, anchor) for aid, (body, anchor) in articles.items()}, NAMES)
    by_meeting = {}
    for report in reports:
        by_meeting.setdefault(report["meeting_id"], []).append(report["article_id"])
    return meetings, sorted(sorted(ids) for ids in by_meeting.values())


def test_an_undated_report_stays_within_a_year_before_its_article():
    meetings, grouped = merged({
        "2018": ("Sarkisyan bertemu Tran di Hanoi pada 5 Mei 2018.", None),
        "2024": ("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "later": ("Sarkisyan dan Tran bertemu di Hanoi.", datetime.date(2024, 6, 1)),
    })
    assert grouped == [["2018"], ["2024", "later"]]  # not the meeting of 2018


def test_an_undated_report_of_a_meeting_held_is_no_meeting_after_its_article():
    _meetings, grouped = merged({
        "2024": ("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "before": ("Sarkisyan dan Tran bertemu di Hanoi.", datetime.date(2024, 2, 1)),
    })
    assert grouped == [["2024"], ["before"]]


def test_two_undated_reports_of_different_articles_join_only_when_both_articles_are_dated():
    _meetings, grouped = merged({
        "dated": ("Sarkisyan dan Tran bertemu di Hanoi.", datetime.date(2024, 3, 14)),
        "timeless": ("Sarkisyan dan Tran bertemu di Hanoi.", None),
        "also dated": ("Tran bertemu dengan Sarkisyan di Hanoi.", datetime.date(2024, 3, 20)),
    })
    assert grouped == [["also dated", "dated"], ["timeless"]]


def test_an_announcement_and_a_meeting_held_are_two_meetings_unless_one_article_tells_both():
    meetings, grouped = merged({
        "announced": ("Sarkisyan dijadwalkan bertemu Tran di Hanoi pada 12 Maret 2024.", MARCH_14),
        "held": ("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "both": ("Sarkisyan dijadwalkan bertemu Tran di Hanoi pada 20 Maret 2024. Pertemuan Sarkisyan "
                 "dengan Tran berlangsung di Hanoi pada 20 Maret 2024.", datetime.date(2024, 3, 21)),
    })
    assert grouped == [["announced"], ["both", "both"], ["held"]]
    by_date = {(m["date"], m["status"]) for m in meetings}
    assert by_date == {("2024-03-12", "planned"), ("2024-03-12", "happened"), ("2024-03-20", "happened")}


def test_a_site_agrees_with_its_city_and_the_meeting_keeps_the_site():
    meetings, grouped = merged({
        "city": ("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "site": ("Sarkisyan diterima oleh Tran Van Minh di Istana Kepresidenan Hanoi, Selasa (12/3/2024).", None),
        "other city": ("Sarkisyan bertemu Tran di Haiphong, Selasa (12/3/2024).", None),
    })
    assert grouped == [["city", "site"], ["other city"]]
    palace = next(m for m in meetings if m["place_id"] == "hanoi-presidential-palace")
    assert palace["title"] == "Viktor Sarkisyan – Tran Van Minh, Istana Kepresidenan Hanoi, Hanoi"


def test_receptions_by_two_hosts_are_two_meetings():
    _meetings, grouped = merged({
        "president": ("Tran Van Minh menerima Sarkisyan di Hanoi, Selasa (12/3/2024).", None),
        "minister": ("Batbayar menerima Sarkisyan di Hanoi, Selasa (12/3/2024).", None),
        "again": ("Sarkisyan diterima oleh Tran Van Minh di Hanoi, Selasa (12/3/2024).", None),
    })
    assert grouped == [["again", "president"], ["minister"]]


def test_a_visitor_alone_joins_a_meeting_but_makes_none_of_his_own():
    _meetings, grouped = merged({
        "visit": ("Sarkisyan tiba di Hanoi.", MARCH_14),
        "talks": ("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "alone": ("Batbayar tiba di Vientiane.", MARCH_14),
    })
    assert grouped == [["talks", "visit"]]


def test_a_visitor_alone_on_one_day_is_not_the_meeting_of_the_day_before():
    _meetings, grouped = merged({
        "arrival": ("Sarkisyan tiba di Bandara Noi Bai, Rabu (13/3/2024).", None),
        "talks": ("Sarkisyan bertemu Tran pada Selasa (12/3/2024).", None),
    })
    assert grouped == [["arrival"], ["talks"]]


# One line per rule on roles and places: (rule, text, [(people and roles, place) per report]).
ROLE_RULES = [
    ("a verb before a visit noun splits the sides",
     "Sarkisyan bertemu dengan Tran Van Minh dalam sebuah kunjungan tidak resmi ke Vietnam.",
     [({(S, "guest"), (T, "host")}, "vietnam")]),
    ("the one inviting hosts",
     "Sarkisyan berada di Hanoi dalam kunjungan kenegaraan atas undangan Tran Van Minh.",
     [({(S, "guest"), (T, "host")}, "hanoi")]),
    ("welcomers named after yaitu host",
     "Tampak menyambut kedatangan Sarkisyan yaitu Duta Besar Mongolia Oyun Bold di Bandara Noi Bai.",
     [({(S, "guest"), (O, "host")}, "noi-bai-airport")]),
    ("receiving a visit at a place", "Tran Van Minh menerima kunjungan Sarkisyan di Hanoi.",
     [({(T, "host"), (S, "guest")}, "hanoi")]),
    ("a place through a name the data does not know",
     "Tran Van Minh menerima Sarkisyan di kantor Kementerian Perdagangan, Hanoi.",
     [({(T, "host"), (S, "guest")}, "hanoi")]),
    ("greetings sent are not a participant",
     "Sarkisyan berjabat tangan dengan Tran dan menyampaikan salam untuk Batbayar.",
     [({(S, None), (T, None)}, None)]),
]


@pytest.mark.parametrize("rule, body, expected", ROLE_RULES, ids=[rule for rule, *_ in ROLE_RULES])
def test_roles_and_places(rule, body, expected):
    assert [(people_and_roles(r), r["place_id"]) for r in extract(body, MARCH_14)] == expected


def test_undated_announcements_look_two_months_ahead():
    _meetings, grouped = merged({
        "march": ("Sarkisyan akan bertemu Tran di Hanoi.", datetime.date(2024, 3, 1)),
        "april": ("Sarkisyan dijadwalkan bertemu Tran di Hanoi.", datetime.date(2024, 4, 15)),
        "july": ("Sarkisyan berencana bertemu Tran di Hanoi.", datetime.date(2024, 7, 1)),
    })
    assert grouped == [["april", "march"], ["july"]]


def test_an_article_with_no_time_joins_another_only_where_what_it_wrote_fits():
    _meetings, grouped = merged({
        "dated": ("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "weekday": ("Sarkisyan bertemu Tran di Hanoi pada hari Senin.", None),  # 11 March: a day off
        "other day": ("Sarkisyan bertemu Tran di Hanoi pada Jumat (20/9).", None),
        "nothing written": ("Sarkisyan dan Tran bertemu di Hanoi.", None),
    })
    assert grouped == [["dated", "weekday"], ["nothing written"], ["other day"]]


def test_a_year_alone_takes_no_undated_report():
    _meetings, grouped = merged({
        "a": ("Sarkisyan dan Tran bertemu di Hanoi. Sarkisyan mengatakan bahwa dia pertama kali bertemu "
              "Tran di Hanoi pada 2019.", None),
    })
    assert grouped == [["a"], ["a"]]


def test_an_announcement_that_says_neither_when_nor_where_is_another_meeting():
    meetings, grouped = merged({
        "a": ("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024). Keduanya sepakat untuk saling "
              "mengunjungi.", None),
    })
    assert grouped == [["a"], ["a"]]
    assert sorted(m["status"] for m in meetings) == ["happened", "planned"]


def test_of_two_meetings_its_article_tells_an_undated_report_joins_the_nearer():
    body = ("Sarkisyan bertemu Tran di Hanoi pada 5 Januari 2024. Keduanya membahas beras. Batbayar tiba "
            "di Vientiane. Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024). Pertemuan Sarkisyan dan "
            "Tran berlangsung hangat.")
    meetings, _participants, reports = merge_meetings({"a": extract(body)}, NAMES)
    march = next(m["id"] for m in meetings if m["date"] == "2024-03-12")
    assert [r["sentence"] for r in reports if r["meeting_id"] == march] == [
        "Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", "Pertemuan Sarkisyan dan Tran berlangsung hangat."]


def test_a_clause_that_points_back_joins_the_meeting_it_points_to():
    # "Dalam diskusi itu" is the talks at the palace, although the minister's reception, which
    # the clause's people also fit, is told nearer to it
    body = ("Tran Van Minh menerima kunjungan Sarkisyan di Istana Kepresidenan Hanoi, Selasa (12/3/2024). "
            "Tran berterima kasih kepada Sarkisyan atas kunjungannya dan atas bantuan beras yang dikirim "
            "Belarus sejak awal tahun. Dalam diskusi itu, Tran didampingi Batbayar. Sebelumnya, Batbayar "
            "menerima kunjungan Sarkisyan di Hanoi pada Selasa (12/3/2024).")
    _meetings, _participants, reports = merge_meetings({"a": extract(body)}, NAMES)
    meeting_of = {r["sentence"][:22]: r["meeting_id"] for r in reports}
    assert meeting_of["Dalam diskusi itu, Tra"] == meeting_of["Tran Van Minh menerima"]
    assert meeting_of["Dalam diskusi itu, Tra"] != meeting_of["Sebelumnya, Batbayar m"]


def test_an_announcement_joins_talks_others_tell_held_when_its_article_tells_them_held_too():
    _meetings, grouped = merged({
        "held": ("Sarkisyan bertemu Tran di Hanoi pada Maret 2024.", None),
        "both": ("Sarkisyan tiba di Hanoi untuk bertemu Tran. Sarkisyan dijadwalkan bertemu Tran di Istana "
                 "Kepresidenan Hanoi.", datetime.date(2024, 3, 10)),
        "announced only": ("Sarkisyan dijadwalkan bertemu Tran di Hanoi.", datetime.date(2024, 3, 9)),
    })
    assert grouped == [["announced only"], ["both", "both", "held"]]


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_the_seeds_belousov_visit_is_one_meeting_with_its_reports_and_their_weekday_flags(tmp_path):
    build([SEEDS], tmp_path / "seeds.db", workers=1)
    db = sqlite_utils.Database(tmp_path / "seeds.db")
    [meeting] = db.query("select m.* from meetings m join meeting_participants p on p.meeting_id = m.id "
                         "where p.person_id = 'andrei-belousov' and m.status = 'happened'")
    assert (meeting["date"], meeting["place_id"]) == ("2024-11-30", "pyongyang")
    reports = {r["source_file"][:3]: r for r in db.query(
        "select a.source_file, r.date, r.date_flags from meeting_reports r join articles a "
        "on a.id = r.article_id where r.meeting_id = ? order by a.source_file, r.start", [meeting["id"]])}
    assert set(reports) == {"000", "001", "004"}
    assert json.loads(reports["001"]["date_flags"]) == ["year_inferred", "weekday_mismatch", "anchor_from_other_reports"]
    assert (reports["004"]["date"], json.loads(reports["004"]["date_flags"])) == (
        "2024-11-29", ["relative", "anchor_from_other_reports"])


def test_what_an_article_with_no_time_wrote_is_read_against_the_meetings_day_not_its_month():
    _meetings, grouped = merged({
        "day": ("Sarkisyan bertemu Tran di Hanoi, Selasa (12/3/2024).", None),
        "month": ("Sarkisyan bertemu Tran di Hanoi pada Maret 2024.", None),
        "weekday": ("Sarkisyan bertemu Tran di Hanoi pada hari Selasa.", None),
    })
    assert grouped == [["day", "month", "weekday"]]
