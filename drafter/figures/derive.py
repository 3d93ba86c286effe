"""Every derived figure of a report, computed once from the input: the only place arithmetic happens.

Each figure is registered under a stable key with its kind; its Chinese label comes from
templates/figures.yaml (figures/labels.py). Values are exact numbers (Decimal), genuine text (kind "text")
or None for "not available"; they are formatted only when displayed (numbers.display).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import get_args

from drafter.figures.labels import figure_labels
from drafter.figures.lists import Entry, ItemList, summarise, summarise_entries
from drafter.figures.numbers import (
    DEFAULT_FORMAT,
    ZERO,
    Figure,
    Kind,
    NumberFormat,
    as_printed,
    percent,
    round2,
    shares,
)
from drafter.figures.rulepacks import Cap, Materiality, RulePack
from drafter.figures.scoring import (
    Scored,
    far_above_target,
    printed_target,
    score_indicator,
    stated_kind,
    strict_bound,
)
from drafter.limits import MAX_NAMED_INDICATORS
from drafter.model.schema import (
    PROJECT_PRIOR_FIELDS,
    Project,
    ProjectCategory,
    ProjectPriors,
    Staffing,
    ThreeYears,
    UnitYearInput,
    kind_contradicted,
)


@dataclass
class Figures:
    """A flat, ordered registry of figures by stable key (read by templates, tables, checks, diff, refresh)."""

    items: dict[str, Figure] = field(default_factory=dict)
    fmt: NumberFormat = DEFAULT_FORMAT  # how every figure prints (the kit's `numbers`)
    # figures.yaml's label templates by pattern, and the templates of row × column figures: looked up per figure
    _labels: dict[str, str] = field(default_factory=lambda: figure_labels().labels, init=False, repr=False,
                                    compare=False)
    _cells: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def add(self, pattern: str, value: Decimal | int | str | None, kind: Kind = "money", /,
            **names: object) -> Decimal | None:
        """Register the figure keyed `pattern` filled in from `names` (`project.{n}.spent`, n=2 → `project.2.spent`).

        Its label is figures.yaml's entry for `pattern`, filled in from the same `names`.
        """
        return self.add_at(pattern.format(**names) if "{" in pattern else pattern, pattern, value, kind, names)

    def add_at(self, key: str, pattern: str, value: Decimal | int | str | None, kind: Kind,
               names: dict[str, object]) -> Decimal | None:
        """`add` for a caller that has built the key itself (`key` is `pattern` filled in from `names`).

        The label's template is looked up now (KeyError when figures.yaml has none) and filled in from `names`
        only when the label is read: most figures are only looked up by key, never printed."""
        try:
            template = self._labels[pattern]
        except KeyError:
            template = figure_labels().template(pattern)  # raises the KeyError that names the pattern
        stored = value if value is None or (type(value) is Decimal and kind != "text") \
            else _checked(key, value, kind)  # usual: exact, or not available
        self.items[key] = Figure(key, template, stored, kind, self.fmt, names if "{" in template else None)
        return None if isinstance(stored, str) else stored

    def add_cell(self, row: str, column: str, value: Decimal | None, /, **names: object) -> Decimal | None:
        """Register one 基础数据表 row × column money figure, keyed `<row>.<column>` (万元); its label (row name +
        column name, figures.yaml) is filled in from `names` when first read, as `add_at`'s."""
        pattern = f"{row}.{column}"
        key = pattern.format(**names) if "{" in pattern else pattern
        template = self._cells.get((row, column))
        if template is None:
            template = self._cells[row, column] = _cell_template(row, column, names)
        stored = value if value is None or type(value) is Decimal else _checked(key, value, "money")
        self.items[key] = Figure(key, template, stored, "money", self.fmt, names if "{" in template else None)
        return None if isinstance(stored, str) else stored

    def put(self, key: str, label: str, value: Decimal | int | str | None,
            kind: Kind = "money") -> Decimal | None:
        """Register a figure under an explicit key and label; numbers become Decimal, never text.

        Returns the number stored (None for a figure not available, or a text figure).
        """
        stored = _checked(key, value, kind)
        self.items[key] = Figure(key, label, stored, kind, self.fmt)
        return None if isinstance(stored, str) else stored

    def __getitem__(self, key: str) -> Figure:
        return self.items[key]

    def __contains__(self, key: str) -> bool:
        return key in self.items

    def value(self, key: str) -> Decimal | str | None:
        """Any figure's value as stored (None: not available, or no such figure); templates call this."""
        return self.items[key].value if key in self.items else None

    def number(self, key: str) -> Decimal | None:
        """A number figure's value (None: not available, or no such figure)."""
        value = self.value(key)
        if isinstance(value, str):
            raise TypeError(f"figure {key} holds text, not a number")
        return value

    def printed(self, key: str) -> Decimal | None:
        """A number figure's value as the report prints it (`numbers.as_printed` under the kit's format): what a
        stated decision (a generated problem's trigger) compares. None: not available, or no such figure."""
        value = self.number(key)
        return None if value is None else as_printed(value, self.items[key].kind, self.fmt)

    def known(self, key: str) -> Decimal:
        """A number figure derive always computes (a total, a difference of entered amounts)."""
        value = self.number(key)
        if value is None:
            raise KeyError(f"figure {key} is not available")
        return value


def _cell_template(row: str, column: str, names: dict[str, object]) -> str:
    """The label template of a row × column figure: `FigureLabels.cell`'s text with the row's placeholders unfilled
    (the column name's braces, if any, escaped). Raises KeyError as `FigureLabels.cell` does."""
    labels = figure_labels()
    if row not in labels.rows or column not in labels.columns:
        labels.cell(row, column, **names)  # the KeyError that names the missing row or column
    return labels.rows[row] + labels.columns[column].replace("{", "{{").replace("}", "}}")


def _checked(key: str, value: object, kind: Kind) -> Decimal | str | None:
    """A figure's value as stored: None (not available), text for kind "text", otherwise an exact Decimal.

    Numbers are never stored pre-formatted ("12.50") nor as binary floats: formatting is display's job.
    """
    if value is None:
        return None
    if type(value) is Decimal and kind != "text":  # the usual case: already exact
        return value
    if kind == "text":
        if not isinstance(value, str):
            raise TypeError(f"figure {key}: a text figure holds text, not {type(value).__name__}")
        return value
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"figure {key}: a {kind} figure holds a Decimal or int, "
                        f"not {type(value).__name__} {value!r}")
    return Decimal(value)


@dataclass
class DerivedProject:
    index: int  # 1-based
    project: Project
    full_budget: Decimal
    carryover: Decimal
    execution_score: Decimal | None
    indicators: list[Scored]
    total_score: Decimal | None
    grade: str
    groups: list[ScoreGroup] = field(default_factory=list)
    execution_reason: str = ""  # its 执行率偏低原因 (also of a project whose evaluation holds nothing else)
    kind_contradicted: bool = False  # its 项目类型 is what its figures say it is not (`kind_contradicted`)

    @property
    def key(self) -> str:
        return f"project.{self.index}"

    @property
    def cancelled(self) -> bool:
        """No money in the full-year budget and nothing spent: cut to zero during the year (the report says it was
        cancelled) or never funded. Either way one sentence, no use of funds, and no self-evaluation table."""
        return self.full_budget == 0 and self.project.spent == 0

    @property
    def negative_budget(self) -> bool:
        """A 年中调减 larger than the 年初预算: a 全年预算 below zero (check E016). No 结余结转, 执行率 or 超支
        rests on it: those figures are not available (`unbudgeted`), and the problem rules leave the project out,
        saying why."""
        return self.full_budget < 0

    @property
    def stated_kind(self) -> str:
        """The 项目类型 the report may state of the project: the input's, or "" when its figures contradict it (a
        年中追加 project with a 年初预算; attacker att40a F15), which W092 asks the user to put right."""
        return "" if self.kind_contradicted else self.project.kind


