"""Money checks (E01x and the money warnings): splits vs totals, funding, overspending, 三公经费."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from pydantic import BaseModel

from drafter.checks.registry import Finding, check, discuss_in, error, m, pct, warning
from drafter.figures.derive import FUNDING_CHECKS, SOURCES, Derived
from drafter.figures.numbers import round2
from drafter.figures.signals import three_public_rise, unstaffed_in_service
from drafter.figures.statements import magnitude_outlier
from drafter.kits.refs import Refs
from drafter.model.schema import MIDYEAR, ThreeYears


def reconcile(d: Derived, code: str, key: str, message: str, *fields: str) -> Iterable[Finding]:
    """Printed parts vs printed total, as derive computed them (`<key>.difference`, 万元).

    A 尾差 within the rule pack's tolerance warns (W040) unless explained; nothing to compare, no finding.
    """
    diff = d.figures.number(f"{key}.difference")
    level = reconcile_level(diff, d.rules.materiality.rounding_difference, bool(d.report.funds.rounding_note.strip()))
    if level == "error":
        yield error(code, message, *fields)
    elif level == "W040":
        yield warning("W040", f"{message}，相差 {m(diff)} 万元（尾差）；"
                      "请核对，或在 funds.rounding_note（尾差说明）中说明", *fields, "funds.rounding_note")


def reconcile_level(diff: Decimal | None, tolerance: Decimal, explained: bool) -> str | None:
    """The rule behind every parts-vs-total check (shared with `drafter lint`): `diff` = |Σ parts − total| (万元).

    "error" above the rule pack's 尾差 tolerance; "W040" within it unless the 尾差 is explained; None when equal.
    """
    if diff is None or diff == 0:
        return None
    if diff > tolerance:
        return "error"
    return None if explained else "W040"


# --------------------------------------------------------------------------- splits vs totals


@check("E010")
def expenditure_split(d: Derived) -> Iterable[Finding]:
    f = d.figures
    basic, project, spent = f.number("funds.basic"), f.number("funds.project"), f.number("funds.spent")
    total = f.number("check.funds.expenditure.parts_sum")
    yield from reconcile(d, "E010", "check.funds.expenditure",
                         f"按支出性质分的资金合计 {m(total)} 万元（基本支出 {m(basic)} + 项目支出 {m(project)}）"
                         f"≠ 全年执行数 {m(spent)} 万元", "funds.basic", "projects", "funds.spent")


@check("E011")
def restated_project_total(d: Derived) -> Iterable[Finding]:
    stated = d.report.funds.project
    if stated is None:
        return
    rows = d.figures.number("check.funds.project.parts_sum")
    yield from reconcile(d, "E011", "check.funds.project",
                         f"资金情况中的项目支出 {m(stated)} 万元 ≠ 各项目实际支出合计 "
                         f"{m(rows)} 万元（{d.figures['projects.count'].text} 个项目）",
                         "funds.project", "projects")


@check("E012")
def income_split(d: Derived) -> Iterable[Finding]:
    f = d.figures
    total, spent = f.number("check.funds.income.parts_sum"), f.number("funds.spent")
    yield from reconcile(d, "E012", "check.funds.income",
                         f"按收入性质分的资金合计 {m(total)} 万元 ≠ 全年执行数 {m(spent)} 万元",
                         "funds.by_income", "funds.spent")


@check("E013")
def parts_exceed_whole(d: Derived) -> Iterable[Finding]:
    b = d.report.basic_spending
    for name, label, block in (("personnel", "人员经费", b.personnel), ("public", "公用经费", b.public)):
        items = d.figures.known(f"check.basic.{name}.items_sum")
        if round2(items) > round2(block.amount):
            yield error("E013", f"{label}主要项目合计 {m(items)} 万元 > {label} {m(block.amount)} 万元",
                        f"basic_spending.{name}.items", f"basic_spending.{name}.amount")
    pc = d.report.base_table.public_costs
    for col, col_label in (("prior", "上年决算数"), ("budget", "本年预算数"), ("actual", "本年决算数")):
        whole = getattr(pc.total, col)
        parts = d.figures.known(f"check.public_costs.parts.{col}")
        if whole is not None and round2(parts) > round2(whole):
            yield error("E013", f"基础数据表公用经费{col_label}：其中各项合计 {m(parts)} 万元 > "
                        f"公用经费 {m(whole)} 万元", f"base_table.public_costs.total.{col}")
    yield from _basic_exceeds_funds(d)


def _basic_exceeds_funds(d: Derived) -> Iterable[Finding]:
    """第二部分's 基本支出 (人员经费 + 公用经费: the 全部资金 or one fund source's, e.g. 一般公共预算财政拨款, as
    funds.scope_note says) is a part of the all-funds 基本支出 of 资金情况 (附件1-2), which is itself a part of the
    全年执行数; its 公用经费 a part of 附件1-1's 公用经费 本年决算数 (the tables are filled in 全部资金). Above
    either whole by more than the 尾差 tolerance is an error whatever the scope note says (attacker att42a F4);
    within it, W041."""
    f, tol = d.figures, d.rules.materiality.rounding_difference
    basic, personnel, public = f.known("basic.total"), f.known("basic.personnel"), f.known("basic.public")
    stated = f"第二部分基本支出 {m(basic)} 万元（人员经费 {m(personnel)} + 公用经费 {m(public)}）"
    fields = ("basic_spending.personnel.amount", "basic_spending.public.amount")
    for whole, called, path in ((f.known("funds.basic"), "资金情况中的基本支出（全部资金）", "funds.basic"),
                                (f.known("funds.spent"), "全年执行数", "funds.spent")):
        if round2(basic) - round2(whole) > tol:
            yield error("E013", f"{stated} > {called} {m(whole)} 万元："
                        "第二部分的基本支出（全部资金或其中一个资金来源的）"
                        "是全部资金基本支出的一部分，不能超过它；请核对人员经费、公用经费或资金情况",
                        *fields, path)
            break
    table = d.report.base_table.public_costs.total.actual
    if table is not None and round2(public) - round2(table) > tol:
        yield error("E013", f"第二部分公用经费 {m(public)} 万元 > 基础数据表公用经费本年决算数 {m(table)} 万元"
                    "（全部资金）："
                    "第二部分的公用经费是它的一部分，不能超过它", "basic_spending.public.amount",
                    "base_table.public_costs.total.actual")


# --------------------------------------------------------------------------- the same figure twice


@check("E014")
def plans_split(d: Derived) -> Iterable[Finding]:
    """A unit-level plan the input gives beside its parts: the projects' own 年初预算 (附件1-1's 项目支出 本年预算数)
    above the 项目支出年初预算 (below it is a plan not split by project: the rest 未分项目列示, as documented);
    基本支出年初预算 + 项目支出年初预算 vs 年初预算数 — else the report prints two figures for one thing."""
    f = d.report.funds
    parts = d.figures.number("check.funds.projects_plan.parts_sum")
    if f.projects_plan is not None and parts is not None and round2(parts) > round2(f.projects_plan):
        # less than the plan is a plan not (or not all) split by project: the rest is 未分项目列示, as documented
        yield error("E014", f"项目支出年初预算 {m(f.projects_plan)} 万元 < 各项目年初预算合计 {m(parts)} 万元"
                    f"（{d.figures['projects.count'].text} 个项目，即附件1-1 项目支出本年预算数）：各项目的年初预算"
                    "是项目支出年初预算的一部分，不能超过它", "funds.projects_plan", *_initial_budgets(d))
    elif parts is not None and round2(parts) > round2(f.initial_budget):
        count = d.figures['projects.count'].text
        yield error("E014", f"各项目年初预算合计 {m(parts)} 万元（{count} 个项目，即附件1-1 项目支出本年预算数）"
                    f"> 年初预算数 {m(f.initial_budget)} 万元（附件1-2）：各项目的年初预算是单位年初"
                    "预算数的一部分，不能超过它；请核对项目的年初预算（年中才下达的资金应填为年中调整）或年初预算数",
                    *_over(d, f.initial_budget, "initial_budget", lambda dp: dp.project.initial_budget),
                    "funds.initial_budget")
    for plan, called, path in ((f.basic_plan, "基本支出年初预算", "funds.basic_plan"),
                               (f.projects_plan, "项目支出年初预算", "funds.projects_plan")):
        if plan is not None and round2(plan) > round2(f.initial_budget):
            yield error("E014", f"{called} {m(plan)} 万元 > 年初预算数 {m(f.initial_budget)} 万元：是它的一部分，"
                        "不能超过它", path, "funds.initial_budget")
    full = d.figures.known("projects.full")
    if d.projects and round2(full) > round2(f.full_budget):
        yield error("E014", f"各项目全年预算（年初预算 + 年中调整）合计 {m(full)} 万元 > 全年预算数 "
                    f"{m(f.full_budget)} 万元：各项目的全年预算是单位全年预算数的一部分，不能超过它",
                    *_over(d, f.full_budget, "adjustment", lambda dp: dp.full_budget), "funds.full_budget")
    if f.basic_plan is not None and f.projects_plan is not None:
        parts = d.figures.number("check.funds.plans.parts_sum")
        yield from reconcile(d, "E014", "check.funds.plans",
                             f"基本支出年初预算 {m(f.basic_plan)} 万元 + 项目支出年初预算 {m(f.projects_plan)} 万元 = "
                             f"{m(parts)} 万元 ≠ 年初预算数 {m(f.initial_budget)} 万元",
                             "funds.basic_plan", "funds.projects_plan", "funds.initial_budget")


def _over(d: Derived, whole: Decimal, field: str, amount) -> list[str]:
    """Where a projects' sum above the unit's `whole` is to be corrected: the projects' `field` of those whose own
    amount is above the whole by itself (a 年中 amount typed as 年初预算, att42a F15), else every project's."""
    alone = [f"projects[{dp.index}].{field}" for dp in d.projects if round2(amount(dp)) > round2(whole)]
    return alone or [f"projects[{dp.index}].{field}" for dp in d.projects]


