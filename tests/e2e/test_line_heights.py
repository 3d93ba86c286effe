"""Layout that does not depend on the CJK font (issue 16, PDF): every paragraph of every example's .docx — body,
tables, cover, footers — has an exact line height, so a page holds the same lines whichever serif sets 仿宋 or
宋体 (GB/T 9704: 22 lines of 28.95 pt). A footer in "auto" spacing grew with the substituted font and cost the
body its 22nd line in LibreOffice."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES
from readback import NS, q, render_example, xml_parts


def _spacing_rule(ppr) -> str | None:
    spacing = None if ppr is None else ppr.find("w:spacing", NS)
    return None if spacing is None else spacing.get(q("lineRule"), "auto" if spacing.get(q("line")) else None)


def _style_rules(styles) -> dict[str, str | None]:
    """Each paragraph style's effective line rule, following w:basedOn, then the document defaults."""
    default = _spacing_rule(styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS)) or "auto"
    own = {s.get(q("styleId")): s for s in styles.iterfind("w:style[@w:type='paragraph']", NS)}

    def rule(style_id: str | None, seen: frozenset[str] = frozenset()) -> str:
        style = own.get(style_id or "")
        if style is None or style_id in seen:
            return default
        found = _spacing_rule(style.find("w:pPr", NS))
        based = style.find("w:basedOn", NS)
        return found or rule(None if based is None else based.get(q("val")), seen | {style_id})

    default_style = next((sid for sid, s in own.items() if s.get(q("default")) == "1"), None)
    return {**{sid: rule(sid) for sid in own}, "": rule(default_style)}


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_paragraph_has_an_exact_line_height(example):
    parts = xml_parts(render_example(example)[1])
    rules = _style_rules(parts["word/styles.xml"])
    loose = []
    names = [n for n in parts if n == "word/document.xml" or n.startswith(("word/footer", "word/header"))]
    assert any(n.startswith("word/footer") for n in names)
    for name in names:
        for p in parts[name].iter(q("p")):
            ppr = p.find("w:pPr", NS)
            style = None if ppr is None else ppr.find("w:pStyle", NS)
            rule = _spacing_rule(ppr) or rules.get("" if style is None else style.get(q("val")), "auto")
            if rule != "exact":
                loose.append(f"{name}: {''.join(p.itertext())[:20]!r} ({rule})")
    assert loose == []