@dataclass
class ScoreGroup:
    """Indicators of one 一级指标 with their subtotal (for tables and narrative)."""

    level1: str
    weight: Decimal
    score: Decimal | None
    rows: list[Scored]
    rule_weight: Decimal | None = None  # the rule pack's weight for this 一级 (None: not in the pack)


@dataclass
class Derived:
    report: UnitYearInput
    rules: RulePack
    figures: Figures
    projects: list[DerivedProject]
    indicators: list[Scored]
    groups: list[ScoreGroup]
    total_score: Decimal | None
    grade: str
    capped: bool = False
    public: bool = False  # the published version (figures/public.py): confidential projects left out
    lists: dict[str, ItemList] = field(default_factory=dict)  # basic.personnel / .public, projects.added…: to list

    @property
    def any_missed(self) -> bool:
        """Whether an indicator of the unit's or of a project's missed its target (`Scored.missed`)."""
        return any(s.missed for s in (*self.indicators, *(i for dp in self.projects for i in dp.indicators)))


def derive_figures(report: UnitYearInput, rules: RulePack, fmt: NumberFormat = DEFAULT_FORMAT) -> Derived:
    """Every figure of `report` under `rules`, each printing under `fmt` (the kit's number display)."""
    figs = Figures(fmt=fmt)
    _staffing(report, figs)
    _basic(report, figs)
    projects = [_project(i, p, rules, figs) for i, p in enumerate(report.projects, 1)]
    _project_totals(projects, figs)
    _other_budgets(report, figs)
    _funds(report, rules, figs)
    _base_table(report, figs)
    _project_rows(projects, figs)
    _ended_rows(projects, report.base_table.project_priors, figs)
    scored = [score_indicator(ind, rules) for ind in report.indicators]
    groups = score_groups(scored, rules.weights_for(project=False))
    made = total_score(figs.number("funds.execution_score"), scored, figs.number("funds.execution_rate"), rules)
    total, capped = made.total, made.capped
    grade = rules.grade(total) if total is not None else ""
    _score_figures("", {}, scored, groups, made, grade, figs)
    _narrative_figures(report, rules, scored, projects, figs)
    _check_figures(report, rules, scored, groups, projects, figs)
    lists = _item_lists(report, rules, figs) | project_lists(projects, rules, figs) | \
        indicator_lists(scored, projects, figs) | building_lists(report, rules, figs)
    return Derived(report, rules, figs, projects, scored, groups, total, grade, capped, lists=lists)


def _item_lists(r: UnitYearInput, rules: RulePack, figs: Figures) -> dict[str, ItemList]:
    """The 人员经费 / 公用经费 items section 二 lists: the rule pack's `list_items` largest, then 等 N 项."""
    def add(key: str, value: Decimal | int, kind: Kind) -> str:
        figs.add(key, value, kind)
        return key

    b = r.basic_spending
    return {prefix: summarise(block.items, prefix, rules.list_items, add)
            for prefix, block in (("basic.personnel", b.personnel), ("basic.public", b.public))}


def addition_key(dp: DerivedProject, figs: Figures) -> str:
    """A project's mid-year addition (万元): its 年中调整, less any 上年结转 that came in during the year."""
    return f"{dp.key}.adjustment_net" if figs.number(f"{dp.key}.carried_added") else f"{dp.key}.adjustment"


def project_lists(projects: list[DerivedProject], rules: RulePack, figs: Figures,
                  keyed: str = "") -> dict[str, ItemList]:
    """Lists of projects the problems name (issue 13 round 3: never 12 names in a row), each the rule pack's
    `list_items` largest then 等 N 项: projects.added (年中追加 > 0, by that amount) and projects.unevaluated
    (no 项目自评表 and not cancelled, by 实际支出); and, the first `list_items` in input order, projects.carried
    (`carried_over`) and projects.overspent (超支 not below the pack's overspend_amount). A list cut short adds its
    count and total (万元) to `figs`
    under `<keyed>projects.added.items_count` … (`keyed`: "public." for the public version's lists, which leave
    the confidential projects out: the full version's figures keep their keys and values)."""
    def add(key: str, value: Decimal | int, kind: Kind) -> str:
        figs.add(keyed + key, value, kind)
        return keyed + key

    def entry(at: int, dp: DerivedProject, key: str) -> Entry:
        return Entry(dp.project.name, key, figs.number(key), at)

    added = [entry(at, dp, addition_key(dp, figs)) for at, dp in enumerate(projects)]
    added = [e for e in added if (e.amount or 0) > 0]
    unevaluated = [entry(at, dp, f"{dp.key}.spent") for at, dp in enumerate(projects)
                   if dp.project.evaluation is None and not dp.cancelled]
    m = rules.materiality
    carried = [Entry(dp.project.name, None, None, at) for at, dp in enumerate(projects) if carried_over(dp, figs, m)]
    overspent = [Entry(dp.project.name, None, None, at) for at, dp in enumerate(projects)
                 if at_least(figs, f"{dp.key}.overspend", m.overspend_amount)]
    return {prefix: summarise_entries(entries, prefix, rules.list_items, add)
            for prefix, entries in (("projects.added", added), ("projects.unevaluated", unevaluated),
                                    ("projects.carried", carried), ("projects.overspent", overspent))}


def carried_over(dp: DerivedProject, figs: Figures, m: Materiality) -> bool:
    """A project whose 结余结转 is material and whose 执行率 prints below 100% (200.01 万元 spent of 200.02 prints
    100.00%: a paragraph on its slow spending would contradict that), and whose 结余结转 is a visible part of the
    unit's 全年预算数 as the report prints shares (0.01 万元 of 718 万元 prints 0.00%: the unit's own 执行率 prints
    100.00% over the same residue, so a problem of 资金使用进度偏慢 would rest on nothing the report shows)."""
    rate, share = figs.printed(f"{dp.key}.execution_rate"), figs.printed(f"{dp.key}.carryover_share")
    return (dp.carryover >= m.carryover_amount and rate is not None and rate < 100
            and (share is None or share > 0))


def at_least(figs: Figures, key: str, floor: Decimal) -> bool:
    """Figure KEY is available and not below FLOOR (an overspend of a project with a negative 全年预算 is not)."""
    value = figs.number(key)
    return value is not None and value >= floor


def building_lists(report: UnitYearInput, rules: RulePack, figs: Figures) -> dict[str, ItemList]:
    """buildings.overrun: the buildings whose 规模 or 投资控制率, as printed, is above the pack's
    building_control_rate (`overrun_rates`), in input order: the rule pack's `list_items` first, then 等 N 个."""
    def add(key: str, value: Decimal | int, kind: Kind) -> str:
        figs.add(key, value, kind)
        return key

    over = [Entry(b.name, None, None, at) for at, b in enumerate(report.base_table.buildings)
            if overrun_rates(figs, at + 1, rules.materiality.building_control_rate)]
    return {"buildings.overrun": summarise_entries(over, "buildings.overrun", rules.list_items, add)}


