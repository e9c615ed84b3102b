"""The abuse shield: does a message insult, slur or harass, even disguised?

Normalising undoes the usual disguises — case, spacing ("a n j i n g"), repeated letters
("anjiiing"), digits and symbols for letters ("4nj1ng", "g0bl0k", "@njing") and punctuation inside
words ("an.jing") — then each word is compared with the lexicon (support/lexicon/*.txt plus the
words managers add in the admin).

Two decisions keep fair sentences clean (docs/support-desk.md):
- A word with an innocent meaning (marked "~" in the files: anjing = dog, babi = pig) is flagged
  only when disguised, aimed at someone ("dasar anjing", "anjing lu", "kamu anjing") or alone as
  the whole message. "anjing saya sakit" is about a dog.
- A word inside quotation marks is a mention, not a use: "kata 'bangsat' itu kasar" discusses the
  word. An agent can still mark such a message abusive by hand.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"

LOOKALIKES = str.maketrans({
    "4": "a", "@": "a", "1": "i", "!": "i", "|": "i", "3": "e", "0": "o", "5": "s", "$": "s",
    "7": "t", "+": "t", "6": "g", "9": "g", "8": "b", "2": "z",
})
QUOTED = re.compile(r"(?<!\w)(['\"“‘«`])([^'\"“”‘’«»`\n]{1,60})(['\"”’»`])(?!\w)")
# Said to someone: the word right after one of these, or right before a "you".
BEFORE = {"dasar", "lu", "lo", "loe", "lw", "elu", "elo", "kau", "kamu", "situ", "you", "u", "ya"}
AFTER = {"lu", "lo", "loe", "lw", "elu", "elo", "kau", "kalian", "you", "u"}
SUFFIXES = ("nya", "lah", "kau", "lu", "lo", "mu", "an", "in", "s", "ed", "ing", "er", "y")


@dataclass(frozen=True)
class Lexicon:
    words: frozenset[str]  # squeezed: "asshole" is kept as "ashole"
    ambiguous: frozenset[str] = frozenset()
    spelling: dict[str, str] = field(default_factory=dict)  # squeezed → as written, for agents to read


@dataclass
class Verdict:
    matched: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.matched)


def squeeze(word: str) -> str:
    """Repeated letters once: 'anjiiing' and 'anjing' compare equal (and 'goblokk' with 'goblok')."""
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=1)
def file_lexicon() -> Lexicon:
    words, ambiguous, spelling = set(), set(), {}
    for path in sorted(LEXICON_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip().lower()
            if not line or line.startswith("#"):
                continue
            word = squeeze(line.lstrip("~"))
            words.add(word)
            spelling[word] = line.lstrip("~")
            if line.startswith("~"):
                ambiguous.add(word)
    return Lexicon(frozenset(words), frozenset(ambiguous), spelling)


def current_lexicon() -> Lexicon:
    """The files and the managers' words (one query)."""
    from support.models import LexiconWord

    base = file_lexicon()
    extra = list(LexiconWord.objects.values_list("word", "ambiguous"))
    words = {squeeze(w.lower()) for w, _ in extra}
    ambiguous = {squeeze(w.lower()) for w, a in extra if a}
    spelling = base.spelling | {squeeze(w.lower()): w.lower() for w, _ in extra}
    return Lexicon(base.words | words, base.ambiguous | ambiguous, spelling)


@dataclass
class Token:
    raw: str
    start: int
    end: int
    plain: str = ""
    disguised: bool = False
    quoted: bool = False


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


EDGE = re.compile(r"^[!?.,;:()\[\]{}\"'“”‘’~_-]+|[!?.,;:()\[\]{}\"'“”‘’~_*-]+$")


def _normalise(raw: str) -> tuple[str, bool]:
    """A token's letters with look-alikes undone and repeats squeezed; whether it was disguised.

    Ordinary punctuation around a word ("tolol!!!", "(goblok)") is not a disguise and not a letter.
    A star inside a word stays as a wildcard ("f*ck"), read by _lexicon_word.
    """
    core = EDGE.sub("", raw)
    letters_only = re.sub(r"[^a-z]", "", core)
    if not letters_only:
        return "", False  # a number or a smiley: nothing to read
    mapped = core.translate(LOOKALIKES)
    plain = squeeze(re.sub(r"[^a-z*]", "", mapped))
    disguised = core != letters_only or squeeze(letters_only) != letters_only
    return plain, disguised


