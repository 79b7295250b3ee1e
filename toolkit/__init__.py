"""What tasks.py, the tests and the benchmark share, with nothing but Python's standard library:
the project's files and environments, scratch copies of it, and the link check of a built site."""