def _initial_budgets(d: Derived) -> list[str]:
    """The projects' 年初预算 fields (a project whose 年初预算 is left out: its line), or the list when there are
    none."""
    return [f"projects[{dp.index}].initial_budget" for dp in d.projects] or ["projects"]


_FUNDING_TOTALS = {  # column of the sources -> (what it is called, the project's own figure there, its field)
    "initial": ("年初预算", "年初预算", "initial_budget"),
    "full": ("", "全年预算", "initial_budget"),
    "spent": ("执行数", "实际支出", "spent"),
}


@check("E015")
def project_funding(d: Derived) -> Iterable[Finding]:
    """Each column of a project's 资金来源 (年初预算, 全年预算, 执行数) vs the project's own figure there."""
    for dp in d.projects:
        for column, pattern in FUNDING_CHECKS.items():
            key = pattern.format(n=dp.index)
            total = d.figures.number(f"{key}.parts_sum")
            called, own, field = _FUNDING_TOTALS[column]
            figure = {"initial": dp.project.initial_budget, "full": dp.full_budget, "spent": dp.project.spent}[column]
            note = "（年初预算 + 年中调整）" if column == "full" else ""
            yield from reconcile(d, "E015", key,
                                 f"项目“{dp.project.name}”自评表资金来源{called}合计 {m(total)} 万元"
                                 "（当年财政拨款 + 上年结转 + 其他资金）"
                                 f"≠ {own} {m(figure)} 万元{note}",
                                 *_funding_fields(dp, column), f"projects[{dp.index}].{field}")


