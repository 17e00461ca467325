"""Meeting reports: sentences saying that people met, visited, received or signed.

One report per clause that carries a meeting cue (``bertemu``, ``mengunjungi``, ``menerima``,
``diterima oleh``, ``berjabat tangan``, ``menandatangani``, ...). A sentence is cut into clauses at
connectives (``setelah``, ``ketika``, ``bahwa``, ``kata``, ...) so that a person named in one
clause is not taken as a participant of a meeting told in another. Rules, precision first:

- Speculation anywhere before the cue in the sentence (``belum jelas apakah``, ``kemungkinan``,
  ``diperkirakan``, ``dikabarkan``, ``ingin``, ``peluang``) or a question: no report at all. A
  negation, a duty or a readiness right before the cue (``tidak bertemu``, ``batal
  mengunjungi``, ``harus bertemu``, ``siap bertemu``): no report. A call is not a meeting
  (``melalui telepon``, ``secara virtual``).
- Planned: ``akan``/``dijadwalkan``/``berencana``/``diagendakan``/``setuju untuk``/``menjelang``
  before the cue, ``yang akan digelar``/``rencananya``/``berikutnya`` after a meeting noun, or a
  date after the anchor. A planned clause reads its year-less dates forward (``pada September``
  is the coming one). ``X tiba sebelum bertemu Y``: held, unless the article announces it
  elsewhere.
- Participants are the person mentions in the clause. A visit needs its visitor and either a
  named counterpart or a destination (``ke Korea Utara``, ``di Pyongyang``) or an organisation to
  receive it; talks, receptions and signings need two different people.
- A clause that names nobody before its cue takes its subject from the sentence: a clause opened
  by ``saat``/``ketika``/``usai``/``setelah``/``untuk``/``kemudian`` ... (``Hal itu diucapkan X
  saat mengadakan pembicaraan dengan Y``) has the subject of the clause before it; ``keduanya``/
  ``kedua pemimpin``/``mereka`` stand for the people named earlier in the sentence, or for the two
  the previous sentence names; ``ia``/``dia`` for the subject before it, in the sentence or the one
  before, and after ``bahwa`` the one who says it. A sentence opening with a statement
  (``Pernyataan ini disampaikan kepada X dalam pertemuan ...``) has the speaker of the previous
  sentence, and its date when it gives none. In a direct quote of a known speaker, ``kita``/
  ``kami``/``saya`` is the speaker, met with whom the clause names or else whom the article last
  told the speaker meeting.
- A clause that points back to a meeting (``Dalam pertemuan itu, X ...``, ``X juga hadir dalam
  pertemuan tersebut``) or tells who came along (``X didampingi Y``, ``turut hadir Y``) adds its
  people to the last meeting the article reported (within REFERENT_SENTENCES sentences) that
  has one of them in it, else the last; the report says which (``refers_to``). Those on the trip
  (``didampingi Y dalam lawatannya``) are no participants.
- A welcome (``menyambut``, ``disambut``) with no date or place of its own happened when and
  where its guest arrived (``tiba di``), if the article told that arrival just before; more
  welcomers (``Selain itu, tampak menyambut ...``) join that welcome.
- Past meetings told as context (``setelah pertemuan mereka pada bulan Juni``) are reports too,
  under the same rules and with their own date: they are facts a reader finds in the text.
- Roles: the visitor is ``guest``, the one visited, receiving or inviting (``atas undangan X``)
  is ``host``, a person named after ``delegasi … yang dipimpin (oleh)`` or who came along is
  ``delegation``; when the text does not say, None.
- The place is the first one introduced by ``di``/``ke`` after the cue (else the last before it);
  of a run of places (``di Istana Kremlin, Moskow``) the most specific.
- CAMEO: visit 042, reception 043, signing 057; talks 044 when ``people`` shows the place is in
  no participant's country, else 040 (consult), because "third location" cannot be assumed.
"""
import re

from loader.extract.dates import as_date, find_dates, latest_stated_date
from loader.extract.people import BOILERPLATE_LINE
from loader.reference import PLACE_KINDS

# (kind, pattern, roles before and after the cue). In a clause with several cues the one listed
# first names the event: "menerima ... untuk melakukan pembicaraan" is a reception,
# "pertemuan dengan delegasi" talks.
CUES = [
    ("signing", r"\b(?:menandatangani|ditandatangani|meneken|diteken|penandatanganan)\b",
     (None, None)),
    ("reception", r"\b(?:menerima|menyambut|menjamu|menjadi\s+tuan\s+rumah)\b", ("host", "guest")),
    # "Prabowo diterima oleh Putin": the one received comes first.
    ("reception", r"\b(?:diterima|disambut|dijamu)\b", ("guest", "host")),
    ("visit", r"\b(?:mengunjungi|berkunjung|(?:kunjungan|lawatan)(?:nya)?|melawat\s+ke|tiba\s+di|datang\s+ke|"
              r"mendarat\s+di|perjalanan(?:nya)?\s+ke|berangkat\s+ke|bertolak\s+ke)\b", ("guest", "host")),
    ("talks", r"\b(?:bertemu|pertemuan|menemui|temui|ditemui|berunding|perundingan|pembicaraan|"
              r"perbincangan|berbincang|berjumpa|bersua|bertatap\s+muka|tatap\s+muka|"
              r"(?:ber|men)?jabat(?:an)?\s+tangan|empat\s+mata|tete-a-tete|KTT|"
              r"konferensi\s+tingkat\s+tinggi|makan\s+(?:siang|malam|pagi)\s+bersama|"
              r"jamuan\s+makan|resepsi)\b", (None, None)),
    ("visit", r"\bdelegasi\b(?=[^.]{0,80}?\byang\s+dipimpin\b)", ("guest", "host")),
]
_CUES = [(kind, re.compile(pattern, re.IGNORECASE), roles) for kind, pattern, roles in CUES]
_DELEGATION_CUE = len(CUES) - 1  # "delegasi ... yang dipimpin": part of the event it is in
# Any cue at all: one search per sentence rather than one per cue (most sentences have none).
_ANY_CUE = re.compile("|".join(f"(?:{pattern})" for _kind, pattern, _roles in CUES)
                      + r"|\b(?:didampingi|ditemani|mendampingi|menemani|turut\s+hadir|juga\s+hadir|"
                        r"hadir\s+pula|diskusi)\b", re.IGNORECASE)
CAMEO = {"visit": "042", "reception": "043", "signing": "057"}

