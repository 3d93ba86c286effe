"""A hand-written 整体支出绩效自评报告 as a district's finance office receives one (att43a's generator, trimmed): plain
python-docx paragraphs and ruled tables, no drafter, the figures of a consistent constructed unit in the style of
reference 003. `report(out, subs=[(old, new)], cells=[(table, old, new)])` writes it with the body's or a table's
words replaced; the unchanged report lints clean."""
from __future__ import annotations

from pathlib import Path

import docx

_UNIT, _Y = "岳阳市岳阳楼区望岳街道办事处", 2023
_PROJECTS = [  # name, 年初预算, 年中, 全年预算, 实际支出, 结余结转, 执行率, 得分 (the one with a 1-3 table)
    ("环境整治专项", "900.00", "调增100.00", "1000.00", "996.05", "3.95", "99.61%", "97.96"),
    ("环卫专项", "300.00", "调减11.70", "288.30", "288.30", "0.00", "100.00%", None),
    ("社区建设支出", "100.00", "调增50.00", "150.00", "147.01", "2.99", "98.01%", None),
]
_INDICATORS = [
    ("产出指标（50分）", "数量指标", "环境整治点位数", "≥120个", "126个", "10", "10", ""),
    ("产出指标（50分）", "数量指标", "垃圾清运量", "≥9000吨", "9350吨", "10", "10", ""),
    ("产出指标（50分）", "数量指标", "新增就业人数", "≥300人", "270人", "10", "9",
     "部分企业用工需求下降，招聘会到场企业少于预期"),
    ("产出指标（50分）", "质量指标", "问题整改完成率", "≥95%", "97%", "10", "10", ""),
    ("产出指标（50分）", "时效指标", "资金拨付及时率", "100%", "100%", "10", "10", ""),
    ("效益指标（30分）", "社会效益指标", "辖区人居环境", "明显改善", "达成年度指标", "15", "14", ""),
    ("效益指标（30分）", "可持续影响指标", "长效管理机制", "建立", "达成年度指标", "15", "13", ""),
    ("满意度指标（10分）", "服务对象满意度指标", "居民满意度", "≥90%", "93%", "10", "10", ""),
]
_PROJECT_INDICATORS = [
    ("产出指标（50分）", "数量指标", "整治点位数", "≥100个", "104个", "20", "20", ""),
    ("产出指标（50分）", "质量指标", "验收合格率", "100%", "100%", "20", "20", ""),
    ("产出指标（50分）", "时效指标", "按期完工率", "≥95%", "96%", "10", "10", ""),
    ("效益指标（30分）", "社会效益指标", "环境卫生状况", "明显改善", "达成年度指标", "30", "28", ""),
    ("满意度指标（10分）", "服务对象满意度指标", "群众满意度", "≥90%", "91%", "10", "10", ""),
]
# GUIDE §3: one 1-3 table per project; the report has one, and says why in this problem (W085 without it)
_UNEVALUATED = ("（三）项目支出绩效自评未全覆盖。“环卫专项”未填报项目支出绩效自评表。原因是该项目为日常保洁经费，"
                "年初未设定绩效目标。")
_UNEVALUATED_MEASURE = "（三）对“环卫专项”在预算编制时同步设定绩效目标，年度终了填报项目支出绩效自评表。"
_SIGNED = "填表人：张三　填报日期：2024年5月20日　联系电话：0730-0000000　单位负责人签字：李四"


