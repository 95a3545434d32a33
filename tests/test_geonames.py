"""District centres from GeoNames (analysis/data/district_centres.csv, made by scripts/geonames_centres.py)."""

from __future__ import annotations

import csv
import subprocess
import sys

from analysis.extract.gazetteer import CENTRES_CSV, load_gazetteer
from analysis.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))
from geonames_centres import distance_km, render, match_rows  # noqa: E402


def rows() -> list[dict[str, str]]:
    with open(CENTRES_CSV, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_centres_file_is_what_the_script_makes_from_geonames() -> None:
    fresh, n_districts = match_rows()
    assert CENTRES_CSV.read_text(encoding="utf-8") == render(fresh)
    assert n_districts == len(load_gazetteer().of_type("district"))


def test_check_flag_reports_an_up_to_date_file() -> None:
    done = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "geonames_centres.py"), "--check"],
                          capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    assert "districts matched in GeoNames" in done.stderr


def test_every_centre_lies_in_its_province_near_its_capital() -> None:
    gaz = load_gazetteer()
    for row in rows():
        district = gaz.by_id(row["place_id"])
        assert district.place_type == "district" and district.province == row["province"]
        capital = gaz.capital_of(district.province)
        km = distance_km(float(row["latitude"]), float(row["longitude"]), capital.latitude, capital.longitude)
        assert km < 250, f"{row['name']} ({row['province']}) lies {km:.0f} km from {capital.name}"
        assert row["licence"] == "CC BY 4.0" and row["geonameid"].isdigit()


def test_gazetteer_districts_carry_geonames_coordinates_and_licence() -> None:
    gaz = load_gazetteer()
    matched = {row["place_id"]: row for row in rows()}
    assert len(matched) >= 170
    for place_id, row in matched.items():
        place = gaz.by_id(place_id)
        assert (place.latitude, place.longitude) == (float(row["latitude"]), float(row["longitude"]))
        assert f"geonameid {row['geonameid']} (CC BY 4.0)" in gaz.source(place_id)
    with_coordinates = [d for d in gaz.of_type("district") if d.latitude is not None]
    assert len(with_coordinates) >= len(matched)
