"""The pages' Markdown fragments, the one registry of the macros pages may call, and the check of
every page's calls."""