# Words that start a new clause: what follows them is told about something else.
_CLAUSE_BREAK = re.compile(
    r"[;“”\"«»]|\b(?:setelah|sebelum|ketika|saat|karena|bahwa|sementara|sedangkan|menjelang|jelang|"
    r"namun|tetapi|meski(?:pun)?|sehingga|kata|ujar|ucap|tutur|ungkap|mengatakan|menyatakan|"
    r"menjelaskan|menerangkan|mengungkapkan|menegaskan|menambahkan|melaporkan|memberitakan|"
    r"mengumumkan|menyebutkan|menurut|dikutip|melansir|dilansir|usai|seusai|sesudah|sambil|seraya)\b"
    # "Pertemuan tersebut diungkapkan oleh KCNA, Jumat (19/7)": the date is the disclosure's
    r"|\b(?:diungkapkan|dilaporkan|diberitakan|disampaikan|diumumkan|dikatakan)\s+oleh\b"
    # "Prabowo, yang tengah mengunjungi Moskow": a relative clause, about the person before it
    r"|\byang\s+(?=(?:\w+\s+){0,2}?(?:(?-i:(?:me|ber)[a-z]{3,})|dalam\s+(?:kunjungan|lawatan))\b)"
    r"|(?<!yang\s)\bkemudian\b"
    # "sejak 2011", but not "berada di Hanoi sejak Rabu (3/4) hingga Jumat (5/4)"
    r"|\bsejak\b(?!\s+(?:hari\s+|tanggal\s+)?(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|\d))"
    # "mendarat di Minsk pada Kamis dan menggelar perundingan dengan ...": a second predicate
    r"|\b(?:dan|serta)\s+(?=(?:(?-i:(?:me|ber)[a-z]{3,})|tiba)\b)"
    # "kelanjutan dari pertemuan A dan B": a meeting named as the object of something else
    r"|\b(?:dari|sebagai|mengenai|tentang|soal|atas)\s+(?=(?:pertemuan|kunjungan|pembicaraan|"
    r"perundingan|lawatan)\b)", re.IGNORECASE)
# A meeting in a clause opened by these, after the main clause, is ahead of what that clause
# tells: it is not reported as held ("Kim dan Xi membicarakan strategi menjelang pertemuan Kim
# dengan Trump").
_LATER = re.compile(r"\W*(?:menjelang|jelang)\b", re.IGNORECASE)
# "X tiba di Y sebelum bertemu Z": later than the main clause, but whether it has happened by
# the time of writing the clause does not say; the article's other reports of it do.
_BEFORE = re.compile(r"\W*sebelum\b", re.IGNORECASE)
_RELATIVE = re.compile(r"yang\b", re.IGNORECASE)
# Passive cues name their agents after them ("ditandatangani oleh Putin dan Kim"): whoever stands
# before is not the one who met.
_PASSIVE = re.compile(r"di(?:tandatangani|teken|terima|sambut|jamu|temui)\b", re.IGNORECASE)
# A clause opened by these has the subject of the clause before it ("X, saat bertemu Y").
_SAME_SUBJECT = re.compile(r"\W*(?:saat|ketika|setelah|sebelum|usai|seusai|sesudah|selama|"
                           r"sambil|seraya|untuk|guna|kemudian|lalu|dan)\b", re.IGNORECASE)
# Anywhere before the cue in the sentence, these make the meeting a rumour or a wish.
_SPECULATION = re.compile(
    r"\b(?:belum\s+jelas|tidak\s+jelas|belum\s+pasti|tidak\s+diketahui|apakah|kemungkinan|"
    r"mungkin|diperkirakan|dikabarkan|kabarnya|diduga|disebut-sebut|dispekulasikan|spekulasi|"
    r"rumor|desas-desus|jika|apabila|seandainya|andaikan|ingin|berharap|harapan|bisa\s+saja|"
    r"peluang|wacana|usulan|mengusulkan|mengundang|undangan\s+untuk)\b", re.IGNORECASE)
# Right before the cue (within three words), these deny it ...
# ... and these make it a duty or a readiness, not a meeting ("kita harus bertemu lagi").
_NEGATION = re.compile(r"\b(?:tidak|tak|belum|bukan|batal|gagal|menolak|enggan|urung|tanpa|"
                       r"harus|perlu|siap|bersedia|mau)(?:\s+\S+){0,2}\s*$", re.IGNORECASE)
# A call or a video link is not a meeting.
_REMOTE = re.compile(r"\b(?:telepon|telpon|telefon|virtual|daring|konferensi\s+video|"
                     r"panggilan\s+video|video\s+call)\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:akan|bakal|hendak|dijadwalkan|berencana|direncanakan|rencananya|agenda|"
                      r"diagendakan|(?:setuju|sepakat)\s+untuk|menyepakati|menjelang|jelang)\b",
                      re.IGNORECASE)
# After a meeting noun, in its clause: "pertemuan dengan Xi yang akan digelar", "pertemuan itu
# rencananya digelar"; right after it: "pertemuan berikutnya", "KTT mendatang".
_PLANNED_AFTER_NOUN = re.compile(
    r"\byang\s+(?:akan|bakal|dijadwalkan|direncanakan|diagendakan|rencananya)\b"
    r"|\b(?:akan|rencananya|dijadwalkan|diagendakan|direncanakan|diharapkan)\s+(?:\w+\s+)?"
    r"(?:digelar|diadakan|berlangsung|dilaksanakan|dilangsungkan|diselenggarakan|dimulai|dapat)\b",
    re.IGNORECASE)
_NEXT_ONE = re.compile(r"\s+(?:\w+\s+)?(?:berikutnya|selanjutnya|lanjutan|mendatang)\b", re.IGNORECASE)
# "keduanya bertemu": the subject is the people already named (two of them; "mereka", any).
_TWO_WORDS = r"keduanya|kedua\s+(?:pemimpin|menteri|kepala\s+negara|presiden|tokoh)"
_TWO = re.compile(rf"\b(?:{_TWO_WORDS})\b", re.IGNORECASE)
_BOTH = re.compile(rf"\b(?:{_TWO_WORDS}|mereka)\b", re.IGNORECASE)
# "saat duduk bersama Trump", "tiba di Hanoi pada Selasa dan bertemu Y": at the time of the clause
# before.
_AND = re.compile(r"\W*(?:dan|serta)\b", re.IGNORECASE)
_AT_THE_TIME = re.compile(r"\W*(?:saat|ketika|sewaktu|tatkala)\b", re.IGNORECASE)
# "selama perjalanan itu": during the visit the article told before.
_DURING_VISIT = re.compile(r"\b(?:selama|dalam)\s+(?:kunjungan|perjalanan|lawatan)(?:nya)?\s+"
                           r"(?:\w+\s+)?(?:itu|tersebut|ini)\b", re.IGNORECASE)
# "Diplomat tertinggi Korea Utara itu ...": a person named before, by office.
_ROLE_ANAPHOR = re.compile(
    r"(?:Sang\s+)?(?:Diplomat|Menteri|Menlu|Menhan|Presiden|Pemimpin|Perdana\s+Menteri|PM|Pejabat|"
    r"Jenderal|Kepala\s+Negara|Sekretaris|Wakil|Duta\s+Besar|Dubes|Utusan|Tokoh|Politisi|Mantan)\b"
    r"[^,.;:]{0,50}?\s(?:itu|tersebut)\b")
# "ia bertemu dengan Kim": the subject named before.
_PRONOUN = re.compile(r"\b(?:ia|dia|beliau)\b", re.IGNORECASE)
_NOUN_CUE = re.compile(
    r"(?:(?:kunjungan|lawatan)(?:nya)?|pertemuan|pembicaraan|perundingan|perbincangan|"
    r"penandatanganan|KTT|resepsi|tatap\s+muka|jabat(?:an)?\s+tangan)\b", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:dengan|ke|di|oleh|bersama|antara)\b", re.IGNORECASE)
