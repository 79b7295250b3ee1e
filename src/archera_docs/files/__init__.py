"""Every downloadable file of the site, written from the dataset: policies, templates, scripts,
/permissions.json and the feed."""
