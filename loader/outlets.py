"""Outlets: one name for every way a page names its publisher (``loader/data/outlets.yml``).

``load_outlets`` validates the file like the other reference files (``reference._load_entries``)
and returns an :class:`Outlets` table that answers by spelling (``TEMPO.CO``, ``tempo.co``) and by
URL or host name (``https://dunia.tempo.co/read/…``). A page's outlet is read by ``sources``; this
module only knows names.
"""
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .reference import DATA_DIR, _common, _load_entries

HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")
# Host prefixes that are the same site: www.kompas.com, m.tribunnews.com, amp.kompas.com.
SAME_SITE_PREFIX = re.compile(r"^(?:www\d?|m|amp|mobile)\.")


@dataclass(frozen=True, eq=False)  # hashed by identity: the readers cache patterns per table
class Outlets:
    by_spelling: dict   # spelling_key(spelling) -> outlet name
    by_domain: dict     # domain -> outlet name
    spellings: tuple    # every spelling and name, longest first (for patterns)

    def named(self, written: str) -> str | None:
        """The outlet a spelling stands for, or None when the table does not know it."""
        return self.by_spelling.get(spelling_key(written))

    def at(self, url_or_host: str | None) -> str | None:
        """The outlet whose domain holds a URL or host name, or None."""
        host = host_of(url_or_host)
        while host and "." in host:
            if host in self.by_domain:
                return self.by_domain[host]
            host = host.split(".", 1)[1]  # lampung.antaranews.com -> antaranews.com
        return None


def spelling_key(written: str) -> str:
    """``"TEMPO.CO"``, ``"Tempo.co"``, ``"tempo.co."`` -> ``"tempo.co"``."""
    return " ".join(written.split()).strip(" .").lower()


def host_of(url_or_host: str | None) -> str | None:
    """``https://www.kompas.com/read/…`` or ``www.kompas.com`` -> ``kompas.com``; None if neither."""
    if not url_or_host:
        return None
    text = url_or_host.strip().lower()
    host = urlsplit(text if "//" in text else "//" + text).hostname
    if not host or not HOST.fullmatch(host):
        return None
    return SAME_SITE_PREFIX.sub("", host)


def _outlet(entry: dict, where: str) -> dict:
    record = _common({**entry, "aliases": entry.get("spellings") or []}, where)
    domains = entry.get("domains") or []
    if not isinstance(domains, list) or not all(isinstance(d, str) and HOST.fullmatch(d) for d in domains):
        raise ValueError(f"{where}: domains must be a list of lower-case host names like tempo.co")
    record["domains"] = domains
    return record


@functools.lru_cache(maxsize=4)
def load_outlets(data_dir: Path | None = None) -> Outlets:
    """Read ``outlets.yml`` from ``data_dir`` (default ``loader/data/``); raise ``ValueError``
    naming the file and entry on a bad entry or a spelling or domain given to two outlets."""
    path = Path(data_dir or DATA_DIR) / "outlets.yml"
    records = _load_entries(path, _outlet)
    by_spelling, by_domain = {}, {}
    for record in records.values():
        for table, keys, what in ((by_spelling, map(spelling_key, [record["name"], *record["aliases"]]), "spelling"),
                                  (by_domain, record["domains"], "domain")):
            for key in keys:
                claimed = table.setdefault(key, record["name"])
                if claimed != record["name"]:
                    raise ValueError(f"{path.name}: {what} {key!r} of {record['name']!r} "
                                     f"is already claimed by {claimed!r}")
    spellings = {s for record in records.values() for s in [record["name"], *record["aliases"]]}
    return Outlets(by_spelling, by_domain, tuple(sorted(spellings, key=len, reverse=True)))
