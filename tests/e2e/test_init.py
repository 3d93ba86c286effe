"""init: the commented YAML starter and the blank starter workbook (filled by hand-like code, it renders)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from drafter.cli import main
from drafter.inputs import load_input
from drafter.model.schema import DEPRECATED_FIELDS, UnitYearInput, nested_model
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

YUETANG = EXAMPLES / "yuetang-2022.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_yaml_starter_loads_and_renders(tmp_path: Path):
    out = tmp_path / "start.yaml"
    assert run("init", str(out)).exit_code == 0
    load_input(out)
    result = run("render", "--force", str(out), "-o", str(tmp_path / "start.docx"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "start.docx").stat().st_size > 0


def _missing_keys(data: Any, cls: type[BaseModel], path: str = "") -> list[str]:
    missing = []
    for name, field in cls.model_fields.items():
        if not isinstance(data, dict) or name not in data:
            missing.append(path + name)
            continue
        kind, sub = nested_model(field.annotation)
        value = data[name]
        if kind == "model" and value is not None:
            missing += _missing_keys(value, sub, f"{path}{name}.")
        elif kind == "list" and value:
            missing += _missing_keys(value[0], sub, f"{path}{name}[0].")
    return missing


def test_yaml_starter_shows_every_field_with_chinese_comments(tmp_path: Path):
    out = tmp_path / "start.yaml"
    run("init", str(out))
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert _missing_keys(data, UnitYearInput) == sorted(DEPRECATED_FIELDS)  # still read, no longer offered
    comments = [line for line in text.splitlines() if "#" in line]
    assert len(comments) > 60 and all(any("\u4e00" <= ch <= "\u9fff" for ch in c) for c in comments if c.strip() != "#")


def test_init_refuses_to_overwrite_and_bad_suffix(tmp_path: Path):
    out = tmp_path / "start.xlsx"
    assert run("init", str(out)).exit_code == 0
    first = out.read_bytes()
    result = run("init", str(out))
    assert result.exit_code == 1 and "文件已存在，未覆盖（加 --force 覆盖）" in result.output
    assert run("init", "--force", str(out)).exit_code == 0 and out.read_bytes() == first
    assert run("init", str(tmp_path / "start.docx")).exit_code == 2


def test_blank_starter_workbook_reports_required_cells(tmp_path: Path):
    out = tmp_path / "start.xlsx"
    run("init", str(out))
    result = run("check", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"错误：{out} 基本情况!B2（单位名称）：缺少必填项" in result.output
    assert f"错误：{out} 资金!B11（人员经费 金额）：缺少必填项" in result.output


# ----------------------------------------------------------------------- a starter filled like a person would


def fill_form(ws, values: dict[str, Any], column: str = "") -> None:
    """Write values beside their labels (first column), in the named column or the one right of the label."""
    headers = {c.value: c.column for c in ws[1] if c.value}
    for row in ws.iter_rows(min_row=2):
        label = row[0].value
        if label in values:
            col = headers[column] if column else 2
            ws.cell(row[0].row, col, values[label])


def fill_rows(ws, rows: list[dict[str, Any]]) -> None:
    """Append rows under the headers they name (header text as shown in the starter)."""
    headers = {c.value: c.column for c in ws[1] if c.value}
    used = {}
    for item in rows:
        for header, value in item.items():
            col = headers[header]
            used[col] = used.get(col, 1) + 1
            ws.cell(used[col], col, value)


def fill_starter(path: Path, r: UnitYearInput) -> None:
    wb = openpyxl.load_workbook(path)
    s, u = r.staffing, r.unit
    fill_form(wb["基本情况"], {
        "单位名称": u.name, "市州": u.city, "年度": u.year, "报告日期": u.report_date,
        "编制数（人）": s.authorized, "年末实有人数（人）": s.actual, "实际在职人数（人）": s.in_service,
        "退休人数（人）": s.retired, "实有人数增减（人）": s.actual_change, "退休人数增减（人）": s.retired_change,
        "人员增减原因": s.change_reason, "公开情况": r.publication, "其他需要说明的情况": r.other_notes,
        "填表人": r.signatures.preparer, "联系电话": r.signatures.phone, "单位负责人": r.signatures.head,
        "填报日期": r.signatures.date, "评分规则": r.rules,
    })
    fill_rows(wb["基本情况"], [{"主要职能": f} for f in r.functions] + [{"内设机构": d} for d in r.departments])
    t = r.base_table
    rows = {"公车购置": t.three_public.car_purchase, "公车运行维护": t.three_public.car_operation,
            "出国经费": t.three_public.overseas, "公务接待": t.three_public.reception, "公用经费": t.public_costs.total,
            "办公经费": t.public_costs.office, "水费、电费、差旅费": t.public_costs.utilities_travel,
            "会议费、培训费": t.public_costs.meetings_training, "政府采购金额": t.procurement,
            "部门基本支出预算调整": t.basic_adjustment}
    for attr, header in [("prior", "上年决算数（万元）"), ("budget", "本年预算数（万元）"),
                         ("actual", "本年决算数（万元）")]:
        fill_form(wb["基础数据表"], {k: getattr(v, attr) for k, v in rows.items()}, header)
    fill_form(wb["基础数据表"], {"厉行节约保障措施": t.frugality}, "文字说明")
    f, b = r.funds, r.basic_spending
    fill_form(wb["资金"], {
        "年初预算数": f.initial_budget, "全年预算数": f.full_budget, "全年执行数": f.spent,
        "一般公共预算": f.by_income.general_public, "政府性基金拨款": f.by_income.government_fund,
        "纳入专户管理的非税收入拨款": f.by_income.special_account,  # 0: blank is no 0 in a workbook
        "其他资金": f.by_income.other, "基本支出（全部资金口径）": f.basic,
        "人员经费": b.personnel.amount, "公用经费": b.public.amount,
        "政府性基金预算支出": r.other_budgets.government_fund.amount,
        "国有资本经营预算支出": r.other_budgets.state_capital.amount,
        "社会保险基金预算支出": r.other_budgets.social_insurance.amount,
    })
    fill_form(wb["资金"], {"口径说明": f.scope_note, "政府性基金预算支出": r.other_budgets.government_fund.use}, "说明")
    fill_rows(wb["资金"], [{"经费类别": kind, "明细项目": i.name, "明细金额（万元）": i.amount}
                          for kind, block in [("人员经费", b.personnel), ("公用经费", b.public)] for i in block.items])
    fill_rows(wb["项目"], [{"项目名称": p.name, "项目类型": p.kind, "项目类别": p.category,
                           "年初预算（万元）": p.initial_budget, "年中调整（万元）": p.adjustment,
                           "实际支出（万元）": p.spent, "上年决算数（万元）": p.prior_year_actual,
                           "资金用途": p.use, "实施成效": p.results} for p in r.projects])
    fill_rows(wb["自评指标"], [{"一级指标": i.level1, "二级指标": i.level2, "三级指标": i.name, "年度指标值": i.target,
                             "实际完成值": i.actual, "分值": i.weight, "得分": i.score,
                             "偏差原因分析及改进措施": i.deviation or None}
                            for i in r.indicators])
    fill_form(wb["成效"], {"年度总体目标": r.goal.expected, "目标实际完成情况": r.goal.achieved,
                          "整体绩效概述": r.overview})
    fill_rows(wb["成效"], [{"成效标题": a.title, "成效内容": a.text} for a in r.achievements])
    fill_causes(wb["问题与措施"], r)
    wb.save(path)


def fill_causes(ws, r: UnitYearInput) -> None:
    """The 问题原因 of each rule the input gives one for, beside its 问题规则 row (“经费决算超预算（over_budget）”)."""
    headers = {c.value: c.column for c in ws[1] if c.value}
    for row in ws.iter_rows(min_row=2):
        label = row[headers["问题规则"] - 1].value
        cause = getattr(r.problem_causes, label.rsplit("（", 1)[1].rstrip("）")) if label else ""
        if cause:
            ws.cell(row[0].row, headers["问题原因"], cause)


def test_starter_workbook_filled_with_an_example_renders_like_the_example(tmp_path: Path):
    out = tmp_path / "filled.xlsx"
    assert run("init", str(out)).exit_code == 0
    fill_starter(out, load_input(YUETANG))
    result = run("check", str(out))
    assert result.exit_code == 0, result.output
    assert write_text(prepare(out).document) == write_text(prepare(YUETANG).document)
    docx = tmp_path / "filled.docx"
    assert run("render", str(out), "-o", str(docx)).exit_code == 0


def test_a_partly_filled_starter_workbook_converts_with_its_blanks_listed(tmp_path: Path):
    """`convert` of a starter workbook with only the unit's name filled in refused (“缺少必填项” 16 times, nothing
    written): it now writes the YAML of what is there, each required field left blank present and empty, and lists
    what is missing by its cell; the YAML converts back, and both files are refused for the same blanks by check. A
    value that cannot be read (text in a money cell) is still refused."""
    book, converted, back = tmp_path / "starter.xlsx", tmp_path / "starter.yaml", tmp_path / "back.xlsx"
    assert run("init", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb["基本情况"]["B2"] = "某某街道办事处"
    wb["资金"]["B2"] = 150
    wb.save(book)
    result = run("convert", str(book), str(converted))
    assert result.exit_code == 0, result.output
    listed = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    assert f"{book} 基本情况!B5（年度）：缺少必填项" in listed and f"{book} 资金!B3（全年预算数）：缺少必填项" in listed
    assert not [line for line in listed if "资金!B2" in line]  # filled: not missing
    assert f"（{len(listed)} 项未填写，仍留空" in result.output
    data = yaml.safe_load(converted.read_text(encoding="utf-8"))
    assert data["unit"] == {"name": "某某街道办事处", "year": None, "report_date": None}
    assert data["funds"]["initial_budget"] == 150 and data["funds"]["full_budget"] is None
    assert run("convert", str(converted), str(back)).exit_code == 0
    said = [run("check", str(path)).output.splitlines()[-1].split("：", 1)[1] for path in (book, converted, back)]
    assert said == [f"共 {len(listed)} 个错误，0 个警告。（以上错误使检查未能进行，改正后再运行 check 可看到其余问题）"
                    ] * 3
    wb["资金"]["B3"] = "一百五十"
    wb.save(book)
    refused = run("convert", str(book), str(tmp_path / "refused.yaml"))
    assert refused.exit_code == 1 and "资金!B3" in refused.output and not (tmp_path / "refused.yaml").exists()
