#!/usr/bin/env python3
"""Converts the trimmed OpenAI spec (shared/openapi/openai-chat-completions.trimmed.yaml) to the JSON the tests load.

Run from this folder:  python3 convert-spec.py ../../../../shared/openapi/openai-chat-completions.trimmed.yaml
(needs PyYAML). The output is committed so the tests do not need Python or the shared folder.

One rewrite, because JSON Schema 2020-12 (what OpenAPI 3.1 and JsonSchema.Net use) has no `nullable` keyword:
a few schemas kept from OpenAPI 3.0 say `type: X, nullable: true`; that becomes `type: [X, "null"]`, which is
what the spec authors meant (e.g. a stream chunk's `finish_reason` is null until the last chunk).
"""
import json
import sys

import yaml


def fix_nullable(node):
    if isinstance(node, dict):
        if node.get("nullable") is True and isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
            if "enum" in node and None not in node["enum"]:
                node["enum"] = node["enum"] + [None]
        for value in node.values():
            fix_nullable(value)
    elif isinstance(node, list):
        for value in node:
            fix_nullable(value)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "../../../../shared/openapi/openai-chat-completions.trimmed.yaml"
    with open(source, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    fix_nullable(doc)
    with open("openai-chat-completions.trimmed.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False, sort_keys=False, default=str)
        f.write("\n")


if __name__ == "__main__":
    main()
