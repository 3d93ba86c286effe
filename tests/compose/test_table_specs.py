"""The table engine: built-in specs, a kit's partial override, the reference syntax and the bounds."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.document import Table
from drafter.compose.table_refs import RefError, compile_template, render, render_compiled
from drafter.compose.table_spec import builtin_table_names, load_table_spec
from drafter.errors import KitError
from drafter.limits import MAX_LABEL_NESTING
from drafter.pipeline import prepare

from conftest import EXAMPLES, ROOT

OVERRIDE = ROOT / "tests" / "kits" / "table-override"
EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


def tables(draft) -> dict[str, Table]:
    return {b.key: b for b in draft.document.blocks if isinstance(b, Table)}


def texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def test_the_three_hunan_tables_are_builtin_specs():
    assert {"base_data", "overall_evaluation", "project_evaluation"} <= set(builtin_table_names())
    for name in ("base_data", "overall_evaluation", "project_evaluation"):
        spec, path = load_table_spec(name)
        assert path.parent.name == "tables" and spec.rows


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_number_cell_of_a_table_is_a_tagged_figure(example):
    for table in tables(prepare(example)).values():
        for row in table.rows:
            for cell in row:
                for run in cell.runs:
                    if run.key:
                        assert run.text and run.label, (table.key, run)
        money = next(r for r in table.rows if r[1].text in ("年度资金总额",)) if table.key != "table.1-1" else None
        if money:  # 年初预算数 … 得分: six figures, each with its registry key
            assert all(c.runs and c.runs[0].key for c in money[2:])


def test_a_kit_adds_a_column_to_1_2_and_renames_two_rows_of_1_1_in_under_fifteen_lines():
    lines = [line for f in (OVERRIDE / "tables").glob("*.yaml")
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) < 15
    builtin = tables(prepare(EXAMPLE))
    changed = tables(prepare(EXAMPLE, kit=str(OVERRIDE)))
    first = [row[0] for row in texts(changed["table.1-1"])]
    assert "1、公务用车购置及运行维护费" in first and "3、公务接待费" in first
    assert "1、公务用车购置和维护经费" not in first and "3、公务接待" not in first
    assert len(first) == len(builtin["table.1-1"].rows)
    t = changed["table.1-2"]
    assert t.widths == [*builtin["table.1-2"].widths, 12]
    assert all(sum(c.span for c in row) == 10 for row in t.rows)  # every row fills the wider grid
    header = texts(t)[t.repeat_row]
    assert header[-2:] == ["偏差原因分析及改进措施", "调整得分理由"]
    assert t.rows[-1][-1].span == 2 and t.rows[-1][-1].text == "等级：良"  # rows without a new cell widen their last
    assert texts(t)[0] == texts(builtin["table.1-2"])[0] and t.rows[0][-1].span == 9


def test_the_added_column_carries_each_indicators_field(tmp_path):
    data = EXAMPLE.read_text(encoding="utf-8").replace(
        "deviation: 部分小区业主意见分歧较大", "score_reason: 按进度扣分\n    deviation: 部分小区业主意见分歧较大", 1)
    assert "score_reason" in data
    path = tmp_path / "in.yaml"
    path.write_text(data, encoding="utf-8")
    rows = texts(tables(prepare(path, kit=str(OVERRIDE)))["table.1-2"])
    assert ["部分小区业主意见分歧较大，自治组织未能如期成立。", "按进度扣分"] in [r[-2:] for r in rows]


def test_references_walk_only_the_data_the_engine_built():
    scope = {"unit": {"name": "某单位"}, "label": {"x": "{unit.name}年"}}
    assert render("{unit.name}（{label.x}）", scope, "{year}", nested=True) == "某单位（某单位年）"
    for bad in ("{unit.__class__}", "{unit.name.upper}", "{__import__}", "{unit.name()}", "{unit.name:exec}", "{"):
        with pytest.raises(RefError):
            render(bad, scope, "")
    assert render("{{字面}}", scope, "") == "{字面}"


def test_a_compiled_template_renders_as_the_template_and_reports_the_first_problem_in_order():
    scope = {"unit": {"name": "某单位", "year": 2023}, "label": {"x": "{unit.name}年"}}
    template = "{{{unit.name}}}：{unit.year}{label.x}，{{完}}"
    parts = compile_template(template)
    expected = "{某单位}：2023某单位年，{完}"
    assert render_compiled(parts, scope, "", True) == render(template, scope, "", True) == expected
    other = {**scope, "unit": {"name": "另一单位", "year": 2024}}
    assert render_compiled(parts, other, "", True).startswith("{另一单位}：2024")
    with pytest.raises(RefError, match=r"未知的引用“\{nope\}”"):  # met first, as before compiling
        render("{nope}{unit.name:exec}", scope, "")
    bad = compile_template("{unit.name}{unit.name:exec}")  # kept, raised only when rendering reaches it
    for _ in range(2):
        with pytest.raises(RefError, match="格式“exec”未知"):
            render_compiled(bad, scope, "")
    with pytest.raises(RefError, match="花括号不成对"):
        compile_template("{unit.name")


def test_labels_inside_labels_render_to_their_words():
    scope = {"unit": {"name": "某单位"}, "year": 2024,
             "label": {"a": "{label.b}（{year}年）", "b": "{label.c}合计", "c": "{unit.name}"}}
    assert render("{label.a}", scope, "", nested=True) == "某单位合计（2024年）"
    assert render("{label.a}", scope, "") == "{label.b}（{year}年）"  # nested=False: the words as written


def test_a_label_cycle_or_too_deep_labels_are_one_chinese_message():
    cycle = {"label": {"a": "{label.b}", "b": "x{label.a}"}}
    with pytest.raises(RefError, match=r"标签“a”经由 \{label\.…\} 引用了自己"
                                       r"（\{label\.a\} → \{label\.b\} → \{label\.a\}）"):
        render("{label.a}", cycle, "", nested=True)
    deep = {"label": {f"l{n}": f"{{label.l{n + 1}}}" for n in range(6)} | {"l6": "底"}}
    with pytest.raises(RefError, match=f"标签层层相套超过 {MAX_LABEL_NESTING} 层"):
        render("{label.l0}", deep, "", nested=True)
    deep["label"]["l0"] = "{label.l4}"  # l0 → l4 → l5 → l6: four labels deep, the bound
    assert render("{label.l0}", deep, "", nested=True) == "底"


def write_kit(tmp_path: Path, spec: str, name: str = "overall_evaluation") -> Path:
    kit = tmp_path / "kit"
    (kit / "tables").mkdir(parents=True)
    (kit / "kit.yaml").write_text((OVERRIDE / "kit.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (kit / "tables" / f"{name}.yaml").write_text(spec, encoding="utf-8")
    return kit


def test_a_kits_labels_inside_labels_print_as_words(tmp_path):
    kit = write_kit(tmp_path, "extends: base_data\nlabels:\n  car: '1、{label.vehicles}'\n"
                              "  vehicles: '{label.official}车辆购置及运行费'\n  official: 公务用\n", "base_data")
    rows = texts(tables(prepare(EXAMPLE, kit=str(kit)))["table.1-1"])
    assert "1、公务用车辆购置及运行费" in [row[0] for row in rows]
    assert not any("{" in text or "}" in text for row in rows for text in row)


def test_a_broken_spec_is_refused_with_its_file_and_place(tmp_path):
    kit = write_kit(tmp_path, "extends: overall_evaluation\nadd_columns:\n  - {width: 5, cells: {nope: x}}\n")
    with pytest.raises(KitError, match=r"overall_evaluation\.yaml 第3行：add_columns\[1\]\.cells 中的行“nope”不存在"):
        prepare(EXAMPLE, kit=str(kit))


def test_a_reference_in_a_branch_no_input_reaches_is_refused_before_rendering(tmp_path):
    spec = (ROOT / "templates" / "tables" / "base_data.yaml").read_text(encoding="utf-8")
    kit = write_kit(tmp_path, spec.replace("{building.actual_area:area}", "{building.actual_aera:area}"), "base_data")
    with pytest.raises(KitError, match=r"rows\[11\]\.rows\[1\]\.rows\[1\]\.cells\[3\]\.text：未知的引用"
                                       r"“\{building\.actual_aera:area\}”（building中没有“actual_aera”"):
        prepare(EXAMPLE, kit=str(kit))


def test_a_table_longer_than_the_row_bound_is_refused(monkeypatch):
    import drafter.compose.table_engine as engine

    monkeypatch.setattr(engine, "MAX_TABLE_ROWS", 10)
    with pytest.raises(KitError, match="表格超过 10 行"):
        prepare(EXAMPLE)


def test_readme_kit_documents_every_table_spec_key_reference_and_format():
    from drafter.compose import table_spec as ts
    from drafter.compose.table_check import root_shapes
    from drafter.compose.table_refs import FORMATS

    text = (ROOT / "templates" / "kits" / "README.kit.md").read_text(encoding="utf-8").split("## 表格", 1)[1]
    models = (ts.TableSpec, ts.TableOverride, ts.CellSpec, ts.RowSpec, ts.EachSpec, ts.GroupSpec,
              ts.ParagraphSpec, ts.BlockSpec, ts.AddColumn, ts.Condition)
    keys = {f.alias or name for m in models for name, f in m.model_fields.items()}
    missing = sorted(k for k in keys | set(FORMATS) | set(root_shapes({}, {})) if f"`{k}`" not in text
                     and f"{k}:" not in text)
    assert not missing, missing


def test_nested_repeats_that_print_nothing_are_still_bounded(tmp_path, monkeypatch):
    import drafter.compose.table_engine as engine

    inner = "{each: projects, as: p%d, rows: [%s]}"
    rows = "{when: {public: true, not: true}, rows: []}"
    for depth in range(6):
        rows = inner % (depth, rows)
    kit = write_kit(tmp_path, f"extends: overall_evaluation\nrows:\n  - {rows}\n  - {{cells: [{{span: 9}}]}}\n")
    monkeypatch.setattr(engine, "MAX_TABLE_STEPS", 1000)
    with pytest.raises(KitError, match="工作量超过上限（1000 步）"):
        prepare(EXAMPLES / "shili-2024.yaml", kit=str(kit))


def test_a_spec_is_read_once_per_file_version(tmp_path):
    import os

    kit = write_kit(tmp_path, "extends: overall_evaluation\nlabels: {}\n")
    first, path = load_table_spec("overall_evaluation", kit)
    assert load_table_spec("overall_evaluation", kit)[0] is first  # same file version: the shared spec
    path.write_text("extends: overall_evaluation\ncolumns: [1, 1, 1, 1, 1, 1, 1, 1, 1]\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed, _ = load_table_spec("overall_evaluation", kit)
    assert changed is not first and changed.columns == [1] * 9


def test_table_text_is_bounded_while_rendering(tmp_path):
    """Issue 18 attack: a 600,000-character label in three nested `each: projects` ran for minutes."""
    from drafter.limits import MAX_TABLE_CHARS

    cell = "{cells: [{text: '{label.big}', span: 9}]}"
    rows = cell
    for name in "cba":
        rows = f"{{each: projects, as: {name}, rows: [{rows}]}}"
    kit = write_kit(tmp_path, f"extends: overall_evaluation\nlabels: {{big: {'长' * 600_000}}}\nrows:\n  - {rows}\n")
    with pytest.raises(KitError, match=f"表格文字合计超过上限（{MAX_TABLE_CHARS} 个字符）"):
        prepare(EXAMPLES / "shili-2024.yaml", kit=str(kit))


def test_static_check_names_every_bad_reference_of_a_text_and_never_an_empty_hint():
    from drafter.compose.table_check import ref_problems
    from drafter.compose.table_spec import TableSpec

    spec = TableSpec.model_validate({"columns": [1], "rows": [{"cells": ["{year.x} {unit.nmae} {goal.expected}"]}]})
    problems = ref_problems(spec, {})
    assert len(problems) == 2, problems
    assert problems[0] == "rows[1].cells[1].text：未知的引用“{year.x}”（year中没有“x”；“year”是一个值，没有下一级字段）"
    assert "unit中没有“nmae”；可用：" in problems[1] and all("可用：）" not in p for p in problems)


def test_a_spec_is_checked_once_per_version_and_a_broken_one_every_time(tmp_path):
    """A batch worker checks each spec once (compose/tables.checked_spec); an edited file is checked afresh, and a
    broken one is never kept as checked."""
    import os

    from drafter.compose.tables import checked_spec, load_table_labels
    from drafter.kits.spec import load_kit

    kit = write_kit(tmp_path, "extends: overall_evaluation\nlabels: {}\n")
    labels = load_table_labels(load_kit(str(kit)))
    first = checked_spec("overall_evaluation", kit, labels)
    assert checked_spec("overall_evaluation", kit, labels) is first
    path = kit / "tables" / "overall_evaluation.yaml"
    path.write_text("extends: overall_evaluation\nadd_columns:\n  - {width: 5, cells: {nope: x}}\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    for _ in range(2):
        with pytest.raises(KitError, match="nope"):
            checked_spec("overall_evaluation", kit, labels)


def test_labels_that_multiply_are_refused_while_expanding_in_render_and_kit_check(tmp_path):
    """Four labels each naming the one below 300 times expand to 300⁴ characters: render stops at MAX_TABLE_CHARS
    while expanding, and kit check's static passes visit each label once (they used to expand it all: >4 GB)."""
    from drafter.review.kit_check import check_kit, sample_inputs

    words = {"l1": "甲" * 300, **{f"l{n}": f"{{label.l{n - 1}}}" * 300 for n in (2, 3, 4)}}
    labels = "".join(f'  {k}: "{v}"\n' for k, v in words.items())
    kit = write_kit(tmp_path,
                    f'columns: [1, 1]\nlabels:\n{labels}rows:\n  - name: h\n    cells: ["{{label.l4}}", "b"]\n',
                    name="base_data")
    with pytest.raises(KitError, match="文字展开后超过上限"):
        prepare(EXAMPLE, kit=str(kit))
    problems = [p for p in check_kit(str(kit), sample_inputs()) if p.severity == "error"]
    assert problems and all("文字展开后超过上限" in p.message for p in problems)


