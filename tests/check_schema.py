"""Validates rule files against docs/rules.schema.json.

usage: check_schema.py SCHEMA RULES_DIR
Every *.yaml under RULES_DIR must validate, and a copy of one with a
misspelled key must not (so the schema is really checking).
"""
import json
import pathlib
import sys

import jsonschema
import yaml


def main():
    schema = json.loads(pathlib.Path(sys.argv[1]).read_text())
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(pathlib.Path(sys.argv[2]).rglob("*.yaml"))
    if not files:
        sys.exit("no rule files found")
    failed = False
    for path in files:
        for error in validator.iter_errors(yaml.safe_load(path.read_text())):
            print(f"{path}: {error.json_path}: {error.message}")
            failed = True
    broken = {"intents": [{"id": "x", "pattens": ["a"], "replies": ["b"]}]}
    if validator.is_valid(broken):
        print("the schema accepts a misspelled key 'pattens'")
        failed = True
    print(f"{len(files)} files checked")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