# A meeting the text already told: "pertemuan itu", "Pertemuan di Kremlin itu", "diskusi tersebut".
_MEETING_ANAPHOR = re.compile(
    r"\b(?:pertemuan|pembicaraan|perundingan|perbincangan|diskusi|kunjungan|lawatan|KTT|"
    r"resepsi|acara)(?:nya)?\s+(?:[\w-]+\s+){0,3}?(?:itu|tersebut|ini)\b"
    # "Pertemuan berlangsung di Istana Konstantinovsky, Kamis (19/6/2025).": the one just told
    r"|^(?:Pertemuan|Pembicaraan|Perundingan|Kunjungan|Lawatan)\s+(?:\w+\s+)?(?:berlangsung|digelar|"
    r"diadakan|dilakukan|dilangsungkan|diselenggarakan)\b", re.IGNORECASE)
# Who came along: "X didampingi (oleh) Y", "turut hadir Y", "Y juga hadir dalam pertemuan".
_ATTENDANCE = re.compile(r"\b(?:didampingi|ditemani|mendampingi|menemani|turut\s+hadir|juga\s+hadir|"
                         r"hadir\s+pula|dihadiri)\b", re.IGNORECASE)
# A sentence that opens with the previous one's statement: "Pernyataan ini disampaikan ...".
_STATEMENT_ANAPHOR = re.compile(
    r"\b(?:pernyataan|hal|komentar|ucapan|pesan|penegasan|pengakuan|sikap)\s+(?:\w+\s+)?"
    r"(?:ini|itu|tersebut)\b", re.IGNORECASE)
# Mentions led by these are objects, not the one who acts ("kepada X", "dengan X", "menurut X").
# (Opening a sentence too: "Menurut X, kunjungan itu ..." is X's view, not X's meeting.)
_OBJECT_LEAD = re.compile(
    r"\b(?i:kepada|dengan|untuk|bersama|dari|terhadap|atas|antara|menurut|kata|ujar|dan)\s+"
    r"(?:[A-Z][\w.'’-]*,?\s+){0,8}$")
# After the cue, mentions led by these are what is talked about, not who met ("salam untuk X").
_NOT_A_COUNTERPART = re.compile(
    r"(?:\b(?:kepada|tentang|terhadap|mengenai|soal)|\bsalam\b[^.,;]{0,30}\buntuk)\s+"
    r"(?:[A-Z][\w.'’-]*,?\s+){0,8}$")
# A full stop that a capital letter follows with no space: two sentences the page glued together.
_GLUED = re.compile(r"[.!?][\"”’)]*(?=[A-Z“\"])")
# Between two people acting together: "Putin dan Kim", "Prabowo, Sugiono dan Teddy".
_JOINED = re.compile(r"\s*(?:,|dan|,\s*dan|serta)\s*(?:[A-Z][\w.'’-]*,?\s+){0,8}")
# Between a cue and a noun that belongs to it: "menerima kunjungan", "melakukan pertemuan".
_PART_OF_CUE = re.compile(r"\s+(?:\w+\s+)?")
# "terlihat menyambut rombongan X, yaitu Duta Besar Y": the subject named after the object.
# (Titles run through "untuk", "di", "dan": "Atase Militer RI di Hanoi", "Menteri Perdagangan dan
# Industri".)
_TITLE_WORDS = r"(?:[A-Z][\w.'’/-]*,?\s+|(?:untuk|di|dan|serta)\s+)"
_NAMED_AFTER = re.compile(rf"\b(?:yaitu|yakni|antara\s+lain)\s+{_TITLE_WORDS}{{0,14}}$")
# "atas undangan X": X is the host.
_INVITER = re.compile(r"\batas\s+undangan\s+(?:[A-Z][\w.'’-]*,?\s+){0,8}$", re.IGNORECASE)
# "delegasi ... yang dipimpin (oleh) Wakil Menteri Pertahanan X": capitalised title words between.
_DELEGATION_LEADER = re.compile(r"\byang\s+dipimpin(?:\s+oleh)?\s+(?:[A-Z][\w.-]*,?\s+){0,8}$")
# What may stand between "menerima"/"menyambut" and the guest: titles, or a visit noun.
_GUEST_LEAD_IN = re.compile(r"\s*(?:(?:kunjungan|kedatangan|delegasi|rombongan|tamu)\b[^.;]{0,80}"
                            r"|bagi\s[^.,;]{0,80}|(?:[A-Z][\w.-]*,?\s+){0,8})")
# "Prabowo diterima oleh", "Kedatangan Prabowo disambut", "Ri dikabarkan disambut di stasiun oleh":
# the one received stands right before a passive cue, the one receiving after it (titles between,
# perhaps where: not "disambut senyum hangat Presiden Lee").
_RECEIVED_LEAD_OUT = re.compile(r"[\s,]*(?:\w+\s+){0,2}$")
_RECEIVER_LEAD_IN = re.compile(r"\s*(?:langsung\s+)?(?:di\s+\w+(?:\s+\w+)?\s+)?(?:oleh\s+)?"
                               rf"(?:[A-Z][\w.'’/-]*,?\s+{_TITLE_WORDS}{{0,10}})?")
# A place is where the meeting was when introduced by "di"/"ke", possibly through a noun.
# ("di gedung Kementerian Perdagangan, Surabaya": through a name the data does not know.)
_PLACE_INTRO = re.compile(
    r"\b(?:di|ke|mengunjungi)\s+(?:(?:ibu\s+kota|ibukota|kota|pesisir|pelabuhan|bandara|bandar\s+udara|"
    r"negara|pulau|provinsi|wilayah|kawasan|kompleks|resor|istana|gedung|hotel|kantor|markas|balai|"
    r"wisma|stasiun)\s+){0,3}(?:(?-i:[A-Z][\w-]*)\s+){0,4}?(?:(?-i:[A-Z][\w-]*),\s+)?$", re.IGNORECASE)
# "perang Rusia di Ukraina" is not where anybody met.
_NOT_A_VENUE = re.compile(r"\b(?:perang|invasi|serangan|konflik|pasukan|tentara|pengiriman)\b"
                          r"(?:\s+\S+){0,2}\s+(?:di|ke)\s+\S*$", re.IGNORECASE)

# "tiba di", "mendarat di": an arrival, which a welcome told afterwards belongs to.
_ARRIVAL = re.compile(r"(?:tiba|mendarat)\b", re.IGNORECASE)
# Before a passive welcome, what stands for the one welcomed: "Ia (kemudian) disambut",
# "... lalu disambut".
_WELCOMED_BEFORE = re.compile(r"\W*(?:ia|dia|beliau|kemudian|lalu|dan)\s+(?:\w+\s+){0,2}", re.IGNORECASE)
# A welcome ("menyambut", "disambut"), as against an audience ("menerima", "diterima").
_WELCOME = re.compile(r"(?:menyambut|disambut)\b", re.IGNORECASE)
# "Selain itu, tampak menyambut ...", "turut menyambut", "ikut menyambut": more welcomers.
_ALSO = re.compile(r"^\W*(?:selain\s+itu|di\s+samping\s+itu)\b|\b(?:turut|ikut|juga|pula)\s+(?:\w+\s+)?$",
                   re.IGNORECASE)
