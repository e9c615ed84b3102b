"""Names people show each other: no invisible or direction characters, and aliases that look alike
count as the same alias ("Nаyla" with a Cyrillic а is "Nayla")."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sleepcall.folding import to_ascii_lookalikes

# Categories never seen in a real name: format (zero-width, bidirectional overrides and isolates),
# control, private use, surrogates, unassigned, line and paragraph separators.
REFUSED_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cs", "Cn", "Zl", "Zp"})
# Letters that render as nothing (Hangul fillers, braille blank, Mongolian vowel separator).
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
MAX_MARKS_IN_A_ROW = 3  # more stacked accents than any language writes ("Zalgo" text)

# After confusable folding, ASCII characters that still pass for one another in a name.
ASCII_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "5": "s", "$": "s"})
ASCII_PAIRS = (("rn", "m"), ("vv", "w"))


def validate_plain_name(value: str) -> None:
    """Field validator for names: refuses zero-width, direction-override and other invisible characters."""
    marks = 0
    for char in value or "":
        category = unicodedata.category(char)
        marks = marks + 1 if category.startswith("M") else 0
        if category in REFUSED_CATEGORIES or char in INVISIBLE or marks > MAX_MARKS_IN_A_ROW:
            raise ValidationError(
                _("Please use only visible letters, digits, spaces and punctuation: invisible and "
                  "text-direction characters are not allowed in names."),
                code="invisible_character",
            )


def alias_key(alias: str) -> str:
    """The form two aliases share when people would read them as one: NFKC, confusables folded to
    ASCII, accents and case off, 0/O and 1/l/I merged, spaces and punctuation dropped."""
    text = to_ascii_lookalikes(alias).casefold().translate(ASCII_LOOKALIKES)
    for pair, single in ASCII_PAIRS:
        text = text.replace(pair, single)
    key = "".join(c for c in text if c.isalnum())
    return key or re.sub(r"\s+", "", alias.casefold())
