# One AWS call through botocore (the AWS CLI v1's engine), in a process of its own:
# python3 aws_call.py PROFILE iam|sts OPERATION [PARAMS_JSON]
# Prints {"ok": output} or {"error": code, "status": http status}; exit 0 either way.
import json, sys
import botocore.session
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError

profile, service, operation = sys.argv[1:4]
params = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
client = botocore.session.Session(profile=profile).create_client(service, config=Config(retries={"total_max_attempts": 1}))
try:
    out = getattr(client, xform_name(operation))(**params)
    out.pop("ResponseMetadata", None)
    print(json.dumps({"ok": out}, default=str))
except ClientError as e:
    print(json.dumps({"error": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}))