# "ditemani Y dalam lawatannya": Y came along on a visit (on the trip), unless the clause says
# they were at a meeting ("dalam pertemuan itu", "saat bertemu").
_VISIT_NOUN = re.compile(r"\b(?:kunjungan|lawatan|perjalanan)", re.IGNORECASE)
_AT_A_MEETING = re.compile(r"\b(?:pertemuan|pembicaraan|perundingan|perbincangan|diskusi|bertemu|"
                           r"berbincang|berunding|KTT|jamuan|resepsi)", re.IGNORECASE)
# In a direct quote: "kita sudah bertemu", "kami bertemu", "saya senang bertemu", "pertemuan kita".
_FIRST_PERSON_BEFORE = re.compile(r"\b(?:kita|kami|saya|aku)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_FIRST_PERSON_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:kita|kami)\b", re.IGNORECASE)
# After such a cue, someone met who is not the one addressed ("Anda", "Bapak Presiden").
_OTHER_PARTY = re.compile(r"\b(?:dengan|bersama)\s+(?!(?:Anda|Bapak|Ibu|Yang\s+Mulia|Tuan|Saudara|"
                          r"beliau|kalian)\b)", re.IGNORECASE)

# A place inside a title: "Atase Militer RI di Hanoi Kolonel X" (a title word before "di",
# capitalised words between the place and the name).
_TITLE_BEFORE = re.compile(r"\w\s+[A-Z][\w.'’-]*\s+di\s+$")
_IN_TITLE = re.compile(r"\s+(?:[A-Z][\w.'’-]*\s+){0,4}")
# "keesokan harinya", "malam sebelumnya": a day counted from the last one the text named.
_DAY_AFTER_OR_BEFORE = re.compile(r"\b(?:keesokan|esok|sehari|berikutnya|sebelumnya)\b", re.IGNORECASE)

# How many sentences back "pertemuan itu" or "didampingi" may find the meeting it adds to.
REFERENT_SENTENCES = 5


def find_meeting_reports(body: str, sentences, mentions: list[dict], places: list[dict],
                         organizations: list[dict], anchor=None, people: dict | None = None,
                         quotes: list[dict] = ()) -> list[dict]:
    """Meeting reports in one article: ``{"participants": [{"person_id", "role"}], "place_id",
    "place_name", "place_country", "place_kind", "place_city", "organization_id", "refers_to",
    "kind", "cameo", "status", "date_text", "date", "date_precision", "date_flags",
    "article_date", "sentence", "start", "end"}`` with ``start``/``end`` the sentence's offsets in
    ``body`` and ``refers_to`` the position (in the list returned) of the report a clause adds
    to, if it points back to one. ``anchor`` is the
    article's published date; without it, the latest date the article states (``article_date``
    is the one used). ``people`` (optional, person id -> person with a ``country``) gives roles
    and the third-location code to talks the text leaves open. Place mentions may carry the
    ``city_id`` and ``city`` of a site. ``quotes`` (records of ``extract.quotes``) let a first
    person in a direct quote (``kita sudah bertemu``) stand for its speaker."""
    anchor = as_date(anchor)
    article = _Article(body, sentences, mentions, places, organizations, anchor, people, quotes)
    boilerplate = [(m.start(), m.end()) for m in BOILERPLATE_LINE.finditer(body)]
    reports: list[dict] = []
    recent: list[tuple[int, dict]] = []  # (sentence index, report): what "pertemuan itu" may be
    ahead: list[dict] = []  # reports told in a "sebelum" clause
    for index, sentence in enumerate(sentences):
        if not _ANY_CUE.search(sentence.text):
            continue
        if any(s <= sentence.start < e for s, e in boilerplate):  # "Baca juga: ..." tells another story
            continue
        for clause_start, clause_end in article.clauses(index):
            near = [(at, report) for at, report in recent if index - at <= REFERENT_SENTENCES]
            report = article.clause_report(index, clause_start, clause_end, near, reports)
            if report:
                reports.append(report)
                recent.append((index, report))
                if clause_start and _BEFORE.match(sentence.text, clause_start):
                    ahead.append(report)
    for report in ahead:  # "sebelum X bertemu Y": planned when the article announces it elsewhere
        people = {p["person_id"] for p in report["participants"]}
        if any(r["status"] == "planned" and people <= {p["person_id"] for p in r["participants"]}
               for r in reports if r is not report and r not in ahead):
            report["status"] = "planned"
    return reports


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _in_span(items: list[dict], start: int, end: int) -> list[dict]:
    return [item for item in items if start <= item["start"] and item["end"] <= end]


