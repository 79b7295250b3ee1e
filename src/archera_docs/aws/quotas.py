"""IAM's quotas and text rules that every policy, role and description must meet."""

from __future__ import annotations

import re

MANAGED_POLICY_MAX_CHARS = 6144  # AWS counts the document without whitespace
MANAGED_POLICIES_PER_ROLE = 10
TRUST_POLICY_MAX_CHARS = 2048
POLICY_NAME_MAX_CHARS = 128
# AWS's rules for IAM role and policy descriptions.
DESCRIPTION_PATTERN = re.compile("[\t\n\r\x20-\x7e\xa1-\xff]*")
DESCRIPTION_MAX = 1000
