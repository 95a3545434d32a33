"""Reading the pipeline's tables: Parquet before CSV, typed dates and counts, missing files as empty frames."""

from __future__ import annotations

import pandas as pd

from analysis.tabulate.tables import TABLE_COLUMNS, coerce_table, load_tables, make_tables


def test_missing_files_give_empty_frames_with_all_columns(tmp_path):
    tables = load_tables(tmp_path / "does-not-exist")
    for name in ("events", "mentions", "tallies", "articles"):
        frame, columns = getattr(tables, name), TABLE_COLUMNS[name]
        assert frame.empty
        assert list(frame.columns[: len(columns)]) == list(columns)
    assert pd.api.types.is_datetime64_any_dtype(tables.events["date_low"])
    assert str(tables.events["count_low"].dtype) == "Int64"


def test_csv_is_typed_and_blank_cells_are_empty_strings(tmp_path):
    (tmp_path / "events.csv").write_text(
        "event_id,event_type,place,date_low,date_high,count_low,latitude,evidence\n"
        "e1,troops_fled,Tajikistan,2021-07-05,2021-07-07,1000,38.5,\"Soldiers crossed the Panj river, a border guard said.\"\n"
        "e2,capital_entered,Farah,,2021-08,,,\n"
        "e3,capital_entered,Ghazni,not a date,2021-08-12,twelve,north,\n",
        encoding="utf-8")
    (tmp_path / "articles.csv").write_text("article_id,published,status\na1,2021-08-10,ok\n", encoding="utf-8")
    tables = load_tables(tmp_path)
    ev = tables.events
    assert ev["date_low"].tolist()[0] == pd.Timestamp("2021-07-05")
    assert pd.isna(ev["date_low"][1]) and pd.isna(ev["date_low"][2])
    assert ev["date_high"][1] == pd.Timestamp("2021-08-01")
    assert ev["count_low"][0] == 1000 and pd.isna(ev["count_low"][2])
    assert ev["latitude"][0] == 38.5 and pd.isna(ev["latitude"][2])
    assert ev["evidence"].tolist() == ["Soldiers crossed the Panj river, a border guard said.", "", ""]
    assert ev["status"].tolist() == ["", "", ""]
    assert tables.articles["published"][0] == pd.Timestamp("2021-08-10")
    assert tables.mentions.empty and tables.tallies.empty


def test_parquet_is_preferred_over_csv(tmp_path):
    pd.DataFrame({"article_id": ["csv"], "date": ["2021-07-01"]}).to_csv(tmp_path / "tallies.csv", index=False)
    pd.DataFrame({"article_id": ["parquet"], "date": pd.to_datetime(["2021-07-02"]), "count_low": [150]}).to_parquet(
        tmp_path / "tallies.parquet", index=False)
    tallies = load_tables(tmp_path).tallies
    assert tallies["article_id"].tolist() == ["parquet"]
    assert tallies["date"][0] == pd.Timestamp("2021-07-02")
    assert tallies["count_low"][0] == 150


def test_make_tables_and_coerce_accept_partial_frames():
    tables = make_tables(events=pd.DataFrame({"event_id": ["x"], "count_high": [3.0]}))
    assert tables.events["count_high"][0] == 3
    assert tables.events["place"][0] == ""
    assert tables.articles.empty
    assert coerce_table(pd.DataFrame({"extra": [1]}), "tallies").columns[-1] == "extra"


def test_only_the_named_article_columns_are_read_from_csv_and_parquet(tmp_path):
    from analysis.tabulate.tables import REPORTED_ARTICLE_COLUMNS

    frame = pd.DataFrame({"article_id": ["a1", "a2"], "path": ["x/a1.txt", "x/a2.txt"], "status": ["ok", "skipped: empty"],
                          "outlet": ["Wire", ""], "dateline": ["KABUL", "HERAT"], "encoding": ["utf-8", "cp1252"]})
    csv_dir, parquet_dir = tmp_path / "csv", tmp_path / "parquet"
    csv_dir.mkdir()
    parquet_dir.mkdir()
    frame.to_csv(csv_dir / "articles.csv", index=False)
    frame.to_parquet(parquet_dir / "articles.parquet", index=False)
    for folder in (csv_dir, parquet_dir):
        articles = load_tables(folder, article_columns=REPORTED_ARTICLE_COLUMNS).articles
        assert list(articles.columns) == TABLE_COLUMNS["articles"]  # every column present, the unread ones empty
        assert articles["status"].tolist() == ["ok", "skipped: empty"]
        assert articles["outlet"].tolist() == ["Wire", ""]
        assert articles["dateline"].tolist() == ["", ""] and articles["encoding"].tolist() == ["", ""]
        assert load_tables(folder).articles["dateline"].tolist() == ["KABUL", "HERAT"]


def _articles_frame(n: int) -> pd.DataFrame:
    """n articles: every third skipped, every fourth with a warning, published over a week, ids out of order."""
    return pd.DataFrame({
        "article_id": [f"a{(i * 7) % n:03d}" for i in range(n)],
        "path": [f"p{i}.txt" for i in range(n)],
        "published": [f"2021-08-{10 + i % 7:02d}" for i in range(n)],
        "status": ["skipped: empty" if i % 3 == 0 else "ok" for i in range(n)],
        "outlet": ["Wire" if i % 2 else "Daily" for i in range(n)],
        "warnings": ["encoding guessed" if i % 4 == 0 else "" for i in range(n)],
    })


def test_article_digest_read_in_chunks_equals_the_views_of_the_whole_table(tmp_path):
    from analysis.present import views
    from analysis.tabulate.tables import read_table, write_tables

    frame = _articles_frame(50)
    write_tables({"articles": coerce_table(frame, "articles")}, tmp_path, parquet=True)
    whole = read_table(tmp_path, "articles")
    digest = views.article_digest(tmp_path, limit=12, chunk=7)
    assert digest.n_articles == 50 and digest.n_warnings == 13
    assert digest.status_counts.to_dict("list") == {"status": ["ok", "skipped: empty"], "files": [33, 17]}
    assert digest.status_counts.equals(views.status_counts(whole))
    assert digest.overview.equals(views.articles_overview(whole).head(12))
    assert digest.overview["status"].tolist() == ["ok"] * 12  # read articles first, then the skipped ones
    assert digest.warnings.equals(views.article_warnings(whole).head(12))
    assert digest.shown_note() == ("Shown below: the first 12 of 50 articles and the first 12 of 13 articles with "
                                   "warnings; articles.csv has them all.")
    (tmp_path / "articles.parquet").unlink()  # the CSV alone gives the same digest
    assert views.article_digest(tmp_path, limit=12, chunk=7).overview.equals(digest.overview)
    small = views.article_digest(tmp_path, limit=100, chunk=7)
    assert len(small.overview) == 50 and small.shown_note() == "Every article and every warning is listed below."
    assert views.article_digest(tmp_path / "none").n_articles == 0