class _Article:
    """One article's text and entities, read by clause (``clause_report``)."""

    def __init__(self, body, sentences, mentions, places, organizations, anchor, people, quotes):
        self.body, self.sentences, self.mentions = body, sentences, mentions
        # Direct quotes whose speaker is a known person: their "kita"/"kami" is that person.
        self.spoken = [q for q in quotes if q.get("kind") == "direct" and q.get("person_id")]
        self.arrivals: list[tuple] = []  # (sentence index, person ids, date, place): see _arrival
        self.places = places
        self.organizations = [o for o in organizations if o.get("kind") != "news_agency"]
        self.people = people
        self.firm_anchor = anchor is not None
        self._anchor = anchor
        self._anchor_known = anchor is not None
        self._date_cache: dict = {}  # (sentence index, forward) -> its dates
        self._clause_cache: dict = {}  # sentence index -> its clauses

    @property
    def anchor(self):
        if not self._anchor_known:  # the whole text is read only when a sentence needs it
            self._anchor, self._anchor_known = latest_stated_date(self.body), True
        return self._anchor

    def clauses(self, index: int) -> list[tuple[int, int]]:
        """The clauses of sentence ``index`` (``_clauses``); one that opens the sentence with
        ``Usai``/``Setelah``/``Sebelum`` ... ends at the comma before the main clause's subject
        ("Usai lawatan ke Hanoi, Vietnam, | Menteri Luar Negeri X bertolak ke ...")."""
        if index not in self._clause_cache:
            self._clause_cache[index] = self._clauses_of(index)
        return self._clause_cache[index]

    def _clauses_of(self, index: int) -> list[tuple[int, int]]:
        sentence = self.sentences[index]
        found = _clauses(sentence.text)
        first_start, first_end = found[0]
        if not _SAME_SUBJECT.match(sentence.text):
            return found
        for mention in _in_span(self.mentions, sentence.start, sentence.start + first_end):
            lead = self.body[sentence.start:mention["start"]]
            comma = re.search(r",\s*(?:[A-Z][\w.'’/-]*\s+){0,8}$", lead)
            if comma:
                cut = comma.start() + 1
                return [(first_start, cut), (cut, first_end), *found[1:]]
        return found

    def dates(self, index: int, forward: bool = False) -> list[dict]:
        if (index, forward) not in self._date_cache:
            text = self.sentences[index].text
            # "Pada esok hari, ...": the day after the last one the sentence before names
            previous = [d["date"] for d in self.dates(index - 1) if d["precision"] == "day" and d["date"]] \
                if index and _DAY_AFTER_OR_BEFORE.search(text) else []
            self._date_cache[index, forward] = find_dates(
                text, self.anchor, firm_anchor=self.firm_anchor, forward=forward,
                previous_day=previous[-1] if previous else None)
        return self._date_cache[index, forward]

    def subject(self, index: int, end: int | None = None) -> list[dict]:
        """Who acts in sentence ``index`` (in its text before offset ``end``): see ``_actors``.
        Pages glue paragraphs ("... terhadap AS.Kim juga ..."): the search starts after the last
        full stop before ``end`` that a capital letter follows."""
        sentence = self.sentences[index]
        end = len(sentence.text) if end is None else end
        glued = [m.end() for m in _GLUED.finditer(sentence.text, 0, end)]
        start = sentence.start + (glued[-1] if glued else 0)
        return self._actors(_in_span(self.mentions, start, sentence.start + end))

    def clause_report(self, index, clause_start, clause_end, recent, told) -> dict | None:
        """The report a clause gives, or None; ``recent``: the article's reports of the last
        REFERENT_SENTENCES sentences as (sentence index, report), the latest last; ``told``:
        all its reports so far."""
        body, sentence = self.body, self.sentences[index]
        text, offset = sentence.text, sentence.start
        cues = [(rank, match.start(), match.end(), kind, roles)
                for rank, (kind, regex, roles) in enumerate(_CUES)
                for match in regex.finditer(text, clause_start, clause_end)]
        anaphor = _MEETING_ANAPHOR.search(text, clause_start, clause_end)
        attendance = _ATTENDANCE.search(text, clause_start, clause_end)
        if not cues and not attendance:
            return None
        if _SPECULATION.search(text[:min([c[1] for c in cues] or [clause_end])]) \
                or text.rstrip().endswith("?"):
            return None
        if any(_NEGATION.search(text[clause_start:start]) for _r, start, _e, _k, _ro in cues):
            return None
        if _REMOTE.search(text, clause_start, clause_end):
            return None
        clause_mentions = _in_span(self.mentions, offset + clause_start, offset + clause_end)
        near = [report for _at, report in recent]
        if (anaphor or attendance) and self._refers_back(text, cues, anaphor, clause_end):
            # the meeting of those the clause names ("Dalam pertemuan itu, Putin ...": Putin's)
            visit = _VISIT_NOUN.search(text, clause_start, clause_end) if attendance else None
            referent = _referent(near, anaphor, {m["person_id"] for m in clause_mentions}, visit)
            return referent and self._added_to(referent, told, index, clause_start, clause_end,
                                               clause_mentions, attendance)
        if not cues:
            return None
        # "Kunjungan ini merupakan kunjungan pertama Putin ke Korea Utara": the event is the
        # second noun's, not the pointer's.
        own_cues = [c for c in cues if not (anaphor and anaphor.start() <= c[1] < anaphor.end())]
        _rank, cue_start, cue_end, kind, (before_role, after_role) = min(own_cues or cues)

        # "kunjungan Belousov ke ...", "pertemuan Kim dengan ...": with a noun the agent follows
        # it, up to the first preposition.
        # "X bertemu dengan Y dalam sebuah kunjungan": a verb before the noun splits the sides.
        subject_end = cue_start
        verbs_before = [start for _r, start, _e, _k, _ro in cues
                        if start < cue_start and not _NOUN_CUE.match(text, start)]
        if verbs_before:
            subject_end = min(verbs_before)
        elif _NOUN_CUE.match(text, cue_start):
            preposition = _PREPOSITION.search(text, cue_end, clause_end)
            subject_end = preposition.start() if preposition else clause_end
        subject = [m for m in clause_mentions if m["start"] < offset + subject_end]
        passive = _PASSIVE.match(text, cue_start)
        implied = not any(not self._object_led(m) for m in subject)
        if implied and not passive:
            subject += [m for m in self._implied_subject(index, clause_start, subject_end)
                        if m not in subject]
        elif implied and not subject and kind == "reception" and _WELCOMED_BEFORE.fullmatch(
                text, _subject_start(text, clause_start), cue_start):
            # "X turun dari pesawat lalu disambut oleh Y", "Ia disambut oleh Y": X, or
            # whom "ia" stands for, is the one welcomed
            subject = self._implied_subject(index, clause_start, subject_end)
        else:
            implied = False
        speaker = self._first_person(index, clause_start, cue_start, cue_end) if not subject else None
        if speaker:  # "kita sudah bertemu di Moskow", said by a known person: that person
            subject = [{"person_id": speaker, "start": offset + clause_start, "end": offset + clause_start}]
        companions = set()
        if attendance:  # "X, didampingi Y, bertemu Z": Y comes along
            companions = {m["person_id"] for m in clause_mentions if m["start"] >= offset + attendance.end()}
        # "X tiba, didampingi Y, dalam lawatannya": Y is on the trip, not known to be at a meeting
        on_the_trip = companions if attendance and _VISIT_NOUN.search(text, attendance.end(), clause_end) \
            and not _AT_A_MEETING.search(text, clause_start, clause_end) else set()
        objects = [m for m in clause_mentions if m["start"] >= offset + subject_end
                   and not _NOT_A_COUNTERPART.search(body[max(offset, m["start"] - 80):m["start"]])]
        if kind == "reception" and before_role == "guest" and not self._received(
                subject, objects, offset + cue_start, offset + cue_end, implied):
            return None
        if kind == "reception" and before_role == "host" and not _receives_someone(body, objects, offset + cue_end):
            return None
        roles = {}  # person_id -> role, in order of first mention
        for mention, side_role in [(m, before_role) for m in subject] + [(m, after_role) for m in objects]:
            lead_in = body[max(offset, mention["start"] - 100):mention["start"]]
            if _DELEGATION_LEADER.search(lead_in) or mention["person_id"] in companions:
                side_role = "delegation"
            elif _INVITER.search(lead_in):
                side_role = "host"
            elif _NAMED_AFTER.search(lead_in):  # "tampak menyambut X yaitu Y": Y is who welcomed
                side_role = before_role
            roles.setdefault(mention["person_id"], side_role)
        for pid in on_the_trip:
            roles.pop(pid, None)
        if speaker and len(roles) == 1 and not _OTHER_PARTY.search(text, cue_end, clause_end):
            # "kita sudah bertemu", "bertemu dengan Anda": the speaker and whom the speaker is
            # meeting ("kami bertemu dengan para pengusaha" names someone else)
            roles.update((pid, None) for pid in _counterparts(told, speaker))

        # The place is told before the clause's next event ("Setelah kunjungan Shoigu, pejabat
        # lain melakukan perjalanan ke Pyongyang": not where Shoigu was).
        # ("menerima kunjungan X di Z": a noun right after the cue is part of the same event.)
        venue_end = min([start for rank, start, _e, _k, _ro in cues
                         if start > cue_end and rank != _DELEGATION_CUE
                         and not _PART_OF_CUE.fullmatch(text, cue_end, start)] + [clause_end])
        place = self._venue(offset + clause_start, offset + venue_end, offset + cue_end) \
            or self._captioned_place(clause_mentions, offset + venue_end)
        if _ARRIVAL.match(text, cue_start):
            self._note_arrival(index, roles, place, clause_start, clause_end, cue_start)
        # "mengunjungi Kementerian Pertahanan": an organisation receives the visit.
        host_organization = _venue(body, self.organizations, offset + cue_end, offset + venue_end,
                                   offset + cue_end)
        destination = place is not None or host_organization is not None
        counterparts = [pid for pid in roles if pid not in companions]
        if len(counterparts) == 1 and not (kind == "visit" and destination and roles[counterparts[0]] != "host"
                                           and not self._at_home(counterparts[0], place)):
            return None  # a visit of one needs its visitor, away from home; the rest two people
        if not counterparts:
            return None

        planned = self._planned(index, clause_start, clause_end, cue_start, cue_end)
        date = self._clause_date(index, clause_start, clause_end, cue_start, planned, recent, roles)
        welcome = kind == "reception" and _WELCOME.match(text, cue_start)
        guests = [pid for pid, role in roles.items() if role == "guest"]
        arrival = self._arrival(guests, index) if welcome and not (date and place) else None
        if arrival:  # "Kedatangan X disambut oleh Y": welcomed when and where X arrived
            date, place = date or arrival[2], place or arrival[3]
        earlier_welcome = None
        if welcome and _ALSO.search(text, 0, cue_start):
            # "Selain itu, tampak menyambut kedatangan X yaitu Z": Z joins X's welcome
            earlier_welcome = next((r for r in reversed(near) if r["kind"] == "reception" and any(
                p["role"] == "guest" and p["person_id"] in guests for p in r["participants"])), None)
            for p in earlier_welcome["participants"] if earlier_welcome else ():
                roles.setdefault(p["person_id"], p["role"])
        # (after the latest day an undated article states is no sign of an announcement when the
        # day was counted from a stated one: "tiba keesokan harinya")
        planned = planned or (_is_after(date, self.anchor) and (
            self.firm_anchor or "from_previous_date" not in date["flags"]))
        participants = _roles_from_place(
            [{"person_id": pid, "role": role} for pid, role in roles.items()], place, self.people)
        return {
            "participants": participants,
            **_place_fields(place),
            "organization_id": host_organization["organization_id"] if host_organization else None,
            "refers_to": _position(told, earlier_welcome),
            "kind": kind,
            "cameo": _cameo(kind, participants, place, self.people),
            "status": "planned" if planned else "happened",
            "date_text": date["text"] if date else None,
            "date": date["date"] if date else None,
            "date_precision": date["precision"] if date else None,
            "date_flags": (date["flags"] or None) if date else None,
            "article_date": self.anchor.isoformat() if self.anchor else None,
            "sentence": text,
            "start": sentence.start,
            "end": sentence.end,
        }

    def _clause_date(self, index, clause_start, clause_end, cue_start, planned, recent, roles
                     ) -> dict | None:
        """When a clause's meeting was: the date expression in the clause nearest the cue, else
        what the clause points to (see the module's docstring)."""
        text = self.sentences[index].text
        sentence_dates = self.dates(index, forward=planned)
        date = _nearest_date(sentence_dates, clause_start, clause_end, cue_start)
        if date is None and clause_start and (_AT_THE_TIME.match(text, clause_start) or _AND.match(text, clause_start)):
            # "X, Selasa (12/6), mengatakan itu saat duduk bersama Y": when the main clause was
            date = next((d for d in reversed(sentence_dates) if d["end"] <= clause_start and d["date"]
                         and "vague" not in d["flags"]), None)
            # "Pertemuan itu berlangsung tepat saat X bertemu Y": when the meeting told before was
            pointer = _MEETING_ANAPHOR.search(text, 0, clause_start) if date is None else None
            referent = pointer and _referent([r for at, r in recent if at < index], pointer)
            if referent and referent["date"]:
                date = {"text": None, "date": referent["date"], "precision": referent["date_precision"],
                        "flags": ["same_time_as_other_meeting"]}
        if date is None and _STATEMENT_ANAPHOR.search(text, 0, cue_start) and index:
            date = self._statement_date(index - 1)
        if date is None and _DURING_VISIT.search(text, clause_start, clause_end):
            date = _during([r for _at, r in recent], roles)
        return date

    def _first_person(self, index, clause_start, cue_start, cue_end) -> str | None:
        """The speaker of the direct quote a clause is in, when it tells a meeting in the first
        person (``kita sudah bertemu``, ``kami bertemu``, ``pertemuan kita``), else None."""
        text, offset = self.sentences[index].text, self.sentences[index].start
        if not (_FIRST_PERSON_BEFORE.search(text, clause_start, cue_start)
                or (_NOUN_CUE.match(text, cue_start) and _FIRST_PERSON_AFTER.match(text, cue_end))):
            return None
        at = offset + cue_start
        return next((q["person_id"] for q in self.spoken if q["start"] <= at < q["end"]), None)

    def _note_arrival(self, index, roles, place, clause_start, clause_end, cue_start) -> None:
        """Remember who arrives (``tiba di``, ``mendarat di``), when and where, even at home: a
        welcome told afterwards happened then and there."""
        arriving = {pid for pid, role in roles.items() if role != "host"}
        date = _nearest_date(self.dates(index), clause_start, clause_end, cue_start)
        if arriving and (date or place):
            self.arrivals.append((index, arriving, date, place))

    def _arrival(self, guests, index) -> tuple | None:
        """The latest arrival of one of ``guests`` the article told in the last
        REFERENT_SENTENCES sentences (see ``_note_arrival``)."""
        return next((a for a in reversed(self.arrivals) if index - a[0] <= REFERENT_SENTENCES
                     and a[1] & set(guests)), None)

    def _refers_back(self, text, cues, anaphor, clause_end) -> bool:
        """Whether a clause with "pertemuan itu" or "didampingi" adds to a meeting told before
        rather than telling its own: no cue but meeting nouns, and none of those (but the
        anaphor's) with a destination ("dalam kunjungan ke China" is a visit of its own)."""
        for _rank, start, end, _kind, _roles in cues:
            if anaphor and anaphor.start() <= start < anaphor.end():
                continue
            if not _NOUN_CUE.match(text, start):
                return False
            following = text[end:clause_end]
            if re.match(r"\s*(?:\w+\s+){0,3}?(?:ke|di)\s+[A-Z]", following):
                return False
        return True

    def _statement_date(self, index) -> dict | None:
        """"X pada hari Senin menegaskan ... . X mengutarakan pernyataan itu dalam
        perundingan ...": the date of the statement, in sentence ``index`` after the first person
        it names (a time stamp or dateline may lead the line)."""
        sentence = self.sentences[index]
        named = _in_span(self.mentions, sentence.start, sentence.end)
        if not named:
            return None
        after = named[0]["start"] - sentence.start
        return next((d for d in self.dates(index) if d["start"] >= after and d["date"]
                     and "vague" not in d["flags"]), None)

    def _object_led(self, mention) -> bool:
        return bool(_OBJECT_LEAD.search(self.body[max(0, mention["start"] - 80):mention["start"]]))

    def _added_to(self, referent, told, index, clause_start, clause_end, clause_mentions, attendance
                  ) -> dict | None:
        """"Dalam pertemuan itu, X ...", "Y juga hadir dalam pertemuan tersebut", "X didampingi
        Y", "Pertemuan berlangsung di Istana Konstantinovsky, Kamis (19/6/2025)": those who act in
        the clause, or who come along, join ``referent`` (``refers_to``: its position among the
        article's reports, so the merge puts the clause with it); the clause is the evidence, with
        its own date and place (None when it gives none). A clause that adds nobody is a report
        only when it says when or where."""
        known = {p["person_id"] for p in referent["participants"]}
        sentence = self.sentences[index]
        offset = sentence.start
        if attendance:
            # "X didampingi Y": the one accompanied must be in the meeting already
            accompanied = [m for m in clause_mentions if m["start"] < offset + attendance.start()]
            if re.match(r"di", attendance.group()) and accompanied and \
                    not any(m["person_id"] in known for m in accompanied):
                return None
            new = [m for m in clause_mentions if m["person_id"] not in known]
            if _VISIT_NOUN.search(sentence.text, clause_start, clause_end) \
                    and not _AT_A_MEETING.search(sentence.text, clause_start, clause_end):
                new = []  # "Dalam kunjungan itu, X didampingi Y": on the trip, not known at a meeting
        else:  # "Dalam pertemuan itu, Kim menyatakan ...": who acts, not whom he names
            new = [m for m in self._actors(clause_mentions) if m["person_id"] not in known]
        place = self._venue(offset + clause_start, offset + clause_end, offset + clause_start)
        date = _nearest_date(self.dates(index), clause_start, clause_end, clause_start)
        if not new and not (attendance is None and (place or date)):
            return None  # adds nobody, and tells neither when nor where
        role = "delegation" if attendance else None
        participants = [*referent["participants"],
                        *({"person_id": pid, "role": role} for pid in dict.fromkeys(m["person_id"] for m in new))]
        return {**referent, "participants": participants, **_place_fields(place),
                "organization_id": None, "refers_to": _position(told, referent),
                "date_text": date["text"] if date else None,
                "date": date["date"] if date else None,
                "date_precision": date["precision"] if date else None,
                "date_flags": (date["flags"] or None) if date else None,
                "sentence": sentence.text, "start": sentence.start, "end": sentence.end}

    def _actors(self, mentions) -> list[dict]:
        """Of a clause's mentions, the first that is not an object (``kepada X``), with those
        joined to it by ``dan``."""
        for position, mention in enumerate(mentions):
            if not self._object_led(mention):
                group = [mention]
                for following in mentions[position + 1:]:
                    if _JOINED.fullmatch(self.body[group[-1]["end"]:following["start"]]):
                        group.append(following)
                    else:
                        break
                return group
        return []

    def _implied_subject(self, index, clause_start, subject_end) -> list[dict]:
        """Who acts in a clause that names nobody before its cue (see the module's docstring)."""
        sentence = self.sentences[index]
        text = sentence.text
        # "X menyampaikan bahwa dia bertemu Y": the pronoun after "bahwa" is X
        lead = re.sub(r"^\W*bahwa\b", "", text[clause_start:subject_end], flags=re.IGNORECASE)
        same_subject = _SAME_SUBJECT.match(lead)
        if _BOTH.search(lead) or (clause_start and same_subject and _BOTH.search(text, 0, clause_start)):
            earlier = _in_span(self.mentions, sentence.start, sentence.start + clause_start)
            if earlier:
                return earlier
            if not _TWO.search(text, 0, subject_end):  # "mereka" may be anyone: only "keduanya"
                return []
            before = self._previous_people(index)
            return before if len({m["person_id"] for m in before}) == 2 else []
        if clause_start and _RELATIVE.match(text, clause_start):
            # "Prabowo, yang tengah mengunjungi Moskow": the person before "yang", or the subject
            # of the clause before ("X menjadi pejabat pertama yang mengunjungi ...")
            before = _in_span(self.mentions, sentence.start, sentence.start + clause_start)
            if before and re.fullmatch(r"\s*,?\s*", self.body[before[-1]["end"]:sentence.start + clause_start]):
                return [before[-1]]
            return self.subject(index, clause_start)
        if not clause_start and same_subject:
            # "Seusai berunding, X dan Y berjalan-jalan di taman": the main clause's
            clause_end = next(end for start, end in self.clauses(index) if start == clause_start)
            return self._actors(_in_span(self.mentions, sentence.start + clause_end, sentence.end))
        if clause_start and same_subject:  # "X, saat bertemu Y": the clause before's
            subject = self.subject(index, clause_start)
            if subject or not index:
                return subject
        pronoun = _PRONOUN.match(lead.strip())
        if pronoun and clause_start and self.subject(index, clause_start):  # "X ... bahwa dia bertemu"
            return self.subject(index, clause_start)
        # Named in an earlier sentence: "Ia bertemu ...", "Diplomat tertinggi Korea Utara itu tiba
        # di Moskow, kemudian bertemu ...", "Pernyataan ini disampaikan langsung kepada X, dalam
        # pertemuan ..." (whose statement).
        if not index:
            return []
        if pronoun:
            return self._previous_subject(index)
        opening = _subject_start(text, 0)
        if _ROLE_ANAPHOR.match(text, opening) and not self.subject(index, subject_end):
            return self._previous_subject(index)
        if not clause_start and _STATEMENT_ANAPHOR.match(text, opening):
            return self._previous_subject(index)
        return []

    def _previous_people(self, index) -> list[dict]:
        if not index:
            return []
        before = self.sentences[index - 1]
        return _in_span(self.mentions, before.start, before.end)

    def _previous_subject(self, index) -> list[dict]:
        return self.subject(index - 1) if index else []

    def _received(self, subject, objects, cue_start, cue_end, implied=False) -> bool:
        """``Prabowo diterima oleh Putin``: the one received stands right before the cue (a few
        words between; or is the ``implied`` subject of the clause before) and someone receives
        him after it."""
        return bool(subject and objects) and (implied or bool(
            _RECEIVED_LEAD_OUT.fullmatch(self.body[subject[-1]["end"]:cue_start]))) and bool(
            _RECEIVER_LEAD_IN.fullmatch(self.body[cue_end:objects[0]["start"]]))

    def _venue(self, start, end, cue_end) -> dict | None:
        # "Atase Militer RI di Hanoi Kolonel X": a place in a title is not where they met
        places = [p for p in _in_span(self.places, start, end)
                  if not (_TITLE_BEFORE.search(self.body[max(0, p["start"] - 60):p["start"]]) and any(
                      _IN_TITLE.fullmatch(self.body, p["end"], m["start"])
                      for m in _in_span(self.mentions, p["end"], p["end"] + 60)))]
        return _venue(self.body, places, start, end, cue_end)

    def _captioned_place(self, clause_mentions, end) -> dict | None:
        """"Pertemuan Trump dengan Kim Jong-un, Hanoi, Vietnam ...": a city or site set off by a
        comma right after the last person named (a caption's way of giving the place)."""
        if not clause_mentions:
            return None
        last = clause_mentions[-1]["end"]
        following = [p for p in _in_span(self.places, last, end)
                     if re.fullmatch(r"\s*,\s*", self.body[last:p["start"]])]
        if following and following[0].get("kind") in ("city", "site"):
            return _most_specific_of_run(self.body, _in_span(self.places, last, end), following[0])
        return None

    def _at_home(self, person_id, place) -> bool:
        """Whether ``place`` is in the country of ``person_id`` (known from ``people``): coming
        home is not a visit."""
        country = (self.people or {}).get(person_id, {}).get("country")
        return bool(place) and country is not None and place.get("country") == country

    def _planned(self, index, clause_start, clause_end, cue_start, cue_end) -> bool:
        text = self.sentences[index].text
        if _PLANNED.search(text, clause_start, cue_start):
            return True
        if clause_start and _LATER.match(text, clause_start):
            return True
        if not _NOUN_CUE.match(text, cue_start):
            return False
        # "kunjungan ke Indonesia yang akan berlangsung hingga ...": through a relative clause
        following = next((end for start, end in self.clauses(index) if start == clause_end), clause_end)
        phrase_end = following if _RELATIVE.match(text, clause_end) else clause_end
        return bool(_PLANNED_AFTER_NOUN.search(text, cue_end, phrase_end) or _NEXT_ONE.match(text, cue_end))


