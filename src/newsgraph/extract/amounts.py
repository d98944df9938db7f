"""Amounts: numbers with what they count, from NER spans and the parse.

A CARDINAL, MONEY, PERCENT or QUANTITY mention becomes an :class:`Amount`
when its text holds one number (digits, "3.5bn", "two million", "a dozen"):

* ``value`` is the number with its scale ("more than two million" ->
  2000000; the bound "more than", "up to" stays in ``text``);
* ``unit`` is a currency code for money ("€2,500" -> EUR), ``percent``, a
  measure for quantities ("40 kilometres" -> km), or, for a count that is
  the object or passive subject of a casualty or detention verb, the
  verb's participle ("killing 41 people" -> killed);
* ``object`` is the noun the number counts ("41 people" -> people), or the
  noun an amount belongs to ("fines of up to €2,500" -> fines).

What is not an amount: years (a bare four-digit 1800-2099 that counts
nothing), identifiers (a number after the noun it labels: "Flight 8243",
"route 66", or glued to letters: "F-16"), parts of dates ("5 October"),
ranges and scores ("38-40", "3-1") and ordinals (never read).

Vague counts ("dozens of people", "tens of thousands") are amounts valued
at their lower bound (24, 20,000) with ``approximate`` set, as are hedged
figures ("about 300", "more than two million").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from newsgraph.ids import span_id
from newsgraph.records import Amount, AnalysedArticle, Token
from newsgraph.settings import Settings

__all__ = ["AmountsStage", "extract_amounts", "parse_amount", "vague_count"]

# Bump when the rules change: part of the stage version, so a re-run
# re-extracts articles analysed before (2: vague counts, approximate flag).
AMOUNTS_VERSION = "3"  # 3: "12 were killed and 30 wounded": the 30 are wounded

AMOUNT_TYPES = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})

_SMALL = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2
    )
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
# Fractions ("half") are left out: a bare 0.5 with nothing counted misleads.
_ARTICLES = {"a": 1, "an": 1, "one": 1, "dozen": 12}

# Currency symbols and words: general conventions, "$" read as USD as wire
# copy does. Three-letter codes ("USD 5m") are matched from pycountry.
_SYMBOLS = {
    "us$": "USD",
    "c$": "CAD",
    "a$": "AUD",
    "hk$": "HKD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₴": "UAH",
    "₹": "INR",
    "₺": "TRY",
    "₩": "KRW",
    "₪": "ILS",
}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "ruble": "RUB",
    "rouble": "RUB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rupee": "INR",
    "lira": "TRY",
    "shekel": "ILS",
    "franc": "CHF",
    "won": "KRW",
    "rand": "ZAR",
    "real": "BRL",
    "reais": "BRL",
    "peso": "MXN",
    "manat": "AZN",
    "tenge": "KZT",
    "forint": "HUF",
    "zloty": "PLN",
    "krona": "SEK",
    "krone": "NOK",
}
_MEASURES = {
    "kilometre": "km",
    "kilometer": "km",
    "km": "km",
    "mile": "mi",
    "metre": "m",
    "meter": "m",
    "tonne": "t",
    "ton": "t",
    "kilogram": "kg",
    "kg": "kg",
    "litre": "l",
    "liter": "l",
    "barrel": "barrels",
    "hectare": "ha",
    "acre": "acres",
    "degree": "degrees",
    "square kilometre": "km2",
    "square kilometer": "km2",
    "square mile": "mi2",
    "megawatt": "MW",
    "gigawatt": "GW",
    "cubic metre": "m3",
    "cubic meter": "m3",
}

# Verbs whose object (or passive subject) is a count of people the event
# happened to; the unit is the participle, as the issue asks ("killed").
_EVENT_UNITS = {
    "kill": "killed",
    "injure": "injured",
    "wound": "wounded",
    "hurt": "injured",
    "die": "died",
    "arrest": "arrested",
    "detain": "detained",
    "jail": "jailed",
    "imprison": "jailed",
    "displace": "displaced",
    "evacuate": "evacuated",
    "abduct": "abducted",
    "kidnap": "kidnapped",
    "capture": "captured",
    "rescue": "rescued",
    "deport": "deported",
    "release": "released",
    "free": "released",
    "execute": "executed",
    "sentence": "sentenced",
    "charge": "charged",
}

_QUALIFIER = re.compile(
    r"^(?:(?:more|fewer|less|greater|higher|lower) than|(?:just |well )?(?:over|under|above|below)"
    r"|up to|at least|at most|nearly|almost|about|around|some|roughly|approximately"
    r"|as (?:many|much|few|little) as|an estimated|estimated|close to|upwards of|in excess of"
    r"|a total of|a further|another|only|just|barely|nearly|precisely|exactly)\s+",
    re.I,
)
# Hedges: the figure is an estimate or a bound, not exact ("about 300",
# "more than two million", "up to €3,000").
_HEDGE = re.compile(
    r"^(?:(?:more|fewer|less|greater|higher|lower) than|(?:just |well )?(?:over|under|above|below)"
    r"|up to|at least|at most|nearly|almost|about|around|some|roughly|approximately"
    r"|as (?:many|much|few|little) as|an estimated|estimated|close to|upwards of|in excess of)\s",
    re.I,
)
# Vague counts, valued at their lower bound: the plural of a round number
# means at least two of it ("dozens" >= 24, "hundreds" >= 200, "tens of
# thousands" >= 20,000); "several hundred" at least three hundred, "a few
# thousand" and "a couple of hundred" at least two.
_VAGUE_SIZES = {
    "dozen": 12, "score": 20, "ten": 10, "hundred": 100, "thousand": 1_000,
    "million": 1_000_000, "billion": 1_000_000_000,
}  # fmt: skip
_VAGUE = re.compile(
    r"(?:\b(tens|dozens|scores|hundreds|thousands) of\s+)?"
    r"\b(dozens|scores|tens|hundreds|thousands|millions|billions)$"
    r"|\b(several|a few|a couple(?: of)?)\s+(dozen|hundred|thousand|million|billion)$",
    re.I,
)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_WORDS = re.compile(r"[a-z]+")
_RANGE = re.compile(r"\d\s*(?:-|–|to|and|or)\s*(?:[$€£]\s*)?\d|\d\s*-\s*\d")


def _word_number(words: list[str]) -> float | None:
    """Return the value of number words ("two million", "a dozen"), or None."""
    total = current = 0.0
    seen = False
    for word in words:
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _ARTICLES and not seen:
            current += _ARTICLES[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in _SCALES and word not in ("k", "m", "mn", "b", "bn", "tn", "mln"):
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _currency(text: str) -> str | None:
    """Return the ISO code of the currency named in ``text``, if any."""
    low = text.lower()
    for symbol, code in _SYMBOLS.items():
        if symbol in low:
            return code
    for word in _WORDS.findall(low):
        named = _CURRENCY_WORDS.get(word) or _CURRENCY_WORDS.get(word.rstrip("s"))
        if named:
            return named
    for token in re.findall(r"\b[A-Z]{3}\b", text):
        if _is_currency_code(token):
            return str(token)
    return None


def _is_currency_code(token: str) -> bool:
    import pycountry

    return pycountry.currencies.get(alpha_3=token) is not None


def _measure(rest: str) -> str | None:
    """Return the normalised unit of measure in the words after a number."""
    words = [w.rstrip("s") if len(w) > 3 else w for w in _WORDS.findall(rest.lower())]
    for n in (2, 1):
        key = " ".join(words[:n])
        if len(words) >= n and key in _MEASURES:
            return _MEASURES[key]
    return words[0] if words else None


def _number_word(word: str, following: str) -> bool:
    """Say whether ``word`` starts a run of number words ("a" only before a scale)."""
    if word in _SMALL or word in _TENS or word in ("hundred", "thousand", "million", "billion"):
        return True
    return word in ("a", "an") and following in (
        "dozen",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
    )


def _start(text: str) -> int | None:
    """Return where the amount starts: a qualifier, a currency sign or the number."""
    words = list(re.finditer(r"\S+", text))
    for n, m in enumerate(words):
        rest = text[m.start() :]
        if _QUALIFIER.match(rest) or re.match(r"[$€£¥₽₴₹₺₩₪\d]|[A-Z]{1,3}\$|\.\d", rest):
            return m.start()
        code = re.match(r"([A-Z]{3})\s*\d", rest)
        if code and _is_currency_code(code.group(1)):
            return m.start()
        following = words[n + 1].group().lower() if n + 1 < len(words) else ""
        if _number_word(m.group().lower().strip(".,;:").split("-")[0], following):
            return m.start()
    return None


def _value(core: str) -> tuple[float, str] | None:
    """Return the number at the start of ``core`` and the text after it."""
    digits = _NUMBER.findall(core)
    if len(digits) > 1:
        return None  # two numbers: a range, a score or a date
    if digits:
        value = float(digits[0].replace(",", ""))
        after = core[core.index(digits[0]) + len(digits[0]) :]
        # One-letter scales only when glued to the number: "$5m", but "40 m" is metres.
        scale = re.match(
            r"(?:\s*(trillion|billion|million|thousand|hundred|bn|tn|mln|mn)|(m|b|k))\b",
            after,
            re.I,
        )
        if scale:
            value *= _SCALES[(scale.group(1) or scale.group(2)).lower()]
            after = after[scale.end() :]
        return value, after
    words = core.split()
    run: list[str] = []
    used = 0
    for word in words:
        clean = word.lower().strip(".,;:-")
        parts = clean.split("-")  # "twenty-five"
        if (
            all(
                p in _SMALL or p in _TENS or p in _SCALES or p in _ARTICLES or p == "and"
                for p in parts
            )
            and clean
        ):
            run.extend(parts)
            used += 1
        else:
            break
    if not run or run[-1] == "and":
        return None
    number = _word_number(run)
    return (number, " ".join(words[used:])) if number is not None else None


def vague_count(text: str) -> tuple[float, int] | None:
    """Return ``(lower bound, offset)`` of a vague count ("hundreds"), or None."""
    match = None if _DIGIT.search(text) else _VAGUE.search(text.strip())
    if match is None:
        return None
    outer, plural, few, size = (g.lower() if g else g for g in match.groups())
    if plural:
        value = 2.0 * _VAGUE_SIZES[plural[:-1]]
        if outer:
            value *= _VAGUE_SIZES[outer[:-1]]
    else:
        value = (3.0 if few == "several" else 2.0) * _VAGUE_SIZES[size]
    return value, text.index(text.strip()) + match.start()


def parse_amount(text: str, label: str) -> tuple[float, str | None, int] | None:
    """Return ``(value, unit, offset)`` for an amount span, or None.

    ``offset`` is where the amount starts in ``text`` once words before a
    qualifier or the number are dropped ("flew 300 miles" -> "300 miles").
    """
    # 1. Where the amount starts; the bound ("more than") is not the number.
    start = _start(text)
    if start is None:
        return None
    body = text[start:]
    core = _QUALIFIER.sub("", body)
    if _RANGE.search(core):
        return None
    # 2. The number: digits with an optional scale ("3.5bn"), or words.
    parsed = _value(re.sub(r"^(?:[A-Z]{1,3}\$|[A-Z]{3}(?=\s*\d)|[$€£¥₽₴₹₺₩₪])\s*", "", core))
    if parsed is None:
        return None
    value, after = parsed
    # 3. The unit: percent, a currency or, for quantities, a measure.
    unit: str | None
    if label == "PERCENT" or "%" in core or re.search(r"\bper ?cent\b", core, re.I):
        unit = "percent"
    elif (code := _currency(body)) is not None:
        unit = code
    elif label == "QUANTITY":
        unit = _measure(after)
    else:
        unit = None
    return value, unit, start


def _is_identifier(tokens: Sequence[Token], first: Token, text: str, start: int) -> bool:
    """Say whether the number labels something ("Flight 8243", "F-16") rather than counts."""
    if start > 0 and (
        text[start - 1].isalnum()
        or (text[start - 1] == "-" and start > 1 and text[start - 2].isalpha())
    ):
        return True
    if first.i > 0:
        before = tokens[first.i - 1]
        # A count precedes its noun; a label follows the noun it names.
        if first.head == before.i and before.pos in ("NOUN", "PROPN"):
            return True
        if before.text in ("#", "No.", "no.", "No", "Nos."):
            return True
    return False


def _is_year(value: float, text: str, unit: str | None, plural_object: bool) -> bool:
    """Say whether a bare number is a year ("in 2024", "the 2024 crash"), not a count.

    A count of 1800-2099 things takes a plural noun ("1999 votes").
    """
    return (
        unit is None
        and not plural_object
        and value.is_integer()
        and 1800 <= value <= 2099
        and re.fullmatch(r"\d{4}", text.strip()) is not None
    )


_MONTH_WORDS = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
)  # fmt: skip


def _next_to_month(tokens: Sequence[Token], span: list[Token]) -> bool:
    """Say whether the number is the day of a date ("5 October", "October 5")."""
    near = []
    if span[0].i > 0:
        near.append(tokens[span[0].i - 1])
    if span[-1].i + 1 < len(tokens):
        near.append(tokens[span[-1].i + 1])
    return any(t.text.lower().rstrip(".") in _MONTH_WORDS for t in near)


def _counted(
    tokens: Sequence[Token], span: list[Token], vague: bool = False
) -> tuple[str | None, str | None, bool]:
    """Return ``(object, unit, plural)``: the noun counted, the event verb's participle,
    and whether the noun is plural."""
    inside = {t.i for t in span}
    number = next((t for t in reversed(span) if t.pos == "NUM"), span[-1])
    obj_token: Token | None = None
    head = tokens[number.head]
    after = span[-1].i + 1
    if vague and after + 1 < len(tokens) and tokens[after].text.lower() == "of":
        # "dozens of people": the count is the noun; what it counts follows "of".
        counted = tokens[after + 1 : after + 6]
        obj = next((t for t in counted if t.dep == "pobj" and t.head == after), None)
        if obj is not None and obj.pos in ("NOUN", "PROPN"):
            unit = _event_unit(tokens, number)
            return obj.text.lower(), unit, obj.tag in ("NNS", "NNPS")
    if number.dep in ("nummod", "quantmod", "compound", "amod") and head.i not in inside:
        if head.pos in ("NOUN", "PROPN", "PRON") and head.i > number.i:
            obj_token = head
    elif number.dep == "pobj" and head.lemma == "of" and head.head != head.i:
        owner = tokens[head.head]
        if owner.pos == "NOUN" and owner.i < head.i:
            return owner.text.lower(), None, owner.tag in ("NNS", "NNPS")
    unit = _event_unit(tokens, obj_token or number)
    plural = obj_token is not None and obj_token.tag in ("NNS", "NNPS")
    return (obj_token.text.lower() if obj_token else None), unit, plural


def _event_unit(tokens: Sequence[Token], anchor: Token) -> str | None:
    """Return the participle of the event verb a count hangs on ("killing 41 people")."""
    for _ in range(3):
        if anchor.dep != "conj" or anchor.head == anchor.i:
            break
        anchor = tokens[anchor.head]
    if anchor.dep in ("dobj", "nsubjpass", "nsubj", "obj") and anchor.head != anchor.i:
        verb = tokens[anchor.head]
        if verb.pos in ("VERB", "AUX") and (
            anchor.dep != "nsubj" or verb.lemma == "die" or _elided_passive(tokens, verb)
        ):
            return _EVENT_UNITS.get(verb.lemma.lower())
    return None


def _elided_passive(tokens: Sequence[Token], verb: Token) -> bool:
    """Return True for "12 were killed and 30 wounded": a participle sharing a passive's "were"."""
    if verb.tag != "VBN" or verb.dep != "conj" or verb.head == verb.i:
        return False
    first = verb.head
    return any(t.head == first and t.dep == "auxpass" for t in tokens[max(0, first - 4) : first])


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span to a currency sign before it and a scale suffix after it.

    The small English model often tags only "5" in "$5m" as MONEY.
    """
    sign = re.search(r"(?:US|C|A|HK)?[$€£¥₽₴₹₺₩₪]$", text[max(0, start - 3) : start])
    if sign:
        start -= len(sign.group())
    suffix = re.match(r"(?:bn|mn|mln|tn|m|b|k)\b", text[end : end + 4])
    if suffix and end > 0 and text[end - 1].isdigit():
        end += len(suffix.group())
    return start, end


def extract_amounts(doc: AnalysedArticle) -> tuple[Amount, ...]:
    """Return the amounts among the article's number mentions."""
    text = doc.article.text
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    amounts: list[Amount] = []
    for mention in doc.mentions:
        if mention.type not in AMOUNT_TYPES:
            continue
        begin, end = _widen(text, mention.start, mention.end)
        vague = vague_count(text[begin:end])
        parsed = parse_amount(text[begin:end], mention.type) if vague is None else None
        if vague is not None:
            parsed = (vague[0], None, vague[1])
        if parsed is None:
            continue
        value, unit, offset = parsed
        start = begin + offset
        first = bisect.bisect_left(starts, start)
        span = [t for t in tokens[first : bisect.bisect_left(starts, end)] if t.end <= end]
        if not span or _is_identifier(tokens, span[0], text, start) or _next_to_month(tokens, span):
            continue
        if mention.type == "CARDINAL" and re.match(r"[-‐‑][a-z]", text[end : end + 2]):
            continue  # "the three-time candidate", "a six-year-old": a modifier, not a count
        obj, event_unit, plural = _counted(tokens, span, vague=vague is not None)
        if unit is None and obj is not None:
            # "1.2bn roubles", "40 kilometres" tagged CARDINAL: the noun is the unit.
            code = _currency(obj)
            measure = _MEASURES.get(obj.rstrip("s")) or _MEASURES.get(obj)
            if code or measure:
                unit, obj = code or measure, None
        if _is_year(value, text[start:end], unit, plural):
            continue
        if (
            obj is None
            and unit is None
            and event_unit is None
            and vague is None
            and not _DIGIT.search(text[start:end])
        ):
            # "one of them", "the two": a number word that counts nothing named
            # ("thousands" alone stays: English uses it for people).
            continue
        amounts.append(
            Amount(
                id=span_id("amount", doc.article.id, start, end),
                article_id=doc.article.id,
                value=value,
                text=text[start:end],
                start=start,
                end=end,
                unit=unit or event_unit,
                object=obj,
                approximate=vague is not None or bool(_HEDGE.match(text[start:end])),
            )
        )
    return tuple(amounts)


class AmountsStage:
    """Find amounts: value, unit and what is counted."""

    name: ClassVar[str] = "amounts.rules.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"tokens", "mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"amounts"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def version(self) -> str:
        """Return a string that changes when the rules would find other amounts."""
        return f"{self.name}:rules{AMOUNTS_VERSION}"

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        """Extract one article's amounts."""
        return replace(doc, amounts=extract_amounts(doc))