def overrun_rates(figs: Figures, n: int, ceiling: Decimal) -> list[str]:
    """The keys of building N's control rates (规模, 投资) printed above CEILING (%)."""
    return [f"building.{n}.{r}" for r in ("area_rate", "investment_rate") if (figs.printed(f"building.{n}.{r}") or 0)
            > ceiling]


INDICATOR_LISTS: dict[str, Callable[[Scored], bool]] = {
    "indicators.missed": lambda s: s.missed,
    "indicators.unexplained": lambda s: s.missed and not s.indicator.stated_reason,
    "indicators.over_achieved": far_above_target,
    "indicators.at_bound": strict_bound,
}
"""The lists of indicators the generated problems name (narrative.problem_rules: missed_indicator, missing_deviation,
over_achievement; at_bound the fallback's), each by which scored indicators it holds."""


def indicator_lists(scored: list[Scored], projects: list[DerivedProject], figs: Figures,
                    keyed: str = "") -> dict[str, ItemList]:
    """The unit's and then each project's indicators of each INDICATOR_LISTS list, in that order (the rows
    `problem_rules.indicator_rows` gives): the first MAX_NAMED_INDICATORS shown (`Listed.at`: the place in that
    order), and when there are more, their exact number as `<keyed><list>.items_count` (count) — what a generated
    paragraph says after the names it prints (等 N 项), never 2,000 names in a row. `keyed` as `project_lists`."""
    def add(key: str, value: Decimal | int, kind: Kind) -> str:
        figs.add(keyed + key, value, kind)
        return keyed + key

    rows = [*scored, *(s for dp in projects for s in dp.indicators)]
    out = {}
    for prefix, keep in INDICATOR_LISTS.items():
        entries = [Entry(s.indicator.name, None, None, at) for at, s in enumerate(r for r in rows if keep(r))]
        out[prefix] = summarise_entries(entries, prefix, MAX_NAMED_INDICATORS, add)
    return out


def _category_total(s: Staffing, retired: bool) -> int | None:
    """Head-count (人) of the serving (retired=False) or 离退休 categories; None when there are none or any of
    them is not reported."""
    counts = [c.count for c in s.categories if c.retired == retired]
    if not counts or any(c is None for c in counts):
        return None
    return sum(c for c in counts if c is not None)


def year_end_counts(s: Staffing) -> tuple[int | None, int | None]:
    """年末实有人数 and 退休人数 (人) as the report states them: the input's, else its categories' totals (None when
    neither is reported)."""
    serving, retired = _category_total(s, retired=False), _category_total(s, retired=True)
    return (s.actual if s.actual is not None else serving, s.retired if s.retired is not None else retired)


def spent_by_category(projects: list[Project]) -> dict[str, Decimal | None]:
    """Table 1-1's 项目支出 本年决算数 (万元) as printed: "" → all projects, then each 项目类别 that has projects
    (`complete_sum`: None when there are none)."""
    spent: list[Decimal | None] = [p.spent for p in projects]
    totals: dict[str, Decimal | None] = {"": complete_sum(spent)}
    for category in get_args(ProjectCategory):
        members: list[Decimal | None] = [p.spent for p in projects if p.category == category]
        if members:
            totals[category] = complete_sum(members)
    return totals


def _staffing(r: UnitYearInput, figs: Figures) -> None:
    """Head-counts (人) and 人员控制率 (%); a count not reported is None, and so is every figure that needs it.

    With staff categories: 在职人员合计 and 离退休人员合计 are their sums, and stand in for 年末实有人数 /
    实际在职人数 and 退休人数 when those are left out.
    """
    s = r.staffing
    serving, retired_total = _category_total(s, retired=False), _category_total(s, retired=True)
    figs.add("staffing.serving_total", serving if s.categories else None, "count")
    figs.add("staffing.retired_total", retired_total if s.categories else None, "count")
    for i, c in enumerate(s.categories, 1):
        figs.add("staffing.category.{n}", c.count, "count", n=i, name=c.name)
        figs.add("staffing.category.{n}.change_abs", abs(c.change) if c.change is not None else None, "count",
                 n=i, name=c.name)
    actual, retired = year_end_counts(s)
    in_service = s.in_service if s.in_service is not None else serving
    figs.add("staffing.authorized", s.authorized, "count")
    figs.add("staffing.actual", actual, "count")
    figs.add("staffing.in_service", in_service, "count")
    figs.add("staffing.retired", retired, "count")
    rate = percent(Decimal(in_service), Decimal(s.authorized)) \
        if in_service is not None and s.authorized is not None else None
    figs.add("staffing.control_rate", rate, "percent")
    figs.add("staffing.actual_change_abs", abs(s.actual_change) if s.actual_change is not None else None, "count")
    retired_change = abs(s.retired_change) if s.retired_change is not None else None
    figs.add("staffing.retired_change_abs", retired_change, "count")


def _basic(r: UnitYearInput, figs: Figures) -> None:
    """基本支出 and its two parts (万元) with their shares (%, adding to 100.00)."""
    b = r.basic_spending
    total = b.personnel.amount + b.public.amount
    figs.add("basic.total", total)
    figs.add("basic.personnel", b.personnel.amount)
    figs.add("basic.public", b.public.amount)
    personnel_share, public_share = shares([b.personnel.amount, b.public.amount])
    figs.add("basic.personnel_share", personnel_share, "percent")
    figs.add("basic.public_share", public_share, "percent")
    for prefix, block in (("basic.personnel", b.personnel), ("basic.public", b.public)):
        for i, item in enumerate(block.items, 1):
            if item.amount is not None:
                figs.add(prefix + ".item.{n}", item.amount, n=i, name=item.name)


def _project(i: int, p: Project, rules: RulePack, figs: Figures) -> DerivedProject:
    """One project's budget, spending and carry-over (万元), 执行率 (%) and, when evaluated, its scores (points).
    An evaluation holding only the 执行率偏低原因 is no self-evaluation: the project is not evaluated, the reason
    kept."""
    reason = p.evaluation.execution_reason if p.evaluation is not None else ""
    if p.evaluation is not None and p.evaluation.reason_only:
        p = p.model_copy(update={"evaluation": None})
    full = p.initial_budget + p.adjustment
    carry = full - p.spent
    names = {"n": i, "name": p.name}
    figs.add("project.{n}.initial", p.initial_budget, **names)
    figs.add("project.{n}.adjustment", p.adjustment, **names)
    figs.add("project.{n}.adjustment_abs", abs(p.adjustment), **names)
    figs.add("project.{n}.full", full, **names)
    figs.add("project.{n}.spent", p.spent, **names)
    figs.add("project.{n}.prior_actual", p.prior_year_actual, **names)
    figs.add("project.{n}.carryover", unbudgeted(full, carry), **names)
    _project_sources(p, figs, names)
    rate = figs.add("project.{n}.execution_rate", unbudgeted(full, percent(p.spent, full)), "percent", **names)
    exec_score = execution_score(rate, rules)
    figs.add("project.{n}.execution_score", exec_score, "score", **names)
    figs.add("project.{n}.execution_weight", rules.execution_weight, "score", **names)
    scored: list[Scored] = []
    groups: list[ScoreGroup] = []
    total = None
    grade = ""
    if p.evaluation is not None:
        scored = [score_indicator(ind, rules) for ind in p.evaluation.indicators]
        groups = score_groups(scored, rules.weights_for(project=True))
        made = total_score(exec_score, scored, rate, rules)
        total = made.total
        grade = rules.grade(total) if total is not None else ""
        _score_figures("project.{n}.", {"n": i}, scored, groups, made, grade, figs)
    contradicted = kind_contradicted(p, figs.known(f"project.{i}.adjustment_net"))
    return DerivedProject(i, p, full, carry, exec_score, scored, total, grade, groups, reason, contradicted)


