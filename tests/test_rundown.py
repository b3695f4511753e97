"""studio import / export: the templates are the default agenda, files the library writes read
back as the same agenda, cells are read as spreadsheets store them, every problem is named by its
cell and nothing is written then."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest

from studio.agenda import load_agenda
from studio.cli import main
from studio.rundown import RundownError, import_rundown
from studio.rundown.writer import export_rundown
from tests.rundown_util import ROOT, TEMPLATE_CSV, TEMPLATE_XLSX, assert_same

DEFAULT = ROOT / "config" / "agenda.yaml"


def run(*argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_template_imports_as_the_default_agenda(tmp_path, capsys) -> None:
    """The issue's "done when", on the command line as a person types it (from the repo)."""
    out = tmp_path / "a.yaml"
    studio = [sys.executable, "-m", "studio"]
    done = subprocess.run(
        [*studio, "import", str(TEMPLATE_XLSX), "-o", str(out)], cwd=ROOT, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    check = subprocess.run([*studio, "check", str(out)], cwd=ROOT, capture_output=True)
    assert check.returncode == 0, check.stderr.decode()
    assert b"fills the event exactly" in check.stdout
    assert_same(load_agenda(out), load_agenda(DEFAULT))


def test_the_csv_template_too(tmp_path, capsys) -> None:
    code, out, _ = run("import", str(TEMPLATE_CSV), "-o", str(tmp_path / "a.yaml"), capsys=capsys)
    assert code == 0
    assert "13 items, 26 speakers, 2021-03-09 10:00–15:00" in out
    assert_same(load_agenda(tmp_path / "a.yaml"), load_agenda(DEFAULT))


def test_the_templates_are_the_default_agenda_exported() -> None:
    """docs/ keeps up with config/agenda.yaml: export it again and compare."""
    agenda = load_agenda(DEFAULT)
    # Beside the templates, so the scene map is named as there; by pid: runs may overlap.
    csv_path = export_rundown(agenda, ROOT / "docs" / f".check-template-{os.getpid()}.csv")
    try:
        assert csv_path.read_bytes() == TEMPLATE_CSV.read_bytes()
    finally:
        csv_path.unlink()
    xlsx_path = export_rundown(agenda, ROOT / "docs" / f".check-template-{os.getpid()}.xlsx")
    try:
        fresh = openpyxl.load_workbook(xlsx_path).active
        kept = openpyxl.load_workbook(TEMPLATE_XLSX).active
        assert [[c.value for c in r] for r in fresh.iter_rows()] == [
            [c.value for c in r] for r in kept.iter_rows()
        ]
    finally:
        xlsx_path.unlink()


def test_the_yaml_names_the_row_of_each_item_and_speaker(tmp_path) -> None:
    text = import_rundown(TEMPLATE_XLSX, tmp_path / "a.yaml").text
    assert text.startswith("# Agenda imported from rundown-template.xlsx (sheet Програма)")
    lines = text.splitlines()
    at = lines.index("  - id: opening")
    assert lines[at - 1] == "  # Програма, row 21"
    assert lines[at + 10] == "      # Програма, row 22"
    assert lines[at + 11].startswith("      - role:")
    csv_text = import_rundown(TEMPLATE_CSV, tmp_path / "b.yaml").text
    assert "  # line 21\n  - id: opening" in csv_text


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_is_the_same_agenda(tmp_path, suffix) -> None:
    agenda = load_agenda(DEFAULT)
    sheet = export_rundown(agenda, tmp_path / f"rundown{suffix}", "en")
    imported = import_rundown(sheet)
    assert_same(imported.agenda, agenda)


def test_the_export_holds_the_planned_times(tmp_path) -> None:
    agenda = load_agenda(DEFAULT)
    ws = openpyxl.load_workbook(export_rundown(agenda, tmp_path / "r.xlsx")).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "За планом")
    assert rows[header][:5] == ["За планом", "Тривалість", "Тип", "Ідентифікатор", "Назва"]
    planned = [r[0] for r in rows[header + 1 :]]
    titles = [r[4] for r in rows[header + 1 :]]
    closing = titles.index(agenda.items[-1].title.uk)
    assert planned[0] == time(10, 0) and planned[closing] == time(14, 45)
    assert ws.cell(header + 3, 2).number_format == "[h]:mm:ss"  # the first speaker: 0:05:00
    assert ws.cell(header + 3, 2).value == timedelta(minutes=5)


