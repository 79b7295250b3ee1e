"""The "Check your role" page's form: it compares a pasted policy with the credential's versions
in the reader's browser (docs/javascripts/check-role.js), from /policies/check-role.json."""

from __future__ import annotations

import html

from ..dataset import Dataset
from ..files.check_data import CHECK_DATA
from ..files.site import CHECK_PAGE as CHECKER_PAGE
SCRIPT = "javascripts/check-role.js"


def _to_root(dataset: Dataset) -> str:
    """The relative way from the check page up to the site root: `../../../`."""
    return "../" * dataset.permissions.page(CHECKER_PAGE).url_path.count("/")


def role_checker(dataset: Dataset) -> str:
    """The form: the credential to compare with, the policies to paste, the button and the
    result region; the script and its data load only when the reader first checks."""
    root = _to_root(dataset)
    options = "\n".join(
        f'      <option value="{html.escape(cred_id)}"'
        f'{" selected" if i == len(dataset.permissions.credentials) - 1 else ""}>'
        f"{html.escape(credential.title)}</option>"
        for i, (cred_id, credential) in enumerate(dataset.permissions.credentials.items()))
    return f"""<div id="role-check" class="role-check" data-source="{root}{CHECK_DATA}">
  <p>
    <label for="role-check-credential">Credential</label>
    <select id="role-check-credential" name="credential">
{options}
    </select>
  </p>
  <p>
    <label for="role-check-input">The role's policies (JSON)</label><br>
    <textarea id="role-check-input" name="policies" rows="14" cols="80" spellcheck="false" autocomplete="off" autocapitalize="off" aria-describedby="role-check-input-help"></textarea><br>
    <small id="role-check-input-help">One or more policy documents, a JSON array of them, or the output of <code>aws iam get-account-authorization-details</code>, <code>aws iam get-policy-version</code> or <code>aws iam get-role-policy</code>.</small>
  </p>
  <p><button type="button" id="role-check-run" class="md-button md-button--primary">Check</button></p>
  <div id="role-check-result" aria-live="polite"></div>
  <p>What it compares with, made by the same build as the policies: <a href="{root}{CHECK_DATA}" download>check-role.json</a>.</p>
</div>
<script src="{root}{SCRIPT}" defer></script>"""
