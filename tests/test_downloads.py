"""The generated downloads: linked from the pages, built at their URLs, equal to the code's."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlparse

from archera_docs.files.site import site_files
from archera_docs.iam.policy import account_principal


def download_links(site, selector: str = "a[download]") -> dict[str, list]:
    """Page URL -> its links matching `selector`, for every page of the built site."""
    links = {}
    for html in sorted(site.site.rglob("index.html")):
        url = html.parent.relative_to(site.site).as_posix()
        url = "" if url == "." else url + "/"
        links[url] = site.page(url).select(selector)
    return links


def target(page_url: str, link) -> str:
    """The site path a link on a page resolves to."""
    return urlparse(urljoin(f"http://x/{page_url}", link["href"])).path.lstrip("/")


def test_every_download_link_resolves_to_the_file_the_code_builds(site, dataset):
    built = site_files(dataset, "https://docs.archera.ai/")
    for page_url, links in download_links(site).items():
        for link in links:
            path = target(page_url, link)
            assert path in built, (page_url, link["href"])
    linked = set()
    for page_url, links in download_links(site, "article a[href]").items():
        for link in links:
            path = target(page_url, link)
            if path in built:
                assert (site.site / path).read_text() == built[path], path
                linked.add(path)
    assert linked == set(built), "every generated file is linked from a page"


def test_each_download_sits_under_the_block_that_shows_it(site):
    for page_url, links in download_links(site).items():
        for link in (link for link in links if link.get_text().startswith("Download ")):
            block = link.find_previous("div", class_="highlight")
            name = block.select_one(".filename").get_text()
            path = target(page_url, link)
            assert path.endswith("/" + name) and link.get_text() == f"Download {name}"
            assert block.select_one("pre code").get_text() == (site.site / path).read_text()


def test_credential_pages_offer_the_same_format_tabs(site, dataset):
    labels = []
    for credential in dataset.permissions.credentials.values():
        html = site.page(dataset.permissions.page(credential.page).url_path)
        section = html.find(id="deploy-the-role")
        tabs = section.find_next("div", class_="tabbed-set")
        labels.append([label.get_text() for label in tabs.select(".tabbed-labels > label")])
        for block in tabs.select(".tabbed-content > .tabbed-block"):
            assert block.select("div.highlight pre code") and block.select("a[download]")
    assert labels[0] == ["JSON", "CloudFormation", "Terraform", "AWS CLI"]
    assert all(found == labels[0] for found in labels)
    config = json.loads(site.page("help-center/aws-onboarding/iam-permissions-trial/")
                        .find(id="__config").get_text())
    assert {"content.tabs.link", "content.code.copy"} <= set(config["features"])


def test_access_page_shows_the_trust_policy_it_links(site, dataset):
    html = site.page("help-center/security/aws-access/")
    heading = html.find(id="the-trust-policy")
    block = heading.find_next("div", class_="highlight")
    trust = json.loads(block.select_one("pre code").get_text())
    statement, = trust["Statement"]
    company = dataset.permissions.company
    assert statement["Principal"] == {"AWS": account_principal(company)}
    assert company.account_id not in block.get_text()
    assert statement["Action"] == "sts:AssumeRole"
    assert list(statement["Condition"]["StringEquals"]) == ["sts:ExternalId"]
    assert "confused deputy" in html.find(id="the-external-id").find_next("p").get_text()
