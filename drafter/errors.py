"""One exception hierarchy; every class says when it is raised. Messages are for the user (Chinese)."""
from __future__ import annotations

EXIT_REVIEW = 3
"""Exit status of `drafter refresh` when it wrote the refreshed file but kept hand edits that the corrected input
contradicts (conflicts, edited paragraphs whose figures changed, a figure printed two ways): review them."""


class DrafterError(Exception):
    """Base of every error drafter reports to a user (exit code 1, no traceback)."""

    exit_code = 1


class InputError(DrafterError):
    """The input file cannot be read or does not match the model.

    Carries every problem found, each already phrased as `file[:line] path：expected`.
    """

    def __init__(self, problems: list[str], warnings: tuple[str, ...] = ()):
        self.problems = problems
        self.warnings = warnings  # what the reader also found that is no error (a workbook's W078 notices)
        super().__init__("\n".join(problems))


class KitError(DrafterError):
    """A kit (outline, templates, phrasebank, rule pack, reference .docx) is missing or broken."""


class TemplateError(DrafterError):
    """A template failed to render: syntax, an undefined variable, or a sandbox violation."""


class TooLarge(DrafterError):
    """A render reached a bound of limits.py on what one template or table produces: a kit's loop gone wrong, or
    an input too large for it (`pipeline.naming_largest_list` then adds the input's largest list, with its place,
    or names the kit's own template first). `template`: the template or table spec rendered, as the kit names it
    (`sections/functions.j2`) or its path; "" when not known."""

    def __init__(self, message: str, template: str = ""):
        super().__init__(message)
        self.template = template


class TemplateTooLarge(TemplateError, TooLarge):
    """A template's render past a bound (characters, steps, time, a string or list built)."""


class TableTooLarge(KitError, TooLarge):
    """An attachment table past a bound (rows, repeated tables, steps, characters)."""


class ChecksFailed(DrafterError):
    """`render` or `refresh` refused to write because the input has error-level findings (carried for printing,
    with their places in the input)."""

    def __init__(self, message: str, findings: list | None = None, notices: tuple[str, ...] = (),
                 places: object = None):
        self.findings = findings or []
        self.notices = notices  # warnings about the input's form (a deprecated key), printed before the findings
        self.places = places  # where the findings' fields are in the input (inputs.locate.Places), when known
        super().__init__(message)


class OutputError(DrafterError):
    """The output file cannot be written, or would overwrite a document edited by hand."""


class EditedOutput(OutputError):
    """The output file is a report drafter wrote and someone edited since: `drafter refresh` keeps the edits (batch
    leaves it alone and lists it; any other existing file there is a plain OutputError)."""


class OutputIsInput(OutputError):
    """The output file is one of the command's input files: writing it would replace what the user gave (a usage
    error, exit 2, forced or not)."""

    exit_code = 2


_OS_REASONS = {
    "ENOENT": "路径不存在",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "磁盘配额已满",
    "EROFS": "只读的磁盘或文件夹",
    "EISDIR": "这是文件夹",
    "ENOTDIR": "路径中有一段是文件而不是文件夹",
    "ENAMETOOLONG": "文件名过长",
    "EEXIST": "文件已存在",
    "EBUSY": "文件正被占用",
    "ETXTBSY": "文件正被占用",
}


NAME_TOO_LONG = "文件名过长（超出系统对文件名或路径长度的限制），请换用较短的名称"
"""What a path the system refuses as too long (ENAMETOOLONG: a name over 255 bytes, 85 Chinese characters) is told."""


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese (errno name kept for anything unusual)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name, f"系统错误 {name or exc.errno}")
