"""People, organisations and places on short articles written in the style of the Indonesian
press, with names and titles that are not in the reference data."""
import pickle

import pytest

from loader.extract.people import find_organizations, find_people, find_places
from loader.reference import load_reference
from loader.text import split_sentences


@pytest.fixture(scope="module")
def ref():
    return load_reference()


def people_in(body, ref):
    people, mentions = find_people(body, split_sentences(body), ref)
    for mention in mentions:
        assert body[mention["start"]:mention["end"]] == mention["surface"]
        assert mention["surface"] in mention["sentence"]
    assert [m["start"] for m in mentions] == sorted(m["start"] for m in mentions)
    return people, mentions


def surfaces(mentions, person_id):
    return [m["surface"] for m in mentions if m["person_id"] == person_id]


def test_title_before_name_introduces_an_unknown_person_and_keeps_the_role(ref):
    body = ("MINSK, KOMPAS.TV - Menteri Luar Negeri Belarus Maxim Ryzhenkov menerima kunjungan "
            "Menteri Luar Negeri Korea Utara Choe Son Hui di Minsk, Selasa (12/11/2024).\n"
            "Ryzhenkov mengatakan kedua negara sepakat memperluas kerja sama. "
            "Choe menyebut hubungan kedua negara “semakin erat”.")
    people, mentions = people_in(body, ref)

    assert people["maxim-ryzhenkov"] == {
        "id": "maxim-ryzhenkov", "name": "Maxim Ryzhenkov", "aliases": [], "country": None,
        "wikidata": None, "verified": 0}
    assert surfaces(mentions, "maxim-ryzhenkov") == ["Maxim Ryzhenkov", "Ryzhenkov"]
    assert mentions[0]["role"] == "Menteri Luar Negeri Belarus"
    assert people["choe-son-hui"]["verified"] == 1
    assert surfaces(mentions, "choe-son-hui") == ["Choe Son Hui", "Choe"]
    assert mentions[1]["role"] == "Menteri Luar Negeri Korea Utara"
    assert set(people) == {"maxim-ryzhenkov", "choe-son-hui"}


def test_lower_case_titles_and_spokesman_of_an_organisation(ref):
    body = ("Juru bicara Kremlin Dmitry Peskov menolak berkomentar. Sementara itu, wakil kepala "
            "dinas intelijen Gennady Orlovsky mengatakan laporan itu tidak benar.")
    people, mentions = people_in(body, ref)
    assert [(m["person_id"], m["role"]) for m in mentions] == [
        ("dmitry-peskov", "Juru bicara Kremlin"),
        ("gennady-orlovsky", "wakil kepala dinas intelijen"),
    ]
    assert people["gennady-orlovsky"]["verified"] == 0


def test_apposition_after_name_and_korean_family_name_back_reference(ref):
    body = ("Park Ji-hoon, peneliti senior di Institut Asan, mengatakan kepada Yonhap bahwa "
            "Pyongyang ingin mendapatkan teknologi satelit. Dmitri Volkov, seorang profesor di "
            "Universitas Negeri Moskow, menilai sebaliknya.\n"
            "“Rusia membutuhkan amunisi,” kata Park. Volkov tidak sependapat.")
    people, mentions = people_in(body, ref)

    assert surfaces(mentions, "park-ji-hoon") == ["Park Ji-hoon", "Park"]
    assert surfaces(mentions, "dmitri-volkov") == ["Dmitri Volkov", "Volkov"]
    roles = {m["surface"]: m["role"] for m in mentions}
    assert roles["Park Ji-hoon"] == "peneliti senior di Institut Asan"
    assert roles["Dmitri Volkov"] == "profesor di Universitas Negeri Moskow"
    assert all(p["verified"] == 0 for p in people.values())


def test_misspelt_surname_resolves_to_the_known_person(ref):
    body = ("Menteri Pertahanan Rusia Andrei Belousof tiba di Pyongyang. Ia didampingi Wakil "
            "Perdana Menteri Denis Mantorov.")
    people, mentions = people_in(body, ref)
    assert [(m["surface"], m["person_id"]) for m in mentions] == [
        ("Andrei Belousof", "andrei-belousov"), ("Denis Mantorov", "denis-manturov")]
    assert people["andrei-belousov"]["verified"] == 1