def test_a_text_of_labels_only_is_rendered_once_and_never_where_a_name_shadows_the_labels():
    from drafter.compose.table_engine import TableEngine
    from drafter.compose.table_spec import load_table_spec
    from drafter.compose.tables import load_table_labels
    from drafter.kits.spec import load_kit

    spec, path = load_table_spec("base_data")
    engine = TableEngine(prepare(EXAMPLE).derived, spec, path, load_table_labels(load_kit()), "")
    engine.words.update({"word": "固定{label.official}", "official": "公务", "per_row": "{b}号"})
    scope = engine.scope
    assert [engine.text("{label.word}", scope, "w") for _ in range(2)] == ["固定公务", "固定公务"]
    assert engine.constant["{label.word}"] == "固定公务"  # kept: the same wherever it is
    assert engine.text("{label.word}", {**scope, "label": {"word": "别的"}}, "w") == "别的"  # a shadowing name
    assert [engine.text("{label.per_row}", {**scope, "b": n}, "w") for n in ("1", "2")] == ["1号", "2号"]
    assert "{label.per_row}" not in engine.constant  # a row's name inside: rendered each time
    chars = engine.chars
    engine.text("{label.word}", scope, "w")
    assert engine.chars == chars + len("固定公务")  # a kept text still counts against the table's bound