def _subject_start(text: str, clause_start: int) -> int:
    """Where a sentence's subject starts: after a leading dateline ("PYONGYANG, KOMPAS.com - ")."""
    if clause_start:
        return clause_start
    dateline = re.match(r"[^.,]{0,40}?\s[-–—:]\s", text)
    return dateline.end() if dateline else 0


def _referent(recent: list[dict], anaphor, people=frozenset(), visit=None) -> dict | None:
    """The report "pertemuan itu" points to: the latest of ``recent`` that is a meeting of two
    people or more ("kunjungan itu" may also be a visit of one), and of those the latest with
    one of ``people`` (who the clause names) in it, and a visit when the clause names one."""
    visit_noun = anaphor is not None and re.match(r"(?:kunjungan|lawatan)", anaphor.group(), re.IGNORECASE)
    candidates = [r for r in recent if visit_noun or len(r["participants"]) >= 2]
    with_them = [r for r in candidates if any(p["person_id"] in people for p in r["participants"])]
    visits = [r for r in with_them if r["kind"] == "visit"] if visit else []
    chosen = visits or with_them or candidates
    return chosen[-1] if chosen else None


def _position(told: list[dict], report: dict | None) -> int | None:
    """Where ``report`` is among the article's reports ``told`` (the same object), or None."""
    return next((i for i, r in enumerate(told) if r is report), None)


