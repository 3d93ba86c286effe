"""Document.gaps: every 【待填写：…】 left in paragraphs and table cells, with its heading or table label."""
from __future__ import annotations

from drafter.compose.document import Cell, Document, Paragraph, Run, Table


def test_gaps_are_found_in_paragraphs_and_cells_and_a_table_without_any_is_passed_over():
    gap_cell = Cell([Run("原因："), Run("【待填写："), Run("偏差原因】")])  # one placeholder over three runs
    blocks = [Paragraph([Run("一、概况")], "heading1"), Paragraph([Run("说明【待填写：用途】")]),
              Table("table.1", "附件1", [[Cell([Run("甲")]), Cell()], [Cell([Run("【待")]), Cell([Run("填写：x】")])]],
                    [1, 1]),  # a placeholder across two cells is none
              Table("table.2", "附件2", [[Cell([Run("乙")]), gap_cell]], [1, 1])]
    assert Document("t", "a", "2024-01-01", None, blocks).gaps() == [
        ("一、概况", "【待填写：用途】", "说明【待填写：用途】"),
        ("附件2", "【待填写：偏差原因】", "原因：【待填写：偏差原因】")]


def test_a_paragraphs_opening_never_ends_inside_a_number():
    """W051 quoted “（该段以“1.（2024年度）全年预算数718.0”开头）” for 718.00 (attacker L2): the cut is moved to the
    end of the number it falls in; elsewhere it stays at 20 characters."""
    from drafter.compose.document import opening

    assert opening("1.（2024年度）全年预算数718.00万元，执行数714.80万元") == "1.（2024年度）全年预算数718.00"
    assert opening("一二三四五六七八九十一二三四五六七八九十十一") == "一二三四五六七八九十一二三四五六七八九十"
    assert opening("一二三四五六七八九十一二三四五六七八99.5%的") == "一二三四五六七八九十一二三四五六七八99.5%"


def test_a_plan_partly_split_by_project_says_how_much_is_not(tmp_path):
    """项目支出年初预算 250 with the projects' own 年初预算 adding to 220 printed “250.00万元（未分项目列示）” right
    after “其中年初预算220.00万元”, as if none were split (final attacker F16): only 30.00 is not."""
    import yaml

    from drafter.pipeline import prepare

    from conftest import EXAMPLES

    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    data["funds"].update(projects_plan=250, basic_plan=390)
    source = tmp_path / "p.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = "".join(b.text for b in prepare(source).document.blocks if hasattr(b, "text"))
    # the projects' part is the 附件1-1 项目支出 本年预算数 the table prints (220.00): text and table agree (C9/D6)
    assert "年初预算安排项目支出250.00万元（其中各项目年初预算220.00万元，未分项目列示30.00万元）" in text


def test_a_placeholder_states_no_figure_of_its_paragraphs_own():
    """`【待填写：预算执行率未达100%的原因】` (a generated problem's cause left to fill) made its paragraph one that
    states a figure of its own, so E031 read the whole problems part for it (check of 500 indicators: +37 ms)."""
    from drafter.compose.document import states_own_figure

    figure = Run("96.30%", key="funds.execution_rate", label="执行率")
    assert not states_own_figure(Paragraph([Run("执行率为"), figure, Run("。【待填写：预算执行率未达100%的原因】")]))
    assert states_own_figure(Paragraph([Run("执行率为"), figure, Run("。原计划执行率为90%。")]))


def test_a_paragraphs_opening_never_ends_inside_a_quotation():
    """attacker s39 F3: W051's place quoted `（二）未完成指标缺少偏差说明。自评表中“` — read as 自评表中“”."""
    from drafter.compose.document import opening

    text = "（二）未完成指标缺少偏差说明。自评表中“居民满意度”等指标未填写偏差原因。"
    assert opening(text) == "（二）未完成指标缺少偏差说明。自评表中“居民满意度”"
    long = "（二）未完成指标缺少偏差说明。自评表中“" + "长" * 40 + "”等指标。"
    assert opening(long) == "（二）未完成指标缺少偏差说明。自评表中"


def test_a_mid_year_cut_reckons_the_projects_full_budget_without_calling_its_parts_of_it():
    """att44s F4: shili's projects were cut mid-year — “全年预算178.00万元，其中年初预算220.00万元” called 220 a part
    (其中) of 178, which README promises no generated sentence does. A cut prints the reckoning in brackets; a raise
    keeps “其中” (every part within the whole), and a cancelled project's sentence has its comma (F5)."""
    from drafter.pipeline import prepare

    from conftest import EXAMPLES

    shili = "".join(b.text for b in prepare(EXAMPLES / "shili-2024.yaml").document.blocks if hasattr(b, "text"))
    assert ("全年预算178.00万元（年初预算220.00万元，上年结转40.00万元，年中调增18.00万元、年中调减100.00万元）。"
            in shili)  # increases and cuts apart (att46 F14)
    assert "其中年初预算220.00万元" not in shili and "项目“老旧小区改造”，年初预算100.00万元" in shili
    yuetang = "".join(b.text for b in prepare(EXAMPLES / "yuetang-2022.yaml").document.blocks if hasattr(b, "text"))
    assert "万元，其中年初预算" in yuetang
