"""AWS's rules for the identifiers a role involves: account IDs, role names and External IDs.

Character classes are spelt out (no \\w) so that pydantic, CloudFormation, Terraform (RE2) and
bash (POSIX) all read them the same way.
"""

from __future__ import annotations

ACCOUNT_ID = "[0-9]{12}"
# Account IDs AWS's documentation uses in its examples: never a real account to trust.
EXAMPLE_ACCOUNT_IDS = frozenset({"111122223333", "123456789012", "444455556666", "555555555555",
                                 "777788889999", "111111111111", "222222222222", "999999999999",
                                 "000000000000"})
ROLE_NAME_CHARS = "[A-Za-z0-9+=,.@_-]"
ROLE_NAME_MAX = 64
EXTERNAL_ID_CHARS = "[A-Za-z0-9_+=,.@:/-]"
EXTERNAL_ID_MIN, EXTERNAL_ID_MAX = 2, 1224
EXTERNAL_ID_RULE = (f"{EXTERNAL_ID_MIN} to {EXTERNAL_ID_MAX} letters, digits and _+=,.@:/- "
                    "characters")
# What the optional controls take: a managed policy's ARN (the permissions boundary), a Region
# name, an email address for alerts, and the start of the names of resources Archera creates.
POLICY_ARN = "arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]{1,128}"
REGION = "[a-z]{2}(-[a-z]+)+-[0-9]"
EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]{2,}"
NAME_PREFIX = "[A-Za-z0-9_.+=,@-]{1,50}"
