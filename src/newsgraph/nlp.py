"""The spaCy stage: the only module that imports spaCy.

It turns an article into sentences, tokens (with their parse) and NER
mentions, all as plain records with code-point offsets into the article
text, so every later stage works without spaCy objects and can run in any
process.

Two details matter for news text:

* The text is split into paragraphs (lines) before ``nlp.pipe``. A
  standfirst line has no final full stop, and the parser would otherwise
  merge it with the first sentence of the body.
* A gazetteer ruler sits before ``ner`` (see :mod:`newsgraph.gazetteer`);
  ``ner`` keeps the places it set and labels the rest. Selecting the names
  takes seconds, so the built pipeline is cached on disk, keyed by the
  model, library and data versions.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.gazetteer import GAZETTEER_VERSION, data_versions, place_names
from newsgraph.ids import span_id
from newsgraph.pipeline import collector_paused
from newsgraph.records import AnalysedArticle, Mention, Sentence, Token
from newsgraph.settings import Settings

__all__ = ["SpacyStage", "load_pipeline", "paragraphs"]

log = logging.getLogger(__name__)

RULER_NAME = "newsgraph_places"
# Longest paragraph handed to spaCy in one piece; longer ones (pasted
# without line breaks) are cut at sentence-like boundaries first.
_MAX_PARAGRAPH = 20_000


class PlaceRuler:
    """Label gazetteer place names GPE before ``ner`` runs.

    spaCy's ``entity_ruler`` runs the whole pipeline over every pattern when
    it loads (19 s for 40k names, measured), which defeats caching. This
    component keeps each name as its tokens' texts (JSON on disk) and
    matches their hashes against a doc's ``ORTH`` column, as a
    ``PhraseMatcher`` on ``ORTH`` does. Loading then only hashes strings: a
    ``PhraseMatcher`` needed every name tokenised again, adding 40k lexemes
    to the vocabulary (1.6 s of the 1.9 s pipeline load, measured).

    A match that is part of a longer proper name ("Washington" in
    "Washington Post" or "George Washington") is dropped, so ``ner`` can
    label the whole name.
    """

    def __init__(self, nlp: Language, names: Sequence[str] = ()) -> None:
        self.nlp = nlp
        self.names: list[str] = []
        self.words: list[list[str]] = []
        # first token's hash -> the token-hash tuples of the names it starts
        self._patterns: dict[int, set[tuple[int, ...]]] = {}
        self.label = nlp.vocab.strings.add("GPE")
        self.add(names)

    def add(self, names: Sequence[str]) -> None:
        """Add place names to match."""
        new = [n for n in names if n]
        self.names.extend(new)
        tokenizer: Any = self.nlp.tokenizer
        self._add_words([[t.text for t in doc] for doc in tokenizer.pipe(new, batch_size=1000)])

    def _add_words(self, words: Sequence[list[str]]) -> None:
        for name in words:
            if name:
                self.words.append(name)
                key = tuple(get_string_id(w) for w in name)
                self._patterns.setdefault(key[0], set()).add(key)

    def matches(self, doc: Doc) -> list[tuple[int, int]]:
        """Return the ``(start, end)`` token spans of the names in ``doc``, in order."""
        orths: list[int] = doc.to_array(ORTH).tolist()
        out: list[tuple[int, int]] = []
        for i, orth in enumerate(orths):
            for key in self._patterns.get(orth, ()):
                if tuple(orths[i : i + len(key)]) == key:
                    out.append((i, i + len(key)))
        return sorted(out)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for start, end in self.matches(doc):
            # "Police" or "Reading" at a sentence start is a common word:
            # trust the tagger on one-token names.
            if end - start == 1 and doc[start].pos_ != "PROPN":
                continue
            before = doc[start - 1] if start > 0 else None
            after = doc[end] if end < len(doc) else None
            if (
                before is not None
                and before.pos_ == "PROPN"
                and before.is_title
                and not before.is_sent_start
            ) or (after is not None and after.pos_ == "PROPN" and after.is_title):
                continue
            spans.append(Span(doc, start, end, label=self.label))
        if spans:
            doc.set_ents(filter_spans([*doc.ents, *spans]))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Sequence[str] = ()) -> None:
        """Save the names and their tokens as JSON."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "names.json").write_text(json.dumps(self.names), encoding="utf-8")
        (folder / "words.json").write_text(json.dumps(self.words), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Sequence[str] = ()) -> PlaceRuler:
        """Load what :meth:`to_disk` saved (tokenising the names if only they were)."""
        folder = Path(path)
        self.names, self.words, self._patterns = [], [], {}
        names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
        if (folder / "words.json").exists():
            self.names = names
            self._add_words(json.loads((folder / "words.json").read_text(encoding="utf-8")))
        else:
            self.add(names)
        return self


