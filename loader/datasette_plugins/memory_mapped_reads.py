"""Datasette plugin: read the database through a memory map.

A search over a common word ("Pyongyang") makes Datasette look up most article rows several times
per page (rows, count, one query per facet). Each article row is a few KB, so each look-up lands
on its own page; through SQLite's default read() calls each page is copied into a small
per-connection cache, through a memory map it is read in place from the operating system's page
cache, shared by every connection. `benchmarks/serve.py` measures the difference.
"""
from datasette import hookimpl

# As much as SQLite allows: it maps only what the file holds, and caps the size at its
# compile-time limit (2 GB in the usual builds; the rest of a larger file is read as before).
MMAP_SIZE_BYTES = 64 * 1024 ** 3


@hookimpl
def prepare_connection(conn):
    conn.execute(f"pragma mmap_size = {MMAP_SIZE_BYTES}")
