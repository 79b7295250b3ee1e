"""Run generated deployment files against moto's AWS emulator (stdlib + boto3 only).

    with MotoServer() as aws:
        code, out, err = run_script(policies / "trial" / "create-role.sh",
                                    aws.env(EXTERNAL_ID="x-1", ARCHERA_ACCOUNT_ID="210987654321"), tmp)
        state = iam_state(aws.iam())
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import boto3

BIN = Path(sys.executable).parent  # the venv's bin: moto_server, aws
REGION = "us-east-1"
FAKE_KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via an HTTP proxy


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    """`with MotoServer() as aws:` runs `moto_server` on 127.0.0.1 on a free port until the block ends."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.port = 0
        self.endpoint = ""
        self._proc: subprocess.Popen | None = None
        self._log = None
        self._last_output = ""
        self._failure = ""

    def output(self) -> str:
        """Everything the server has printed so far."""
        if self._log is None:
            return ""
        self._log.flush()
        return Path(self._log.name).read_text(errors="replace")

    def __enter__(self) -> MotoServer:
        for _ in range(3):  # another process may grab the free port between probe and bind
            try:
                self._start()
                ready = self._wait_ready()
            except BaseException:  # e.g. KeyboardInterrupt while waiting: don't leak the server
                self._stop()
                raise
            if ready:
                return self
            self._stop()
        raise RuntimeError(f"moto_server ({BIN / 'moto_server'}) {self._failure} on {self.endpoint}; "
                           f"its output:\n{self._last_output}")

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def _start(self) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._log = tempfile.NamedTemporaryFile("w+", prefix="moto-", suffix=".log", delete=False)
        self._proc = subprocess.Popen(
            [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)  # own process group, so _stop can kill it and any children

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                self._failure = f"exited with code {self._proc.returncode} before answering"
                return False
            try:
                with _DIRECT.open(f"{self.endpoint}/moto-api/data.json", timeout=2):
                    return True
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        self._failure = f"did not answer within {self.timeout}s"
        return False

    def _stop(self) -> None:
        self._last_output = self.output()
        proc, self._proc = self._proc, None
        if proc is not None:  # signal the whole group, even if the server itself already exited
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(proc.pid, sig)
                    proc.wait(timeout=10)
                    break
                except subprocess.TimeoutExpired:
                    continue
                except ProcessLookupError:
                    break
        if self._log is not None:
            self._log.close()
            os.unlink(self._log.name)
            self._log = None

    def reset(self) -> None:
        """Forget every resource in every service (POST /moto-api/reset)."""
        request = urllib.request.Request(f"{self.endpoint}/moto-api/reset", data=b"", method="POST")
        with _DIRECT.open(request, timeout=10) as response:
            response.read()

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a subprocess (aws CLI, terraform) that talks only to this server."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(
            AWS_ENDPOINT_URL=self.endpoint,
            AWS_ACCESS_KEY_ID=FAKE_KEYS["aws_access_key_id"],
            AWS_SECRET_ACCESS_KEY=FAKE_KEYS["aws_secret_access_key"],
            AWS_DEFAULT_REGION=REGION,
            AWS_REGION=REGION,
            AWS_CONFIG_FILE=os.devnull,
            AWS_SHARED_CREDENTIALS_FILE=os.devnull,
            AWS_EC2_METADATA_DISABLED="true",
            NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost",
            PATH=os.pathsep.join([str(BIN), env.get("PATH", "/usr/bin:/bin")]),
        )
        env.update(extra)
        return env

    def client(self, service: str):
        """A boto3 client for `service` pointed at this server."""
        return boto3.session.Session().client(
            service, endpoint_url=self.endpoint, region_name=REGION, **FAKE_KEYS)

    def iam(self):
        """A boto3 IAM client pointed at this server."""
        return self.client("iam")


def _document(value) -> dict:
    """A policy document as a dict, whether boto3 decoded it or left it URL-encoded JSON."""
    if isinstance(value, dict):
        return value
    return json.loads(urllib.parse.unquote(value))


def _all(client, operation: str, key: str, **kwargs) -> list:
    return [item for page in client.get_paginator(operation).paginate(**kwargs) for item in page[key]]


def iam_state(client) -> dict:
    """Everything IAM holds (roles, customer-managed policies, users, groups, instance profiles) as plain data."""
    roles = {}
    for listed in _all(client, "list_roles", "Roles"):
        name = listed["RoleName"]
        role = client.get_role(RoleName=name)["Role"]  # list_roles may omit the boundary
        inline = {p: _document(client.get_role_policy(RoleName=name, PolicyName=p)["PolicyDocument"])
                  for p in _all(client, "list_role_policies", "PolicyNames", RoleName=name)}
        roles[name] = {
            "path": role.get("Path"),
            "description": role.get("Description"),
            "trust_policy": _document(role["AssumeRolePolicyDocument"]),
            "max_session_duration": role.get("MaxSessionDuration"),
            "permissions_boundary": role.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn"),
            "attached": sorted(p["PolicyArn"] for p in
                               _all(client, "list_attached_role_policies", "AttachedPolicies", RoleName=name)),
            "inline": inline,
        }
    policies = {}
    for listed in _all(client, "list_policies", "Policies", Scope="Local"):
        arn = listed["Arn"]
        policy = client.get_policy(PolicyArn=arn)["Policy"]  # list_policies omits the description
        version = client.get_policy_version(PolicyArn=arn, VersionId=policy["DefaultVersionId"])
        policies[listed["PolicyName"]] = {
            "arn": arn,
            "path": policy.get("Path"),
            "description": policy.get("Description"),
            "document": _document(version["PolicyVersion"]["Document"]),
            "versions": len(client.list_policy_versions(PolicyArn=arn)["Versions"]),
            "attachment_count": policy.get("AttachmentCount"),
        }
    return {
        "roles": roles,
        "policies": policies,
        "users": sorted(u["UserName"] for u in _all(client, "list_users", "Users")),
        "groups": sorted(g["GroupName"] for g in _all(client, "list_groups", "Groups")),
        "instance_profiles": sorted(p["InstanceProfileName"] for p in
                                    _all(client, "list_instance_profiles", "InstanceProfiles")),
    }


def run_script(path: Path | str, env: dict[str, str], cwd: Path | str,
               timeout: float = 120) -> tuple[int, str, str]:
    """Run `bash path` in `cwd` with exactly `env`; return (returncode, stdout, stderr)."""
    result = subprocess.run(["bash", str(path)], env=env, cwd=cwd, capture_output=True, text=True,
                            timeout=timeout, stdin=subprocess.DEVNULL)
    return result.returncode, result.stdout, result.stderr
