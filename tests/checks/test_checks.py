"""Every check: one input variant that triggers it and a near miss that does not."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from drafter.checks.registry import REGISTRY, check_codes, run_checks, severity_of

from helpers import clean, codes, derive, findings, ind


def put(*pairs: Any) -> Callable[[dict], None]:
    """A change setting dotted paths (`projects.0.spent`) to values; None deletes the key."""
    def change(data: dict) -> None:
        for path, value in zip(pairs[::2], pairs[1::2], strict=True):
            *parents, last = path.split(".")
            node = data
            for part in parents:
                node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
            key = int(last) if last.isdigit() else last
            if value is None:
                del node[key]
            else:
                node[key] = value
    return change


NEW_PROJECT = {"name": "新项目", "spent": "0"}
SERVING_PLUS_EXTRA = [  # the categories need not add up to 在职 (在职 counts those on the 编制)
    {"name": "在职在编", "count": 9}, {"name": "编外", "count": 4, "group": "在职"}]


def add_indicator(*args, where: str = "indicators", **kw) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data["projects"][0]["evaluation"]["indicators"] if where == "project" else data["indicators"]
        target.append(ind(*args, **kw))
    return change


def edit_indicator(i: int, **fields: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data["indicators"][i].update(fields)
    return change


def both(*changes: Callable[[dict], None]) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        for c in changes:
            c(data)
    return change


def reweight(i: int, weight: str, score: str) -> Callable[[dict], None]:
    return edit_indicator(i, weight=weight, score=score)


LOCAL = str(Path(__file__).parent / "packs" / "local-strict.yaml")


def local(*changes: Callable[[dict], None]) -> Callable[[dict], None]:
    """The changes under the test pack that switches on SCORING.md's local rules."""
    return both(put("rules", LOCAL), *changes)


