"""Incident records: validation, dates, seeds, and the ACLED / UCDP / GeoJSON / GPKG / JSONL files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from geo_deconflict.errors import CoordinateError, IncidentError, InputFileError
from geo_deconflict.incidents._values import parse_date
from geo_deconflict.incidents.model import KINDS, Incident
from geo_deconflict.incidents.read import load_incidents, seed_incidents, seeds_dir
from geo_deconflict.incidents.write import write_incidents

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
                "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
                "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
                "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,"
                "timestamp,my_extra_column")
OLD_HEADER = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,"
              "event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
              "interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,"
              "geo_precision,source,source_scale,notes,fatalities,timestamp,iso3")


def acled_row(ident, date, lat, lon, *, tp=1, prec=1, notes="Clash reported.", location="Manbij"):
    return (f'{ident},{date},2017,{tp},Political violence,Battles,Armed clash,'
            f'Military Forces of Turkey (2016-),Syrian National Army,8,SDF,,2,28,,760,'
            f'Middle East,Syria,Aleppo,Menbij,Menbij,{location},{lat},{lon},{prec},'
            f'Anadolu Agency; SOHR,National-International,"{notes}",2,,1600000000,whatever')


@pytest.fixture(scope="module")
def seeds():
    return seed_incidents()


@pytest.fixture(scope="module")
def gold(seeds_dir):
    with (seeds_dir / "incidents.jsonl").open(encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, f)}


# ------------------------------------------------------------------ record and dates

@pytest.mark.parametrize(("text", "expected"), [
    ("2017-09-16", (dt.date(2017, 9, 16), dt.date(2017, 9, 16), "day")),
    ("2017-02", (dt.date(2017, 2, 1), dt.date(2017, 2, 28), "month")),
    ("2016", (dt.date(2016, 1, 1), dt.date(2016, 12, 31), "year")),
    ("2017-09-08/2017-09-12", (dt.date(2017, 9, 8), dt.date(2017, 9, 12), "range")),
    ("2017-09-15/2017-09", (dt.date(2017, 9, 15), dt.date(2017, 9, 30), "range")),
    (None, (None, None, None)),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2017-13-01", "16/09/2017", "2017-02-30", "2017-09-12/2017-09-08",
                                  "yesterday"])
def test_parse_date_rejects_and_names_the_value(text):
    with pytest.raises(IncidentError, match=text.replace("/", ".")[:7]):
        parse_date(text)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"longitude": 38.0, "latitude": 91.0}, CoordinateError, "latitude 91.0"),
    ({"longitude": 181.0, "latitude": 35.0}, CoordinateError, "longitude 181.0"),
    ({"longitude": 38.0}, CoordinateError, "both"),
    ({"geo_precision": 4}, IncidentError, "geo_precision"),
    ({"event_date": dt.date(2017, 9, 2), "date_end": dt.date(2017, 9, 1)}, IncidentError, "before"),
    ({"fatalities": -1}, IncidentError, "fatalities"),
    ({"id": " "}, IncidentError, "id"),
])
def test_incident_validates_itself(kwargs, error, match):
    with pytest.raises(error, match=match):
        Incident(**{"id": "x", **kwargs})


def test_kind_fills_acled_types_and_actors_roles():
    inc = Incident(id="k", kind="request_refused", actors=("Russia", "US-led coalition", "ISIS"))
    assert (inc.event_type, inc.sub_event_type) == KINDS["request_refused"]
    assert (inc.actor1, inc.actor2) == ("Russia", "US-led coalition")
    assert inc.event_date is None and inc.date_label == "undated" and inc.time_precision is None


# ------------------------------------------------------------------ seeds

def test_seeds_cover_the_annotated_incidents(seeds, gold):
    ids = [i.id for i in seeds]
    assert len(ids) == len(set(ids)) == len(gold) - 1
    assert set(gold) - set(ids) == {"001-E7"}  # the unrelated 'see also' teaser


def test_seed_facts_match_the_annotations(seeds, gold):
    for inc in seeds:
        g = gold[inc.id]
        assert (inc.longitude, inc.latitude) == (g["lon"], g["lat"]), inc.id
        assert inc.geo_precision == g["geo_precision"], inc.id
        assert (inc.event_date, inc.date_end, inc.date_precision) == parse_date(g["date"]), inc.id
        assert inc.kind == g["event_type"] and list(inc.actors) == g["actors"], inc.id
        assert inc.casualties == g["casualties"], inc.id
        assert inc.provenance.doc == g["doc"] and inc.provenance.start == g["place_start"]


def test_seed_summaries_are_our_own_words(seeds, gold, seeds_dir):
    articles = {d: (seeds_dir / f"{d}.txt").read_text(encoding="utf-8") for d in
                ("000", "001", "002", "003", "004")}
    for inc in seeds:
        theirs = gold[inc.id]["summary_en"]
        assert inc.summary and inc.summary != theirs, inc.id
        # no run of 5 words in common with the annotation's wording ...
        words = theirs.split()
        shingles = {" ".join(words[k:k + 5]) for k in range(len(words) - 4)}
        assert not [s for s in shingles if s in inc.summary], inc.id
        # ... and nothing quoted from the (Arabic) report
        assert not any(ord(ch) > 0x600 for ch in inc.summary), inc.id
        assert inc.place_ar is None or inc.place_ar not in inc.summary
        assert articles[inc.provenance.doc]


def test_seed_sources_cite_outlet_and_date(seeds):
    expected = {"000": ("CNN Arabic", "2018-01-08"), "002": ("AFP", "2017-09-17"),
                "001": (None, "2016-05-20"), "003": (None, "2017-03-15"),
                "004": (None, "2017-09-24")}
    for inc in seeds:
        outlet, date = expected[inc.provenance.doc]
        (src,) = inc.sources
        assert src.date == date and (outlet is None or src.outlet == outlet), inc.id


def test_seed_zones_file():
    from geo_deconflict.zones.spec import load_spec

    ours = [json.loads(line) for line in (seeds_dir() / "zones.jsonl").read_text(
        encoding="utf-8").splitlines()]
    spec_ids = {z["id"] for z in load_spec()["zones"]}
    assert len(ours) == 10
    for z in ours:
        assert set(z["spec_zones"]) <= spec_ids, z["id"]
        assert z["sources"][0]["date"] and z["provenance"]["end"] > z["provenance"]["start"]
        assert "evidence_surface" not in z  # offsets only: no text from the report


# ------------------------------------------------------------------ files: round trips

@pytest.mark.parametrize("name", ["seeds.jsonl", "seeds.geojson", "seeds.gpkg"])
def test_lossless_round_trip(seeds, tmp_path, name):
    write_incidents(seeds, tmp_path / name)
    result = load_incidents(tmp_path / name)
    assert result.skipped == []
    assert result.incidents == seeds


@pytest.mark.parametrize("fmt", ["acled", "acled-2022", "ucdp"])
def test_csv_round_trip_keeps_the_fields_the_format_has(seeds, tmp_path, fmt):
    path = tmp_path / f"{fmt}.csv"
    write_incidents(seeds, path, format=fmt)
    back = {i.id.removeprefix("ucdp-"): i for i in load_incidents(path).incidents}
    assert len(back) == len(seeds)
    for inc in seeds:
        other = back[inc.id]
        assert (other.longitude, other.latitude) == pytest.approx((inc.longitude, inc.latitude))
        assert other.actors[:2] == inc.actors[:2]
        if fmt != "ucdp":
            assert other.actors == inc.actors and other.kind == (inc.kind if fmt == "acled" else None)
            assert other.event_type == inc.event_type and other.summary == inc.summary
            assert other.geo_precision == inc.geo_precision
        if inc.date_precision == "day":
            assert other.event_date == inc.event_date
        elif inc.event_date is not None:  # coarser dates come back as a span holding the middle
            assert other.event_date <= inc.event_date + (inc.date_end - inc.event_date) / 2 <= other.date_end


def test_acled_current_layout_with_extra_column(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("\n".join([ACLED_HEADER, acled_row("SYR1", "2017-03-02", 36.528, 37.955),
                               acled_row("SYR2", "16 September 2017", 35.33, 40.14, tp=3, prec=2)]),
                    encoding="utf-8")
    first, second = load_incidents(path).incidents
    assert first.actors == ("Military Forces of Turkey (2016-)", "SDF", "Syrian National Army")
    assert first.sources[1].outlet == "SOHR" and first.fatalities == 2
    assert first.provenance.row == 2
    assert (second.event_date, second.date_end, second.date_precision) == (
        dt.date(2017, 9, 1), dt.date(2017, 9, 30), "month")
    assert second.geo_precision == 2


def test_acled_pre_2023_layout(tmp_path):
    path = tmp_path / "old.csv"
    row = ("1,760,SYR9,9,15 March 2017,2017,1,Strategic developments,Agreement,"
           "Government of Russia,,1,Government of the United States,,1,11,Middle East,Syria,"
           "Aleppo,Menbij,Menbij,Manbij,36.5281,37.9549,1,Reuters,International,"
           '"Officers, meeting, ""quoted"".",0,1600000000,SYR')
    path.write_text(OLD_HEADER + "\n" + row + "\n", encoding="utf-8")
    (inc,) = load_incidents(path).incidents
    assert inc.id == "SYR9" and inc.event_date == dt.date(2017, 3, 15)
    assert inc.summary == 'Officers, meeting, "quoted".'
    assert inc.sub_event_type == "Agreement" and inc.place == "Manbij"


def test_ucdp_ged(tmp_path):
    from geo_deconflict.incidents.tabular import UCDP_COLUMNS

    values = dict.fromkeys(UCDP_COLUMNS, "")
    values.update(id="123", type_of_violence="3", side_a="IS", side_b="Civilians",
                  where_prec="4", latitude="35.33", longitude="40.14", adm_1="Dayr az Zawr",
                  date_start="2017-09-16 00:00:00.000", date_end="2017-09-18 00:00:00.000",
                  best="7", source_office="Reuters;SOHR", source_date="2017-09-19",
                  country="Syria", where_coordinates="Dayr az Zawr governorate")
    path = tmp_path / "ged.csv"
    path.write_text(",".join(UCDP_COLUMNS) + "\n" + ",".join(values.values()) + "\n",
                    encoding="utf-8")
    (inc,) = load_incidents(path).incidents
    assert (inc.id, inc.event_type, inc.geo_precision, inc.fatalities) == (
        "ucdp-123", "Violence against civilians", 3, 7)
    assert (inc.event_date, inc.date_end, inc.date_precision) == (
        dt.date(2017, 9, 16), dt.date(2017, 9, 18), "range")
    assert inc.sources[0].date == "2017-09-19" and inc.actors == ("IS", "Civilians")


# ------------------------------------------------------------------ files: errors and skips

@pytest.mark.parametrize(("row", "match"), [
    (acled_row("SYR3", "2017-13-45", 36.5, 37.9), "row 3: bad event_date '2017-13-45'"),
    (acled_row("SYR3", "2017-03-03", 95.0, 37.9), "row 3: incident 'SYR3': latitude 95.0"),
    (acled_row("SYR3", "2017-03-03", "north", 37.9), "row 3: incident 'SYR3': latitude 'north'"),
])
def test_bad_value_reported_with_row_number(tmp_path, row, match):
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([ACLED_HEADER, acled_row("SYR1", "2017-03-02", 36.5, 37.9), row]),
                    encoding="utf-8")
    with pytest.raises(InputFileError, match=match.replace("(", r"\(")):
        load_incidents(path)
    result = load_incidents(path, on_error="skip")
    assert [i.id for i in result.incidents] == ["SYR1"]
    (skip,) = result.skipped
    assert skip.row == 3 and skip.id == "SYR3" and str(skip).startswith(f"{path} row 3 (SYR3)")


def test_records_without_coordinates_are_located_or_listed(tmp_path):
    path = tmp_path / "drafts.jsonl"
    lines = [{"id": "a", "date": "2017-03", "place": "منبج", "kind": "meeting"},
             {"id": "b", "place": "Deir ez-Zor Governorate"},
             {"id": "c", "place": "Nowhereville"},
             {"id": "e", "place": "Deir ez-Zor"},  # a bare shared name: the city, not the governorate
             {"id": "d", "summary": "no place at all"}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    result = load_incidents(path)
    located = {i.id: i for i in result.incidents}
    assert located["a"].geo_precision == 1 and located["a"].latitude == pytest.approx(36.53, abs=0.01)
    assert located["b"].geo_precision == 3 and "gov:SY-DY" in located["b"].notes
    assert located["e"].latitude == pytest.approx(35.336, abs=0.01) and "gn:170794" in located["e"].notes
    assert [(s.id, s.row) for s in result.skipped] == [("c", 3), ("d", 5)]
    assert "Nowhereville" in result.skipped[0].reason and "no place" in result.skipped[1].reason


def test_duplicate_ids_and_unknown_layouts(tmp_path, seeds):
    write_incidents(seeds[:2], tmp_path / "a.jsonl")
    with pytest.raises(InputFileError, match="duplicate incident id '000-E1'"):
        load_incidents([tmp_path / "a.jsonl", tmp_path / "a.jsonl"])
    (tmp_path / "x.csv").write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="unknown CSV layout"):
        load_incidents(tmp_path / "x.csv")
    with pytest.raises(InputFileError, match="not found"):
        load_incidents(tmp_path / "missing.csv")
    (tmp_path / "x.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputFileError, match="extension"):
        load_incidents(tmp_path / "x.txt")


def test_reads_the_development_annotations_directly(seeds_dir):
    result = load_incidents(seeds_dir / "incidents.jsonl")
    assert len(result.incidents) == 50 and not result.skipped
    by_id = {i.id: i for i in result.incidents}
    assert by_id["002-E3"].casualties == 6 and by_id["002-E3"].kind == "airstrike"


def test_shipped_seeds_are_found():
    assert (seeds_dir() / "README.md").is_file()
    fields = {f.name for f in dataclasses.fields(Incident)}
    assert {"event_date", "event_type", "sub_event_type", "latitude", "longitude",
            "geo_precision", "fatalities", "summary", "provenance"} <= fields


def test_renamed_changes_only_the_id():
    from geo_deconflict.errors import IncidentError
    from geo_deconflict.incidents.model import Incident

    inc = Incident(id="a", actors=("Russia", "SDF"), longitude=40.1, latitude=35.3,
                   kind="airstrike", fatalities=3)
    other = inc.renamed("b-D1")
    assert other.id == "b-D1" and inc.id == "a"
    assert other.to_dict() | {"id": "a"} == inc.to_dict()
    with pytest.raises(IncidentError, match="non-empty id"):
        inc.renamed(" ")
