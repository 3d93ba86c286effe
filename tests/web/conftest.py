"""The web app under Flask's test client, and example inputs as uploads."""
from __future__ import annotations

import pytest
from web_helpers import EXAMPLE

from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook
from drafter.web.app import create_app


@pytest.fixture(scope="session")
def workbook() -> bytes:
    """The yuetang example as a workbook, as `drafter convert` writes it."""
    return write_workbook(load_input(EXAMPLE))


@pytest.fixture
def client():
    return create_app().test_client()
