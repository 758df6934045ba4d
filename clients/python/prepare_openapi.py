#!/usr/bin/env python3
"""Writes the generator's input: a copy of openapi.json adjusted where openapi-python-client 0.29.1
cannot read it. The document itself is never changed; every adjustment here only reshapes a schema
for the generator, never the wire format, and each one prints what it did.

    prepare_openapi.py SOURCE.json DEST.json

Each adjustment finds its construct by shape, so once the document (or a newer generator) no longer
needs it, it does nothing and says so. Why each one is needed (what 0.29.1 does without it):

1. Name clash. An inline object property gets the class name <Schema><Property>: the inline
   `Task.properties.metadata` ({"type": "object"}) becomes `TaskMetadata`, which is also the name of
   the component `#/components/schemas/TaskMetadata` (the body of POST /tasks/{id}/metadata). The
   generator gives up on `Task` ("Attempted to generate duplicate models with name TaskMetadata"),
   and with it `TaskList`, so every operation returning a task loses its typed response, and
   set_task_metadata.py imports a model that was never written. `class_overrides` in the config
   cannot separate them: it is keyed by the computed class name, which both share. Fix here: rename
   the component to `TaskMetadataUpdate` (and its $refs).

2. Constraint-only anyOf/oneOf. An object schema with its own `properties` and an `anyOf`/`oneOf`
   whose branches are bare constraints (no `type`, no `$ref`: "at least one of", "either tasks or
   upload") is read as a union of those branches, its own properties ignored. `TaskTags.anyOf` and
   `BatchCreate.oneOf` fail outright (their branches say {"type": "array"} with no `items`, and
   BatchCreate's {"enum": [false, null]} is no enum the generator can type), dropping POST
   /tasks/{id}/tags and POST /projects/{id}/batches; `DeliveryPage.oneOf` silently turns GET
   /projects/{id}/deliveries' response into `Any`. Fix here: drop the branches (the server still
   enforces them, answering 400/422); the document should keep them for the contract test.

3. Several request body types. PUT /uploads/{token} takes application/octet-stream,
   application/x-ndjson or application/json (a task array) and the server stores the raw bytes
   whatever the type. 0.29.1 cannot send x-ndjson, and for the JSON array it writes
   `isinstance(body, list[TaskCreate])` (a TypeError when called) and refers to an `Unset` it never
   imports (a NameError on import). Fix here: keep only the application/octet-stream body where one
   is offered; the caller passes the file (JSON array or JSONL) as bytes.

4. Binary strings. OpenAPI 3.1 marks bytes as {"type": "string", "contentMediaType": ...}; 0.29.1
   only knows 3.0's {"format": "binary"}, and treats the upload body as `str` (the generated
   upload_batch_file.py then reads `body.payload` of a str). Fix here: add "format": "binary" to
   strings whose contentMediaType is not text, and to the plain string schema of a media type that
   is neither JSON nor text/* (GET /projects/{id}/export's application/x-ndjson, the first of its
   types, which the config reads as bytes: else it is annotated `str` yet returns bytes).
"""

from __future__ import annotations

import json
import sys
from typing import Any

OLD_NAME, NEW_NAME = "TaskMetadata", "TaskMetadataUpdate"


def pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_") if part)


def walk(node: Any, path: str = "#"):
    """Every dict in the document, with its JSON pointer."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


def rename_clashing_component(doc: dict, notes: list[str]) -> None:
    schemas = doc["components"]["schemas"]
    clash = [
        f"#/components/schemas/{name}/properties/{prop}"
        for name, schema in schemas.items()
        for prop, sub in (schema.get("properties") or {}).items()
        if name + pascal(prop) == OLD_NAME and "$ref" not in sub and sub.get("type") == "object"
    ]
    if OLD_NAME not in schemas or not clash:
        notes.append(f"1. no class-name clash on {OLD_NAME}: nothing renamed")
        return
    if NEW_NAME in schemas:
        sys.exit(f"prepare_openapi.py: cannot rename {OLD_NAME}: {NEW_NAME} exists already")
    doc["components"]["schemas"] = {(NEW_NAME if k == OLD_NAME else k): v for k, v in schemas.items()}
    refs = 0
    for _, node in walk(doc):
        if node.get("$ref") == f"#/components/schemas/{OLD_NAME}":
            node["$ref"] = f"#/components/schemas/{NEW_NAME}"
            refs += 1
    notes.append(
        f"1. renamed #/components/schemas/{OLD_NAME} to {NEW_NAME} ({refs} $ref): it clashed with {', '.join(clash)}"
    )


def drop_constraint_only_unions(doc: dict, notes: list[str]) -> None:
    dropped = []
    for path, node in list(walk(doc)):
        if "properties" not in node:
            continue
        for keyword in ("anyOf", "oneOf"):
            branches = node.get(keyword)
            if branches and all(isinstance(b, dict) and "type" not in b and "$ref" not in b for b in branches):
                del node[keyword]
                dropped.append(f"{path}/{keyword}")
    notes.append("2. dropped constraint-only " + ", ".join(dropped) if dropped else "2. no constraint-only anyOf/oneOf")


def mark_binary_strings(doc: dict, notes: list[str]) -> None:
    def is_bytes(media: str) -> bool:
        media = media.split(";")[0].strip().lower()
        return not (media.startswith("text/") or media == "application/json" or media.endswith("+json"))

    marked = []
    for path, node in walk(doc):
        candidates = []
        media = node.get("contentMediaType")
        if isinstance(media, str) and is_bytes(media):
            candidates.append((path, node))
        if path.endswith("/content"):
            for key, media_object in node.items():
                schema = media_object.get("schema") if isinstance(media_object, dict) else None
                if isinstance(schema, dict) and is_bytes(key):
                    candidates.append((f"{path}/{key.replace('/', '~1')}/schema", schema))
        for where, schema in candidates:
            if schema.get("type") == "string" and "format" not in schema:
                schema["format"] = "binary"
                marked.append(where)
    notes.append("4. format binary on " + ", ".join(marked) if marked else "4. no binary string to mark")


def keep_octet_stream_bodies(doc: dict, notes: list[str]) -> None:
    trimmed = []
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            content = (operation.get("requestBody") or {}).get("content") if isinstance(operation, dict) else None
            if content and len(content) > 1 and "application/octet-stream" in content:
                others = [k for k in content if k != "application/octet-stream"]
                operation["requestBody"]["content"] = {"application/octet-stream": content["application/octet-stream"]}
                trimmed.append(f"{method.upper()} {path} (dropped {', '.join(others)})")
    notes.append(
        "3. octet-stream body only for " + "; ".join(trimmed) if trimmed else "3. no multi-type body with octet-stream"
    )


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: prepare_openapi.py SOURCE.json DEST.json")
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    notes: list[str] = []
    rename_clashing_component(doc, notes)
    drop_constraint_only_unions(doc, notes)
    keep_octet_stream_bodies(doc, notes)
    mark_binary_strings(doc, notes)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    for note in notes:
        print(f"prepare_openapi: {note}")


if __name__ == "__main__":
    main()
