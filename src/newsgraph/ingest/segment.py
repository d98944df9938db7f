"""Split plain text holding several news articles pasted one after another.

Users paste articles back to back with no separators, so a boundary has to be
inferred from cues on and around each line. Every non-blank line is a
candidate article start; a small logistic model scores it from layout cues
(final punctuation, length, title case, datelines and bylines nearby, blank
lines) and lexical cues (TextTiling-style cosine between the windows before
and after the line; whether the line's words recur in the lines after it
rather than before it). Lines above a threshold become starts, keeping the
stronger of two starts that come too close together.

The weights live in ``segment_weights.json`` next to this module; they are
fitted by ``bench/train_segmenter.py`` on synthetic concatenations of a news
corpus (see ``docs/segmentation.md`` for the signals and measured figures).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["FEATURE_NAMES", "Segment", "line_features", "segment_lines", "split_articles"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """One article: a half-open range of line indices and its headline, if any."""

    start_line: int  # 0-based index into text.split("\n"), inclusive
    end_line: int  # exclusive
    title: str | None  # the standfirst/headline line if the segment starts with one, else None


# --- line-level cues ---------------------------------------------------------

# Closing quotes and brackets are skipped before looking for the final mark, so
# that `... he said. "` (tokenised corpora put a space before the quote) counts
# as punctuated.
_CLOSERS = " \t\u00a0\"'”’»)]“‘"
_FINAL = frozenset(".!?…")
_SOFT_END = frozenset(":,;-–—(/&")
_OPEN_QUOTES = frozenset("\"'“‘«")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

_MONTHS = (
    "jan january feb february mar march apr april may jun june jul july aug august "
    "sep sept september oct october nov november dec december"
)
_WEEKDAYS = "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday "
_WEEKDAYS += "sat saturday sun sunday"
_TIME_WORDS = (
    "am pm a.m p.m gmt bst utc est edt cst cdt pst pdt mst mdt cet cest ist aest et pt "
    "posted published updated update last modified created date time first at on "
    "hours hour minutes minute ago yesterday today"
)
_DATE_TOKENS = frozenset((_MONTHS + " " + _WEEKDAYS + " " + _TIME_WORDS).split())
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$")
_CLOCK = re.compile(r"\b\d{1,2}\s?[:.]\s?\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.\s?m|p\.\s?m)\b", re.I)
_NUM_DATE = re.compile(r"\b\d{1,4}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_MONTH_RE = re.compile(r"\b(?:" + "|".join(_MONTHS.split()) + r")\b\.?", re.I)
_META_START = re.compile(
    r"^\s*(?:posted|published|updated|last updated|first published|date published|"
    r"modified|created)\b",
    re.I,
)
# "By Ann Other", "Written by ...", "Reporting by ..." and agency tags.
_BYLINE = re.compile(
    r"^\s*(?:by|written by|words by|reporting by|report by|from)\s+[A-Z\u00c0-\u024f]",
    re.I,
)
_AGENCY_TAG = re.compile(r"\((?:AP|AFP|Reuters|UPI|dpa|PA|CNN|ANSA|EFE|Xinhua)\)|^\s*\w+\s*\|")
_CAPTION = re.compile(
    r"^\s*(?:photo|image|picture|pictured|file photo|video|watch|credit|source|above|below|"
    r"caption|advertisement|related|read more|see also|follow)\b|getty images|/\s*afp|"
    r"/\s*reuters|\(photo",
    re.I,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–—>]|\d{1,2}[.)]\s)")
# A sentence ending inside the line: a line without final punctuation that has
# one is a cut paragraph, not a headline or standfirst (those are one sentence).
_INNER_STOP = re.compile(r"[\w)%][.!?][\"”’]?\s+[\"“‘(]?[A-Z]")
_SPEECH = re.compile(r"\b(?:said|says|told|added|according to|stated|noted)\b", re.I)
_DATELINE_LEDE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Za-z. ]{2,20})?\s*(?:\([^)]{1,20}\))?\s*[—–-]"
)

# Function words never decide whether two passages share a topic, and they
# are not counted when measuring title case.
_STOP_WORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in into is
    it its itself just me more most my no nor not now of off on once only or other our
    out over own same she should so some such than that the their them then there these
    they this those through to too under until up very was we were what when where which
    while who whom why will with would you your said says say told new one two year years
    mr mrs ms"""
_STOP = frozenset(_STOP_WORDS.split())


