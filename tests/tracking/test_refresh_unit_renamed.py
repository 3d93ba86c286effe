"""Correcting only the unit's name: refresh rewords none of the generated problems and measures. The wording of each
is chosen by the unit's name (neighbouring units read differently), so a typo fixed in the name re-worded paragraphs
a reviewer had approved, with the same figures (attacker att42a F16). The report keeps the name it was worded by
(its manifest records it), this refresh and every later one."""
from __future__ import annotations

from drafter.tracking.refresh import refresh_docx
from drafter.tracking.rendered import marked_paragraphs
from drafter.writers.manifest import paragraph_text, read_manifest

from tracking.test_refresh import EXAMPLE, W, body, rendered

NAME = "株洲市荷塘区月塘街道办事处"
CORRECTED = "株洲市荷塘区月唐街道办事处"  # one character: the wording chosen by it differs for most rules


def _worded(path) -> dict[str, str]:
    keys = read_manifest(path.read_bytes()).paragraphs
    return {k: paragraph_text(p) for k, p in marked_paragraphs(body(path), keys).items()
            if k.startswith(("problems.", "measures."))}


def test_att42a_f16_a_corrected_unit_name_rewords_no_problem_or_measure(tmp_path):
    report = rendered(tmp_path)
    new = tmp_path / "renamed.yaml"
    new.write_text(EXAMPLE.read_text(encoding="utf-8").replace(NAME, CORRECTED), encoding="utf-8")
    first = refresh_docx(report, new, force=True)
    assert not [c.key for c in first.regenerated if c.key.startswith(("problems.", "measures."))]
    once = tmp_path / "once.docx"
    once.write_bytes(first.data)
    assert _worded(once) == _worded(report) and _worded(report)
    assert CORRECTED in "".join(paragraph_text(p) for p in body(once).iter(f"{W}p"))  # the name itself corrected
    second = refresh_docx(once, new, force=True)  # and the next refresh keeps that wording too
    assert not second.changed and second.data == once.read_bytes()