def unbudgeted(full: Decimal, value: Decimal | None) -> Decimal | None:
    """VALUE, a figure resting on the 全年预算 FULL (结余结转, 执行率, 超支), or None when FULL is below zero: a cut
    larger than the 年初预算 (E016) leaves nothing to compare spending with (attacker att40a F12: 结余结转-50.00万元,
    执行率0.00% and 超支50.00万元 of a project that spent nothing)."""
    return None if full < 0 else value


SOURCES = ("current", "carried", "other")
SOURCE_COLUMNS = ("initial", "full", "spent")
_OLD_SOURCE_FIELDS = {"current": "current_funding", "carried": "carried_funding", "other": "other_funding"}


def source_amount(p: Project, source: str, column: str) -> Decimal | None:
    """A project's money from one source (本年财政拨款 / 上年结转 / 其他资金) in one column (万元), None if not given.

    The 全年预算 column falls back to the project self-evaluation's old fields (当年财政拨款, 上年结转资金, 其他资金).
    """
    value = getattr(getattr(p.funding, source), column)
    if value is None and column == "full" and p.evaluation is not None:
        value = getattr(p.evaluation, _OLD_SOURCE_FIELDS[source])
    return value


def _project_sources(p: Project, figs: Figures, names: dict[str, object]) -> None:
    """Money by source × column (万元); 上年结转 added in the year and the 年中调整 net of it (万元).

    上年结转 that was not in the 年初预算 is part of 年中调整 in the input's arithmetic
    (全年预算 = 年初预算 + 年中调整), but it is not a mid-year increase: the net adjustment leaves it out.
    Source: 财预〔2020〕10号 附件 项目资金 (年初预算数 / 全年预算数 / 全年执行数,
    其中 当年财政拨款 / 上年结转资金 / 其他资金).
    """
    for source in SOURCES:
        for column in SOURCE_COLUMNS:
            figs.add_cell("project.{n}." + source, column, source_amount(p, source, column), **names)
    carried = source_amount(p, "carried", "full")
    added = carried - (source_amount(p, "carried", "initial") or ZERO) if carried is not None else ZERO
    figs.add("project.{n}.carried_funds", carried if carried else None, **names)
    net = p.adjustment - added
    figs.add("project.{n}.carried_added", added, **names)
    figs.add("project.{n}.adjustment_net", net, **names)
    figs.add("project.{n}.adjustment_net_abs", abs(net), **names)


def _project_totals(projects: list[DerivedProject], figs: Figures) -> None:
    """All projects' budgets, spending and carry-over (万元), and how many projects."""
    def total(attr: Callable[[DerivedProject], Decimal]) -> Decimal:
        return sum((attr(dp) for dp in projects), ZERO)

    figs.add("projects.initial", total(lambda dp: dp.project.initial_budget))
    figs.add("projects.adjustment", total(lambda dp: dp.project.adjustment))
    figs.add("projects.full", total(lambda dp: dp.full_budget))
    figs.add("projects.spent", total(lambda dp: dp.project.spent))
    negative = any(dp.negative_budget for dp in projects)  # a part not available: no total (dp.negative_budget)
    figs.add("projects.carryover", None if negative else total(lambda dp: dp.carryover))
    carried = sum((figs.known(f"{dp.key}.carried_added") for dp in projects), ZERO)
    figs.add("projects.carried_added", carried)
    figs.add("projects.adjustment_net", figs.known("projects.adjustment") - carried)
    figs.add("projects.adjustment_abs", abs(figs.known("projects.adjustment")))  # text says 调增/调减 itself
    figs.add("projects.adjustment_net_abs", abs(figs.known("projects.adjustment_net")))
    # the increases and the cuts apart (the net of +120 and −25 is no 调增 of 95: attacker att46 F14)
    nets = [figs.known(f"{dp.key}.adjustment_net") for dp in projects]
    for key, changes in (("projects.adjustment", [dp.project.adjustment for dp in projects]),
                         ("projects.adjustment_net", nets)):
        figs.add(f"{key}_up", sum((c for c in changes if c > 0), ZERO))
        figs.add(f"{key}_down", -sum((c for c in changes if c < 0), ZERO))
    figs.add("projects.count", len(projects), "count")
    figs.add("projects.cancelled_count", sum(1 for dp in projects if dp.cancelled), "count")


def _other_budgets(r: UnitYearInput, figs: Figures) -> None:
    o = r.other_budgets
    figs.add("budgets.government_fund", o.government_fund.amount)
    figs.add("budgets.state_capital", o.state_capital.amount)
    figs.add("budgets.social_insurance", o.social_insurance.amount)


def execution_score(rate: Decimal | None, rules: RulePack) -> Decimal | None:
    """分值 × 执行率 (points; `rate` in %, unrounded), capped at 分值; rounded to 0.01 as printed so that 总分 is the
    sum of printed parts. The 执行率 is taken as printed, to 0.01% (the 一体化 systems keep exe_amt_rate to two
    decimals and score from it, SCORING.md §2): 94.9495% prints 94.95% and scores 10 × 94.95% = 9.50, never the
    9.49 that the unrounded rate gives beside it."""
    return None if rate is None else weighted_execution_score(rate, rules.execution_weight)


def weighted_execution_score(rate: Decimal, weight: Decimal) -> Decimal:
    """`execution_score` for a 执行率分值 of `weight` points (a printed table's, which may differ from the pack's):
    weight × the rate as printed (%, to 0.01), capped at weight, never below 0; rounded to 0.01 (points), half up.

    The budget systems' formula as it stands (SCORING.md §2: 执行率得分 = W × 执行率, capped at W; §1: scores to
    0.01, 四舍五入): 10 × 99.95% is 9.995 and scores 10.00, as the systems score it, even though the problem
    paragraph (预算执行不够充分) rightly fires for a rate printed below 100.00%; a drafter score that differed from
    the system's would be sent back."""
    return round2(max(min(weight * round2(rate) / 100, weight), ZERO))


_INCOME = ("general_public", "government_fund", "special_account", "other")


def _funds(r: UnitYearInput, rules: RulePack, figs: Figures) -> None:
    """Table 1-2's 资金情况: budgets and spending (万元), 执行率 and 预算调整率 (%), 执行率得分 (points)."""
    f = r.funds
    figs.add("funds.initial", f.initial_budget)
    figs.add("funds.full", f.full_budget)
    figs.add("funds.spent", f.spent)
    rate = figs.add("funds.execution_rate", percent(f.spent, f.full_budget), "percent")
    figs.add("funds.execution_weight", rules.execution_weight, "score")
    figs.add("funds.execution_score", execution_score(rate, rules), "score")
    carried = figs.known("projects.carried_added")  # 上年结转 is not a mid-year addition
    adjustment = f.full_budget - f.initial_budget - carried
    figs.add("funds.carried", carried if carried else None)
    figs.add("funds.adjustment_rate", percent(adjustment, f.initial_budget), "percent")
    figs.add("funds.adjustment", adjustment)
    _plans(r, figs)
    for name in _INCOME:
        figs.add(f"funds.income.{name}", getattr(f.by_income, name))
    figs.add("funds.income.total", sum((getattr(f.by_income, n) for n in _INCOME), ZERO))
    figs.add("funds.basic", f.basic)
    figs.add("funds.project", figs.known("projects.spent"))
    figs.add("funds.expenditure.total", f.basic + figs.known("projects.spent"))


