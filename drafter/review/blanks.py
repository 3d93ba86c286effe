"""`drafter check` on an input refused only for fields left blank (what `drafter rollover` writes) or for keys
given twice: the findings the rest of the input already shows, so that one run lists everything the user must
fill or decide."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drafter.errors import InputError
from drafter.inputs.filled import read_filled
from drafter.inputs.locate import Loaded
from drafter.model.validate import dotted
from drafter.pipeline import Checked, check_loaded

Adjust = Callable[[Loaded], Loaded]
"""What a front end does to an input read before checking it (the web page drops a `rules:` it may not load)."""


def knowable(input_path: str | Path, kit: str | None = None, rules: str | None = None,
             adjust: Adjust | None = None) -> Checked | None:
    """The findings of the input whatever its blanks will hold: checked twice, each blank given a different
    stand-in (`model.blanks`), a finding kept only when both runs make it alike and it names no blank field (a
    sum over blank amounts, a date not yet given: nothing to say yet). None when the input has any problem other
    than blanks. Raises any DrafterError but InputError and OutputError (a broken kit)."""
    runs = []
    for variant in (0, 1):
        read = read_filled(input_path, variant)
        if read is None:
            return None
        loaded, filled = read
        loaded = adjust(loaded) if adjust is not None else loaded
        blank = {dotted(path) for path in filled}
        checked = check_loaded(loaded, input_path, kit, rules)
        runs.append((checked, {(f.code, f.message) for f in checked.findings
                               if not any(_under(field, blank) for field in f.fields)}))
    (first, said), (_, again) = runs
    kept = [f for f in first.findings if (f.code, f.message) in said & again]
    return Checked(kept, first.notices, first.places)


def _under(field: str, blank: set[str]) -> bool:
    """Whether a finding's field is a blank one, inside one, or holds one (`funds` holds `funds.spent`)."""
    return any(field == b or field.startswith((b + ".", b + "[")) or b.startswith((field + ".", field + "["))
               for b in blank)


def despite_duplicates(input_path: str | Path, kit: str | None = None, rules: str | None = None,
                       adjust: Adjust | None = None) -> tuple[list[str], Checked] | None:
    """`drafter check` of a YAML input refused only for keys given twice: those problems (each says 检查按第一处进行)
    and the findings of the input read with each key's first value, so one run lists everything. None when the
    input has any other problem or is no YAML file. Raises any DrafterError but InputError and OutputError."""
    from drafter.inputs.yaml_reader import read_yaml_first_kept

    path = Path(input_path)
    if path.suffix.lower() not in (".yaml", ".yml", ".json") or not path.is_file():
        return None
    try:
        loaded, duplicates = read_yaml_first_kept(path)
    except (InputError, OSError):
        return None
    if not duplicates:
        return None
    return duplicates, check_loaded(adjust(loaded) if adjust is not None else loaded, input_path, kit, rules)