def _has_final(line: str) -> bool:
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _FINAL


def _soft_end(line: str) -> bool:
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SOFT_END


def _date_score(line: str, words: list[str]) -> float:
    """Return how much a short line looks like a dateline or timestamp (0..1)."""
    if not words or len(words) > 18:
        return 0.0
    low = [w.lower() for w in words]
    datey = sum(1 for w in low if w in _DATE_TOKENS or _ORDINAL.match(w))
    frac = datey / len(low)
    strong = bool(
        _NUM_DATE.search(line)
        or (_MONTH_RE.search(line) and (_YEAR.search(line) or re.search(r"\b\d{1,2}\b", line)))
        or (_CLOCK.search(line) and frac > 0.3)
        or _META_START.match(line)
    )
    return min(1.0, frac + (0.5 if strong else 0.0)) if strong or frac >= 0.6 else frac * 0.5


def _is_byline(line: str, words: list[str]) -> bool:
    if len(words) > 14 or (_has_final(line) and len(words) > 6):
        return False
    if _BYLINE.match(line):
        rest = words[1:]
        caps = sum(1 for w in rest if w[:1].isupper() or w.lower() in ("and", "in", "of"))
        return bool(rest) and caps / len(rest) >= 0.7
    return bool(_AGENCY_TAG.search(line)) and len(words) <= 8


def _title_case(words: list[str]) -> float:
    content = [w for w in words if w.lower() not in _STOP and w[:1].isalpha()]
    if not content:
        return 0.0
    return sum(1 for w in content if w[:1].isupper()) / len(content)


def _all_caps(words: list[str]) -> float:
    alpha = [w for w in words if len(w) > 1 and w.isalpha()]
    if not alpha:
        return 0.0
    return sum(1 for w in alpha if w.isupper()) / len(alpha)


_TERM = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W_]+)*")


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    # Crude plural folding so "talks" meets "talk"; no stemmer is available
    # without new dependencies. Empty means "not a content term".
    if len(word) < 3 or word in _STOP:
        return ""
    w = word.replace("’", "'")
    if w.endswith("'s"):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 4:
        return w[:-1]
    return w


def _content_terms(line: str) -> list[str]:
    return [f for f in map(_fold, _TERM.findall(line.lower())) if f]


# --- features ------------------------------------------------------------------

FEATURE_NAMES: tuple[str, ...] = (
    "nofinal",
    "nofinal_prev",
    "run_start",
    "nofinal_next",
    "log_words",
    "short",
    "title_case",
    "all_caps",
    "date",
    "byline",
    "meta_prev",
    "meta_next",
    "meta_next2",
    "colon_end",
    "prev_soft_end",
    "lower_start",
    "quote_start",
    "quote_only",
    "log_words_next",
    "log_words_prev",
    "blank_before",
    "blank_surprise",
    "double_blank",
    "gap_cos",
    "gap_depth",
    "title_next_overlap",
    "title_prev_overlap",
    "speech",
    "caption",
    "list_item",
    "dateline_lede",
    "dateline_lede_next",
    "run_start_x_gap_cos",
    "run_start_x_title_case",
    "run_start_x_long_next",
    "run_start_x_overlap",
    "nofinal_x_lower",
    "next_final_long",
    "cos_min_local",
    "first_meta_of_run",
    "next_line_cos",
    "prev_line_cos",
    "run_start_x_next_minus_prev_cos",
    "multi_sentence",
    "single_long_standfirst",
    "doc_log_words",
    "run_start_x_doc_log_words",
    "doc_standfirst_share",
    "standfirst_x_doc_share",
)

_WINDOW = 4  # lines per TextTiling window; 3-5 measured alike, 4 a touch better
_TITLE_LOOK = 3  # lines after/before a candidate headline searched for its words


