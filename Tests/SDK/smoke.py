#!/usr/bin/env python3
"""Smoke test of the generated Python client (clients/python, module loupe_client) against a live
Loupe server. Every call goes through the generated client; nothing here speaks HTTP itself.

    python3 Tests/SDK/smoke.py BASE_URL API_KEY        (Tests/SDK/run.sh installs the client first)

Creates a categorization project and one task in it, reads the task back, finds it in the
project's task list, and checks that requests the server must refuse come back as the `Error`
the document declares for that status. Finishes by canceling the task and archiving the project.
Exits 1 at the first failed check, saying which and why.
"""

from __future__ import annotations

import datetime
import secrets
import sys
import time
import traceback
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from loupe_client import AuthenticatedClient
from loupe_client.api.projects import archive_project, create_project, get_project
from loupe_client.api.tasks import cancel_task, create_task, get_task, list_tasks
from loupe_client.errors import UnexpectedStatus
from loupe_client.models import (
    Error,
    Project,
    ProjectCreate,
    ProjectCreateParamsType0,
    Task,
    TaskCreate,
    TaskCreateData,
    TaskCreateMetadataType0,
    TaskList,
    TaskStatus,
    TaskUrgency,
)
from loupe_client.types import Response

CATEGORIES = ["stop", "yield", "other"]


class CheckFailed(Exception):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def expect_equal(what: str, actual: Any, wanted: Any) -> None:
    expect(actual == wanted, f"{what} is {actual!r}, expected {wanted!r}")


def expect_status(response: Response[Any], wanted: int, model: type, what: str) -> Any:
    """The response has the wanted status and its body parsed as the model the document declares."""
    body = response.content.decode("utf-8", "replace")[:500]
    expect(
        response.status_code == wanted,
        f"{what}: HTTP {int(response.status_code)} (expected {wanted}); body: {body}",
    )
    expect(
        isinstance(response.parsed, model),
        f"{what}: body parsed as {type(response.parsed).__name__}, expected {model.__name__}; body: {body}",
    )
    return response.parsed


