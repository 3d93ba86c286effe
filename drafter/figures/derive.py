"""Every derived figure of a report, computed once from the input: the only place arithmetic happens."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from drafter.figures.numbers import ZERO, Figure, Kind, percent, round2, shares
from drafter.model.schema import Project, UnitYearInput, ThreeYears
from drafter.figures.rulepacks import RulePack
from drafter.figures.scoring import Scored, score_indicator


@dataclass
class Figures:
    """A flat, ordered registry of figures keyed by stable keys (used by templates, tables, diff, refresh)."""

    items: dict[str, Figure] = field(default_factory=dict)

    def add(self, key: str, label: str, value: Optional[Decimal], kind: Kind = "money") -> Optional[Decimal]:
        if value is not None and kind != "text":
            value = Decimal(value)
        self.items[key] = Figure(key, label, value, kind)
        return self.items[key].value

    def __getitem__(self, key: str) -> Figure:
        return self.items[key]

    def __contains__(self, key: str) -> bool:
        return key in self.items

    def value(self, key: str) -> Optional[Decimal]:
        return self.items[key].value if key in self.items else None


@dataclass
class DerivedProject:
    index: int  # 1-based
    project: Project
    full_budget: Decimal
    carryover: Decimal
    execution_rate: Optional[Decimal]
    execution_score: Optional[Decimal]
    indicators: list[Scored]
    total_score: Optional[Decimal]
    grade: str
    groups: list["ScoreGroup"] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"project.{self.index}"


@dataclass
class ScoreGroup:
    """Indicators of one 一级指标 with their subtotal (for tables and narrative)."""

    level1: str
    weight: Decimal
    score: Optional[Decimal]
    rows: list[Scored]
    rule_weight: Optional[Decimal] = None  # the rule pack's weight for this 一级 (None: not in the pack)


@dataclass
class Derived:
    report: UnitYearInput
    rules: RulePack
    figures: Figures
    projects: list[DerivedProject]
    indicators: list[Scored]
    groups: list[ScoreGroup]
    total_score: Optional[Decimal]
    grade: str
    capped: bool = False


def derive_figures(report: UnitYearInput, rules: RulePack) -> Derived:
    figs = Figures()
    _staffing(report, figs)
    _basic(report, figs)
    projects = [_project(i, p, rules, figs) for i, p in enumerate(report.projects, 1)]
    _project_totals(projects, figs)
    _other_budgets(report, figs)
    _funds(report, rules, figs)
    _base_table(report, figs)
    scored = [score_indicator(ind, rules) for ind in report.indicators]
    groups = _groups(scored, rules)
    total, capped = _total(figs.value("funds.execution_score"), scored, figs.value("funds.execution_rate"), rules)
    grade = rules.grade(total) if total is not None else ""
    _score_figures("", scored, groups, total, grade, figs)
    _narrative_figures(report, rules, scored, projects, figs)
    return Derived(report, rules, figs, projects, scored, groups, total, grade, capped)


def _staffing(r: UnitYearInput, figs: Figures) -> None:
    s = r.staffing
    figs.add("staffing.authorized", "编制数", Decimal(s.authorized), "count")
    figs.add("staffing.actual", "年末实有人数", Decimal(s.actual), "count")
    figs.add("staffing.in_service", "实际在职人数", Decimal(s.in_service), "count")
    figs.add("staffing.retired", "退休人数", Decimal(s.retired), "count")
    figs.add("staffing.control_rate", "人员控制率", percent(Decimal(s.in_service), Decimal(s.authorized)), "percent")


def _basic(r: UnitYearInput, figs: Figures) -> None:
    b = r.basic_spending
    total = b.personnel.amount + b.public.amount
    figs.add("basic.total", "基本支出", total)
    figs.add("basic.personnel", "人员经费", b.personnel.amount)
    figs.add("basic.public", "公用经费", b.public.amount)
    personnel_share, public_share = shares([b.personnel.amount, b.public.amount])
    figs.add("basic.personnel_share", "人员经费占基本支出比例", personnel_share, "percent")
    figs.add("basic.public_share", "公用经费占基本支出比例", public_share, "percent")
    for prefix, block in (("basic.personnel", b.personnel), ("basic.public", b.public)):
        for i, item in enumerate(block.items, 1):
            if item.amount is not None:
                figs.add(f"{prefix}.item.{i}", item.name, item.amount)


def _project(i: int, p: Project, rules: RulePack, figs: Figures) -> DerivedProject:
    key = f"project.{i}"
    full = p.initial_budget + p.adjustment
    carry = full - p.spent
    figs.add(f"{key}.initial", f"{p.name}年初预算", p.initial_budget)
    figs.add(f"{key}.adjustment", f"{p.name}年中调整", p.adjustment)
    figs.add(f"{key}.adjustment_abs", f"{p.name}年中调整额", abs(p.adjustment))
    figs.add(f"{key}.full", f"{p.name}全年预算", full)
    figs.add(f"{key}.spent", f"{p.name}实际支出", p.spent)
    figs.add(f"{key}.carryover", f"{p.name}结余结转", carry)
    rate = figs.add(f"{key}.execution_rate", f"{p.name}执行率", percent(p.spent, full), "percent")
    exec_score = _execution_score(rate, rules)
    figs.add(f"{key}.execution_score", f"{p.name}执行率得分", exec_score, "score")
    figs.add(f"{key}.execution_weight", "执行率分值", rules.execution_weight, "score")
    scored: list[Scored] = []
    groups: list[ScoreGroup] = []
    total = None
    grade = ""
    if p.evaluation is not None:
        scored = [score_indicator(ind, rules) for ind in p.evaluation.indicators]
        groups = _groups(scored, rules)
        total, _ = _total(exec_score, scored, rate, rules)
        grade = rules.grade(total) if total is not None else ""
        _score_figures(f"{key}.", scored, groups, total, grade, figs)
    return DerivedProject(i, p, full, carry, rate, exec_score, scored, total, grade, groups)


def _project_totals(projects: list[DerivedProject], figs: Figures) -> None:
    def total(attr):
        return sum((attr(dp) for dp in projects), ZERO)

    figs.add("projects.initial", "项目年初预算合计", total(lambda dp: dp.project.initial_budget))
    figs.add("projects.adjustment", "项目年中调整合计", total(lambda dp: dp.project.adjustment))
    figs.add("projects.full", "项目全年预算合计", total(lambda dp: dp.full_budget))
    figs.add("projects.spent", "项目支出", total(lambda dp: dp.project.spent))
    figs.add("projects.carryover", "项目结余结转合计", total(lambda dp: dp.carryover))
    figs.add("projects.count", "项目个数", Decimal(len(projects)), "count")


def _other_budgets(r: UnitYearInput, figs: Figures) -> None:
    o = r.other_budgets
    figs.add("budgets.government_fund", "政府性基金预算支出", o.government_fund.amount)
    figs.add("budgets.state_capital", "国有资本经营预算支出", o.state_capital.amount)
    figs.add("budgets.social_insurance", "社会保险基金预算支出", o.social_insurance.amount)


def _execution_score(rate: Optional[Decimal], rules: RulePack) -> Optional[Decimal]:
    """分值 × 执行率, capped at 分值; rounded to 0.01 as printed so that 总分 is the sum of printed parts."""
    if rate is None:
        return None
    return round2(max(min(rules.execution_weight * rate / 100, rules.execution_weight), ZERO))


def _funds(r: UnitYearInput, rules: RulePack, figs: Figures) -> None:
    f = r.funds
    figs.add("funds.initial", "年初预算数", f.initial_budget)
    figs.add("funds.full", "全年预算数", f.full_budget)
    figs.add("funds.spent", "全年执行数", f.spent)
    rate = figs.add("funds.execution_rate", "执行率", percent(f.spent, f.full_budget), "percent")
    figs.add("funds.execution_weight", "执行率分值", rules.execution_weight, "score")
    figs.add("funds.execution_score", "执行率得分", _execution_score(rate, rules), "score")
    adj = percent(f.full_budget - f.initial_budget, f.initial_budget)
    figs.add("funds.adjustment_rate", "预算调整率", adj, "percent")
    figs.add("funds.adjustment", "年中预算调整额", f.full_budget - f.initial_budget)
    labels = {"general_public": "一般公共预算", "government_fund": "政府性基金拨款",
              "special_account": "纳入专户管理的非税收入拨款", "other": "其他资金"}
    for name, label in labels.items():
        figs.add(f"funds.income.{name}", label, getattr(f.by_income, name))
    figs.add("funds.income.total", "按收入性质分合计", sum((getattr(f.by_income, n) for n in labels), ZERO))
    figs.add("funds.basic", "基本支出（全部资金）", f.basic)
    figs.add("funds.project", "项目支出（全部资金）", figs.value("projects.spent"))
    figs.add("funds.expenditure.total", "按支出性质分合计", f.basic + figs.value("projects.spent"))


_COLUMNS = {"prior": "上年决算数", "budget": "本年预算数", "actual": "本年决算数"}


def _three(figs: Figures, key: str, label: str, row: ThreeYears) -> None:
    for col, col_label in _COLUMNS.items():
        figs.add(f"{key}.{col}", f"{label}{col_label}", getattr(row, col))


def _sum_rows(*rows: ThreeYears) -> ThreeYears:
    def col(name):
        values = [getattr(r, name) for r in rows if getattr(r, name) is not None]
        return sum(values, ZERO) if values else None

    return ThreeYears(prior=col("prior"), budget=col("budget"), actual=col("actual"))


def _base_table(r: UnitYearInput, figs: Figures) -> None:
    t = r.base_table.three_public
    car = _sum_rows(t.car_purchase, t.car_operation)
    _three(figs, "three_public.total", "三公经费", _sum_rows(car, t.overseas, t.reception))
    _three(figs, "three_public.car", "公务用车购置和维护经费", car)
    _three(figs, "three_public.car_purchase", "公车购置", t.car_purchase)
    _three(figs, "three_public.car_operation", "公车运行维护", t.car_operation)
    _three(figs, "three_public.overseas", "出国经费", t.overseas)
    _three(figs, "three_public.reception", "公务接待", t.reception)
    tot = figs.items
    prior, actual = tot["three_public.total.prior"].value, tot["three_public.total.actual"].value
    change = percent(actual - prior, prior) if prior is not None and actual is not None else None
    figs.add("three_public.change_rate", "三公经费变动率", change, "percent")
    pc = r.base_table.public_costs
    _three(figs, "public_costs.total", "公用经费", pc.total)
    _three(figs, "public_costs.office", "办公经费", pc.office)
    _three(figs, "public_costs.utilities_travel", "水费、电费、差旅费", pc.utilities_travel)
    _three(figs, "public_costs.meetings_training", "会议费、培训费", pc.meetings_training)
    for i, row in enumerate(pc.other, 1):
        _three(figs, f"public_costs.other.{i}", row.name, row)
    _three(figs, "procurement", "政府采购金额", r.base_table.procurement)
    _three(figs, "basic_adjustment", "部门基本支出预算调整", r.base_table.basic_adjustment)
    for i, b in enumerate(r.base_table.buildings, 1):
        figs.add(f"building.{i}.area_rate", f"{b.name}规模控制率", percent(b.actual_area, b.approved_area), "percent")
        figs.add(f"building.{i}.investment_rate", f"{b.name}投资概算控制率",
                 percent(b.actual_investment, b.budget_investment), "percent")


def _groups(scored: list[Scored], rules: RulePack) -> list[ScoreGroup]:
    order = list(rules.level1_weights)
    names = order + [s.indicator.level1 for s in scored if s.indicator.level1 not in order]
    groups = []
    for name in dict.fromkeys(names):
        rows = [s for s in scored if s.indicator.level1 == name]
        if not rows and name not in rules.level1_weights:
            continue
        weight = sum((s.indicator.weight for s in rows), ZERO)
        values = [s.score for s in rows if s.score is not None]
        groups.append(ScoreGroup(name, weight, sum(values, ZERO) if values else None, rows,
                                 rules.level1_weights.get(name)))
    return groups


def _total(exec_score, scored: list[Scored], rate, rules: RulePack) -> tuple[Optional[Decimal], bool]:
    if exec_score is None and not scored:
        return None, False
    """执行率得分 + every indicator's score; capped when the printed 执行率 falls in a rule-pack cap range."""
    total = (exec_score or ZERO) + sum((s.score for s in scored if s.score is not None), ZERO)
    shown_rate = round2(rate) if rate is not None else None
    for cap in rules.execution_caps:
        if shown_rate is not None and cap.min_rate <= shown_rate < cap.max_rate and total > cap.cap:
            return cap.cap, True
    return total, False