# code, change that triggers it, near miss that must not
CASES: list[tuple[str, Callable, Callable]] = [
    ("E010", put("funds.basic", "100.02", "base_table.basic_adjustment.actual", "100.02",
                 "funds.by_income.general_public", "150.02", "funds.spent", "160.00"),
     put("funds.basic", "100.004", "base_table.basic_adjustment.actual", "100.004")),
    ("E011", put("funds.project", "59.98"), put("funds.project", "60.004")),
    ("E012", put("funds.by_income.other", "9.5"), put("funds.by_income.other", "9.996")),
    ("E013", put("basic_spending.personnel.items",
                 [{"name": "基本工资", "amount": "50"}, {"name": "奖金", "amount": "10.01"}]),
     put("basic_spending.personnel.items", [{"name": "基本工资", "amount": "50"}, {"name": "奖金", "amount": "10"}])),
    ("E013", put("base_table.public_costs.office.actual", "40.01"), put("base_table.public_costs.office.actual", "40")),
    # 第二部分's 基本支出 (one fund source's, as the scope note says) above the all-funds 基本支出, or its 公用经费
    # above 附件1-1's 公用经费 (att42a F4: passed with the note); within the 尾差 tolerance: W041's, not an error
    ("E013", put("basic_spending.personnel.amount", "60.02", "funds.scope_note", "第二部分仅含一般公共预算财政拨款"),
     put("basic_spending.personnel.amount", "60.01", "funds.scope_note", "第二部分仅含一般公共预算财政拨款")),
    ("E013", put("base_table.public_costs.total.actual", "39.98"),
     put("base_table.public_costs.total.actual", "39.99")),
    ("E015", put("projects.0.evaluation.carried_funding", "0.02"), put("projects.0.evaluation.other_funding", "0")),
    # a plan given beside its parts: 项目支出年初预算 vs the projects' 年初预算, both plans vs 年初预算数
    ("E014", put("funds.projects_plan", "40"), put("funds.projects_plan", "100")),  # above the plan; below: unsplit
    # a part above the unit's whole (att42a F15): a project's 年初预算 above the 年初预算数 (150), the projects'
    # 全年预算 above the 全年预算数 (160), a unit-level plan above the 年初预算数
    ("E014", put("projects.0.initial_budget", "150.01", "projects.0.adjustment", "-90.01"),
     put("projects.0.initial_budget", "150", "projects.0.adjustment", "-90")),
    ("E014", put("projects.0.adjustment", "110.01"), put("projects.0.adjustment", "110")),
    ("E014", put("funds.projects_plan", "150.01"), put("funds.projects_plan", "150")),
    ("E014", put("funds.basic_plan", "90", "funds.projects_plan", "50"),
     put("funds.basic_plan", "100", "funds.projects_plan", "50")),
    ("E016", put("funds.spent", "160.01", "funds.by_income.other", "10.01", "funds.basic", "100.01",
                 "base_table.basic_adjustment.actual", "100.01"),
     put("funds.full_budget", "160.004")),
    ("E016", put("projects.0.spent", "60.01", "funds.basic", "99.99", "base_table.basic_adjustment.actual", "99.99"),
     put("projects.0.spent", "60.004")),
    ("E020", reweight(0, "24", "24"), reweight(0, "25", "25")),
    ("E021", both(reweight(0, "24", "24"), reweight(2, "31", "28")), reweight(1, "25", "25")),
    ("E022", add_indicator("满意度", "群众满意度", "≥90%", "95%", 0, 0),
     add_indicator("满意度指标", "满意", "≥90%", "95%", 0, 0)),
    ("E023", edit_indicator(2, score="31", score_reason="特殊情况"), edit_indicator(2, score="30")),
    ("E024", edit_indicator(0, score="20"), edit_indicator(0, score="20", score_reason="上级通报扣分")),
    ("E025", edit_indicator(2, score="23.9"), edit_indicator(2, score="24")),
    ("E026", edit_indicator(0, actual=""), edit_indicator(0, actual="4 场")),
    # a 完成值 or 指标值 saying it is not reported, or left to fill, is none to score (s37: the typed score was kept)
    ("E026", edit_indicator(0, actual="——"), edit_indicator(0, actual="4 场")),
    ("E026", edit_indicator(0, actual="未填报"), edit_indicator(0, actual="4 场")),
    ("E026", edit_indicator(0, actual="待填写"), edit_indicator(0, actual="4 场")),
    ("E026", edit_indicator(0, target="【待填写：年度指标值】"), edit_indicator(0, actual="4 场")),
    ("E027", put("claimed_total_score", "93"), put("claimed_total_score", "98.00")),
    ("E027", put("projects.0.evaluation.claimed_total_score", "97"),
     put("projects.0.evaluation.claimed_total_score", "98")),
    ("E028", edit_indicator(2, score=None), edit_indicator(2, score="30")),
    # before the 完成值 (a rolled-over input): a score only the accountant can give is asked for, a computed one not
    ("E028", edit_indicator(2, actual="", score=None), edit_indicator(1, actual="", score=None)),
    ("E028", edit_indicator(1, actual="", score=None, operator="定性"), edit_indicator(2, actual="", score="28")),
    ("E029", local(edit_indicator(0, actual="6场")),
     local(edit_indicator(0, actual="6场", deviation="新增 2 场专项培训"))),
    ("E036", local(put("funds.full_budget", "180")),
     local(put("funds.full_budget", "180", "funds.execution_reason", "年底资金未拨付"))),
    ("E036", local(put("projects.0.adjustment", "20")),
     local(put("projects.0.adjustment", "20", "projects.0.evaluation.execution_reason", "工程尾款未结算"))),
    ("E030", put("unit.report_date", "2022-12-31"), put("unit.report_date", "2023-01-01")),
    ("E030", put("signatures.date", "2022-06-30"), put("signatures.date", "2023-12-31")),
    ("W040", put("funds.by_income.other", "10.01"),
     put("funds.by_income.other", "10.01", "funds.rounding_note", "尾差系四舍五入所致")),
    ("W041", put("funds.basic", "120", "base_table.basic_adjustment.actual", "120", "projects.0.spent", "40",
                 "projects.0.evaluation.current_funding", "40", "projects.0.adjustment", "-10"),
     put("funds.basic", "120", "base_table.basic_adjustment.actual", "120", "projects.0.spent", "40",
         "projects.0.evaluation.current_funding", "40", "projects.0.adjustment", "-10",
         "funds.scope_note", "全部资金口径")),
    ("W041", put("base_table.public_costs.total.actual", "41"), put("base_table.public_costs.total.actual", "40.004")),
    ("W042", lambda d: d["indicators"].pop(3), edit_indicator(3, weight="10")),
    ("W052", lambda d: d["indicators"].pop(2), edit_indicator(2, weight="30")),  # 效益指标 left out: 30 lost
    ("W043", both(edit_indicator(0, target="明显增加", actual="显著增加"),
                  edit_indicator(1, target="较好", actual="显著")),
     edit_indicator(0, target="明显增加", actual="显著增加")),
    ("W044", edit_indicator(0, actual="3场", score="18.75"),
     edit_indicator(0, actual="3场", score="18.75", deviation="受疫情影响，1 场顺延至次年。")),
    ("W045", edit_indicator(0, actual="6场"), edit_indicator(0, actual="5场")),
    ("W096", edit_indicator(3, actual="195%"), edit_indicator(3, actual="95%")),  # 满意度 above 100% (att46 F06)
    ("W046", put("staffing.in_service", 11), put("staffing.in_service", 10)),
    # 编制数 0 with people in service (att37a F23: no warning): no rate, but every one is over; nobody in service: none
    ("W046", put("staffing.authorized", 0),
     put("staffing.authorized", 0, "staffing.in_service", 0, "staffing.actual", 0)),
    ("W046", put("base_table.buildings", [{"name": "办公楼", "approved_area": 100, "actual_area": 101,
                                           "budget_investment": 10, "actual_investment": 10}]),
     put("base_table.buildings", [{"name": "办公楼", "approved_area": 100, "actual_area": "100.004",
                                   "budget_investment": 10, "actual_investment": 10}])),
    ("W047", put("base_table.three_public.reception.actual", "1.01"),
     put("base_table.three_public.reception.actual", "1.00")),
    ("W048", put("funds.initial_budget", "106.66"), put("funds.initial_budget", "106.68")),
    ("W049", edit_indicator(0, target="2021年4场"), edit_indicator(0, target="2022年4场")),
    ("W061", edit_indicator(2, actual="见附件"), edit_indicator(2, actual="显著提升")),
    ("W062", local(put("goal.achieved", "全年各项任务均已按时完成")), local(put("goal.achieved", "全年任务均已完成"))),
    ("W062", local(put("projects.0.evaluation.goal", {"achieved": "全年各项任务均已按时完成"})),
     local(put("projects.0.evaluation.goal", {"achieved": "全年任务均已完成"}))),
    ("W063", edit_indicator(0, operator="反向", target="≥4场"), edit_indicator(0, operator="正向", target="≥4场")),
    # a date years after the report year (2033 for 2022): a slip
    ("W066", put("signatures.date", "2033-05-22"), put("signatures.date", "2023-12-31")),
    # a cost indicator's number without a sign: scored as a ceiling, said
    ("W065", edit_indicator(0, level2="成本指标", target="4场"), edit_indicator(0, level2="成本指标", target="≤4场")),
    # a 完成值 equal to a strict target (<4场 with 4场): scored met by the rule pack, missed as written (att40a F16)
    ("W084", edit_indicator(0, target="<4场", actual="4场", score=None),
     edit_indicator(0, target="≤4场", actual="4场", score=None)),
    # a bare 完成值 against a target in money: compared as 万元 without a word (attacker s40 F14)
    ("W095", edit_indicator(0, level2="成本指标", target="≤0.5万元", actual="200"),
     edit_indicator(0, level2="成本指标", target="≤0.5万元", actual="0.4万元")),
    ("W095", edit_indicator(0, target="≥300元", actual="320"), edit_indicator(0, target="≥300", actual="320")),
    # 127.99 of 160 prints 79.99%: the 70–80% cap (89) lowers 8 + 88; 128 is 80.00%, no cap
    ("W064", put("funds.spent", "127.99"), put("funds.spent", "128")),
    ("W050", put("projects.0.use", "年中追加禁毒工作经费 90.8 元"),
     put("projects.0.use", "年中追加禁毒工作经费 90.8 万元")),
    # an amount in 元 to the 分 of 10,000 元 or more is how 元 are written, not a lost 万 (final attacker F16)
    ("W050", put("projects.0.use", "年中追加禁毒工作经费 714.80 元"),
     put("projects.0.use", "年中追加禁毒工作经费 7,148,000.00 元，即 714.80 万元")),
    # head-counts the staffing paragraph prints side by side (attacker F5)
    ("E017", put("staffing.in_service", 10), put("staffing.in_service", 9)),  # 在职 > 实有
    ("E017", put("staffing.categories", [{"name": "在职人员", "count": 7}, {"name": "退休", "count": 3}]),
     put("staffing.categories", [{"name": "在职人员", "count": 9}, {"name": "退休", "count": 3}])),
    ("E017", put("staffing.categories", SERVING_PLUS_EXTRA, "staffing.retired_change", 4),
     put("staffing.categories", SERVING_PLUS_EXTRA, "staffing.retired_change", 3)),  # a rise above the count
    # a change that contradicts last year's count, carried by rollover (attacker s39 F16)
    ("E017", put("staffing.prior_actual", 8, "staffing.actual_change", 3),
     put("staffing.prior_actual", 8, "staffing.actual_change", 1)),
    ("E017", put("staffing.categories", [{**SERVING_PLUS_EXTRA[0], "change": -1, "prior_count": 9},
                                         SERVING_PLUS_EXTRA[1]]),
     put("staffing.categories", [{**SERVING_PLUS_EXTRA[0], "change": -1, "prior_count": 10}, SERVING_PLUS_EXTRA[1]])),
    # an amount thousands of times its row's others (typed in 元): the same rule as lint's, on the rows as printed
    ("W053", put("projects.0.prior_year_actual", "300000"), put("projects.0.prior_year_actual", "299999")),
    ("W053", put("base_table.three_public.reception.actual", "5000"),
     put("base_table.three_public.reception.actual", "4999.99")),
    ("W053", put("funds.initial_budget", "0.03", "projects.0.initial_budget", "0", "projects.0.adjustment", "60"),
     put("funds.initial_budget", "0.04", "projects.0.initial_budget", "0", "projects.0.adjustment", "60")),
    # a 楼堂馆所 row's 预算投资 and 实际投资 (its report printed 投资概算控制率 1200000.00%: attacker F20)
    ("W053", put("base_table.buildings", [{"name": "办公楼", "approved_area": 100, "actual_area": 100,
                                           "budget_investment": 300, "actual_investment": 1500000}]),
     put("base_table.buildings", [{"name": "办公楼", "approved_area": 100, "actual_area": 100,
                                   "budget_investment": 300, "actual_investment": 1499999}])),
    # the 调整得分理由 is printed too (in the 偏差原因 column)
    ("W050", edit_indicator(0, score="20", score_reason="超支 90.8 元，经批准"),
     edit_indicator(0, score="20", score_reason="超支 90.8 万元，经批准")),
    # money by source: the 全年预算 column of the sources must add up to the project's 全年预算
    ("E015", put("projects.0.funding", {"current": {"full": "50"}, "carried": {"full": "10.02"}}),
     put("projects.0.funding", {"current": {"full": "50"}, "carried": {"full": "10"}})),
    # ...and so must the 年初预算 and 执行数 columns add up to the project's 年初预算 and 实际支出 (附件1-3 prints all)
    ("E015", put("projects.0.funding", {"current": {"initial": "120", "full": "60", "spent": "60"}}),
     put("projects.0.funding", {"current": {"initial": "50", "full": "60", "spent": "60"}})),
    ("E015", put("projects.0.funding", {"current": {"initial": "50", "full": "60", "spent": "60"},
                                        "carried": {"initial": "0", "full": "0", "spent": "0.5"}}),
     put("projects.0.funding", {"current": {"initial": "50", "full": "60", "spent": "60"},
                                "carried": {"initial": "0", "full": "0", "spent": "0"}})),
    # essentials missing or all zero: one warning each
    ("W070", put("indicators", [], "funds.spent", "160"), edit_indicator(0, weight="25")),
    ("W071", put("funds.initial_budget", "0", "funds.full_budget", "0", "funds.spent", "0"),
     put("funds.initial_budget", "0", "funds.full_budget", "0.01", "funds.spent", "0")),
    ("W072", put("goal.expected", " "), put("goal.expected", "完成任务")),
    ("W072", put("goal.achieved", " "), put("goal.achieved", "已完成")),  # its own cell: 成效!B3, not B2
    ("W072", put("projects.0.evaluation.goal", {"expected": "保障运转", "achieved": " "}),
     put("projects.0.evaluation.goal", {"expected": "保障运转", "achieved": "已保障"})),
    ("W073", put("signatures.head", ""), put("signatures.head", "王五")),
    ("W074", put("staffing.authorized", "未填报"), put("staffing.authorized", "10")),
    ("W074", put("staffing.actual", None), put("staffing.actual", "9")),  # each head-count (a rolled-over input)
    ("W074", put("staffing.retired", None), put("staffing.retired", "0")),
    ("W074", put("staffing.categories", [{"name": "在编", "count": 9}, {"name": "退休", "count": None}]),
     put("staffing.categories", [{"name": "在编", "count": 9}, {"name": "退休", "count": 0}])),
    ("W075", put("unit.name", "示例区示例街道办事处"), put("unit.name", "示例区示例街道办事处（东区）")),
    # a name repeated within one list: diff and refresh pair items by name
    ("W076", put("departments", ["党政办公室", "党政办公室 "]), put("departments", ["党政办公室", "综合办公室"])),
    ("W076", edit_indicator(1, name="培训场次"), edit_indicator(1, name="培训人次")),
    ("W076", put("projects.0.evaluation.indicators.1.name", "培训场次"),
     put("projects.0.evaluation.indicators.1.name", "培训人次")),
    ("W076", lambda d: d["projects"].append({**d["projects"][0], "evaluation": None}),
     lambda d: d["projects"].append({**d["projects"][0], "evaluation": None, "name": "社区服务经费"})),
    ("W076", put("staffing.categories", [{"name": "在职在编", "count": 5}, {"name": "在职在编", "count": 4}]),
     put("staffing.categories", [{"name": "在职在编", "count": 5}, {"name": "编外", "count": 4}])),
    # a total with a part left blank: not available, never summed as if the blank were 0
    ("W077", put("base_table.three_public.car_operation", {"prior": "2", "budget": "2", "actual": "1.6"},
                 "base_table.three_public.reception.budget", None),
     put("base_table.three_public.car_operation", {"prior": "2", "budget": "2", "actual": "1.6"},
         "base_table.three_public.reception.budget", "0")),
    ("W077", put("base_table.three_public.car_operation", {"prior": "2", "actual": "1.6"}),
     put("base_table.three_public.car_operation", {"prior": "2", "budget": "2", "actual": "1.6"})),
    ("W077", both(put("projects.0.prior_year_actual", "40"), lambda d: d["projects"].append(NEW_PROJECT)),
     both(put("projects.0.prior_year_actual", "40"),
          lambda d: d["projects"].append({**NEW_PROJECT, "prior_year_actual": "0"}))),
    ("W077", put("projects.0.funding", {"current": {"full": "50"}}),
     put("projects.0.funding", {"current": {"full": "50"}, "carried": {"full": "10"}})),
    # last year's reported 项目支出 (rolled over) no longer the listed projects' 上年决算数 sum (attacker s39 F5)
    ("W083", put("projects.0.prior_year_actual", "40", "base_table.project_priors.total", "58"),
     put("projects.0.prior_year_actual", "40", "base_table.project_priors.total", "40")),
    ("W083", put("projects.0.prior_year_actual", "40", "base_table.project_priors.business", "18"),
     put("projects.0.prior_year_actual", "40", "base_table.project_priors.special", "40")),
    # a category's 类别归属 contradicting its name: 退休 said 在职 (the column filled down), 在编 said 离退休
    # (attacker s40 F18)
    ("W094", put("staffing.categories", [*SERVING_PLUS_EXTRA, {"name": "退休", "count": 3, "group": "在职"}]),
     put("staffing.categories", [*SERVING_PLUS_EXTRA, {"name": "退休", "count": 3, "group": "离退休"}])),
    ("W094", put("staffing.categories", [{"name": "在职在编", "count": 9, "group": "离退休"}]),
     put("staffing.categories", [{"name": "在职在编", "count": 9}])),
    # a 项目类型 its figures contradict (attacker att40a F15): 年中追加 with a 年初预算; 年初预算 with none and an
    # addition during the year (上年结转 that came in is no addition)
    ("W092", put("projects.0.kind", "年中追加"),
     put("projects.0.kind", "年中追加", "projects.0.initial_budget", "0", "projects.0.adjustment", "60")),
    ("W092", put("projects.0.initial_budget", "0", "projects.0.adjustment", "60"),
     put("projects.0.initial_budget", "0", "projects.0.adjustment", "60", "projects.0.kind", "年中追加")),
    ("W092", put("projects.0.initial_budget", "0", "projects.0.adjustment", "60"),
     put("projects.0.initial_budget", "0", "projects.0.adjustment", "60",
         "projects.0.funding", {"carried": {"full": "60", "spent": "60"}})),
    # a 上年决算数 the 基础数据表 prints as “——” (政府采购金额, 部门基本支出预算调整): said, not looked for in vain
    ("W079", put("base_table.procurement", {"prior": "20", "budget": "30", "actual": "25"}),
     put("base_table.procurement", {"budget": "30", "actual": "25"})),
    ("W079", put("base_table.basic_adjustment.prior", "0"), put("base_table.three_public.reception.prior", "0")),
]


