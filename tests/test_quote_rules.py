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
    "Sergei Shoigu": ("sergei-shoigu", None), "Shoigu": ("sergei-shoigu", None),
    "Vladimir Putin": ("vladimir-putin", "Presiden Rusia"), "Putin": ("vladimir-putin", None),
    "Kim": ("kim-jong-un", None), "Choe": ("choe-son-hui", None), "Novak": ("alexander-novak", None),
    "Volodymyr Zelensky": ("volodymyr-zelensky", "Presiden"),
    "Dmitry Peskov": ("dmitry-peskov", "Juru Bicara Istana Kremlin"),
    "Prabowo": ("prabowo-subianto", None), "Xi": ("xi-jinping", None),
    "Andrei Belousov": ("andrei-belousov", "Menteri Pertahanan"),
    "Belousov": ("andrei-belousov", None),
    "Valery Gerasimov": ("valery-gerasimov", "Kepala Staf Umum"),
    "Hendra Tarmizi": ("hendra-tarmizi", None), "Andrei Lankov": ("andrei-lankov", None),
    "Budi Santoso": ("budi-santoso", "menteri pertanian"),
    "Bui Thanh Son": ("bui-thanh-son", "Menteri luar negeri Vietnam"),
}
ORGANIZATIONS = {
    "KCNA": ("kcna", "news_agency"), "AFP": ("afp", "news_agency"), "TASS": ("tass", "news_agency"),
    "Antara": ("antara", "news_agency"), "BBC Indonesia": ("bbc", "news_outlet"),
    "Xinhua": ("xinhua", "news_agency"), "Sputnik": ("sputnik", "news_agency"),
    "RIA Novosti": ("ria-novosti", "news_agency"),
    "Kementerian Luar Negeri Rusia": ("ru-ministry-of-foreign-affairs", "government"),
    "Kedutaan Besar Rusia di Korea Utara": ("ru-embassy-kp", "government"),
    "Gedung Putih": ("white-house", "government"),
}
PLACES = {"Rusia": ("RU", "country"), "Pyongyang": ("KP", "city"), "Beijing": ("CN", "city"),
          "Amerika Serikat": ("US", "country"), "Korea Selatan": ("KR", "country"),
          "Korea Utara": ("KP", "country"), "Moskow": ("RU", "city"), "Kursk": ("RU", "region")}
