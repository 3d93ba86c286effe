"""Refresh when the corrected input has more or fewer attachment tables (a project dropped, a project's
evaluation table added or removed): an untouched table no longer produced goes, a new one comes in its attachment,
with the lines under it; the refreshed report reads as a fresh render."""
from __future__ import annotations

import copy

import pytest
import yaml

from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx

from conftest import EXAMPLES
from tracking.test_refresh import W, edit
from tracking.test_refresh_every_field import assert_refresh_reads_as_fresh, texts, write

HETANG = yaml.safe_load((EXAMPLES / "hetang-gov-2022.yaml").read_text(encoding="utf-8"))


def without_evaluations(data: dict) -> dict:
    out = copy.deepcopy(data)
    for project in out["projects"]:
        project.pop("evaluation", None)
    return out


def without_last_project(data: dict) -> dict:
    out = copy.deepcopy(data)
    out["projects"] = out["projects"][:-1]
    return out


CASES = {
    "evaluations dropped": (HETANG, without_evaluations(HETANG)),
    "evaluations added": (without_evaluations(HETANG), HETANG),
    "project dropped": (HETANG, without_last_project(HETANG)),
    "project added": (without_last_project(HETANG), HETANG),
}


@pytest.mark.parametrize("case", list(CASES))
def test_tables_follow_the_corrected_input(tmp_path, case):
    before, after = CASES[case]
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(write(tmp_path, before, "before.yaml"))))
    corrected = write(tmp_path, after, "after.yaml")
    assert_refresh_reads_as_fresh(docx, corrected, case)
    refreshed = tmp_path / "refreshed.docx"
    refreshed.write_bytes(refresh_docx(docx, corrected, force=True).data)
    assert not refresh_docx(refreshed, corrected, force=True).changed  # the manifest follows: nothing left to do


def test_an_edited_table_no_longer_produced_stays(tmp_path):
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(write(tmp_path, HETANG, "before.yaml"))))

    def annotate(root) -> None:
        sdt = next(s for s in root.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == "table.1-3.1")
        t = next(t for t in sdt.iter(f"{W}t") if t.text)
        t.text += "（手工批注）"

    edit(docx, annotate)
    result = refresh_docx(docx, write(tmp_path, without_evaluations(HETANG), "after.yaml"), force=True)
    assert any("（手工批注）" in t for t in texts(result.data))
    assert "table.1-3.1" in {c.key for c in result.gone}
