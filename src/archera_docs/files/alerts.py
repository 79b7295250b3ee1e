"""What the optional alert of every format shares: its name and the topic's access policy."""

from __future__ import annotations

from ..iam.deployment import Deployment
from ..iam.policy import document

ALERT_SUFFIX = "Alerts"  # the rule and the topic are named after the role: `ArcheraAccess-Alerts`


def topic_policy(plan: Deployment, topic, rule_arn) -> dict:
    """The SNS topic's policy: only the alert's EventBridge rule may publish to it. `topic` and
    `rule_arn` are values or a format's references."""
    return document([{
        "Sid": "ArcheraAlertRulePublishes", "Effect": "Allow",
        "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish",
        "Resource": topic, "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}}}])
