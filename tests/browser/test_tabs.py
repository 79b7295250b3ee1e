"""The deployment formats sit in linked content tabs: switching follows into the copy, and the
reader's choice is kept on the next credential's page."""

from __future__ import annotations

from playwright.sync_api import expect

from archera_docs.files.site import credential_file_path
from archera_docs.files.terraform import MODULE_FILE

from .browsing import clipboard_after_click

TRIAL = "help-center/aws-onboarding/iam-permissions-trial/"
PRODUCTION = "help-center/aws-onboarding/iam-permissions-production/"
DEPLOY_TABS = "#deploy-the-role ~ .tabbed-set"


def visible_copy_button(page, filename: str | None = None):
    """The copy button of a code block (the first, or the one titled `filename`) in the selected
    tab of the deployment tabs; it must be visible, as only the selected tab's blocks are."""
    blocks = page.locator(f"{DEPLOY_TABS} > .tabbed-content > .tabbed-block div.highlight")
    if filename:
        blocks = blocks.filter(has=page.locator(f'.filename:text-is("{filename}")'))
    button = blocks.locator('button.md-code__button[data-md-type="copy"]').locator("visible=true")
    expect(button.first).to_be_visible()
    return button.first


def test_switching_tabs_changes_what_is_copied_and_the_choice_follows_the_reader(reader, site):
    page = reader.open(TRIAL)
    tabs = page.locator(f"{DEPLOY_TABS} > .tabbed-labels > label")
    expect(tabs).to_have_text(["JSON", "CloudFormation", "Terraform", "AWS CLI"])
    first = clipboard_after_click(page, visible_copy_button(page))
    tabs.filter(has_text="Terraform").click()
    terraform = clipboard_after_click(page, visible_copy_button(page, MODULE_FILE))
    assert terraform != first
    built = site.site / credential_file_path("trial", MODULE_FILE)
    assert terraform.rstrip("\n") == built.read_text().rstrip("\n")

    page = reader.open(PRODUCTION)
    selected = page.locator(f"{DEPLOY_TABS} > input:checked")
    labels = page.locator(f"{DEPLOY_TABS} > .tabbed-labels > label")
    checked_id = selected.get_attribute("id")
    expect(labels.and_(page.locator(f'label[for="{checked_id}"]'))).to_have_text("Terraform")
    copied = clipboard_after_click(page, visible_copy_button(page, MODULE_FILE))
    built = site.site / credential_file_path("production", MODULE_FILE)
    assert copied.rstrip("\n") == built.read_text().rstrip("\n")