def _funding_fields(dp, column: str) -> list[str]:
    """Where a project's sources in `column` are given: the sources of its `funding` in that column (those it
    gives; each, when it gives none), or for 全年预算 the self-evaluation's old fields (当年财政拨款, 上年结转资金,
    其他资金) when `funding` gives none."""
    funding = dp.project.funding
    if column == "full" and all(getattr(funding, src).full is None for src in SOURCES):
        return [f"projects[{dp.index}].evaluation"]
    given = [src for src in SOURCES if getattr(getattr(funding, src), column) is not None]
    return [f"projects[{dp.index}].funding.{src}.{column}" for src in given or SOURCES]


@check("W041")
def scope_differences(d: Derived) -> Iterable[Finding]:
    if d.report.funds.scope_note.strip():
        return
    f = d.figures
    basic, funds_basic = f.known("basic.total"), f.known("funds.basic")
    hint = "；如为口径不同（如财政拨款与全部资金），请在 funds.scope_note（口径说明）中说明"
    tol = d.rules.materiality.rounding_difference
    if round2(basic) != round2(funds_basic) and round2(basic) - round2(funds_basic) <= tol:  # above: E013
        yield warning("W041", f"基本支出 {m(basic)} 万元（人员经费 + 公用经费）≠ "
                      f"资金情况中的基本支出 {m(funds_basic)} 万元{hint}",
                      "basic_spending", "funds.basic", "funds.scope_note")
    stated = d.report.base_table.public_costs.total.actual
    public = f.known("basic.public")
    if stated is not None and round2(stated) != round2(public) and round2(public) - round2(stated) <= tol:
        yield warning("W041", f"基础数据表公用经费本年决算数 {m(stated)} 万元 ≠ "
                      f"基本支出中的公用经费 {m(public)} 万元{hint}",
                      "base_table.public_costs.total.actual", "basic_spending.public.amount", "funds.scope_note")


# --------------------------------------------------------------------------- execution and control