def _score_figures(prefix: str, scored: list[Scored], groups: list[ScoreGroup], total, grade, figs: Figures) -> None:
    for i, s in enumerate(scored, 1):
        figs.add(f"{prefix}indicator.{i}.weight", f"{s.indicator.name}分值", s.indicator.weight, "score")
        figs.add(f"{prefix}indicator.{i}.score", f"{s.indicator.name}得分", s.score, "score")
    for g in groups:
        figs.add(f"{prefix}score.{g.level1}", f"{g.level1}得分", g.score, "score")
        figs.add(f"{prefix}weight.{g.level1}", f"{g.level1}分值", g.weight, "score")
    weights = sum((s.indicator.weight for s in scored), ZERO)
    exec_weight = figs.value(f"{prefix}execution_weight" if prefix else "funds.execution_weight")
    figs.add(f"{prefix}score.weight_total", "分值合计", weights + exec_weight, "score")
    figs.add(f"{prefix}score.total", "总分", total, "score")
    figs.add(f"{prefix}score.grade", "等级", grade, "text")


# --------------------------------------------------------------------------- figures the narrative cites
# Sections 七/八 (narrate.py) print gaps and shares; they are computed here like every other figure.

SATISFACTION = "满意度"


def is_quantified(target: str) -> bool:
    """A target with a digit in it ("2个", "≥95%", "2022年底") can be checked; "提升" cannot."""
    return any(ch.isdigit() for ch in target)


