"""A corpus of broken rundowns (tests/rundowns/*.csv), each with the exact messages `studio
import` gives (*.expected): every problem at once, named by line and column, exit 2, no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.cli import main
from tests.rundown_util import CORPUS, ROOT

CASES = sorted(p.stem for p in CORPUS.glob("*.csv"))


def test_the_corpus_is_whole() -> None:
    assert len(CASES) >= 7
    for name in CASES:
        assert (CORPUS / f"{name}.expected").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_a_broken_rundown_names_each_problem(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)  # the messages name the file as it was given
    out = tmp_path / "agenda.yaml"
    code = main(["import", f"tests/rundowns/{name}.csv", "-o", str(out)])
    stdout, stderr = capsys.readouterr()
    assert code == 2
    assert stdout == ""
    expected = (CORPUS / f"{name}.expected").read_text(encoding="utf-8")
    assert stderr == expected
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # nor a temporary file left behind