@Language.factory(RULER_NAME)
def _make_place_ruler(nlp: Language, name: str) -> PlaceRuler:
    return PlaceRuler(nlp)


def _cache_key(model: str, nlp: Language) -> str:
    parts = [
        model,
        str(nlp.meta.get("version")),
        spacy.about.__version__,
        GAZETTEER_VERSION,
        data_versions(),
        "ruler2",  # the ruler saves its names' tokens (words.json)
    ]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _english_words(nlp: Language) -> list[str]:
    """Return common English words from the model's lemmatizer tables.

    Only verbs, adjectives and adverbs: the noun list is WordNet's and holds
    capitals ("budapest") too. Names that are also common nouns are caught
    at match time instead, where the tagger says whether the token is PROPN.
    """
    words: set[str] = set(nlp.Defaults.stop_words)
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            table = lookups.get_table("lemma_index")
            for pos in ("verb", "adj", "adv"):
                if pos in table:
                    words.update(str(w) for w in table[pos])
    return sorted(words)


def _add_gazetteer(nlp: Language) -> None:
    """Add the place ruler before ``ner``."""
    names = place_names(_english_words(nlp))
    ruler = nlp.add_pipe(RULER_NAME, before="ner")
    assert isinstance(ruler, PlaceRuler)
    ruler.add([p.name for p in names])


def _load_base(model: str) -> Language:
    try:
        return spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        raise NewsgraphError(ErrorCode.E204, model=model, reason=str(exc).splitlines()[0]) from None


def load_pipeline(settings: Settings) -> Language:
    """Load the spaCy pipeline named in ``settings``, with the gazetteer.

    The first call builds the gazetteer ruler (seconds) and saves the
    pipeline under ``settings.cache_dir``; later calls, in any process, load
    the saved copy. Pipelines without ``ner`` are used as they are.
    """
    with collector_paused():
        return _load_pipeline(settings)


def _load_pipeline(settings: Settings) -> Language:
    base = _load_base(settings.model)
    if not settings.gazetteer or "ner" not in base.pipe_names:
        return base
    cache = settings.resolved_cache_dir() / f"pipeline-{_cache_key(settings.model, base)}"
    if (cache / "config.cfg").exists():
        try:
            return spacy.load(cache)
        except Exception as exc:  # a corrupt cache must never stop a run
            log.warning("rebuilding pipeline cache %s: %s", cache, exc)
    log.info("building gazetteer pipeline for %s (cached in %s)", settings.model, cache)
    _add_gazetteer(base)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temporary directory, then rename: concurrent workers
        # never see a half-written pipeline.
        tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=cache.parent))
        base.to_disk(tmp)
        try:
            os.replace(tmp, cache)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
    except OSError as exc:
        log.warning("cannot cache pipeline in %s: %s", cache, exc)
    return base


