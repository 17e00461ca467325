"""Quote and reported-speech rules, one line per rule, on sentences written for these tests.

Each case gives a body, the people, organisations and places the other extractors would have
found in it (by surface; every whole-word occurrence becomes a mention), and the statements
expected: (kind, first words of the text, speaker id or None). A speaker id is a person id,
else an organisation id; ``via`` cases check the agency too.
"""
import re

import pytest

from loader.extract.quotes import find_quotes
from loader.extract.speakers import speaking_states
from loader.text import split_sentences

PEOPLE = {
    "Sergei Lavrov": ("sergei-lavrov", "Menteri Luar Negeri Rusia"), "Lavrov": ("sergei-lavrov", None),
    "Retno Marsudi": ("retno-marsudi", None), "Retno": ("retno-marsudi", None),
    "Alexander Novak": ("alexander-novak", "Wakil Perdana Menteri"),
    "Novak": ("alexander-novak", None),
    "Vladimir Putin": ("vladimir-putin", "Presiden Rusia"), "Putin": ("vladimir-putin", None),
    "Kim": ("kim-jong-un", None),
    "Volodymyr Zelensky": ("volodymyr-zelensky", "Presiden"),
    "Dmitry Peskov": ("dmitry-peskov", "juru bicara Kremlin"),
    "Maria Zakharova": ("maria-zakharova", "Juru Bicara Kementerian Luar Negeri Rusia"),
    "Andrei Belousov": ("andrei-belousov", "Menteri Pertahanan"),
    "Belousov": ("andrei-belousov", None),
    "Hendra Tarmizi": ("hendra-tarmizi", None), "Andrei Lankov": ("andrei-lankov", None),
    "Budi Santoso": ("budi-santoso", "menteri pertanian"),
    "Bui Thanh Son": ("bui-thanh-son", "Menteri luar negeri Vietnam"),
    "Arief Wibowo": ("arief-wibowo", "Duta Besar RI untuk Rusia"),
}
ORGANIZATIONS = {
    "KCNA": ("kcna", "news_agency"), "AFP": ("afp", "news_agency"), "TASS": ("tass", "news_agency"),
    "Antara": ("antara", "news_agency"), "BBC Indonesia": ("bbc", "news_outlet"),
    "Xinhua": ("xinhua", "news_agency"), "Interfax": ("interfax", "news_agency"),
    "Yonhap": ("yonhap", "news_agency"), "Izvestia": ("izvestia", "news_outlet"),
    "Kementerian Luar Negeri Rusia": ("ru-ministry-of-foreign-affairs", "government"),
    "Kedutaan Besar Rusia di Jakarta": ("ru-embassy-id", "government"),
}
PLACES = {"Rusia": ("RU", "country"), "Pyongyang": ("KP", "city"), "Beijing": ("CN", "city"),
          "Amerika Serikat": ("US", "country"), "Korea Selatan": ("KR", "country"),
          "Korea Utara": ("KP", "country"), "Moskow": ("RU", "city"), "Jakarta": ("ID", "city"),
          "Jepang": ("JP", "country")}
STATES = {code: {"id": f"{code.lower()}-state", "name": name, "kind": "state", "country": code,
                 "wikidata": None}
          for code, name in [("RU", "Russia"), ("KP", "North Korea"), ("CN", "China"),
                             ("US", "United States"), ("KR", "South Korea"), ("JP", "Japan")]}


