"""Fixtures for the Python tests. They run against the installed package,
from outside the source tree, with the repository's demo rules and FAQ."""

import pathlib

import pytest

import libbot

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("kb") / "faq.sqlite"
    libbot.build_kb(REPO / "kb", out)
    return out


@pytest.fixture(scope="session")
def engine(kb_path):
    return libbot.Engine(REPO / "rules", kb_path)