def _engine():
    from drafter.compose.table_engine import TableEngine
    from drafter.compose.table_spec import load_table_spec
    from drafter.compose.tables import load_table_labels
    from drafter.kits.spec import load_kit

    spec, path = load_table_spec("base_data")
    return TableEngine(prepare(EXAMPLE).derived, spec, path, load_table_labels(load_kit()), "{year}年{month}月")


def _rendered(engine, template: str, scope: dict) -> str:
    """What render prints, or the message it raises (as the engine's KitError carries it)."""
    try:
        return render(template, scope, engine.date_format, nested=True)
    except RefError as exc:
        return f"错误：{exc}"


def _text(engine, template: str, scope: dict) -> str:
    try:
        return engine.text(template, scope, "w")
    except KitError as exc:
        return f"错误：{str(exc).rsplit('w：', 1)[-1]}"


def test_texts_joined_from_their_pieces_print_and_fail_as_render_does():
    engine = _engine()
    engine.words.update({"pair": "{name}（{weight}分）", "outer": "甲{label.pair}乙", "loop": "{label.loop}",
                         "deep": "{label.d2}", "d2": "{label.d3}", "d3": "{label.d4}", "d4": "{label.d5}", "d5": "底",
                         "dated": "{when:date}", "num": 7})
    base = {**engine.scope, "name": "产出指标", "weight": "50", "when": None, "n": 3, "big": "字" * 10}
    templates = ["{name}", "{name}-{weight}", "{{{name}}}", "{label.pair}", "{label.outer}", "键.{name}.值",
                 "{missing}", "{name.deeper}", "{n}", "{label.loop}", "{label.deep}", "{label.dated}", "{label.num}",
                 "{label.absent}", "", "{name:text}", "{big}{big}"]
    scopes = [base, {**base, "weight": 50}, {**base, "name": None}, {**base, "label": {"pair": "别的"}}]
    for template in templates:
        for scope in scopes:
            for _ in range(2):  # the first time renders (and sorts the text), the second joins its pieces
                assert _text(engine, template, scope) == _rendered(engine, template, scope), (template, scope)
    assert "{label.outer}" in engine.plain and "{label.loop}" not in engine.plain and "{n}" in engine.plain


