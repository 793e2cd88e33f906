"""What CloudFormation's transforms make of a SAM template, as JSON on stdout.

Run with the Python that has aws-sam-translator (cfn-lint's):
  python sam-translate.py TEMPLATE [NAME=VALUE ...]        AWS::LanguageExtensions, then AWS::Serverless
  python sam-translate.py --loops-only TEMPLATE            AWS::LanguageExtensions only (Fn::ForEach written out)
The template is read as cfn-lint reads it (short tags), and AWS::LanguageExtensions is applied with
cfn-lint's own implementation of it, as CloudFormation applies it before the SAM transform. Each
function's local CodeUri becomes one fixed S3 object, as `sam deploy` uploads an unchanged
function.zip to the same key (its MD5), so only the template decides which versions are published;
a CODE_KEY=... argument names another object; a CodeUri already an S3 URI (a packaged template) stays.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")

from cfnlint.decode import cfn_yaml  # noqa: E402
from cfnlint.decode.utils import convert_dict  # noqa: E402
from cfnlint.template import Template  # noqa: E402
from cfnlint.template.transforms._language_extensions import language_extension  # noqa: E402
from samtranslator.parser import parser  # noqa: E402
from samtranslator.translator.translator import Translator  # noqa: E402

LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions"

arguments = sys.argv[1:]
loops_only = arguments[0] == "--loops-only"
if loops_only:
    arguments = arguments[1:]
path = arguments[0]
parameters = dict(argument.split("=", 1) for argument in arguments[1:])
code_key = parameters.pop("CODE_KEY", "function.zip")

template = cfn_yaml.load(path)
transforms = template.get("Transform", [])
transforms = transforms if isinstance(transforms, list) else [transforms]
if LANGUAGE_EXTENSIONS in transforms:
    problems, template = language_extension(Template(path, template, ["eu-west-1"]))
    if problems:
        sys.exit("AWS::LanguageExtensions: " + "; ".join(str(problem) for problem in problems))
    template = json.loads(json.dumps(template, default=str))
    remaining = [name for name in transforms if name != LANGUAGE_EXTENSIONS]
    template["Transform"] = remaining[0] if len(remaining) == 1 else remaining
else:
    template = convert_dict(template)
if loops_only:
    json.dump(template, sys.stdout, indent=1, default=str)
    sys.exit(0)
packaged = str(template.get("Globals", {}).get("Function", {}).get("CodeUri", "")).startswith("s3://")
for resource in template.get("Resources", {}).values():
    if resource.get("Type") == "AWS::Serverless::Function" and not packaged:
        resource["Properties"]["CodeUri"] = {"Bucket": "artifacts", "Key": code_key}
transformed = Translator(managed_policy_map={}, sam_parser=parser.Parser()).translate(
    sam_template=template, parameter_values=parameters
)
json.dump(transformed, sys.stdout, indent=1, default=str)
