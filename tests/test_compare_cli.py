"""``govmetrics compare`` reads the latest release and prints an aligned table or CSV."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from govmetrics.cli import main
from govmetrics.compare import identify, metric_changes
from govmetrics.compare.display import cell_width, format_figure, format_number, render_table
from gold import metrics_from_gold
from govmetrics.release.tables import prepare_table, to_arrow
from schemas import Indicators, MetricChanges, MetricIdAliases, Metrics

DEV = Path(__file__).resolve().parent / "corpus" / "dev"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    """A directory holding one release whose tables come from the dev corpus gold."""
    root = tmp_path_factory.mktemp("outputs")
    result = identify(metrics_from_gold(DEV / "gold_mentions.jsonl", city="海川"), version="v2023.1")
    (root / "v2023.1").mkdir()
    aliases = pd.DataFrame([{"old_metric_id": "auto_0123456789ab", "metric_id": "civil_affairs.registered_volunteers",
                             "since_version": "v2023.1", "reason": "catalogue"}])
    for name, frame, model in (
        ("metric_changes", metric_changes(result.metrics), MetricChanges),
        ("metrics", result.metrics, Metrics),
        ("indicators", result.indicators, Indicators),
        ("metric_id_aliases", aliases, MetricIdAliases),
    ):
        pq.write_table(to_arrow(prepare_table(name, frame, model), model), root / "v2023.1" / f"{name}.parquet")
    (root / "LATEST").write_text("v2023.1\n", encoding="utf-8")
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["compare", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cells(line: str) -> list[str]:
    """The line as terminal cells: a wide character fills its first cell and leaves the second empty."""
    out: list[str] = []
    for ch in line:
        out.append(ch)
        out.extend([""] * (cell_width(ch) - 1))
    return out


def test_table_columns_line_up_in_terminal_cells(capsys, outputs):
    code, out, _ = run(capsys, "--outputs", str(outputs), "--department", "市民政局")
    assert code == 0
    lines = out.splitlines()
    header, rule, body = lines[0], lines[1], lines[2:]
    spans, pos = [], 0
    for run_ in rule.split("  "):  # the rule is one run of dashes per column, two spaces apart
        spans.append((pos, pos + len(run_)))
        pos += len(run_) + 2
    names = ["".join(cells(header)[a:b]).strip() for a, b in spans]
    assert names[:3] == ["department", "indicator", "unit"] and names[5] == "to"
    for line in body:
        c = cells(line) + [" "] * 200
        for (_, end), (nxt, _) in zip(spans, spans[1:]):
            assert c[end:nxt] == [" ", " "], line  # nothing spills into the gap between columns
        column = {n: "".join(c[a:b]).strip() for n, (a, b) in zip(names, spans)}
        assert column["department"] == "市民政局"
        assert column["to"] in {"2021", "2022", "2023"} and column["unit"]
    assert any("注册志愿者人数" in line and "conflict: text says 150万" in line for line in body)
    assert any("各类救助资金" in line and "period_mismatch" in line for line in body)


def test_department_accepts_any_name_variant_or_the_id(capsys, outputs):
    _, by_variant, _ = run(capsys, "--outputs", str(outputs), "--department", "市人社局", "--format", "csv")
    _, by_id, _ = run(capsys, "--outputs", str(outputs), "--department", "human_resources_social_security", "--format", "csv")
    assert by_variant == by_id
    frame = pd.read_csv(io.StringIO(by_id), keep_default_na=False)
    assert len(frame) > 10 and set(frame["department"]) == {"市人力资源社会保障局"}


def test_csv_has_every_column_and_exact_values(capsys, outputs):
    code, out, _ = run(capsys, "--outputs", str(outputs), "--metric", "science_technology.technology_contract_turnover", "--format", "csv")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == list(MetricChanges.to_schema().columns)
    assert set(frame["metric_id"]) == {"science_technology.technology_contract_turnover"}
    level = frame[(frame["role"] == "value") & (frame["year"] == 2023)].iloc[0]
    assert (level["previous_value"], level["value"]) == (23100000000, 26850000000)


def test_metric_text_and_years_filter_rows(capsys, outputs):
    _, out, _ = run(capsys, "--outputs", str(outputs), "--metric", "志愿者", "--years", "2022", "2023", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame["year"]) == [2023] and list(frame["previous_year"]) == [2022]
    assert frame["metric_id"].tolist() == ["civil_affairs.registered_volunteers"]
    _, out, _ = run(capsys, "--outputs", str(outputs), "--years", "2020", "2021", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    # comparisons ending in 2021: the in-text baseline, and levels whose change against 2020 is stated
    assert set(frame["year"]) == {2021} and set(frame["previous_year"]) == {2020}
    assert frame.loc[frame["previous_source"] == "in_text_baseline", "label"].tolist() == ["优质园占比"]
    assert set(frame["previous_source"]) == {"in_text_baseline", "implied_by_change"}


def test_no_match_and_no_release_are_reported(capsys, outputs, tmp_path):
    code, out, err = run(capsys, "--outputs", str(outputs), "--metric", "no.such_metric")
    assert (code, out) == (1, "") and "no comparisons match --metric no.such_metric" in err
    code, out, err = run(capsys, "--outputs", str(outputs), "--city", "青岛", "--format", "csv")
    assert (code, out) == (1, "") and "--city 青岛" in err
    code, _, err = run(capsys, "--outputs", str(tmp_path / "empty"))
    assert code == 1 and "no release" in err
    code, _, err = run(capsys, "--outputs", str(outputs), "--years", "2023", "2022")
    assert code == 2 and "earlier" in err


def test_cell_width_counts_wide_characters_twice():
    assert cell_width("abc") == 3
    assert cell_width("注册志愿者") == 10
    assert cell_width("（ａ）") == 6
    assert cell_width("e\u0301") == 1


def test_figures_are_printed_the_way_reports_print_them():
    assert format_number(23100000000) == "231亿"
    assert format_number(1630000) == "163万"
    assert format_number(6352) == "6,352"
    assert format_number(2.61) == "2.61"
    assert format_number(-1.2, signed=True) == "-1.2"
    assert format_number(20000000, signed=True) == "+2,000万"
    assert format_figure(95, "at_least") == "95以上"
    assert format_figure(28, "approx") == "约28"
    assert format_figure(1.2, "exact", "down") == "-1.2"


def test_render_table_of_nothing_is_just_the_header():
    empty = pd.DataFrame(columns=list(MetricChanges.to_schema().columns))
    assert render_table(empty).count("\n") == 2


def test_city_filters_rows(capsys, outputs):
    code, out, _ = run(capsys, "--outputs", str(outputs), "--city", "海川", "--format", "csv")
    assert code == 0 and set(pd.read_csv(io.StringIO(out))["city"]) == {"海川"}


def test_changes_of_percentages_are_marked_as_points(capsys, outputs):
    code, out, _ = run(capsys, "--outputs", str(outputs), "--metric", "education.quality_kindergarten_share")
    assert code == 0
    line = next(l for l in out.splitlines() if "2023" in l and "优质园占比" in l)
    assert "+8 pp" in line and "+12.7%" in line  # 63% -> 71%: 8 points, 12.7 per cent


def test_series_shows_every_year_of_one_indicator_single_years_included(capsys, outputs):
    code, out, _ = run(capsys, "--outputs", str(outputs), "--metric", "education.new_provincial_model_kindergartens",
                       "--series", "--format", "csv")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert frame["year"].tolist() == [2021, 2023] and frame["value"].tolist() == [9, 12]
    assert pd.isna(frame["absolute_change"].iloc[0]) and frame["absolute_change"].iloc[1] == 3
    code, out, _ = run(capsys, "--outputs", str(outputs), "--metric", "志愿者", "--series")
    assert code == 0 and "注册志愿者" in out and "2021" in out and "2023" in out
    code, _, err = run(capsys, "--outputs", str(outputs), "--series")
    assert code == 2 and "--series needs --metric" in err


def test_an_old_id_still_finds_its_indicator(capsys, outputs):
    code, out, _ = run(capsys, "--outputs", str(outputs), "--metric", "auto_0123456789ab", "--format", "csv")
    assert code == 0 and set(pd.read_csv(io.StringIO(out))["metric_id"]) == {"civil_affairs.registered_volunteers"}


def indicators(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["indicators", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_indicators_searches_ids_names_and_old_ids(capsys, outputs):
    code, out, _ = indicators(capsys, "志愿者", "--outputs", str(outputs))
    assert code == 0 and "civil_affairs.registered_volunteers" in out and "注册志愿者" in out
    code, out, _ = indicators(capsys, "VOLUNTEER", "--outputs", str(outputs), "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    assert code == 0 and "civil_affairs.registered_volunteers" in set(frame["metric_id"])
    assert list(frame.columns) == list(Indicators.to_schema().columns)
    code, out, _ = indicators(capsys, "auto_0123456789ab", "--outputs", str(outputs))
    assert code == 0 and "civil_affairs.registered_volunteers (was auto_0123456789ab)" in out
    code, out, _ = indicators(capsys, "--department", "市司法局", "--outputs", str(outputs), "--format", "csv")
    assert code == 0 and set(pd.read_csv(io.StringIO(out))["department_id"]) == {"justice"}


def test_indicators_without_match_or_release_exit_1(capsys, outputs, tmp_path):
    code, out, err = indicators(capsys, "没有这个指标", "--outputs", str(outputs))
    assert (code, out) == (1, "") and "no indicator matches" in err
    code, out, err = indicators(capsys, "--outputs", str(tmp_path / "none"))
    assert (code, out) == (1, "") and "no release" in err
