"""The rule pack a report records it was scored under (its manifest: the pack's name and content hash), found again
for `lint` and `refresh`, so a report drafted with `--rules hunan-2023-dengji` is read with that pack's grades."""
from __future__ import annotations

from pathlib import Path

from drafter.errors import KitError
from drafter.figures.rulepacks import RulePack, available_rules, load_rules


def recorded_pack(name: str, sha256: str, extra: list[Path] | None, default: RulePack | None) -> tuple[RulePack, str]:
    """The pack a report records (`name`, RulePack.content_sha256 `sha256`) and a notice (Chinese, "" for none):

    `default` (the kit's own pack) when it has that content; else the pack called `name` in the kit's rules folders
    `extra` or the built-ins — with a notice when its content is no longer the recorded one (its file was edited
    since). Raises KitError (one message, asking for --rules) when no pack of that name can be found."""
    if default is not None and default.content_sha256 == sha256:
        return default, ""
    pack = _named(name, extra)
    if pack is None:
        raise KitError(f"报告记录的评分规则“{name}”无法找到（报告模板的 rules 文件夹和内置评分规则中都没有），"
                       "无法沿用生成报告时的评分规则；请用 --rules 指定生成报告时所用的评分规则（名称或 .yaml 文件）")
    if pack.content_sha256 == sha256:
        return pack, ""
    return pack, (f"报告按评分规则“{name}”生成，该评分规则此后已改动（内容与报告记录的不同），"
                  f"本次按现有的“{name}”核对；如需按原规则核对，请用 --rules 指定原规则文件")


def _named(name: str, extra: list[Path] | None) -> RulePack | None:
    """The pack `name` names among the kit's and the built-in packs (never a file path: a report records a name),
    or None when there is none. Raises KitError for a pack of that name that is broken (as load_rules)."""
    if name not in available_rules(extra):
        return None
    return load_rules(name, extra)
