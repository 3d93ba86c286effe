"""Kits: a district office's outline, fonts, reference .docx, template and phrase overrides, as files."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from drafter.errors import InputError, KitError
from drafter.figures.numbers import KindFormat, NumberFormat
from drafter.limits import MAX_KIT_FILE_BYTES, MAX_KIT_FILES, MIB
from drafter.model.schema import Int, UnitYearInput
from drafter.resources import file_version, inside, not_regular, templates_dir

DEFAULT_KIT = "hunan-standard"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


def _lines(value: Any) -> Any:
    """A title written as a list of lines (`["第一行", "第二行"]`) is one string broken by "\n"."""
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "\n".join(value)
    return value


Title = Annotated[str, BeforeValidator(_lines)]
"""A title (a Jinja string) that may break over lines: "\n" in the text, or a list of lines."""


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
        if self.template and not is_relative_inside(self.template):
            raise ValueError(f"template“{self.template}”应为 kit 文件夹内的相对路径")
        return self

    @property
    def template_name(self) -> str | None:
        if self.template:
            return self.template
        return f"sections/{self.content}.j2" if self.content else None


@cache
def builtin_contents() -> tuple[str, ...]:
    """The built-in sections a kit's `content:` may name: templates/sections/<content>.j2, sorted."""
    return tuple(sorted(p.stem for p in (templates_dir() / "sections").glob("*.j2")))


class Attachment(_Data):
    id: str
    table: str  # base_data | overall_evaluation | project_evaluation
    title: Title
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
    title: Title
    unit_line: Title
    date: str


UnitLabel = Literal["auto", "部门", "单位", "部门（单位）"]
"""How a kit names the reporting unit (`{{ unit.label }}`): auto = the input's unit.label (default 部门（单位）)."""


class KindNumbers(_Data):
    """How one kind of number prints: decimal places (0–4, 四舍五入) and whether trailing zeros stay."""

    decimals: Int = Field(2, ge=0, le=4)
    trailing_zeros: bool = True


class MoneyNumbers(KindNumbers):
    """Money (万元) prints at least the 2 decimals it is entered with: each figure rounded on its own to fewer
    would print parts that do not add up to their printed total (1.4 + 1.4 = 2.8 printed 1 + 1 = 3)."""

    @field_validator("decimals")
    @classmethod
    def _enough(cls, value: int) -> int:
        if value < 2:
            raise ValueError(f"金额（万元）应至少印 2 位小数，实际为 {value}：金额按两位小数填写和合计，各自四舍五入为"
                             f"{_places(value)}后，印出的分项之和与印出的合计不等（如 1.4 + 1.4 = 2.8 印作 1 + 1 = 3）")
        return value


class PercentNumbers(KindNumbers):
    """Percentages print exactly 2 decimals: 执行率得分 is scored from the 执行率 to 0.01% (SCORING.md §2), so a
    rate printed otherwise would not give its printed score (10 × 89.50% = 8.95 beside a printed 90%)."""

    @field_validator("decimals")
    @classmethod
    def _two(cls, value: int) -> int:
        if value != 2:
            raise ValueError(f"百分比应印 2 位小数，实际为 {value}：执行率得分按精确到 0.01% 的执行率计算，执行率印作"
                             f"{_places(value)}时与印出的得分不符（如执行率 89.50% 得分 8.95，印作“90%”）")
        return value


class ScoreNumbers(KindNumbers):
    """Scores print at least 2 decimals: every score is to 0.01 point (SCORING.md §1) and 总分 is their sum."""

    trailing_zeros: bool = False

    @field_validator("decimals")
    @classmethod
    def _enough(cls, value: int) -> int:
        if value < 2:
            raise ValueError(f"分值、得分应至少印 2 位小数，实际为 {value}：得分精确到 0.01 分，印作{_places(value)}时"
                             "各项得分之和与印出的总分不等、扣分与分值和得分不符（如 3.75 分印作 4 分）")
        return value


def _places(decimals: int) -> str:
    return "整数" if decimals == 0 else f"{decimals} 位小数"


