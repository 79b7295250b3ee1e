"""The code's layout: folders are the pipeline's stages and imports point one way, modules stay
small, and each thing is computed once per build."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT

PACKAGE = ROOT / "src" / "archera_docs"
# The stages in pipeline order: a module may import from its own stage or an earlier one.
STAGES = ("aws", "source", "iam", "checks", "dataset", "files", "pages", "build", "cli")
PYTHON = sorted(p for folder in ("src", "tests", "bench", "hooks", "toolkit")
                for p in (ROOT / folder).rglob("*.py")) + [ROOT / "macros.py", ROOT / "tasks.py"]


def stage_of(module: str) -> int:
    """The stage index of `archera_docs.<stage>...`."""
    return STAGES.index(module.split(".")[1])


def imported(path: Path) -> list[str]:
    """The archera_docs modules a file imports, relative imports resolved."""
    package = ["archera_docs", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                found.append(".".join(base + ([node.module] if node.module else [])))
            elif node.module and node.module.startswith("archera_docs"):
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("archera_docs")]
    return [name for name in found if name.count(".") >= 1]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_stage_imports_a_later_one(path):
    if path.parent == PACKAGE and path.name == "__init__.py":
        return
    here = stage_of("archera_docs." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    later = [name for name in imported(path) if stage_of(name) > here]
    assert not later, f"{path.name} (stage {STAGES[here]}) imports {later}"


def test_every_stage_is_a_module_or_a_folder_that_says_what_it_does():
    for stage in STAGES:
        folder, module = PACKAGE / stage, PACKAGE / f"{stage}.py"
        assert folder.is_dir() != module.is_file(), stage
        doc = ast.get_docstring(ast.parse((folder / "__init__.py" if folder.is_dir()
                                           else module).read_text()))
        assert doc and len(doc) > 40, stage
    assert {p.name for p in PACKAGE.iterdir() if not p.name.startswith("_")} == \
        {f"{s}.py" if (PACKAGE / f"{s}.py").exists() else s for s in STAGES}


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_250_lines_and_each_public_function_has_a_docstring(path):
    tree = ast.parse(path.read_text())
    assert len(path.read_text().splitlines()) <= 250
    if path.parts[-2] == "tests" or path.name.startswith("test_"):
        return
    public = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    if PACKAGE in path.parents:  # and the methods of the package's classes
        public += [m for c in tree.body if isinstance(c, ast.ClassDef) for m in c.body
                   if isinstance(m, ast.FunctionDef)]
    for node in public:
        if not node.name.startswith("_"):
            assert ast.get_docstring(node), f"{path.name}: {node.name}"


def test_each_credential_deployment_is_computed_once_per_build(monkeypatch, tmp_path):
    from archera_docs import build as build_module, dataset
    from archera_docs.files import site
    from archera_docs.iam import deployment
    calls = []
    real = deployment.managed_policies

    def counted(parts, *args, **kwargs):
        calls.append(parts[0].statements[0]["Sid"])  # ArcheraTrialReadsV1: names the credential
        return real(parts, *args, **kwargs)
    monkeypatch.setattr(deployment, "managed_policies", counted)
    for cached in (dataset._load, build_module._checked, site.deployment_files):
        cached.cache_clear()
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    monkeypatch.chdir(ROOT)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert (tmp_path / "site" / "policies" / "production" / "main.tf").is_file()
    assert sorted(sid[:len("ArcheraTrial")] for sid in calls) == ["ArcheraProdu", "ArcheraTrial"]


def test_the_sites_lock_pins_what_the_tests_lock_pins():
    """The tests build the site in the environment the tests' lock makes, and `tasks.py serve`
    there installs nothing: every version the site's lock pins, the tests' lock pins too."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    site, tests = (tasks.pins((ROOT / name).read_text())
                   for name in ("requirements.lock", "requirements-test.lock"))
    assert len(site) > 30
    assert site <= tests, sorted(site - tests)