def _counterparts(told: list[dict], speaker: str) -> list[str]:
    """Whom ``speaker`` is meeting in the latest report the article told of ``speaker`` and one
    other person (those who came along aside): the "kita" of a quote said there."""
    for report in reversed(told):
        others = [p["person_id"] for p in report["participants"]
                  if p["person_id"] != speaker and p["role"] != "delegation"]
        if len(others) == 1 and any(p["person_id"] == speaker for p in report["participants"]):
            return others
    return []


def _during(recent: list[dict], roles: dict) -> dict | None:
    """"Choe juga bertemu dengan Putin selama perjalanan itu": the month of the latest visit in
    ``recent`` that one of ``roles``'s people made, flagged ``during_visit``."""
    for report in reversed(recent):
        if report["kind"] == "visit" and report["date"] and \
                any(p["person_id"] in roles for p in report["participants"]):
            return {"text": None, "date": report["date"][:7], "precision": "month" if len(report["date"]) >= 7
                    else report["date_precision"], "flags": ["during_visit"]}
    return None


def _place_fields(place: dict | None) -> dict:
    """A report's place columns; a site is named with its city (``Moscow Kremlin, Moscow``)."""
    if not place:
        return {"place_id": None, "place_name": None, "place_country": None, "place_kind": None,
                "place_city": None}
    name = place.get("name")
    if place.get("city"):
        name = f"{name}, {place['city']}"
    return {"place_id": place["place_id"], "place_name": name, "place_country": place.get("country"),
            "place_kind": place.get("kind"), "place_city": place.get("city_id")}


