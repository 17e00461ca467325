"""Stable identifiers: derived from names or content, never from row order."""
import hashlib
import re
import unicodedata


def slugify(name: str) -> str:
    """``"Kim Jong-un"`` -> ``"kim-jong-un"``: ASCII, lower case, hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def content_id(*parts: object, length: int = 16) -> str:
    """A short hex digest of ``parts``; the same parts always give the same id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]
