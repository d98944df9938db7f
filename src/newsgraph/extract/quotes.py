"""The quotations stage: direct, indirect and mixed quotes with canonical speakers.

Three sources of evidence are combined:

1. quoted passages, from the quotation marks (:mod:`.quote_spans`);
2. attribution cues with speaker, content and addressee, from the parse
   (:mod:`.attribution`);
3. the in-article resolver (:mod:`.coref`), which maps the speaker's words
   ("he", "the ministry spokesman", "the capital") to an entity.

Steps:

1. A cue whose content clause is (almost) all inside quotation marks gives
   **direct** quotes; one whose content holds some quoted words among its
   own gives a **mixed** quote; one with no quoted words an **indirect**
   quote. A cue inside quoted words belongs to the quoted speaker and is
   skipped.
2. A quoted passage no cue took is attributed to a cue just after it in
   the sentence of its closing mark ("…," X said / said X / X told Y) or
   just before its opening mark (X said: "…").
3. A passage still without a cue takes the attribution of the nearest
   attributed quotation in its paragraph (an indirect quote of the same
   attribution sentence does not count: '"A," X said, referring to Y.
   "B."'), else of the previous paragraph's
   last one (the news convention for quote paragraphs), else of the next
   paragraph's first, with falling confidence. Short passages without a cue
   are scare quotes or titles and are not quotations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import ClassVar

from newsgraph.extract.attribution import (
    Cue,
    find_cues,
    object_cues,
    relative_antecedent,
)
from newsgraph.extract.attribution_lines import colon_cue, dash_cue
from newsgraph.extract.attribution_parse import Tree
from newsgraph.extract.coref import Resolution, Resolver, shared_resolver
from newsgraph.extract.coref_rules import entity_gender
from newsgraph.extract.quote_spans import (
    QuoteSpan,
    find_quote_spans,
    is_title,
    paragraph_spans,
)
from newsgraph.extract.quote_words import DOCUMENT_NOUNS
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Quote, Token
from newsgraph.settings import Settings

__all__ = ["Quotation", "QuoteStage", "extract_quotations", "extract_quotes"]

_NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nummod"})
# A quoted passage with fewer words and no cue is a scare quote or a title.
_MIN_ORPHAN_WORDS = 4
# Confidence of each way of attributing (measured as the share of correct
# speakers on PolNeAR train, rounded; see docs/benchmarks.md).
_BASE = {
    "cue": 0.9,
    "label": 0.7,
    "mixed": 0.85,
    "object": 0.7,
    "indirect": 0.8,
    "indirect-belief": 0.6,
    "paragraph": 0.8,
    "continued": 0.8,
    "previous": 0.65,
    "next": 0.5,
}
_QUOTE_OPENERS = frozenset("“„«\"‘'")
_SPEAKER = {"name": 1.0, "metonym": 1.0, "surname": 0.95, "pronoun": 0.9, "nominal": 0.85}


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quote record with the attribution it rests on (``group``, shared by its parts)."""

    quote: Quote
    group: int
    paragraph: int


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    cue: Cue | None
    how: str
    balanced: bool = True