def _receives_someone(body, objects, cue_end) -> bool:
    """``menerima Menteri X`` / ``menyambut kedatangan delegasi ... X`` receive a person;
    ``menerima laporan dari X`` and ``menyambut baik keputusan X`` do not."""
    if not objects:
        return False
    between = body[cue_end:objects[0]["start"]]
    return bool(_GUEST_LEAD_IN.fullmatch(between))


def _venue(body, items, start, end, cue_end) -> dict | None:
    """Of the places (or organisations) in the clause, the first introduced by "di"/"ke"/
    "mengunjungi" after the cue, else the last one before it; of a run of places that follows it
    ("Istana Kremlin, Moskow", "ibu kota Laos, Vientiane") the most specific."""
    in_clause = _in_span(items, start, end)
    venues = [item for item in in_clause
              if _PLACE_INTRO.search(body[max(start, item["start"] - 40):item["start"]])
              and not _NOT_A_VENUE.search(body[start:item["start"]])]
    after = [item for item in venues if item["start"] >= cue_end]
    before = [item for item in venues if item["start"] < cue_end]
    chosen = after[0] if after else (before[-1] if before else None)
    return chosen and _most_specific_of_run(body, in_clause, chosen)


def _most_specific_of_run(body, items, first) -> dict:
    """Of ``first`` and the places that follow it, each after a comma, the most specific (for
    organisations, the last)."""
    run = [first]
    for item in items:
        if item["start"] >= run[-1]["end"] and re.fullmatch(r"\s*,\s*", body[run[-1]["end"]:item["start"]]):
            run.append(item)
    if "place_id" not in first:  # organisations
        return run[-1]
    return max(run, key=lambda item: PLACE_KINDS.index(item.get("kind") or "country"))


def _nearest_date(sentence_dates, clause_start, clause_end, cue_start) -> dict | None:
    in_clause = [d for d in sentence_dates if clause_start <= d["start"] and d["end"] <= clause_end
                 and "vague" not in d["flags"]]
    return min(in_clause, key=lambda d: abs(d["start"] - cue_start), default=None)


def _is_after(date: dict | None, anchor) -> bool:
    if not date or not date["date"] or anchor is None:
        return False
    stated = date["date"]
    return stated > anchor.isoformat()[:len(stated)]


def _cameo(kind, participants, place, people) -> str:
    if kind in CAMEO:
        return CAMEO[kind]
    countries = {(people or {}).get(p["person_id"], {}).get("country") for p in participants}
    place_country = place.get("country") if place else None
    if place_country and None not in countries and place_country not in countries:
        return "044"
    return "040"


def _roles_from_place(participants, place, people) -> list[dict]:
    """When the text gives no roles but ``people`` gives countries, those at home in the
    meeting's country host and the others are their guests (only when both sides exist)."""
    place_country = place.get("country") if place else None
    if not people or not place_country or any(p["role"] for p in participants):
        return participants
    countries = [people.get(p["person_id"], {}).get("country") for p in participants]
    if None in countries or place_country not in countries or len(set(countries)) < 2:
        return participants
    return [{"person_id": p["person_id"], "role": "host" if country == place_country else "guest"}
            for p, country in zip(participants, countries)]
