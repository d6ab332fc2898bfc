"""Prints what botocore makes of AWS config/credentials files, for keyward's differential tests.

Input: a JSON file with a list of {"config": path|null, "credentials": path|null}.
Output (stdout): a JSON list, one entry per case, with botocore's raw_config_parse result (or the
refusal) per file, build_profile_map of the config file, and the profiles a Session sees.
"""
import json
import sys

import botocore.configloader as configloader
import botocore.exceptions
import botocore.session


def parse_file(path):
    try:
        return {"raw": configloader.raw_config_parse(path)}
    except botocore.exceptions.ConfigParseError:
        return {"error": True}


def main():
    cases = json.load(open(sys.argv[1], encoding="utf-8"))
    session = botocore.session.Session()
    results = []
    for case in cases:
        result = {}
        for kind in ("config", "credentials"):
            if case.get(kind):
                result[kind] = parse_file(case[kind])
        config = result.get("config", {"raw": {}})
        if "raw" in config:
            result["profileMap"] = configloader.build_profile_map(config["raw"])
        if all("raw" in result.get(kind, {"raw": {}}) for kind in ("config", "credentials")):
            # The session's own merge of the credentials file into the config's profiles.
            session._config = None
            session.set_config_variable("config_file", case.get("config") or "/nonexistent/config")
            session.set_config_variable("credentials_file", case.get("credentials") or "/nonexistent/credentials")
            result["profiles"] = session.full_config["profiles"]
        results.append(result)
    json.dump(results, sys.stdout, ensure_ascii=False)


main()