def test_text_pieces_keep_the_bound_on_a_tables_text(monkeypatch):
    from drafter.compose import table_engine, table_refs

    engine = _engine()
    monkeypatch.setattr(table_engine, "MAX_TABLE_CHARS", 15)
    monkeypatch.setattr(table_refs, "MAX_TABLE_CHARS", 15)
    scope = {**engine.scope, "big": "字" * 10}
    for _ in range(2):  # rendered, then joined from its pieces
        engine.chars = 0
        assert _text(engine, "{big}", scope) == "字" * 10
        engine.chars = 0
        assert "文字展开后超过上限" in _text(engine, "{big}{big}", scope)  # the pieces' sum: render says it is too long


def test_a_table_builder_keeps_what_it_learns_of_a_spec_for_the_next_report_and_only_for_that_spec():
    from drafter.compose.table_engine import TableEngine, TextMemo
    from drafter.compose.tables import TableBuilder, load_table_labels
    from drafter.kits.spec import load_kit

    kit, derived = load_kit(), prepare(EXAMPLE).derived
    builders = [TableBuilder(derived, load_table_labels(kit), kit.spec.typography.date, kit.folder) for _ in "ab"]
    first, second = (b.build("base_data", "1-1") for b in builders)
    assert first == second
    spec, path = builders[0].spec("base_data")
    memo = TextMemo(spec)
    engine = TableEngine(derived, spec, path, load_table_labels(kit), "", memo=memo)
    assert engine.plain is memo.plain and engine.constant is memo.constant
    other, _ = builders[0].spec("overall_evaluation", True)
    assert TableEngine(derived, other, path, load_table_labels(kit), "", memo=memo).plain is not memo.plain