class Numbers(_Data):
    """kit.yaml `numbers`: the report's number display (money 万元, percent %, score 分, area ㎡; thousands
    separator "" / "," / " "). The default is drafter's: 790.13万元, 98.50%, 9.5分. Only settings under which
    drafter's report agrees with itself are accepted: money and scores at least 2 decimals, percent exactly 2
    (ValidationError otherwise, worded for the kit's author)."""

    money: MoneyNumbers = MoneyNumbers()
    percent: PercentNumbers = PercentNumbers()
    score: ScoreNumbers = ScoreNumbers()
    area: KindNumbers = KindNumbers(trailing_zeros=False)
    thousands: Literal["", ",", " "] = ""

    def number_format(self) -> NumberFormat:
        kinds = {k: KindFormat(getattr(self, k).decimals, getattr(self, k).trailing_zeros)
                 for k in ("money", "percent", "score", "area")}
        return NumberFormat(**kinds, thousands=self.thousands)


class KitSpec(_Data):
    name: str
    unit_label: UnitLabel = "auto"
    title: str = ""
    source: str = ""  # the document the kit's outline and forms follow (e.g. 财预〔2020〕10号)
    rules: str = ""
    reference: str = ""
    numbering: list[str] = Field(default_factory=lambda: ["{cn}、", "（{cn}）", "{n}.", "（{n}）"])
    fonts: Fonts = Fonts.model_construct()
    typography: Typography = Typography.model_construct()
    numbers: Numbers = Numbers()
    cover: Cover | None = None  # None: the report has no cover page
    body_title: Title
    sections: list[Section]
    attachments: list[Attachment] = []
    disabled_checks: list[str] = []  # warning codes (W047) switched off for every unit using the kit
    disabled_problems: list[str] = []  # generated-problem rule ids (over_budget) switched off likewise
    _folder: Path | None = PrivateAttr(None)  # the kit folder it was loaded from (load_kit): its tables/ specs

    @property
    def folder(self) -> Path | None:
        """The kit folder this spec was loaded from (None: built in memory), where its own table specs are."""
        return self._folder

    @field_validator("reference")
    @classmethod
    def _inside(cls, value: str) -> str:
        if value and not is_relative_inside(value):
            raise ValueError(f"reference“{value}”应为 kit 文件夹内的相对路径（不能用绝对路径或“..”）")
        return value

    @field_validator("numbering")
    @classmethod
    def _formats(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("至少需要一级编号格式")
        for fmt in value:
            if not _plain_numbering(fmt):
                raise ValueError(f"编号格式“{fmt}”只能使用 {{cn}}（中文数字）和 {{n}}（阿拉伯数字），"
                                 "不能带格式说明（如 {n:>5}）或属性（如 {cn.x}）")
        return value


def _plain_numbering(fmt: str) -> bool:
    """Whether every field of the numbering format `fmt` is a bare {cn} or {n} (str.format with nothing else: a
    format spec such as {n:>999999999} would build a gigabyte of padding, an attribute such as {cn.__class__}
    reach into Python), and it parses (braces balanced; a literal brace written {{ or }})."""
    import string

    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return False
    return all(name is None or (name in ("cn", "n") and not spec and conversion is None)
               for _, name, spec, conversion in fields)


def number_pattern(fmt: str) -> str:
    """A regular expression (anchored at the start) of the numbers a `numbering` format prints: "第{cn}部分　" →
    第[一二…]+部分　, "{n}．" → \\d+．; the digits never run on into the text's own."""
    parts = re.split(r"(\{cn\}|\{n\})", fmt)
    pieces = {"{cn}": "[一二三四五六七八九十百零]+", "{n}": r"\d+"}
    return "^" + "".join(pieces.get(part, re.escape(part)) for part in parts) + r"(?!\d)"


def is_relative_inside(name: str) -> bool:
    """A path a kit names must stay in the kit: relative, no `..`, no drive (`C:`), either slash."""
    parts = Path(name.replace("\\", "/")).parts
    return bool(parts) and not name.startswith(("/", "\\")) and ".." not in parts and ":" not in parts[0]



def check_contained(folder: Path) -> None:
    """Raise KitError if any file or folder of the kit is a symlink leading outside the kit, or a file that is no
    regular file (a pipe, a device: reading it would block or never end), naming each, a line each; or the kit
    holds more than MAX_KIT_FILES entries (so nothing outside the kit can be read into a report, and reading the
    kit's files always ends)."""
    refused = refused_entries(folder)
    if refused:
        raise KitError("\n".join(message for _, message in refused))


def refused_entries(folder: Path) -> list[tuple[Path, str]]:
    """The kit's files and folders it may not hold, in walking order, each with why (Chinese, naming it): a symlink
    leading outside it, a file that is no regular file (`resources.not_regular`). KitError if it holds more than
    MAX_KIT_FILES entries."""
    root: list[Path] = []  # the kit folder resolved, once a symlink needs it
    count = 0
    found = []
    for dirpath, names, links, special in _walk_kit(os.fspath(folder)):
        for name in names:
            count += 1
            if count > MAX_KIT_FILES:
                raise KitError(f"{folder}：kit 文件夹内文件过多（超过 {MAX_KIT_FILES} 个），请确认指定的是 kit 文件夹")
            entry = Path(dirpath) / name
            if name in links:
                root = root or [folder.resolve()]
                if not inside(entry, root[0]):
                    found.append((entry, f"{entry}：是指向 kit 文件夹之外（{os.readlink(entry)}）的符号链接，已拒绝；"
                                         "kit 只能使用其文件夹内的文件"))
                    continue
            if name in special and (problem := not_regular(entry)):
                found.append((entry, f"{problem}，已拒绝；kit 中的文件应为保存在磁盘上的普通文件"))
    return found


def _walk_kit(top: str) -> Iterator[tuple[str, list[str], set[str], set[str]]]:
    """`os.walk(top)` as check_contained reads it — each folder, its folders' then its files' names (in listing
    order), which of them are symlinks and which may be no regular file (`resources.is_special`: a pipe, a device)
    — from the listing alone (no stat per entry but for symlinks); symlinked folders are not entered and an
    unreadable folder is skipped, as os.walk does."""
    try:
        with os.scandir(top) as listing:
            entries = list(listing)
    except OSError:
        return
    folders: list[str] = []
    files: list[str] = []
    links: set[str] = set()
    special: set[str] = set()
    below: list[str] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:
            is_dir = is_file = False
        (folders if is_dir else files).append(entry.name)
        if not is_dir and not is_file:
            special.add(entry.name)
        try:
            is_link = entry.is_symlink()
        except OSError:
            is_link = False
        if is_link:
            links.add(entry.name)
        elif is_dir:
            below.append(entry.path)
    yield top, [*folders, *files], links, special
    for path in below:
        yield from _walk_kit(path)


class Kit:
    """A loaded kit: its spec (kit.yaml) and the folders its files are looked up in (kit first, then built-in)."""

    def __init__(self, spec: KitSpec, folder: Path):
        self.spec = spec
        self.folder = folder

    @property
    def name(self) -> str:
        return self.spec.name

    @cached_property
    def content_sha256(self) -> str:
        """SHA-256 (hex) of the kit's files and its reference .docx (kits.digest.kit_sha256): a report's manifest
        keeps it, so a batch re-renders the reports of an edited kit. Raises KitError when a file is unreadable."""
        from drafter.kits.digest import kit_sha256

        try:
            return kit_sha256(self.folder, self.reference_docx)
        except OSError as exc:
            raise KitError(f"{self.folder}：无法读取 kit 中的文件（{exc.strerror or '读取失败'}）") from None

    @property
    def template_path(self) -> list[Path]:
        return [self.folder]

    @property
    def reference_docx(self) -> Path:
        """`reference:` in kit.yaml, else the kit's own reference.docx, else the default kit's."""
        if self.spec.reference:
            path = self.folder / self.spec.reference
            if not inside(path, self.folder.resolve()):
                raise KitError(f"{self.folder}：参考文档 {self.spec.reference} 不在 kit 文件夹内，已拒绝")
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
    if path.suffix == ".zip" and (special := not_regular(path)):
        raise KitError(f"{special}，应为保存在磁盘上的 kit 压缩包（.zip）")
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
    """The kit named (built-in name, folder or .zip), checked to stay inside its folder. Raises KitError."""
    from drafter.inputs.yaml_reader import load_bounded, refuse_unwritable

    folder = resolve_kit_folder(name_or_path)
    path = folder / "kit.yaml"
    if not path.is_file() and not not_regular(path):
        raise KitError(f"{folder}：不是有效的 kit 文件夹（缺少 kit.yaml）")
    check_contained(folder)
    stamp = file_version(path)
    spec = _SPECS.get(stamp)
    if spec is None:
        text = read_kit_text(path)
        try:
            data = load_bounded(text, str(path))
        except InputError as exc:
            raise KitError("\n".join(exc.problems)) from None
        refuse_unwritable(data, text, path)  # a font name or numbering format goes into the .docx as it is
        try:
            spec = _SPECS[stamp] = KitSpec.model_validate(data)
        except ValidationError as exc:
            from drafter.inputs.yaml_reader import yaml_lines

            lines = yaml_lines(text)
            raise KitError("\n".join(_describe(err, path, lines) for err in exc.errors(include_url=False))) from None
        spec._folder = folder
    return Kit(spec, folder)


_SPECS: dict[tuple[str, int, int], KitSpec] = {}  # (kit.yaml, mtime_ns, size) -> its spec: read once a process


def section_source_problems(kit: Kit) -> list[str]:
    """One message per section whose `content:` is not a built-in section (`builtin_contents`) or whose
    `template:` is not a file in the kit, naming kit.yaml's line and the section (`sections[1].children[2]（人员）`)."""
    from drafter.inputs.kit_lines import kit_line

    path, problems = kit.folder / "kit.yaml", []
    for where, key, s in walk_outline(kit.spec.sections):
        name = f"{where}{f'（{s.heading}）' if s.heading else ''}"
        if s.content and s.content not in builtin_contents():
            problems.append(f"{path}{kit_line(path, *key, 'content')}：{name} 的 content“{s.content}”不是内置章节内容"
                            f"（可用：{'、'.join(builtin_contents())}）；kit 自己的章节请用 template")
        if s.template and not (kit.folder / s.template).is_file():
            problems.append(f"{path}{kit_line(path, *key, 'template')}：{name} 的 template“{s.template}”"
                            "在 kit 文件夹中找不到")
    return problems


def walk_outline(sections: list[Section], where: str = "sections",
                 key: tuple[str | int, ...] = ("sections",)) -> Iterator[tuple[str, tuple[str | int, ...], Section]]:
    """Each section of an outline, depth first, with its place as printed (`sections[1].children[2]`) and as a
    YAML key path (`("sections", 0, "children", 1)`, for `kit_line`)."""
    for i, section in enumerate(sections):
        here, at = f"{where}[{i + 1}]", (*key, i)
        yield here, at, section
        yield from walk_outline(section.children, f"{here}.children", (*at, "children"))


def read_kit_text(path: Path) -> str:
    """A kit's text file (kit.yaml, a template), a regular file of at most MAX_KIT_FILE_BYTES, UTF-8. Raises
    KitError."""
    if special := not_regular(path):
        raise KitError(special)
    size = path.stat().st_size
    if size > MAX_KIT_FILE_BYTES:
        raise KitError(f"{path}：文件过大（{size / MIB:.1f} MB，上限 {MAX_KIT_FILE_BYTES // MIB} MB）")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        from drafter.inputs.sniff import not_utf8

        raise KitError(f"{path}：{not_utf8(path.read_bytes())}") from None


def _describe(err: ErrorDetails, path: Path, lines: dict[tuple, int]) -> str:
    """`<kit.yaml> 第<n>行：字段 <key> 不正确：<expected>` (the line of the key, or of its nearest enclosing key)."""
    where = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
    from drafter.model.validate import expected_text  # pydantic's English never reaches the user

    msg = expected_text(err)
    key = tuple(err["loc"])
    while key and key not in lines:
        key = key[:-1]
    at = f" 第{lines[key]}行" if key else ""
    return f"{path}{at}：字段 {where or '（根）'} 不正确：{msg}"


def labelled(report: UnitYearInput, spec: KitSpec) -> UnitYearInput:
    """`report` with unit.label as the kit prescribes: the kit's `unit_label` (部门 / 单位 / 部门（单位）), or
    with `auto` the input's own unit.label (default 部门（单位）). Never guessed from the unit's name."""
    if spec.unit_label == "auto" or spec.unit_label == report.unit.label:
        return report
    unit = report.unit.model_copy(update={"label": spec.unit_label})
    return report.model_copy(update={"unit": unit})
