"""What the pages say about Archera's account, and the data strings pages may quote."""

from __future__ import annotations

from ..dataset import Dataset
from ..iam.policy import UNKNOWN_ACCOUNT
from . import markdown as md


def account_id_notice(dataset: Dataset) -> str:
    """A visible warning while the account ID in the data is a placeholder, else nothing."""
    company = dataset.permissions.company
    if not company.account_id_is_placeholder:
        return ""
    return md.admonition("warning", "Placeholder account ID", md.text(
        f"{company.account_id} is a placeholder, not {company.name}'s real AWS account ID, which "
        f"this help center does not have yet. Until it does, every trust policy and template here "
        f"names {UNKNOWN_ACCOUNT} instead, which AWS rejects: ask {company.name} for the account "
        "ID to trust and put it in its place."))


def account_id_statement(dataset: Dataset) -> str:
    """The account ID to trust, in bold, or while it is a placeholder, that it is not published."""
    company = dataset.permissions.company
    if company.account_id_is_placeholder:
        return md.text(f"Its ID is not published here yet (see the warning above): ask "
                       f"{company.name} for it before you create the role.")
    return (f"Its ID is **{md.text(company.account_id)}**, in the "
            f"`{md.text(company.partition)}` partition.")


def variables(dataset: Dataset) -> dict:
    """The data strings pages may quote directly, each already escaped for Markdown."""
    company = dataset.permissions.company
    return {
        "company": {
            "name": md.text(company.name),
            "partition": md.text(company.partition),
            "access": {key: md.text(value) for key, value in company.access.model_dump().items()},
        },
        "summaries": {cred_id: md.text(cred.summary)
                      for cred_id, cred in dataset.permissions.credentials.items()},
        "catalog_date": dataset.catalog.data_date().isoformat(),
    }
