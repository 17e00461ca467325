"""Saved HTML pages: the main text and the page's metadata through trafilatura, offline, then
the same text reader as a copied page (``sources.page_article``).

trafilatura finds the story among the page's markup and reads title, site name, author and
canonical URL; the publication time comes from the page's own machine-readable tags
(``article:published_time``, ``datePublished`` …, with its time and offset), else from htmldate's
reading of the markup. htmldate's guesses from dates anywhere in the text and from the URL are
left out here: a date inside the story is the story's, and a date from the URL is flagged as such
by ``page_article``. Nothing is fetched: the page is all there is.
"""
import re

import htmldate
import trafilatura
from lxml import etree

from .outlets import Outlets
from .page_time import find_stamps
from .sources import Article, SkipArticle, decode, looks_binary, normalise, page_article

# Fewer words than this in the main text: a page of links or a consent wall, not an article.
MIN_WORDS = 30
CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# The tags pages and CMSs put the first publication time in, as (attribute, value) pairs.
PUBLISHED_TAGS = [("property", "article:published_time"), ("property", "og:published_time"),
                  ("name", "article:published_time"), ("itemprop", "datePublished"),
                  ("name", "pubdate"), ("name", "publishdate"), ("name", "publish-date"),
                  ("name", "dc.date.issued"), ("name", "content_PublishedDate")]


def read_html(raw: bytes, source_file: str, sidecar: dict | None, outlets: Outlets | None) -> Article:
    """The Article of one saved page; SkipArticle when it holds no article text."""
    if looks_binary(raw):
        raise SkipArticle("binary file, not an HTML page")
    text, notes = decode_html(raw)
    lines, given, more_notes = extract_html(text)
    return page_article(source_file, lines, outlets, notes + more_notes, given, sidecar)


def extract_html(text: str) -> tuple[list[str], dict, list[str]]:
    """A page's main text as lines, what its markup says (``page_article``'s ``given``), and
    notes; SkipArticle when the page holds no article."""
    notes = []
    if not re.search(r"</html\s*>\s*$", text[-2000:], re.IGNORECASE):
        notes.append("the page ends before </html> (saved or cut short?): read what is there")
    tree = trafilatura.load_html(text)
    if tree is None:
        raise SkipArticle("not an HTML page trafilatura can parse")
    published = _published(tree)
    document = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                           include_tables=False, include_images=False)
    words = len((document.text or "").split()) if document is not None else 0
    if words < MIN_WORDS:
        raise SkipArticle(f"no article in the HTML page (the main text found has {words} words)")
    given = {"url": document.url, "title": document.title, "outlet": document.sitename,
             "author": document.author, "source": "html", **(published or {})}
    return normalise(document.text), given, notes


def decode_html(raw: bytes) -> tuple[str, list[str]]:
    """The page's text and notes: a byte-order mark, else the charset the page declares, else
    the reader's own rule (UTF-8, else Windows-1252)."""
    declared = CHARSET.search(raw[:4096])
    if declared and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii", "replace")
        try:
            return raw.decode(name), []
        except LookupError:
            problem = f"declares an unknown charset {name!r}"
        except UnicodeDecodeError:
            problem = f"is not valid {name} as it declares"
        text, encoding = decode(raw)
        return text, [f"the page {problem}: decoded as {encoding}"]
    text, encoding = decode(raw)
    return text, [] if encoding.startswith("utf") else [f"not UTF-8: decoded as {encoding}"]


def _published(tree) -> dict | None:
    """``{"published", "published_text"}`` from the page's own tags, else htmldate's reading of
    the markup (not of the text, not of the URL); None when the page states no day."""
    for attribute, value in PUBLISHED_TAGS:
        for content in tree.xpath(f"//meta[translate(@{attribute}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                                  f"'abcdefghijklmnopqrstuvwxyz')='{value.lower()}']/@content"):
            stamp = _stamp(content)
            if stamp:
                return stamp
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        for content in re.findall(r'"datePublished"\s*:\s*"([^"]+)"', script):
            stamp = _stamp(content)
            if stamp:
                return stamp
    day = htmldate.find_date(etree.ElementTree(tree).getroot(), extensive_search=False,
                             original_date=True, url="", outputformat="%Y-%m-%d")
    return {"published": day, "published_text": day} if day else None


def _stamp(content: str) -> dict | None:
    stamps = [stamp for stamp in find_stamps(content) if not stamp.updated]
    return {"published": stamps[0].iso, "published_text": content.strip()} if stamps else None
