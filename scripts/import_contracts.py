"""An import-linter contract type that is an allowlist: a front end imports only named modules.

import-linter's own contracts forbid (a list of what may not be imported, which always misses
one) or protect; this one names what a package may import from another and refuses the rest,
so a new engine module is out of the front end's reach until someone decides it belongs in.
Registered in pyproject.toml under `contract_types`; `lint-imports` runs it with the others.
"""

from __future__ import annotations

from typing import Any

from importlinter import Contract, ContractCheck, fields, output


class AllowlistContract(Contract):
    """`importers` may import from `package` only the modules in `allowed` (and theirs)."""

    type_name = "allowlist"

    importers = fields.ListField(subfield=fields.StringField())
    package = fields.StringField()
    allowed = fields.ListField(subfield=fields.StringField())

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        allowed: list[str] = list(self.allowed)  # type: ignore[call-overload]
        package = str(self.package)
        bad: list[dict[str, Any]] = []
        for root in self.importers:  # type: ignore[attr-defined]
            for importer in sorted({root, *graph.find_descendants(root)}):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    if not _inside(imported, package):
                        continue
                    if any(_inside(imported, a) for a in allowed):
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = [d["line_number"] for d in details]
                    bad.append({"importer": importer, "imported": imported, "lines": lines})
        return ContractCheck(kept=not bad, metadata={"bad": bad})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for b in check.metadata["bad"]:
            where = ", ".join(f"l.{n}" for n in b["lines"])
            output.print_error(f"{b['importer']} imports {b['imported']} ({where})", bold=False)
            output.new_line()
        output.print(f"Allowed from {self.package}: {', '.join(self.allowed)}")  # type: ignore[attr-defined]


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")
