"""Keep the house's rooms small: in studio/ and ui/, no module over 600 lines, no function over 80
lines or above cyclomatic complexity 20 (radon's measure, which counts `and`/`or` as branches).

Exits 1 and names each offender, so CI fails where the code grew past a size one can hold in mind.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Function

MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80
MAX_COMPLEXITY = 20
PACKAGES = ("studio", "ui")


def offenders(root: Path) -> list[str]:
    out: list[str] = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            lines = text.count("\n")
            rel = path.relative_to(root)
            if lines > MAX_FILE_LINES:
                out.append(f"{rel}: {lines} lines (at most {MAX_FILE_LINES})")
            for node in ast.walk(ast.parse(text, filename=str(path))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    if length > MAX_FUNCTION_LINES:
                        out.append(
                            f"{rel}:{node.lineno}: {node.name} is {length} lines "
                            f"(at most {MAX_FUNCTION_LINES})"
                        )
            for block in cc_visit(text):  # functions and methods (and classes, skipped)
                if isinstance(block, Function) and block.complexity > MAX_COMPLEXITY:
                    out.append(
                        f"{rel}:{block.lineno}: {block.name} has complexity {block.complexity} "
                        f"(at most {MAX_COMPLEXITY})"
                    )
    return out


def main() -> int:
    found = offenders(Path(__file__).resolve().parent.parent)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
