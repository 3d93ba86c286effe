"""`kit check` on a kit's attachment table specs: each spec its attachments use and each of its own
`tables/*.yaml`, statically — YAML shape, merges that do not fit the grid, unknown references, widths — each
mistake once, at the author's file and line (compose/table_lint.py, which `render` runs too)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import get_close_matches
from typing import Any

from drafter.compose.table_check import unused_names
from drafter.compose.table_lint import located, spec_problems
from drafter.compose.table_spec import builtin_table_names, spec_data, spec_path
from drafter.compose.tables import load_table_labels
from drafter.errors import DrafterError
from drafter.inputs.kit_lines import kit_line
from drafter.kits.spec import Kit
from drafter.review.kit_problems import KitProblem, error, warning

_SAFE = re.compile(r"[\w-]+")  # a table name that is a plain file name (never a path)


def table_spec_problems(kit: Kit) -> Iterator[KitProblem]:
    """One error per mistake in the table specs the kit's attachments use and in its own tables/*.yaml."""
    try:
        labels = load_table_labels(kit)
    except DrafterError:  # tables.yaml's own mistakes are reported by kit_check._table_labels
        labels = _builtin_labels()
    landscape = {a.table: a.landscape for a in kit.spec.attachments}
    own = sorted(p.stem for p in (kit.folder / "tables").glob("*.yaml")) if (kit.folder / "tables").is_dir() else []
    for n, a in enumerate(kit.spec.attachments, 1):
        if spec_path(a.table, kit.folder) is None:
            yield _unknown_table(kit, n, a.table, own)
    yield from _unused_files(kit, landscape)
    for name in dict.fromkeys([*(t for t in landscape if spec_path(t, kit.folder)), *own]):
        spec, path, problems = spec_problems(name, kit.folder, labels, landscape.get(name, False))
        yield from (error(p) for p in problems)
        if spec is not None and path is not None and not problems and path.parent == kit.folder / "tables":
            full = not (isinstance(data := spec_data(path), dict) and "extends" in data)
            yield from (warning(located(f"{path}：{m}", path)) for m in unused_names(spec, labels, full))


def own_table_problems(kit: Kit) -> Iterator[KitProblem]:
    """`table_spec_problems` of the kit's own tables/*.yaml alone, for a kit whose attachments are not known (its
    kit.yaml does not read, or its `attachments` are wrong): each file's own mistakes, never whether an attachment
    uses it (which needs the attachments)."""
    folder = kit.folder / "tables"
    if not folder.is_dir():
        return
    try:
        labels = load_table_labels(kit)
    except DrafterError:  # tables.yaml's own mistakes are reported by kit_check._table_labels
        labels = _builtin_labels()
    for name in sorted(p.stem for p in folder.glob("*.yaml")):
        yield from (error(p) for p in spec_problems(name, kit.folder, labels, False)[2])


def _unknown_table(kit: Kit, n: int, name: str, own: list[str]) -> KitProblem:
    """An attachment whose `table:` names no spec, at its kit.yaml line (a name with a path in it never
    reaches the advice)."""
    path = kit.folder / "kit.yaml"
    at = kit_line(path, "attachments", n - 1, "table")
    known = sorted({*builtin_table_names(), *own})
    close = get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f"是否想写“{close[0]}”？" if close else ""
    own_file = f"也可在 tables/{name}.yaml 中自定义" if _SAFE.fullmatch(name) else "表格名只能由字母、数字、_ 和 - 组成"
    return error(f"{path}{at}：attachments[{n}].table：“{name}”不是内置表格，kit 的 tables/ 中也没有这个名字的表格"
                 f"（{hint}可用：{'、'.join(known)}；{own_file}）")


def _unused_files(kit: Kit, used: dict[str, bool]) -> Iterator[KitProblem]:
    """A warning for each file in tables/ no attachment uses and no built-in table is named by: a misspelt or
    misnamed spec (`overal_evaluation.yaml`, `overall_evaluation.yml`) is otherwise silently ignored."""
    folder = kit.folder / "tables"
    if not folder.is_dir():
        return
    known = sorted({*builtin_table_names(), *(t for t in used if _SAFE.fullmatch(t))})
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith(".") or path.suffix.lower() not in (".yaml", ".yml"):
            continue  # notes beside the specs (README.md) are the author's
        if path.suffix == ".yaml" and path.stem in known:
            continue
        close = get_close_matches(path.stem, known, n=1, cutoff=0.6)
        hint = f"；是否想写 tables/{close[0]}.yaml？" if close else ""
        why = "扩展名应为 .yaml（.yml 等不会被读取）" if path.suffix != ".yaml" else (
            f"没有附件使用它（kit.yaml 的 attachments 中没有 table: {path.stem}），"
            f"它也不是内置表格的名字（可用：{'、'.join(known)}）")
        yield warning(f"{path}：这个文件不会被用到：{why}{hint}")


def _builtin_labels() -> dict[str, Any]:
    import yaml

    from drafter.resources import templates_dir

    return yaml.safe_load((templates_dir() / "tables.yaml").read_text(encoding="utf-8"))
