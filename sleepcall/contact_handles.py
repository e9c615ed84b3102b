"""Contact handles in free text: phone numbers however written, messenger links, @handles, e-mails.

One detector for every app. A customer's name, a talent's alias and bio, reasons and notes that the
other party reads must not carry a way to reach someone outside the contact gate. The text is first
folded (look-alike letters, full-width and spelled-out digits, "dot"/"at" words) and then searched;
times, dates and rupiah amounts ("21.00–02.00", "12/08/2025", "Rp 100.000") are told apart from numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sleepcall.folding import to_ascii_lookalikes

PHONE, LINK, EMAIL, HANDLE = "phone", "link", "email", "handle"

MESSAGES = {
    PHONE: _("This looks like a phone number. Contact details are shared only inside a paid session, "
             "so please leave it out."),
    LINK: _("This looks like a link. Contact details are shared only inside a paid session, "
            "so please leave it out."),
    EMAIL: _("This looks like an e-mail address. Contact details are shared only inside a paid session, "
             "so please leave it out."),
    HANDLE: _("This looks like a messenger or social media account. Contact details are shared only inside "
              "a paid session, so please leave it out."),
}


@dataclass(frozen=True)
class ContactHandle:
    kind: str  # PHONE, LINK, EMAIL or HANDLE
    found: str  # the folded fragment that matched (for logs and tests, never shown to the other party)


NUMBER_WORDS = {
    "nol": "0", "kosong": "0", "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5",
    "enam": "6", "tujuh": "7", "delapan": "8", "lapan": "8", "sembilan": "9",
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9",
}
NUMBER_WORD = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b")
# Letters written for digits inside a run of digits: O for 0, l / I / i / | for 1.
LOOKALIKE_DIGITS = str.maketrans({"o": "0", "l": "1", "i": "1", "|": "1"})
LOOKALIKE_ONLY = re.compile(r"^[oli|]{1,4}$")

DOT_WORD = re.compile(r"\s*[(\[{<]\s*(?:dot|titik)\s*[)\]}>]\s*|\s+(?:dot|titik)\s+")
AT_WORD = re.compile(r"\s*[(\[{<]\s*(?:at|et)\s*[)\]}>]\s*")

TLDS = (
    "com|net|org|id|me|co|io|ly|gg|ee|am|app|link|to|my|sg|xyz|info|biz|site|online|page|tv|cc|us|club|vip|"
    "live|chat|social"
)
LINK_PATTERNS = [
    re.compile(r"https?\s*:\s*/\s*/|\bwww\s*\."),
    re.compile(r"\b(?:wa|t|line|m|ig|fb|telegram|signal|qr)\s*\.\s*me\b"),
    re.compile(r"\b(?:whatsapp|instagram|telegram|facebook|tiktok|twitter|snapchat|discord|linktr|michat)"
               r"\s*\.\s*(?:com|ee|gg|org|me)\b"),
    re.compile(r"\b(?:instagr\.am|bit\.ly|s\.id|discord\.gg|x\.com)\b"),
    re.compile(r"\b[a-z0-9-]{2,}(?:\.[a-z0-9-]+)*\.(?:" + TLDS + r")\b(?![.@-]?\w)"),
]
MAIL_PROVIDERS = "gmail|googlemail|yahoo|ymail|hotmail|outlook|icloud|live|proton|protonmail|aol|rocketmail"
EMAIL_PATTERNS = [
    re.compile(r"[a-z0-9._%+-]+\s*@\s*[a-z0-9-]+(?:\s*\.\s*[a-z0-9-]+)*\s*\.\s*(?:" + TLDS + r")\b"),
    re.compile(r"[a-z0-9._%+-]+\s*(?:@|\s(?:at|et)\s)\s*(?:" + MAIL_PROVIDERS + r")\b"),
    re.compile(r"[a-z0-9._%+-]+\s+(?:at|et)\s+[a-z0-9-]+\s*\.\s*(?:" + TLDS + r")\b"),
]
MESSENGERS = (
    "ig|insta|instagram|line|id line|line id|telegram|tele|tg|snapchat|snap|wechat|tiktok|twitter|fb|facebook|"
    "discord|signal|michat|kakao|kik|skype|threads"
)
HANDLE_PATTERNS = [
    re.compile(r"(?<![\w.%+-])@\s?[a-z_][a-z0-9_.]+"),
    re.compile(r"\b(?:" + MESSENGERS + r")\b\s*[:=]\s*@?[a-z0-9_.]{3,}"),
    re.compile(r"\b(?:" + MESSENGERS + r")\s+@?(?=[a-z0-9_.]*[0-9_.])(?=[a-z0-9_.]*[a-z])[a-z0-9_.]{3,}"),
]

# Digits with short gaps of anything but letters between them (a comma only right before a digit,
# so that "15, 30, 60 menit" stays a list).
PHONE_CANDIDATE = re.compile(r"\+?\d(?:(?:[^\w,]|_|,(?=\d)){0,3}\d)*")
_LEFT, _RIGHT = r"(?<![\d.,:/])", r"(?![\d]|[.,:/]\d)"
INNOCENT_NUMBERS = re.compile(
    _LEFT + r"(?:"
    r"(?:[01]?\d|2[0-4])[.:][0-5]\d"  # a time: 21.00, 02:00
    r"|[0-3]?\d[/.-][01]?\d[/.-](?:\d{4}|\d{2})"  # a date: 12/08/2025, 1-8-25
    r"|\d{4}-[01]\d-[0-3]\d"  # an ISO date
    r"|[1-9]\d{0,2}(?:[.,]\d{3}){1,2}"  # an amount: 35.000, 1.500.000
    r")" + _RIGHT
)
INDONESIAN_PREFIX = re.compile(r"^\+?(?:62|0)?[\W_]{0,3}8")
MIN_DIGITS, MIN_DIGITS_WITH_PREFIX = 10, 9


def fold(text: str) -> str:
    """The text as the detector reads it: ASCII look-alikes, lower case, words for digits and dots."""
    text = to_ascii_lookalikes(text).lower()
    text = DOT_WORD.sub(".", text)
    text = AT_WORD.sub("@", text)
    text = NUMBER_WORD.sub(lambda m: NUMBER_WORDS[m.group(1)], text)
    return _digits_from_letters(text)


def _digits_from_letters(text: str) -> str:
    """O/l/I next to digits are digits: in a token that has a digit, or a short token next to one."""
    tokens = re.split(r"(\s+)", text)
    words = tokens[::2]
    for _pass in range(2):
        for i, word in enumerate(words):
            if any(c.isdigit() for c in word):
                words[i] = word.translate(LOOKALIKE_DIGITS) if _mostly_digits(word) else word
            elif LOOKALIKE_ONLY.match(word) and _neighbour_is_number(words, i):
                words[i] = word.translate(LOOKALIKE_DIGITS)
    tokens[::2] = words
    return "".join(tokens)


def _mostly_digits(word: str) -> bool:
    """'O8l3' or '0813-22E8' yes, 'suka2' no: at most one letter in three that is not a look-alike."""
    letters = [c for c in word if c.isalpha()]
    others = [c for c in letters if c not in "oli"]
    digits = sum(c.isdigit() for c in word)
    return len(others) * 3 <= digits and digits >= 2


def _neighbour_is_number(words: list[str], i: int) -> bool:
    near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
    return any(w and all(c.isdigit() or not c.isalnum() for c in w) and any(c.isdigit() for c in w) for w in near)


def _phone(text: str) -> str | None:
    for match in PHONE_CANDIDATE.finditer(text):
        candidate = match.group()
        digits = sum(c.isdigit() for c in candidate)
        if digits < MIN_DIGITS_WITH_PREFIX:
            continue
        rest = INNOCENT_NUMBERS.sub(lambda m: " " * len(m.group()), candidate)
        left = sum(c.isdigit() for c in rest)
        if left >= MIN_DIGITS:
            return candidate
        starts_plain = rest[:1] == candidate[:1] and rest[:1] != " "
        if starts_plain and INDONESIAN_PREFIX.match(candidate) and digits >= MIN_DIGITS_WITH_PREFIX:
            return candidate
    return None


def find_contact_handle(text: str) -> ContactHandle | None:
    """The first contact handle in the text, or None."""
    if not text:
        return None
    text = str(text)
    return _find_in_short_text(text) if len(text) <= SHORT_TEXT else _find_contact_handle(text)


def _find_contact_handle(text: str) -> ContactHandle | None:
    folded = fold(text)
    for kind, patterns in ((EMAIL, EMAIL_PATTERNS), (LINK, LINK_PATTERNS), (HANDLE, HANDLE_PATTERNS)):
        for pattern in patterns:
            match = pattern.search(folded)
            if match:
                return ContactHandle(kind, match.group())
    number = _phone(folded)
    return ContactHandle(PHONE, number) if number else None


# A pure function of the text, kept per process for names and aliases: every admin row and catalogue
# card scrubs the same ones again (a tenth of the waiting list's time). Long texts are not kept.
SHORT_TEXT = 200
_find_in_short_text = lru_cache(maxsize=4096)(_find_contact_handle)


def has_contact_handle(text: str) -> bool:
    return find_contact_handle(text) is not None


def validate_no_contact_handle(value: str) -> None:
    """Field validator: refuses contact handles with a message that says what was recognised."""
    handle = find_contact_handle(value or "")
    if handle is not None:
        raise ValidationError(MESSAGES[handle.kind], code="contact_handle")


MASK = "•••"
PUNCTUATION = ".,;:!?()[]{}<>\"'"
DISGUISE_WORDS = frozenset({
    *NUMBER_WORDS, "at", "et", "dot", "titik", "wa", "whatsapp", "wasap", "hp", "no", "nomor", "nomer",
    *MESSENGERS.replace(" ", "|").split("|"), *MAIL_PROVIDERS.split("|"), "email", "e-mail", "mail", "com",
})


def _suspicious(token: str, *, every_number: bool) -> bool:
    folded = fold(token)
    bare = folded.strip(PUNCTUATION)
    if any(c.isdigit() for c in folded):
        # First pass: times, dates, amounts, ranges of them and short numbers ("23,") stay readable.
        return every_number or not all(_everyday_number(part) for part in re.split(r"[-–—]", bare))
    word = to_ascii_lookalikes(token).lower().strip(PUNCTUATION)
    return "@" in folded or bool(re.search(r"\w[./:]\w", folded)) or word in DISGUISE_WORDS


def _everyday_number(part: str) -> bool:
    return bool(INNOCENT_NUMBERS.fullmatch(part)) or (part.isdigit() and len(part) <= 3)


def _masked_word(match: re.Match, *, every_number: bool) -> str:
    return MASK if _suspicious(match.group(), every_number=every_number) else match.group()


def shown_text(text: str, *, fallback: str = "") -> str:
    """The text safe to show the other party: a stored text that carries a handle (written before the
    check existed) has its suspicious words masked, or is replaced by the fallback if that is not enough."""
    if type(text) is str and len(text) <= SHORT_TEXT:  # a plain str only: never hand back a SafeString
        return _shown_short(text, str(fallback))
    return _shown(text, str(fallback))


# Names are shown many times a page (Today: every session, every 20 seconds); the answer depends on
# the text and the fallback only, so short texts are worked out once per process.
@lru_cache(maxsize=4096)
def _shown_short(text: str, fallback: str) -> str:
    return _shown(text, fallback)


def _shown(text: str, fallback: str) -> str:
    if not has_contact_handle(text):
        return text
    for every_number in (False, True):
        masked = re.sub(r"\S+", partial(_masked_word, every_number=every_number), text)
        masked = re.sub(rf"{re.escape(MASK)}(?:\s+{re.escape(MASK)})+", MASK, masked)
        if not has_contact_handle(masked) and any(c.isalnum() for c in masked):
            return masked
    return str(fallback)
