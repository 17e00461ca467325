"""Generate a corpus of realistic Indonesian news articles for the benchmarks.

    .venv/bin/python benchmarks/corpus.py N FOLDER [--seed S]

Writes ``FOLDER/article-000000.txt`` … one file at a time (the corpus is never held in memory).
Every article is 3–6 KB and written the way the Indonesian press writes: a title, a section and
time line (``Kompas dunia | 19 Juli 2024, 14:11 WIB``) or not, a dateline (``PYONGYANG,
KOMPAS.TV -``, ``Jakarta, Pahami.id —``, ``TRIBUNNEWS.COM -``), people introduced with their
titles and later named by surname, direct quotes with cues, reported speech, meetings with a
place and a date (``Kamis (18/7/2024)``, ``30 November 2024``, ``pekan lalu``), ``Baca Juga:``
lines, credits (``Penulis : … Editor : …``) and agency credits (``(AFP/Reuters/ajs)``).

Deterministic: article ``i`` depends only on ``(seed, i)``, so a smaller corpus is a prefix of a
larger one and ``article(seed, N)`` is "one more article" for the incremental benchmark.
What the articles report comes from a ``World`` made from the seed: the real figures of the
story, fictional officials and analysts with generated names who recur across articles (plus one
new person in each article), and 1,500 meetings between Russian and North Korean officials. An
article reports one meeting in its first sentence and recalls others of the six weeks before it,
so many articles report the same meeting, each in its own words and date formats.
"""
import argparse
import bisect
import datetime
import hashlib
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent.parent / "build"

FIRST_DAY, DAYS = datetime.date(2023, 9, 1), 540  # the period the corpus covers
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]

# (dateline city, outlet marker, dash, section label or None, whether the dateline has a line
# of its own, opening quote mark, closing quote mark)
OUTLETS = [
    ("PYONGYANG", "KOMPAS.TV", "-", "Kompas dunia", False, "“", "”"),
    ("MOSKOW", "KOMPAS.com", "-", None, False, "“", "”"),
    ("Jakarta", "Pahami.id", "—", None, True, "“", "”"),
    (None, "TRIBUNNEWS.COM", "-", None, False, '"', '"'),
    ("SEOUL", "ANTARA", "-", None, False, "”", "”"),
    ("Jakarta", "CNN Indonesia", "--", None, True, "“", "”"),
    ("JAKARTA", "Liputan6.com", "-", None, False, "“", "”"),
    ("Moskow", "Sindonews", "-", "Internasional", False, '"', '"'),
]
AGENCIES = ["AFP", "Reuters", "AP", "Yonhap", "KCNA", "TASS", "RIA Novosti", "Xinhua"]
VIA = ["seperti dikutip {a}", "dikutip dari {a}", "seperti dilansir {a}", "menurut laporan {a}"]

# The real figures: (title as written before the name, name, name used later, country).
REAL_PEOPLE = [
    ("Menteri Pertahanan Rusia", "Andrei Belousov", "Belousov", "RU"),
    ("pemimpin Korea Utara", "Kim Jong Un", "Kim", "KP"),
    ("Presiden Rusia", "Vladimir Putin", "Putin", "RU"),
    ("Menteri Luar Negeri Rusia", "Sergei Lavrov", "Lavrov", "RU"),
    ("Menteri Pertahanan Korea Utara", "No Kwang Chol", "No", "KP"),
    ("Menteri Luar Negeri Korea Utara", "Choe Son Hui", "Choe", "KP"),
    ("Wakil Menteri Pertahanan Rusia", "Aleksey Krivoruchko", "Krivoruchko", "RU"),
    ("Sekretaris Dewan Keamanan Rusia", "Sergei Shoigu", "Shoigu", "RU"),
    ("Menteri Pertahanan Korea Selatan", "Shin Won-sik", "Shin", "KR"),
]
COUNTRY_NAMES = {"RU": "Rusia", "KP": "Korea Utara"}
RUSSIAN_FIRST = ["Aleksandr", "Dmitry", "Mikhail", "Nikolai", "Igor", "Oleg", "Yevgeny", "Pavel",
                 "Viktor", "Yuri", "Konstantin", "Roman", "Anatoly", "Gennady", "Vadim", "Boris"]