def _sheet(path: Path, rows: list[list[object]], title: str = "Rundown") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(r, c, value)
    book.save(path)
    return path


EVENT = [
    ["Event", "Test"],
    ["Date", datetime(2021, 3, 9)],
    ["Start", time(10, 0)],
    ["End", time(12, 0)],
    [],
]


def test_durations_as_a_spreadsheet_stores_them(tmp_path) -> None:
    rows = [
        *EVENT,
        ["Kind", "Title", "Role", "Duration"],
        ["opening", "Opening", None, None],
        [None, None, "a time cell", time(0, 8)],
        [None, None, "a duration cell", timedelta(minutes=8)],
        [None, None, "typed", "8m"],
        [None, None, "typed as a clock", "0:08:00"],
        [None, None, "ISO, as ods keeps them", "PT8M"],
        [None, None, "a float's rounding", time(0, 7, 59, 999_990)],
    ]
    agenda = import_rundown(_sheet(tmp_path / "r.xlsx", rows)).agenda
    assert [sp.time for sp in agenda.items[0].speakers] == [480] * 6
    assert agenda.items[0].id == "opening" and agenda.items[0].scene == "studio"
    assert agenda.event.id == "r"  # from the file's name


def test_typed_cells_that_are_wrong_are_named_by_their_cell(tmp_path) -> None:
    rows = [
        *EVENT,
        ["Kind", "Title", "Role", "Duration", "Fixed start"],
        ["opening", "Opening", None, None, 10],
        [None, None, "minutes?", 8],
        [None, None, "a broken formula", "#REF!"],
        ["other", 2021, None, timedelta(hours=30)],
    ]
    path = _sheet(tmp_path / "r.xlsx", rows, "My rundown")
    ws_book = openpyxl.load_workbook(path)
    ws_book.active["D9"].data_type = "e"  # an error cell, as a spreadsheet program saves one
    ws_book.save(path)
    with pytest.raises(RundownError) as caught:
        import_rundown(path, tmp_path / "a.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:'My rundown'!E7: 'Фіксований початок' (Fixed start): the cell holds the number "
        "10; expected a time of day like 10:00",
        f"{path}:'My rundown'!D8: 'Тривалість' (Duration): the cell holds the plain number 8; "
        "expected a duration like 8m, 1h30m or 0:08:00 (minutes or hours?)",
        f"{path}:'My rundown'!D9: 'Тривалість' (Duration): the cell holds the error #REF!; "
        "expected a value",
        f"{path}:'My rundown'!D10: 'Тривалість' (Duration): the cell holds the duration "
        "1 day, 6:00:00; expected a duration of at most 24h",
    ]
    assert not (tmp_path / "a.yaml").exists()


def test_nothing_is_written_when_anything_is_wrong(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    text = TEMPLATE_CSV.read_text(encoding="utf-8-sig").replace("0:12:00", "12")
    bad.write_text(text.replace("../scenes/", f"{ROOT}/scenes/"))
    out = tmp_path / "agenda.yaml"
    out.write_text("# the moderator's own file\n")
    code, _, err = run("import", str(bad), "-o", str(out), capsys=capsys)
    assert code == 2
    assert err.count("the plain number 12") == 3 and "Traceback" not in err
    assert err.endswith("3 problems found; nothing was written.\n")
    assert out.read_text() == "# the moderator's own file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.yaml", "bad.csv"]


def test_without_o_the_yaml_is_printed(capsys) -> None:
    code, out, _ = run("import", str(TEMPLATE_CSV), capsys=capsys)
    assert code == 0
    assert out.startswith("# Agenda imported from rundown-template.csv")
    assert "  - id: discussion-4\n" in out