def test_clean_input_has_no_findings():
    assert findings() == []


@pytest.mark.parametrize("code,trigger,near_miss", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_check_triggers_and_near_miss_does_not(code, trigger, near_miss):
    assert code in codes(trigger)
    assert code not in codes(near_miss)


def test_every_registered_check_has_cases():
    registered = {code for code, _ in REGISTRY} | {"W040"}
    assert registered <= {c[0] for c in CASES}
    # the codes disabled_checks is validated against; E031 (figures the draft's prose states otherwise,
    # tests/lint/test_drafted.py), W051 (placeholders left in the draft) and W078 (the workbook reader's warnings,
    # tests/inputs/test_excel_notices.py), W081/W082 (causes the draft does not print, tests/narrative/test_causes.py,
    # tests/review/test_kit_check.py) are the pipeline's
    assert set(check_codes()) == registered | {"E031", "W051", "W078", "W081", "W082"}


def test_severity_follows_code_letter():
    for _, trigger, _ in CASES:
        for f in findings(trigger):
            assert f.severity == ("error" if f.code.startswith("E") else "warning"), f
            assert f.code in check_codes() and f.severity == severity_of(f.code), f


def test_each_head_count_not_reported_is_named_with_its_field():
    found = [f for f in findings(put("staffing.actual", None, "staffing.retired", None, "staffing.categories",
                                     [{"name": "在编", "count": 9}, {"name": "离休", "count": None}]))
             if f.code == "W074"]
    assert [f.fields for f in found] == [("staffing.retired",), ("staffing.categories[2].count",)]
    assert "“离休”的人数未填报" in found[1].message


def test_a_retired_category_said_to_be_serving_is_named_at_its_group():
    found = [f for f in findings(put("staffing.categories", [*SERVING_PLUS_EXTRA, {"name": "离休", "count": 1},
                                                             {"name": "退休", "count": 3, "group": "在职"}]))
             if f.code == "W094"]
    assert [(str(f), f.fields) for f in found] == [
        ("W094 类别“退休”的类别归属为“在职”：是否填错？其 3 人计入在职人员（年末实有人数），不计入退休人数；"
         "如确属在职人员，可忽略本提示", ("staffing.categories[4].group",))]


def test_a_bare_actual_against_a_money_target_says_the_unit_it_was_read_in():
    found = [f for f in findings(edit_indicator(0, level2="成本指标", target="≤0.5万元", actual="200", score=None))
             if f.code == "W095"]
    assert [(str(f), f.fields) for f in found] == [
        ("W095 指标“培训场次”的完成值“200”没有单位，年度指标值“≤0.5万元”以“万元”计：已按 200万元 与指标值比较"
         "（得分 0 分）；请在完成值中写明单位（与指标值相同，如“200万元”；以其他单位计的请先换算为万元）",
         ("indicators[1].actual",))]


def test_income_split_message_shows_both_figures():
    found = [f for f in findings(put("funds.by_income.other", "9.5")) if f.code == "E012"]
    assert str(found[0]) == "E012 按收入性质分的资金合计 159.50 万元 ≠ 全年执行数 160.00 万元"
    assert found[0].fields == ("funds.by_income", "funds.spent")


def test_a_plan_beside_its_parts_names_both_figures_and_fields():
    found = [f for f in findings(put("funds.projects_plan", "40")) if f.code == "E014"]
    assert str(found[0]) == ("E014 项目支出年初预算 40.00 万元 < 各项目年初预算合计 50.00 万元"
                             "（1 个项目，即附件1-1 项目支出本年预算数）："
                             "各项目的年初预算是项目支出年初预算的一部分，不能超过它")
    assert found[0].fields == ("funds.projects_plan", "projects[1].initial_budget")
    # a plan not split by project (the projects' own 年初预算 0, or less than it): documented, no error (final F30)
    assert "E014" not in [f.code for f in findings(put("funds.projects_plan", "100"))]  # (below 年初预算数 150)
    found = [f for f in findings(put("projects.0.initial_budget", "0", "projects.0.adjustment", "60",
                                     "projects.0.funding", {"current": {"initial": "120"}})) if f.code == "E015"]
    assert [str(f) for f in found] == ["E015 项目“社区运转经费”自评表资金来源年初预算合计 120.00 万元"
                                       "（当年财政拨款 + 上年结转 + 其他资金）≠ 年初预算 0.00 万元"]
    assert found[0].fields == ("projects[1].funding.current.initial", "projects[1].initial_budget")


def test_rounding_difference_of_exactly_one_cent_is_a_warning_not_an_error():
    found = findings(put("funds.by_income.other", "10.01"))
    assert [f.code for f in found] == ["W040"]
    assert "相差 0.01 万元（尾差）" in found[0].message


def test_override_with_reason_is_shown_and_not_reported():
    change = edit_indicator(0, score="20", score_reason="上级通报扣分")
    assert findings(change) == []


def test_a_percentage_target_far_exceeded_is_not_a_low_target_in_check_as_in_lint_and_explain():
    """W045's scope is figures.scoring.far_above_target everywhere (attacker F6: 缩减20% → 100% warned by check
    only; explain said percentages do not count, lint gave nothing)."""
    assert "W045" not in codes(edit_indicator(0, target="20%", actual="100%"))
    assert "W045" in codes(edit_indicator(0, actual="6场"))


def test_disabled_warning_codes_are_left_out_but_errors_are_not():
    data = clean()
    both(put("staffing.in_service", 11, "staffing.actual", 11), put("funds.by_income.other", "9"))(data)
    derived = derive(data)
    assert [f.code for f in run_checks(derived)] == ["E012", "W046"]
    assert [f.code for f in run_checks(derived, {"W046", "E012"})] == ["E012"]


def test_findings_print_amounts_as_the_kits_numbers_say(tmp_path):
    """A kit printing 万元 with three decimals and grouped thousands (1,858.100 in its report) was quoted by check as
    1858.10: every amount a finding quotes is printed as the kit's report prints it (the default kit's unchanged)."""
    from drafter.kits.new import new_kit
    from drafter.pipeline import prepare

    from conftest import EXAMPLES

    kit = new_kit(tmp_path / "kit", "hunan-standard")
    with (kit / "kit.yaml").open("a", encoding="utf-8") as fh:
        fh.write('numbers:\n  money: {decimals: 3, trailing_zeros: true}\n  thousands: ","\n')
    yuetang = EXAMPLES / "yuetang-2022.yaml"
    grouped, plain = prepare(yuetang, kit=str(kit)), prepare(yuetang)
    said = {f.code: f.message for f in grouped.findings}["W048"]
    assert said.startswith("年中追加 1,415.630 万元（全年预算数 1,858.100 − 年初预算数 442.470）"), said
    assert grouped.derived.figures["funds.full"].text == "1,858.100"  # as the kit's report prints it
    assert {f.code: f.message for f in plain.findings}["W048"].startswith(
        "年中追加 1415.63 万元（全年预算数 1858.10 − 年初预算数 442.47）")


# codes whose findings here name no field: nothing in a workbook to point at
# (W070: the indicators left out altogether)
_NO_PLACE = frozenset({"W070"})
# codes whose place is, by design, not the cell the trigger changed: the other side of a comparison, the list the
# message counts, or the explanation to write
_ABOUT_ANOTHER_CELL = {
    "E012": "按收入性质分的四项合计 ≠ 全年执行数: the four (first of them) and the 全年执行数",
    "W040": "as E012, a difference within rounding",
    "E013": "主要项目合计 > 金额: the amount and the items (first of them)",
    "E015": "a project's sources ≠ its 全年预算: the budget and its sources",
    "W053": "全年预算数 beside the projects' budgets: the two totals",
    "E020": "分值合计 of a table: the indicators (first of them)",
    "E021": "分值合计 of one 一级指标: the indicators",
    "E022": "一级指标 not in the rule pack: the indicators",
    "W042": "a 一级/二级指标 not set: the indicators",
    "W052": "as W042",
    "W043": "指标值未量化 over the table: the indicators",
    "W044": "未完成: the 偏差原因分析 to write",
    "E029": "超额完成: the reason to write",
    "E036": "执行率 below the line: the 执行率偏低原因 to write",
    "W045": "目标可能设定偏低: the 年度指标值",
    "W065": "成本类指标 without a sign: the 年度指标值",
}


def _cells(path: Path) -> dict[str, object]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {f"{sheet.title}!{cell.coordinate}": cell.value for sheet in book for row in sheet.iter_rows()
            for cell in row if cell.value not in (None, "")}


def _row(ref: str) -> str:
    """`项目!Q2` → `项目!2`."""
    sheet, cell = ref.split("!")
    return f"{sheet}!{''.join(c for c in cell if c.isdigit())}"


@pytest.mark.parametrize("code,trigger,near_miss", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_finding_on_a_workbook_names_the_cell_its_trigger_changed(code, trigger, near_miss, tmp_path: Path):
    """The input that triggers the check, as a workbook: the finding's place (sheet!cell) is a cell the trigger
    changed from the clean input, or left blank in a row it changed — not the first cell of the field's row or group
    (W072 named 项目!P2, the filled 预期目标, for an empty 实际完成情况 in Q2; E026 named the 一级指标 for a missing
    完成值; W077 the 年初预算 for a blank 全年预算). Codes about another cell by design are listed with why."""
    import copy

    from drafter.inputs.excel_writer import write_workbook
    from drafter.inputs.locate import Locator
    from drafter.model.schema import UnitYearInput
    from drafter.pipeline import prepare

    books = {}
    for name, change in (("clean", None), ("bad", trigger)):
        data = copy.deepcopy(clean())
        if change is not None:
            change(data)
        books[name] = tmp_path / f"{name}.xlsx"
        books[name].write_bytes(write_workbook(UnitYearInput.model_validate(data)))
    before, after = _cells(books["clean"]), _cells(books["bad"])
    changed = {ref for ref in before.keys() | after.keys() if before.get(ref) != after.get(ref)}
    draft = prepare(books["bad"])
    where = Locator(draft.places)
    named = {(where.cell(f) or "").split(" ")[0] for finding in draft.findings if finding.code == code
             for f in finding.fields}
    named.discard("")
    if code in _NO_PLACE:
        assert not named, named
        return
    assert named, code
    read = {place.split(" ")[0] for place in draft.places.cells.values()}
    assert named <= read, (code, named - read)  # each a cell a field was read from
    if code in _ABOUT_ANOTHER_CELL:
        return
    rows = {_row(ref) for ref in changed}
    hit = {ref for ref in named if ref in changed or (ref not in after and _row(ref) in rows)}
    assert hit, (code, sorted(named), sorted(changed))


def test_e015_names_the_sources_of_the_column_that_disagrees(tmp_path: Path):
    """A project's 执行数 sources (116.8 + 40) against a corrected 实际支出 150.8: E015 named the project's funding as
    a whole, which a workbook places at its first cell, 本年财政拨款年初预算 (项目!S2: final attacker, stop 35). It
    names the 执行数 sources given, and the 实际支出."""
    from conftest import EXAMPLES
    from helpers import check_file, edited_copy

    path = edited_copy(EXAMPLES / "shili-2024.yaml", tmp_path, {"spent: 156.8万": "spent: 150.8万"}, "in.yaml")
    _, found = check_file(path)
    [e015] = [f for f in found if f.code == "E015"]
    assert e015.fields == ("projects[1].funding.current.spent", "projects[1].funding.carried.spent",
                           "projects[1].spent"), e015


def test_findings_print_percentages_as_the_kits_numbers_say(tmp_path):
    """Amounts followed the kit's `numbers`, percentages did not: a kit dropping trailing zeros (its report prints
    450%, 50%) was quoted by check as 450.00% and “达到 50.00% 的提示线”. Each percentage a finding quotes — the
    figure and the threshold — now prints as the kit's report prints it (the default kit's unchanged)."""
    from drafter.kits.new import new_kit
    from drafter.pipeline import prepare

    from conftest import EXAMPLES

    kit = new_kit(tmp_path / "kit", "hunan-standard")
    with (kit / "kit.yaml").open("a", encoding="utf-8") as fh:
        fh.write("numbers:\n  percent: {decimals: 2, trailing_zeros: false}\n")
    yuetang = EXAMPLES / "yuetang-2022.yaml"
    said = {f.code: f.message for f in prepare(yuetang, kit=str(kit)).findings}
    assert "为指标值 2个 的 450%（达到 130%）" in said["W045"], said["W045"]
    assert "为年初预算的 319.94%，达到 50% 的提示线" in said["W048"], said["W048"]
    plain = {f.code: f.message for f in prepare(yuetang).findings}
    assert "的 450.00%（达到 130.00%）" in plain["W045"] and "达到 50.00% 的提示线" in plain["W048"]


def test_a_prior_the_base_table_does_not_print_is_said_where_it_was_typed(tmp_path):
    """A 政府采购金额 上年决算数 typed in the workbook (基础数据表!B10) was accepted and the report printed “——” there,
    without a word; W079 names the cell. A kit without a 基础数据表 prints none of it: no W079."""
    import openpyxl
    from click.testing import CliRunner

    from drafter.cli import main
    from drafter.pipeline import prepare

    from conftest import EXAMPLES

    book = tmp_path / "in.xlsx"
    run = CliRunner().invoke
    assert run(main, ["convert", str(EXAMPLES / "yuetang-2022.yaml"), str(book)]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    assert wb["基础数据表"]["A10"].value == "政府采购金额"
    wb["基础数据表"]["B10"] = 12.5
    wb.save(book)
    said = [line for line in run(main, ["check", str(book)]).output.splitlines() if "W079" in line or "B10" in line]
    assert said[0].startswith("  W079 基础数据表政府采购金额的上年决算数（12.50 万元）不印入报告："
                              "附件1-1表式中该栏为“——”"), said
    assert "基础数据表!B10" in said[1], said
    assert "W079" not in [f.code for f in prepare(book, kit="national").findings]


def test_base_table_totals_are_said_left_blank_only_where_the_kit_prints_the_table(tmp_path):
    """W077 said “基础数据表项目支出的上年决算数无法合计（报告中留空）” and W083 quoted “附件1-1” for the national kit,
    whose report has no 基础数据表 (attacker s40 F8): a kit without the table is told only what holds for it (a
    三公经费 total still cannot be summed; nothing is left blank in a table it does not print)."""
    import yaml

    from drafter.pipeline import prepare

    from conftest import EXAMPLES

    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    data["projects"][0]["prior_year_actual"] = "40"
    data["projects"][1].pop("prior_year_actual", None)
    data["base_table"]["three_public"]["car_operation"] = {"prior": "2", "actual": "1.6"}
    short = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))  # every project's prior given
    for project in short["projects"]:
        project["prior_year_actual"] = "40"
    short["base_table"]["project_priors"] = {"total": "99"}

    def said(kit: str | None) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for variant in (data, short):
            for f in prepare(_saved(variant, tmp_path), kit=kit).findings:
                out.setdefault(f.code, []).append(f.message)
        return out

    local, national = said(None), said("national")
    assert any("基础数据表项目支出的上年决算数无法合计（报告中留空）" in m for m in local["W077"]), local["W077"]
    blank_total = [m for m in local["W077"] if m.startswith("基础数据表三公经费的")]
    assert blank_total and "报告中该合计显示为“—”" in blank_total[0], local["W077"]
    assert local["W083"][0].startswith("附件1-1“项目支出”的上年决算数"), local["W083"]
    assert "W083" not in national
    assert not any("基础数据表" in m or "附件1-1" in m for m in national.get("W077", [])), national["W077"]
    assert any(m.startswith("三公经费的") and "正文不据此比较" in m for m in national["W077"]), national["W077"]


def _saved(data: dict, folder: Path) -> Path:
    import yaml

    path = folder / "in.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_cut_larger_than_the_budget_is_named_not_taken_for_overspending():
    """A 年中调减 of 150 on a 年初预算 of 100 made a 全年预算 of −50, reported only as “实际支出 0.00 万元 > 全年预算
    -50.00 万元” at the 实际支出 (attacker s40 F12): the error names the 年中调整 and says the budget cannot be
    negative."""
    cut = findings(put("projects.0.initial_budget", "100", "projects.0.adjustment", "-150", "projects.0.spent", "0"))
    said = [f for f in cut if f.code == "E016"]
    assert len(said) == 1 and said[0].fields == ("projects[1].adjustment",), said
    assert said[0].message.startswith("项目“社区运转经费”年中调减 150.00 万元，多于年初预算 100.00 万元：") and \
        "为 -50.00 万元，不能为负" in said[0].message, said[0].message
    exact = findings(put("projects.0.initial_budget", "100", "projects.0.adjustment", "-100", "projects.0.spent", "0"))
    assert "E016" not in [f.code for f in exact]
