"""Latency of the web UI and the HTTP API over a synthetic 100k-article store.

    python bench/serve.py [--articles 100000] [--requests 200] [--db PATH] [--keep]

1. Builds a synthetic store (fictional names made from syllables, random
   countries, cities and dates; each article has mentions of 6 entities, a
   quote, an event, a place and an amount) through ``Store.write_batch``, so
   rows, indexes and FTS tables are exactly what ``analyze`` writes. A
   store already at ``--db`` with enough articles is reused.
2. Starts ``newsgraph serve`` in its own process on a loopback port.
3. Sends ``--requests`` GETs per endpoint from one keep-alive client on the
   same machine, with varying pages, queries and entities, after a warm-up,
   and prints p50 / p95 / max in milliseconds (target: p95 < 100 ms).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import httpx

from newsgraph.ids import article_id, span_id
from newsgraph.records import (
    Amount,
    AnalysedArticle,
    Article,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
)
from newsgraph.store import Store

SYLLABLES = "ka lo mi ra ve tu sen dor fa li no ba ke shi ru va el an to mar".split()  # noqa: SIM905
_TOPICS = (  # topic words: each article is "about" four of them
    "talks ceasefire budget port harvest election court border trade minister river "
    "strike pipeline vaccine drought bridge council treaty tariff protest grain power "
    "loan summit fishing railway school reform inquiry flood mine"
)
WORDS = _TOPICS.split()
COUNTRIES = "KEN TZA PRT ESP MAR CHL ARG IDN VNM SRB EST MLI FRA DEU BRA IND JPN NGA".split()  # noqa: SIM905
TYPES = "CONSULT AGREE ACCUSE REQUEST SUPPORT ASSAULT PROTEST COOPERATE".split()  # noqa: SIM905
# Filler text: 5000 pseudo-words with Zipf frequencies (weight 1/rank), like
# running text, so a search hits a realistic share of the articles: the
# commonest filler word is in almost every article, the rarest in a few.
_VOCAB_RNG = random.Random(3)
VOCAB = sorted({"".join(_VOCAB_RNG.choice(SYLLABLES) for _ in range(3)) for _ in range(6000)})[
    :5000
]
_VOCAB_RNG.shuffle(VOCAB)
ZIPF = [1 / rank for rank in range(1, len(VOCAB) + 1)]


def _name(rng: random.Random) -> str:
    def part() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{part()} {part()}"


def _doc(
    i: int, rng: random.Random, entities: list[Entity], cities: list[Place]
) -> AnalysedArticle:
    people = rng.sample(entities, 6)
    city = rng.choice(cities)
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    topic = rng.sample(WORDS, 4)
    said = f"we will not give up on the {topic[0]} and the {topic[1]}"
    parts = [
        f"{people[0].name} met {people[1].name} in {city.name} on Monday about the {topic[0]}.",
        f'"{said}," {people[0].name} said.',
        f"{people[2].name} accused {people[3].name} over the {topic[2]}.",
        f"The {topic[3]} fund paid {rng.randint(2, 900)} million dollars, "
        f"{people[4].name} and {people[5].name} said.",
        " ".join(rng.choices(VOCAB, weights=ZIPF, k=60)) + f" (item {i}).",
    ]
    text = " ".join(parts)
    aid = article_id(text)
    mentions = []
    for e in people:
        start = text.index(e.name)
        end = start + len(e.name)
        mentions.append(
            Mention(
                id=span_id("mention", aid, start, end),
                article_id=aid,
                text=e.name,
                type="PERSON",
                start=start,
                end=end,
                entity_id=e.id,
            )
        )
    q0 = text.index(said)
    e0 = text.index(people[2].name)
    e1 = text.index(" over the ", e0)
    p0 = text.index(city.name)
    a0 = text.index(" million dollars") - 3
    return AnalysedArticle(
        article=Article(
            id=aid,
            text=text,
            title=f"{people[0].name} and {people[1].name} on the {topic[0]}",
            source=f"Wire {i % 40}",
            published=day,
            order=i,
        ),
        sentences=(Sentence(start=0, end=len(text)),),
        mentions=tuple(mentions),
        quotes=(
            Quote(
                id=span_id("quote", aid, q0, q0 + len(said)),
                article_id=aid,
                text=said,
                start=q0,
                end=q0 + len(said),
                kind="direct",
                cue="said",
                speaker=people[0].name,
                speaker_entity_id=people[0].id,
                targets=(people[1].name,),
                target_entity_ids=(people[1].id,),
            ),
        ),
        events=(
            Event(
                id=span_id("event", aid, e0, e1),
                article_id=aid,
                type=rng.choice(TYPES),
                start=e0,
                end=e1,
                source_actor=people[2].name,
                source_entity_id=people[2].id,
                source_country=people[2].country,
                target_actor=people[3].name,
                target_entity_id=people[3].id,
                target_country=people[3].country,
                date=day,
                location=city.name,
                lat=city.lat,
                lon=city.lon,
                evidence=text[e0:e1],
            ),
        ),
        places=(
            Place(
                id=span_id("place", aid, p0, p0 + len(city.name)),
                article_id=aid,
                name=city.name,
                start=p0,
                end=p0 + len(city.name),
                country=city.country,
                lat=city.lat,
                lon=city.lon,
                feature="city",
            ),
        ),
        amounts=(
            Amount(
                id=span_id("amount", aid, a0, a0 + 19),
                article_id=aid,
                value=1e6,
                text=text[a0 : a0 + 19],
                start=a0,
                end=a0 + 19,
                unit="USD",
            ),
        ),
    )


def build(path: Path, n: int, *, seed: int = 7) -> list[Entity]:
    """Write ``n`` synthetic articles to ``path``; return the entities used."""
    rng = random.Random(seed)
    entities = [
        Entity(id=f"ent{i:05d}", name=_name(rng), type="PERSON", country=rng.choice(COUNTRIES))
        for i in range(3000)
    ]
    cities = [
        Place(
            id="",
            article_id="",
            name=_name(rng).split()[0] + "ville",
            start=0,
            end=0,
            country=rng.choice(COUNTRIES),
            lat=rng.uniform(-50, 60),
            lon=rng.uniform(-120, 150),
        )
        for _ in range(400)
    ]
    with Store.open(path) as store:
        have = store.counts().get("articles", 0)
        if have >= n:
            return entities
        for start in range(have, n, 2000):
            docs = [_doc(i, rng, entities, cities) for i in range(start, min(n, start + 2000))]
            if start == have:
                docs[0] = replace(docs[0], entities=tuple(entities))
            store.write_batch(docs, pipeline="bench")
            print(f"  {min(n, start + 2000)} articles", file=sys.stderr, end="\r")
    return entities


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(base: str, paths: list[str], warmup: int = 5) -> dict[str, float]:
    """GET each path in turn on one keep-alive connection; return latency percentiles (ms)."""
    times: list[float] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for p in paths[:warmup]:
            client.get(p)
        for p in paths:
            t0 = time.perf_counter()
            r = client.get(p)
            times.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{p}: HTTP {r.status_code}: {r.text[:200]}")
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "max": times[-1],
    }


def main() -> None:
    """Build the store, start the server, measure and print a Markdown table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    ap.add_argument("--db", type=Path, default=None, help="store to build or reuse")
    args = ap.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"newsgraph-bench-{args.articles}.db"
    t0 = time.perf_counter()
    entities = build(db, args.articles)
    print(f"store: {db} ({args.articles} articles) ready in {time.perf_counter() - t0:.0f} s")
    with Store.open(db, readonly=True) as store:
        print("rows:", {k: v for k, v in store.counts().items() if v})

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/stats", timeout=60)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        rng = random.Random(11)
        n = args.requests
        deep = args.articles - 50
        # Queries: two words drawn like words of the text (Zipf), as a reader
        # would pick them from an article; "said" is in every article.
        words = [" ".join(rng.choices(VOCAB, weights=ZIPF, k=2)) for _ in range(n)]
        ents = [rng.choice(entities).id for _ in range(n)]
        # First views after a start (or a write): the whole-corpus aggregates
        # of the home page and the entity ranking are computed, then cached.
        print("\n| first view (cold) | ms |\n|---|---|")
        for path in ("/", "/entities"):
            print(f"| GET {path} | {measure(base, [path], warmup=0)['max']:.0f} |")
        cases = {
            "GET /api/articles (random page)": [
                f"/api/articles?offset={rng.randint(0, deep)}" for _ in range(n)
            ],
            "GET /articles page (random page)": [
                f"/articles?offset={rng.randint(0, deep)}" for _ in range(n)
            ],
            "GET /api/events?type=… (random page)": [
                f"/api/events?type={rng.choice(TYPES)}&offset={rng.randint(0, 5000)}"
                for _ in range(n)
            ],
            "GET /quotes page (speaker filter)": [
                f"/quotes?entity={rng.choice(entities).name.split()[1]}" for _ in range(n)
            ],
            "GET /api/articles?country=…&text=… (filtered page)": [
                f"/api/articles?country={rng.choice(COUNTRIES)}&text={rng.choice(WORDS)}"
                for _ in range(n)
            ],
            "GET /api/entities?since=… (mentioned that month)": [
                f"/api/entities?since=2024-{rng.randint(1, 12):02d}-01&offset={rng.randint(0, 200)}"
                for _ in range(n)
            ],
            "GET /api/search (2 words)": [f"/api/search?q={w}" for w in words],
            "GET /search page (articles+quotes+entities)": [f"/search?q={w}" for w in words],
            "GET /api/search?q=said (in every article)": ["/api/search?q=said"] * max(10, n // 10),
            "GET /entities list page (most mentioned)": ["/entities"] * max(10, n // 10),
            "GET /api/entities/{id}": [f"/api/entities/{e}" for e in ents],
            "GET /entities/{id} page": [f"/entities/{e}" for e in ents],
            "GET / (home)": ["/"] * max(10, n // 10),
        }
        print("\n| endpoint | requests | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
        for name, paths in cases.items():
            r = measure(base, paths)
            print(f"| {name} | {len(paths)} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} |")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
