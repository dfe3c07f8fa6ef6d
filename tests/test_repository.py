"""Repository-level checks: run by the test command (tests/run_tests.py) with pytest."""

import ast
import csv
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
ADDONS = REPO / "addons"
CORE_ADDONS = ("route_orders", "portal_extranet", "customer_portal_orders")
# Bridges: installed automatically once all their dependencies are (auto_install), so the
# core addons stay free of the Odoo apps they connect to. Bridge -> allowed dependencies.
BRIDGE_ADDONS = {"portal_extranet_pos": {"portal_extranet", "point_of_sale"}}
OUR_ADDONS = CORE_ADDONS + tuple(BRIDGE_ADDONS)


def manifest(addon):
    return ast.literal_eval((ADDONS / addon / "__manifest__.py").read_text(encoding="utf-8"))


def test_docker_compose_matches_the_compose_specification():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(REPO / "docker-compose.yml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_docker_compose_demo_installs_our_addons_with_official_images():
    import yaml  # noqa: PLC0415  (PyYAML comes with pre-commit and check-jsonschema)

    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["db"]["image"] == "postgres:16"
    assert services["odoo"]["image"] == services["init"]["image"] == "odoo:18.0"
    assert "healthcheck" in services["db"] and "healthcheck" in services["odoo"]
    init_command = services["init"]["command"]
    assert all(addon in init_command for addon in OUR_ADDONS)
    assert "./addons:/mnt/extra-addons:ro" in services["odoo"]["volumes"]
    assert set(compose["volumes"]) >= {"db-data", "odoo-data"}
    assert services["tests"]["entrypoint"][-1] == "tests/run_tests.py"


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_manifest(addon):
    data = manifest(addon)
    assert data["version"].startswith("18.0.") and len(data["version"].split(".")) == 5
    for key in ("name", "summary", "license", "author", "website", "depends"):
        assert data.get(key), f"{addon}: {key} missing"
    assert "external_dependencies" in data
    assert (ADDONS / addon / "static/description/icon.png").is_file()
    assert (ADDONS / addon / "readme/DESCRIPTION.md").is_file()
    for path in data.get("data", []) + data.get("demo", []):
        assert (ADDONS / addon / path).is_file(), f"{addon}: {path} is listed but missing"


def test_dependencies_point_one_way():
    assert "portal_extranet" not in manifest("route_orders")["depends"]
    assert "customer_portal_orders" not in manifest("route_orders")["depends"]
    assert "route_orders" not in manifest("portal_extranet")["depends"]
    assert "customer_portal_orders" not in manifest("portal_extranet")["depends"]
    assert {"route_orders", "portal_extranet"} <= set(manifest("customer_portal_orders")["depends"])
    for addon in CORE_ADDONS:
        assert not set(manifest(addon)["depends"]) & set(BRIDGE_ADDONS), addon
    assert "point_of_sale" not in manifest("portal_extranet")["depends"]


@pytest.mark.parametrize("bridge", sorted(BRIDGE_ADDONS))
def test_bridges_install_themselves_and_depend_only_on_what_they_connect(bridge):
    data = manifest(bridge)
    assert data.get("auto_install") is True
    assert set(data["depends"]) == BRIDGE_ADDONS[bridge]
    assert not set(data["depends"]) & {"route_orders", "customer_portal_orders"}


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_data_files_are_well_formed(addon):
    for path in (ADDONS / addon).rglob("*.xml"):
        etree.parse(str(path))
    for path in (ADDONS / addon).rglob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows and all(len(row) == len(rows[0]) for row in rows), path


def _translation_calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            if name == "_":
                yield node


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_translated_strings_can_be_extracted(addon):
    """Odoo's term extraction (Babel) gives up on a whole file when a call to _()
    holds an f-string: every string of that file would stay untranslated."""
    offenders = []
    for path in (ADDONS / addon).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _translation_calls(tree):
            if any(isinstance(node, ast.JoinedStr) for node in ast.walk(call)):
                offenders.append(f"{path.relative_to(REPO)}:{call.lineno}")
    assert not offenders, "f-strings inside _(): " + ", ".join(offenders)


@pytest.mark.parametrize("addon", OUR_ADDONS)
def test_translations_are_shipped(addon):
    import polib  # noqa: PLC0415  (Odoo requires polib)

    i18n = ADDONS / addon / "i18n"
    template = polib.pofile(str(i18n / f"{addon}.pot"))
    msgids = {entry.msgid for entry in template}
    assert msgids, f"{addon}.pot is empty"
    for lang in ("fi", "da", "de"):
        catalog = polib.pofile(str(i18n / f"{lang}.po"))
        translated = {entry.msgid for entry in catalog if entry.msgstr}
        missing = msgids - translated
        assert not missing, f"{addon}/{lang}.po misses {len(missing)}: {sorted(missing)[:5]}"