def _long_way_only(monkeypatch):
    """Every cell made by TableEngine.cell: no cell plan (and no plan kept from an earlier report)."""
    from drafter.compose import table_engine
    from drafter.compose import tables as tables_module

    monkeypatch.setattr(table_engine.TableEngine, "_plan", lambda self, spec: None)
    monkeypatch.setattr(tables_module, "_MEMOS", {})


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_planned_cells_are_the_cells_the_long_way_makes(example, monkeypatch):
    """Repeated rows fill their cells from a plan worked out once per cell spec (with names, unreported figures,
    merges included): the same cells as TableEngine.cell makes, in a report and in the next one."""
    from drafter.compose import tables as tables_module

    monkeypatch.setattr(tables_module, "_MEMOS", {})
    planned = [tables(prepare(example)) for _ in range(2)]  # learnt in the first report, kept for the second
    with monkeypatch.context() as m:
        _long_way_only(m)
        long_way = tables(prepare(example))
    assert planned[0] == long_way and planned[1] == long_way
    rows = [row for t in long_way.values() for row in t.rows]
    assert any(c.runs and c.runs[0].key for row in rows for c in row)
    assert any(c.vmerge_group for row in rows for c in row)


@pytest.mark.parametrize("limit", [300, 1_000, 2_000])
def test_a_planned_cell_over_the_text_bound_is_refused_as_the_long_way_refuses_it(limit, monkeypatch):
    from drafter.compose import table_engine
    from drafter.compose import tables as tables_module

    monkeypatch.setattr(table_engine, "MAX_TABLE_CHARS", limit)
    messages = []
    for long_way in (False, True):
        with monkeypatch.context() as m:
            m.setattr(tables_module, "_MEMOS", {})
            if long_way:
                _long_way_only(m)
            with pytest.raises(KitError, match=f"表格文字合计超过上限（{limit} 个字符）") as exc:
                prepare(EXAMPLE)
            messages.append(str(exc.value))
    assert messages[0] == messages[1]


