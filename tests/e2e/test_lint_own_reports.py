"""`drafter lint` of drafter's own reports: every example under every built-in kit, full and public, has no
error-level finding — a report drafter wrote from a clean input must not be called wrong by its own reviewer
(Sichuan's project form, whose 指标性质/度量单位 columns lint does not read, gave false E027/W042; a kit printing
thousands separators gave false E010/E012)."""
from __future__ import annotations

import pytest

from drafter.kits.spec import available_kits
from drafter.lint import lint_file
from drafter.pipeline import prepare, render_docx

from conftest import EXAMPLES


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_drafters_own_reports_lint_without_errors(example, tmp_path):
    for kit in available_kits():
        for public in (False, True):
            out = tmp_path / f"{kit}-{public}.docx"
            out.write_bytes(render_docx(prepare(example, kit=kit, public=public)))
            result = lint_file(out, kit)
            assert [(f.code, f.message) for f in result.errors] == [], (kit, public)
            if kit == "sichuan":  # its 1-3 is not read: no guess about its 满意度 row either
                assert not [f for f in result.warnings if f.code == "W042" and "附件2" in f.message]


def test_lint_takes_the_kit_from_the_manifest_and_honours_its_switched_off_checks(tmp_path):
    """Without --kit, lint of a national report reads it with the national kit (not Hunan's outline: false L001);
    a kit's disabled_checks are left out as check and render leave them out."""
    from click.testing import CliRunner

    from drafter.cli import main

    out = tmp_path / "n.docx"
    out.write_bytes(render_docx(prepare(EXAMPLES / "wangyue-2023.yaml", kit="national")))
    result = CliRunner().invoke(main, ["lint", str(out)])
    assert "L001" not in result.output and "L003" not in result.output, result.output
    kit = tmp_path / "kit"
    assert CliRunner().invoke(main, ["kit", "new", str(kit)]).exit_code == 0
    report = tmp_path / "h.docx"  # hetang-gov's draft keeps a 【待填写】 placeholder: W051
    report.write_bytes(render_docx(prepare(EXAMPLES / "hetang-gov-2022.yaml", kit=str(kit))))
    assert "W051" in CliRunner().invoke(main, ["lint", str(report), "--kit", str(kit)]).output
    spec = kit / "kit.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "\ndisabled_checks: [W051]\n", encoding="utf-8")
    assert "W051" not in CliRunner().invoke(main, ["lint", str(report), "--kit", str(kit)]).output


@pytest.mark.parametrize("numbers", [
    'thousands: ","', 'thousands: " "', 'thousands: " "\n  money: {decimals: 4, trailing_zeros: false}',
    'score: {decimals: 3, trailing_zeros: true}\n  percent: {trailing_zeros: false}',
])
def test_every_number_setting_a_kit_may_make_lints_without_errors(numbers, tmp_path):
    """Each accepted kit `numbers` setting (those that would make the report contradict itself are refused at load:
    tests/review/test_kit_check.py): drafter's own report under it is clean. A space as thousands separator
    (1 858.10) was read as two numbers, a false E027 under 1-2."""
    from click.testing import CliRunner

    from drafter.cli import main

    kit = tmp_path / "kit"
    assert CliRunner().invoke(main, ["kit", "new", str(kit)]).exit_code == 0
    spec = kit / "kit.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + f"\nnumbers:\n  {numbers}\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    out.write_bytes(render_docx(prepare(EXAMPLES / "yuetang-2022.yaml", kit=str(kit))))
    result = lint_file(out, str(kit))
    assert [(f.code, f.message) for f in result.errors] == []


def test_a_report_of_a_district_kit_is_not_read_against_another_kits_outline(tmp_path):
    """A report drafted with a kit folder (here one numbering its parts 第一部分…) records that kit's name, which lint
    cannot load without --kit: it says so for that file (exit 1) instead of reading it against Hunan's outline (8 false
    L001 “缺少‘部门（单位）基本情况’一节”: attacker F9); with --kit the same report is clean."""
    from click.testing import CliRunner

    from drafter.cli import main

    kit = tmp_path / "kitA"
    assert CliRunner().invoke(main, ["kit", "new", str(kit)]).exit_code == 0
    spec = kit / "kit.yaml"
    text = spec.read_text(encoding="utf-8")
    numbering = 'numbering: ["第{cn}部分　", "（{cn}）", "{n}.", "（{n}）"]'
    text = "\n".join('name: "kitA"' if line.startswith("name:") else numbering if line.startswith("numbering:") else
                     line for line in text.splitlines())
    spec.write_text(text + "\n", encoding="utf-8")
    report = tmp_path / "k.docx"
    report.write_bytes(render_docx(prepare(EXAMPLES / "shili-2024.yaml", kit=str(kit))))
    result = CliRunner().invoke(main, ["lint", str(report)])
    assert result.exit_code == 1 and "L001" not in result.output
    assert "报告模板“kitA”生成，不是内置 kit：请加 --kit 指定“kitA”的名称或文件夹" in result.output
    clean = CliRunner().invoke(main, ["lint", str(report), "--kit", str(kit)])
    assert clean.exit_code == 0 and "共 0 个错误" in clean.output, clean.output
