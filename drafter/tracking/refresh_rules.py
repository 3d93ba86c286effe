"""Which rule pack a refresh scores with: the one the report records it was drafted under (its manifest) when
neither --rules, the kit nor the new input names one — a report drafted with `--rules hunan-2023-dengji` keeps its
一等…四等 — and what the summary says when the pack differs from the recorded one."""
from __future__ import annotations

from pathlib import Path

from drafter.figures.packrecord import recorded_pack
from drafter.figures.rulepacks import RulePack, load_rules
from drafter.pipeline import Loaded, choose_kit, rules_name
from drafter.writers.manifest import Manifest


def refresh_rules(manifest: Manifest, loaded: Loaded, input_path: str | Path, kit: str | None,
                  rules: str | None) -> str | None:
    """The --rules value to draft the refresh with: `rules` when given; else the name of the pack the report
    records, when the kit and the new input name none (they choose as `render` does otherwise); else None.
    Raises KitError when the recorded pack it would use cannot be found (asking for --rules)."""
    if rules or not manifest.rules or not manifest.rules_sha256:
        return rules
    the_kit = choose_kit(loaded.model, input_path, kit)
    if rules_name(loaded.model, the_kit):
        return None
    default = load_rules("", the_kit.rules_dirs)
    pack, _ = recorded_pack(manifest.rules, manifest.rules_sha256, the_kit.rules_dirs, default)
    return None if pack is default else pack.name


def rules_note(manifest: Manifest, used: RulePack) -> str:
    """Why the refreshed report may grade or score differently (Chinese, "" when it does not): the pack `used` is
    not the one the report records (another pack, or the same name with other values)."""
    if not manifest.rules_sha256 or manifest.rules_sha256 == used.content_sha256:
        return ""
    if manifest.rules == used.name:
        return f"文档按评分规则“{used.name}”评分，该评分规则此后已改动，本次按改动后的内容评分"
    return f"文档按评分规则“{manifest.rules}”评分，本次使用“{used.name}”"
