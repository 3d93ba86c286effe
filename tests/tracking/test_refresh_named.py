"""Refresh keeps an edited paragraph that follows a list or a condition in its section with what it was: each of last
year's problems followed up (上年问题整改情况 1. 2. …), the 全年资金执行情况 paragraph after the achievements. They
were known by their place in the section, which a problem or an achievement the corrected input adds or drops moved:
the user's 整改情况 landed on the follow-up before it (one follow-up lost, another printed twice) and the edited
执行情况 paragraph was taken for one no longer generated and printed twice. A report drafted before they were named is
still refreshed as before (its places renamed)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.narrative.narrate import persisting_notice
from drafter.pipeline import draft_from, load, render_report
from drafter.tracking.package import DOCUMENT, open_report, rezip
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.rendered import marked_paragraphs, render_fresh
from drafter.tracking.wordxml import rename_bookmark

from conftest import EXAMPLES
from helpers import edited_copy
from rolled import read_rolled, write_filled
from tracking.test_refresh import W, append_note, body, text

SHILI = EXAMPLES / "shili-2024.yaml"
NOTE = "（已修订预算编制办法。）"


def _paragraphs(path: Path) -> list[str]:
    return [text(p) for p in body(path).iter(f"{W}p")]


def _refreshed(tmp_path: Path, report: Path, corrected: Path) -> Path:
    out = tmp_path / "refreshed.docx"
    out.write_bytes(refresh_docx(report, corrected, force=True).data)
    return out


def _rolled_report(tmp_path: Path) -> tuple[Path, Path]:
    """Next year's report from yuetang's rollover (its six problems followed up), and its input."""
    rolled = tmp_path / "next.yaml"
    assert CliRunner().invoke(main, ["rollover", str(EXAMPLES / "yuetang-2022.yaml"), "-o", str(rolled)]).exit_code == 0
    source = write_filled(read_rolled(rolled), tmp_path / "filled.yaml")
    report = tmp_path / "report.docx"
    render_report(source, report)
    return report, source


def _follow_ups(path: Path) -> list[str]:
    return [t for t in _paragraphs(path) if t[:1].isdigit() and "整改情况：" in t]


def test_an_edited_follow_up_stays_itself_when_a_problem_appears_before_it(tmp_path):
    report, source = _rolled_report(tmp_path)
    fourth = next(t for t in _follow_ups(report) if t.startswith("4."))
    append_note(report, NOTE, fourth[:20])
    spent = "    spent: 101.37\n"  # the project spends less: 预算执行不够充分 appears before the follow-ups
    corrected = edited_copy(source, tmp_path, {spent: "    spent: 60\n", "  spent: 477.11": "  spent: 435.74",
                                               "general_public: 477.11": "general_public: 435.74"}, "corrected.yaml")
    before = _follow_ups(report)
    out = _refreshed(tmp_path, report, corrected)
    after = _follow_ups(out)
    assert any("预算执行不够充分" in t for t in _paragraphs(out))  # the problem did appear
    assert after == before  # each follow-up once, in its place, the user's words in the fourth
    # no placeholder but the notice the filled input earns (its follow-ups say 已整改 while the same problems stand
    # again this year: narrate.persisting)
    assert after[3].endswith(NOTE) and "【待填写" not in "".join(after).replace(persisting_notice(), "")


def test_the_edited_execution_paragraph_stays_itself_when_an_achievement_is_added(tmp_path):
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    append_note(report, NOTE, "全年资金执行情况")
    corrected = edited_copy(SHILI, tmp_path, {
        "achievements:\n": "achievements:\n  - title: 安全生产形势稳定\n    text: 全年未发生较大安全生产事故。\n"},
        "corrected.yaml")
    out = _refreshed(tmp_path, report, corrected)
    execution = [t for t in _paragraphs(out) if t.startswith("全年资金执行情况")]
    assert len(execution) == 1 and execution[0].endswith(NOTE)
    assert any(t.endswith("安全生产形势稳定。全年未发生较大安全生产事故。") for t in _paragraphs(out))


def _as_drafted_before(report: Path, source: Path) -> None:
    """REPORT as drafter wrote it before these paragraphs were named: each known by its place (`problems.9`)."""
    legacy = render_fresh(draft_from(load(source), source)).legacy
    assert legacy  # the follow-ups and the execution paragraph
    data, entry, manifest = open_report(report)
    root = body(report)
    marked = marked_paragraphs(root, legacy.values())
    for place, key in legacy.items():
        rename_bookmark(marked[key], key, place)
        manifest.paragraphs[place] = manifest.paragraphs.pop(key)
    report.write_bytes(rezip(data, {DOCUMENT: etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                              standalone=True),
                                    entry: manifest.to_xml()}))


def test_a_report_drafted_before_keeps_its_edited_paragraphs_by_their_places(tmp_path):
    report, source = _rolled_report(tmp_path)
    _as_drafted_before(report, source)
    with zipfile.ZipFile(io.BytesIO(report.read_bytes())) as zf:
        assert b"follow_up1" not in zf.read(open_report(report)[1])  # known by their places only
    fourth = next(t for t in _follow_ups(report) if t.startswith("4."))
    append_note(report, NOTE, fourth[:20], "全年资金执行情况")
    corrected = edited_copy(source, tmp_path, {"0731-0000000": "0731-0000001"}, "corrected.yaml")
    before = _follow_ups(report)
    out = _refreshed(tmp_path, report, corrected)
    assert _follow_ups(out) == before
    execution = [t for t in _paragraphs(out) if t.startswith("全年资金执行情况")]
    assert len(execution) == 1 and execution[0].endswith(NOTE)
    result = refresh_docx(report, corrected, force=True)
    assert not result.stale and not result.conflicts