RUSSIAN_LAST = ["Volkov", "Morozov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Orlov", "Zaitsev",
                "Pavlov", "Semenov", "Golubev", "Vinogradov", "Bogdanov", "Vorobyov", "Fedorov",
                "Mikhailov", "Belyaev", "Tarasov", "Belov", "Komarov", "Kiselev", "Makarov"]
KOREAN_FAMILY = ["Kim", "Ri", "Pak", "Choe", "Jong", "Kang", "Jo", "Yun", "Han", "Hong", "O"]
KOREAN_SYLLABLES = ["Chol", "Song", "Kwang", "Myong", "Hyok", "Yong", "Nam", "Il", "Su", "Jin",
                    "Ho", "Hui", "Guk", "Chan", "Sun", "Thae", "Ryong", "Un"]
INDONESIAN_FIRST = ["Dimas", "Rizky", "Ayu", "Sri", "Bambang", "Yohanes", "Fitri", "Teuku",
                    "Nur", "Agus", "Retno", "Made", "Andi", "Dewi", "Hendra", "Lestari"]
INDONESIAN_LAST = ["Prasetyo", "Wibisono", "Siregar", "Nugroho", "Hutapea", "Santoso", "Rahmawati",
                   "Kusuma", "Harahap", "Saputra", "Wijaya", "Pratama", "Lubis", "Setiawan"]
RUSSIAN_TITLES = ["Wakil Menteri Luar Negeri Rusia", "Duta Besar Rusia untuk Korea Utara",
                  "Wakil Perdana Menteri Rusia", "Kepala Staf Umum Angkatan Bersenjata Rusia",
                  "juru bicara Kremlin", "Menteri Sumber Daya Alam Rusia", "Gubernur Primorye"]
KOREAN_TITLES = ["Wakil Menteri Luar Negeri Korea Utara", "Duta Besar Korea Utara untuk Rusia",
                 "Kepala Staf Umum Tentara Rakyat Korea", "Menteri Hubungan Ekonomi Luar Negeri Korea Utara",
                 "juru bicara Kementerian Pertahanan Korea Utara", "Sekretaris Komite Sentral Partai Buruh Korea"]
ANALYST_TITLES = ["analis senior di Institut Studi Strategis Asia Timur",
                  "pengamat hubungan internasional dari Universitas Padjadjaran",
                  "peneliti di Pusat Kajian Keamanan Asia", "dosen hubungan internasional Universitas Airlangga",
                  "analis militer dari Lembaga Kajian Pertahanan Nusantara"]
# Meetings take place in the host's country, now and then in a third one.
PLACES = {"RU": ["Moskow", "Vladivostok", "Khabarovsk", "Kazan", "Sochi"],
          "KP": ["Pyongyang", "Wonsan", "Sinuiju", "Rason"]}
THIRD_PLACES = ["Beijing", "Minsk"]
CUES = ["kata", "ujar", "ungkap", "tutur", "jelas", "tegas", "ucap", "papar"]
SELF_CUES = ["katanya", "ujarnya", "tuturnya", "jelasnya", "tegasnya"]
SPEECH_VERBS = ["mengatakan", "menyatakan", "menegaskan", "menjelaskan", "menyebutkan"]

