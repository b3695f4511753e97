"""Compile the console's translation catalogues (ui/i18n/*.ts -> .qm) with pyside6-lrelease.

    python scripts/build_i18n.py            compile every catalogue
    python scripts/build_i18n.py --update   first merge new source strings from ui/ into the .ts
    python scripts/build_i18n.py --check    fail if a catalogue is incomplete or out of date

The console also compiles missing or outdated catalogues at start-up, so this is a convenience
for set-up and CI, not a requirement.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui.i18n import (
    LANGUAGES,
    catalogue,
    compile_catalogues,
)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--update", action="store_true", help="run lupdate over ui/ first")
    p.add_argument("--check", action="store_true", help="check completeness; compile nothing")
    args = p.parse_args(argv)
    try:
        if args.check:
            issues = [f"new in the code: {s}" for s in catalogue.untracked()]
            for lang in LANGUAGES:
                issues += catalogue.problems(lang)
            for issue in issues:
                print(issue, file=sys.stderr)
            print(f"{len(issues)} catalogue problem(s)." if issues else "Catalogues complete.")
            return 1 if issues else 0
        if args.update:
            catalogue.update()
            for lang in LANGUAGES:
                for issue in catalogue.problems(lang):
                    print(issue, file=sys.stderr)
        written = compile_catalogues()
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("compiled " + ", ".join(p.name for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
