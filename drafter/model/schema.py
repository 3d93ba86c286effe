"""The validated input model for one unit-year: the single source of every figure in a report."""
from __future__ import annotations

import datetime as dt
import types
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _parse_money(value: Any) -> Any:
    """Accept the ways accountants type amounts; refuse floats' binary noise by going via str."""
    if isinstance(value, bool):
        return value  # let pydantic refuse it
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        text = text.translate(_FULLWIDTH)
        if text.endswith("万元"):
            text = text[:-2].strip()
        return text
    return value


_FULLWIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")

Money = Annotated[Decimal, BeforeValidator(_parse_money)]
"""An amount in 万元, kept exact; rounded only when displayed."""


def _parse_yes_no(value: Any) -> Any:
    """是/否 as typed in a workbook cell or a Chinese YAML file; anything else is left to pydantic."""
    if isinstance(value, str) and value.strip() in ("是", "否"):
        return value.strip() == "是"
    return value


YesNo = Annotated[bool, BeforeValidator(_parse_yes_no)]
"""A yes/no flag: true/false, or 是/否."""


class Node(BaseModel):
    """Base for every input object: unknown keys are errors; Chinese labels are accepted as keys."""

    model_config = ConfigDict(extra="forbid", frozen=False)

    @model_validator(mode="before")
    @classmethod
    def _accept_chinese_labels(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        labels = label_index(cls)
        return {labels.get(k, k) if isinstance(k, str) else k: v for k, v in data.items()}


def label_index(cls: type[BaseModel]) -> dict[str, str]:
    """Chinese label (the field title) -> English field name."""
    return {f.title: name for name, f in cls.model_fields.items() if f.title}


def nested_model(annotation: Any) -> tuple[str, type[BaseModel] | None]:
    """Say whether a field holds a model, a list of models, or neither (used by readers)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return nested_model(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            kind, cls = nested_model(arg)
            if cls is not None:
                return kind, cls
        return "plain", None
    if origin is list:
        kind, cls = nested_model(get_args(annotation)[0])
        return ("list", cls) if cls is not None else ("plain", None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    return "plain", None


def F(label: str, default: Any = ..., **kw: Any) -> Any:
    """A field with its Chinese label; the label doubles as an accepted input key."""
    return Field(default, title=label, **kw)


# --------------------------------------------------------------------------- unit profile


class Unit(Node):
    name: str = F("单位名称", min_length=1)
    city: str = F("市州", "")
    year: int = F("年度", ge=2000, le=2100)
    report_date: dt.date = F("报告日期")
    label: str = F("报告主体称谓", "部门（单位）")


class Staffing(Node):
    authorized: int = F("编制数", ge=0)
    actual: int = F("年末实有人数", ge=0)
    in_service: int = F("实际在职人数", ge=0)
    retired: int = F("退休人数", 0, ge=0)
    actual_change: int = F("实有人数增减", 0)
    retired_change: int | None = F("退休人数增减", None)
    change_reason: str = F("增减原因", "")


# --------------------------------------------------------------------------- spending


class Item(Node):
    name: str = F("名称", min_length=1)
    amount: Money | None = F("金额", None)


class CostBlock(Node):
    amount: Money = F("金额")
    items: list[Item] = F("主要项目", [])


class BasicSpending(Node):
    personnel: CostBlock = F("人员经费")
    public: CostBlock = F("公用经费")


ProjectKind = Literal["年初预算", "年中追加"]
ProjectCategory = Literal["业务工作经费", "运行维护经费", "专项资金", "上级转移支付"]


_OPERATORS = {
    "正向": "正向", "≥": "正向", ">=": "正向", ">": "正向", "＞": "正向", "大于等于": "正向", "大于": "正向",
    "等于": "等于", "=": "等于", "＝": "等于",
    "反向": "反向", "≤": "反向", "<=": "反向", "<": "反向", "＜": "反向", "小于等于": "反向", "小于": "反向",
    "定性": "定性",
}


def _parse_operator(value: Any) -> Any:
    """计算符号 as written in budget systems' forms: a sign (≥ = ≤ …) or the kind's name; blank → None."""
    if isinstance(value, str):
        text = value.strip()
        return _OPERATORS.get(text, text) if text else None
    return value


Operator = Annotated[Literal["正向", "等于", "反向", "定性"] | None, BeforeValidator(_parse_operator)]
"""An indicator's kind (SCORING.md §1): 正向 (≥ >), 等于 (=), 反向 (≤ <), 定性; None: read from the target."""


class Indicator(Node):
    level1: str = F("一级指标", min_length=1)
    level2: str = F("二级指标", min_length=1)
    name: str = F("三级指标", min_length=1)
    operator: Operator = F("计算符号", None)
    target: str = F("年度指标值", "")
    actual: str = F("实际完成值", "")
    weight: Money = F("分值")
    score: Money | None = F("得分", None)
    score_reason: str = F("调整得分理由", "")
    deviation: str = F("偏差原因", "")


class Goal(Node):
    expected: str = F("预期目标", "")
    achieved: str = F("实际完成情况", "")


class ProjectEvaluation(Node):
    """附件1-3 for one project; the money comes from the project itself."""

    department: str = F("主管部门", "")
    implementer: str = F("实施单位", "")
    current_funding: Money | None = F("当年财政拨款", None)
    carried_funding: Money | None = F("上年结转资金", None)
    other_funding: Money | None = F("其他资金", None)
    goal: Goal = F("年度总体目标", Goal())
    indicators: list[Indicator] = F("绩效指标", [])
    claimed_total_score: Money | None = F("自评总分", None)  # a total typed elsewhere, only compared
    execution_reason: str = F("执行率偏低原因", "")


class Project(Node):
    name: str = F("项目名称", min_length=1)
    kind: ProjectKind = F("项目类型", "年初预算")
    category: ProjectCategory = F("项目类别", "专项资金")
    initial_budget: Money = F("年初预算", Decimal("0"))
    adjustment: Money = F("年中调整", Decimal("0"))
    spent: Money = F("实际支出")
    prior_year_actual: Money | None = F("上年决算数", None)
    use: str = F("资金用途", "")
    results: str = F("实施成效", "")
    evaluation: ProjectEvaluation | None = F("项目自评", None)
    confidential: YesNo = F("涉密", False)  # 涉密/敏感: withheld from the public version (count and total only)


class FundSpending(Node):
    """One of 政府性基金 / 国有资本经营 / 社会保险基金 budgets: an amount and its use, or none."""

    amount: Money = F("金额", Decimal("0"))
    use: str = F("用途", "")


class OtherBudgets(Node):
    government_fund: FundSpending = F("政府性基金", FundSpending())
    state_capital: FundSpending = F("国有资本经营", FundSpending())
    social_insurance: FundSpending = F("社会保险基金", FundSpending())


class IncomeSplit(Node):
    general_public: Money = F("一般公共预算", Decimal("0"))
    government_fund: Money = F("政府性基金拨款", Decimal("0"))
    special_account: Money = F("纳入专户管理的非税收入拨款", Decimal("0"))
    other: Money = F("其他资金", Decimal("0"))


class Funds(Node):
    """附件1-2 资金情况: the unit's whole money, all sources."""

    initial_budget: Money = F("年初预算数")
    full_budget: Money = F("全年预算数")
    spent: Money = F("全年执行数")
    by_income: IncomeSplit = F("按收入性质分", IncomeSplit())
    basic: Money = F("基本支出")
    scope_note: str = F("口径说明", "")
    project: Money | None = F("项目支出", None)  # restated 项目支出 (e.g. from 表1-2), only compared
    rounding_note: str = F("尾差说明", "")
    execution_reason: str = F("执行率偏低原因", "")


# --------------------------------------------------------------------------- table 1-1


class ThreeYears(Node):
    """上年决算数 | 本年预算数 | 本年决算数."""

    prior: Money | None = F("上年决算数", None)
    budget: Money | None = F("本年预算数", None)
    actual: Money | None = F("本年决算数", None)


class ThreePublicFunds(Node):
    car_purchase: ThreeYears = F("公车购置", ThreeYears())
    car_operation: ThreeYears = F("公车运行维护", ThreeYears())
    overseas: ThreeYears = F("出国经费", ThreeYears())
    reception: ThreeYears = F("公务接待", ThreeYears())


class NamedRow(ThreeYears):
    """A row the unit names itself (e.g. its own 公用经费 breakdown)."""

    name: str = F("名称", min_length=1)


class PublicCostRows(Node):
    total: ThreeYears = F("公用经费", ThreeYears())
    office: ThreeYears = F("办公经费", ThreeYears())
    utilities_travel: ThreeYears = F("水费、电费、差旅费", ThreeYears())
    meetings_training: ThreeYears = F("会议费、培训费", ThreeYears())
    other: list[NamedRow] = F("其他明细", [])


class Building(Node):
    name: str = F("项目名称")
    approved_area: Money = F("批复规模")
    actual_area: Money = F("实际规模")
    budget_investment: Money = F("预算投资")
    actual_investment: Money = F("实际投资")


class BaseTable(Node):
    three_public: ThreePublicFunds = F("三公经费", ThreePublicFunds())
    public_costs: PublicCostRows = F("公用经费", PublicCostRows())
    procurement: ThreeYears = F("政府采购金额", ThreeYears())
    basic_adjustment: ThreeYears = F("部门基本支出预算调整", ThreeYears())
    buildings: list[Building] = F("楼堂馆所", [])
    frugality: str = F("厉行节约保障措施", "")


# --------------------------------------------------------------------------- performance


class Achievement(Node):
    title: str = F("标题", min_length=1)
    text: str = F("内容", min_length=1)


class Problem(Node):
    problem: str = F("问题", min_length=1)
    cause: str = F("原因", "")
    measure: str = F("改进措施", "")


class FollowUp(Node):
    """One of last year's problems and how it was put right (rolled over, filled in this year)."""

    problem: str = F("问题", min_length=1)
    measure: str = F("整改措施", "")
    status: str = F("整改情况", "")


class Signatures(Node):
    preparer: str = F("填表人", "")
    phone: str = F("联系电话", "")
    head: str = F("单位负责人", "")
    date: dt.date | None = F("填报日期", None)


class UnitYearInput(Node):
    """One unit-year: everything a report needs, each figure entered once."""

    kit: str = F("报告模板", "")
    rules: str = F("评分规则", "")
    unit: Unit = F("单位")
    functions: list[str] = F("主要职能", [])
    departments: list[str] = F("内设机构", [])
    organisation_note: str = F("机构说明", "")
    staffing: Staffing = F("人员情况")
    basic_spending: BasicSpending = F("基本支出")
    projects: list[Project] = F("项目支出", [])
    project_note: str = F("项目支出说明", "")
    other_budgets: OtherBudgets = F("其他预算", OtherBudgets())
    funds: Funds = F("资金情况")
    base_table: BaseTable = F("基础数据表", BaseTable())
    goal: Goal = F("年度总体目标", Goal())
    indicators: list[Indicator] = F("绩效指标", [])
    claimed_total_score: Money | None = F("自评总分", None)  # a total typed elsewhere, only compared
    overview: str = F("整体绩效概述", "")
    achievements: list[Achievement] = F("主要成效", [])
    problems: list[Problem] = F("问题与措施", [])
    follow_ups: list[FollowUp] = F("上年问题整改情况", [])
    disabled_checks: list[str] = F("关闭检查", [])  # warning codes (W047) left out of the findings
    disabled_problems: list[str] = F("关闭问题规则", [])  # generated-problem rule ids (over_budget) switched off
    disabled_rules: list[str] = F("关闭规则", [])  # deprecated: both kinds mixed; drafter/disabled.py splits it
    publication: str = F("公开情况", "")
    other_notes: str = F("其他需要说明的情况", "")
    extra: dict[str, Any] = F("自定义", {})
    signatures: Signatures = F("签字", Signatures())


DEPRECATED_FIELDS: frozenset[str] = frozenset({"disabled_rules"})
"""Top-level fields still read (for one more release) but no longer offered: starters and workbooks
leave them out unless an input sets them."""