STATES = {code: {"id": f"{code.lower()}-state", "name": name, "kind": "state", "country": code,
                 "wikidata": None}
          for code, name in [("RU", "Russia"), ("KP", "North Korea"), ("CN", "China"),
                             ("US", "United States"), ("KR", "South Korea")]}


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
     "Lavrov menyebut pertemuan itu sebagai 'langkah maju yang nyata'.",
     [("partial", "langkah maju yang nyata", "sergei-lavrov")]),
    ("an apostrophe inside a word is no quote mark",
     "Pada hari Jum'at, Lavrov tiba di Hanoi.", []),
    ("a typewriter mark that never closes is an apostrophe",
     "Lavrov menyebut era '90-an sebagai masa sulit bagi kedua negara.", []),
    ("a paragraph that lost its opening mark, with a cue after the closing one",
     "Rapat berlangsung tertutup.\n\nKedua menteri akan membahas kerja sama energi tahun "
     "depan,\" tulis Kementerian Luar Negeri Rusia.",
     [("direct", "Kedua menteri akan membahas", "ru-ministry-of-foreign-affairs")]),
    # --- cues after the quote ---
    ("an exchange: each answer has its own speaker",
     "“Apakah ini masih Asia Tenggara?” tanya Lavrov.\n“Benar, ini ASEAN,” jawab Retno.",
     [("direct", "Apakah ini", "sergei-lavrov"), ("direct", "Benar, ini ASEAN", "retno-marsudi")]),
    ("a comma after the closing mark",
     "“Kami akan terus bekerja sama”, ujar Lavrov di Moskow.",
     [("direct", "Kami akan terus", "sergei-lavrov")]),
    ("`demikian laporan X`: the agency speaks",
     "“Latihan berjalan lancar,” demikian laporan KCNA.",
     [("direct", "Latihan berjalan lancar", "kcna")]),
    ("a name and its speech verb after the quote",
     "“Kami akan terus bekerja sama,” Putin menambahkan.",
     [("direct", "Kami akan terus", "vladimir-putin")]),
    ("an agency quoting someone after the quote: the person speaks",
     "“Kesepakatan telah dicapai,” kantor berita TASS mengutip pernyataan Shoigu.",
     [("direct", "Kesepakatan telah dicapai", "sergei-shoigu")]),
    ("the rest of a quote after an interrupted attribution",
     "“Kami siap,” ujar Shoigu, “dan kami tidak akan mundur.”",
     [("direct", "Kami siap", "sergei-shoigu"), ("direct", "dan kami tidak", "sergei-shoigu")]),
    # --- a quote with no cue of its own ---
    ("after a sentence whose attribution closes it",
     "Pasukan akan tiba bulan depan, kata Shoigu pada hari Selasa. “Ini bantuan persaudaraan.”",
     [("indirect", "Pasukan akan tiba bulan depan", "sergei-shoigu"),
      ("direct", "Ini bantuan persaudaraan", "sergei-shoigu")]),
    ("after a sentence whose subject speaks",
     "Presiden Volodymyr Zelensky mengecam serangan itu. “Mereka menyerang kota kami lagi.”",
     [("direct", "Mereka menyerang", "volodymyr-zelensky")]),
    ("after a sentence that is no speech act: not a statement",
     "Presiden Volodymyr Zelensky meninjau lokasi serangan. “Mereka menyerang kota kami lagi.”",
     []),
    # --- subjects ---
    ("a participle clause before the subject",
     "Bertemu dengan Shoigu pada hari Rabu, Kim mengatakan bahwa Pyongyang akan mendukung "
     "Moskow.",
     [("indirect", "Pyongyang akan mendukung", "kim-jong-un")]),
    ("a sourcing frame before the subject",
     "Dilansir dari Antara, Prabowo menjelaskan kunjungan itu akan memperkuat kerja sama.",
     [("indirect", "kunjungan itu akan", "prabowo-subianto")]),
    ("an outlet reporting what someone says",
     "BBC Indonesia mengabarkan, Kim mengatakan kedua negara akan membahas masalah nuklir.",
     [("indirect", "kedua negara akan membahas", "kim-jong-un")]),
    ("the subject of a clause opened by `di mana`",
     "Choe bertemu Novak pada hari Rabu, di mana KCNA melaporkan bahwa mereka membahas kerja "
     "sama ekonomi.",
     [("indirect", "mereka membahas kerja sama", "kcna")]),
    ("the subject of a clause opened by `sementara`",
     "Putin memuji Kim, sementara Kim mengatakan bahwa hubungan kedua negara semakin erat.",
     [("indirect", "hubungan kedua negara", "kim-jong-un")]),
    ("a title with lower-case words before the name",
     "“Tidak ada perubahan jadwal,” kata juru bicara Kremlin Dmitry Peskov.",
     [("direct", "Tidak ada perubahan", "dmitry-peskov")]),
    ("a title with `itu`: the one person introduced with it",
     "Juru Bicara Istana Kremlin Dmitry Peskov menemui wartawan.\n“Kami siap berbicara,” kata "
     "juru bicara itu.",
     [("direct", "Kami siap berbicara", "dmitry-peskov")]),
    ("square-bracket insertions inside a quote, a title with `itu` after it",
     "Juru Bicara Istana Kremlin Dmitry Peskov menemui wartawan.\n\"Hari ini Presiden [Rusia] "
     "[Vladimir] Putin akan menerima tamu dari Jakarta,\" kata juru bicara itu.",
     [("direct", "Hari ini Presiden [Rusia] [Vladimir] Putin", "dmitry-peskov")]),
    ("a title alone: the one person introduced with it",
     "Presiden Rusia Vladimir Putin tiba di Beijing.\nPresiden Rusia menegaskan bahwa kerja sama "
     "kedua negara akan berlanjut.",
     [("indirect", "kerja sama kedua negara", "vladimir-putin")]),
    ("an organisation named again with `tersebut`",
     "Kedutaan Besar Rusia di Korea Utara menerbitkan unggahan.\nDalam unggahan itu, kedutaan "
     "tersebut mengatakan bahwa kedua pihak membahas kerja sama.",
     [("indirect", "kedua pihak membahas", "ru-embassy-kp")]),
    ("an organisation alone in an apposition after words that name a news source",
     "Kantor berita resmi Tiongkok, Xinhua, melaporkan bahwa jalur kereta cepat ke Laos dibuka "
     "kembali.",
     [("indirect", "jalur kereta cepat ke Laos", "xinhua")]),
    ("a title with a verb's prefix (`Menteri`, `Media`) opens no participle clause",
     "Menteri luar negeri Vietnam Bui Thanh Son, dalam jumpa pers di Hanoi, mengatakan bahwa "
     "kedua negara akan menghapus visa turis.",
     [("indirect", "kedua negara akan menghapus", "bui-thanh-son")]),
    ("an agency after words that name a news source",
     "Menurut laporan kantor berita Xinhua, Xi mengucapkan selamat kepada Prabowo.",
     [("indirect", "Xi mengucapkan selamat", "xinhua")]),
    ("a dateline before the subject",
     "SEOUL - Menteri Luar Negeri Rusia Sergei Lavrov mengatakan kunjungan itu penting bagi "
     "kedua negara.",
     [("indirect", "kunjungan itu penting", "sergei-lavrov")]),
    ("a date between commas is no apposition",
     "Juru bicara Satgas Hendra Tarmizi, Kamis (15/10/2020), menyampaikan, unjuk rasa juga "
     "terjadi di Tangerang.",
     [("indirect", "unjuk rasa juga terjadi", "hendra-tarmizi")]),
    ("a title in lower case before the name, a day before the verb",
     "Sementara itu, menteri pertanian Budi Santoso pada Senin mengatakan bahwa stok beras cukup "
     "sampai Lebaran.",
     [("indirect", "stok beras cukup", "budi-santoso")]),
    ("a compound subject has no speaker",
     "Putin dan Kim mengatakan bahwa kedua negara akan memperluas kerja sama.",
     [("indirect", "kedua negara akan", None)]),
    # --- states ---
    ("a country as the speaker is its state",
     "Rusia mengatakan kedua pemimpin akan membahas masalah nuklir.",
     [("indirect", "kedua pemimpin akan", "ru-state")]),
    ("a capital as the speaker is its state",
     "Pyongyang mengumumkan telah meratifikasi pakta pertahanan dengan Rusia.",
     [("indirect", "telah meratifikasi", "kp-state")]),
    ("two countries together are no single speaker",
     "Amerika Serikat dan Korea Selatan menyatakan bahwa Kim mungkin meminta teknologi Rusia.",
     [("indirect", "Kim mungkin meminta", None)]),
    # --- sources ---
    ("a phrase the sentence gives to someone, with the agency after it",
     "Kim menyatakan bahwa latihan itu akan “memperkuat pertahanan,” tulis KCNA.",
     [("indirect", "latihan itu akan", "kim-jong-un"),
      ("partial", "memperkuat pertahanan", "kim-jong-un")]),
    ("`menurut` an agency, then someone's reported speech",
     "Menurut kantor berita Sputnik, Putin menyatakan bahwa hubungan kedua negara berjalan "
     "sesuai rencana.",
     [("indirect", "hubungan kedua negara", "vladimir-putin")]),
    ("an agency quoting someone `yang mengatakan`",
     "Kantor berita RIA Novosti mengutip Menteri Pertahanan Andrei Belousov yang mengatakan "
     "bahwa latihan akan diperluas.",
     [("indirect", "latihan akan diperluas", "andrei-belousov")]),
    ("a closing cue naming a news source, with a speech verb inside",
     "Kim berjanji mendukung Moskow dan mengatakan ia berharap Rusia menang, kata media "
     "pemerintah Pyongyang.",
     [("indirect", "ia berharap Rusia menang", "kim-jong-un")]),
    # --- reported speech ---
    ("an attribution closing the sentence, a date after it",
     "Korea Utara akan mengirim pasukan tambahan, kata Kedutaan Besar Rusia di Korea Utara "
     "pada Rabu, 4 Juni 2025.",
     [("indirect", "Korea Utara akan mengirim", "ru-embassy-kp")]),
    ("`lapor` an agency closing the sentence",
     "Lavrov bertemu mitranya di Wonsan pada hari Sabtu, lapor kantor berita negara TASS.",
     [("indirect", "Lavrov bertemu mitranya", "tass")]),
    ("`menurut` an agency closing the sentence",
     "Delegasi militer Rusia juga tiba di Pyongyang, menurut media pemerintah KCNA.",
     [("indirect", "Delegasi militer Rusia", "kcna")]),
    ("`demikian` an agency closing the sentence",
     "Kedua negara menandatangani perjanjian kesehatan, demikian KCNA.",
     [("indirect", "Kedua negara menandatangani", "kcna")]),
    ("the reporter after the clause, an apposition after it",
     "Korea Utara akan mengirim ribuan pekerja ke Kursk, media Rusia melaporkan, sebuah tanda "
     "eratnya aliansi kedua negara.",
     [("indirect", "Korea Utara akan mengirim", None)]),
    ("a verb taking an object, then `dan` a verb taking a clause",
     "Kantor berita Rusia melaporkan kedatangan Lavrov dan mengatakan ia akan ke Tiongkok "
     "setelahnya.",
     [("indirect", "ia akan ke Tiongkok", None)]),
    ("a bare complement with an auxiliary is a clause",
     "Putin menegaskan hubungan kedua negara semakin erat.",
     [("indirect", "hubungan kedua negara semakin erat", "vladimir-putin")]),
    ("a bare complement opening with a verb is a clause",
     "Xi menegaskan mendukung denuklirisasi dan pembicaraan damai.",
     [("indirect", "mendukung denuklirisasi", "xi-jinping")]),
    ("`ke X` between the verb and its clause",
     "Prabowo menyampaikan ke Putin ketahanan energi merupakan prioritas pemerintahannya.",
     [("indirect", "ketahanan energi merupakan", "prabowo-subianto")]),
    ("a verb with an object is no statement",
     "Kim menyatakan komitmen kuat Pyongyang terhadap langkah Rusia.", []),
    ("a greeting is no statement",
     "Putin menyampaikan salam hangat kepada rakyat Korea Utara.", []),
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
     "Menurut data intelijen Korea Selatan, ribuan tentara telah dikirim ke Kursk.",
     [("indirect", "ribuan tentara telah dikirim", None)]),
    ("reported speech before a direct quote in the same sentence",
     "Kim menyatakan bahwa ia berniat fokus pada \"prospek hubungan\" dengan Moskow, seraya "
     "menambahkan: \"Saya senang bertemu Anda.\"",
     [("indirect", "ia berniat fokus pada \"prospek hubungan\" dengan Moskow", "kim-jong-un"),
      ("partial", "prospek hubungan", "kim-jong-un"),
      ("direct", "Saya senang bertemu Anda", "kim-jong-un")]),
    ("`Demikian kata X` after a sentence makes it X's",
     "Putin akan bertemu Prabowo di Kremlin pekan ini.\nDemikian kata Juru Bicara Istana "
     "Kremlin Dmitry Peskov kepada wartawan.",
     [("indirect", "Putin akan bertemu Prabowo", "dmitry-peskov")]),
    ("`Hal itu disampaikan X`: the person who spoke for the state",
     "Rusia mengakui bahwa pasukan asing ikut bertempur di Kursk. Hal itu disampaikan Kepala "
     "Staf Umum Valery Gerasimov di Moskow.",
     [("indirect", "pasukan asing ikut", "valery-gerasimov")]),
    ("a passive speech verb puts its agent in focus",
     "Pernyataan tersebut disampaikan Menteri Luar Negeri Rusia Sergei Lavrov di Moskow.\n"
     "“Kami menghargai pendekatan Indonesia,” katanya.",
     [("direct", "Kami menghargai", "sergei-lavrov")]),
    # --- partial quotes ---
    ("a verb in a clause after a temporal break governs nothing of the speaker's",
     "Putin menyampaikan pernyataan itu setelah menghadiri parade “Hari Kemenangan” di Beijing.",
     []),
    ("a verb after a break with no subject of its own keeps the clause's subject",
     "Choe menyampaikan “harapan hangat” dari Kim, setelah sebelumnya memuji “kedekatan "
     "spiritual” kedua negara.",
     [("partial", "harapan hangat", "choe-son-hui"),
      ("partial", "kedekatan spiritual", "choe-son-hui")]),
    ("a phrase after a cue and a participle clause",
     "“Pasukan Anda bertempur dengan gagah,” kata Putin, memuji tentara yang bertempur dengan "
     "“berani dan heroik.”",
     [("direct", "Pasukan Anda bertempur", "vladimir-putin"),
      ("partial", "berani dan heroik", "vladimir-putin")]),
    ("a sentence with no subject continues the speaker in focus",
     "Dalam pidatonya, Kim menyerukan agar militer menjadi “kekuatan tak terkalahkan.” Sambil "
     "bersumpah melawan “ketidakadilan dan hegemoni” di kawasan.",
     [("partial", "kekuatan tak terkalahkan", "kim-jong-un"),
      ("partial", "ketidakadilan dan hegemoni", "kim-jong-un")]),
    ("`menurutnya` right before the phrase",
     "Menteri Pertahanan Andrei Belousov memuji perjanjian itu.\nDia memuji kesepakatan yang "
     "ditandatangani setelah pertemuan Juni, yang menurutnya menjaga “keseimbangan kekuatan” di "
     "kawasan.",
     [("partial", "keseimbangan kekuatan", "andrei-belousov")]),
    ("a news source after the phrase: the subject of the verb speaks",
     "Kim berjanji untuk “mendukung tanpa syarat” Rusia, kata media pemerintah Pyongyang.",
     [("indirect", "Kim berjanji untuk", None),
      ("partial", "mendukung tanpa syarat", "kim-jong-un")]),
]