@check("E016")
def overspent(d: Derived) -> Iterable[Finding]:
    f = d.report.funds
    if round2(f.spent) > round2(f.full_budget):
        yield error("E016", f"全年执行数 {m(f.spent)} 万元 > 全年预算数 {m(f.full_budget)} 万元",
                    "funds.spent", "funds.full_budget")
    for dp in d.projects:
        p = dp.project
        if round2(dp.full_budget) < 0:  # a cut larger than the budget: no overspending of a project that spent 0
            yield error("E016", f"项目“{p.name}”年中调减 {m(abs(p.adjustment))} 万元，多于年初预算 "
                        f"{m(p.initial_budget)} 万元：全年预算（年初预算 + 年中调整）为 {m(dp.full_budget)} 万元，"
                        "不能为负；请核对年中调整", f"projects[{dp.index}].adjustment")
        elif round2(p.spent) > round2(dp.full_budget):
            yield error("E016", f"项目“{p.name}”实际支出 {m(p.spent)} 万元 > 全年预算 "
                        f"{m(dp.full_budget)} 万元（年初预算 + 年中调整）：项目的全年预算是调整后的预算，"
                        f"多支出的 {m(d.figures.known(f'{dp.key}.overspend'))} 万元也须有预算——"
                        "请核对实际支出；这笔钱若是年中追加或从基本支出等调剂给该项目的，请计入该项目的年中调整，使其全年预算不低于实际支出",
                        f"projects[{dp.index}].spent", f"projects[{dp.index}].adjustment")


@check("W046")
def control_rates(d: Derived) -> Iterable[Finding]:
    f = d.figures
    rates = [("staffing.control_rate", "人员控制率（实际在职人数 ÷ 编制数）",
              ("staffing.in_service", "staffing.authorized"))]
    for i, b in enumerate(d.report.base_table.buildings, 1):
        row = f"base_table.buildings[{i}]"
        rates += [(f"building.{i}.area_rate", f"“{b.name}”规模控制率", (f"{row}.actual_area", f"{row}.approved_area")),
                  (f"building.{i}.investment_rate", f"“{b.name}”投资概算控制率",
                   (f"{row}.actual_investment", f"{row}.budget_investment"))]
    for key, label, paths in rates:
        rate = f.number(key)
        if rate is not None and round2(rate) > 100:
            yield warning("W046", f"{label}为 {pct(rate)}，超过 100%", *paths)
    if (serving := unstaffed_in_service(f)) is not None:
        yield warning("W046", f"编制数为 0 人，实际在职人数 {serving} 人：没有编制却有在职人员，人员控制率无法计算",
                      "staffing.authorized", "staffing.in_service")


@check("W047", refs=True)
def three_public_up(d: Derived, refs: Refs) -> Iterable[Finding]:
    rise = three_public_rise(d.figures, d.rules.materiality.three_public_increase)
    if rise is None:
        return
    change = f"增长 {pct(rise.rate)}" if rise.rate is not None else "上年为零"
    rows = [name for name, row in d.report.base_table.three_public if row.actual is not None
            and (row.prior is None or round2(row.actual) > round2(row.prior))]
    yield warning("W047", f"三公经费本年决算数 {m(rise.actual)} 万元高于上年决算数 {m(rise.prior)} 万元（{change}），"
                  f"应在{discuss_in(refs)}中说明原因",
                  *[f"base_table.three_public.{name}.{column}" for name in rows for column in ("actual", "prior")])


@check("W048", refs=True)
def midyear_additions(d: Derived, refs: Refs) -> Iterable[Finding]:
    f = d.report.funds
    added = d.figures.known("funds.adjustment")
    if added <= 0:
        return
    rate = d.figures.number("funds.adjustment_rate")
    if rate is None or round2(rate) >= d.rules.materiality.midyear_addition_ratio:
        share = f"为年初预算的 {pct(rate)}" if rate is not None else "年初预算为零"
        carried = d.figures.number("funds.carried")
        less = f" − 上年结转 {m(carried)}" if carried is not None else ""
        yield warning("W048", f"年中追加 {m(added)} 万元"
                      f"（全年预算数 {m(f.full_budget)} − 年初预算数 {m(f.initial_budget)}{less}），"
                      f"{share}，达到 {pct(d.rules.materiality.midyear_addition_ratio)} 的提示线；"
                      f"应在{discuss_in(refs)}中分析预算编制的准确性", "funds.initial_budget", "funds.full_budget")




