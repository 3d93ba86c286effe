"""Checks that the essentials of a report are there: one warning per essential that is missing or all zero.

A figure left out (or 未填报 / 不适用) is "not reported" and is never narrated as 0; these checks make sure
the user sees, once each, what the report will lack: indicators, budget and spending, the year's goal,
the signature block, head-counts — and a starter file whose example content was never replaced.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import yaml

from drafter.checks.registry import UNPRINTED, Finding, check, m, warning
from drafter.figures.derive import FUNDING_CHECKS, SOURCES, Derived, complete_sum, row_label, source_amount
from drafter.figures.numbers import ZERO
from drafter.figures.statements import prior_gap
from drafter.inputs.yaml_cache import parsed
from drafter.kits.refs import Refs
from drafter.model.schema import PROJECT_PRIOR_FIELDS, UNPRINTED_PRIORS
from drafter.resources import templates_dir

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # built-in data files: libyaml when present


@check("W070")
def no_indicators(d: Derived) -> Iterable[Finding]:
    """No indicators: the unit's, or those of a project said to have a 自评表 (YAML's `evaluation`, a workbook's
    项目自评表=是) — its table and its 总分 and 等级 would be the 执行率得分 alone, an evaluation nobody made."""
    if not d.report.indicators:
        yield warning("W070", "未填写部门整体绩效指标（indicators，绩效指标）：整体支出绩效自评表将没有指标行，"
                      "总分只含执行率得分", "indicators")
    for dp in d.projects:
        if dp.project.evaluation is not None and not dp.project.evaluation.indicators:
            yield warning("W070", f"项目“{dp.project.name}”填写了项目支出绩效自评表（项目自评表），"
                          "但没有该项目的绩效指标：其自评表将没有指标行，报告写出的项目得分和等级只含执行率得分；请填写该项目的指标"
                          "（工作簿中在“自评指标”表填写，“项目名称”填该项目），不需要自评表时删去 evaluation"
                          "（工作簿中项目自评表填“否”）", f"projects[{dp.index}].evaluation.indicators")


@check("W071")
def zero_money(d: Derived) -> Iterable[Finding]:
    f = d.report.funds
    if f.initial_budget == 0 and f.full_budget == 0 and f.spent == 0:
        yield warning("W071", "年初预算数、全年预算数和全年执行数均为 0：资金情况是否尚未填写？执行率无法计算",
                      "funds.full_budget", "funds.spent")


@check("W072")
def empty_goal(d: Derived) -> Iterable[Finding]:
    """The 年度总体目标 of table 1-2: its 预期目标 or 实际完成情况 left empty; of a project's table 1-3, an 实际完成情况
    left empty where the 预期目标 is set (a rolled-over input: last year's goal, this year's result to write)."""
    goals = [("", "整体支出绩效自评表", "goal", d.report.goal)]
    goals += [(f"项目“{dp.project.name}”的", "该项目的项目支出绩效自评表", f"projects[{dp.index}].evaluation.goal",
               dp.project.evaluation.goal) for dp in d.projects
              if dp.project.evaluation is not None and dp.project.evaluation.goal.expected.strip()]
    for whose, table, path, g in goals:
        blank = [(label, name) for label, name, text in (("预期目标", "expected", g.expected),
                                                         ("实际完成情况", "achieved", g.achieved)) if not text.strip()]
        if blank:  # each blank field named (its own cell in a workbook), not the goal as a whole
            yield warning("W072", f"{whose}年度总体目标的{'和'.join(label for label, _ in blank)}为空："
                          f"{table}的年度总体目标栏将空白", *(f"{path}.{name}" for _, name in blank))


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


_COLUMNS = (("prior", "上年决算数"), ("budget", "本年预算数"), ("actual", "本年决算数"))
_THREE_PUBLIC = ("car_purchase", "car_operation", "overseas", "reception")
_NAMES_SHOWN = 5  # blank projects named in one message; more are counted


@check("W077", refs=True)
def partial_totals(d: Derived, refs: Refs) -> Iterable[Finding]:
    """A total some of whose parts are given and others left blank: it is not available (— in the report, nothing
    concluded from it), since a blank part is not reported, never 0 (derive.complete_sum). A 三公经费 row left out
    altogether is no part (derive._sum_rows); a project always is one. The 基础数据表's totals are said to be left
    blank there only where the kit prints that table (REFS: the national and Sichuan forms have none, attacker s40
    F8)."""
    table = refs["attachment"].get("base_data")
    yield from _three_public_partial(d, table)
    yield from _projects_partial(d, table)
    for dp in d.projects:
        for column, (called, own) in _FUNDING_COLUMNS.items():
            short = d.figures.number(FUNDING_CHECKS[column].format(n=dp.index) + ".short")
            if short is None:
                continue
            blank = [(src, label) for src, label in zip(SOURCES, _SOURCE_LABELS, strict=True)
                     if source_amount(dp.project, src, column) is None]
            yield warning("W077", f"项目“{dp.project.name}”资金来源的{called}中{'、'.join(label for _, label in blank)}"
                          f"未填报，已填各来源合计比{own}少 {m(short)} 万元，无法核对：未填报的不按 0 计；"
                          "如确无该来源资金请填 0",
                          *(f"projects[{dp.index}].funding.{src}.{column}" for src, _ in blank))


_SOURCE_LABELS = ("本年财政拨款", "上年结转", "其他资金")
_FUNDING_COLUMNS = {"initial": ("年初预算", "年初预算"), "full": ("全年预算", "全年预算"),
                    "spent": ("执行数", "实际支出")}
"""A project's 资金来源 column → (what the column is called, the project's own figure it is held against)."""


def _three_public_partial(d: Derived, table: str | None) -> Iterable[Finding]:
    given = {n: getattr(d.report.base_table.three_public, n) for n in _THREE_PUBLIC}
    given = {n: row for n, row in given.items() if any(getattr(row, col) is not None for col, _ in _COLUMNS)}
    gaps = [(col, label) for col, label in _COLUMNS  # a column some reported rows give and others leave blank
            if 0 < sum(getattr(r, col) is None for r in given.values()) < len(given)]
    blank = {n: [label for col, label in gaps if getattr(row, col) is None] for n, row in given.items()}
    named = [row_label(f"three_public.{n}") + ("" if len(cols) == len(gaps) else f"的{'、'.join(cols)}")
             for n, cols in blank.items() if cols]
    if gaps:
        where, shown = ("基础数据表", "报告中该合计显示为“—”，") if table else ("", "")
        yield warning("W077", f"{where}三公经费的{'、'.join(label for _, label in gaps)}无法合计（{'、'.join(named)}"
                      f"未填报）：{shown}正文不据此比较；未填报的不按 0 计，如无该项支出请填 0",
                      *(f"base_table.three_public.{n}.{col}" for n, row in given.items() for col, _ in gaps
                        if getattr(row, col) is None))


def _projects_partial(d: Derived, table: str | None) -> Iterable[Finding]:
    """Projects' 上年决算数 given for some and not others: 附件1-1's 项目支出 上年决算数 (the only place their sum is
    printed) left blank — nothing to say where the kit prints no such table."""
    blank = [dp for dp in d.projects if dp.project.prior_year_actual is None]
    if not table or not blank or len(blank) == len(d.projects):
        return
    names = "、".join(f"“{dp.project.name}”" for dp in blank[:_NAMES_SHOWN])
    more = f"等 {len(blank)} 个项目" if len(blank) > _NAMES_SHOWN else ""
    yield warning("W077", f"项目{names}{more}的上年决算数未填报，基础数据表项目支出的上年决算数无法合计（报告中留空）："
                  "未填报的不按 0 计；如上年没有支出请填 0",
                  *(f"projects[{dp.index}].prior_year_actual" for dp in blank[:_NAMES_SHOWN]))


@check("W083", refs=True)
def prior_projects_short(d: Derived, refs: Refs) -> Iterable[Finding]:
    """The 上年决算数 附件1-1 prints for 项目支出 (and each 项目类别) against last year's report's total of last
    year's projects (base_table.project_priors, carried by rollover). A project that ended (not listed this year)
    or a 上年决算数 changed makes this year's listed projects' 上年决算数 add to another figure. Less than last
    year's: the table prints last year's total and the rest as a row of its own (`derive._ended_rows`: att43a F10)
    — said, so that each listed 上年决算数 is checked; more: the table prints the listed sum, which contradicts
    last year's report — said before it is printed."""
    table = refs["attachment"].get("base_data")
    if not table:  # the kit prints no 基础数据表: no 项目支出 上年决算数 to contradict last year's
        return
    carried = d.report.base_table.project_priors
    rows = [("项目支出", "base_table.projects.prior", carried.total, "total", None),
            *((category, f"base_table.category.{category}.prior", getattr(carried, field), field, category)
              for category, field in PROJECT_PRIOR_FIELDS.items())]
    for label, key, last, field, category in rows:
        members = [dp for dp in d.projects if category is None or dp.project.category == category]
        listed = complete_sum([dp.project.prior_year_actual for dp in members]) if members else ZERO
        if last is None or listed is None:  # a blank 上年决算数: W077 says the sum is not available
            continue
        if listed == last or (category is not None and len(members) == len(d.projects) and last == carried.total):
            continue  # agrees, or the one category holds every project: the total's warning says it
        gap = m(prior_gap(last, listed))
        if d.figures.number(key) == last:  # printed as last year's, the rest on a row of its own
            yield warning("W083", f"{table}“{label}”的上年决算数按上年报告印出 {m(last)} 万元；"
                          f"本年所列各项目的上年决算数合计 {m(listed)} 万元，其余 {gap} 万元在表中列为"
                          "“本年未列出的上年项目”一行。请核对各项目的上年决算数；项目结束不再列出的，"
                          "可在项目支出说明（project_note）中说明",
                          f"base_table.project_priors.{field}",
                          *(f"projects[{dp.index}].prior_year_actual" for dp in members[:_NAMES_SHOWN]))
            continue
        ended = "；上年有该类项目而本年未列出" if not members else ""
        yield warning("W083", f"{table}“{label}”的上年决算数按本年所列各项目的上年决算数合计为 {m(listed)} 万元，"
                      f"上年报告印出的是 {m(last)} 万元（相差 {gap} 万元{ended}）："
                      "报告中的上年数将与上年报告不一致。请核对各项目的上年决算数；确因口径不同的，"
                      "请在项目支出说明（project_note）中说明口径",
                      f"base_table.project_priors.{field}",
                      *(f"projects[{dp.index}].prior_year_actual" for dp in members[:_NAMES_SHOWN]))


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


@check("W079", refs=True)
def unprinted_prior(d: Derived, refs: Refs) -> Iterable[Finding]:
    """A 上年决算数 given for a row whose 上年决算数 the 基础数据表 does not print (rolled over, or typed in B10/B11 of
    the workbook): said, so that the user does not look for it in the report. Only where the kit has the table."""
    table = refs["attachment"].get("base_data")
    if not table:
        return
    marks = refs.get(UNPRINTED, dict.fromkeys(UNPRINTED_PRIORS, "——"))  # what the kit's table prints instead
    for key in UNPRINTED_PRIORS:
        prior = getattr(d.report.base_table, key).prior
        if prior is not None and key in marks:
            shown = f"该栏为“{marks[key]}”" if marks[key] else "该栏不印数字"
            yield warning("W079", f"基础数据表{row_label(key)}的上年决算数（{m(prior)} 万元）不印入报告："
                          f"{table}表式中{shown}（只列本年预算数和本年决算数），报告其他各处也不引用此数；可删去",
                          f"base_table.{key}.prior")
