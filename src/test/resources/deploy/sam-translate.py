"""What CloudFormation's AWS::Serverless transform makes of a SAM template, as JSON on stdout.

Run with the Python that has aws-sam-translator (cfn-lint's): python sam-translate.py TEMPLATE [NAME=VALUE ...]
The template is read as cfn-lint reads it (short tags); each function's local CodeUri becomes one fixed
S3 object, as `sam deploy` uploads an unchanged function.zip to the same key (its MD5), so only the
template decides which versions are published; a CodeUri already an S3 URI (a packaged template) stays.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")

from cfnlint.decode import cfn_yaml  # noqa: E402
from cfnlint.decode.utils import convert_dict  # noqa: E402
from samtranslator.parser import parser  # noqa: E402
from samtranslator.translator.translator import Translator  # noqa: E402

template = convert_dict(cfn_yaml.load(sys.argv[1]))
parameters = dict(argument.split("=", 1) for argument in sys.argv[2:])
packaged = str(template.get("Globals", {}).get("Function", {}).get("CodeUri", "")).startswith("s3://")
for resource in template.get("Resources", {}).values():
    if resource.get("Type") == "AWS::Serverless::Function" and not packaged:
        resource["Properties"]["CodeUri"] = {"Bucket": "artifacts", "Key": "function.zip"}
transformed = Translator(managed_policy_map={}, sam_parser=parser.Parser()).translate(
    sam_template=template, parameter_values=parameters
)
json.dump(transformed, sys.stdout, indent=1, default=str)
