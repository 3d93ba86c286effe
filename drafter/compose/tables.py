"""The attachment tables 1-1, 1-2, 1-3 as document tables; every number cell is a tagged figure."""
from __future__ import annotations

from pathlib import Path
from string import Formatter
from typing import Any

from drafter.compose.document import Cell, Paragraph, Run, Table
from drafter.compose.typeset import format_date
from drafter.errors import KitError
from drafter.figures.derive import SOURCE_COLUMNS, SOURCES, Derived, ScoreGroup
from drafter.figures.numbers import display
from drafter.figures.scoring import Scored
from drafter.figures.targets import shown_target
from drafter.inputs.yaml_reader import read_kit_yaml
from drafter.kits.spec import Kit, Typography
from drafter.model.schema import Goal
from drafter.resources import templates_dir


def load_table_labels(kit: Kit) -> dict[str, Any]:
    """Built-in labels, overridden key by key by the kit's tables.yaml."""
    labels = _read(templates_dir() / "tables.yaml")
    override = kit.folder / "tables.yaml"
    if override.is_file():
        _merge(labels, _read(override), str(override))
    return labels


def _read(path: Path) -> dict[str, Any]:
    data = read_kit_yaml(path) or {}
    if not isinstance(data, dict):
        raise KitError(f"{path}：表格标签文件应为“标签键: 文字”的键值结构")
    return data


def _merge(base: dict[str, Any], over: dict[str, Any], source: str) -> None:
    for key, value in over.items():
        if key not in base:
            raise KitError(f"{source}：未知的表格标签“{key}”")
        if isinstance(value, dict) and isinstance(base[key], dict):
            _merge(base[key], value, source)
        else:
            problem = placeholder_problem(base[key], value)
            if problem:
                raise KitError(f"{source}：表格标签“{key}”{problem}")
            base[key] = value


def placeholder_problem(builtin: Any, label: Any) -> str:
    """Why a kit's label cannot replace the built-in one ("" if it can): text, with the same {names} at most."""
    if not isinstance(label, str) or not isinstance(builtin, str):
        return "应为文字" if isinstance(builtin, str) else "应为键值结构"
    allowed = _names(builtin)
    try:
        used = _names(label)
    except ValueError:
        return "中的花括号不成对"
    extra = sorted(used - allowed)
    if extra:
        usable = "、".join("{" + n + "}" for n in sorted(allowed)) or "无"
        return f"使用了不可用的占位符“{{{extra[0]}}}”（可用：{usable}）"
    return ""


def _names(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field is not None}


def text(value: str, span: int = 1, group: str | None = None, bold: bool = False, align: str = "center") -> Cell:
    return Cell([Run(value)] if value else [], span, group, bold, align)


DATE_FORMAT = Typography().date