def _pair_dots(ids: list[list[int]], weights: list[float], n: int, span: int) -> FloatArray:
    """Return dots[a, d] = tf-idf dot product of lines a and a + d, for d < span.

    Vectorised with sorted (line, term) keys: for each offset, the entries of
    line b are looked up among those of line b - d. Pure-Python dict loops took
    0.2 s per 10k lines; this takes a few milliseconds.
    """
    dots = np.zeros((n, span), dtype=np.float64)
    lens = [len(li) for li in ids]
    if not any(lens):
        return dots
    line = np.repeat(np.arange(n, dtype=np.int64), lens)
    term = np.fromiter((k for li in ids for k in li), dtype=np.int64, count=len(line))
    vsize = int(term.max()) + 1
    keys, inv = np.unique(line * vsize + term, return_inverse=True)
    wts = np.bincount(inv, weights=np.asarray(weights)[term], minlength=len(keys))
    kline = keys // vsize
    kterm = keys % vsize
    for d in range(span):
        ok = kline >= d
        probe = (kline[ok] - d) * vsize + kterm[ok]
        pos = np.searchsorted(keys, probe)
        pos[pos >= len(keys)] = 0
        hit = keys[pos] == probe
        a = kline[ok][hit] - d
        dots[:, d] = np.bincount(a, weights=wts[pos[hit]] * wts[ok][hit], minlength=n)
    return dots


def _window_cosines(dots: FloatArray) -> FloatArray:
    """Return cosine between the `_WINDOW` lines before and after each gap.

    Gap j sits just before line j. Window vectors are sums of line vectors, so
    their dot products are sums of the line-pair dot products in `dots`.
    """
    n, span = dots.shape
    w = _WINDOW
    cos = np.zeros(n, dtype=np.float64)
    if n < 2:
        return cos
    # pad so that index arithmetic never wraps
    pad = np.zeros((n + 2 * span, span), dtype=np.float64)
    pad[span : span + n] = dots
    idx = np.arange(n) + span
    cross = np.zeros(n)
    left = np.zeros(n)
    right = np.zeros(n)
    for ao in range(1, w + 1):  # a = j - ao
        for bo in range(w):  # b = j + bo
            cross += pad[idx - ao, ao + bo]
    for i in range(w):
        for k in range(i, w):
            d = k - i
            mult = 1.0 if d == 0 else 2.0
            left += mult * pad[idx - w + i, d]
            right += mult * pad[idx + i, d]
    denom = np.sqrt(left * right)
    ok = denom > 0
    cos[ok] = cross[ok] / denom[ok]
    return cos


