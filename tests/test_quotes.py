"""Quote extraction on short texts in the style of the Indonesian press (invented names)."""
import random

from loader.extract.quotes import find_quotes
from loader.merge import _similar, cluster_texts, normalise_words
from loader.text import split_sentences


def quotes_of(body, mentions=(), organizations=()):
    return find_quotes(body, split_sentences(body), list(mentions), list(organizations))


def mention(body, surface, person_id, role=None, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(surface, start + 1)
    return {"person_id": person_id, "surface": surface, "role": role, "start": start,
            "end": start + len(surface), "sentence": ""}


def organization(body, surface, organization_id):
    start = body.index(surface)
    return {"organization_id": organization_id, "name": surface, "kind": "news_agency",
            "country": None, "wikidata": None, "surface": surface, "start": start,
            "end": start + len(surface), "sentence": ""}


def direct(quotes):
    return [q for q in quotes if q["kind"] == "direct"]


def test_cue_after_gives_speaker_and_offsets_are_valid():
    body = "Rapat digelar Senin.\n“Kami siap bekerja sama,” kata Viktor Sedov di Moskwa."
    [quote] = direct(quotes_of(body))
    assert quote["text"] == "Kami siap bekerja sama"
    assert body[quote["start"]:quote["end"]] == "“Kami siap bekerja sama,”"
    assert quote["text"] in body[quote["start"]:quote["end"]]
    assert quote["speaker"] == "Viktor Sedov"
    assert body[quote["speaker_start"]:quote["speaker_end"]] == "Viktor Sedov"


def test_closing_mark_used_to_open():
    body = "Ia tiba kemarin.\n”Pertemuan ini penting bagi kami,” ujar Pak Darmo."
    [quote] = direct(quotes_of(body))
    assert quote["text"] == "Pertemuan ini penting bagi kami"
    assert quote["speaker"] == "Pak Darmo"


def test_unclosed_quote_ends_at_its_paragraph():
    body = ("Menteri Luar Negeri Arvid Lenz menyatakan, “Kami tidak akan mundur dari perjanjian.\n"
            "Kunjungan itu berlangsung dua hari.\nPara diplomat kembali ke ibu kota.")
    [quote] = direct(quotes_of(body))
    assert body[quote["start"]:quote["end"]].endswith("perjanjian.")
    assert "Kunjungan" not in quote["text"]


def test_quote_over_several_paragraphs_is_one_statement():
    body = ("“Kerja sama ini baru permulaan.\n"
            "“Tahun depan kami akan menambah latihan bersama,” kata Jenderal Oskar Varga.")
    [quote] = direct(quotes_of(body))
    assert quote["start"] == 0 and quote["end"] == body.index(" kata")
    assert quote["text"].splitlines() == ["Kerja sama ini baru permulaan.",
                                          "Tahun depan kami akan menambah latihan bersama"]
    assert quote["speaker"] == "Jenderal Oskar Varga"


def test_nya_cue_takes_the_speaker_in_focus():
    body = ("“Pasokan sudah tiba,” kata Lena Morozova.\n"
            "Bantuan dikirim lewat jalur laut.\n“Sisanya menyusul pekan depan,” ujarnya.")
    people = [mention(body, "Lena Morozova", "lena-morozova")]
    quotes = direct(quotes_of(body, people))
    assert [q["person_id"] for q in quotes] == ["lena-morozova", "lena-morozova"]


def test_nya_cue_without_anyone_in_focus_keeps_a_null_speaker():
    body = "Hujan turun sejak pagi.\n“Jalan ditutup sementara,” katanya."
    [quote] = direct(quotes_of(body))
    assert quote["speaker"] is None and quote["person_id"] is None


def test_second_quote_continues_the_same_speaker():
    body = ("“Latihan ini rutin,” kata analis Mira Santosa. "
            "“Tidak ada yang perlu dikhawatirkan dari latihan itu.”")
    people = [mention(body, "Mira Santosa", "mira-santosa", role="analis")]
    quotes = direct(quotes_of(body, people))
    assert len(quotes) == 2
    assert {q["person_id"] for q in quotes} == {"mira-santosa"}


def test_role_with_tersebut_resolves_to_the_person_introduced_earlier():
    body = ("Menteri Pertahanan Belarus Pavel Greben tiba di Hanoi.\n"
            "Menteri Pertahanan Belarus tersebut menyatakan, “Kami datang sebagai sahabat.”")
    people = [mention(body, "Pavel Greben", "pavel-greben", role="Menteri Pertahanan Belarus")]
    [quote] = direct(quotes_of(body, people))
    assert quote["person_id"] == "pavel-greben"


def test_surname_resolved_through_mentions():
    body = ("Kepala staf Chen Wei-ming bertemu Presiden Idris Kamal.\n"
            "“Kami sepakat memperluas latihan,” kata Chen.")
    people = [mention(body, "Chen Wei-ming", "chen-wei-ming"),
              mention(body, "Idris Kamal", "idris-kamal"),
              mention(body, "Chen", "chen-wei-ming", occurrence=1)]
    [quote] = direct(quotes_of(body, people))
    assert quote["person_id"] == "chen-wei-ming"
    assert quote["speaker"] == "Chen"


def test_spokesperson_of_a_leader_is_not_the_leader():
    body = "“Tidak ada perubahan rencana,” kata juru bicara Idris Kamal kepada wartawan."
    people = [mention(body, "Idris Kamal", "idris-kamal")]
    [quote] = direct(quotes_of(body, people))
    assert quote["person_id"] is None


def test_organisation_as_speaker_and_source_agency():
    body = ("“Latihan gabungan berjalan lancar,” bunyi pernyataan Kementerian Pertahanan "
            "dikutip dari Kantor Berita Nusa.")
    orgs = [organization(body, "Kementerian Pertahanan", "kemhan"),
            organization(body, "Kantor Berita Nusa", "nusa")]
    [quote] = direct(quotes_of(body, organizations=orgs))
    assert quote["organization_id"] == "kemhan" and quote["person_id"] is None
    assert quote["via_organization_id"] == "nusa"


def test_source_agency_kept_as_written_when_unknown():
    body = "“Kami tidak gentar,” kata Viktor Sedov seperti dikutip Harian Timur."
    [quote] = direct(quotes_of(body))
    assert quote["speaker"] == "Viktor Sedov"
    assert quote["via"] == "Harian Timur" and quote["via_organization_id"] is None


def test_partial_quote_inside_reported_speech():
    body = ("Greben, dalam sebuah pernyataan, memuji kerja sama kedua negara dan menyebut "
            "hubungan itu “tak tergoyahkan.”")
    people = [mention(body, "Greben", "pavel-greben")]
    [quote] = [q for q in quotes_of(body, people) if q["kind"] == "partial"]
    assert quote["text"] == "tak tergoyahkan."
    assert quote["person_id"] == "pavel-greben"


def test_phrase_after_a_cue_and_dan_continues_that_speaker():
    body = ("Latihan itu menunjukkan “kesiapan penuh” pasukan, kata Greben, dan “tekad bersama "
            "untuk menjaga perdamaian.”")
    people = [mention(body, "Greben", "pavel-greben")]
    quotes = [q for q in quotes_of(body, people) if q["kind"] == "partial"]
    assert [(q["text"], q["person_id"]) for q in quotes] == [
        ("kesiapan penuh", "pavel-greben"), ("tekad bersama untuk menjaga perdamaian.", "pavel-greben")]


def test_slogan_without_speech_cue_is_not_a_statement():
    body = "Para prajurit berbaris di bawah spanduk bertuliskan “Persahabatan abadi.”"
    assert quotes_of(body) == []


def test_indirect_speech_with_and_without_bahwa():
    body = ("Lena Morozova mengatakan bahwa latihan akan digelar bulan depan.\n"
            "Oskar Varga mengatakan pasukannya siap mengikuti latihan itu.")
    people = [mention(body, "Lena Morozova", "lena-morozova"),
              mention(body, "Oskar Varga", "oskar-varga")]
    quotes = quotes_of(body, people)
    assert [(q["kind"], q["person_id"]) for q in quotes] == [
        ("indirect", "lena-morozova"), ("indirect", "oskar-varga")]
    assert quotes[0]["text"] == "latihan akan digelar bulan depan"
    assert quotes[1]["text"] == "pasukannya siap mengikuti latihan itu"


def test_menurut_introduces_reported_speech():
    body = "Menurut Mira Santosa, latihan itu ditujukan untuk menekan negara tetangga."
    [quote] = quotes_of(body)
    assert quote["kind"] == "indirect" and quote["speaker"] == "Mira Santosa"
    assert quote["text"] == "latihan itu ditujukan untuk menekan negara tetangga"


def test_negated_and_question_forms_are_not_statements():
    body = ("Oskar Varga tidak mengatakan apakah pasukannya ikut.\n"
            "Kantor kepresidenan belum mengatakan kapan kunjungan berlangsung.")
    assert quotes_of(body) == []


def test_cluster_texts_groups_small_wording_differences():
    texts = ["Kami berkomitmen untuk saling mendukung, dan hubungan kami telah berkembang.",
             "Kami berkomitmen saling mendukung dan hubungan kami telah berkembang",
             "Tidak ada pasukan kami di wilayah itu."]
    clusters = cluster_texts(texts)
    assert clusters[texts[0]] == clusters[texts[1]] != clusters[texts[2]]
    assert cluster_texts(list(reversed(texts))) == clusters


def test_cluster_texts_finds_what_comparing_every_pair_finds_among_many_texts():
    # Sentences that share common words (yang, tidak, akan) and near copies of some of them
    # (a letter changed, the last word dropped, a comma added): the look-up by rare words must
    # find the same clusters as comparing each text with every cluster before it.
    rng = random.Random(7)
    subjects = ["Pemerintah", "Kementerian itu", "Pasukan kami", "Delegasi tersebut", "Presiden"]
    verbs = ["tidak akan mengirim", "akan memperluas", "yang telah menyetujui", "belum membahas",
             "sedang menyiapkan", "tidak pernah menolak"]
    objects = ["bantuan militer", "latihan gabungan", "perjanjian baru", "kerja sama teknologi",
               "pertukaran pelajar", "sanksi ekonomi", "pasokan amunisi", "rute penerbangan"]
    places = ["di Pyongyang", "ke Vladivostok", "bersama Moskow", "untuk wilayah timur", "tahun depan"]
    texts = sorted({f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} "
                    f"{rng.choice(places)} {rng.choice(places)}." for _ in range(400)})
    variants = []
    for text in rng.sample(texts, 60):
        words = text.rstrip(".").split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        words[longest] = words[longest][:-1] + "x"
        variants += [" ".join(words), " ".join(text.split()[:-1]), text.replace(" ", ", ", 1)]
    everything = texts + variants
    clusters = cluster_texts(everything)

    normalised = sorted({normalise_words(text) for text in everything})
    first_members: list[str] = []
    expected = {}
    for text in normalised:
        match = next((member for member in first_members if _similar(text, member)), None)
        if match is None:
            first_members.append(text)
        expected[text] = match or text
    same = {(a, b) for a in everything for b in everything
            if expected[normalise_words(a)] == expected[normalise_words(b)]}
    assert same == {(a, b) for a in everything for b in everything if clusters[a] == clusters[b]}
    assert len(set(clusters.values())) < len(set(map(normalise_words, everything)))


def test_name_in_apposition_after_a_lower_case_title_is_the_speaker():
    body = ("Penasihat keamanan nasional Lee, Park Sung-ho, mengatakan dalam wawancara bahwa "
            "latihan gabungan akan diperluas tahun depan.")
    people = [mention(body, "Lee", "lee-min-ho"), mention(body, "Park Sung-ho", "park-sung-ho")]
    [quote] = quotes_of(body, people)
    assert (quote["kind"], quote["person_id"]) == ("indirect", "park-sung-ho")