def _plans(r: UnitYearInput, figs: Figures) -> None:
    """Unit-level plans without a per-project split (万元): 基本支出 and all projects' 年初预算, the spending set
    against them (基本支出 全部资金口径, 项目支出), and spending as a percentage of plan (%); None when not given."""
    f = r.funds
    figs.add("funds.basic_plan", f.basic_plan)
    figs.add("funds.projects_plan", f.projects_plan)
    spent = figs.known("projects.spent")
    basic_rate = percent(f.basic, f.basic_plan) if f.basic_plan is not None else None
    figs.add("funds.basic_plan_rate", basic_rate, "percent")
    plan = f.projects_plan
    figs.add("funds.projects_plan_rate", percent(spent, plan) if plan is not None else None, "percent")
    figs.add("funds.projects_over_plan", _gap(spent - plan) if plan is not None else None)  # under plan: no excess
    carried = figs.known("projects.carried_added")  # last year's money spent this year: not over this year's plan
    figs.add("funds.projects_plan_rate_net", percent(spent - carried, plan) if plan is not None and carried else None,
             "percent")
    split = figs.known("projects.initial")  # the projects' own 年初预算: 0 left over when they split the plan
    figs.add("funds.projects_plan_unsplit", plan - split if plan is not None and split is not None else None)


_COLUMNS = ("prior", "budget", "actual")


def _three(figs: Figures, row: str, values: ThreeYears, **names: object) -> None:
    """A 基础数据表 row: 上年决算数, 本年预算数, 本年决算数 (万元), keyed `<row>.prior|budget|actual`."""
    for col in _COLUMNS:
        figs.add_cell(row, col, getattr(values, col), **names)


def _sum_rows(*rows: ThreeYears) -> ThreeYears:
    """The rows' sum, column by column (万元). A row left out altogether (no column given) is a line the input does
    not report and is not part of the sum; a row that gives some columns and leaves this one blank makes this
    column not available (`complete_sum`), as does leaving out every row."""
    reported = [r for r in rows if not _unreported(r)]

    def col(name: str) -> Decimal | None:
        return complete_sum([getattr(r, name) for r in reported])

    return ThreeYears(prior=col("prior"), budget=col("budget"), actual=col("actual"))


def _unreported(row: ThreeYears) -> bool:
    """A 基础数据表 row with no column given: left out of the input altogether."""
    return all(getattr(row, c) is None for c in _COLUMNS)


def _base_table(r: UnitYearInput, figs: Figures) -> None:
    """Table 1-1: 三公经费 (with its subtotals), 公用经费, 政府采购, 预算调整 (万元); control rates (%)."""
    t = r.base_table.three_public
    car = _sum_rows(t.car_purchase, t.car_operation)
    _three(figs, "three_public.total", _sum_rows(car, t.overseas, t.reception))
    _three(figs, "three_public.car", car)
    _three(figs, "three_public.car_purchase", t.car_purchase)
    _three(figs, "three_public.car_operation", t.car_operation)
    _three(figs, "three_public.overseas", t.overseas)
    _three(figs, "three_public.reception", t.reception)
    prior, actual = figs.number("three_public.total.prior"), figs.number("three_public.total.actual")
    change = percent(actual - prior, prior) if prior is not None and actual is not None else None
    figs.add("three_public.change_rate", change, "percent")
    pc = r.base_table.public_costs
    _three(figs, "public_costs.total", pc.total)
    _three(figs, "public_costs.office", pc.office)
    _three(figs, "public_costs.utilities_travel", pc.utilities_travel)
    _three(figs, "public_costs.meetings_training", pc.meetings_training)
    for i, row in enumerate(pc.other, 1):
        _three(figs, "public_costs.other.{n}", row, n=i, name=row.name)
    _three(figs, "procurement", r.base_table.procurement)
    _three(figs, "basic_adjustment", r.base_table.basic_adjustment)
    for i, b in enumerate(r.base_table.buildings, 1):
        figs.add("building.{n}.area_rate", percent(b.actual_area, b.approved_area), "percent", n=i, name=b.name)
        figs.add("building.{n}.investment_rate", percent(b.actual_investment, b.budget_investment), "percent",
                 n=i, name=b.name)


# Table 1-1's 项目支出 columns: what each project puts in 上年决算数, 本年预算数 and 本年决算数 (万元).
_PROJECT_COLUMNS: dict[str, Callable[[Project], Decimal | None]] = {
    "prior": lambda p: p.prior_year_actual,
    "budget": lambda p: p.initial_budget,
    "actual": lambda p: p.spent,
}


def _project_rows(projects: list[DerivedProject], figs: Figures) -> None:
    """Table 1-1's 项目支出 subtotals (万元): all projects, then each 项目类别; blank when no project has a value.
    A unit without projects reports none: its 项目支出 本年预算数 and 本年决算数 are 0, as table 1-2 and the text say
    (att42a F17: printed blank, 未填报); its 上年决算数 stays blank — this year's input does not give last year's."""
    if not projects:
        for col in _PROJECT_COLUMNS:
            figs.add_cell("base_table.projects", col, None if col == "prior" else ZERO)
    else:
        subtotals(figs, "base_table.projects", [dp.project for dp in projects])
    for category in get_args(ProjectCategory):
        members = [dp.project for dp in projects if dp.project.category == category]
        subtotals(figs, "base_table.category.{category}", members, category=category)


def _ended_rows(projects: list[DerivedProject], carried: ProjectPriors, figs: Figures) -> None:
    """Table 1-1's 项目支出 上年决算数 as last year's report printed it (base_table.project_priors, carried by rollover)
    where this year's listed projects' 上年决算数 add to less (att43a F10: 690.00 printed for last year's 735.00, a
    project of last year not listed this year): the row and each 项目类别 whose carried total exceeds its listed
    projects' print the carried total, the rest as a row of its own, `base_table.category.<类别>.ended.prior` (under
    its 类别) or `base_table.projects.ended.prior` (the part no 类别 carried accounts for) — so the printed 上年决算数
    is last year's and the table still adds up. Not when any listed 上年决算数 is blank (W077) or the listed add to
    more (W083: which is wrong cannot be told)."""
    figs.add_cell("base_table.projects.ended", "prior", None)
    for category in get_args(ProjectCategory):
        figs.add_cell("base_table.category.{category}.ended", "prior", None, category=category)
    listed = figs.number("base_table.projects.prior")
    if carried.total is None or listed is None or carried.total <= listed:
        return
    gaps: dict[str, tuple[Decimal, Decimal]] = {}
    for category, name in PROJECT_PRIOR_FIELDS.items():
        last = getattr(carried, name)
        members = [dp for dp in projects if dp.project.category == category]
        mine = figs.number(f"base_table.category.{category}.prior") if members else ZERO
        if last is not None and mine is not None and last > mine:
            gaps[category] = (last, last - mine)
    gap = carried.total - listed
    if sum((g for _, g in gaps.values()), ZERO) > gap:  # the 类别 carried disagree with the total: not split
        gaps = {}
    for category, (last, ended) in gaps.items():
        figs.add_cell("base_table.category.{category}", "prior", last, category=category)
        figs.add_cell("base_table.category.{category}.ended", "prior", ended, category=category)
    figs.add_cell("base_table.projects", "prior", carried.total)
    rest = gap - sum((g for _, g in gaps.values()), ZERO)
    if rest > 0:
        figs.add_cell("base_table.projects.ended", "prior", rest)


