"""Kits: a district office's outline, fonts, reference .docx, template and phrase overrides, as files."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from drafter.errors import KitError
from drafter.resources import templates_dir

DEFAULT_KIT = "hunan-standard"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Section(_Data):
    heading: str = ""  # a Jinja string; empty means no heading line
    content: str = ""  # a built-in section: templates/sections/<content>.j2
    template: str = ""  # or a template of the kit's own (path inside the kit)
    numbered: bool = True
    fields: list[str] = []  # input fields a custom template needs, as paths in `extra` (自定义); "x[]" = a list
    children: list[Section] = []

    @model_validator(mode="after")
    def _one_source(self) -> Section:
        if self.content and self.template:
            raise ValueError("content 与 template 只能填一个")
        if self.template and (self.template.startswith(("/", "\\")) or ".." in Path(self.template).parts):
            raise ValueError(f"template“{self.template}”应为 kit 文件夹内的相对路径")
        return self

    @property
    def template_name(self) -> str | None:
        if self.template:
            return self.template
        return f"sections/{self.content}.j2" if self.content else None


class Attachment(_Data):
    id: str
    table: str  # base_data | overall_evaluation | project_evaluation
    title: str
    landscape: bool = False


class Fonts(_Data):
    body: str = "仿宋"
    title: str = "方正小标宋简体"
    heading1: str = "黑体"
    heading2: str = "楷体"
    latin: str = "Times New Roman"


class Typography(_Data):
    """The document's typographic convention (issue 13): spacing between Chinese and figures, and dates."""

    figure_spacing: Literal["none", "space"] = "none"  # none: "790.13万元"; space: "790.13 万元"
    date: str = "{year}年{month}月{day}日"  # how dates print everywhere (cover, tables, footers)

    @field_validator("date")
    @classmethod
    def _date(cls, value: str) -> str:
        try:
            value.format(year=2023, month=5, day=22)
        except (KeyError, IndexError, ValueError):
            raise ValueError(f"日期格式“{value}”只能使用 {{year}}、{{month}}、{{day}}") from None
        return value


class Cover(_Data):
    title: str
    unit_line: str
    date: str


class KitSpec(_Data):
    name: str
    title: str = ""
    rules: str = ""
    reference: str = ""
    numbering: list[str] = Field(default_factory=lambda: ["{cn}、", "（{cn}）", "{n}.", "（{n}）"])
    fonts: Fonts = Fonts()
    typography: Typography = Typography()
    cover: Cover
    body_title: str
    sections: list[Section]
    attachments: list[Attachment] = []

    @field_validator("numbering")
    @classmethod
    def _formats(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("至少需要一级编号格式")
        for fmt in value:
            try:
                fmt.format(cn="一", n=1)
            except (KeyError, IndexError, ValueError):
                raise ValueError(f"编号格式“{fmt}”只能使用 {{cn}}（中文数字）和 {{n}}（阿拉伯数字）") from None
        return value


class Kit:
    """A loaded kit: its spec (kit.yaml) and the folders its files are looked up in (kit first, then built-in)."""

    def __init__(self, spec: KitSpec, folder: Path):
        self.spec = spec
        self.folder = folder

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def template_path(self) -> list[Path]:
        return [self.folder]

    @property
    def reference_docx(self) -> Path:
        """`reference:` in kit.yaml, else the kit's own reference.docx, else the default kit's."""
        if self.spec.reference:
            path = self.folder / self.spec.reference
            if not path.is_file():
                raise KitError(f"{self.folder}：找不到参考文档 {self.spec.reference}")
            return path
        own = self.folder / "reference.docx"
        return own if own.is_file() else builtin_kits_dir() / DEFAULT_KIT / "reference.docx"

    @property
    def phrasebank_dirs(self) -> list[Path]:
        folder = self.folder / "phrasebank"
        return [folder] if folder.is_dir() else []

    @property
    def rules_dirs(self) -> list[Path]:
        folder = self.folder / "rules"
        return [folder] if folder.is_dir() else []


def builtin_kits_dir() -> Path:
    return templates_dir() / "kits"


def available_kits() -> list[str]:
    return sorted(p.name for p in builtin_kits_dir().iterdir() if (p / "kit.yaml").is_file())


def resolve_kit_folder(name_or_path: str) -> Path:
    name = name_or_path or DEFAULT_KIT
    path = Path(name)
    if path.is_dir():
        return path
    if path.suffix == ".zip" and path.is_file():
        from drafter.kits.zipped import unpack_kit

        return unpack_kit(path)
    builtin = builtin_kits_dir() / name
    if builtin.is_dir():
        return builtin
    known = "、".join(available_kits())
    raise KitError(f"找不到报告模板（kit）“{name}”：既不是文件夹，也不是内置 kit（内置：{known}）")


def kit_beside(name: str, input_path: str | Path) -> str:
    """A kit named in an input file by relative path is looked for beside that file first."""
    if name and not Path(name).is_absolute():
        beside = Path(input_path).parent / name
        if beside.exists():
            return str(beside)
    return name


def load_kit(name_or_path: str = "") -> Kit:
    folder = resolve_kit_folder(name_or_path)
    path = folder / "kit.yaml"
    if not path.is_file():
        raise KitError(f"{folder}：不是有效的 kit 文件夹（缺少 kit.yaml）")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KitError(f"{path}：YAML 格式错误（{exc}）") from None
    try:
        return Kit(KitSpec.model_validate(data), folder)
    except ValidationError as exc:
        raise KitError("\n".join(_describe(err, path) for err in exc.errors(include_url=False))) from None


def _describe(err: ErrorDetails, path: Path) -> str:
    where = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "未知字段（是否拼写有误？）"
    elif err["type"] == "missing":
        msg = "缺少必填项"
    return f"{path}：字段 {where or '（根）'} 不正确：{msg}"
