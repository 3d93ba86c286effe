"""Where the report joins a user's text to more text, the user's sentence ends once: 。 added when it has no
final punctuation, never doubled when it has."""
from __future__ import annotations

from drafter.inputs import load_input
from drafter.inputs.locate import Loaded, Places
from drafter.model.schema import FollowUp, Problem
from drafter.pipeline import draft_from
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

SHILI = EXAMPLES / "shili-2024.yaml"


def _text(edit) -> str:
    report = load_input(SHILI)
    edit(report)
    return write_text(draft_from(Loaded(report, Places()), SHILI).document)


def _unended(report) -> None:
    report.problems = [Problem(problem="资金拨付不及时", cause="主要原因是审批环节较多。"),
                       Problem(problem="台账不全；", cause="档案管理人员变动频繁。")]
    report.follow_ups = [FollowUp(problem="预算编制不细", measure="细化到项目", status="已整改")]
    report.staffing.change_reason = "本年新增退休 2 人"
    project = report.projects[0]
    project.use, project.results = "社区服务站点运转", "全年开展便民服务活动 24 场"
    report.achievements[0].title = report.achievements[0].title.rstrip("。")


def _ended(report) -> None:
    report.problems = [Problem(problem="资金拨付不及时。", cause="主要原因是审批环节较多。")]
    report.follow_ups = [FollowUp(problem="预算编制不细。", measure="细化到项目。", status="已整改。")]
    report.staffing.change_reason = "本年新增退休 2 人。"
    project = report.projects[0]
    project.use, project.results = "社区服务站点运转。", "全年开展便民服务活动 24 场。"
    report.achievements[0].title = report.achievements[0].title.rstrip("。") + "。"


def test_a_user_sentence_without_final_punctuation_is_ended_before_generated_text_goes_on():
    text = _text(_unended)
    assert "资金拨付不及时。主要原因是审批环节较多。" in text
    assert "台账不全。档案管理人员变动频繁。" in text
    assert "预算编制不细。整改措施：细化到项目。整改情况：已整改" in text
    assert "人员变动原因：本年新增退休2人。" in text
    assert "资金主要用于社区服务站点运转。全年开展便民服务活动24场。项目" in text


def test_a_user_sentence_that_is_ended_is_not_ended_twice():
    text = _text(_ended)
    assert "资金拨付不及时。主要原因是审批环节较多。" in text
    assert "预算编制不细。整改措施：细化到项目。整改情况：已整改。" in text
    assert "资金主要用于社区服务站点运转。全年开展" in text
    assert "。。" not in text and "。；" not in text


YUETANG = EXAMPLES / "yuetang-2022.yaml"


def _led(report) -> None:
    """Each text the wording prints a lead word before (用于, 主要原因是, 说明：…), written with that lead word."""
    report.other_budgets.government_fund.use = "用于辖区环境卫生整治。"
    project = report.projects[0]
    project.use = "用于补助社区运转"
    report.staffing.change_reason = "人员变动原因：退休人员中有 1 人去世"
    report.funds.scope_note = "说明：表1-2 按全部资金口径填列。"
    report.follow_ups = [FollowUp(problem="预算编制不细", measure="整改措施：细化到项目", status="整改情况：已整改")]
    for indicator in report.indicators:
        if indicator.deviation:
            indicator.deviation = "主要原因是部分小区业主意见分歧较大。"


def test_a_user_text_starting_with_the_wordings_lead_word_does_not_double_it():
    report = load_input(YUETANG)
    _led(report)
    text = write_text(draft_from(Loaded(report, Places()), YUETANG).document)
    assert "用于辖区环境卫生整治。" in text and "主要用于补助社区运转。" in text
    assert "人员变动原因：退休人员中有1人去世。" in text and "说明：表1-2按全部资金口径填列。" in text
    assert "整改措施：细化到项目。整改情况：已整改" in text
    assert "主要原因是部分小区业主意见分歧较大" in text
    for doubled in ("用于用于", "原因是主要原因是", "原因是原因是", "原因：人员变动原因", "说明：说明",
                    "措施：整改措施", "情况：整改情况", "。。", "。，", "。；"):
        assert doubled not in text, doubled
