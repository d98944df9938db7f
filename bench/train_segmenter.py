"""Fit the article segmenter's logistic weights on synthetic concatenations.

Usage:
    python bench/train_segmenter.py --data PATH/polnear_train.jsonl \
        [--out src/newsgraph/ingest/segment_weights.json] [--files 1500] [--seed 13]

The corpus is one JSON object per article with a ``text`` whose first line is
the headline. Articles are pasted back to back in random groups and randomly
dressed up the way real pastes look: headlines with or without a full stop,
standfirsts, datelines and bylines in many formats (before or after the
headline), sub-headings, captions, truncated lines, quote-only lines, one
sentence or one paragraph per line, with or without blank lines. Names and
places in the synthetic decorations are random syllables.

The articles are split 80/20: the model is fitted on files built from the
first part and the decision threshold and minimum gap are chosen, by mean Pk,
on files built from the second. Nothing from the corpus is written out; the
output is only coefficients, feature means/scales and the threshold.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsgraph.ingest.segment import FEATURE_NAMES, line_features, start_probabilities
from segmentation import pk_windowdiff

FloatArray = npt.NDArray[np.float64]

_SYL = tuple(
    [
        "ka",
        "lo",
        "mi",
        "ren",
        "tas",
        "vor",
        "el",
        "an",
        "dru",
        "bel",
        "cor",
        "fen",
        "gal",
        "har",
        "is",
        "jon",
        "kel",
        "lum",
        "mar",
        "nor",
        "os",
        "pel",
        "quin",
        "ros",
        "sal",
        "tor",
        "ul",
        "ven",
        "wil",
        "yar",
        "zen",
    ]
)
_MONTHS = tuple(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
_DAYS = tuple(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
_TZ = ("GMT", "BST", "EDT", "EST", "CDT", "PDT", "PST", "UTC", "CET", "ET")
_STATES = ("Calif.", "Texas", "Fla.", "N.Y.", "Ill.", "Ohio", "Mass.", "Wash.", "Ga.", "Ariz.")
_AGENCIES = ("AP", "Reuters", "AFP", "UPI")
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“‘A-Z0-9])")


_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|St|Gen|Jr|Sr|Lt|Col|No|vs|Inc|Co|Corp|Ft|Mt)"
    r"|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$"
)
_JUNK = ("FlagShareLike", "<tweet", "{", "}", "@media", ".bio-")


def _sentences(para: str) -> list[str]:
    """Split a paragraph into sentences, re-joining splits after abbreviations."""
    out: list[str] = []
    for piece in _SENT.split(para):
        if out and _ABBREV.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def _name(rng: random.Random, parts: int = 2) -> str:
    return " ".join(
        "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(parts)
    )


def _date(rng: random.Random) -> str:
    y = rng.randint(1998, 2025)
    mo = rng.randint(1, 12)
    d = rng.randint(1, 28)
    h = rng.randint(1, 12)
    mi = rng.randint(0, 59)
    ap = rng.choice(["AM", "PM", "am", "pm", "a.m.", "p.m."])
    month = _MONTHS[mo - 1]
    mon = month[:3] + rng.choice(["", "."])
    day = rng.choice(_DAYS)
    tz = rng.choice(_TZ)
    clock = f"{h}:{mi:02d} {ap}"
    forms = [
        f"{month} {d}, {y}",
        f"{month} {d}, {y}, {clock} {tz}",
        f"{day.upper()}, {month.upper()} {d}, {y}, {clock}",
        f"{day}, {d} {month} {y}",
        f"{d} {month} {y} Last updated at {h:02d}:{mi:02d} {tz}",
        f"Posted {mon} {d}, {y} {clock} {tz}",
        f"Published: {mon} {d}, {y}",
        f"UPDATED {mo:02d} / {d:02d} / {y} at {clock} {tz}",
        f"{mo}/{d}/{y}",
        f"{y}-{mo:02d}-{d:02d}",
        f"{month} {d}th, {y}",
        f"{clock} {tz}, {day} {d:02d} {month} {y}",
        f"Updated {rng.randint(2, 11)} hours ago",
        f"{day} {mon} {d}, {y} | Updated {clock}",
        f"{_name(rng, 1).upper()}, {rng.choice(_STATES)} — {mo} / {d} / {y}",
    ]
    return rng.choice(forms)


def _byline(rng: random.Random) -> str:
    nm = _name(rng)
    forms = [
        f"By {nm}",
        f"By {nm.upper()}",
        f"By {nm} and {_name(rng)}",
        f"By {nm}, {rng.choice(['Staff Writer', 'Associated Press', 'Political Reporter'])}",
        f"{nm} | {rng.choice(_AGENCIES)}",
        f"By {nm} ({rng.choice(_AGENCIES)})",
    ]
    return rng.choice(forms)


def _strip_final(s: str) -> str:
    return s.rstrip().rstrip(".;")


def _subheading(rng: random.Random, body: list[str]) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", rng.choice(body)) if len(w) > 3]
    if len(words) < 2:
        return "Background"
    k = rng.randint(1, min(4, len(words)))
    start = rng.randint(0, len(words) - k)
    out = words[start : start + k]
    return (
        " ".join(w.capitalize() for w in out) if rng.random() < 0.5 else " ".join(out).capitalize()
    )


# House styles: a paste usually comes from one outlet, so its articles share a
# header layout. Each gives P(standfirst instead of headline), P(headline +
# standfirst), P(no headline), P(dateline), P(byline); "mixed" varies per article.
_STYLES = {
    "standfirst": (0.9, 0.0, 0.03, 0.05, 0.02),
    "headline": (0.0, 0.0, 0.05, 0.1, 0.1),
    "headline_date": (0.0, 0.05, 0.05, 0.85, 0.3),
    "headline_standfirst": (0.05, 0.8, 0.03, 0.3, 0.2),
    "mixed": (0.2, 0.2, 0.07, 0.45, 0.2),
}


def make_article(
    rng: random.Random, text: str, sentence_mode: bool, style: str = "mixed"
) -> list[str]:
    """Return the lines of one decorated article (no blank lines)."""
    p_sf, p_tsf, p_none, p_date, p_by = _STYLES[style]
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    paras = [p for p in paras if not any(j in p for j in _JUNK)]
    if len(paras) < 2:
        return paras
    title, body = paras[0], paras[1:]
    if title.endswith(";") and len(body) > 1 and rng.random() < 0.7:
        # the corpus marks a headline + deck that way; keep the deck as a standfirst
        deck = body.pop(0)
        title = title.rstrip("; ")
        header = [title, _strip_final(deck) if rng.random() < 0.7 else deck]
    else:
        r = rng.random()
        if title.endswith(".") and r < 0.9:
            title = _strip_final(title)
        header = [title]
    r = rng.random()
    if r < p_sf + p_tsf and len(body) > 2:
        # standfirst: a summary sentence without a full stop, as pasted by users
        # taken out of the body so that the lede does not repeat it verbatim
        sents = _sentences(body[1])
        summary = _strip_final(sents[0])
        if len(summary.split()) >= 6:
            header = [summary] if r < p_sf else [*header, summary]
            if len(sents) > 1:
                body[1] = " ".join(sents[1:])
            else:
                del body[1]
    elif r < p_sf + p_tsf + p_none:
        header = []  # no headline at all: the lede opens the article
    if rng.random() < 0.06:
        header = [h.upper() for h in header]
    extras: list[str] = []
    if rng.random() < p_date:
        extras.append(_date(rng))
    if rng.random() < p_by:
        extras.append(_byline(rng))
    rng.shuffle(extras)
    if header and extras and rng.random() < 0.12:
        header = [extras.pop(0), *header]
    header += extras
    if rng.random() < 0.12 and body:
        place = _name(rng, 1).upper()
        tag = f" ({rng.choice(_AGENCIES)})" if rng.random() < 0.5 else ""
        body[0] = f"{place}{tag} — {body[0]}"

    lines: list[str] = []
    for p in body:
        lines.extend(_sentences(p) if sentence_mode else [p])
    # distractors inside the body, all without final punctuation
    n_extra = rng.choice([0, 0, 0, 0, 1, 1, 2, 3])
    for _ in range(n_extra):
        if len(lines) < 3:
            break
        pos = rng.randint(2, len(lines) - 1)
        kind = rng.random()
        if kind < 0.4:
            lines.insert(pos, _subheading(rng, lines))
        elif kind < 0.46:
            # a line cut short (scraping artefact)
            cut = lines[pos].split()
            if len(cut) > 8:
                lines[pos] = " ".join(cut[: rng.randint(5, len(cut) - 1)])
        elif kind < 0.51:
            # a photo caption: a sentence of the article without its full stop
            src = _strip_final(rng.choice(lines))
            lines.insert(pos, rng.choice(["Photo: ", "", "Pictured: ", ""]) + src)
        elif kind < 0.65:
            lines.insert(pos, _date(rng))
        elif kind < 0.77:
            lines[pos] = lines[pos].rstrip().rstrip(".") + ":"
        elif kind < 0.87:
            q = _strip_final(rng.choice(lines)).split()
            lines.insert(pos, "“" + " ".join(q[: rng.randint(1, max(1, min(6, len(q))))]) + "”")
        elif kind < 0.94:
            lines.insert(pos, rng.choice(["Advertisement", "Read more", "Related", "Watch"]))
        else:
            lines.insert(pos, "- " + _strip_final(rng.choice(lines)))
    return header + lines


def _term_sets(pool: Sequence[str]) -> list[set[str]]:
    return [{w.lower() for w in re.findall(r"[A-Za-z]{4,}", t)} for t in pool]


def _related(rng: random.Random, pool: Sequence[str], sets: list[set[str]], k: int) -> list[str]:
    """Return k articles sharing many words with a random one (same-topic pastes)."""
    seed = rng.randrange(len(pool))
    sims = [len(sets[seed] & s) / (len(sets[seed] | s) or 1) for s in sets]
    near = sorted(range(len(pool)), key=lambda i: -sims[i])[: max(3 * k, 10)]
    return [pool[i] for i in rng.sample(near, min(k, len(near)))]


def make_file(
    rng: random.Random, pool: Sequence[str], sets: list[set[str]] | None = None
) -> tuple[list[str], list[int]]:
    """Return (lines, 0-based article start lines) for one synthetic paste.

    Half the files hold related articles, since users paste stories on one
    topic together (and then lexical cohesion is a weaker cue).
    """
    k = rng.randint(2, 12)
    if sets is not None and rng.random() < 0.5:
        texts = _related(rng, pool, sets, k)
    else:
        texts = rng.sample(list(pool), k)
    sentence_mode = rng.random() < 0.5
    style = rng.choice(list(_STYLES)) if rng.random() < 0.7 else "mixed"
    # blank lines: none; between all paragraphs; only between articles;
    # one between paragraphs and more between articles
    mode = rng.choices(["none", "all", "articles", "both"], [0.55, 0.25, 0.1, 0.1])[0]
    lines: list[str] = []
    starts: list[int] = []
    for t in texts:
        art = make_article(rng, t, sentence_mode and rng.random() < 0.9, style)
        if not art:
            continue
        if lines and mode != "none":
            lines.extend([""] * (1 if mode == "all" else rng.randint(1, 3)))
        starts.append(len(lines))
        for i, a in enumerate(art):
            if i and mode in ("all", "both") and rng.random() < 0.97:
                lines.append("")
            lines.append(a)
    return lines, starts


def _labels(lines: Sequence[str], starts: Sequence[int]) -> tuple[FloatArray, FloatArray]:
    rows, x = line_features(lines)
    s = set(starts)
    y = np.array([1.0 if r in s else 0.0 for r in rows])
    return x, y


def fit_logistic(x: FloatArray, y: FloatArray, l2: float = 1.0) -> tuple[FloatArray, float]:
    """Return (coef, bias) of an L2 logistic regression fitted by Newton's method."""
    n, d = x.shape
    xa = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0
    for _ in range(30):
        z = np.clip(xa @ w, -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        g = xa.T @ (p - y) + reg * w
        h = (xa * (p * (1 - p))[:, None]).T @ xa + np.diag(reg + 1e-9)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w[:-1], float(w[-1])


def fit_mlp(
    x: FloatArray, y: FloatArray, hidden: int, seed: int, steps: int = 600, l2: float = 1e-4
) -> dict[str, list[float] | list[list[float]] | float]:
    """Return weights of a one-hidden-layer tanh network fitted by full-batch Adam."""
    rng = np.random.default_rng(seed)
    n, d = x.shape
    params = {
        "w1": rng.normal(0, 1 / np.sqrt(d), (d, hidden)),
        "b1": np.zeros(hidden),
        "w2": rng.normal(0, 1 / np.sqrt(hidden), hidden),
        "b2": np.array([-3.0]),
    }
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(p) for k, p in params.items()}
    lr, b1, b2, eps = 0.02, 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        h = np.tanh(x @ params["w1"] + params["b1"])
        z = np.clip(h @ params["w2"] + params["b2"][0], -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        gz = (p - y) / n
        grads = {
            "w2": h.T @ gz + l2 * params["w2"],
            "b2": np.array([gz.sum()]),
        }
        gh = np.outer(gz, params["w2"]) * (1 - h * h)
        grads["w1"] = x.T @ gh + l2 * params["w1"]
        grads["b1"] = gh.sum(axis=0)
        for k in params:
            m[k] = b1 * m[k] + (1 - b1) * grads[k]
            v[k] = b2 * v[k] + (1 - b2) * grads[k] ** 2
            params[k] -= lr * (m[k] / (1 - b1**t)) / (np.sqrt(v[k] / (1 - b2**t)) + eps)
        if t % 100 == 0:
            loss = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
            print(f"  step {t}: log loss {loss:.4f}", file=sys.stderr)
    return {
        "hidden_w": [[round(float(a), 5) for a in row] for row in params["w1"]],
        "hidden_b": [round(float(a), 5) for a in params["b1"]],
        "coef": [round(float(a), 5) for a in params["w2"]],
        "bias": round(float(params["b2"][0]), 5),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Build synthetic data, fit the model and write the weights JSON."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", required=True, help="JSONL of articles (first line = headline)")
    ap.add_argument("--out", default="src/newsgraph/ingest/segment_weights.json")
    ap.add_argument("--files", type=int, default=2000, help="synthetic files to fit on")
    ap.add_argument("--tune-files", type=int, default=400, help="files to pick the threshold")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--hidden", type=int, default=16, help="hidden units (0 = plain logistic)")
    ap.add_argument(
        "--eval-data", help="another article JSONL: report Pk on synthetic pastes built from it"
    )
    args = ap.parse_args(argv)

    with open(args.data, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    rng = random.Random(args.seed)
    rng.shuffle(texts)
    cut = int(len(texts) * 0.8)
    fit_pool, tune_pool = texts[:cut], texts[cut:]

    fit_sets, tune_sets = _term_sets(fit_pool), _term_sets(tune_pool)
    xs, ys = [], []
    for _ in range(args.files):
        lines, starts = make_file(rng, fit_pool, fit_sets)
        x, y = _labels(lines, starts)
        xs.append(x[1:])  # the first line is always a start: not informative
        ys.append(y[1:])
    x = np.vstack(xs)
    y = np.concatenate(ys)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    xs_ = (x - mean) / scale
    coef, bias = fit_logistic(xs_, y)
    print(f"fitted on {len(y)} lines, {int(y.sum())} starts", file=sys.stderr)

    out = Path(args.out)
    weights: dict[str, object] = {
        "about": "Weights for newsgraph.ingest.segment; made by bench/train_segmenter.py",
        "feature_names": list(FEATURE_NAMES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef],
        "bias": round(bias, 6),
        "threshold": 0.5,
        "min_gap": 2,
    }
    if args.hidden:
        weights.update(fit_mlp(xs_, y, args.hidden, args.seed))
    out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")

    # choose threshold and minimum gap on files built from unseen articles
    from newsgraph.ingest import segment as seg

    model = seg.model_from_dict(weights)
    tune = [make_file(rng, tune_pool, tune_sets) for _ in range(args.tune_files)]
    probs = [start_probabilities(lines, model) for lines, _ in tune]
    best: tuple[float, float, int] = (9.0, 0.5, 2)
    for gap in (1, 2, 3):
        for thr in np.arange(0.15, 0.86, 0.05):
            pks = []
            for (lines, starts), (rows, p) in zip(tune, probs, strict=True):
                pred = [rows[j] for j in seg._pick_starts(p, float(thr), gap)]
                pks.append(pk_windowdiff(starts, pred, len(lines))[0])
            pk = float(np.mean(pks))
            if pk < best[0] - 1e-9:
                best = (pk, float(thr), gap)
    print(f"tuned: Pk {best[0]:.4f} at threshold {best[1]:.2f}, min_gap {best[2]}", file=sys.stderr)
    weights["threshold"] = round(best[1], 2)
    weights["min_gap"] = best[2]
    out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    if args.eval_data:
        with open(args.eval_data, encoding="utf-8") as fh:
            held = [json.loads(line)["text"] for line in fh if line.strip()]
        erng = random.Random(args.seed + 1)
        hsets = _term_sets(held)
        final = seg.model_from_dict(weights)
        pks, wds = [], []
        for _ in range(200):
            lines, starts = make_file(erng, held, hsets)
            rows, p = start_probabilities(lines, final)
            pred = [rows[j] for j in seg._pick_starts(p, best[1], best[2])]
            pk, wd = pk_windowdiff(starts, pred, len(lines))
            pks.append(pk)
            wds.append(wd)
        print(
            f"held-out pastes from {args.eval_data}: Pk {np.mean(pks):.4f}, "
            f"WindowDiff {np.mean(wds):.4f} (200 files)",
            file=sys.stderr,
        )
    for name, c in sorted(zip(FEATURE_NAMES, coef, strict=True), key=lambda t: -abs(t[1]))[:12]:
        print(f"  {name:<24}{c:+.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
