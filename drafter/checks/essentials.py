"""Checks that the essentials of a report are there: one warning per essential that is missing or all zero.

A figure left out (or 未填报 / 不适用) is "not reported" and is never narrated as 0; these checks make sure
the user sees, once each, what the report will lack: indicators, budget and spending, the year's goal,
the signature block, head-counts — and a starter file whose example content was never replaced.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import yaml

from drafter.checks.registry import Finding, check, warning
from drafter.figures.derive import Derived
from drafter.inputs.yaml_cache import parsed
from drafter.resources import templates_dir

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # built-in data files: libyaml when present


@check("W070")
def no_indicators(d: Derived) -> Iterable[Finding]:
    if not d.report.indicators:
        yield warning("W070", "未填写部门整体绩效指标（indicators，绩效指标）：整体支出绩效自评表将没有指标行，"
                      "总分只含执行率得分", "indicators")


@check("W071")
def zero_money(d: Derived) -> Iterable[Finding]:
    f = d.report.funds
    if f.initial_budget == 0 and f.full_budget == 0 and f.spent == 0:
        yield warning("W071", "年初预算数、全年预算数和全年执行数均为 0：资金情况是否尚未填写？执行率无法计算",
                      "funds.full_budget", "funds.spent")


@check("W072")
def empty_goal(d: Derived) -> Iterable[Finding]:
    g = d.report.goal
    blank = [label for label, text in (("预期目标", g.expected), ("实际完成情况", g.achieved)) if not text.strip()]
    if blank:
        yield warning("W072", f"年度总体目标的{'和'.join(blank)}为空：整体支出绩效自评表的年度总体目标栏将空白", "goal")


@check("W073")
def blank_signatures(d: Derived) -> Iterable[Finding]:
    s = d.report.signatures
    fields = (("preparer", "填表人", s.preparer), ("phone", "联系电话", s.phone), ("head", "单位负责人", s.head),
              ("date", "填报日期", s.date))
    blank = [(name, label) for name, label, value in fields if value is None or not str(value).strip()]
    if blank:
        yield warning("W073", f"签字栏的{'、'.join(label for _, label in blank)}未填写：各附件表下方的签字栏将空白",
                      *(f"signatures.{name}" for name, _ in blank))


_TABLE = "人员控制率无法计算，附件表格中该栏显示为空，正文不写该项"
_STAFFING = (("authorized", "编制数", _TABLE), ("actual", "年末实有人数", "正文不写该项"),
             ("in_service", "实际在职人数", _TABLE), ("retired", "退休人数", "正文不写该项"))


@check("W074")
def unreported_staffing(d: Derived) -> Iterable[Finding]:
    """Each head-count (人) not reported — a total (unless its categories give it) and each category's count — once."""
    for name, label, lost in _STAFFING:
        if d.figures.value(f"staffing.{name}") is None:
            yield warning("W074", f"人员情况的{label}未填报：{lost}",
                          f"staffing.{name}")
    for n, category in enumerate(d.report.staffing.categories, 1):
        if category.count is None:
            yield warning("W074", f"人员类别“{category.name}”的人数未填报：正文写作“人数未填报”，合计无法计算",
                          f"staffing.categories[{n}].count")


@cache
def _starter_unit_name() -> str:
    data = parsed((templates_dir() / "starter" / "starter.yaml").read_text(encoding="utf-8"),
                  lambda text: yaml.load(text, Loader=_FAST), "safe")
    return str(data["unit"]["name"])


@check("W075")
def untouched_starter(d: Derived) -> Iterable[Finding]:
    if d.report.unit.name.strip() == _starter_unit_name():
        yield warning("W075", f"单位名称仍是起步文件的示例“{_starter_unit_name()}”：这份输入是否还是未修改的起步文件？"
                      "请把示例内容改成本单位的数据", "unit.name")
