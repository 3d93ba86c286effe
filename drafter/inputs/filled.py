"""Read an input refused only for blank fields as if each were filled with a stand-in (`model.blanks`)."""
from __future__ import annotations

from pathlib import Path

from drafter.errors import InputError
from drafter.inputs.locate import FieldPath, Loaded, Places
from drafter.model.blanks import with_blanks_filled


def read_filled(path: str | Path, variant: int) -> tuple[Loaded, set[FieldPath]] | None:
    """The input at `path` (YAML/JSON or a workbook) with each blank field given `variant`'s stand-in, and the
    fields so filled; None when the file has any other problem (it is reported as `read_input` reports it)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        return None
    try:
        if suffix in (".yaml", ".yml", ".json"):
            from drafter.inputs.yaml_reader import field_lines, parse_yaml

            data, lines = parse_yaml(path)
            made = with_blanks_filled(data, variant)
            if made is None:
                return None
            model, paths, filled = made
            return Loaded(model, Places(lines=field_lines(lines, paths))), filled
        if suffix in (".xlsx", ".xlsm"):
            from drafter.inputs.excel_reader import read_raw

            reader = read_raw(path)
            made = None if reader.problems else with_blanks_filled(reader.data, variant)
            if made is None:
                return None
            return Loaded(made[0], Places(cells=reader.places)), made[2]
    except (InputError, OSError):  # gone or unreadable since: reported as read_input reported it
        return None
    return None


def read_plain(path: str | Path) -> dict | None:
    """The plain data (the model's shape, blanks None) of the input at `path`, unvalidated; None when unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml", ".json"):
            from drafter.inputs.yaml_reader import parse_yaml

            data = parse_yaml(path)[0]
            return data if isinstance(data, dict) else None
        if suffix in (".xlsx", ".xlsm"):
            from drafter.inputs.excel_reader import read_raw

            reader = read_raw(path)
            return None if reader.problems else reader.data
    except (InputError, OSError):
        return None
    return None