def line_features(lines: Sequence[str]) -> tuple[list[int], FloatArray]:
    """Return the indices of non-blank lines and one feature row per such line."""
    rows = [i for i, line in enumerate(lines) if line.strip()]
    n = len(rows)
    feats = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float64)
    if n == 0:
        return rows, feats
    text = [lines[i].strip() for i in rows]
    words = [_WORD.findall(t) for t in text]
    nw = np.array([len(w) for w in words], dtype=np.float64)
    nofinal = np.array([not _has_final(t) for t in text], dtype=np.float64)
    soft = np.array([_soft_end(t) for t in text], dtype=np.float64)
    date = np.array([_date_score(t, w) for t, w in zip(text, words, strict=True)])
    byline = np.array([_is_byline(t, w) for t, w in zip(text, words, strict=True)], dtype=float)
    meta = np.maximum(date, byline)
    tcase = np.array([_title_case(w) for w in words])
    caps = np.array([_all_caps(w) for w in words])
    lower = np.array([t[:1].islower() for t in text], dtype=np.float64)
    qstart = np.array([t[:1] in _OPEN_QUOTES for t in text], dtype=np.float64)
    qend = np.array([t.rstrip(" .!?…")[-1:] in "\"'”’»" for t in text], dtype=np.float64)
    colon = np.array([t.rstrip(_CLOSERS).endswith(":") for t in text], dtype=np.float64)
    speech = np.array([bool(_SPEECH.search(t)) for t in text], dtype=np.float64)
    caption = np.array([bool(_CAPTION.search(t)) for t in text], dtype=np.float64)
    listy = np.array([bool(_LIST_ITEM.match(t)) for t in text], dtype=np.float64)
    multi = np.array([bool(_INNER_STOP.search(t)) for t in text], dtype=np.float64)
    dl_lede = np.array([bool(_DATELINE_LEDE.match(t)) for t in text], dtype=np.float64)

    blanks = np.zeros(n)
    for j in range(1, n):
        blanks[j] = rows[j] - rows[j - 1] - 1
    blank_rate = float((blanks[1:] > 0).mean()) if n > 1 else 0.0

    # Lexical cohesion, TextTiling style; idf from this text's own lines.
    terms = [_content_terms(t) for t in text]
    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(t, len(vocab)) for t in ts] for ts in terms]
    df = np.zeros(len(vocab) + 1)
    for li in ids:
        for k in set(li):
            df[k] += 1
    idf = np.log((n + 1) / np.maximum(df, 1.0))
    dots = _pair_dots(ids, idf.tolist(), n, 2 * _WINDOW)
    cos = _window_cosines(dots)
    # TextTiling depth: how far the gap's cosine sits below the peaks around it.
    cpad = np.concatenate((np.full(3, -1.0), cos, np.full(3, -1.0)))
    win = np.lib.stride_tricks.sliding_window_view(cpad, 7)
    lmax = np.maximum(win[:, :4].max(axis=1), cos)
    rmax = np.maximum(win[:, 3:].max(axis=1), cos)
    depth = (lmax - cos) + (rmax - cos)
    masked = np.where(win < -0.5, np.inf, win)
    cmin = (cos <= masked.min(axis=1) + 1e-12).astype(float)
    depth[0] = 0.0
    cmin[0] = 0.0
    # Cosine of each line with its neighbours: a standfirst is restated by
    # the lede after it and shares little with the line before it.
    norms = np.sqrt(dots[:, 0])
    safe = np.where(norms > 0, norms, 1.0)
    next_cos = np.zeros(n)
    next_cos[:-1] = dots[:-1, 1] / (safe[:-1] * safe[1:])
    prev_cos = np.concatenate(([0.0], next_cos[:-1]))

    sets = [set(ts) for ts in terms]
    tnext = np.zeros(n)
    tprev = np.zeros(n)
    for j in range(n):
        s = sets[j]
        if not s:
            continue
        after: set[str] = set().union(*sets[j + 1 : j + 1 + _TITLE_LOOK])
        before: set[str] = set().union(*sets[max(0, j - _TITLE_LOOK) : j])
        tnext[j] = len(s & after) / len(s)
        tprev[j] = len(s & before) / len(s)

    def prev(a: FloatArray, fill: float = 0.0) -> FloatArray:
        return np.concatenate(([fill], a[:-1]))

    def nxt(a: FloatArray, k: int = 1, fill: float = 0.0) -> FloatArray:
        return np.concatenate((a[k:], np.full(min(k, n), fill)))[:n]

    lw = np.log1p(nw)
    nofinal_prev = prev(nofinal, 0.0)
    run_start = nofinal * (1.0 - nofinal_prev)
    long_next = (nxt(lw) > math.log1p(12)).astype(float)
    next_final_long = (1.0 - nxt(nofinal, 1, 1.0)) * long_next
    doc_lw = float(np.log1p(nw.mean()))
    standfirst = run_start * (nw >= 10) * (1.0 - multi) * next_final_long
    # A paste from one outlet repeats one header layout: when most unpunctuated
    # lines have the standfirst shape, the odd one with that shape is a start too.
    sf_share = float(standfirst.sum() / max(1.0, nofinal.sum()))
    cols = {
        "nofinal": nofinal,
        "nofinal_prev": nofinal_prev,
        "run_start": run_start,
        "nofinal_next": nxt(nofinal),
        "log_words": lw,
        "short": (nw <= 4).astype(float),
        "title_case": tcase,
        "all_caps": caps,
        "date": date,
        "byline": byline,
        "meta_prev": prev(meta),
        "meta_next": nxt(meta),
        "meta_next2": nxt(meta, 2),
        "colon_end": colon,
        "prev_soft_end": prev(soft),
        "lower_start": lower,
        "quote_start": qstart,
        "quote_only": qstart * qend,
        "log_words_next": nxt(lw),
        "log_words_prev": prev(lw),
        "blank_before": (blanks > 0).astype(float),
        "blank_surprise": (blanks > 0) - blank_rate,
        "double_blank": (blanks > 1).astype(float),
        "gap_cos": cos,
        "gap_depth": depth,
        "title_next_overlap": tnext,
        "title_prev_overlap": tprev,
        "speech": speech,
        "caption": caption,
        "list_item": listy,
        "dateline_lede": dl_lede,
        "dateline_lede_next": nxt(dl_lede),
        "run_start_x_gap_cos": run_start * cos,
        "run_start_x_title_case": run_start * tcase,
        "run_start_x_long_next": run_start * long_next,
        "run_start_x_overlap": run_start * (tnext - tprev),
        "nofinal_x_lower": nofinal * lower,
        "next_final_long": next_final_long,
        "cos_min_local": cmin,
        "first_meta_of_run": (date > 0.5) * (1.0 - prev(nofinal)),
        "next_line_cos": next_cos,
        "prev_line_cos": prev_cos,
        "run_start_x_next_minus_prev_cos": run_start * (next_cos - prev_cos),
        "multi_sentence": multi,
        "single_long_standfirst": standfirst,
        "doc_log_words": np.full(n, doc_lw),
        "run_start_x_doc_log_words": run_start * doc_lw,
        "doc_standfirst_share": np.full(n, sf_share),
        "standfirst_x_doc_share": standfirst * sf_share,
    }
    for c, name in enumerate(FEATURE_NAMES):
        feats[:, c] = cols[name]
    return rows, feats


