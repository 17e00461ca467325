"""Reference data: who people are, what organisations and places are called.

The YAML files in ``loader/data/`` say who someone is (names, aliases, country, Wikidata id),
never what an article says. ``load_reference`` validates them and precomputes the lookup
tables the extractors need, once; the resulting ``Reference`` is plain data (picklable), so
it can be shipped to worker processes.
"""
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from loader.ids import slugify

DATA_DIR = Path(__file__).parent / "data"

# Korean and Chinese names put the family name first: "Kim Jong Un" is later "Kim".
FAMILY_NAME_FIRST_COUNTRIES = {"KP", "KR", "CN", "TW"}

# A word of a name, hyphenated parts included ("Jong-un", "Leif-Eric").
NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

# From the least to the most specific: a meeting takes the most specific place reported.
PLACE_KINDS = ["country", "region", "city", "site"]

ORGANIZATION_KINDS = {
    "news_agency", "news_outlet", "government", "military", "university", "international",
    "think_tank", "party", "company", "state",
}


@dataclass(frozen=True)
class Reference:
    people: dict            # id -> {"id", "name", "aliases", "country", "wikidata", "verified"}
    organizations: dict     # id -> {"id", "name", "aliases", "kind", "country", "wikidata"}
    places: dict            # id -> {"id", "name", "aliases", "kind", "country", "city_id", "latitude", "longitude", "wikidata"}
    person_by_key: dict     # name_key(alias) -> person id
    family_name_first: frozenset   # ids of people whose family name comes first
    # For the guarded fuzzy match: (word count, given-name keys) -> [(alias word keys, person id)],
    # people whose family name comes first left out (there one letter makes another person).
    person_variants: dict
    organization_by_alias: dict    # squeeze(alias) -> organization id
    place_by_alias: dict           # squeeze(alias) -> place id
    state_by_country: dict         # country code -> the organisation of kind "state" for it
    organization_pattern: re.Pattern
    place_pattern: re.Pattern
    outlets: object          # outlets.Outlets: the publishers of the pages read (outlets.yml)


