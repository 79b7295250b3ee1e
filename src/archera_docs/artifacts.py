"""The downloadable files of the site: site path -> text, for every credential and format."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from . import awscli, cloudformation, terraform
from .checks import CHANGES_PAGE
from .deployment import Deployment, deployment, one_line
from .exports import absolute_url, export_json, export_schema_json
from .feed import atom_feed
from .load import Dataset, load_project
from .model import PermissionsFile
from .policy import ManagedPolicy, to_json, trust_policy

FOLDER = "policies"
TRUST_POLICY = f"{FOLDER}/trust-policy.json"  # the same for every credential, for the access page
TRUST_FILE = "trust-policy.json"
PERMISSIONS_EXPORT = "permissions.json"
PERMISSIONS_EXPORT_SCHEMA = "schemas/permissions-export.schema.json"
FEED = "changes.xml"


def credential_file_path(credential_id: str, name: str) -> str:
    """A credential's file in the site: `policies/production/main.tf`."""
    return f"{FOLDER}/{credential_id}/{name}"


def policy_file(policy: ManagedPolicy) -> str:
    """The download name of a managed policy, stable across versions: `permissions.json`."""
    return f"{policy.slug}.json"


def _commented(plan: Deployment, command: str, text: str) -> str:
    warnings = "".join(f"# {one_line(w)}\n" for w in plan.header_warnings)
    return f"# {one_line(plan.role_description)}.\n{warnings}# To deploy: {command}\n{text}"


def credential_files(plan: Deployment) -> dict[str, str]:
    """Every file of one credential: each policy, the trust policy, and each template."""
    files = {credential_file_path(plan.credential_id, policy_file(p)): to_json(p.document)
             for p in plan.policies}
    files[credential_file_path(plan.credential_id, TRUST_FILE)] = to_json(plan.trust())
    files[credential_file_path(plan.credential_id, cloudformation.TEMPLATE_FILE)] = _commented(
        plan, cloudformation.deploy_command(plan), cloudformation.to_yaml(plan))
    files[credential_file_path(plan.credential_id, terraform.MODULE_FILE)] = _commented(
        plan, terraform.apply_command(plan), terraform.to_hcl(plan))
    files[credential_file_path(plan.credential_id, awscli.SCRIPT)] = awscli.script(plan)
    return files


# The files of the data object last asked for: the deployment tabs of every credential page and
# the hook (site files) need them in one build, which would otherwise build them once per page
# (measured at 10,000 entries: 83 ms a build of them, 0.9 s more over 12 credential pages).
# Callers must not change the dict.
_last_files: tuple[PermissionsFile, dict[str, str]] | None = None


def deployment_files(data: PermissionsFile) -> dict[str, str]:
    """Every policy and template of every credential, by its path under the site root."""
    global _last_files
    if _last_files is not None and _last_files[0] is data:
        return _last_files[1]
    files = {TRUST_POLICY: to_json(trust_policy(data.company))}
    for credential_id in data.credentials:
        files.update(credential_files(deployment(data, credential_id)))
    _last_files = (data, files)
    return files


def page_url(dataset: Dataset, site_url: str, page_id: str) -> str:
    """The absolute directory URL of a page built here."""
    return absolute_url(site_url, dataset.permissions.page(page_id).url_path)


def site_files(dataset: Dataset, site_url: str) -> dict[str, str]:
    """Every generated file of the site: deployments, /permissions.json, its schema, the feed."""
    files = dict(deployment_files(dataset.permissions))
    files[PERMISSIONS_EXPORT] = export_json(dataset, site_url)
    files[PERMISSIONS_EXPORT_SCHEMA] = export_schema_json()
    files[FEED] = atom_feed(dataset, site_url, page_url(dataset, site_url, CHANGES_PAGE),
                            absolute_url(site_url, FEED))
    return files


def write_site_files(project: Path, target: Path) -> list[Path]:
    """Write every generated file of `project` under `target`, for an engine without MkDocs hooks
    (Zensical): put into its docs folder, they are copied into the site like any other file."""
    site_url = yaml.safe_load((project / "mkdocs.yml").read_text())["site_url"]
    written = []
    for relative, text in site_files(load_project(project), site_url).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written


if __name__ == "__main__":
    # python -m archera_docs.artifacts PROJECT_DIR TARGET_DIR
    print(f"wrote {len(write_site_files(Path(sys.argv[1]), Path(sys.argv[2])))} generated files")
