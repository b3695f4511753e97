"""Rundowns written by a second program: LibreOffice (headless) converts the csv template to xlsx
and ods, and `studio import` reads what it wrote (real time, date and duration cells, numbers)
as the default agenda; a broken rundown saved as ods is named by its cells."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from studio.agenda import load_agenda
from studio.rundown import RundownError, import_rundown
from tests.rundown_util import CORPUS, ROOT, TEMPLATE_CSV, assert_same

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui; scripts/test.sh adds it)",
)


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice user profile of the tests' own (never the user's)."""
    return tmp_path_factory.mktemp("lo-profile")


def convert(source: Path, fmt: str, folder: Path, profile: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    assert SOFFICE is not None
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--infilter=CSV:44,34,76,1",  # comma, double quote, UTF-8, from line 1
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=120,
    )
    out = folder / f"{source.stem}.{fmt}"
    assert out.exists(), (done.stdout, done.stderr)
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_libreoffice_files_import_as_the_default_agenda(fmt, tmp_path, profile) -> None:
    # In docs/'s place, so the template's relative scene map resolves as it does there.
    docs = tmp_path / "docs"
    sheet = convert(TEMPLATE_CSV, fmt, docs, profile)
    (tmp_path / "scenes").symlink_to(ROOT / "scenes")
    imported = import_rundown(sheet, tmp_path / "a.yaml")
    assert_same(load_agenda(tmp_path / "a.yaml"), load_agenda(ROOT / "config" / "agenda.yaml"))
    assert f"# Agenda imported from rundown-template.{fmt} (sheet rundown-template)" in (
        imported.text
    )


def test_a_broken_ods_is_named_by_its_cells(tmp_path, profile) -> None:
    sheet = convert(CORPUS / "rows.csv", "ods", tmp_path, profile)
    with pytest.raises(RundownError) as caught:
        import_rundown(sheet, tmp_path / "a.yaml")
    got = [str(p).removeprefix(f"{sheet}:") for p in caught.value.problems]
    assert got == [
        "rows!A7: a speaker before any item; expected an item row first (one with a 'Назва', "
        "Title)",
        "rows!F8: a row is an item or a speaker, this one has both ('Тип' (Kind) and 'Роль' "
        "(Role)); expected the speaker on a row of its own under the item",
        "rows!B9: 'Тип' (Kind): unknown kind 'регион'; did you mean 'регіон'? Expected one of: "
        "opening (відкриття), region (регіон), discussion (дискусія), break (перерва), closing "
        "(завершення), keynote (доповідь), presentation (презентація), qa (запитання й "
        "відповіді), other (інше)",
        "rows!A11: 'Тривалість' (Duration): the cell holds the plain number 8; expected a duration "
        "like 8m, 1h30m or 0:08:00 (minutes or hours?)",
        # (LibreOffice reads the 5:00 of row 12 as five hours, a real time cell: no problem
        # of its own; the item it lengthens already has one)
        "rows!A13: 'Тривалість' (Duration): the cell holds the time 00:00:00; expected a "
        "duration of more than zero",
        "rows!A14: a speaker without a time; expected a duration like 8m or 0:08:00 in "
        "'Тривалість' (Duration)",
        "rows!E15: 'Назва (en)' without 'Назва' (Title); expected the Ukrainian text in 'Назва' "
        "(Title) (or the same text in both)",
        "rows!C16: 'Ідентифікатор' (Id): the id is 'break 1'; expected a name of letters, "
        "digits, '-', '_' or '.' (Latin letters)",
        "rows!C18: duplicate item id 'dup': row 17 already uses it; expected each item to have "
        "its own id",
    ]
    assert not (tmp_path / "a.yaml").exists()
