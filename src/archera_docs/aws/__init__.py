"""AWS's own facts, independent of our data: the action catalog, identifier rules and IAM quotas."""
