"""`drafter kit new`: copy a kit as the starting point of a district office's own, written atomically."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from string import Template

from drafter.errors import KitError, os_reason
from drafter.kits.spec import load_kit
from drafter.resources import templates_dir

README_TEMPLATE = "kits/README.kit.md"
OPTIONS_TEMPLATE = "kits/options.kit.yaml"  # commented-out options appended to the copied kit.yaml


def new_kit(target: Path, source: str = "") -> Path:
    """Copy kit `source` (built-in name, folder or .zip) to `target`, with its reference .docx and a README."""
    kit = load_kit(source)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise KitError(f"{target}：目标已存在且不是空文件夹，未复制（请换一个文件夹名）")
    if not target.parent.is_dir():
        raise KitError(f"{target}：上级文件夹不存在")
    staging = target.parent / f".{target.name}.drafter-tmp"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(kit.folder, staging, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        _finish(staging, kit, target.name)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise KitError(f"{target}：无法写入（{os_reason(exc)}）") from None
    return target


def _finish(folder: Path, kit, name: str) -> None:
    reference = folder / "reference.docx"
    if not reference.is_file():
        shutil.copyfile(kit.reference_docx, reference)
    outline = folder / "kit.yaml"
    text = outline.read_text(encoding="utf-8")
    text = re.sub(r"^name:.*$", "name: " + json.dumps(name, ensure_ascii=False), text, count=1, flags=re.M)
    if kit.spec.reference and kit.spec.reference != "reference.docx":
        text = re.sub(r"^reference:.*$", "reference: reference.docx", text, count=1, flags=re.M)
    options = (templates_dir() / OPTIONS_TEMPLATE).read_text(encoding="utf-8")
    if options.strip() not in text:
        text = text.rstrip("\n") + "\n" + options
    outline.write_text(text, encoding="utf-8")
    readme = Template((templates_dir() / README_TEMPLATE).read_text(encoding="utf-8"))
    (folder / "README.md").write_text(readme.safe_substitute(name=name, source=kit.name), encoding="utf-8")
