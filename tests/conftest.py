"""Shared fixtures: paths to the examples and a helper to prepare a draft."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# compiled templates go to a folder of this test session (removed at exit), not the user's cache
_CACHE = tempfile.TemporaryDirectory(prefix="drafter-test-cache-")
os.environ.setdefault("DRAFTER_CACHE_DIR", _CACHE.name)
# commands the tests run as processes run in those processes: no warm process outlives the tests (tests/warm
# switch it on for their own runs, with a socket folder of their own)
os.environ["DRAFTER_WARM"] = "0"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"
LONG = DATA / "long-tables.yaml"  # 26 indicators, two 1-3 tables of 22 rows, 24 projects in 1-1
FIELD_CASES = DATA / "field"  # copies of shared/cases/field inputs, each turned into a test


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files (review the diff!)")


def pytest_unconfigure(config):
    # also in xdist's workers, which leave by os._exit: TemporaryDirectory's own clean-up at exit never runs there
    _CACHE.cleanup()


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def soffice() -> str:
    """The LibreOffice executable; the test is skipped without it (and fails under CI, which must have it)."""
    import shutil

    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("soffice (LibreOffice) is required when CI is set")
        pytest.skip("soffice (LibreOffice) not installed")
    return found


def soffice_convert(files: list[Path], outdir: Path, to: str = "pdf", timeout: float = 300,
                    check: bool = True) -> None:
    """Convert FILES into OUTDIR (`soffice --convert-to TO`) in one LibreOffice run with a profile and a
    temporary folder of its own under OUTDIR: it never clashes with another LibreOffice (the user's, another
    test's) and leaves nothing behind in /tmp (its OSL_PIPE sockets go to TMPDIR)."""
    import subprocess

    tmp = outdir / ".lo-tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice(), f"-env:UserInstallation={(outdir / '.lo-profile').as_uri()}", "--headless",
                    "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
                   capture_output=True, timeout=timeout, check=check, env={**os.environ, "TMPDIR": str(tmp)})


# --------------------------------------------------------------------------- the web page, in this process


@pytest.fixture
def client():
    """Flask's test client of the web page."""
    from drafter.web.app import create_app

    return create_app().test_client()


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Each test's temporary folders in its own place, to prove every visit's folder is removed."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    yield tmp_path
    assert not list(tmp_path.glob("drafter-web-*")), "a visit's temporary folder was left behind"