def occurrences(body: str, table: dict) -> list[tuple[int, int, str]]:
    """Every whole-word occurrence of the table's surfaces, longest first, none overlapping."""
    taken, found = set(), []
    for surface in sorted(table, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", body):
            span = set(range(match.start(), match.end()))
            if not span & taken:
                taken |= span
                found.append((match.start(), match.end(), surface))
    return sorted(found)


def extract(body: str) -> list[dict]:
    mentions = [{"person_id": PEOPLE[s][0], "surface": s, "role": PEOPLE[s][1], "start": a,
                 "end": b, "sentence": ""} for a, b, s in occurrences(body, PEOPLE)]
    orgs = [{"organization_id": ORGANIZATIONS[s][0], "kind": ORGANIZATIONS[s][1], "surface": s,
             "start": a, "end": b, "sentence": ""} for a, b, s in occurrences(body, ORGANIZATIONS)]
    places = [{"country": PLACES[s][0], "kind": PLACES[s][1], "surface": s, "start": a, "end": b}
              for a, b, s in occurrences(body, PLACES)]
    return find_quotes(body, split_sentences(body), mentions, orgs, places, STATES)


def summary(quotes: list[dict]) -> list[tuple]:
    return [(q["kind"], q["text"], q["person_id"] or q["organization_id"]) for q in quotes]


def assert_statements(body: str, expected: list[tuple]):
    got = summary(extract(body))
    assert len(got) == len(expected), got
    for (kind, text, speaker), (want_kind, want_start, want_speaker) in zip(got, expected):
        assert (kind, speaker) == (want_kind, want_speaker), got
        assert text.startswith(want_start), got


CASES = [
    # --- quote marks ---
    ("typewriter single quotes around a phrase",
     "Retno menyebut perundingan perikanan itu sebagai 'awal yang menjanjikan'.",
     [("partial", "awal yang menjanjikan", "retno-marsudi")]),
    ("an apostrophe inside a word is no quote mark",
     "Usai salat Jum'at, Retno meninjau pasar ikan di Makassar.", []),
    ("a typewriter mark that never closes is an apostrophe",
     "Novak menyebut tahun '70-an sebagai masa keemasan industri minyak negaranya.", []),
    ("a paragraph that lost its opening mark, with a cue after the closing one",
     "Pertemuan dimulai pukul sembilan pagi.\n\nKedua delegasi sepakat memperpanjang program "
     "beasiswa hingga 2030,\" tulis Kementerian Luar Negeri Rusia.",
     [("direct", "Kedua delegasi sepakat", "ru-ministry-of-foreign-affairs")]),
    # --- cues after the quote ---
    ("an exchange: each answer has its own speaker",
     "“Sudah berapa lama jembatan ini dibangun?” tanya Lavrov.\n“Hampir tiga tahun,” jawab Retno.",
     [("direct", "Sudah berapa lama", "sergei-lavrov"),
      ("direct", "Hampir tiga tahun", "retno-marsudi")]),
    ("a comma after the closing mark",
     "“Jadwal penerbangan akan ditambah”, ujar Lavrov di Bali.",
     [("direct", "Jadwal penerbangan akan", "sergei-lavrov")]),
    ("`demikian laporan X`: the agency speaks",
     "“Panen tahun ini melampaui target,” demikian laporan KCNA.",
     [("direct", "Panen tahun ini", "kcna")]),
    ("a name and its speech verb after the quote",
     "“Pintu dialog tetap terbuka,” Putin menambahkan.",
     [("direct", "Pintu dialog tetap", "vladimir-putin")]),
    ("an agency quoting someone after the quote: the person speaks",
     "“Kapal pertama berangkat bulan Mei,” kantor berita TASS mengutip ucapan Novak.",
     [("direct", "Kapal pertama berangkat", "alexander-novak")]),
    ("the rest of a quote after an interrupted attribution",
     "“Stok beras cukup,” ujar Novak, “dan harga akan turun pekan depan.”",
     [("direct", "Stok beras cukup", "alexander-novak"),
      ("direct", "dan harga akan", "alexander-novak")]),
    # --- a quote with no cue of its own ---
    ("after a sentence whose attribution closes it",
     "Pelabuhan itu akan dibuka kembali bulan depan, kata Novak pada hari Kamis. “Kami sudah "
     "menyiapkan dua kapal.”",
     [("indirect", "Pelabuhan itu akan dibuka", "alexander-novak"),
      ("direct", "Kami sudah menyiapkan", "alexander-novak")]),
    ("after a sentence whose subject speaks",
     "Presiden Volodymyr Zelensky memuji para relawan. “Mereka bekerja siang dan malam.”",
     [("direct", "Mereka bekerja", "volodymyr-zelensky")]),
    ("after a sentence that is no speech act: not a statement",
     "Presiden Volodymyr Zelensky mengunjungi rumah sakit itu. “Mereka bekerja siang dan malam.”",
     []),
    # --- subjects ---
    ("a participle clause before the subject",
     "Berbincang dengan Lavrov di Jakarta pada hari Senin, Retno mengatakan bahwa kedua negara "
     "akan membuka penerbangan langsung.",
     [("indirect", "kedua negara akan membuka", "retno-marsudi")]),
    ("a sourcing frame before the subject",
     "Dilansir dari Antara, Retno menjelaskan program itu akan dibuka untuk seratus pelajar.",
     [("indirect", "program itu akan dibuka", "retno-marsudi")]),
    ("an outlet reporting what someone says",
     "BBC Indonesia mengabarkan, Lavrov mengatakan pameran dagang itu akan digelar di Kazan.",
     [("indirect", "pameran dagang itu akan", "sergei-lavrov")]),
    ("the subject of a clause opened by `di mana`",
     "Retno mengunjungi Kazan pada hari Jumat, di mana TASS melaporkan bahwa ia meninjau sebuah "
     "pabrik pesawat.",
     [("indirect", "ia meninjau sebuah pabrik", "tass")]),
    ("the subject of a clause opened by `sementara`",
     "Lavrov memuji Retno, sementara Retno mengatakan bahwa perundingan berjalan tanpa hambatan.",
     [("indirect", "perundingan berjalan tanpa", "retno-marsudi")]),
    ("a title with lower-case words before the name",
     "“Presiden belum menerima undangan itu,” kata juru bicara Kremlin Dmitry Peskov.",
     [("direct", "Presiden belum menerima", "dmitry-peskov")]),
    ("a title with `itu`: the one person introduced with it",
     "Juru Bicara Kementerian Luar Negeri Rusia Maria Zakharova membuka jumpa pers mingguan.\n"
     "“Kami belum menerima nota itu,” kata juru bicara itu.",
     [("direct", "Kami belum menerima nota", "maria-zakharova")]),
    ("square-bracket insertions inside a quote, a title with `itu` after it",
     "Juru Bicara Kementerian Luar Negeri Rusia Maria Zakharova menjawab pertanyaan wartawan.\n"
     "\"Menteri [Sergei] Lavrov akan [tiba] di Jakarta lusa,\" kata juru bicara itu.",
     [("direct", "Menteri [Sergei] Lavrov akan [tiba]", "maria-zakharova")]),
    ("a title alone: the one person introduced with it",
     "Presiden Rusia Vladimir Putin membuka forum ekonomi di Vladivostok.\nPresiden Rusia "
     "menegaskan bahwa investor Asia akan mendapat keringanan pajak.",
     [("indirect", "investor Asia akan mendapat", "vladimir-putin")]),
    ("an organisation named again with `tersebut`",
     "Kedutaan Besar Rusia di Jakarta menggelar resepsi Hari Nasional.\nDi akun media sosialnya, "
     "kedutaan tersebut mengatakan bahwa lebih dari dua ratus tamu hadir.",
     [("indirect", "lebih dari dua ratus", "ru-embassy-id")]),
    ("an organisation alone in an apposition after words that name a news source",
     "Kantor berita resmi Tiongkok, Xinhua, melaporkan bahwa jalur kereta cepat ke Laos dibuka "
     "kembali.",
     [("indirect", "jalur kereta cepat ke Laos", "xinhua")]),
    ("a title with a verb's prefix (`Menteri`, `Media`) opens no participle clause",
     "Menteri luar negeri Vietnam Bui Thanh Son, dalam jumpa pers di Hanoi, mengatakan bahwa "
     "kedua negara akan menghapus visa turis.",
     [("indirect", "kedua negara akan menghapus", "bui-thanh-son")]),
    ("an agency after words that name a news source",
     "Menurut laporan harian Izvestia, kedua menteri meresmikan pusat bahasa di Novosibirsk.",
     [("indirect", "kedua menteri meresmikan", "izvestia")]),
    ("a dateline before the subject",
     "KAZAN - Menteri Luar Negeri Rusia Sergei Lavrov mengatakan forum pemuda itu akan digelar "
     "setiap tahun.",
     [("indirect", "forum pemuda itu akan", "sergei-lavrov")]),
    ("a date between commas is no apposition",
     "Juru bicara Satgas Hendra Tarmizi, Kamis (15/10/2020), menyampaikan, unjuk rasa juga "
     "terjadi di Tangerang.",
     [("indirect", "unjuk rasa juga terjadi", "hendra-tarmizi")]),
    ("an adverbial between the name and its verb: `kepada X`",
     "Duta Besar RI untuk Rusia Arief Wibowo kepada Antara mengatakan kopi Indonesia makin "
     "diminati di Moskow.",
     [("indirect", "kopi Indonesia makin diminati", "arief-wibowo")]),
    ("an adverbial between the name and its verb: a day",
     "Arief Wibowo pada Senin (3/3) mengatakan bahwa kedutaan membuka layanan paspor keliling.",
     [("indirect", "kedutaan membuka layanan", "arief-wibowo")]),
    ("adverbs between the subject and the verb",
     "Jepang untuk pertama kalinya menyatakan bahwa pelajar Rusia boleh magang di pabriknya.",
     [("indirect", "pelajar Rusia boleh", "jp-state")]),
    ("a title in lower case before the name, a day before the verb",
     "Sementara itu, menteri pertanian Budi Santoso pada Senin mengatakan bahwa stok beras cukup "
     "sampai Lebaran.",
     [("indirect", "stok beras cukup", "budi-santoso")]),
    ("a compound subject has no speaker",
     "Lavrov dan Retno mengatakan bahwa kuota pelajar akan ditambah.",
     [("indirect", "kuota pelajar akan", None)]),
    # --- states ---
    ("a country as the speaker is its state",
     "Rusia mengatakan ekspor gandum akan dilanjutkan bulan depan.",
     [("indirect", "ekspor gandum akan", "ru-state")]),
    ("a capital as the speaker is its state",
     "Beijing mengumumkan telah mencabut larangan impor buah dari Thailand.",
     [("indirect", "telah mencabut larangan", "cn-state")]),
    ("two countries together are no single speaker",
     "Jepang dan Korea Selatan menyatakan bahwa latihan gabungan akan ditunda.",
     [("indirect", "latihan gabungan akan", None)]),
    # --- sources ---
    ("a phrase the sentence gives to someone, with the agency after it",
     "Kim menyatakan bahwa pabrik pupuk itu akan “mengubah wajah desa,” tulis KCNA.",
     [("indirect", "pabrik pupuk itu akan", "kim-jong-un"),
      ("partial", "mengubah wajah desa", "kim-jong-un")]),
    ("`menurut` an agency, then someone's reported speech",
     "Menurut kantor berita Interfax, Novak menyatakan bahwa tarif tol Krimea akan turun.",
     [("indirect", "tarif tol Krimea akan", "alexander-novak")]),
    ("an outlet quoting someone `yang mengatakan`",
     "Harian Izvestia mengutip Wakil Perdana Menteri Alexander Novak yang mengatakan bahwa harga "
     "bensin akan dibekukan.",
     [("indirect", "harga bensin akan dibekukan", "alexander-novak")]),
    ("a closing cue naming a news source, with a speech verb inside",
     "Kim meninjau pabrik traktor itu dan mengatakan produksi harus naik dua kali lipat, kata "
     "televisi pemerintah Korea Utara.",
     [("indirect", "produksi harus naik", "kim-jong-un")]),
    # --- reported speech ---
    ("an attribution closing the sentence, a date after it",
     "Penerbangan langsung Moskow–Denpasar akan dibuka pada musim gugur, kata Kedutaan Besar "
     "Rusia di Jakarta pada Senin, 3 Maret 2025.",
     [("indirect", "Penerbangan langsung Moskow", "ru-embassy-id")]),
    ("`lapor` an agency closing the sentence",
     "Novak meresmikan kilang minyak di Tuapse pada hari Minggu, lapor kantor berita negara TASS.",
     [("indirect", "Novak meresmikan kilang", "tass")]),
    ("`menurut` an agency closing the sentence",
     "Tim dokter dari Moskow juga membuka klinik di Wonsan, menurut media pemerintah KCNA.",
     [("indirect", "Tim dokter dari Moskow", "kcna")]),
    ("`demikian` an agency closing the sentence",
     "Sebuah sekolah bahasa Rusia dibuka di Hamhung, demikian KCNA.",
     [("indirect", "Sebuah sekolah bahasa", "kcna")]),
    ("the reporter after the clause, closing the sentence",
     "Festival film Rusia akan digelar di Seoul bulan depan, kantor berita Yonhap melaporkan.",
     [("indirect", "Festival film Rusia akan", "yonhap")]),
    ("the reporter after the clause, an apposition after it",
     "Vietnam akan membeli dua kapal patroli dari Rusia, media Jepang melaporkan, sebuah "
     "kesepakatan yang jarang diumumkan.",
     [("indirect", "Vietnam akan membeli", None)]),
    ("a verb taking an object, then `dan` a verb taking a clause",
     "Televisi pemerintah melaporkan keberangkatan Retno dan mengatakan ia akan singgah di Dubai.",
     [("indirect", "ia akan singgah", None)]),
    ("a bare complement with an auxiliary is a clause",
     "Lavrov menegaskan jadwal kunjungan itu sudah disepakati.",
     [("indirect", "jadwal kunjungan itu sudah disepakati", "sergei-lavrov")]),
    ("a bare complement opening with a verb is a clause",
     "Retno menegaskan menolak segala bentuk intervensi asing.",
     [("indirect", "menolak segala bentuk", "retno-marsudi")]),
    ("`ke X` between the verb and its clause",
     "Retno menyampaikan ke Lavrov pendidikan vokasi merupakan fokus kerja sama tahun ini.",
     [("indirect", "pendidikan vokasi merupakan", "retno-marsudi")]),
    ("a verb with an object is no statement",
     "Retno menyatakan apresiasi mendalam atas bantuan Jepang.", []),
    ("a greeting is no statement, whatever its object says",
     "Lavrov menyampaikan ucapan selamat kepada tim yang akan bertanding di Kazan.", []),
    ("a verb that answers someone takes an object without `bahwa` or a comma",
     "Retno menjawab Lavrov dengan senyuman.", []),
    ("one word after `bahwa` (a page cut short) says nothing",
     "Pameran dibuka pukul sepuluh.\nAntara mengatakan bahwa Retno", []),
    ("`menurut` a title, then the name in apposition",
     "Menurut pengamat politik Rusia, Andrei Lankov, pertemuan itu menunjukkan Moskow butuh "
     "amunisi.",
     [("indirect", "pertemuan itu menunjukkan", "andrei-lankov")]),
    ("a negated copula makes a bare complement a clause",
     "Putin menilai langkah Barat itu bukan hal baru.",
     [("indirect", "langkah Barat itu bukan", "vladimir-putin")]),
    ("`menurut` data is no voice",
     "Menurut data bea cukai Korea Selatan, ekspor mobil ke Rusia turun separuh.",
     [("indirect", "ekspor mobil ke Rusia", None)]),
    ("reported speech before a direct quote in the same sentence",
     "Lavrov menyatakan bahwa ia ingin membahas \"jalur logistik baru\" dengan Hanoi, seraya "
     "menambahkan: \"Kami datang dengan banyak usulan.\"",
     [("indirect", "ia ingin membahas \"jalur logistik baru\" dengan Hanoi", "sergei-lavrov"),
      ("partial", "jalur logistik baru", "sergei-lavrov"),
      ("direct", "Kami datang dengan", "sergei-lavrov")]),
    ("`Demikian kata X` after a sentence makes it X's",
     "Delegasi dagang Rusia akan tiba di Surabaya pekan depan.\nDemikian kata Juru Bicara "
     "Kementerian Luar Negeri Rusia Maria Zakharova dalam jumpa pers.",
     [("indirect", "Delegasi dagang Rusia akan", "maria-zakharova")]),
    ("`Hal itu disampaikan X`: the person who spoke for the state",
     "Rusia mengakui bahwa panen gandum tahun ini menurun. Hal itu disampaikan Wakil Perdana "
     "Menteri Alexander Novak di Sochi.",
     [("indirect", "panen gandum tahun ini", "alexander-novak")]),
    ("a passive speech verb puts its agent in focus",
     "Ajakan itu disampaikan Menteri Luar Negeri Rusia Sergei Lavrov saat membuka pameran buku.\n"
     "“Sastra mendekatkan bangsa-bangsa,” katanya.",
     [("direct", "Sastra mendekatkan", "sergei-lavrov")]),
    # --- partial quotes ---
    ("a cue later in the sentence names the speaker of a phrase",
     "Perundingan itu “jauh dari selesai” bagi kedua pihak, kata Novak.",
     [("indirect", "Perundingan itu", "alexander-novak"),
      ("partial", "jauh dari selesai", "alexander-novak")]),
    ("a verb in a clause after a temporal break governs nothing of the speaker's",
     "Retno menyampaikan sambutannya sebelum menonton pertunjukan “Malam Budaya Nusantara” di "
     "Moskow.",
     []),
    ("a verb after a break with no subject of its own keeps the clause's subject",
     "Retno menyampaikan “terima kasih tulus” dari rakyat Aceh, setelah sebelumnya memuji "
     "“kesigapan luar biasa” tim penyelamat.",
     [("partial", "terima kasih tulus", "retno-marsudi"),
      ("partial", "kesigapan luar biasa", "retno-marsudi")]),
    ("a phrase after a cue and a participle clause",
     "“Kalian membuat kami bangga,” kata Putin, memuji atlet yang bertanding dengan “tenang dan "
     "cerdik.”",
     [("direct", "Kalian membuat kami", "vladimir-putin"),
      ("partial", "tenang dan cerdik", "vladimir-putin")]),
    ("a sentence with no subject continues the speaker in focus",
     "Dalam pidatonya, Kim menyerukan agar petani menjadi “pahlawan lumbung negara.” Sambil "
     "bersumpah menghapus “kemiskinan dan kelaparan” dari desa-desa.",
     [("partial", "pahlawan lumbung negara", "kim-jong-un"),
      ("partial", "kemiskinan dan kelaparan", "kim-jong-un")]),
    ("`menurutnya` right before the phrase",
     "Menteri Pertahanan Andrei Belousov memuji perjanjian itu.\nDia memuji kesepakatan yang "
     "ditandatangani setelah pertemuan Juni, yang menurutnya menjaga “keseimbangan kekuatan” di "
     "kawasan.",
     [("partial", "keseimbangan kekuatan", "andrei-belousov")]),
    ("a news source after the phrase: the subject of the verb speaks",
     "Kim berjanji untuk “menghapus kelaparan” dalam lima tahun, kata kantor berita resmi Korea "
     "Utara.",
     [("indirect", "Kim berjanji untuk", None),
      ("partial", "menghapus kelaparan", "kim-jong-un")]),
]


@pytest.mark.parametrize("body, expected", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_rule(body, expected):
    assert_statements(body, expected)


def test_an_agency_is_where_the_words_came_from():
    body = "Kim menyatakan bahwa pabrik pupuk itu akan “mengubah wajah desa,” tulis KCNA."
    partial = next(q for q in extract(body) if q["kind"] == "partial")
    assert (partial["person_id"], partial["via_organization_id"]) == ("kim-jong-un", "kcna")
    body = "“Panen tahun ini melampaui target,” demikian laporan KCNA seperti dikutip Antara."
    [quote] = extract(body)
    assert (quote["organization_id"], quote["via_organization_id"]) == ("kcna", "antara")
    body = "Menurut kantor berita Interfax, Novak menyatakan bahwa tarif tol Krimea akan turun."
    [quote] = extract(body)
    assert quote["via_organization_id"] == "interfax"
    body = ("Harian Izvestia mengutip Wakil Perdana Menteri Alexander Novak yang mengatakan bahwa "
            "harga bensin akan dibekukan.")
    [quote] = extract(body)
    assert quote["via_organization_id"] == "izvestia"


def test_the_lead_in_of_a_quote_is_not_reported_speech():
    body = ("Lavrov menyatakan bahwa ia ingin membahas jalur logistik baru dengan Hanoi, seraya "
            "menambahkan: “Kami datang dengan banyak usulan.”")
    indirect, direct = extract(body)
    assert indirect["text"] == "ia ingin membahas jalur logistik baru dengan Hanoi"
    assert (direct["kind"], direct["person_id"]) == ("direct", "sergei-lavrov")


def test_a_speaking_state_is_mentioned_where_its_country_is_named():
    body = "Rusia mengatakan ekspor gandum akan dilanjutkan bulan depan."
    quotes = extract(body)
    [mention] = speaking_states(body, split_sentences(body), quotes, [], STATES)
    assert (mention["organization_id"], mention["kind"]) == ("ru-state", "state")
    assert body[mention["start"]:mention["end"]] == mention["surface"] == "Rusia"
    assert mention["sentence"] == body
    # An organisation mention already there is not repeated.
    named = [{"organization_id": "ru-state", "start": 0, "end": 5}]
    assert speaking_states(body, split_sentences(body), quotes, named, STATES) == []


def test_evidence_offsets_point_at_the_text_and_the_speaker():
    for _, body, expected in CASES:
        for quote in extract(body):
            assert quote["text"].splitlines()[0].strip(" ,") in body[quote["start"]:quote["end"]]
            assert quote["sentence"] in body
            if quote["speaker_start"] is not None:
                assert body[quote["speaker_start"]:quote["speaker_end"]] == quote["speaker"]


# Where a rule must not fire: a wrong speaker is worse than none.
NOT_SPEAKERS = [
    ("a title two people had earlier names neither",
     "Presiden Rusia Vladimir Putin dan mantan Presiden Rusia Dmitry Medvedev menonton pertandingan "
     "hoki itu.\nPresiden Rusia menegaskan bahwa stadion baru akan selesai tahun depan.",
     "Dmitry Medvedev", ("dmitry-medvedev", "Presiden Rusia"),
     [("indirect", "stadion baru akan selesai", None)]),
    ("-nya after someone else is named in a later sentence: no speaker",
     "“Kami siap berunding,” kata Lavrov.\nPakar Rusia Andrei Lankov hadir dalam acara itu.\n"
     "“Semua pihak harus menahan diri,” tuturnya.",
     None, None, [("direct", "Kami siap berunding", "sergei-lavrov"),
                  ("direct", "Semua pihak harus", None)]),
    ("a question put to someone: the one asked does not speak",
     "“Apakah Anda akan datang ke Pyongyang?” tanya wartawan kepada Putin.",
     None, None, [("direct", "Apakah Anda akan datang", None)]),
    ("a quote after a narrative sentence about someone else keeps its own cue",
     "Presiden Volodymyr Zelensky memuji para relawan. “Bantuan kami tiba kemarin,” kata Lavrov.",
     None, None, [("direct", "Bantuan kami tiba", "sergei-lavrov")]),
    ("a title in lower case that possesses the name: the name is not the speaker",
     "Sementara itu, juru bicara Presiden Rusia Vladimir Putin mengatakan bahwa jadwal lawatan "
     "itu belum final.",
     None, None, [("indirect", "jadwal lawatan itu", None)]),
    ("stray lower-case words before a titled name are no title",
     "pengawal Presiden Rusia Vladimir Putin pada Senin mengatakan bahwa jalan itu akan ditutup.",
     None, None, [("indirect", "jalan itu akan ditutup", None)]),
    ("a source cue with a subject it cannot name leaves the speaker null",
     "Para analis mengatakan latihan itu akan diperluas tahun depan, lapor kantor berita TASS.",
     None, None, [("indirect", "latihan itu akan", None)]),
]


@pytest.mark.parametrize("body, extra, person, expected", [case[1:] for case in NOT_SPEAKERS],
                         ids=[case[0] for case in NOT_SPEAKERS])
def test_no_wrong_speaker(body, extra, person, expected, monkeypatch):
    if extra:
        monkeypatch.setitem(PEOPLE, extra, person)
    assert_statements(body, expected)


@pytest.mark.parametrize("text, sentences", [
    ("Festival digelar di Kazan.Menurut TASS, ribuan turis datang.",
     ["Festival digelar di Kazan.", "Menurut TASS, ribuan turis datang."]),
    ("Pameran itu dikunjungi warga RI.Panitia juga menyiapkan bus gratis.",
     ["Pameran itu dikunjungi warga RI.", "Panitia juga menyiapkan bus gratis."]),
    ("Lagu itu “sangat merdu.”Sambil tersenyum, Retno menyapa tamu.",
     ["Lagu itu “sangat merdu.”", "Sambil tersenyum, Retno menyapa tamu."]),
    ("Prof.Dr Budi Santoso hadir.", ["Prof.Dr Budi Santoso hadir."]),
    ("Liputan6.com, Jakarta - Rapat dimulai.", ["Liputan6.com, Jakarta - Rapat dimulai."]),
    ("Delegasi tiba di St.Petersburg kemarin.", ["Delegasi tiba di St.Petersburg kemarin."]),
])
def test_a_full_stop_without_a_space_ends_a_sentence(text, sentences):
    assert [s.text for s in split_sentences(text)] == sentences


def test_states_and_organisations_after_a_lost_space(tmp_path):
    from loader.extract.people import find_organizations
    from loader.reference import load_reference
    ref = load_reference()
    assert ref.state_by_country["RU"]["id"] == "ru-state"
    assert ref.state_by_country["KP"]["kind"] == "state"
    body = "Konser digelar kemarin malam.KCNA menyebut penontonnya puluhan ribu."
    assert [o["surface"] for o in find_organizations(body, split_sentences(body), ref)] == ["KCNA"]
    body = "Rapat digelar di J.KCNA Tower."  # after an initial's dot: part of a name
    assert find_organizations(body, split_sentences(body), ref) == []
    for name, message in [
            ("- name: Rusia\n  kind: state\n  country: RU\n- name: Federasi Rusia\n  kind: state\n"
             "  country: RU\n", "states 'rusia' and 'federasi-rusia' are both RU"),
            ("- name: Negara\n  kind: state\n", "state 'negara' needs a country")]:
        (tmp_path / "organizations.yml").write_text(name, encoding="utf-8")
        (tmp_path / "people.yml").write_text("[]\n", encoding="utf-8")
        (tmp_path / "places.yml").write_text("[]\n", encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            load_reference(tmp_path)


def test_headlines_of_other_stories_say_nothing_here():
    body = ("Lavrov tiba di Jakarta pada hari Senin.\n"
            "Baca juga: Putin mengatakan Rusia siap membeli lebih banyak kopi\n"
            "Baca juga: Kim: “Kami tidak akan mundur,” kata Kim\n"
            "“Kunjungan ini penting,” kata Lavrov.")
    assert summary(extract(body)) == [("direct", "Kunjungan ini penting", "sergei-lavrov")]


def test_the_name_after_a_title_in_apposition_is_in_focus():
    body = ("“Kami siap berunding,” kata Lavrov.\n"
            "Pakar hubungan internasional dari Universitas Indonesia, Yohanes Sulaiman, menilai "
            "langkah itu bukan hal baru. “Rusia sudah lama mencari mitra di Asia,” tuturnya.")
    mentions = [{"person_id": "sergei-lavrov", "surface": "Lavrov", "role": None,
                 "start": body.index("Lavrov"), "end": body.index("Lavrov") + 6},
                {"person_id": "yohanes-sulaiman", "surface": "Yohanes Sulaiman", "role": None,
                 "start": body.index("Yohanes"), "end": body.index("Yohanes") + 16}]
    quotes = find_quotes(body, split_sentences(body), mentions, [])
    assert [q["person_id"] for q in quotes] == ["sergei-lavrov", "yohanes-sulaiman",
                                                "yohanes-sulaiman"]


def test_a_document_noun_before_an_organisation_named_again():
    body = ("Kementerian Luar Negeri Rusia mengecam latihan itu.\n"
            "“Ini provokasi,” demikian pernyataan kementerian itu.")
    orgs = [{"organization_id": "ru-mfa", "kind": "government",
             "surface": "Kementerian Luar Negeri Rusia", "start": 0, "end": 29}]
    [quote] = find_quotes(body, split_sentences(body), [], orgs)
    assert quote["organization_id"] == "ru-mfa"
