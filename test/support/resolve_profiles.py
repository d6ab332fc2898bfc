"""Resolves AWS profiles the way the AWS CLI v1 does (botocore), for keyward's e2e tests.

argv: a JSON list of profile names. The environment (HOME, AWS_CONFIG_FILE, ...) says where the
files are. Prints {profile: {"credentials": {...} | {"error": "..."}, "settings": {...}}}.
Credential keys and credential_process are left out of "settings" so that a profile can be
compared before and after migration.
"""
import json
import sys
from concurrent.futures import ThreadPoolExecutor

import botocore.session

HIDDEN = {"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "credential_process"}


def resolve(profile):
    try:
        session = botocore.session.Session(profile=profile)
        creds = session.get_credentials()
        if creds is None:
            credentials = {"error": "no credentials"}
        else:
            frozen = creds.get_frozen_credentials()
            credentials = {"AccessKeyId": frozen.access_key, "SecretAccessKey": frozen.secret_key}
            if frozen.token:
                credentials["SessionToken"] = frozen.token
        settings = {k: v for k, v in session.get_scoped_config().items() if k not in HIDDEN}
        return profile, {"credentials": credentials, "settings": settings}
    except Exception as error:  # noqa: BLE001 - every failure is a test result
        return profile, {"credentials": {"error": type(error).__name__, "detail": str(error)[:300]}, "settings": {}}


def main():
    profiles = json.loads(sys.argv[1])
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    # credential_process spawns dominate; run a couple at once.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        print(json.dumps(dict(pool.map(resolve, profiles))))


main()