class _Article:
    """Offsets helpers over one article's tokens and paragraphs."""

    def __init__(self, doc: AnalysedArticle) -> None:
        self.text = doc.article.text
        self.tokens: tuple[Token, ...] = doc.tokens
        self.starts = [t.start for t in self.tokens]
        self.paragraph_bounds = list(paragraph_spans(self.text))
        self.paragraphs = [start for start, _ in self.paragraph_bounds]
        self._tree: Tree | None = None

    def chars(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.tokens[span[0]].start, self.tokens[span[1] - 1].end

    def token_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def tokens_in(self, start: int, end: int) -> range:
        lo = bisect_right(self.starts, start - 1)
        hi = bisect_right(self.starts, end - 1)
        return range(lo, hi)

    def paragraph(self, offset: int) -> int:
        return max(0, bisect_right(self.paragraphs, offset) - 1)

    def tree(self) -> Tree:
        if self._tree is None:
            self._tree = Tree(self.tokens)
        return self._tree


def _words(tokens: tuple[Token, ...], rng: range) -> int:
    return sum(1 for i in rng if tokens[i].pos not in {"PUNCT", "SPACE", "SYM"})


def _match_cues(art: _Article, spans: list[QuoteSpan], cues: list[Cue]) -> list[_Found]:
    """Step 1: turn cues with a content clause into direct, mixed or indirect quotes."""
    found: list[_Found] = []
    taken: set[int] = set()
    seen: set[tuple[int, int]] = set()
    toks = art.tokens
    quoted = [(s.open_mark, s.end) for s in spans]
    for cue in cues:
        if cue.content is None:
            continue
        at = toks[cue.start].start
        if any(lo <= at < hi for lo, hi in quoted):
            continue
        cs, ce = art.chars(cue.content)
        if (cs, ce) in seen:
            continue
        seen.add((cs, ce))
        inner = [k for k, s in enumerate(spans) if s.start < ce and s.end > cs and k not in taken]
        if not inner:
            belief = not cue.speech
            found.append(
                _Found(cs, ce, "indirect", cue, "indirect-belief" if belief else "indirect")
            )
            continue
        outside = [
            i
            for i in art.tokens_in(cs, ce)
            if toks[i].pos not in {"PUNCT", "SPACE", "SYM"}
            and not any(spans[k].start <= toks[i].start < spans[k].end for k in inner)
        ]
        taken.update(inner)
        if not outside and _phrase_content(art, cue.content):
            # 'X expressed “gratitude for …”': quoted words that are only the
            # object of the reporter's verb are a fragment, not a statement.
            for k in inner:
                s = spans[k]
                found.append(_Found(s.start, s.end, "mixed", cue, "mixed", s.balanced))
        elif not outside:
            for k in inner:
                s = spans[k]
                found.append(_Found(s.start, s.end, "direct", cue, "cue", s.balanced))
        else:
            lo = min(cs, *(spans[k].start for k in inner))
            hi = max(ce, *(spans[k].end for k in inner))
            balanced = all(spans[k].balanced for k in inner)
            found.append(_Found(lo, hi, "mixed", cue, "mixed", balanced))
    for k in sorted(taken, reverse=True):
        spans.pop(k)
    return found


def _phrase_content(art: _Article, content: tuple[int, int]) -> bool:
    """Say whether a cue's content is a noun phrase rather than a clause."""
    toks = art.tokens
    lo, hi = content
    roots = [i for i in range(lo, hi) if not lo <= toks[i].head < hi or toks[i].head == i]
    return bool(roots) and all(toks[r].pos in {"NOUN", "PROPN", "NUM"} for r in roots)


def _adjacent_cue(art: _Article, span: QuoteSpan, cues: list[Cue]) -> Cue | None:
    """Step 2: find the cue right after the closing mark or right before the opening one."""
    toks = art.tokens
    if not toks:
        return None
    close = span.close_mark if span.close_mark is not None else span.end
    close_tok = art.token_at(close)
    open_tok = art.token_at(span.open_mark)
    best: tuple[int, Cue] | None = None
    before = open_tok - 1
    while before > 0 and toks[before].pos == "SPACE":
        before -= 1  # "… the following statement:" and a blank line
    for cue in cues:
        if cue.speaker is None:
            continue
        if cue.content is not None:
            cs, ce = art.chars(cue.content)
            if not (span.start - 2 <= cs and ce <= span.end + 2):
                continue  # the cue has content of its own
        sp_lo, _ = art.chars(cue.speaker)
        if span.start <= sp_lo < span.end:
            # '“… Full panic mode,” said X': the parser gave the cue two
            # subjects and took the quoted one; the other is the speaker.
            outside = _outside_subject(art, cue, span)
            if outside is None:
                continue
            cue = replace(cue, speaker=outside)
        if cue.start > close_tok and (
            cue.sent == toks[close_tok].sent
            # '“You winning?” she said': the parser ended the sentence at the mark.
            or (
                cue.sent == toks[close_tok].sent + 1
                and cue.speaker is not None
                and cue.speaker[0] <= close_tok + 1 <= cue.start
                and cue.start - close_tok <= 6
            )
        ):
            gap = cue.start - close_tok
        elif cue.start < open_tok and (
            cue.sent == toks[open_tok].sent
            or (cue.sent == toks[open_tok].sent - 1 and toks[before].text in {":", ","})
        ):
            between = range(cue.end, open_tok)
            if cue.addressee is not None and cue.addressee[0] >= cue.end:
                # "X told the host of a radio show, “…”": the addressee may be long.
                between = range(max(cue.end, cue.addressee[1]), open_tok)
            if _words(toks, between) > 4:
                continue
            gap = open_tok - cue.end + 1
        else:
            continue
        if best is None or gap < best[0]:
            best = (gap, cue)
    if best is None and open_tok > 0:
        # "Name: “…”" (also when the parser left the colon in the previous sentence)
        colon = colon_cue(toks, open_tok - 1)
        best = (0, colon) if colon is not None else None
    if best is None and (span.open_mark == 0 or art.text[span.open_mark - 1] == "\n"):
        # A paragraph that is one quotation signed "― Name" (reader comments).
        return dash_cue(toks, art.text, close + (span.close_mark is not None), starts=art.starts)
    return best[1] if best else None


def _outside_subject(art: _Article, cue: Cue, span: QuoteSpan) -> tuple[int, int] | None:
    """Return a subject of the cue verb outside the quotation, if the parse gave it one."""
    toks = art.tokens
    tree = art.tree()
    for verb in range(cue.start, cue.end):
        if toks[verb].pos not in {"VERB", "AUX"}:
            continue
        for k in tree.children[verb]:
            if toks[k].dep == "nsubj" and not span.start <= toks[k].start < span.end:
                return tree.noun_phrase(k)
    return None


def _lead_cue(art: _Article, span: QuoteSpan, cues: list[Cue]) -> Cue | None:
    """Step 2b: a quotation that opens with its own reporting verb, its subject outside.

    'The council “strongly condemns the attack”': the speaker is named before
    the mark and the verb is quoted with the rest, so the quotation is mixed
    and its cue is that verb. Only adverbs may come before the verb.
    """
    toks = art.tokens
    inside = art.tokens_in(span.start, span.end)
    open_tok = art.token_at(span.open_mark)
    for cue in cues:
        if cue.speaker is None or not cue.speech or cue.start not in inside:
            continue
        if any(toks[i].pos not in {"ADV", "PART"} for i in range(inside.start, cue.start)):
            continue
        lo, hi = cue.speaker
        # The subject stands right before the mark ("The council also “…"),
        # and names someone, or is a personal pronoun the resolver reads
        # ("It also “…"): not "who", "his", nor a share ("34% “agree”").
        if hi > open_tok or any(toks[i].pos != "ADV" for i in range(hi, open_tok)):
            continue
        last = toks[hi - 1]
        if (last.pos in {"PROPN", "NOUN"} or last.tag == "PRP") and not any(
            toks[i].pos == "NUM" or toks[i].tag == "CD" for i in range(lo, hi)
        ):
            return cue
    return None


def _neighbour(art: _Article, span: QuoteSpan, found: list[_Found]) -> tuple[Cue, str] | None:
    """Step 3: borrow the attribution of a neighbouring quotation."""
    para = art.paragraph(span.start)
    attributed = sorted(
        (f for f in found if f.cue is not None and f.cue.speaker is not None),
        key=lambda f: f.start,
    )
    before = [f for f in attributed if f.start < span.start]
    after = [f for f in attributed if f.start > span.start]
    same_before = [f for f in before if art.paragraph(f.start) == para]
    same_after = [f for f in after if art.paragraph(f.start) == para]
    quoted_before = [f for f in same_before if f.kind in {"direct", "mixed"}]
    if quoted_before and (
        same_before[-1] is quoted_before[-1]
        or same_before[-1].cue.sent == quoted_before[-1].cue.sent  # type: ignore[union-attr]
    ):
        # '“A,” X said, referring to Y. “B.”': an indirect quote hung on the
        # same sentence does not stop B continuing X's words.
        return quoted_before[-1].cue, "paragraph"  # type: ignore[return-value]
    if same_after and same_after[0].kind in {"direct", "mixed"}:
        return same_after[0].cue, "paragraph"  # type: ignore[return-value]
    if span.continues and before:
        return before[-1].cue, "continued"  # type: ignore[return-value]
    if before and art.paragraph(before[-1].start) == para - 1 and before[-1].kind == "direct":
        return before[-1].cue, "previous"  # type: ignore[return-value]
    if after and art.paragraph(after[0].start) == para + 1 and after[0].kind == "direct":
        return after[0].cue, "next"  # type: ignore[return-value]
    return None


def _find(doc: AnalysedArticle) -> list[_Found]:
    art = _Article(doc)
    # The name of a show or book in quotation marks is no one's words.
    all_spans = find_quote_spans(art.text)
    spans = [s for s in all_spans if not is_title(art.text, s)]
    cues = find_cues(art.tokens) if art.tokens else []
    found = _match_cues(art, spans, cues)
    orphans: list[QuoteSpan] = []
    loose: list[QuoteSpan] = []
    for span in spans:
        cue = _adjacent_cue(art, span, cues)
        if cue is not None:
            found.append(_Found(span.start, span.end, "direct", cue, "cue", span.balanced))
        elif (lead := _lead_cue(art, span, cues)) is not None:
            found.append(_Found(span.start, span.end, "mixed", lead, "mixed", span.balanced))
        else:
            loose.append(span)
    ranges = [art.tokens_in(s.start, s.end) for s in loose]
    held = object_cues(art.tokens, [(r.start, r.stop) for r in ranges]) if art.tokens else []
    for span, rng, obj in zip(loose, ranges, held, strict=True):
        if obj is not None and obj.content is not None and len(rng):
            cs, ce = art.chars(obj.content)
            cs, ce = min(cs, span.start), max(ce, span.end)
            kind = "mixed" if (cs, ce) != (span.start, span.end) else "direct"
            found.append(_Found(cs, ce, kind, obj, "object", span.balanced))
        elif _words(art.tokens, rng) >= _MIN_ORPHAN_WORDS:
            orphans.append(span)
    for span in orphans:
        hit = _neighbour(art, span, found)
        if hit is not None:
            cue, how = hit
            found.append(_Found(span.start, span.end, "direct", cue, how, span.balanced))
    found.extend(_labelled_lines(art, found, all_spans))
    found.sort(key=lambda f: (f.start, f.end))
    return found


# "NAME: words" at the start of a line: a headline's attribution ("Senator
# X: The Bill Is Dead"), a transcript's speaker label ("SMITH: Well, …") or an
# interview's "Q:" / "A:". The name must be proper nouns with a person or
# organisation the tagger found or a known first name, or a capitalised label
# of three letters or more, and no editorial word.
_LABELLED = re.compile(r"([A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){0,3}):[ \t]+(?=\S)")
_EDITORIAL_LABELS = frozenset({"update", "updated", "correction", "byline", "email", "note",
                               "breaking", "watch", "video", "photo", "photos", "source",
                               "sources", "related", "read", "more", "editor", "contributing",
                               "revealed", "exclusive", "analysis", "opinion", "advertisement",
                               "caption", "credit", "tags", "share", "listen", "live",
                               "latest", "poll"})  # fmt: skip


def _labelled_lines(art: _Article, found: list[_Found], spans: list[QuoteSpan]) -> list[_Found]:
    """Return a quote for each line that opens with a speaker's name and a colon."""
    toks = art.tokens
    taken = [(f.start, f.end) for f in found]
    out: list[_Found] = []
    for lo, hi in art.paragraph_bounds:
        m = _LABELLED.match(art.text, lo, hi)
        if m is None:
            continue
        start, end = m.end(), hi
        while end > start and art.text[end - 1] in " \t":
            end -= 1
        if any(a < end and start < b for a, b in taken) or art.text[start] in _QUOTE_OPENERS:
            continue  # already a quotation ("Name: “…”" is found by its marks)
        name = art.tokens_in(lo, m.end(1))
        if not len(name) or len(art.text[start:end].split()) < 3:
            continue
        words = [toks[i] for i in name]
        label = len(words) == 1 and words[0].text.isupper() and len(words[0].text) >= 3
        # A name the tagger found, or proper nouns led by a known first name
        # (headlines are title-cased, and the tagger often misses names there).
        named = all(t.pos == "PROPN" for t in words) and (
            any(t.ent_type in {"PERSON", "ORG"} for t in words)
            or entity_gender(" ".join(t.text for t in words[-2:])) is not None
        )
        if not (label or named) or any(t.text.lower() in _EDITORIAL_LABELS for t in words):
            continue
        colon = name.stop
        if colon >= len(toks) or toks[colon].text != ":":
            continue
        cue = Cue(
            colon, colon + 1, ":", (name.start, name.stop), None, None, toks[colon].sent, True
        )
        quoted = any(s.start < end and start < s.end for s in spans)
        out.append(_Found(start, end, "mixed" if quoted else "indirect", cue, "label"))
    return out


def _document_speaker(
    art: _Article, resolver: Resolver, speaker: tuple[int, int], res: Resolution
) -> tuple[int, int] | None:
    """Return the noun phrase of an unnamed text or body that "it" stands for.

    "The resolution urges …. It also “condemns …”": a subject headed by a
    document noun (resolution, report, statement, …) in the same or the
    previous sentence is the antecedent of a speaking "it", unless the
    entity the resolver chose was a subject after it.
    """
    toks = art.tokens
    lo, hi = speaker
    if hi - lo != 1 or toks[lo].text.lower() not in {"it", "its"}:
        return None
    sent = toks[lo].sent
    i = lo - 1
    while i >= 0 and toks[i].sent >= sent - 1:
        tok = toks[i]
        if (
            tok.dep in {"nsubj", "nsubjpass"}
            and tok.pos == "NOUN"
            and tok.lemma.lower() in DOCUMENT_NOUNS
            and not resolver.entities_in(tok.start, tok.end)
        ):
            left = [t.i for t in toks[max(0, i - 4) : i] if t.head == i and t.dep in _NP_LEFT]
            if not any(toks[j].text.lower() in {"the", "this", "that"} for j in left) and not any(
                toks[j].dep == "poss" for j in left
            ):
                return None  # "a report" is not an antecedent
            later = [
                r
                for r in resolver.refs
                if r.entity_id == res.entity_id
                and i < r.head < lo
                and r.subject
                and toks[r.head].pos != "PRON"  # the resolver's own guesses
            ]
            return None if later else (min([i, *left]), i + 1)
        i -= 1
    return None


def _speaker_factor(res: Resolution | None, has_span: bool) -> float:
    if res is None or res.entity_id is None:
        return 0.8 if has_span else 0.4
    return _SPEAKER.get(res.method, 0.8) * min(1.0, res.confidence / 0.85)


def extract_quotations(doc: AnalysedArticle) -> list[Quotation]:
    """Return the article's quotations with their attribution groups, in text order."""
    if not doc.tokens:
        return []
    art = _Article(doc)
    resolver = shared_resolver(doc)
    text = art.text
    article_id = doc.article.id
    groups: dict[int, int] = {}
    out: list[Quotation] = []
    seen: set[tuple[int, int]] = set()
    for f in _find(doc):
        if (f.start, f.end) in seen or f.end <= f.start:
            continue
        seen.add((f.start, f.end))
        cue = f.cue
        speaker = res = None
        s_start = s_end = None
        if cue is not None and cue.speaker is not None:
            # "X, who said …": the mention is "who", the speaker is X.
            named = relative_antecedent(art.tokens, cue.speaker) or cue.speaker
            res = resolver.resolve(*named)
            s_start, s_end = art.chars(cue.speaker)
            speaker = res.name or text[slice(*art.chars(named))]
            document = _document_speaker(art, resolver, cue.speaker, res)
            if document is not None:
                res = Resolution(None, None, 0.7, "nominal")
                speaker = text[slice(*art.chars(document))]
        addressee = addressee_id = None
        if cue is not None and cue.addressee is not None:
            ares = resolver.resolve(*cue.addressee)
            addressee = ares.name or text[slice(*art.chars(cue.addressee))]
            addressee_id = ares.entity_id
        target_ids = [
            e for e in resolver.entities_in(f.start, f.end) if res is None or e != res.entity_id
        ]
        confidence = _BASE[f.how] * _speaker_factor(res, s_start is not None)
        if not f.balanced:
            confidence *= 0.6  # an unclosed quotation mark: best effort
        cue_text = text[slice(*art.chars((cue.start, cue.end)))] if cue is not None else None
        quote = Quote(
            id=span_id("quote", article_id, f.start, f.end, f.kind),
            article_id=article_id,
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            kind=f.kind,
            cue=cue_text,
            cue_lemma=cue.lemma if cue is not None else None,
            speaker=speaker,
            speaker_entity_id=res.entity_id if res is not None else None,
            speaker_mention_start=s_start,
            speaker_mention_end=s_end,
            addressee=addressee,
            addressee_entity_id=addressee_id,
            targets=tuple(resolver.entities[e].name for e in target_ids),
            target_entity_ids=tuple(target_ids),
            confidence=round(confidence, 3),
        )
        key = cue.start if cue is not None else -1 - len(groups)
        group = groups.setdefault(key, len(groups))
        out.append(Quotation(quote=quote, group=group, paragraph=art.paragraph(f.start)))
    return out


def extract_quotes(doc: AnalysedArticle) -> list[Quote]:
    """Return the article's quotes, in text order, each nested one linked to its holder."""
    return link_nested([q.quote for q in extract_quotations(doc)])


def link_nested(quotes: list[Quote]) -> list[Quote]:
    """Set ``nested_in`` on each quote whose attribution lies inside another's content.

    "Kiev, X said, believes it can win": the quote of Kiev (content and
    speaker mention) lies inside X's content, so X asserts it and Kiev's
    quote is nested in X's. The innermost holder is kept; a quote with no
    speaker mention counts when its content alone lies inside.
    """
    out = []
    for quote in quotes:
        lo, hi = quote.start, quote.end
        if quote.speaker_mention_start is not None and quote.speaker_mention_end is not None:
            lo = min(lo, quote.speaker_mention_start)
            hi = max(hi, quote.speaker_mention_end)
        holders = [
            other
            for other in quotes
            if other is not quote
            and other.start <= lo
            and hi <= other.end
            and (other.start, other.end) != (quote.start, quote.end)
        ]
        if holders:
            inner = min(holders, key=lambda o: (o.end - o.start, o.start))
            quote = replace(quote, nested_in=inner.id)
        out.append(quote)
    return out


# Bump when the rules change within a stage name, so stored articles are
# re-analysed (3: an act still to come, "set to announce", is no quote;
# 4: nested quotes are linked to the quote that holds them; 5: a quotation
# that opens with its own reporting verb, 'The council “condemns …”'; 6: a
# quoted noun phrase that is only the verb's object is mixed; 12: "It also
# “condemns …”", a clause subject misread as the cue's object, no addressee
# inside the content; 13: "the army" is a state's or its seat's, never a
# town's, and "X's army" no other place's; 14: "the Daily Post newspaper"
# is that outlet; 15: "the president's spokesman" is only someone introduced
# as a spokesman).
QUOTES_RULES = "15"


class QuoteStage:
    """Find direct, indirect and mixed quotes and resolve their speakers."""

    name: ClassVar[str] = "quotes.rules.v2"
    requires: ClassVar[frozenset[str]] = frozenset({"tokens", "mentions", "entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    @property
    def version(self) -> str:
        """Return a string that changes when the rules would find other quotes."""
        return f"{self.name}:rules{QUOTES_RULES}"

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        """Return ``doc`` with its quotes filled."""
        return replace(doc, quotes=tuple(extract_quotes(doc)))
