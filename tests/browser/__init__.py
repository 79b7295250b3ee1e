"""Browser tests: the built site read in Chromium."""