QUOTE_TEXTS = [
    "Kerja sama militer antara kedua negara akan terus kami perkuat demi keamanan bersama",
    "Kami tidak akan tinggal diam menghadapi tekanan dari Barat",
    "Pertemuan ini membuka babak baru dalam hubungan kedua negara",
    "Kedua pihak sepakat memperluas pertukaran di bidang pertahanan, ekonomi dan teknologi",
    "Semua langkah yang kami ambil sesuai dengan hukum internasional",
    "Kami menghargai dukungan yang diberikan sahabat kami dalam situasi yang sulit ini",
    "Latihan bersama akan digelar secara rutin mulai tahun depan",
    "Sanksi sepihak tidak akan menghentikan kerja sama yang saling menguntungkan",
    "Kami siap mengirim lebih banyak tenaga ahli jika diperlukan",
    "Situasi di semenanjung Korea semakin berbahaya dan membutuhkan kewaspadaan tinggi",
    "Perjanjian kemitraan strategis adalah fondasi yang kokoh bagi masa depan kita",
    "Tidak ada yang bisa memisahkan persahabatan kedua bangsa",
]
REPORTED = [
    "kedua negara tengah menjajaki kerja sama di bidang teknologi satelit",
    "pengiriman amunisi ke Rusia meningkat tajam sejak awal tahun",
    "kunjungan tersebut bertujuan mempererat koordinasi militer",
    "Korea Utara ingin memperoleh teknologi canggih sebagai imbalan atas bantuannya",
    "perjanjian itu mencakup klausul bantuan timbal balik jika salah satu pihak diserang",
    "sanksi internasional semakin sulit ditegakkan karena kerja sama tersebut",
    "ribuan tentara telah dikirim untuk pelatihan di wilayah Rusia bagian timur",
    "hubungan kedua negara kini berada pada titik terdekat sejak berakhirnya Perang Dingin",
]
BACKGROUND = [
    "Amerika Serikat dan Korea Selatan menuduh Korea Utara mengirimkan lebih dari {n}.000 tentara untuk membantu Rusia melawan Ukraina.",
    "Moskow dan Pyongyang membantah tuduhan tersebut, namun tidak memberikan rincian lebih lanjut.",
    "Hubungan militer kedua negara menguat sejak perjanjian kemitraan strategis ditandatangani pada Juni 2024.",
    "Para analis menilai kerja sama itu memberi Korea Utara pengalaman tempur yang tidak dimilikinya selama puluhan tahun.",
    "Dewan Keamanan PBB sebelumnya menjatuhkan serangkaian sanksi terhadap program rudal Korea Utara.",
    "Citra satelit menunjukkan peningkatan aktivitas di pelabuhan dekat perbatasan kedua negara.",
    "Kementerian Luar Negeri Korea Selatan memanggil duta besar Rusia untuk meminta penjelasan.",
    "Jepang menyatakan keprihatinan atas meningkatnya kerja sama militer di kawasan tersebut.",
    "Pemerintah Ukraina mengatakan telah menemukan sisa rudal buatan Korea Utara di wilayahnya.",
    "Sejumlah pejabat Barat memperingatkan bahwa transfer teknologi dapat mempercepat program nuklir Pyongyang.",
    "Perdagangan antara kedua negara dilaporkan naik {n} kali lipat dibandingkan tahun sebelumnya.",
    "Jalur kereta api yang menghubungkan Khabarovsk dan Rason kembali aktif setelah bertahun-tahun terbengkalai.",
    "Pengamat menyebut pertemuan tingkat tinggi semakin sering digelar dalam beberapa bulan terakhir.",
    "NATO menyebut kerja sama tersebut sebagai ancaman serius bagi keamanan Eropa dan Indo-Pasifik.",
    "Tiongkok menyerukan semua pihak untuk menahan diri dan mengedepankan dialog.",
]
HEADLINES = [
    "Korea Selatan Tingkatkan Kewaspadaan di Perbatasan", "Harga Minyak Dunia Naik Tipis Pekan Ini",
    "Ukraina Klaim Tembak Jatuh Puluhan Drone Rusia", "Jepang Gelar Latihan Militer Bersama AS",
    "PBB Serukan Gencatan Senjata di Gaza", "Kapal Selam Nuklir AS Tiba di Busan",
    "Tiongkok Kirim Delegasi ke Pyongyang", "Presiden Prabowo Terima Kunjungan Menlu Rusia",
]
TITLES = [
    "{a} Bertemu {b} di {place}, Bahas Kerja Sama Militer",
    "Hubungan Militer Rusia-Korea Utara Makin Erat, {a} Kunjungi {place}",
    "{a} Sebut Kerja Sama dengan Pyongyang Tak Bisa Dipisahkan",
    "Delegasi Rusia Tiba di {place}, Disambut {b}",
    "Rusia dan Korea Utara Teken Kesepakatan Baru di {place}",
    "Kunjungan {a} ke {place} Tuai Kecaman Barat",
]


def _person_name(rng: random.Random, country: str) -> str:
    if country == "RU":
        return f"{rng.choice(RUSSIAN_FIRST)} {rng.choice(RUSSIAN_LAST)}"
    if country == "KP":
        # Korean given names are written hyphenated or as two words: "Ri Chol-song", "Ri Chol Song".
        first, second = rng.sample(KOREAN_SYLLABLES, 2)
        given = f"{first}-{second.lower()}" if rng.random() < 0.5 else f"{first} {second}"
        return f"{rng.choice(KOREAN_FAMILY)} {given}"
    return f"{rng.choice(INDONESIAN_FIRST)} {rng.choice(INDONESIAN_LAST)}"