def test_similar_korean_names_never_merge(ref):
    body = ("Kim Jong Un berziarah ke makam ayahnya, Kim Jong Il, didampingi adiknya Kim Yo Jong. "
            "Pejabat Kim Jong Ul juga hadir.\n"
            "Kim Yo Jong dan Kim Jong Un kemudian menyapa warga. Kim tersenyum.")
    people, mentions = people_in(body, ref)
    ids = [m["person_id"] for m in mentions]
    assert ids.count("kim-jong-un") == 2 and ids.count("kim-jong-il") == 1
    assert ids.count("kim-yo-jong") == 2
    # Kim Jong Ul is one letter away from two known people: a person of his own.
    assert surfaces(mentions, "kim-jong-ul") == ["Kim Jong Ul"]
    assert people["kim-jong-ul"]["verified"] == 0
    # The lone "Kim" follows a sentence naming two Kims: ambiguous, left out.
    assert "Kim" not in [m["surface"] for m in mentions]


def test_short_name_of_someone_never_introduced_is_not_a_person(ref):
    body = "Kim mengatakan delegasi itu akan tiba pekan depan. Hong menolak berkomentar."
    people, mentions = people_in(body, ref)
    assert people == {} and mentions == []


def test_short_name_goes_to_the_most_recent_of_two_introduced_people(ref):
    body = ("Delegasi dipimpin oleh Kim Song-nam, kepala departemen internasional partai. "
            "Mereka disambut pemimpin Korea Utara Kim Jong Un di bandara.\n"
            "Kim kemudian menyampaikan pidato.")
    people, mentions = people_in(body, ref)
    assert [(m["surface"], m["person_id"]) for m in mentions] == [
        ("Kim Song-nam", "kim-song-nam"), ("Kim Jong Un", "kim-jong-un"), ("Kim", "kim-jong-un")]


def test_names_inside_organisations_places_and_things_are_not_people(ref):
    body = ("Delegasi mengunjungi Universitas Militer Kim Il Sung dan Akademi Angkatan Laut "
            "Kim Chaek, lalu menyaksikan parade di Kim Il Sung Square dan Lapangan Kim Il Sung. "
            "Mereka menginap di Hotel Ryugyong.")
    people, mentions = people_in(body, ref)
    assert people == {} and mentions == []


def test_bylines_headlines_and_capitalised_common_words_are_not_people(ref):
    body = ("Laporan Wartawan Tribunnews.com, Rina Wulandari\n"
            "Para pejabat Rusia tiba pada Jumat (8/11). Menurut Kantor Berita Yonhap, Kunjungan "
            "itu berlangsung tertutup.\n"
            "Baca Juga: Presiden Ramzan Akhmatov Tiba di Pyongyang\n"
            "Penulis : Rina Wulandari Editor : Budi Santoso\n"
            "Sumber : Kompas TV")
    people, mentions = people_in(body, ref)
    assert people == {} and mentions == []


def test_genitive_title_belongs_to_the_apposed_name(ref):
    body = ("Presiden Korea Selatan Yoon Suk Yeol menerima delegasi. Penasihat keamanan nasional "
            "Yoon, Jang Ho-jin, mengatakan pertemuan itu penting.")
    people, mentions = people_in(body, ref)
    roles = [(m["surface"], m["role"]) for m in mentions]
    assert roles == [("Yoon Suk Yeol", "Presiden Korea Selatan"), ("Yoon", None),
                     ("Jang Ho-jin", "Penasihat keamanan nasional Yoon")]


def test_organisations_and_places(ref):
    body = ("PYONGYANG, KOMPAS.TV - Menurut KCNA, delegasi Kementerian Pertahanan Rusia tiba di "
            "Pyongyang. Kepala Staf Gabungan Korea Selatan memantau dari Seoul.")
    sentences = split_sentences(body)
    orgs = find_organizations(body, sentences, ref)
    assert [(o["surface"], o["organization_id"], o["kind"]) for o in orgs] == [
        ("KOMPAS.TV", "kompas-tv", "news_outlet"),
        ("KCNA", "kcna", "news_agency"),
        ("Kementerian Pertahanan Rusia", "ru-ministry-of-defence", "government"),
        ("Kepala Staf Gabungan Korea Selatan", "kr-joint-chiefs-of-staff", "military"),
    ]
    places = find_places(body, sentences, ref)
    # Russia and South Korea sit inside organisation names: not places of their own here.
    assert [(p["surface"], p["place_id"]) for p in places] == [
        ("PYONGYANG", "pyongyang"), ("Pyongyang", "pyongyang"), ("Seoul", "seoul")]
    assert places[0]["latitude"] == pytest.approx(39.03) and places[0]["country"] == "KP"
    for mention in orgs + places:
        assert body[mention["start"]:mention["end"]] == mention["surface"]


