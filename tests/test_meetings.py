import datetime
import re

from loader.extract.meetings import find_meeting_reports
from loader.merge import merge_meetings
from loader.text import split_sentences

# Who is who in these made-up articles: surface -> person id (longest surfaces first).
PEOPLE = [
    ("Menteri Luar Negeri Belarus Viktor Sarkisyan", "viktor-sarkisyan"),
    ("Perdana Menteri Vietnam Tran Van Minh", "tran-van-minh"),
    ("Presiden Mongolia Batbayar Ganzorig", "batbayar-ganzorig"),
    ("Jenderal Sokha Meas", "sokha-meas"),
    ("Somchai Vongsa", "somchai-vongsa"),
    ("Tran Van Minh", "tran-van-minh"),
    ("Lee Soo-jin", "lee-soo-jin"),
    ("Sarkisyan", "viktor-sarkisyan"),
    ("Batbayar", "batbayar-ganzorig"),
    ("Tran", "tran-van-minh"),
]
PLACES = {"Hanoi": ("hanoi", "VN", "city"), "Vietnam": ("vietnam", "VN", "country"),
          "Vientiane": ("vientiane", "LA", "city"), "Ulaanbaatar": ("ulaanbaatar", "MN", "city")}
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
               "start": start, "end": end, "sentence": ""}
              for surface, (pid, country, kind), start, end in _spans(body, PLACES.items())]
    return find_meeting_reports(body, sentences, mentions, places, [], anchor, people)


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
        "g2": extract("Sarkisyan dan Tran menandatangani perjanjian kemitraan di Hanoi.", None),
        "g3": extract("Sarkisyan, Batbayar dan Tran menandatangani perjanjian di Hanoi.", None),
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