def test_an_organisers_own_layout_with_columns_and_options(tmp_path, capsys) -> None:
    sheet = tmp_path / "programme.csv"
    sheet.write_text(
        "Час;Тема;Хто;Хв;Контакт\n"
        "10:00;Відкриття;;;\n"
        ";;Модератор;0:10:00;+380 00\n"
        "10:10;Перерва на каву;;15m;\n"
        "10:25;Панель;;;\n"
        ";;Перший;0:20:00;\n"
        ";;Другий;0:20:00;\n",
        encoding="cp1251",  # as Excel saves csv on a Ukrainian Windows
    )
    code, _, err = run(
        "import",
        str(sheet),
        "-o",
        str(tmp_path / "a.yaml"),
        "--columns",
        "Час=planned, Тема=title, Хто=role, Хв=duration, Контакт=-",
        "--date",
        "2021-03-09",
        "--start",
        "10:00",
        "--end",
        "11:05",
        "--title",
        "Засідання",
        capsys=capsys,
    )
    assert code == 0, err
    agenda = load_agenda(tmp_path / "a.yaml")
    assert [i.id for i in agenda.items] == ["other-1", "other-2", "other-3"]
    assert [i.title.uk for i in agenda.items] == ["Відкриття", "Перерва на каву", "Панель"]
    assert agenda.items[2].speakers[1].role.uk == "Другий"
    assert agenda.event.title.uk == "Засідання" and agenda.event.id == "programme"


def test_options_are_named_when_wrong(tmp_path, capsys) -> None:
    code, _, err = run(
        "import", str(TEMPLATE_CSV), "--date", "9 March", "--columns", "Тема", capsys=capsys
    )
    assert code == 2
    assert err.splitlines()[0] == "--columns: 'Тема': expected NAME=COLUMN, like 'Тема=title'"
    code, _, err = run("import", str(TEMPLATE_CSV), "--date", "9 March", capsys=capsys)
    assert err.splitlines()[0] == (
        "--date: the cell holds '9 March'; expected a date like 2021-03-09 or 09.03.2021"
    )


def test_files_that_are_no_rundown(tmp_path, capsys) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run("import", str(broken), capsys=capsys)
    assert code == 2 and err.startswith(f"{broken}: cannot be read as an xlsx spreadsheet (")
    code, _, err = run("import", str(tmp_path / "agenda.txt"), capsys=capsys)
    assert f"{tmp_path / 'agenda.txt'}: not a rundown file; expected one of: .xlsx" in err
    code, _, err = run("import", str(tmp_path / "missing.csv"), capsys=capsys)
    assert err.startswith(f"{tmp_path / 'missing.csv'}: cannot read the file: No such file")
    code, _, err = run("import", str(TEMPLATE_XLSX), "--sheet", "Лист1", capsys=capsys)
    assert "no sheet 'Лист1'; expected one of: 'Програма'" in err
    nowhere = tmp_path / "no" / "a.yaml"
    code, _, err = run("import", str(TEMPLATE_CSV), "-o", str(nowhere), capsys=capsys)
    assert code == 2
    assert err.startswith(f"-o {nowhere}: no folder {nowhere.parent}; expected an existing folder")


def test_export_refuses_ods_and_bad_agendas(tmp_path, capsys) -> None:
    code, _, err = run("export", str(DEFAULT), "-o", str(tmp_path / "r.ods"), capsys=capsys)
    assert code == 2 and "cannot write '.ods'; expected .xlsx" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("event: {}\nitems: []\n")
    code, _, err = run("export", str(bad), "-o", str(tmp_path / "r.xlsx"), capsys=capsys)
    assert code == 2 and f"{bad}:" in err and not (tmp_path / "r.xlsx").exists()


def test_a_formula_looking_text_stays_text(tmp_path) -> None:
    source = DEFAULT.read_text(encoding="utf-8").replace('"Перерва"', '"=Перерва + кава"')
    source = source.replace("../scenes/default.yaml", str(ROOT / "scenes" / "default.yaml"))
    yaml_path = tmp_path / "agenda.yaml"
    yaml_path.write_text(source, encoding="utf-8")
    agenda = load_agenda(yaml_path)
    for suffix in (".xlsx", ".csv"):
        back = import_rundown(export_rundown(agenda, tmp_path / f"r{suffix}")).agenda
        assert back.items[6].title.uk == "=Перерва + кава"
    assert "'=Перерва + кава" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