def subtotals(figs: Figures, row: str, members: list[Project], **names: object) -> None:
    """Add `row`'s money columns (万元) summed over `members` to `figs` (used by derive and the public version).

    A column is not available (None) when there are no members, or when any member leaves it blank: a blank
    上年决算数 is not reported, never 0 (`complete_sum`)."""
    for col, amount in _PROJECT_COLUMNS.items():
        figs.add_cell(row, col, complete_sum([amount(p) for p in members]), **names)


def complete_sum(parts: list[Decimal | None]) -> Decimal | None:
    """Σ parts (万元) when every part is given; None (not available) when there are none or any is blank.

    The rule for every total built from optional parts: a part left blank (未填报) is never counted as 0, so a
    total missing a part is not printed as if it were the whole, and nothing is concluded from it."""
    if not parts or any(p is None for p in parts):
        return None
    return sum((p for p in parts if p is not None), ZERO)


def score_groups(scored: list[Scored], level1_weights: dict[str, Decimal | None]) -> list[ScoreGroup]:
    """The indicators by 一级指标 (the pack's order first) with their weight and score subtotals (points); a
    subtotal is None when any of its indicators has no score (`complete_sum`).

    A 一级指标 the table leaves empty is listed when the pack fixes its weight (it is lost), not when the weight
    is free (null: the unit set none)."""
    order = list(level1_weights)
    names = order + [s.indicator.level1 for s in scored if s.indicator.level1 not in order]
    groups = []
    for name in dict.fromkeys(names):
        rows = [s for s in scored if s.indicator.level1 == name]
        if not rows and level1_weights.get(name) is None:
            continue
        weight = sum((s.indicator.weight for s in rows), ZERO)
        groups.append(ScoreGroup(name, weight, complete_sum([s.score for s in rows]), rows, level1_weights.get(name)))
    return groups


@dataclass(frozen=True)
class WeightBound:
    """What a score table's 分值合计 (执行率分值 + Σ indicator weights, points) should be.

    `expected` is the pack's total less the fixed weights of the 一级指标 the table leaves empty. `open` names the
    required free-weight 一级指标 (null weight, not optional) it leaves empty: their share is unknown, so the
    分值合计 may then be below `expected` — the points are lost — but never above it (SCORING.md §5)."""

    expected: Decimal
    open: list[str]

    def allows(self, total: Decimal) -> bool:
        """Whether a table's 分值合计 `total` (points) fits: equal, or below when a free 一级指标 is left open."""
        return total == self.expected or (bool(self.open) and total < self.expected)

    def lost(self, total: Decimal) -> Decimal | None:
        """The points (expected − `total`) a table short of the total loses for its open 一级指标; None when none
        is open or the table is not short."""
        return self.expected - total if self.open and total < self.expected else None


def weight_bound(scored: list[Scored], groups: list[ScoreGroup], rules: RulePack, project: bool) -> WeightBound:
    """The 分值合计 bound of the table scoring `scored` into `groups` (score_groups) under `rules`: 表1-3's
    weights when `project`, else 表1-2's. Source: SCORING.md §5; Hunan's fixed weights lose an empty 一级's weight."""
    empty = [g.rule_weight for g in groups if not g.rows and g.rule_weight is not None]
    expected = rules.total_weight_for(project) - sum(empty, ZERO)
    return WeightBound(expected, rules.open_level1(project, (s.indicator.level1 for s in scored)))


@dataclass(frozen=True)
class TotalScore:
    """A score table's 总分 (points) and how it was made: the sum of its parts, and the rule pack's 执行率 cap when
    one lowered it (SCORING.md §2: the excess is deducted, and the report says so where it prints the total)."""

    total: Decimal | None  # as printed: the parts' sum, or the cap below it; None when a part is not available
    parts: Decimal | None  # 执行率得分 + Σ indicator scores; None when a part is not available
    cap: Cap | None = None  # the tier that lowered the total; None: not capped

    @property
    def capped(self) -> bool:
        return self.cap is not None

    @property
    def deduction(self) -> Decimal | None:
        """parts − the cap (points) when capped, else None."""
        return None if self.cap is None or self.parts is None else self.parts - self.cap.cap


def total_score(exec_score: Decimal | None, scored: list[Scored], rate: Decimal | None,
                rules: RulePack) -> TotalScore:
    """执行率得分 + every indicator's score (points); capped at the lowest rule-pack cap whose range holds the
    printed 执行率 (SCORING.md §2), the excess deducted. Not available (None: no total, no grade) when a part is
    not: an indicator with no score (none typed and none computable: E026/E028), or a 执行率得分 that cannot be
    computed (全年预算数 0: no 执行率) while the pack gives 执行率 points (README: a total with an unavailable part is
    itself unavailable; a missing part is never counted as 0)."""
    missing_execution = exec_score is None and (not scored or rules.execution_weight != 0)
    if missing_execution or any(s.score is None for s in scored):
        return TotalScore(None, None)
    parts = (exec_score or ZERO) + sum((s.score for s in scored if s.score is not None), ZERO)
    tier = rules.cap_tier(round2(rate) if rate is not None else None)
    if tier is not None and parts > tier.cap:
        return TotalScore(tier.cap, parts, tier)
    return TotalScore(parts, parts)


def capped_total(exec_score: Decimal | None, scored: list[Scored], rate: Decimal | None,
                 rules: RulePack) -> tuple[Decimal | None, bool]:
    """`total_score`'s total (points) and whether the pack's 执行率 cap lowered it."""
    made = total_score(exec_score, scored, rate, rules)
    return made.total, made.capped


def _score_figures(prefix: str, scope: dict[str, object], scored: list[Scored], groups: list[ScoreGroup],
                   made: TotalScore, grade: str, figs: Figures) -> None:
    """A score table's figures (points): each indicator, each 一级指标, 分值合计, 总分 and 等级; when the pack's
    执行率 cap lowered the total, the parts' sum, the cap, the 执行率 line it applies below (%) and the deduction.

    `prefix` is "" for the unit's table 1-2 or "project.{n}." for a project's table 1-3 (`scope` = {"n": n}).
    """
    base, pattern = prefix.format(**scope), prefix + "indicator.{i}."
    for i, s in enumerate(scored, 1):
        names, at = {"i": i, "name": s.indicator.name, **scope}, f"{base}indicator.{i}."
        figs.add_at(at + "weight", pattern + "weight", s.indicator.weight, "score", names)
        figs.add_at(at + "score", pattern + "score", s.score, "score", names)
    for g in groups:
        figs.add(prefix + "score.{level1}", g.score, "score", level1=g.level1, **scope)
        figs.add(prefix + "weight.{level1}", g.weight, "score", level1=g.level1, **scope)
    weights = sum((s.indicator.weight for s in scored), ZERO)
    exec_weight = figs.known((prefix + "execution_weight").format(**scope) if prefix else "funds.execution_weight")
    figs.add(prefix + "score.weight_total", weights + exec_weight, "score", **scope)
    figs.add(prefix + "score.total", made.total, "score", **scope)
    figs.add(prefix + "score.grade", grade, "text", **scope)
    cap = made.cap  # the parts' sum is a figure of its own only where it differs from the total: when capped
    figs.add(prefix + "score.parts_total", made.parts if cap else None, "score", **scope)
    figs.add(prefix + "score.cap", cap.cap if cap else None, "score", **scope)
    figs.add(prefix + "score.cap_line", cap.max_rate if cap else None, "percent", **scope)
    figs.add(prefix + "score.cap_deduction", made.deduction, "score", **scope)