def test_each_building_row_of_table_1_1_is_labelled_with_its_name(tmp_path):
    """楼堂馆所 rows carried no name (a merged 楼堂馆所 cell): two buildings were two unnamed rows (attacker F13)."""
    import yaml

    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    data.setdefault("base_table", {})["buildings"] = [
        {"name": "办公楼维修", "approved_area": 1000, "actual_area": 900, "budget_investment": 100,
         "actual_investment": 90},
        {"name": "食堂改造", "approved_area": 200, "actual_area": 200, "budget_investment": 50,
         "actual_investment": 40}]
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rows = texts(tables(prepare(path))["table.1-1"])
    named = [row for row in rows if row[0] in ("办公楼维修", "食堂改造")]
    assert [row[0] for row in named] == ["办公楼维修", "食堂改造"]
    assert named[1][1:3] == ["200.00", "200.00"]


def test_floor_areas_print_to_a_hundredth_of_a_square_metre(tmp_path):
    """g-base.yaml: 附件1-1 printed “1000 | 1000.5” beside 300.00 / 299.99, while README says a floor area is printed
    to 0.01 m² (rounded once, at display)."""
    import yaml

    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    data.setdefault("base_table", {})["buildings"] = [
        {"name": "办公楼维修", "approved_area": 1000, "actual_area": "1000.5", "budget_investment": 300,
         "actual_investment": "299.99"}]
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    [row] = [row for row in texts(tables(prepare(path))["table.1-1"]) if row[0] == "办公楼维修"]
    assert row[1:] == ["1000.00", "1000.50", "100.05%", "300.00", "299.99", "100.00%"]