@functools.lru_cache(maxsize=65536)  # the same few thousand name spellings, over and over
def name_key(text: str) -> str:
    """What two spellings of one name share: ``"Shin Won-sik"`` and ``"Shin Wonsik"`` ->
    ``"shinwonsik"`` (ASCII, lower case, letters and digits only)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def squeeze(text: str) -> str:
    """Collapse runs of whitespace, so a name broken over two spaces still looks up."""
    return " ".join(text.split())


def load_reference(data_dir: Path | None = None) -> Reference:
    """Read ``people.yml``, ``organizations.yml``, ``places.yml`` and ``outlets.yml`` from
    ``data_dir`` (default ``loader/data/``); raise ``ValueError`` naming the file and entry on a
    bad entry."""
    from .outlets import load_outlets  # outlets.py validates its entries with this module's helpers

    data_dir = Path(data_dir) if data_dir else DATA_DIR
    people = _load_entries(data_dir / "people.yml", _person)
    organizations = _load_entries(data_dir / "organizations.yml", _organization)
    places = _load_entries(data_dir / "places.yml", _place)
    for place in places.values():
        city = places.get(place["city_id"]) if place["city_id"] else None
        if place["city_id"] and (city is None or city["kind"] != "city"):
            raise ValueError(f"places.yml: {place['name']!r}: city {place['city_id']!r} is not "
                             f"the id of a city in places.yml")

    person_by_key = {}
    for person in people.values():
        for alias in [person["name"], *person["aliases"]]:
            key = name_key(alias)
            claimed = person_by_key.setdefault(key, person["id"])
            if claimed != person["id"]:
                raise ValueError(f"people.yml: alias {alias!r} of {person['id']!r} "
                                 f"is already claimed by {claimed!r}")
    family_first = set()
    for person in people.values():
        # Not a public column: kept here, taken off the person record.
        if person.pop("family_name_first", person["country"] in FAMILY_NAME_FIRST_COUNTRIES):
            family_first.add(person["id"])
    person_variants = {}
    for person in people.values():
        if person["id"] in family_first:
            continue
        for alias in [person["name"], *person["aliases"]]:
            keys = tuple(name_key(word) for word in NAME_WORD.findall(alias))
            if len(keys) >= 2:
                person_variants.setdefault((len(keys), keys[:-1]), []).append((keys, person["id"]))
    organization_by_alias = _alias_table("organizations.yml", organizations)
    place_by_alias = _alias_table("places.yml", places)
    return Reference(
        people=people,
        organizations=organizations,
        places=places,
        person_by_key=person_by_key,
        family_name_first=frozenset(family_first),
        person_variants=person_variants,
        organization_by_alias=organization_by_alias,
        place_by_alias=place_by_alias,
        state_by_country=_states(organizations),
        organization_pattern=_alias_pattern(organization_by_alias),
        place_pattern=_alias_pattern(place_by_alias),
        # A data folder made before outlets.yml existed reads the project's table.
        outlets=load_outlets(data_dir if (data_dir / "outlets.yml").exists() else None),
    )


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_entries(path: Path, build) -> dict:
    try:
        # libyaml's parser where PyYAML has it: every command loads these files (62 ms with the
        # pure-Python parser, 7 ms with libyaml).
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or []
    except yaml.YAMLError as error:
        raise ValueError(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(entries, list):
        raise ValueError(f"{path.name}: expected a list of entries")
    records = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}: entry {number}"
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            raise ValueError(f"{where}: missing name")
        where = f"{path.name}: entry {number} ({entry['name']!r})"
        record = build(entry, where)
        if record["id"] in records:
            raise ValueError(f"{where}: duplicate id {record['id']!r}")
        records[record["id"]] = record
    return records


def _common(entry: dict, where: str) -> dict:
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ValueError(f"{where}: aliases must be a list of names")
    country = entry.get("country")
    if country is not None and not re.fullmatch(r"[A-Z]{2}", str(country)):
        raise ValueError(f"{where}: country must be an ISO 3166 alpha-2 code, got {country!r}")
    wikidata = entry.get("wikidata")
    if wikidata is not None and not re.fullmatch(r"Q[1-9][0-9]*", str(wikidata)):
        raise ValueError(f"{where}: wikidata must be a QID like Q123, got {wikidata!r}")
    name = str(entry["name"]).strip()
    return {
        "id": str(entry.get("id") or slugify(name)),
        "name": name,
        "aliases": [a.strip() for a in aliases],
        "country": country,
        "wikidata": wikidata,
    }


def _person(entry: dict, where: str) -> dict:
    record = _common(entry, where)
    record["verified"] = 1
    if "family_name_first" in entry:
        record["family_name_first"] = bool(entry["family_name_first"])
    return record


def _organization(entry: dict, where: str) -> dict:
    record = _common(entry, where)
    kind = entry.get("kind")
    if kind not in ORGANIZATION_KINDS:
        raise ValueError(f"{where}: kind must be one of {sorted(ORGANIZATION_KINDS)}, got {kind!r}")
    record["kind"] = kind
    return record


def _place(entry: dict, where: str) -> dict:
    record = _common(entry, where)
    if entry.get("kind") not in PLACE_KINDS:
        raise ValueError(f"{where}: kind must be one of {PLACE_KINDS}, got {entry.get('kind')!r}")
    record["kind"] = entry["kind"]
    # A site (a palace, a hall, an airport) names the city it is in, by that city's id.
    city = entry.get("city")
    if city is not None and (record["kind"] != "site" or not isinstance(city, str)):
        raise ValueError(f"{where}: only a site names its city (a place id), got {city!r}")
    record["city_id"] = city
    for axis, limit in (("latitude", 90), ("longitude", 180)):
        value = entry.get(axis)
        if not isinstance(value, (int, float)) or not -limit <= value <= limit:
            raise ValueError(f"{where}: {axis} must be a number within ±{limit}")
        record[axis] = float(value)
    return record


def _alias_table(file_name: str, records: dict) -> dict:
    table = {}
    for record in records.values():
        for alias in [record["name"], *record["aliases"]]:
            claimed = table.setdefault(squeeze(alias), record["id"])
            if claimed != record["id"]:
                raise ValueError(f"{file_name}: alias {alias!r} of {record['id']!r} "
                                 f"is already claimed by {claimed!r}")
    return table


def _states(organizations: dict) -> dict:
    """Country code -> the organisation of kind ``state`` that speaks for that country."""
    states = {}
    for org in organizations.values():
        if org["kind"] != "state":
            continue
        if not org["country"]:
            raise ValueError(f"organizations.yml: state {org['id']!r} needs a country")
        claimed = states.setdefault(org["country"], org)
        if claimed is not org:
            raise ValueError(f"organizations.yml: states {claimed['id']!r} and {org['id']!r} "
                             f"are both {org['country']}")
    return states


def _alias_pattern(table: dict) -> re.Pattern:
    """One case-sensitive pattern of every alias, the longest that matches winning, so that
    ``Kementerian Pertahanan Rusia`` wins over ``Rusia``; spaces match any whitespace."""
    if not table:  # an empty file: matches nothing (an empty alternation matches everywhere)
        return re.compile(r"(?!)")
    # A look-ahead for the aliases' first letters fails fast where no alias can start (most of
    # the text). Not inside a word, nor after a dot (`J.KCNA`) unless the dot ends a word of two
    # lower-case letters or more: a page that lost the space after a full stop
    # (`Jong-un.KCNA menggambarkan`), as the sentence splitter reads it. (Negative look-behinds
    # each: an alternation of look-behinds made the search a third slower.)
    first_letters = "".join(sorted({re.escape(alias[0]) for alias in table}))
    return re.compile(rf"(?=[{first_letters}])(?<!\w)(?<![^a-z]\.)(?<![^a-z][a-z]\.)(?<!^\.)(?<!^[a-z]\.)(?:"
                      + _trie_pattern(table) + r")(?![\w])")


def _trie_pattern(aliases) -> str:
    """The aliases as a regular expression shaped like a trie: ``Korea(?:\\s+Selatan|\\s+Utara)?``
    rather than a list of 1,000 alternatives tried one by one at every position (4-5 times
    faster). Every alias that matches at a position is a prefix of the one text there, so all
    lie on one path of the trie, and trying a longer branch before stopping finds the longest,
    as the list sorted longest first did."""
    trie: dict = {}
    for alias in aliases:
        node = trie
        for char in alias:
            node = node.setdefault(char, {})
        node[""] = {}   # an alias ends here

    def branches(node: dict) -> str:
        parts = [(r"\s+" if char == " " else re.escape(char)) + branches(child)
                 for char, child in sorted(node.items()) if char]
        if not parts:
            return ""
        if "" in node:   # an alias may stop here: the longer ones first, else nothing more
            return "(?:" + "|".join(parts) + ")?"
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return branches(trie)