# --------------------------------------------------------------------------- figures the narrative cites
# Sections 七/八 (narrate.py) print gaps and shares; they are computed here like every other figure.

SATISFACTION = "满意度"


def is_quantified(target: str) -> bool:
    """A target with a digit in it ("2个", "≥95%", "2022年底") can be checked; "提升" cannot."""
    return any(ch.isdigit() for ch in target)


def _gap(amount: Decimal) -> Decimal:
    """A one-way gap (未执行金额, 超预算执行金额, 超预算, 超出年初预算的金额, 万元; 超编人数, 人): 0 when the other way
    round — an underspend is no overspend of −800.11, as `diff` and `explain` showed it (attacker F8)."""
    return max(amount, ZERO)


def _narrative_figures(r: UnitYearInput, rules: RulePack, scored: list[Scored],
                       projects: list[DerivedProject], figs: Figures) -> None:
    """Gaps (万元, points), excess head-count (人) and indicator counts and shares (%) that sections 七/八 cite."""
    f = r.funds
    figs.add("funds.unspent", _gap(f.full_budget - f.spent))
    figs.add("funds.overspend", _gap(f.spent - f.full_budget))
    basic_full = f.full_budget - figs.known("projects.full")  # 全年预算数 not given to any project: basic spending's
    negative = any(dp.negative_budget for dp in projects)  # a project's 全年预算 below zero would swell it
    figs.add("funds.basic_full", None if negative else basic_full)
    figs.add("funds.basic_overspend", None if negative else _gap(f.basic - basic_full))
    carried = [dp.carryover for dp in projects if carried_over(dp, figs, rules.materiality)]
    if carried and not negative:  # the carried-over projects' share of 未执行金额 (execution_rate: 主要集中在 or not)
        figs.add("funds.unspent_carried", sum(carried, ZERO))
        figs.add("funds.unspent_other", _gap(figs.known("funds.unspent") - sum(carried, ZERO)))
    else:
        figs.add("funds.unspent_carried", None)
        figs.add("funds.unspent_other", None)
    in_service, authorized = figs.number("staffing.in_service"), figs.number("staffing.authorized")
    figs.add("staffing.excess", _gap(in_service - authorized) if in_service is not None and authorized is not None
             else None, "count")  # fewer in service than authorized: no one 超编
    for key in ("three_public.total", "public_costs.total", "procurement"):
        budget, actual, prior = (figs.number(f"{key}.{c}") for c in ("budget", "actual", "prior"))
        if budget is not None and actual is not None:
            figs.add("{key}.over_budget", _gap(actual - budget), key=key, row=row_label(key))
        if prior is not None and actual is not None:
            figs.add("{key}.increase", actual - prior, key=key, row=row_label(key))
    for name, weight in rules.level1_weights.items():
        figs.add("standard_weight.{level1}", weight, "score", level1=name)
    _indicator_gaps("", {}, scored, figs)
    for dp in projects:
        figs.add("project.{n}.overspend", unbudgeted(dp.full_budget, _gap(-dp.carryover)), n=dp.index,
                 name=dp.project.name)
        figs.add("project.{n}.carryover_share", unbudgeted(dp.full_budget, percent(dp.carryover, f.full_budget)),
                 "percent", n=dp.index,
                 name=dp.project.name)  # of the unit's 全年预算数: a residue printing 0.00% is none of the unit's
        _indicator_gaps("project.{n}.", {"n": dp.index}, dp.indicators, figs)
    count = len(scored)
    vague = sum(1 for s in scored if not is_quantified(s.indicator.target))
    figs.add("indicators.count", count, "count")
    figs.add("indicators.unquantified_count", vague, "count")
    figs.add("indicators.unquantified_share", percent(Decimal(vague), Decimal(count)), "percent")
    satisfied = sum(1 for s in scored if SATISFACTION in s.indicator.level1)
    figs.add("indicators.satisfaction_count", satisfied, "count")


def row_label(key: str) -> str:
    """The name of a 基础数据表 row ("公用经费"), from templates/figures.yaml."""
    return figure_labels().row(key)


def _indicator_gaps(prefix: str, scope: dict[str, object], scored: list[Scored], figs: Figures) -> None:
    """Each indicator's target and achieved text, its stated kind (scoring.stated_kind: 正向/等于/反向/定性, or
    None) and the points it lost (分值 − 得分)."""
    base, pattern = prefix.format(**scope), prefix + "indicator.{i}."
    for i, s in enumerate(scored, 1):
        ind, names, at = s.indicator, {"i": i, "name": s.indicator.name, **scope}, f"{base}indicator.{i}."
        figs.add_at(at + "target", pattern + "target", printed_target(s), "text", names)
        figs.add_at(at + "actual", pattern + "actual", ind.actual, "text", names)
        figs.add_at(at + "kind", pattern + "kind", stated_kind(ind), "text", names)
        lost = ind.weight - s.score if s.score is not None else None
        figs.add_at(at + "lost", pattern + "lost", lost, "score", names)


# --------------------------------------------------------------------------- figures the checks compare
# drafter check compares these (checks/*.py); the report does not print them. Keys start with "check.".


def _check_figures(r: UnitYearInput, rules: RulePack, scored: list[Scored], groups: list[ScoreGroup],
                   projects: list[DerivedProject], figs: Figures) -> None:
    _reconciliations(r, projects, figs)
    _part_sums(r, figs)
    _scope_figures("", {}, scored, groups, rules, figs)
    figs.add("check.funds.execution_reason_due", _reason_due(figs.number("funds.execution_rate"), rules), "count")
    for dp in projects:
        if dp.project.evaluation is not None:
            figs.add("project.{n}.indicators.count", len(dp.indicators), "count", n=dp.index, name=dp.project.name)
            due = _reason_due(figs.number(f"{dp.key}.execution_rate"), rules)
            figs.add("check.project.{n}.execution_reason_due", due, "count", n=dp.index, name=dp.project.name)
            _scope_figures("project.{n}.", {"n": dp.index, "name": dp.project.name}, dp.indicators, dp.groups,
                           rules, figs)


def _reason_due(rate: Decimal | None, rules: RulePack) -> int:
    """1 when the pack asks for a written explanation of 执行率 `rate` (%, unrounded) below its
    `execution_reason_below` (Sichuan's form: below 90%, SCORING.md §2), else 0. The rate as printed (to 0.01%)
    is compared: 89.995% prints 90.00%, which is not below 90%."""
    limit = rules.execution_reason_below
    return int(limit is not None and rate is not None and round2(rate) < limit)


