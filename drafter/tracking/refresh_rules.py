"""Which rule pack a refresh scores with: the one the report records it was drafted under (its manifest) unless
--rules or the new input names another — a report drafted with `--rules hunan-2023-dengji` keeps its 一等…四等 (the
kit's pack would otherwise win: a kit always names one) — and what the summary says when the pack differs from the
recorded one."""
from __future__ import annotations

from pathlib import Path

from drafter.figures.packrecord import recorded_pack
from drafter.figures.rulepacks import RulePack, load_rules
from drafter.pipeline import Loaded, choose_kit, rules_name, rules_where
from drafter.writers.manifest import Manifest


def refresh_rules(manifest: Manifest, loaded: Loaded, input_path: str | Path, kit: str | None,
                  rules: str | None) -> str | None:
    """The --rules value to draft the refresh with: `rules` when given; None (as `render` chooses) when the new input
    names a pack; else the name of the pack the report records (a refresh redrafts the same report: it keeps the
    pack it was scored under, though the kit names one; None when that is the one `render` would choose anyway).
    Raises KitError when the recorded pack cannot be found (asking for --rules)."""
    if rules or not manifest.rules or not manifest.rules_sha256:
        return rules
    if loaded.model.rules:  # the new input names a pack: chosen as `render` chooses
        return None
    the_kit = choose_kit(loaded.model, input_path, kit, loaded.places)
    default = load_rules(rules_name(loaded.model, the_kit), the_kit.rules_dirs,
                         rules_where(loaded.model, the_kit, None, input_path, loaded.places))
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