def _body() -> list[tuple[str, bool]]:
    """(text, heading) of every paragraph before the attachments."""
    y = _Y
    projects = [f"{i}.年初预算项目“{n}”，年初预算{init}万元，年中{adj[:2]}{adj[2:]}万元，全年预算{full}万元，实际支出"
                f"{spent}万元，结余结转{left}万元，执行率{rate}。"
                + (f"经自评，该项目得分{total}分，等级为“优”。" if total else "")
                for i, (n, init, adj, full, spent, left, rate, total) in enumerate(_PROJECTS, 1)]
    return [(f"{y}年度岳阳市部门（单位）整体支出绩效自评报告", True), (f"部门（单位）名称：{_UNIT}（盖章）", False),
            ("2024年5月20日", False), (f"{y}年度{_UNIT}部门（单位）整体支出绩效自评报告", True),
            ("一、部门（单位）基本情况", True), ("（一）主要职能", True),
            ("1.负责辖区党的建设、公共服务、公共管理和公共安全等工作。", False), ("（二）机构设置", True),
            ("本单位内设党政综合办公室、公共服务办公室、城市管理办公室、公共安全办公室，共4个内设机构。", False),
            ("（三）人员情况", True),
            (f"本单位编制数40人，{y}年末实际在职人数38人，人员控制率95.00%；退休人员21人。", False),
            ("二、一般公共预算支出情况", True), ("（一）基本支出情况", True),
            (f"{y}年度一般公共预算财政拨款基本支出1070.70万元，其中：人员经费820.50万元，占基本支出的76.63%，主要包括基本"
             "工资、津贴补贴和社会保险缴费；公用经费250.20万元，占基本支出的23.37%，主要包括办公费、水电费和"
             "劳务费。", False),
            ("（二）项目支出情况", True),
            (f"{y}年项目支出1431.36万元，共3个项目：" + "；".join(f"“{p[0]}”{p[4]}万元" for p in _PROJECTS) + "。",
             False),
            ("三、政府性基金预算支出情况", True), (f"本单位{y}年无政府性基金预算支出。", False),
            ("四、国有资本经营预算支出情况", True), (f"本单位{y}年无国有资本经营预算支出。", False),
            ("五、社会保险基金预算支出情况", True), (f"本单位{y}年无社会保险基金预算支出。", False),
            ("六、资金使用及绩效情况（包含单位管理的公共专项）", True), ("（一）整体支出绩效情况", True),
            ("全年围绕辖区环境整治、就业服务和基层治理开展工作，各项重点工作总体完成。", False),
            ("全年资金执行情况：年初预算数2300.00万元，全年预算数2800.00万元，全年执行数2706.79万元，执行率96.67%。经自评，"
             "部门（单位）整体支出绩效得分95.67分，等级为“优”。", False),
            ("（二）项目支出绩效情况", True), *[(p, False) for p in projects],
            ("七、存在的问题及原因分析", True),
            ("（一）部分绩效指标未完成。“新增就业人数”年度指标值300人，实际完成270人，扣1分。原因是部分企业用工需求下降，"
             "招聘会到场企业少于预期。", False),
            ("（二）预算执行不够充分。全年预算数2800.00万元，执行2706.79万元，执行率96.67%，环境整治专项和社区建设支出年底有"
             "少量结余。原因是部分工程款按合同在次年初结算。", False),
            (_UNEVALUATED, False),
            ("八、下一步改进措施", True),
            ("（一）加强与辖区企业的用工对接，增加招聘会场次，确保完成新增就业目标。", False),
            ("（二）加快项目结算进度，按月监控预算执行，提高资金使用效率。", False),
            (_UNEVALUATED_MEASURE, False),
            ("九、部门（单位）整体支出绩效自评结果拟应用和公开情况", True),
            (f"{y}年度整体支出绩效自评结果在岳阳楼区人民政府门户网站公开，并作为下一年度预算安排的参考。", False),
            ("其他需要说明的情况", True), ("无", False),
            (f"附件：1-1. {y}年度部门（单位）整体支出绩效评价基础数据表", False),
            (f"1-2. {y}年度部门（单位）整体支出绩效自评表", False), (f"1-3. {y}年度项目支出绩效自评表", False)]


def _table(document, rows: list[tuple[str, ...]]):
    table = document.add_table(rows=0, cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=False):
            cell.text = value
    return table


def _base_table(document) -> None:
    y = _Y
    document.add_paragraph("附件1-1")
    document.add_paragraph(f"{y}年度部门（单位）整体支出绩效评价基础数据表")
    _table(document, [
        ("财政供养人员情况（人）", "编制数", f"{y}年实际在职人数", "控制率"), ("", "40", "38", "95.00%"),
        ("经费控制情况（万元）", f"{y - 1}年决算数", f"{y}年预算数", f"{y}年决算数"),
        ("三公经费", "3.20", "3.00", "2.60"), ("1、公务用车购置和维护经费", "2.00", "2.00", "1.80"),
        ("其中：公车购置", "0", "0", "0"), ("公车运行维护", "2.00", "2.00", "1.80"), ("2、出国经费", "0", "0", "0"),
        ("3、公务接待", "1.20", "1.00", "0.80"), ("项目支出：", "1340.00", "1300.00", "1431.36"),
        ("1、业务工作经费", "0", "0", "0"), ("2、运行维护经费", "0", "0", "0"),
        ("3、专项资金（一个专项一行）", "1340.00", "1300.00", "1431.36"),
        ("环境整治专项", "950.00", "900.00", "996.05"), ("环卫专项", "270.00", "300.00", "288.30"),
        ("社区建设支出", "120.00", "100.00", "147.01"),
        ("公用经费", "240.10", "245.00", "250.20"), ("其中：办公经费", "30.00", "32.00", "31.50"),
        ("水费、电费、差旅费", "12.40", "13.00", "12.90"), ("会议费、培训费", "3.10", "3.00", "2.80"),
        ("政府采购金额", "——", "180.00", "176.40"), ("部门基本支出预算调整", "——", "1361.70", "1361.70"),
        ("厉行节约保障措施", "严格执行八项规定，从严控制三公经费。", "", "")])
    document.add_paragraph(_SIGNED)


def _indicator_rows(indicators: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "偏差原因分析及改进措施"),
            *[("", *row) for row in indicators]]