def _narrative_figures(r: UnitYearInput, rules: RulePack, scored: list[Scored],
                       projects: list[DerivedProject], figs: Figures) -> None:
    f = r.funds
    figs.add("funds.unspent", "未执行金额", f.full_budget - f.spent)
    figs.add("funds.overspend", "超预算执行金额", f.spent - f.full_budget)
    figs.add("staffing.excess", "超编人数", Decimal(r.staffing.in_service - r.staffing.authorized), "count")
    for key in ("three_public.total", "public_costs.total", "procurement"):
        budget, actual, prior = (figs.value(f"{key}.{c}") for c in ("budget", "actual", "prior"))
        label = row_label(figs, key)
        if budget is not None and actual is not None:
            figs.add(f"{key}.over_budget", f"{label}超预算金额", actual - budget)
        if prior is not None and actual is not None:
            figs.add(f"{key}.increase", f"{label}比上年增加", actual - prior)
    for name, weight in rules.level1_weights.items():
        figs.add(f"standard_weight.{name}", f"{name}标准分值", weight, "score")
    _indicator_gaps("", scored, figs)
    for dp in projects:
        figs.add(f"{dp.key}.overspend", f"{dp.project.name}超预算支出", -dp.carryover)
        _indicator_gaps(f"{dp.key}.", dp.indicators, figs)
    count = len(scored)
    vague = sum(1 for s in scored if not is_quantified(s.indicator.target))
    figs.add("indicators.count", "绩效指标个数", Decimal(count), "count")
    figs.add("indicators.unquantified_count", "定性指标个数", Decimal(vague), "count")
    figs.add("indicators.unquantified_share", "定性指标占比", percent(Decimal(vague), Decimal(count)), "percent")
    satisfied = sum(1 for s in scored if SATISFACTION in s.indicator.level1)
    figs.add("indicators.satisfaction_count", "满意度指标个数", Decimal(satisfied), "count")


def row_label(figs: Figures, key: str) -> str:
    """The name of a 基础数据表 row ("公用经费") from the label of its budget column."""
    return figs[f"{key}.budget"].label.removesuffix(_COLUMNS["budget"])


def _indicator_gaps(prefix: str, scored: list[Scored], figs: Figures) -> None:
    for i, s in enumerate(scored, 1):
        key = f"{prefix}indicator.{i}"
        figs.add(f"{key}.target", f"{s.indicator.name}年度指标值", s.indicator.target, "text")
        figs.add(f"{key}.actual", f"{s.indicator.name}实际完成值", s.indicator.actual, "text")
        lost = s.indicator.weight - s.score if s.score is not None else None
        figs.add(f"{key}.lost", f"{s.indicator.name}扣分", lost, "score")
