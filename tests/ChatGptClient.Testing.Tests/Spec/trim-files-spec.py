#!/usr/bin/env python3
"""Extracts the Files, Uploads, fine-tuning and model endpoints from the whole OpenAI spec into the JSON the tests load.

Run from this folder:  python3 trim-files-spec.py ../../../../shared/openapi/openai-openapi.yaml
(needs PyYAML). Keeps the paths below and every schema they reference, transitively; applies the same `nullable`
rewrite as convert-spec.py, and turns OpenAPI 3.0's boolean exclusiveMinimum/Maximum into 2020-12 numbers. The output is committed so the tests need neither Python nor the shared folder.
"""
import json
import sys

import yaml

PATHS = [
    "/files", "/files/{file_id}", "/files/{file_id}/content",
    "/uploads", "/uploads/{upload_id}/parts", "/uploads/{upload_id}/complete", "/uploads/{upload_id}/cancel",
    "/fine_tuning/jobs", "/fine_tuning/jobs/{fine_tuning_job_id}", "/fine_tuning/jobs/{fine_tuning_job_id}/cancel",
    "/fine_tuning/jobs/{fine_tuning_job_id}/pause", "/fine_tuning/jobs/{fine_tuning_job_id}/resume",
    "/fine_tuning/jobs/{fine_tuning_job_id}/events", "/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints",
    "/models", "/models/{model}",
]
EXTRA = ["ErrorResponse"]


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def strip(node):
    # Descriptions and examples are most of the bytes and none of the contract.
    if isinstance(node, dict):
        for key in ("description", "x-oaiMeta", "example", "examples"):
            if not isinstance(node.get(key), dict) or key != "description":
                node.pop(key, None)
        for value in node.values():
            strip(value)
    elif isinstance(node, list):
        for value in node:
            strip(value)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "../../../../shared/openapi/openai-openapi.yaml"
    with open(source, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    schemas = doc["components"]["schemas"]
    paths = {p: doc["paths"][p] for p in PATHS}
    wanted, found = set(EXTRA), set()
    refs(paths, found)
    while found - wanted:
        wanted |= found
        for name in list(wanted):
            refs(schemas[name], found)
    out = {"openapi": doc.get("openapi"), "paths": paths, "components": {"schemas": {n: schemas[n] for n in sorted(wanted)}}}
    strip(out)
    fix_nullable(out)
    with open("openai-files-fine-tuning.trimmed.json", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False, default=str)
        f.write("\n")


def fix_nullable(node):
    if isinstance(node, dict):
        # OpenAPI 3.0's boolean exclusiveMinimum/Maximum is a number in JSON Schema 2020-12.
        for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if node.get(bound) is True and limit in node:
                node[bound] = node.pop(limit)
            elif node.get(bound) is False:
                node.pop(bound)
        if node.get("nullable") is True and isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
            if "enum" in node and None not in node["enum"]:
                node["enum"] = node["enum"] + [None]
        for value in node.values():
            fix_nullable(value)
    elif isinstance(node, list):
        for value in node:
            fix_nullable(value)


if __name__ == "__main__":
    main()
