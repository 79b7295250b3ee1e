"""The downloadable files of the site: site path -> text, for every credential and format."""

from __future__ import annotations

import json
from functools import lru_cache

from ..dataset import Dataset
from ..iam.deployment import Deployment, one_line
from ..iam.policy import ManagedPolicy, to_json, trust_policy
from ..source.model import CHANGES_PAGE
from ..iam.templating import ACCOUNT, PARTITION, ROLE_NAME, resolve
from . import awscli, check_script, cloudformation, remove_script, terraform, update_script
from .check_data import CHECK_DATA, check_data
from .exports import absolute_url, export_json, export_schema_json
from .feed import atom_feed
from .links import action_anchor, url_from

FOLDER = "policies"
TRUST_POLICY = f"{FOLDER}/trust-policy.json"  # the same for every credential, for the access page
TRUST_FILE = "trust-policy.json"
ALERT_PATTERN_FILE = "alert-pattern.json"
PERMISSIONS_EXPORT = "permissions.json"
PERMISSIONS_EXPORT_SCHEMA = "schemas/permissions-export.schema.json"
FEED = "changes.xml"
CHECK_PAGE = "check-role"  # the page that reads CHECK_DATA


def credential_file_path(credential_id: str, name: str) -> str:
    """A credential's file in the site: `policies/production/main.tf`."""
    return f"{FOLDER}/{credential_id}/{name}"


def policy_file(policy: ManagedPolicy) -> str:
    """The download name of a managed policy, stable across versions: `permissions.json`."""
    return f"{policy.slug}.json"


def _commented(plan: Deployment, command: str, text: str) -> str:
    warnings = "".join(f"# {one_line(w)}\n" for w in plan.header_warnings)
    return f"# {one_line(plan.role_description)}.\n{warnings}# To deploy: {command}\n{text}"


def placeholder(name: str) -> str:
    """What a JSON download holds where the customer puts a value of their own: `YOUR_ACCOUNT_ID`."""
    return "YOUR_" + "".join(f"_{c}" if c.isupper() and i else c
                             for i, c in enumerate(name)).upper()


def json_document(plan: Deployment, value) -> dict:
    """A document as a JSON download holds it: the data's partition and the role's default name
    filled in, every value only the customer knows a placeholder."""
    known = {PARTITION: plan.company.partition, ROLE_NAME: plan.role_name,
             ACCOUNT: placeholder("AccountId")}
    return resolve(value, lambda sub: sub.render(lambda n: known.get(n) or placeholder(n)),
                   lambda listed: [placeholder(listed.name.removesuffix("s"))])


def credential_files(plan: Deployment) -> dict[str, str]:
    """Every file of one credential: each policy, the trust policy, each template and script."""
    files = {credential_file_path(plan.credential_id, policy_file(p)):
             to_json(json_document(plan, p.document)) for p in plan.policies}
    files[credential_file_path(plan.credential_id, TRUST_FILE)] = to_json(plan.trust())
    if plan.input("alert-email"):
        files[credential_file_path(plan.credential_id, ALERT_PATTERN_FILE)] = to_json(
            json_document(plan, plan.alert_pattern()))
    files[credential_file_path(plan.credential_id, cloudformation.TEMPLATE_FILE)] = _commented(
        plan, cloudformation.deploy_command(plan), cloudformation.to_yaml(plan))
    files[credential_file_path(plan.credential_id, terraform.MODULE_FILE)] = _commented(
        plan, terraform.apply_command(plan), terraform.to_hcl(plan))
    for module in (awscli, update_script, check_script, remove_script):
        files[credential_file_path(plan.credential_id, module.SCRIPT)] = module.script(plan)
    return files


# Kept per dataset: every credential page's deployment tabs and the hook need them in one build,
# which would otherwise write them once per page (measured at 10,000 entries: 83 ms a build of
# them, 0.9 s more over 12 credential pages). Callers must not change the dict.
@lru_cache(maxsize=2)
def deployment_files(dataset: Dataset) -> dict[str, str]:
    """Every policy and template of every credential, by its path under the site root."""
    files = {TRUST_POLICY: to_json(trust_policy(dataset.permissions.company))}
    for plan in dataset.deployments.values():
        files.update(credential_files(plan))
    return files


def page_url(dataset: Dataset, site_url: str, page_id: str) -> str:
    """The absolute directory URL of a page built here."""
    return absolute_url(site_url, dataset.permissions.page(page_id).url_path)


def site_files(dataset: Dataset, site_url: str) -> dict[str, str]:
    """Every generated file of the site: deployments, /permissions.json, its schema, the feed."""
    files = dict(deployment_files(dataset))
    files[PERMISSIONS_EXPORT] = export_json(dataset, site_url)
    files[PERMISSIONS_EXPORT_SCHEMA] = export_schema_json()
    files[FEED] = atom_feed(dataset, site_url, page_url(dataset, site_url, CHANGES_PAGE),
                            absolute_url(site_url, FEED))
    credentials = dataset.permissions.credentials
    anchors = {c: {a: action_anchor(c, a) for b in credential.blocks for a in b.actions}
               for c, credential in credentials.items()}
    pages = {c: url_from(dataset, CHECK_PAGE, credential.page) for c, credential in credentials.items()}
    files[CHECK_DATA] = json.dumps(check_data(dataset, anchors, pages), separators=(",", ":")) + "\n"
    return files
