"""Which engine builds the site: MkDocs, or ProperDocs (its continuation), chosen by one dependency.

ProperDocs' `properdocs.replacement` makes every later `import mkdocs…` load ProperDocs' modules, so
the adapter (mkdocs_plugin.py, mkdocs_files.py, mkdocs_shell.py, commands/build.py, `thutuc serve`)
and Material run unchanged on it. `properdocs build`/`serve` import it themselves; the `thutuc`
command does it here, before anything imports MkDocs, when thutuc's own runtime dependencies
(`dependencies` in pyproject.toml, not an extra) name properdocs. Moving the `properdocs` pin there
is the whole switch; tests/test_engine_hedge.py holds both engines to the same site.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import re
import sys
from collections.abc import Iterable

MKDOCS = "mkdocs"
PROPERDOCS = "properdocs"
_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def declared(requirements: Iterable[str]) -> str:
    """The engine a distribution's requirement strings choose: ProperDocs when it is required
    outright (no `extra == …` marker), else MkDocs."""
    for requirement in requirements:
        name, _, marker = requirement.partition(";")
        found = _NAME.match(name)
        if found and found.group(1).lower() == PROPERDOCS and "extra" not in marker:
            return PROPERDOCS
    return MKDOCS


def use(engine: str) -> str:
    """Make `engine` the one `import mkdocs…` loads from now on; the engine in effect is returned.
    Once MkDocs itself is loaded (the `mkdocs` command runs the plugin) nothing changes: swapping
    modules under a running engine would break it."""
    if engine == PROPERDOCS and MKDOCS not in sys.modules:
        importlib.import_module("properdocs.replacement")
    return PROPERDOCS if PROPERDOCS in sys.modules else MKDOCS


def use_declared() -> str:
    """The engine thutuc's installed metadata declares, put in effect (see the module docstring)."""
    try:
        requirements = importlib.metadata.requires("thutuc") or []
    except importlib.metadata.PackageNotFoundError:  # run from a source tree: MkDocs, as declared there
        requirements = []
    return use(declared(requirements))