def expect_error(response: Response[Any], wanted: int, code: str, path: str | None, what: str) -> Error:
    """A refusal: the declared status, an `Error` body with this code and (if given) a detail at `path`."""
    error = expect_status(response, wanted, Error, what)
    expect_equal(f"{what}: error.code", error.error.code, code)
    expect(bool(error.request_id), f"{what}: the error has no request_id")
    expect_equal(f"{what}: X-Request-ID header", response.headers.get("x-request-id"), error.request_id)
    if path is not None:
        paths = [detail.path for detail in error.error.details]
        expect(path in paths, f"{what}: error.details paths are {paths}, expected one at {path!r}")
    return error


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: smoke.py BASE_URL API_KEY", file=sys.stderr)
        return 2
    base_url, key = sys.argv[1].rstrip("/"), sys.argv[2]
    # The document's servers entry is "/": the base URL is the server's root, and every path the
    # client sends starts with /api/v1. The key goes as `Authorization: Bearer <key>` (the
    # document's `bearer` security scheme). raise_on_unexpected_status: a status the document does
    # not declare for the operation raises instead of quietly parsing as None.
    client = AuthenticatedClient(base_url=base_url, token=key, raise_on_unexpected_status=True, timeout=20.0)
    run_id = f"{int(time.time())}-{secrets.token_hex(3)}"
    state: dict[str, Any] = {}
    started = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)

    def create_the_project() -> str:
        body = ProjectCreate(
            name=f"sdk smoke {run_id}",
            type_="categorization",
            instruction="Which sign is it?",
            params=ProjectCreateParamsType0.from_dict({"categories": CATEGORIES}),
        )
        project = expect_status(
            create_project.sync_detailed(client=client, body=body), HTTPStatus.CREATED, Project, "create project"
        )
        expect_equal("project.name", project.name, body.name)
        expect_equal("project.type", project.type_, "categorization")
        expect_equal("project.params.categories", project.params.to_dict().get("categories"), CATEGORIES)
        expect_equal("project.archived", project.archived, False)
        expect(len(project.id) == 24, f"project.id {project.id!r} is not 24 hex characters")
        again = expect_status(get_project.sync_detailed(project.id, client=client), 200, Project, "get project")
        expect_equal("get project: id", again.id, project.id)
        state["project"] = project
        return f"project {project.id} ({project.name!r})"

    def create_the_task() -> str:
        project: Project = state["project"]
        body = TaskCreate(
            data=TaskCreateData.from_dict({"url": "https://example.com/signs/1.jpg", "note": "sdk smoke"}),
            unique_id=f"sdk-smoke-{run_id}",
            priority=7,
            tags=["sdk", "smoke"],
            metadata=TaskCreateMetadataType0.from_dict({"source": "Tests/SDK/smoke.py"}),
        )
        task = expect_status(
            create_task.sync_detailed(project.id, client=client, body=body, idempotency_key=f"sdk-{run_id}"),
            HTTPStatus.CREATED,
            Task,
            "create task",
        )
        expect_equal("created task.project_id", task.project_id, project.id)
        expect_equal("created task.status", task.status, TaskStatus.PENDING)
        state["task"], state["task_body"] = task, body
        return f"task {task.id}"

    def read_the_task() -> str:
        created: Task = state["task"]
        body: TaskCreate = state["task_body"]
        task = expect_status(get_task.sync_detailed(created.id, client=client), HTTPStatus.OK, Task, "get task")
        expect_equal("task.id", task.id, created.id)
        expect_equal("task.project_id", task.project_id, state["project"].id)
        expect_equal("task.batch_id", task.batch_id, None)
        expect_equal("task.type", task.type_, "categorization")
        expect_equal("task.status", task.status, TaskStatus.PENDING)
        expect_equal("task.data", task.data.to_dict(), body.data.to_dict())
        expect_equal("task.unique_id", task.unique_id, body.unique_id)
        expect_equal("task.priority", task.priority, 7)
        expect_equal("task.urgency", task.urgency, TaskUrgency.STANDARD)
        expect_equal("task.metadata", task.metadata.to_dict(), {"source": "Tests/SDK/smoke.py"})
        expect_equal("task.tags", sorted(task.tags), ["sdk", "smoke"])
        expect_equal("task.response", task.response, None)
        expect_equal("task.callback_url", task.callback_url, None)
        expect_equal("task.test_mode", task.test_mode, key.startswith("test_"))
        expect_equal("task.completed_at", task.completed_at, None)
        expect_equal("task.canceled_at", task.canceled_at, None)
        expect(isinstance(task.created_at, datetime.datetime), "task.created_at is not a datetime")
        expect(task.created_at.tzinfo is not None, "task.created_at has no time zone")
        expect(task.created_at >= started, f"task.created_at {task.created_at} is before this run")
        expect(task.updated_at >= task.created_at, "task.updated_at is before task.created_at")
        # The same call, as the plain sync() form: the parsed model only.
        expect_equal("get_task.sync(...).id", get_task.sync(created.id, client=client).id, created.id)
        return f"{task.id}: {task.status.value}, data {task.data.to_dict()}"

    def list_the_tasks() -> str:
        project: Project = state["project"]
        task: Task = state["task"]
        page = expect_status(
            list_tasks.sync_detailed(client=client, project=project.id, include_total="true", limit=50),
            HTTPStatus.OK,
            TaskList,
            "list tasks",
        )
        ids = [t.id for t in page.tasks]
        expect(task.id in ids, f"task {task.id} is not in the project's list {ids}")
        expect(all(t.project_id == project.id for t in page.tasks), "the list has tasks of another project")
        expect_equal("list tasks: total", page.total, 1)
        found = next(t for t in page.tasks if t.id == task.id)
        expect_equal("listed task.unique_id", found.unique_id, task.unique_id)
        by_unique = expect_status(
            list_tasks.sync_detailed(client=client, unique_id=task.unique_id), 200, TaskList, "list by unique_id"
        )
        expect_equal("list by unique_id", [t.id for t in by_unique.tasks], [task.id])
        return f"{len(page.tasks)} task(s) in the project, total {page.total}"

    def refuse_bad_requests() -> str:
        # An empty name and a type that is no task type: both 400 (createProject declares 400, 401,
        # 403, 409, 413, 422), each naming the member at fault.
        empty = ProjectCreate(name="", type_="categorization")
        expect_error(
            create_project.sync_detailed(client=client, body=empty),
            400,
            "invalid_request",
            "/name",
            "create project with an empty name",
        )
        bad_type = ProjectCreate(name=f"sdk smoke bad type {run_id}", type_="Not A Type!")
        expect_error(
            create_project.sync_detailed(client=client, body=bad_type),
            400,
            "invalid_request",
            "/type",
            "create project with an invalid type",
        )
        # The name is taken: 409.
        taken = ProjectCreate(name=state["project"].name, type_="categorization")
        expect_error(
            create_project.sync_detailed(client=client, body=taken),
            409,
            "conflict",
            "/name",
            "create project with a taken name",
        )
        # No such task: 404. A wrong key: 401.
        expect_error(get_task.sync_detailed("0" * 24, client=client), 404, "not_found", None, "get a missing task")
        stranger = AuthenticatedClient(base_url=base_url, token="live_" + "0" * 40, raise_on_unexpected_status=True)
        expect_error(list_tasks.sync_detailed(client=stranger), 401, "unauthorized", None, "list with a wrong key")
        # sync() returns the Error model itself for a declared error status.
        error = create_project.sync(client=client, body=empty)
        expect(isinstance(error, Error), f"create_project.sync(...) returned {type(error).__name__}, not Error")
        return "400 empty name, 400 bad type, 409 taken name, 404 missing task, 401 wrong key"

    def clean_up() -> str:
        task = expect_status(cancel_task.sync_detailed(state["task"].id, client=client), 200, Task, "cancel task")
        expect_equal("canceled task.status", task.status, TaskStatus.CANCELED)
        expect(task.canceled_at is not None, "the canceled task has no canceled_at")
        project = expect_status(
            archive_project.sync_detailed(state["project"].id, client=client), 200, Project, "archive project"
        )
        expect_equal("archived project.archived", project.archived, True)
        return "task canceled, project archived"

    steps: list[tuple[str, Callable[[], str]]] = [
        ("create a categorization project", create_the_project),
        ("create a task in it", create_the_task),
        ("read the task back", read_the_task),
        ("find it in the project's task list", list_the_tasks),
        ("bad requests get the declared errors", refuse_bad_requests),
        ("cancel the task, archive the project", clean_up),
    ]
    passed = 0
    with client:
        for name, step in steps:
            try:
                detail = step()
            except CheckFailed as failure:
                print(f"FAIL  {name}: {failure}", file=sys.stderr)
            except UnexpectedStatus as unexpected:
                body = unexpected.content.decode("utf-8", "replace")[:500]
                print(
                    f"FAIL  {name}: HTTP {unexpected.status_code}, a status the document does not declare "
                    f"for this operation; body: {body}",
                    file=sys.stderr,
                )
            except Exception:  # a parse error, a refused connection: say where
                print(f"FAIL  {name}: unexpected exception\n{traceback.format_exc()}", file=sys.stderr)
            else:
                passed += 1
                print(f"ok    {name}: {detail}")
                continue
            print(f"smoke: {passed} passed, 1 failed, {len(steps) - passed - 1} skipped")
            return 1
    print(f"smoke: {passed} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