def _merge_level1(table, start: int) -> None:
    rows, i = table.rows, start
    while i < len(rows):
        j, text = i, rows[i].cells[1].text
        while j + 1 < len(rows) and text and rows[j + 1].cells[1].text == text:
            j += 1
        if j > i:
            rows[i].cells[1].merge(rows[j].cells[1]).text = text
        i = j + 1


def _evaluation_table(document, columns=None) -> None:
    document.add_paragraph("附件1-2")
    document.add_paragraph(f"{_Y}年度部门（单位）整体支出绩效自评表")
    head = [("预算部门名称", _UNIT),
            ("资金情况（万元）", "年度资金总额", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
             "得分"),
            ("", "合计", "", "2300.00", "2800.00", "2706.79", "10", "96.67%", "9.67"),
            ("", "按收入性质分：", "", "", "按支出性质分："),
            ("", "其中：一般公共预算：2502.06", "", "", "其中：基本支出：1275.43"),
            ("", "政府性基金拨款：0", "", "", "项目支出：1431.36"), ("", "其他资金：204.73"),
            ("年度总体目标", "预期目标", "", "", "实际完成情况"),
            ("", "完成环境整治和就业服务年度任务。", "", "", "环境整治和就业服务任务基本完成。")]
    total = ("总分", "", "", "", "", "", "100", "95.67", "等级：优")
    table = _table(document, [*head, *(columns or _indicator_rows)(_INDICATORS), total])
    _merge_level1(table, len(head) + 1)
    document.add_paragraph(_SIGNED)


_SICHUAN_HEADER = ("绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重",
                   "得分", "未完成原因分析")


def sichuan_rows(indicators: list[tuple[str, ...]], header: tuple[str, ...] = _SICHUAN_HEADER) -> list[tuple[str, ...]]:
    """INDICATORS (as `_INDICATORS`) under Sichuan's columns (510000_0013zp): 指标性质 the target's sign (定性 for a
    target without a number), 指标值 and 完成值 without the unit, which 度量单位 gives."""
    import re

    out = [header]
    for level1, level2, name, target, actual, weight, score, reason in indicators:
        hit = re.fullmatch(r"([≥≤]?)(\d+(?:\.\d+)?)(\D*)", target)
        if hit is None:
            out.append(("", level1, level2, name, "定性", target, "", actual, weight, score, reason))
            continue
        done = actual[:-len(hit.group(3))] if hit.group(3) and actual.endswith(hit.group(3)) else actual
        out.append(("", level1, level2, name, hit.group(1) or "=", hit.group(2), hit.group(3), done, weight, score,
                    reason))
    return out


def _project_table(document, columns=None) -> None:
    name, init, _, full, spent, _, rate, total = _PROJECTS[0]
    document.add_paragraph("附件1-3")
    document.add_paragraph(f"{_Y}年度项目支出绩效自评表")
    _table(document, [
        ("项目名称", name), ("主管部门", _UNIT, "", "", "实施单位", _UNIT),
        ("项目资金（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        ("", "年度资金总额", "", init, full, spent, "10", rate, "9.96"),
        ("", "其中：当年财政拨款", "", init, full, spent),
        ("", "上年结转资金"), ("", "其他资金"), ("年度总体目标", "预期目标", "", "", "实际完成情况"),
        ("", "完成辖区环境整治点位。", "", "", "整治点位全部完成。"),
        *(columns or _indicator_rows)(_PROJECT_INDICATORS),
        ("总分", "", "", "", "", "", "100", total or "", "等级：优")])
    document.add_paragraph("备注：一个一级项目支出一张表。")
    document.add_paragraph(_SIGNED)


def report(out: Path, subs: list[tuple[str, str]] = (), cells: list[tuple[int, str, str]] = (),  # type: ignore[assignment]
           project_columns=None, evaluation_columns=None) -> Path:
    """The hand-written report at OUT, each (old, new) of SUBS replaced once in the body (AssertionError when OLD is
    not there) and each (table, old, new) of CELLS in the first cell of that table holding OLD. PROJECT_COLUMNS,
    EVALUATION_COLUMNS: the indicator rows of 附件1-3 / 1-2 (header first) as another form prints them
    (`sichuan_rows`), from the rows as `_INDICATORS` gives them."""
    body = [text for text, _ in _body()]
    for old, new in subs:
        at = next(i for i, text in enumerate(body) if old in text)
        body[at] = body[at].replace(old, new, 1)
    document = docx.Document()
    for (_, heading), text in zip(_body(), body, strict=True):
        document.add_paragraph().add_run(text).bold = heading
        if text == "2024年5月20日":
            document.add_page_break()
    document.add_page_break()
    _base_table(document)
    document.add_page_break()
    _evaluation_table(document, evaluation_columns)
    document.add_page_break()
    _project_table(document, project_columns)
    for index, old, new in cells:
        cell = next(c for row in document.tables[index].rows for c in row.cells if old in c.text)
        cell.text = cell.text.replace(old, new, 1)
    document.save(str(out))
    return out