class TableBuilder:
    def __init__(self, derived: Derived, labels: dict[str, Any], date_format: str = DATE_FORMAT):
        self.d = derived
        self.r = derived.report
        self.figs = derived.figures
        self.labels = labels
        year = self.r.unit.year
        self.fmt = {"year": year, "prior_year": year - 1}
        self.date_format = date_format

    def fig(self, key: str, span: int = 1, group: str | None = None) -> Cell:
        """A figure's cell (a tagged run); a figure not reported or not available prints the `not_reported`
        label of tables.yaml (“—” unless the kit says otherwise), untagged, never 0."""
        f = self.figs[key]
        if f.value is None:
            return text(self.labels.get("not_reported", ""), span, group)
        return Cell([Run(f.text, key=f.key, label=f.label)], span, group)

    def build(self, kind: str, att_id: str) -> list[Paragraph | Table]:
        builders = {"base_data": self.base_data, "overall_evaluation": self.overall,
                    "project_evaluation": self.projects}
        if kind not in builders:
            raise KitError(f"未知的附件表格类型“{kind}”（可用：{'、'.join(builders)}）")
        return builders[kind](att_id)

    def _signature(self) -> list[Paragraph]:
        """The signature line under a table; none in the public version (no preparer, no phone)."""
        if self.d.public:
            return []
        s = self.r.signatures
        line = self.labels["signature"].format(
            preparer=s.preparer, date=format_date(s.date, self.date_format), phone=s.phone, head=s.head)
        return [Paragraph([Run(line)], "table_note")]

    # ------------------------------------------------------------------ 1-1
    def base_data(self, att_id: str) -> list[Paragraph | Table]:
        L: dict[str, Any] = {k: (v.format(**self.fmt) if isinstance(v, str) else v)
                             for k, v in self.labels["base_data"].items()}
        rows = [
            [text(L["staffing"], group="staff", bold=True), text(L["authorized"], 2),
             text(L["in_service"], 2), text(L["control_rate"], 2)],
            [text(L["staffing"], group="staff", bold=True), self.fig("staffing.authorized", 2),
             self.fig("staffing.in_service", 2), self.fig("staffing.control_rate", 2)],
            [text(L["money"], bold=True), text(L["prior"], 2), text(L["budget"], 2), text(L["actual"], 2)],
        ]
        for key, label in (("three_public.total", "three_public"), ("three_public.car", "car"),
                           ("three_public.car_purchase", "car_purchase"),
                           ("three_public.car_operation", "car_operation"),
                           ("three_public.overseas", "overseas"), ("three_public.reception", "reception")):
            rows.append(self._three_row(L[label], key))
        rows.append(self._project_row(L["projects"], "base_table.projects"))
        for category, label in L["categories"].items():
            rows.append(self._project_row(label, f"base_table.category.{category}"))
            if category in ("专项资金", "上级转移支付"):
                rows.extend(self._project_row("　" + p.project.name, p.key, ("prior_actual", "initial", "spent"))
                            for p in self.d.projects if p.project.category == category)
            rows.extend(self._withheld_rows(category))
        for key in ("public_costs.total", "public_costs.office", "public_costs.utilities_travel",
                    "public_costs.meetings_training", "procurement", "basic_adjustment"):
            label = L[key.split(".")[-1] if key.startswith("public_costs.") and key != "public_costs.total" else
                      ("public_costs" if key == "public_costs.total" else key)]
            rows.append(self._three_row(label, key, dash_prior=key in ("procurement", "basic_adjustment")))
            if key == "public_costs.meetings_training":
                rows.extend(self._three_row(row.name, f"public_costs.other.{i}")
                            for i, row in enumerate(self.r.base_table.public_costs.other, 1))
        rows.append([text(L["buildings"], group="bld", bold=True)] + [text(L[k]) for k in (
            "approved_area", "actual_area", "area_rate", "budget_investment", "actual_investment", "investment_rate")])
        if self.r.base_table.buildings:
            for i, b in enumerate(self.r.base_table.buildings, 1):
                rows.append([text(L["buildings"], group="bld", bold=True),
                             text(display(b.approved_area, "area")), text(display(b.actual_area, "area")),
                             self.fig(f"building.{i}.area_rate"), text(display(b.budget_investment, "money")),
                             text(display(b.actual_investment, "money")), self.fig(f"building.{i}.investment_rate")])
        else:
            rows.append([text(L["buildings"], group="bld", bold=True), text(L["none"], 6)])
        rows.append([text(L["frugality"], bold=True), text(self.r.base_table.frugality, 6, align="left")])
        table = Table(f"table.{att_id}", f"附件{att_id}", rows, [30, 8, 8, 8, 8, 8, 8],
                      repeat_row=2)  # the 经费控制情况 column headings
        return [table, Paragraph([Run(L["note"])], "table_note"), *self._signature()]

    def _three_row(self, label: str, key: str, dash_prior: bool = False) -> list[Cell]:
        prior = text("——", 2) if dash_prior else self.fig(f"{key}.prior", 2)
        return [text(label, align="left"), prior, self.fig(f"{key}.budget", 2), self.fig(f"{key}.actual", 2)]

    def _withheld_rows(self, category: str) -> list[list[Cell]]:
        """The public version's one row for the confidential projects of a 项目类别 (count and totals only)."""
        count = self.figs.value(f"withheld.category.{category}.count") if self.d.public else None
        if not count:
            return []
        label = self.labels["withheld_row"].format(count=self.figs[f"withheld.category.{category}.count"].text)
        return [self._project_row(label, f"withheld.category.{category}")]

    def _project_row(self, label: str, row: str,
                     columns: tuple[str, ...] = ("prior", "budget", "actual")) -> list[Cell]:
        """A 项目支出 row of table 1-1: the figures `<row>.<column>` (万元), as plain (untagged) text."""
        return [text(label, align="left")] + [text(self.figs[f"{row}.{col}"].text, 2) for col in columns]

    # ------------------------------------------------------------------ 1-2
    def overall(self, att_id: str) -> list[Paragraph | Table]:
        L = self.labels["overall_evaluation"]
        rows = [[text(L["unit"], bold=True), text(self.r.unit.name, 8)]]
        rows += self._money_block(L, "funds.", L["money"])
        split = [
            (f"{L['general_public']}：", "funds.income.general_public", f"{L['basic']}：", "funds.basic"),
            (f"{L['government_fund']}：", "funds.income.government_fund", f"{L['project']}：", "funds.project"),
            (f"{L['special_account']}：", "funds.income.special_account", "", None),
            (f"{L['other']}：", "funds.income.other", "", None),
        ]
        g = "money"
        rows.append([text(L["money"], group=g, bold=True), text(L["by_income"], 4, align="left"),
                     text(L["by_expenditure"], 4, align="left")])
        for left, lkey, right, rkey in split:
            rows.append([text(L["money"], group=g, bold=True),
                         self._labelled(left, lkey, 4), self._labelled(right, rkey, 4)])
        rows += self._goal_rows(L, self.r.goal)
        header = len(rows)
        rows += self._indicator_rows(L, self.d.groups, self.d.indicators, "")
        rows.append(self._total_row(L, ""))
        table = Table(f"table.{att_id}", f"附件{att_id}", rows, [8, 9, 9, 20, 11, 11, 6, 8, 14],
                      repeat_row=header, keep_column=1)
        return [table, *self._signature()]

    def _labelled(self, label: str, key: str | None, span: int) -> Cell:
        if key is None:
            return text(label, span, align="left")
        fig = self.figs[key]
        return Cell([Run(label), Run(fig.text, key=fig.key, label=fig.label)], span, align="left")

    def _money_block(self, L: dict, prefix: str, group_label: str) -> list[list[Cell]]:
        g = "money"
        return [
            [text(group_label, group=g, bold=True), text("", 2), text(L["initial"]), text(L["full"]),
             text(L["spent"]), text(L["weight"]), text(L["rate"]), text(L["score"])],
            [text(group_label, group=g, bold=True), text(L["total"], 2), self.fig(f"{prefix}initial"),
             self.fig(f"{prefix}full"), self.fig(f"{prefix}spent"), self.fig(f"{prefix}execution_weight"),
             self.fig(f"{prefix}execution_rate"), self.fig(f"{prefix}execution_score")],
        ]

    def _goal_rows(self, L: dict, goal: Goal) -> list[list[Cell]]:
        g = "goal"
        return [
            [text(L["goal"], group=g, bold=True), text(L["expected"], 4), text(L["achieved"], 4)],
            [text(L["goal"], group=g, bold=True), text(goal.expected, 4, align="left"),
             text(goal.achieved, 4, align="left")],
        ]

    def _indicator_rows(self, L: dict, groups: list[ScoreGroup], scored: list[Scored],
                        prefix: str) -> list[list[Cell]]:
        g = "ind"
        rows = [[text(L["indicators"], group=g, bold=True)] + [text(L[k]) for k in (
            "level1", "level2", "level3", "target", "actual", "weight", "score", "deviation")]]
        index = {id(s): i for i, s in enumerate(scored, 1)}
        for group in groups:
            weight = group.rule_weight if group.rule_weight is not None else group.weight  # this table's pack weight
            l1 = L["level1_with_weight"].format(name=group.level1, weight=display(weight, "score"))
            if not group.rows:
                rows.append([text(L["indicators"], group=g, bold=True), text(l1, group=f"l1:{group.level1}")]
                            + [text("") for _ in range(7)])
            for s in group.rows:
                i = index[id(s)]
                ind = s.indicator
                rows.append([
                    text(L["indicators"], group=g, bold=True), text(l1, group=f"l1:{group.level1}"),
                    text(ind.level2, group=f"l2:{group.level1}:{ind.level2}"), text(ind.name, align="left"),
                    text(shown_target(ind.target, ind.operator)), text(ind.actual),
                    self.fig(f"{prefix}indicator.{i}.weight"), self.fig(f"{prefix}indicator.{i}.score"),
                    text(ind.deviation, align="left"),
                ])
        return rows

    def _total_row(self, L: dict, prefix: str) -> list[Cell]:
        grade = self.figs[f"{prefix}score.grade"].value
        return [text(L["total_score"], 6, bold=True), self.fig(f"{prefix}score.weight_total"),
                self.fig(f"{prefix}score.total"), text(L["grade"].format(grade=grade) if grade else "")]

    # ------------------------------------------------------------------ 1-3
    def projects(self, att_id: str) -> list[Paragraph | Table]:
        L = {**self.labels["overall_evaluation"], **self.labels["project_evaluation"]}
        blocks: list[Paragraph | Table] = []
        evaluated = [(p, ev) for p in self.d.projects if (ev := p.project.evaluation) is not None]
        if not evaluated:  # agrees with 七: a project with money but no table is a problem stated there
            needed = any(not p.cancelled for p in self.d.projects)
            none = L["not_evaluated" if needed else "none"]
            if self.d.public and self.figs.value("withheld.evaluated"):
                none = L["withheld_none"]
            return [Paragraph([Run(none)], "body"), *self._signature()]
        for n, (p, ev) in enumerate(evaluated):
            prefix = f"{p.key}."
            rows = [
                [text(L["name"], bold=True), text(p.project.name, 8)],
                [text(L["department"], bold=True), text(ev.department, 3), text(L["implementer"], 2, bold=True),
                 text(ev.implementer, 3)],
            ]
            rows += self._money_block(L, prefix, L["money"])
            for source in SOURCES:  # 其中 当年财政拨款 / 上年结转资金 / 其他资金, each in 年初预算 / 全年预算 / 执行数
                rows.append([text(L["money"], group="money", bold=True),
                             text(L[f"{source}_funding"], 2, align="left"),
                             *(self.fig(f"{prefix}{source}.{column}") for column in SOURCE_COLUMNS),
                             text(""), text(""), text("")])
            rows += self._goal_rows(L, ev.goal)
            header = len(rows)
            rows += self._indicator_rows(L, p.groups, p.indicators, prefix)
            rows.append(self._total_row(L, prefix))
            if n:
                blocks.append(Paragraph([Run("")], "plain"))
            blocks.append(Table(f"table.{att_id}.{p.index}", f"附件{att_id} {p.project.name}", rows,
                                [8, 9, 9, 20, 11, 11, 6, 8, 14], repeat_row=header, keep_column=1))
        blocks += [Paragraph([Run(L["note"])], "table_note"), *self._signature()]
        return blocks
