"""Archera's AWS onboarding help center, generated from data/permissions.yaml."""
