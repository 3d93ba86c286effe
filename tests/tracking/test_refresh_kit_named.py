"""A report drafted with a district's kit (whose rules pack is the kit's own) refreshed without --kit: the first
refusal names the kit the report records. It asked for --rules first (the kit's pack is found nowhere else), and
following that advice only led to the kit's refusal (attacker att42a F14)."""
from __future__ import annotations

import re

from click.testing import CliRunner

from drafter.cli import main
from drafter.kits.new import new_kit
from drafter.pipeline import render_report

from tracking.test_refresh import EXAMPLE, corrected_input

RULES = "extends: hunan-2023\nname: quyu\ngrades:\n  - {min: 95, label: 优}\n  - {min: 85, label: 良}\n" \
        "  - {min: 70, label: 中}\n  - {min: 0, label: 差}\n"


def test_att42a_f14_refresh_without_the_district_kit_names_the_kit_first(tmp_path):
    kit = new_kit(tmp_path / "区 kit", "hunan-standard")
    (kit / "rules").mkdir(exist_ok=True)
    (kit / "rules" / "quyu.yaml").write_text(RULES, encoding="utf-8")
    spec = kit / "kit.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "rules: quyu\n", encoding="utf-8")
    report = tmp_path / "r.docx"
    render_report(EXAMPLE, report, kit=str(kit))
    new = corrected_input(tmp_path)  # naming no rules pack: the report's recorded one is looked for
    new.write_text(re.sub(r"(?m)^rules:.*\n", "", new.read_text(encoding="utf-8")), encoding="utf-8")
    result = CliRunner().invoke(main, ["refresh", str(report), "--input", str(new), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 1, result.output
    assert "由报告模板“区 kit”生成" in result.output and "--kit" in result.output, result.output
    assert "--rules" not in result.output and "quyu" not in result.output, result.output
    done = CliRunner().invoke(main, ["refresh", str(report), "--input", str(new), "--kit", str(kit),
                                     "-o", str(tmp_path / "out.docx")])
    assert done.exit_code == 0, done.output
