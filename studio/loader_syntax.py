"""PyYAML's errors worded for whoever edits the file: one line each, saying what is wrong in the
file's terms (an indentation, a tab, an anchor) and, where it can, what was expected.

studio/yamlpos.py positions them (`file:line:column`); this only words them.
"""

from __future__ import annotations

# Where types-PyYAML is not installed yaml is untyped, its names Any: the ignore is for that.
import yaml  # type: ignore[import-untyped, unused-ignore]


def syntax_message(exc: yaml.MarkedYAMLError) -> str:
    """What a composer's error means; its position is the caller's to give."""
    problem = exc.problem or "invalid YAML"
    if "found another document" in problem:
        return "the file holds more than one YAML document ('---'); expected one"
    if "'\\t'" in problem:
        return "YAML syntax error: a tab character; indent with spaces"
    ctx, pmark, cmark = exc.context, exc.problem_mark, exc.context_mark
    if ctx and ctx.startswith("found duplicate anchor") and cmark is not None:
        anchor = ctx.split("'")[1] if "'" in ctx else ""
        return one_line(
            f"duplicate anchor '&{anchor}': line {cmark.line + 1} already defines it; "
            "expected each anchor once"
        )
    if problem.startswith("found undefined alias"):
        alias = problem.split("'")[1] if "'" in problem else ""
        return one_line(
            f"undefined alias '*{alias}'; expected an anchor '&{alias}' defined above it"
        )
    what = problem
    if ctx:
        if cmark and pmark and (cmark.line, cmark.column) != (pmark.line, pmark.column):
            ctx = f"{ctx} that starts at line {cmark.line + 1}, column {cmark.column + 1}"
        what = f"{what} ({ctx})"
    if "<block end>" in problem or "mapping values are not allowed" in problem:
        what = f"{what}; check the indentation"
    return one_line(f"YAML syntax error: {what}")


def one_line(message: str) -> str:
    # A problem is listed on one line; PyYAML's own words may hold a snippet of the file.
    return " ".join(message.split("\n"))


def reader_message(exc: yaml.reader.ReaderError) -> str:
    """What the reader refused: a character that YAML text may not hold."""
    if isinstance(exc.character, int):
        return (
            f"YAML syntax error: a non-printable character U+{exc.character:04X}; "
            "expected printable text only"
        )
    return one_line(f"YAML syntax error: {exc.reason}; expected printable text only")