@pytest.mark.parametrize("body, expected", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_rule(body, expected):
    assert_statements(body, expected)


def test_an_agency_is_where_the_words_came_from():
    body = "Kim menyatakan bahwa latihan itu akan “memperkuat pertahanan,” tulis KCNA."
    partial = next(q for q in extract(body) if q["kind"] == "partial")
    assert (partial["person_id"], partial["via_organization_id"]) == ("kim-jong-un", "kcna")
    body = "“Latihan berjalan lancar,” demikian laporan KCNA dikutip dari AFP."
    [quote] = extract(body)
    assert (quote["organization_id"], quote["via_organization_id"]) == ("kcna", "afp")
    body = ("Menurut kantor berita Sputnik, Putin menyatakan bahwa hubungan kedua negara berjalan "
            "sesuai rencana.")
    [quote] = extract(body)
    assert quote["via_organization_id"] == "sputnik"
    body = ("Kantor berita RIA Novosti mengutip Menteri Pertahanan Andrei Belousov yang "
            "mengatakan bahwa latihan akan diperluas.")
    [quote] = extract(body)
    assert quote["via_organization_id"] == "ria-novosti"


def test_a_speaking_state_is_mentioned_where_its_country_is_named():
    body = "Rusia mengatakan kedua pemimpin akan membahas masalah nuklir."
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
     "Presiden Rusia Vladimir Putin dan mantan Presiden Rusia Dmitry Medvedev hadir.\n"
     "Presiden Rusia menegaskan bahwa kerja sama akan berlanjut.",
     "Dmitry Medvedev", ("dmitry-medvedev", "Presiden Rusia"),
     [("indirect", "kerja sama akan berlanjut", None)]),
    ("-nya after someone else is named in a later sentence: no speaker",
     "“Kami siap berunding,” kata Lavrov.\nPakar Rusia Andrei Lankov hadir dalam acara itu.\n"
     "“Semua pihak harus menahan diri,” tuturnya.",
     None, None, [("direct", "Kami siap berunding", "sergei-lavrov"),
                  ("direct", "Semua pihak harus", None)]),
    ("a question put to someone: the one asked does not speak",
     "“Apakah Anda akan datang ke Pyongyang?” tanya wartawan kepada Putin.",
     None, None, [("direct", "Apakah Anda akan datang", None)]),
    ("a quote after a narrative sentence about someone else keeps its own cue",
     "Presiden Volodymyr Zelensky mengecam serangan itu. “Kami tidak menyerang warga,” kata "
     "Lavrov.",
     None, None, [("direct", "Kami tidak menyerang", "sergei-lavrov")]),
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
    ("Parade digelar di Pyongyang.Menurut KCNA, rudal baru dipamerkan.",
     ["Parade digelar di Pyongyang.", "Menurut KCNA, rudal baru dipamerkan."]),
    ("Pernyataan itu menyindir AS.Kim juga memuji pasukannya.",
     ["Pernyataan itu menyindir AS.", "Kim juga memuji pasukannya."]),
    ("Rudal itu “sangat kuat.”Sambil tersenyum, Kim menyapa tamu.",
     ["Rudal itu “sangat kuat.”", "Sambil tersenyum, Kim menyapa tamu."]),
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
    body = "Parade digelar kemarin malam.KCNA menyebut rudal itu paling kuat."
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
    body = ("Lavrov tiba di Pyongyang pada hari Sabtu.\n"
            "Baca juga: Putin mengatakan Rusia siap berunding dengan siapa pun\n"
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