def test_reference_data_loads_and_pickles(ref):
    assert ref.people["kim-jong-un"]["country"] == "KP"
    assert ref.person_by_key["kimjongun"] == "kim-jong-un"
    assert pickle.loads(pickle.dumps(ref)).people == ref.people


def write_reference(tmp_path, people):
    (tmp_path / "people.yml").write_text(people, encoding="utf-8")
    (tmp_path / "organizations.yml").write_text(
        "- name: KCNA\n  kind: news_agency\n  country: KP\n  wikidata: null\n", encoding="utf-8")
    (tmp_path / "places.yml").write_text(
        "- name: Pyongyang\n  kind: city\n  country: KP\n  latitude: 39.03\n  longitude: 125.75\n", encoding="utf-8")


@pytest.mark.parametrize("people, message", [
    ("- aliases: [Somebody]\n  country: RU\n", r"people\.yml: entry 1: missing name"),
    ("- name: Ivan Petrov\n- name: Ivan Petrov\n", r"people\.yml: entry 2 \('Ivan Petrov'\): duplicate id"),
    ("- name: Ivan Petrov\n  aliases: [I. Petrov]\n- name: Igor Petrov\n  aliases: [I. Petrov]\n",
     r"people\.yml: alias 'I. Petrov' of 'igor-petrov' is already claimed by 'ivan-petrov'"),
    ("- name: Ivan Petrov\n  wikidata: 12345\n", r"people\.yml: entry 1 \('Ivan Petrov'\): wikidata"),
])
def test_bad_reference_entries_are_named(tmp_path, people, message):
    write_reference(tmp_path, people)
    with pytest.raises(ValueError, match=message):
        load_reference(tmp_path)


def test_a_user_extends_the_reference_data(tmp_path):
    write_reference(tmp_path, "- name: Ivan Petrov\n  aliases: [Iwan Petrow]\n  country: RU\n")
    ref = load_reference(tmp_path)
    body = "Duta Besar Rusia Iwan Petrow tiba di Pyongyang. Petrov disambut pejabat setempat."
    people, mentions = people_in(body, ref)
    assert people["ivan-petrov"]["verified"] == 1
    assert surfaces(mentions, "ivan-petrov") == ["Iwan Petrow", "Petrov"]


