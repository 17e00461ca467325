"""Places as the press names them: sites (palaces, halls, airports) with their city, and when two
places can be where one meeting was."""
import pytest
import sqlite_utils

from loader.build import build
from loader.merge import _places_agree
from loader.reference import load_reference

PLACES_YML = """\
- name: Hanoi
  kind: city
  country: VN
  latitude: 21.03
  longitude: 105.85
- name: Presidential Palace of Vietnam
  kind: site
  aliases: [Istana Kepresidenan Vietnam]
  city: hanoi
  country: VN
  latitude: 21.04
  longitude: 105.83
"""


def write_reference(folder, places):
    folder.mkdir()
    (folder / "people.yml").write_text("- name: Tran Van Minh\n  country: VN\n", encoding="utf-8")
    (folder / "organizations.yml").write_text("", encoding="utf-8")
    (folder / "places.yml").write_text(places, encoding="utf-8")
    return folder


def test_a_site_names_the_city_it_is_in(tmp_path):
    ref = load_reference(write_reference(tmp_path / "data", PLACES_YML))
    assert ref.places["presidential-palace-of-vietnam"]["city_id"] == "hanoi"
    assert ref.places["hanoi"]["city_id"] is None


@pytest.mark.parametrize("places, message", [
    (PLACES_YML.replace("city: hanoi", "city: haiphong"),
     r"places\.yml: 'Presidential Palace of Vietnam': city 'haiphong' is not the id of a city"),
    (PLACES_YML + "- name: Saigon\n  kind: city\n  city: hanoi\n  country: VN\n  latitude: 10.8\n  longitude: 106.7\n",
     r"places\.yml: entry 3 \('Saigon'\): only a site names its city"),
])
def test_a_bad_city_is_named(tmp_path, places, message):
    with pytest.raises(ValueError, match=message):
        load_reference(write_reference(tmp_path / "data", places))


def test_the_database_says_which_city_a_site_is_in(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Tamu asing tiba di Istana Kepresidenan Vietnam pada Senin (11/3/2024).", encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "news.db", workers=1,
          data_dir=write_reference(tmp_path / "data", PLACES_YML))
    db = sqlite_utils.Database(tmp_path / "news.db")
    assert db.execute("select id, kind, city_id from places").fetchall() == [
        ("presidential-palace-of-vietnam", "site", "hanoi")]


KREMLIN = ("moscow-kremlin", "RU", "site", "moscow")
MOSCOW = ("moscow", "RU", "city", None)
SOCHI = ("sochi", "RU", "city", None)
RUSSIA = ("russia", "RU", "country", None)
KURSK = ("kursk", "RU", "region", None)
VNUKOVO = ("vnukovo", "RU", "site", "moscow")
COSMODROME = ("vostochny", "RU", "site", None)
PYONGYANG = ("pyongyang", "KP", "city", None)
UNKNOWN = (None, None, None, None)


@pytest.mark.parametrize("first, second, agree", [
    (KREMLIN, KREMLIN, True),
    (KREMLIN, MOSCOW, True),          # a site and its city
    (KREMLIN, RUSSIA, True),          # a place and its country
    (MOSCOW, RUSSIA, True),
    (KREMLIN, UNKNOWN, True),
    (KREMLIN, SOCHI, False),          # a site and another city
    (KREMLIN, VNUKOVO, False),        # two sites
    (MOSCOW, SOCHI, False),           # two cities of one country
    (MOSCOW, PYONGYANG, False),
    (PYONGYANG, RUSSIA, False),
    (KURSK, MOSCOW, True),            # a region: what it holds is not known, its country is
    (COSMODROME, MOSCOW, True),       # a site whose city is not known
])
def test_when_two_places_can_be_one_meetings(first, second, agree):
    assert _places_agree(first, second) is agree
    assert _places_agree(second, first) is agree