def tokens(text: str) -> list[Token]:
    folded = _fold(text)
    quoted = [(m.start(2), m.end(2)) for m in QUOTED.finditer(folded)]
    found: list[Token] = []
    for m in re.finditer(r"\S+", folded):
        core = EDGE.sub("", m.group()) or m.group()
        start = m.start() + m.group().find(core)  # the word without the punctuation around it
        token = Token(m.group(), start, start + len(core))
        token.plain, token.disguised = _normalise(token.raw)
        token.quoted = any(a - 1 <= token.start and token.end <= b + 1 for a, b in quoted)
        found.append(token)
    return _join_spelled_out(found)


def _join_spelled_out(found: list[Token]) -> list[Token]:
    """'a n j i n g' (single letters with spaces) reads as one word."""
    joined: list[Token] = []
    run: list[Token] = []

    def flush() -> None:
        if len(run) >= 3:
            word = Token(" ".join(t.raw for t in run), run[0].start, run[-1].end)
            word.plain = squeeze("".join(t.plain for t in run))
            word.disguised = True
            word.quoted = all(t.quoted for t in run)
            joined.append(word)
        else:
            joined.extend(run)
        run.clear()

    for token in found:
        if len(token.plain) == 1 and len(re.sub(r"[^a-z0-9@$!|+]", "", token.raw)) == 1:
            run.append(token)
        else:
            flush()
            joined.append(token)
    flush()
    return joined


def _lexicon_word(plain: str, lexicon: Lexicon) -> str | None:
    if "*" in plain.strip("*"):  # "f*ck", "b*ngsat": a star stands for one or two letters
        pattern = re.compile(re.sub(r"\*+", "[a-z]{1,2}", re.escape(plain).replace("\\*", "*")))
        return next((word for word in sorted(lexicon.words) if pattern.fullmatch(word)), None)
    plain = plain.strip("*")
    if plain in lexicon.words:
        return plain
    for suffix in SUFFIXES:
        stem = plain[: -len(suffix)] if plain.endswith(suffix) else ""
        if len(stem) >= 4 and stem in lexicon.words:
            return stem
    return None


def check(text: str, lexicon: Lexicon | None = None) -> Verdict:
    lexicon = lexicon or file_lexicon()
    words = tokens(text)
    verdict = Verdict()
    readable = [t for t in words if t.plain]
    for index, token in enumerate(readable):
        if token.quoted:
            continue
        word = _lexicon_word(token.plain, lexicon)
        span = (token.start, token.end)
        if word is None and index + 1 < len(readable):  # "anj ing": a word split in two
            following = readable[index + 1]
            if not following.quoted and (token.plain + following.plain) in lexicon.words:
                word, span = token.plain + following.plain, (token.start, following.end)
                token = Token(token.raw, token.start, following.end, word, disguised=True)
        if word is None:
            continue
        if word in lexicon.ambiguous and not _aimed(readable, index, token):
            continue
        verdict.matched.append(lexicon.spelling.get(word, word))
        verdict.spans.append(span)
    return verdict


def _aimed(readable: list[Token], index: int, token: Token) -> bool:
    if token.disguised or len(readable) <= 2:
        return True
    before = readable[index - 1].plain if index > 0 else ""
    after = readable[index + 1].plain if index + 1 < len(readable) else ""
    return before in BEFORE or after in AFTER


def mask(text: str, verdict: Verdict) -> str:
    """The message with each matched word replaced by its first letter and stars."""
    if not verdict.spans:
        return text
    folded_len = len(_fold(text))
    if folded_len != len(text):  # accents changed the length: mask on the folded text
        text = _fold(text)
    pieces, last = [], 0
    for start, end in sorted(verdict.spans):
        pieces.append(text[last:start])
        pieces.append(text[start] + "*" * max(end - start - 1, 2))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