def _fictional_person(rng: random.Random) -> tuple[str, str, str, str]:
    """(title, name, name used later, country): Koreans are later named by family name."""
    country = rng.choice(["RU", "RU", "KP", "KP", "ID"])
    name = _person_name(rng, country)
    titles = {"RU": RUSSIAN_TITLES, "KP": KOREAN_TITLES, "ID": ANALYST_TITLES}[country]
    later = name.split()[0] if country == "KP" else name.split()[-1]
    return rng.choice(titles), name, later, country


@dataclass(frozen=True)
class World:
    """What the corpus reports on: recurring fictional people, and meetings (date, place, host,
    guest) that many articles report, each in its own words."""
    people: list
    meetings: list  # sorted by date
    meeting_dates: list


def world(seed: int, people: int = 400, meetings: int = 1500) -> World:
    """The world of the corpus for ``seed``."""
    rng = random.Random(f"world-{seed}")
    pool = [_fictional_person(rng) for _ in range(people)]
    real = {c: [p for p in REAL_PEOPLE if p[3] == c] for c in COUNTRY_NAMES}
    fictional = {c: [p for p in pool if p[3] == c] for c in COUNTRY_NAMES}
    found = []
    for _ in range(meetings):
        host_country, guest_country = rng.sample(sorted(COUNTRY_NAMES), 2)
        # The real figures meet far more often than any one fictional official.
        host, guest = (rng.choice(real[c] if rng.random() < 0.5 else fictional[c])
                       for c in (host_country, guest_country))
        place = rng.choice(THIRD_PLACES if rng.random() < 0.05 else PLACES[host_country])
        found.append((FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS)), place, host, guest))
    found.sort(key=lambda m: (m[0], m[1], m[2][1], m[3][1]))
    return World(pool, found, [m[0] for m in found])