# --- model ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Model:
    mean: FloatArray
    scale: FloatArray
    coef: FloatArray
    bias: float
    threshold: float
    min_gap: int
    hidden_w: FloatArray | None  # one tanh hidden layer when present
    hidden_b: FloatArray | None


@lru_cache(maxsize=1)
def _model() -> _Model:
    raw = resources.files("newsgraph.ingest").joinpath("segment_weights.json").read_text("utf-8")
    return model_from_dict(json.loads(raw))


def model_from_dict(data: dict[str, Any]) -> _Model:
    """Build the scorer from a weights mapping as written by the training script."""
    names = tuple(data["feature_names"])
    if names != FEATURE_NAMES:
        # Weights from another feature set would score garbage silently.
        raise ValueError("segment_weights.json does not match the segmenter's features")
    return _Model(
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        coef=np.asarray(data["coef"], dtype=np.float64),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        min_gap=int(data["min_gap"]),
        hidden_w=np.asarray(data["hidden_w"], dtype=np.float64) if "hidden_w" in data else None,
        hidden_b=np.asarray(data["hidden_b"], dtype=np.float64) if "hidden_b" in data else None,
    )


def start_probabilities(
    lines: Sequence[str], model: _Model | None = None
) -> tuple[list[int], FloatArray]:
    """Return non-blank line indices and the probability that each starts an article."""
    rows, feats = line_features(lines)
    m = model or _model()
    x = (feats - m.mean) / m.scale
    if m.hidden_w is not None and m.hidden_b is not None:
        x = np.tanh(x @ m.hidden_w + m.hidden_b)
    z = x @ m.coef + m.bias
    return rows, 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def _pick_starts(prob: FloatArray, threshold: float, min_gap: int) -> list[int]:
    """Return chosen positions (into the non-blank lines), strongest first wins."""
    n = len(prob)
    if n == 0:
        return []
    chosen = [0]  # the first line always opens an article
    taken = np.zeros(n, dtype=bool)
    taken[:min_gap] = True
    for j in np.argsort(-prob, kind="stable"):
        jj = int(j)
        if prob[jj] < threshold:
            break
        if taken[jj]:
            continue
        chosen.append(jj)
        taken[max(0, jj - min_gap + 1) : jj + min_gap] = True
    return sorted(chosen)


def _title_of(lines: Sequence[str], rows: list[int], start: int, stop: int) -> str | None:
    """Return the headline of the segment whose first non-blank line is rows[start]."""
    for j in range(start, min(stop, start + 3)):
        t = lines[rows[j]].strip()
        if _has_final(t) and j == start:
            return None
        w = _WORD.findall(t)
        if _date_score(t, w) >= 0.5 or _is_byline(t, w):
            continue
        if _has_final(t):
            return None
        return t
    return None


def segment_lines(lines: Sequence[str]) -> list[Segment]:
    """Split lines of concatenated articles into article segments (blank lines are allowed anywhere and belong to a segment)."""  # noqa: E501
    rows, prob = start_probabilities(lines)
    if not rows:
        return []
    m = _model()
    picks = _pick_starts(prob, m.threshold, m.min_gap)
    segments: list[Segment] = []
    for k, j in enumerate(picks):
        start = 0 if k == 0 else rows[j]
        stop_pick = picks[k + 1] if k + 1 < len(picks) else len(rows)
        end = rows[stop_pick] if stop_pick < len(rows) else len(lines)
        segments.append(
            Segment(start_line=start, end_line=end, title=_title_of(lines, rows, j, stop_pick))
        )
    return segments


def split_articles(text: str) -> list[tuple[str, str | None]]:
    """Return (article_text, title) pairs; article_text is the segment's lines joined by "\\n" and stripped; the title line stays part of the text."""  # noqa: E501
    lines = text.split("\n")
    return [
        ("\n".join(lines[s.start_line : s.end_line]).strip(), s.title) for s in segment_lines(lines)
    ]
