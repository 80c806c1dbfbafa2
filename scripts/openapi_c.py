#!/usr/bin/env python3
"""Writes OUT, a C file holding docs/openapi.yaml as compact JSON
(http_openapi_json, for GET /api/v1/openapi.json). Run at build time, so
the binary serves the description of the routes it was built with.

    scripts/openapi_c.py docs/openapi.yaml OUT.c
"""
import json
import os
import re
import sys

try:
    import yaml  # Debian's python3-yaml
except ImportError:
    sys.exit("openapi_c.py: python3-yaml is missing (scripts/setup.sh installs it)")


class Loader(yaml.SafeLoader):
    """YAML 1.2 as JSON sees it: dates stay strings, only true/false are booleans."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: openapi_c.py SPEC.yaml OUT.c")
    src, out = sys.argv[1], sys.argv[2]
    try:
        with open(src, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=Loader)
    except (OSError, yaml.YAMLError) as e:
        sys.exit(f"{src}: {e}")
    if not isinstance(doc, dict) or "openapi" not in doc or "paths" not in doc:
        sys.exit(f"{src}: not an OpenAPI document (no openapi or paths)")
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    lines = ["/* Generated from docs/openapi.yaml by scripts/openapi_c.py. */",
             "#include \"http/openapi.h\"", "",
             "const char http_openapi_json[] = {"]
    for i in range(0, len(data), 16):
        lines.append("\t" + ", ".join(f"0x{b:02x}" for b in data[i:i + 16]) + ",")
    lines += ["\t0x00};", f"const unsigned long http_openapi_json_len = {len(data)};", ""]
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write("\n".join(lines))
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
