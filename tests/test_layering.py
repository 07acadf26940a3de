"""Imports go only to the left: each module imports stages before it in the flow, never after, and no
module imports another's private names. The order is the design's (text -> Article -> mentions ->
quotes -> statements -> positions -> networks, plots, exports), with the shared layers first, and one
exception: networks sit left of positions, since they are DNA's, defined on any statement table (a .dna
database as well as an article's), and positions build on them (``dna_statements``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hwresearch"

# Left to right. A module may import any module listed before it.
ORDER = [
    "errors", "text", "tables", "lexicon", "nlp", "article", "codebook", "mentions", "speakers", "quotes",
    "sentiment", "stance", "networks", "positions", "evaluate", "display", "plots", "corpus", "cli", "__main__",
    "__init__",
]


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, imported names, line) for every ``hwresearch.*`` import in a file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hwresearch"):
            found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found.extend((a.name, [], node.lineno) for a in node.names if a.name.startswith("hwresearch"))
    return found


def test_every_module_has_a_place_in_the_order():
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert modules == set(ORDER), f"add {sorted(modules - set(ORDER))} to ORDER, or drop {sorted(set(ORDER) - modules)}"


@pytest.mark.parametrize("name", ORDER)
def test_imports_only_to_the_left(name):
    position = ORDER.index(name)
    for module, names, line in _imports(PACKAGE / f"{name}.py"):
        target = module.split(".")[1] if "." in module else "__init__"
        if target == "__init__" and name in ("__main__",):
            continue
        assert target in ORDER[:position], f"{name}.py:{line} imports {module}, which is not to its left"
        private = [n for n in names if n.startswith("_")]
        assert not private, f"{name}.py:{line} imports private names {private} from {module}"