def printed_sum(parts: list[Decimal]) -> Decimal:
    """The sum of the parts as printed: each rounded to 0.01 (万元) first, so a table's rows add up on paper."""
    return sum((round2(p) for p in parts), ZERO)


def _reconcile(figs: Figures, pattern: str, parts: list[Decimal] | None, total: Decimal | None,
               **names: object) -> None:
    """`<pattern>.parts_sum` (printed sum of the parts, 万元) and `<pattern>.difference` (|parts − total| as printed).

    Either is None (not available) when there are no parts to add, or no total to compare with.
    """
    parts_sum = figs.add(pattern + ".parts_sum", printed_sum(parts) if parts is not None else None, **names)
    difference = abs(parts_sum - round2(total)) if parts_sum is not None and total is not None else None
    figs.add(pattern + ".difference", difference, **names)


def _reconciliations(r: UnitYearInput, projects: list[DerivedProject], figs: Figures) -> None:
    """Splits vs totals (万元).

    By expenditure and by income vs 全年执行数, projects vs 项目支出 (`check.funds.gap`: the largest of those three
    differences, 0 when none — table 1-2 prints the input's 尾差说明 under it then), the unit-level plans vs what
    they total (`_plan_reconciliations`), each project's funding vs its 年初预算, 全年预算 and 实际支出. A
    project's sources are compared only when every one is given or the given ones exceed the total; when some
    are blank and the given ones fall short of the column's figure, `<FUNDING_CHECKS pattern>.short` is the gap (万元)
    and no sum is compared: a blank source is not reported, never 0.
    """
    spent = figs.known("funds.spent")
    _reconcile(figs, "check.funds.expenditure", [figs.known("funds.basic"), figs.known("funds.project")], spent)
    _reconcile(figs, "check.funds.income", [figs.known(f"funds.income.{n}") for n in _INCOME], spent)
    _reconcile(figs, "check.funds.project", [dp.project.spent for dp in projects], r.funds.project)
    gaps = [figs.number(f"check.funds.{k}.difference") for k in ("expenditure", "income", "project")]
    figs.add("check.funds.gap", max((g for g in gaps if g is not None), default=ZERO))
    _plan_reconciliations(r, projects, figs)
    for dp in projects:
        names = {"n": dp.index, "name": dp.project.name}
        totals = {"initial": dp.project.initial_budget, "full": dp.full_budget, "spent": dp.project.spent}
        for column, total in totals.items():
            short = _funding_reconciliation(figs, dp.project, column, total, names)
            figs.add(FUNDING_CHECKS[column] + ".short", short, **names)


FUNDING_CHECKS = {"initial": "check.project.{n}.funding_initial", "full": "check.project.{n}.funding",
                  "spent": "check.project.{n}.funding_spent"}
"""Each column of a project's 资金来源 (年初预算, 全年预算, 执行数) → the key pattern of its sum vs the project's own
figure in that column (年初预算, 全年预算 = 年初预算 + 年中调整, 实际支出), all printed in 附件1-3."""


def sources_short(given: list[Decimal], blank: bool, total: Decimal) -> Decimal | None:
    """The gap (万元) by which the given sources, as printed, fall short of `total` when some source is `blank`
    (not reported, never 0: it may hold the rest, so nothing is concluded); None when none is blank, none is given
    or they reach the total. `drafter lint` applies it to a printed 附件1-3 (W077 rather than E015)."""
    short = round2(total) - printed_sum(given) if given and blank else None
    return short if short is not None and short > 0 else None


def _funding_reconciliation(figs: Figures, p: Project, column: str, total: Decimal, names: dict[str, object]
                            ) -> Decimal | None:
    """A project's sources in one column vs its own figure there (万元), as `_reconcile` keys them; the sources are
    compared only when every one is given or the given ones exceed `total`. Returns the gap (万元) when some are
    blank and the given ones fall short — nothing concluded then: a blank source is not reported, never 0."""
    funding = [source_amount(p, src, column) for src in SOURCES]
    given = [v for v in funding if v is not None]
    short = sources_short(given, None in funding, total)
    if short is not None:  # the blank sources may hold the rest: nothing to conclude
        _reconcile(figs, FUNDING_CHECKS[column], None, total, **names)
        return short
    # all given, or the given ones reach the total (a blank, never negative, cannot bring them down)
    _reconcile(figs, FUNDING_CHECKS[column], given or None, total, **names)
    return None


def _plan_reconciliations(r: UnitYearInput, projects: list[DerivedProject], figs: Figures) -> None:
    """The unit-level plans vs what they total (万元): 项目支出年初预算 (`funds.projects_plan`) vs the projects' own
    年初预算 (附件1-1's 项目支出 本年预算数), and 基本支出年初预算 + 项目支出年初预算 vs 年初预算数 when both plans are
    given. Not available when the plan is not given."""
    f = r.funds
    _reconcile(figs, "check.funds.projects_plan", [dp.project.initial_budget for dp in projects],
               f.projects_plan)
    plans = [plan for plan in (f.basic_plan, f.projects_plan) if plan is not None]
    _reconcile(figs, "check.funds.plans", plans if len(plans) == 2 else None, f.initial_budget)


def _sum_known(values: list[Decimal | None]) -> Decimal:
    """The sum of the values given (万元); 0 when none is."""
    return sum((v for v in values if v is not None), ZERO)


def _part_sums(r: UnitYearInput, figs: Figures) -> None:
    """Parts that must not exceed their whole (万元): 主要项目 of 人员/公用经费, 公用经费's 其中 rows per column."""
    b = r.basic_spending
    figs.add("check.basic.personnel.items_sum", _sum_known([i.amount for i in b.personnel.items]))
    figs.add("check.basic.public.items_sum", _sum_known([i.amount for i in b.public.items]))
    pc = r.base_table.public_costs
    for col in _COLUMNS:
        parts = [getattr(row, col) for row in (pc.office, pc.utilities_travel, pc.meetings_training)]
        figs.add_cell("check.public_costs.parts", col, _sum_known(parts))


def _scope_figures(prefix: str, scope: dict[str, object], scored: list[Scored], groups: list[ScoreGroup],
                   rules: RulePack, figs: Figures) -> None:
    """For one score table: the 分值合计 it should have (points) and its unquantified indicators (count, %).

    The expected 分值合计 is the pack's total less the weights of its 一级指标 the table leaves empty (see
    `weight_bound`); `weight_open` counts the required free-weight 一级指标 left empty, `weight_lost` the points
    a table short of the total loses then.
    An indicator is unquantified when scoring finds no number or date in its target (Scored.quantified).
    """
    bound = weight_bound(scored, groups, rules, project=bool(prefix))
    figs.add("check." + prefix + "score.weight_expected", bound.expected, "score", **scope)
    figs.add("check." + prefix + "score.weight_open", len(bound.open), "count", **scope)
    total = figs.known(prefix.format(**scope) + "score.weight_total")
    figs.add("check." + prefix + "score.weight_lost", bound.lost(total), "score", **scope)
    vague = sum(1 for s in scored if not s.quantified)
    figs.add("check." + prefix + "indicators.unquantified_count", vague, "count", **scope)
    share = percent(Decimal(vague), Decimal(len(scored)))
    figs.add("check." + prefix + "indicators.unquantified_share", share, "percent", **scope)