# One line per rule: (text, [(surface, person id, method, role), ...] expected, in text order).
# Names are invented (or public figures where the reference data is what is tested).
RULES = [
    # Offices as the press abbreviates them, ranks and TNI are the role, not the name.
    ("Menkomdigi Rahayu Setiawati membuka acara itu di Jakarta.",
     [("Rahayu Setiawati", "rahayu-setiawati", "title", "Menkomdigi")]),
    ("Wamenlu Bagus Hendrawan tiba di Seoul pada Senin.",
     [("Bagus Hendrawan", "bagus-hendrawan", "title", "Wamenlu")]),
    ("Upacara dihadiri KSAU Marsekal TNI R Wahyu Pranoto dan para perwira.",
     [("R Wahyu Pranoto", "r-wahyu-pranoto", "title", "KSAU Marsekal TNI")]),
    ("Ia disambut Kolonel Benny S. Tarigan di bandara.",
     [("Benny S. Tarigan", "benny-s-tarigan", "title", "Kolonel")]),
    # An office named in parts is one title; before "dan" another office word, no name.
    ("Hadir pula Wakil Menteri Pendidikan Tinggi, Sains, dan Teknologi Laras Anindita.",
     [("Laras Anindita", "laras-anindita", "title", "Wakil Menteri Pendidikan Tinggi, Sains, dan Teknologi")]),
    ("Menteri Sumber Daya Alam dan Lingkungan Hidup tidak hadir.", []),
    # The tagger ends the party's name where the person's begins.
    ("Sekjen Partai Gerindra Ahmad Muzani menyampaikan sikap partainya.",
     [("Ahmad Muzani", "ahmad-muzani", "title", "Sekjen Partai Gerindra")]),
    # A name of one word after a title, the tagger agreeing.
    ("Bupati Suryanto meresmikan jembatan baru di desanya.",
     [("Suryanto", "suryanto", "title", "Bupati")]),
    # A name no rule introduces, found by the tagger alone.
    ("Dalam rapat itu, Hendra Gunawan menyampaikan keberatan warga kepada pemerintah.",
     [("Hendra Gunawan", "hendra-gunawan", "tagger", None)]),
    # A later short mention by the first name; by a name two people share, nobody.
    ("Wakil Gubernur Sari Wulandari meninjau lokasi banjir. Sari menjelaskan bantuan sudah disalurkan.",
     [("Sari Wulandari", "sari-wulandari", "title", "Wakil Gubernur"),
      ("Sari", "sari-wulandari", "short_form", None)]),
    ("Duta Besar Agus Santoso dan Atase Pertahanan Agus Prihatno tiba bersama. Agus menolak berkomentar.",
     [("Agus Santoso", "agus-santoso", "title", "Duta Besar"),
      ("Agus Prihatno", "agus-prihatno", "title", "Atase Pertahanan")]),
    ("Menteri Luar Negeri Retno Marsudi bertemu Sergey Lavrov. Retno menyampaikan sikap Indonesia.",
     [("Retno Marsudi", "retno-marsudi", "reference", "Menteri Luar Negeri"),
      ("Sergey Lavrov", "sergei-lavrov", "reference", None),
      ("Retno", "retno-marsudi", "short_form", None)]),
    # Someone already named who opens a longer name is its possessor.
    ("Presiden Donald Trump mengutus utusan khusus Trump Daniel Harper ke Moskow.",
     [("Donald Trump", "donald-trump", "reference", "Presiden"),
      ("Trump", "donald-trump", "short_form", None),
      ("Daniel Harper", "daniel-harper", "title", "utusan khusus Trump")]),
    # A one-word alias inside a longer name the reference data does not know is not that person.
    ("Bambang Sugiono, seorang petani di Klaten, mengaku panennya gagal.",
     [("Bambang Sugiono", "bambang-sugiono", "tagger", None)]),
    # Not people: photo credits, headlines, places after di/ke, common words opening a
    # sentence, bylines, ministries and police units as the press abbreviates them.
    ("Warga memadati alun-alun kota. (REUTERS/Joko Susilo)", []),
    ("Anies Baswedan Temui Warga Kampung Akuarium\nGubernur itu berjanji membantu.", []),
    ("Rombongan tiba di Tanjung Selor pada Senin pagi.", []),
    ("Lavrov terbang dari ibu kota Malaysia, Kuala Lumpur, pada hari Jumat.",
     [("Lavrov", "sergei-lavrov", "reference", None)]),
    ("Ikut hadir dalam acara itu sejumlah pejabat daerah.", []),
    ("Harga beras naik.\nRina Wulandari - detikNews\nHarga gula juga naik.", []),
    ("Rapat digelar di Kemenko Polhukam dan dijaga Polda Metro.", []),
]


@pytest.mark.parametrize("body, expected", RULES, ids=[text[:40] for text, _ in RULES])
def test_person_rules(ref, body, expected):
    people, mentions = people_in(body, ref)
    assert [(m["surface"], m["person_id"], m["method"], m["role"]) for m in mentions] == expected
    for mention in mentions:
        tagger_found = mention["method"] == "tagger"
        assert people[mention["person_id"]]["verified"] == (mention["person_id"] in ref.people)
        assert (mention["confidence"] is not None) >= tagger_found
        assert mention["confidence"] is None or 0 < mention["confidence"] <= 1


def test_a_single_name_alone_needs_the_tagger_to_be_sure(ref):
    # "Jalur" opens a sentence, capitalised; it is a common word the tagger's vocabulary knows.
    body = "Jalur itu ditutup sejak pagi. Sanksi dijatuhkan kepada pengelola."
    assert people_in(body, ref) == ({}, [])
