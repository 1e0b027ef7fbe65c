"""Bytes to text: encodings told apart, files that are not text refused by name, and a check for English."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from .errors import CorpusError

__all__ = ["decode", "looks_english"]


# File signatures of formats people mistake for text ("save as" a PDF or Word file and upload it).
_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (Word and Excel files are ZIP archives too)"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "an audio, video or WebP file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else a detected encoding.

    Raises:
        CorpusError: the bytes are a binary format (named when recognised), or no encoding fits.
    """
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise CorpusError(f"{name}: this is {what} (a binary file), not text; save the article as text or HTML")
    text: str | None  # None only from _utf16_without_bom, refused at once
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise CorpusError(f"{name}: this is a binary file, not text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise CorpusError(f"{name}: cannot tell which text encoding this file uses") from None
            # Short texts fit several code pages equally well; Windows' Western one is the likeliest for news.
            western = from_bytes(data, cp_isolation=["cp1252"]).best()
            text = str(western if western is not None and western.chaos <= best.chaos else best)
    sample = text[:20_000]
    if len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise CorpusError(f"{name}: this is a binary file, not text (it is full of control characters)")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: ASCII letters leave a zero byte in every other place."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            return data.decode(codec, errors="replace")
    return None


# English function words: they make up about a third of any English news text.
_ENGLISH_WORDS = frozenset(
    ["the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "she", "for", "it", "with", "as", "his", "her", "on", "be", "at", "by", "said", "says", "from", "they", "this", "have", "has", "had", "are", "were", "not", "but", "an", "or", "will", "would", "who", "which", "their", "its", "been"]
)
_LETTERS = re.compile(r"[^\W\d_]+")


_LANGUAGE_SAMPLE = 2_000  # about 300 words: plenty to tell a language


def looks_english(text: str) -> bool:
    """Whether the text reads as English (too short a text gets the benefit of the doubt)."""
    words = _LETTERS.findall(text[:_LANGUAGE_SAMPLE].lower())
    letters = "".join(words)
    if len(letters) < 200:
        return True
    ascii_share = len(letters.encode("ascii", errors="ignore")) / len(letters)
    return ascii_share > 0.8 and sum(map(_ENGLISH_WORDS.__contains__, words)) >= 0.12 * len(words)
