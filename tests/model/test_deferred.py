"""Building deferred pydantic models ahead of first use (the warm process does, before it forks)."""
from __future__ import annotations

import subprocess
import sys

from pydantic import BaseModel, ConfigDict

from drafter.model.deferred import build_deferred


class _Deferred(BaseModel):
    model_config = ConfigDict(defer_build=True)
    amount: int = 0


def test_builds_the_deferred_models_of_the_modules_named():
    assert not _Deferred.__pydantic_complete__
    assert build_deferred(prefix=__name__) == 1
    assert _Deferred.__pydantic_complete__
    assert build_deferred(prefix=__name__) == 0  # each once
    assert _Deferred.model_validate({"amount": "3"}).amount == 3


def test_every_input_model_is_built_in_a_fresh_process():
    code = ("from drafter.model.schema import UnitYearInput, Node\n"
            "import drafter.kits.spec, drafter.figures.rulepacks\n"
            "from drafter.model.deferred import build_deferred\n"
            "assert not UnitYearInput.__pydantic_complete__\n"
            "n = build_deferred()\n"
            "def subs(c):\n"
            "    for s in c.__subclasses__():\n"
            "        yield s\n"
            "        yield from subs(s)\n"
            "from pydantic import BaseModel\n"
            "cold = [m.__name__ for m in subs(BaseModel) if m.__module__.startswith('drafter.')"
            " and not m.__pydantic_complete__]\n"
            "print(n, cold)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) > 20
    assert out[1].strip() == "[]"
