"""Unicode folding shared by the contact-handle detector and alias keys: look-alikes become ASCII.

The look-alike table is Unicode's confusables data (UTS #39) as shipped by confusable_homoglyphs;
we keep, for each non-ASCII character, its ASCII letter or digit prototype ("а" Cyrillic → "a").
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources


@cache
def _ascii_prototypes() -> dict[str, str]:
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for char, entries in data.items():
        if len(char) != 1 or char.isascii():
            continue
        for entry in entries:
            glyph = entry["c"]
            if len(glyph) == 1 and glyph.isascii() and glyph.isalnum():
                table[char] = glyph
                break
    return table


def to_ascii_lookalikes(text: str) -> str:
    """NFKC (full-width, maths letters, circled digits), every decimal digit as 0–9, accents off,
    then each remaining non-ASCII character replaced by its ASCII look-alike when it has one."""
    text = unicodedata.normalize("NFKC", text)
    prototypes = _ascii_prototypes()
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if char.isascii():
            out.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Mn", "Me", "Cf"):  # accents, keycaps, zero-width and direction marks
            continue
        digit = unicodedata.decimal(char, None)
        if digit is not None:
            out.append(str(digit))
        else:
            out.append(prototypes.get(char, char))
    return "".join(out)