@check("W092")
def kinds_against_figures(d: Derived) -> Iterable[Finding]:
    """A project whose 项目类型 its figures contradict (`DerivedProject.kind_contradicted`; attacker att40a F15: a
    workbook's 项目类型 picked once and copied down the column): a 年中追加 project with a 年初预算, a 年初预算 project
    with none and money added during the year. The report then names no 项目类型 for it (`stated_kind`)."""
    for dp in d.projects:
        if not dp.kind_contradicted:
            continue
        p, at = dp.project, f"projects[{dp.index}]"
        if p.kind == MIDYEAR:
            yield warning("W092", f"项目“{p.name}”的项目类型为“年中追加”，而其年初预算为 {m(p.initial_budget)} 万元："
                          "年中追加的项目不在年初预算中。请核对项目类型（是否应为“年初预算”）或年初预算；"
                          "改正前报告不写该项目的项目类型", f"{at}.kind", f"{at}.initial_budget")
        else:
            added = d.figures.known(f"{dp.key}.adjustment_net")
            yield warning("W092", f"项目“{p.name}”的项目类型为“年初预算”，而其年初预算为 0，年中调增 {m(added)} 万元："
                          "请核对项目类型（是否应为“年中追加”）或年初预算；改正前报告不写该项目的项目类型",
                          f"{at}.kind", f"{at}.initial_budget", f"{at}.adjustment")


# --------------------------------------------------------------------------- amounts typed in 元


@check("W053")
def yuan_sized_amounts(d: Derived) -> Iterable[Finding]:
    """One amount of a row at least 5,000 times each other non-zero amount of it (figures.statements.
    magnitude_outlier, the rule `drafter lint` applies to the printed rows): an amount typed in 元 into a 万元
    field, or a row that really is that uneven (a project wound down) — the user is asked, nothing refused.
    Rows as the tables print them: 附件1-2 资金情况; each project's 附件1-1 row (上年决算数, 年初预算, 实际支出) and
    its 资金情况 (年初预算, 全年预算, 实际支出); each 三年 row of 附件1-1 (not the totals derive adds up from them:
    a typed amount is asked about once, where it was typed); each 楼堂馆所 row's 预算投资 and 实际投资."""
    f = d.report.funds
    yield from _outlier("资金情况", [("funds.initial_budget", f.initial_budget), ("funds.full_budget", f.full_budget),
                                     ("funds.spent", f.spent)])
    for dp in d.projects:
        p, at = dp.project, f"projects[{dp.index}]"
        yield from _outlier(f"附件1-1“{p.name}”", [(f"{at}.prior_year_actual", p.prior_year_actual),
                                                   (f"{at}.initial_budget", p.initial_budget),
                                                   (f"{at}.spent", p.spent)])
        yield from _outlier(f"项目“{p.name}”资金情况", [(f"{at}.initial_budget", p.initial_budget),
                                                     (f"{at}.adjustment", dp.full_budget), (f"{at}.spent", p.spent)])
    for path, label, row in _three_year_rows(d.report.base_table, "base_table", "附件1-1"):
        yield from _outlier(label, [(f"{path}.prior", row.prior), (f"{path}.budget", row.budget),
                                    (f"{path}.actual", row.actual)])
    for i, b in enumerate(d.report.base_table.buildings, 1):
        at = f"base_table.buildings[{i}]"
        yield from _outlier(f"附件1-1 楼堂馆所“{b.name}”", [(f"{at}.budget_investment", b.budget_investment),
                                                        (f"{at}.actual_investment", b.actual_investment)])


def _outlier(label: str, values: list[tuple[str, Decimal | None]]) -> Iterable[Finding]:
    outlier = magnitude_outlier([v for _, v in values if v is not None])
    if outlier is None:
        return
    listed = "、".join(m(v) for _, v in values if v is not None)
    at = next(path for path, v in values if v == outlier)
    yield warning("W053", f"{label}中 {m(outlier)} 万元是同行其他金额的数千倍以上（{listed}），疑似按“元”填写、"
                  "漏掉了“万”；若金额无误可忽略", at)


def _three_year_rows(node: BaseModel, path: str, label: str) -> Iterable[tuple[str, str, ThreeYears]]:
    """(field path, label, row) of every 上年决算数 | 本年预算数 | 本年决算数 row under NODE (附件1-1)."""
    for name, info in type(node).model_fields.items():
        value = getattr(node, name)
        here, title = f"{path}.{name}", f"{label}“{getattr(value, 'name', '') or info.title or name}”"
        if isinstance(value, ThreeYears):
            yield here, title, value
        elif isinstance(value, BaseModel):
            yield from _three_year_rows(value, here, label)
        elif isinstance(value, list):
            for i, item in enumerate(value, 1):
                if isinstance(item, ThreeYears):
                    yield f"{here}[{i}]", f"{label}“{getattr(item, 'name', '')}”", item
