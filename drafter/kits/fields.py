"""Input fields a kit's custom sections need from the free-form `extra` (自定义) part of the input."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.kits.spec import Kit, Section


@dataclass(frozen=True)
class FieldNeed:
    """One declared field: `path` inside extra (dotted), whether it is a list, and who needs it."""

    path: tuple[str, ...]
    is_list: bool
    section: str

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def field_needs(kit: Kit) -> list[FieldNeed]:
    return list(_walk(kit.spec.sections))


def _walk(sections: list[Section]) -> Iterator[FieldNeed]:
    for section in sections:
        who = section.heading or section.template or section.content
        for spec in section.fields:
            is_list = spec.endswith("[]")
            yield FieldNeed(tuple(spec.removesuffix("[]").split(".")), is_list, who)
        yield from _walk(section.children)


def _lookup(extra: Any, path: tuple[str, ...]) -> tuple[bool, Any]:
    for part in path:
        if not isinstance(extra, dict) or part not in extra:
            return False, None
        extra = extra[part]
    return True, extra


def missing_fields(kit: Kit, extra: dict) -> list[tuple[FieldNeed, str]]:
    """Each declared field the input lacks or gives in the wrong shape, with what was expected."""
    out = []
    for need in field_needs(kit):
        found, value = _lookup(extra, need.path)
        if not found or value is None or value == "":
            out.append((need, "缺少必填项"))
        elif need.is_list != isinstance(value, list):
            out.append((need, "应为列表" if need.is_list else "应为文本"))
    return out


def require_fields(kit: Kit, extra: dict, source: str | Path) -> None:
    """Raise one InputError listing every field the kit's sections need and the input lacks."""
    problems = [f"{source} 自定义.{need.dotted}（kit“{kit.name}”的章节“{need.section}”需要）：{expected}"
                for need, expected in missing_fields(kit, extra)]
    if problems:
        raise InputError(problems)


def sample_extra(kit: Kit, extra: dict) -> dict:
    """`extra` with a placeholder for each declared field it lacks (to render-check a kit on any input)."""
    out = _copy(extra)
    for need in field_needs(kit):
        node = out
        for part in need.path[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        if need.path[-1] not in node:
            node[need.path[-1]] = ["示例一", "示例二"] if need.is_list else "示例"
    return out


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return list(value) if isinstance(value, list) else value