def _when(rng: random.Random, event: datetime.date, published: datetime.date) -> str:
    """How an article writes the day of an event, relative to its own date."""
    weekday = WEEKDAYS[event.weekday()]
    if rng.random() < 0.03:  # outlets get weekdays wrong now and then
        weekday = WEEKDAYS[(event.weekday() + 1) % 7]
    options = [
        f"pada {weekday} ({event.day}/{event.month}/{event.year})",
        f"pada {weekday} ({event.day}/{event.month})",
        f"pada {event.day} {MONTHS[event.month - 1]} {event.year}",
        f"pada hari {weekday}",
    ]
    if (published - event).days >= 7:
        options.append("pekan lalu")
    if published.month != event.month:
        options.append("bulan lalu")
    return rng.choice(options)


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def article(seed: int, index: int, about: World | None = None) -> str:
    """The text of article ``index`` of the corpus for ``seed``."""
    rng = random.Random(f"article-{seed}-{index}")
    about = about or world(seed)
    city, marker, dash, section, own_line, open_mark, close_mark = rng.choice(OUTLETS)
    main = rng.choice(about.meetings)
    published = main[0] + datetime.timedelta(days=rng.choice([0, 0, 1, 2]))
    # Earlier meetings the article may recall: those of the six weeks before it.
    recent = about.meetings[bisect.bisect_left(about.meeting_dates, published - datetime.timedelta(days=42)):
                            bisect.bisect_right(about.meeting_dates, published)]
    cast = [main[2], main[3], rng.choice(REAL_PEOPLE), *rng.sample(about.people, 3), _fictional_person(rng)]
    introduced: set[str] = set()

    def name(person) -> str:
        """The full name with its title the first time, the name used later after that."""
        title, full, later, _ = person
        if full in introduced:
            return later
        introduced.add(full)
        if person not in cast:
            cast.append(person)
        return f"{title} {full}"

    def quote(text: str) -> str:
        return f"{open_mark}{text}{close_mark}"

    def sentence(kind: str) -> str:
        speaker = rng.choice(cast)
        day, place, host, guest = rng.choice(recent)
        when = _when(rng, day, published)
        via = f", {rng.choice(VIA).format(a=rng.choice(AGENCIES))}" if rng.random() < 0.4 else ""
        templates = {
            "quote_after": lambda: f"{quote(rng.choice(QUOTE_TEXTS) + ',')} {rng.choice(CUES)} {name(speaker)}{via}.",
            "quote_self": lambda: f"{quote(rng.choice(QUOTE_TEXTS) + ',')} {rng.choice(SELF_CUES)}.",
            "quote_before": lambda: f"{name(speaker)} {rng.choice(SPEECH_VERBS)}, {quote(rng.choice(QUOTE_TEXTS) + '.')}",
            "reported": lambda: f"{name(speaker)} {rng.choice(SPEECH_VERBS)} bahwa {rng.choice(REPORTED)}.",
            "according": lambda: f"Menurut {name(speaker)}, {rng.choice(REPORTED)}.",
            "meeting": lambda: f"{name(host)} bertemu dengan {name(guest)} di {place} {when}.",
            "delegation": lambda: f"Delegasi {COUNTRY_NAMES[guest[3]]} yang dipimpin {name(guest)} tiba di "
                                  f"{place} {when} untuk melakukan pembicaraan dengan {name(host)}.",
            "reception": lambda: f"{name(host)} menerima kunjungan {name(guest)} di {place}, {when}.",
            "planned": lambda: f"{name(guest)} dijadwalkan kembali mengunjungi {place} bulan depan atas undangan {name(host)}.",
            "background": lambda: rng.choice(BACKGROUND).format(n=rng.randrange(2, 15)),
        }
        return _capitalised(templates[kind]())

    # Sentence kinds and how often they come.
    kinds = {"quote_after": 4, "quote_self": 2, "quote_before": 3, "reported": 3, "according": 2,
             "meeting": 2, "delegation": 1, "reception": 1, "planned": 1, "background": 6}

    def paragraph() -> str:
        chosen = rng.choices(list(kinds), list(kinds.values()), k=rng.randint(1, 3))
        return " ".join(map(sentence, chosen))

    day, place, host, guest = main
    title = rng.choice(TITLES).format(a=host[1], b=guest[1], place=place)
    lines = ["Breaking News"] if rng.random() < 0.1 else []
    lines.append(title)
    first = (f"{_capitalised(name(host))} bertemu dengan {name(guest)} di {place} "
             f"{_when(rng, day, published)}, "
             f"membahas penguatan kerja sama militer kedua negara.")
    dateline = f"{city + ', ' if city else ''}{marker} {dash}"
    if section:
        hour, minute = rng.randrange(6, 23), rng.randrange(60)
        lines.append(f"{section} | {published.day} {MONTHS[published.month - 1]} {published.year}, "
                     f"{hour:02d}:{minute:02d} WIB{dateline} {first}")
    elif own_line:
        lines += [dateline, first]
    else:
        lines.append(f"{dateline} {first}")
    target = rng.randint(3000, 5800)
    size = sum(len(line.encode()) + 1 for line in lines)
    while size < target:
        line = f"Baca Juga: {rng.choice(HEADLINES)}" if rng.random() < 0.08 else paragraph()
        lines.append(line)
        size += len(line.encode()) + 1
    if rng.random() < 0.6:
        lines.append(f"Penulis : {_person_name(rng, 'ID')} Editor : {_person_name(rng, 'ID')}")
    credit = "/".join(rng.sample(AGENCIES[:4], rng.randint(1, 2)))
    lines.append(f"({credit}/{rng.choice(['ajs', 'nsa', 'rds', 'pua'])})" if rng.random() < 0.5
                 else f"Sumber : {credit}")
    separator = "\n\n" if rng.random() < 0.3 else "\n"
    return separator.join(lines) + "\n"


def file_name(index: int) -> str:
    return f"article-{index:06d}.txt"


def cached(n: int, seed: int = 0, cache: Path = BUILD_DIR) -> tuple[Path, bool]:
    """The corpus in ``CACHE/bench-corpus-N-SEED/``, generated unless a complete one made by
    this version of the generator is there; returns ``(folder, reused)``. The marker, written
    last, holds a hash of this file."""
    folder = Path(cache) / f"bench-corpus-{n}-{seed}"
    done = folder / ".complete"
    version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    if done.exists() and done.read_text() == version:
        return folder, True
    shutil.rmtree(folder, ignore_errors=True)
    generate(n, folder, seed)
    done.write_text(version)
    return folder, False


def generate(n: int, folder: Path, seed: int = 0) -> list[Path]:
    """Write articles ``0 .. n-1`` of the corpus for ``seed`` into ``folder``; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    about = world(seed)
    paths = []
    for index in range(n):
        path = folder / file_name(index)
        path.write_text(article(seed, index, about), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = generate(args.n, args.folder, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB in {args.folder}")


if __name__ == "__main__":
    main()
