"""HTML for marked article text and small SVG charts, built server-side so they work offline.

Everything that comes from the store passes through :func:`markupsafe.escape`
before it is joined into markup: news text is untrusted input.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from newsgraph.marks import Mark, nest
from newsgraph.store.query import ArticleDetail
from newsgraph.store.views import MapPoint, NetworkEdge, TimelineBucket

__all__ = ["article_marks", "bar_chart", "map_svg", "marked_text", "network_svg"]

# NER types a resolved place, date or amount replaces in the inline marks.
_RESOLVED_TYPES = frozenset(
    {"GPE", "LOC", "FAC", "DATE", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class WebMark:
    """A mark with what the page needs: a tooltip and, for entities and speakers, a link."""

    mark: Mark
    title: str
    href: str | None = None
    who: str | None = None  # a quote's speaker, shown after the quote


def article_marks(detail: ArticleDetail) -> list[WebMark]:
    """Return the marks of an article page: mentions, quotes, events, places, dates, amounts."""
    resolved: list[WebMark] = []
    for p in detail.places:
        label = f"place: {p.name}" + (f" ({p.country})" if p.country else "")
        resolved.append(_wm(p.start, p.end, "place", "place", label))
    for d in detail.dates:
        resolved.append(_wm(d.start, d.end, "date", "date", f"date: {d.value or 'unresolved'}"))
    for a in detail.amounts:
        unit = f" {a.unit}" if a.unit else ""
        resolved.append(_wm(a.start, a.end, "amount", "amount", f"amount: {a.value:g}{unit}"))

    def replaced(start: int, end: int) -> bool:
        return any(
            (r.mark.start <= start and end <= r.mark.end)
            or (start <= r.mark.start and r.mark.end <= end)
            for r in resolved
        )

    names = {e.id: e.name for e in detail.entities}
    out: list[WebMark] = []
    for m in detail.mentions:
        if m.type in _RESOLVED_TYPES and replaced(m.start, m.end):
            continue
        href = f"/entities/{m.entity_id}" if m.entity_id else None
        title = f"{m.type}: {names.get(m.entity_id or '', m.text)}"
        out.append(
            WebMark(
                mark=Mark(start=m.start, end=m.end, kind="mention", label=m.type),
                title=title,
                href=href,
            )
        )
    for q in detail.quotes:
        who = names.get(q.speaker_entity_id or "", q.speaker or "") or None
        out.append(
            WebMark(
                mark=Mark(start=q.start, end=q.end, kind="quote", label=q.kind),
                title=f"{q.kind} quote" + (f" by {who}" if who else ", speaker unknown"),
                href=f"/entities/{q.speaker_entity_id}" if q.speaker_entity_id else None,
                who=who,
            )
        )
    for e in detail.events:
        who = f"{e.source_actor or '?'} → {e.target_actor or '?'}"
        flags = [f for f in ("negated", "hypothetical", "future") if getattr(e, f)]
        title = f"event {e.type}: {who}" + (f" ({', '.join(flags)})" if flags else "")
        out.append(_wm(e.start, e.end, "event", e.type, title))
    return out + resolved


def _wm(start: int, end: int, kind: str, label: str, title: str) -> WebMark:
    return WebMark(mark=Mark(start=start, end=end, kind=kind, label=label), title=title)


def marked_text(text: str, marks: Sequence[WebMark]) -> Markup:
    """Return ``text`` escaped, with properly nesting marks as ``<mark>`` elements, by paragraph."""
    by_mark = {id(w.mark): w for w in marks}
    kept = nest(w.mark for w in marks)
    boundaries: list[tuple[int, int, int, str]] = []
    for m in kept:
        w = by_mark[id(m)]  # nest() keeps the very Mark objects it is given
        boundaries.append((m.start, 1, -m.end, _open(w)))
        boundaries.append((m.end, 0, -m.start, _close(w)))
    boundaries.sort(key=lambda b: (b[0], b[1], b[2]))
    parts: list[str] = []
    pos = 0
    for offset, _, _, tag in boundaries:
        parts.append(_text(text[pos:offset]))
        parts.append(tag)
        pos = offset
    parts.append(_text(text[pos:]))
    return Markup("<p>" + "".join(parts) + "</p>")


def _text(chunk: str) -> str:
    # Paragraph breaks become </p><p>, so marks never span them in practice
    # (sentences and spans stay inside one line); a mark that does stays valid
    # HTML because browsers close and reopen inline elements across <br>.
    return str(escape(chunk)).replace("\n\n", "<br><br>").replace("\n", "<br>")


def _open(w: WebMark) -> str:
    m = w.mark
    cls = f"mk mk-{m.kind} mk-{escape(m.label.lower())}"
    attrs = f'class="{cls}" title="{escape(w.title)}" data-kind="{m.kind}"'
    if m.kind == "mention" and w.href:
        return f'<a {attrs} href="{escape(w.href)}">'
    return f"<mark {attrs}>"


def _close(w: WebMark) -> str:
    if w.mark.kind == "mention" and w.href:
        return "</a>"
    if w.mark.kind == "quote":
        if w.who and w.href:
            return f'</mark><a class="who" href="{escape(w.href)}">— {escape(w.who)}</a>'
        if w.who:
            return f'</mark><span class="who">— {escape(w.who)}</span>'
    return "</mark>"


# -- charts ------------------------------------------------------------------


def bar_chart(buckets: Sequence[TimelineBucket], *, width: int = 640, height: int = 160) -> Markup:
    """Return an SVG stacked bar chart of articles, quotes and events per day."""
    if not buckets:
        return Markup('<p class="empty">No dated activity.</p>')
    pad, top = 28, 10
    n = len(buckets)
    peak = max(b.articles + b.quotes + b.events for b in buckets) or 1
    step = (width - pad - 4) / n
    bar = max(step * 0.8, 1.0)
    rows = []
    for i, b in enumerate(buckets):
        x = pad + i * step
        y = height - 20.0
        for value, cls in ((b.articles, "c-art"), (b.quotes, "c-quo"), (b.events, "c-evt")):
            h = (height - 20 - top) * value / peak
            if h > 0:
                y -= h
                rows.append(
                    f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                    f'height="{h:.1f}"><title>{escape(b.day)}: {value}</title></rect>'
                )
    label = (
        f'<text x="{pad}" y="{height - 4}" class="axis">{escape(buckets[0].day)}</text>'
        f'<text x="{width - 4}" y="{height - 4}" class="axis" text-anchor="end">'
        f"{escape(buckets[-1].day)}</text>"
        f'<text x="2" y="{top + 8}" class="axis">{peak}</text>'
    )
    desc = f"Activity on {n} days from {buckets[0].day} to {buckets[-1].day}"
    return Markup(
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(desc)}">{"".join(rows)}{label}</svg>'
    )


def network_svg(center: str, edges: Sequence[NetworkEdge], *, size: int = 420) -> Markup:
    """Return an SVG star network: the entity in the middle, the actors it interacts with around."""
    if not edges:
        return Markup('<p class="empty">No events with other actors.</p>')
    c = size / 2
    r = size / 2 - 70
    peak = max(e.outgoing + e.incoming for e in edges)
    lines, nodes = [], []
    for i, e in enumerate(edges):
        angle = 2 * math.pi * i / len(edges) - math.pi / 2
        x, y = c + r * math.cos(angle), c + r * math.sin(angle)
        w = 1 + 5 * (e.outgoing + e.incoming) / peak
        tip = f"{e.name}: {e.outgoing} by, {e.incoming} against ({', '.join(e.types)})"
        lines.append(
            f'<line x1="{c:.0f}" y1="{c:.0f}" x2="{x:.1f}" y2="{y:.1f}" stroke-width="{w:.1f}">'
            f"<title>{escape(tip)}</title></line>"
        )
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dy = 16 if math.sin(angle) > 0.5 else -8 if math.sin(angle) < -0.5 else 4
        dx = 8 if anchor == "start" else -8 if anchor == "end" else 0
        label = (
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
            f"{escape(e.name)}</text>"
        )
        dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6"><title>{escape(tip)}</title></circle>'
        node = dot + label
        if e.entity_id:
            node = f'<a href="/entities/{escape(e.entity_id)}">{node}</a>'
        nodes.append(node)
    middle = (
        f'<circle class="center" cx="{c:.0f}" cy="{c:.0f}" r="10"/>'
        f'<text x="{c:.0f}" y="{c + 26:.0f}" text-anchor="middle" class="center">'
        f"{escape(center)}</text>"
    )
    return Markup(
        f'<svg class="chart network" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{escape(center)} and {len(edges)} actors it has events with">'
        f'<g class="edges">{"".join(lines)}</g>{middle}<g class="nodes">{"".join(nodes)}</g></svg>'
    )


LAND = Path(__file__).parent / "static" / "land-110m.json"


@lru_cache(maxsize=4)
def land_path(width: int) -> str:
    """Return an SVG path of the world's land (world-atlas 110m TopoJSON), equirectangular."""
    topo = json.loads(LAND.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    height = width / 2
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantised and delta-encoded
            x += dx
            y += dy
            lon, lat = x * sx + tx, y * sy + ty
            points.append(((lon + 180) / 360 * width, (90 - lat) / 180 * height))
        arcs.append(points)

    def ring(indices: list[int]) -> str:
        pts: list[tuple[float, float]] = []
        for i in indices:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(arc if not pts else arc[1:])
        out = []
        for k, (x, y) in enumerate(pts):
            # A ring that crosses the antimeridian (Fiji, Chukotka) would draw
            # a line across the map: start a new subpath at the jump instead.
            jump = k == 0 or abs(x - pts[k - 1][0]) > width / 2
            out.append(f"{'M' if jump else 'L'}{x:.1f},{y:.1f}")
        return "".join(out) + "Z"

    parts: list[str] = []
    for geometry in topo["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        parts.extend(ring(r) for polygon in polygons for r in polygon)
    return "".join(parts)


def map_svg(points: Sequence[MapPoint], *, width: int = 720) -> Markup:
    """Return an equirectangular SVG world map with places sized by mentions."""
    height = width / 2
    grid = []
    for lon in range(-180, 181, 30):
        x = (lon + 180) / 360 * width
        grid.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height:.1f}"/>')
    for lat in range(-90, 91, 30):
        y = (90 - lat) / 180 * height
        grid.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>')
    peak = max((p.mentions for p in points), default=1)
    dots = []
    for p in points:
        x = (p.lon + 180) / 360 * width
        y = (90 - p.lat) / 180 * height
        radius = 3 + 9 * math.sqrt(p.mentions / peak)
        where = p.name + (f" ({p.country})" if p.country else "")
        tip = f"{where}: {p.mentions} mentions in {p.articles} articles, {p.events} events"
        cls = "pt ev" if p.events else "pt"
        dots.append(
            f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}">'
            f"<title>{escape(tip)}</title></circle>"
        )
    return Markup(
        f'<svg class="chart map" viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-label="Map of {len(points)} places"><rect class="sea" width="{width}" '
        f'height="{height:.0f}"/><g class="grid">{"".join(grid)}</g>'
        f'<path class="land" d="{land_path(width)}"/>{"".join(dots)}</svg>'
    )