# A wire dateline opening a paragraph: "NAIROBI, March 4 —", "BRUSSELS —",
# "KYIV, Ukraine (Reuters) -", then the lede's first word.
_DATELINE = re.compile(
    r"([A-Z][A-Z.'’ -]{2,30}[A-Z.](?:, [A-Z][A-Za-z.]*(?: [A-Z][a-z.]*)?(?: \d{1,2})?)?"
    r"(?: \([A-Za-z .&]+\))? ?(?:—|–|--|-))\s+(?=[A-Z\"“‘'])"
)


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, paragraph)`` for each non-blank line of ``text``.

    Over-long lines are cut after a sentence-final full stop so one pasted
    wall of text cannot exhaust memory in the parser. A wire dateline that
    opens a line ("NAIROBI, March 4 —") is yielded on its own.
    """
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            dateline = _DATELINE.match(stripped)
            if dateline is not None:
                # Parsed alone, so the city is not read into the first sentence.
                yield start, dateline.group(1)
                start += dateline.end()
                stripped = stripped[dateline.end() :]
            while len(stripped) > _MAX_PARAGRAPH:
                cut = stripped.rfind(". ", 0, _MAX_PARAGRAPH)
                cut = cut + 1 if cut > 0 else _MAX_PARAGRAPH
                yield start, stripped[:cut]
                rest = stripped[cut:]
                start += cut + (len(rest) - len(rest.lstrip()))
                stripped = rest.strip()
            if stripped:
                yield start, stripped
        offset += len(line) + 1


def _convert(doc: AnalysedArticle, parsed: Sequence[tuple[int, Doc]]) -> AnalysedArticle:
    """Turn the spaCy docs of an article's paragraphs into records."""
    article_id = doc.article.id
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    mentions: list[Mention] = []
    for offset, pdoc in parsed:
        first_token = len(tokens)
        for sent in pdoc.sents:
            sentences.append(Sentence(start=offset + sent.start_char, end=offset + sent.end_char))
            sent_index = len(sentences) - 1
            for tok in sent:
                start = offset + tok.idx
                tokens.append(
                    Token(
                        i=first_token + tok.i,
                        start=start,
                        end=start + len(tok.text),
                        text=tok.text,
                        lemma=tok.lemma_,
                        pos=tok.pos_,
                        tag=tok.tag_,
                        dep=tok.dep_,
                        head=first_token + tok.head.i,
                        sent=sent_index,
                        ent_type=tok.ent_type_,
                        ent_iob=tok.ent_iob_ or "O",
                        ws=bool(tok.whitespace_),
                    )
                )
        for ent in pdoc.ents:
            start = offset + ent.start_char
            end = offset + ent.end_char
            mentions.append(
                Mention(
                    id=span_id("mention", article_id, start, end, ent.label_),
                    article_id=article_id,
                    text=ent.text,
                    type=ent.label_,
                    start=start,
                    end=end,
                )
            )
    return replace(
        doc,
        sentences=tuple(sentences),
        tokens=tuple(tokens),
        mentions=tuple(mentions),
    )


class SpacyStage:
    """Tokenise, tag, parse and find named entities with spaCy.

    The stage is picklable: it carries only its settings, and each process
    loads the pipeline on first use (from the on-disk cache).
    """

    name: ClassVar[str] = "nlp.spacy.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset({"sentences", "tokens", "mentions"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._nlp: Language | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self._nlp = None

    @property
    def version(self) -> str:
        """Return a string that changes when the analysis would change."""
        # "dl": datelines are parsed apart from the lede (session 5).
        return f"{self.name}:{self.settings.model}:gaz{int(self.settings.gazetteer)}:dl"

    @property
    def nlp(self) -> Language:
        """Return the loaded pipeline, loading it on first use."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.settings)
            self._nlp.max_length = max(self._nlp.max_length, _MAX_PARAGRAPH * 2)
        return self._nlp

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        """Analyse one article."""
        return self.pipe([doc])[0]

    def pipe(self, docs: Sequence[AnalysedArticle]) -> list[AnalysedArticle]:
        """Analyse a batch of articles in one ``nlp.pipe`` call."""
        owners: list[int] = []
        offsets: list[int] = []
        texts: list[str] = []
        for index, doc in enumerate(docs):
            for offset, para in paragraphs(doc.article.text):
                owners.append(index)
                offsets.append(offset)
                texts.append(para)
        parsed: list[list[tuple[int, Doc]]] = [[] for _ in docs]
        batch = max(16, self.settings.batch_size * 4)
        for owner, offset, pdoc in zip(
            owners, offsets, self.nlp.pipe(texts, batch_size=batch), strict=True
        ):
            parsed[owner].append((offset, pdoc))
        return [_convert(doc, parts) for doc, parts in zip(docs, parsed, strict=True)]
