"""Drives a running Loupe server through the official, unmodified `sama` client (0.5.12).

    python3 sama_client_test.py BASE_URL LIVE_KEY TEST_KEY SMTP_MESSAGES_FILE

BASE_URL is the server root (e.g. http://127.0.0.1:8080); the client is pointed at BASE_URL/sama by
subclassing `_call_and_retry_http_method` (the client has no base-URL setting). SMTP_MESSAGES_FILE is
the JSONL file a running Tests/Mail/smtp_sink.py appends to; the server relays its mail there.
Projects and the worker are made with Loupe's native API (the client cannot make them); everything
Sama-side goes through the client's public methods. Every step asserts what the client returns; the
script exits 1 on the first failure and prints "OK <n> steps" at the end. A watchdog ends the run
after 300 s whatever happens (the client sets no timeout on its requests).
"""
import base64
import email
import email.header
import faulthandler
import hashlib
import hmac
import json
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import requests
import sama
from sama.constants.tasks import TaskStates

faulthandler.dump_traceback_later(300, exit=True)

base, key, test_key, smtp_messages = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4]
run = uuid.uuid4().hex[:8]
started = datetime.now(timezone.utc)
SAMA_ORIGIN = "https://api.sama.com"
# The client's TaskStates, plus "canceled" for tasks a requester canceled (Sama lists it too).
SAMA_STATES = {state.value for state in TaskStates} | {"canceled"}
FINISHED_ITEM = {"created", "failed"}


class Client(sama.Client):
    """The official client with its hard-coded https://api.sama.com replaced by BASE_URL/sama (clients.md §2.1).

    It also notes each call's method, URL and query so steps can see the pages the client asked for."""

    def __init__(self, api_key, base_url, **kw):
        super().__init__(api_key, **kw)
        self.base_url = base_url.rstrip("/")
        self.calls = []

    def _call_and_retry_http_method(self, url, *a, **kw):
        if url.startswith(SAMA_ORIGIN):
            url = self.base_url + url[len(SAMA_ORIGIN):]
        self.calls.append((kw.get("method"), url, dict(kw.get("params") or {})))
        return super()._call_and_retry_http_method(url, *a, **kw)

    def pages(self, path_suffix):
        """The page numbers asked of URLs ending in path_suffix since the log was last cleared."""
        return [params.get("page") for _, url, params in self.calls if url.endswith(path_suffix)]


client = Client(key, base + "/sama")
steps = 0


def step(name):
    global steps
    steps += 1
    print(f"PASS {steps:02d} {name}", flush=True)


def expect_raises(kind, call):
    try:
        call()
    except kind as error:
        return error
    raise AssertionError(f"expected {kind.__name__}")


def expect_status(statuses, call):
    """call() must raise requests.HTTPError with a status in statuses; returns the status."""
    error = expect_raises(requests.HTTPError, call)
    status = error.response.status_code if error.response is not None else None
    assert status in statuses, f"expected HTTP {statuses}, got {status}: {error.response.text[:300]}"
    return status


CLIENT_ERRORS = range(400, 500)


def rfc3339(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def native(method, path, token=key, expected=None, **kw):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.request(method, f"{base}/api/v1{path}", headers=headers, timeout=30, **kw)
    if expected is not None:
        assert response.status_code == expected, f"{method} {path}: {response.status_code} {response.text[:500]}"
    return response


def make_project(label):
    body = {"name": f"sama {label} {run}", "type": "form",
            "creation_schema": {"type": "object",
                                "properties": {"url": {"type": "string", "format": "uri"}, "name": {"type": "string"},
                                               "client_batch_id": {"type": "string"}},
                                "required": ["url"]},
            "delivery_schema": {"type": "object", "properties": {"label": {"enum": ["cat", "dog"]}},
                                "required": ["label"]}}
    made = native("POST", "/projects", json=body)
    assert made.status_code == 201, f"native project (type form) refused: {made.status_code} {made.text[:500]}"
    project = made.json()
    assert project.get("id"), project
    return project["id"], body["name"]


def record(name, client_batch_id, label="cat", **extra):
    data = {"url": f"https://example.com/{run}/{name}.jpg", "name": name, "client_batch_id": client_batch_id}
    if label is not None:
        data["output_label"] = label
    data.update(extra)
    return data


def create_batch(pid, records, **kw):
    answer = client.create_task_batch(pid, records, **kw)
    assert isinstance(answer, dict) and answer.get("batch_id") not in (None, "") and "state" in answer, answer
    return answer["batch_id"]


def collect(generator, limit):
    """The generator's items; fails past limit (a server ignoring `page` makes the client page forever)."""
    items = []
    for item in generator:
        items.append(item)
        assert len(items) <= limit, f"more than {limit} items: does the server honour page and page_size?"
    return items


def wait_batch(pid, batch_id, count, seconds=60, pause=0.3, **kw):
    """Polls the batch creation job until it lists count items, each created or failed; returns them."""
    deadline = time.time() + seconds
    while True:
        client.calls.clear()
        items = collect(client.get_status_batch_creation_job(pid, batch_id, **kw), count)
        statuses = [item.get("status") for item in items]
        if len(items) == count and set(statuses) <= FINISHED_ITEM:
            return items
        if time.time() > deadline:
            summary = {s: statuses.count(s) for s in set(statuses)}
            raise AssertionError(f"batch {batch_id}: {len(items)} of {count} items after {seconds} s: {summary}")
        time.sleep(pause)


def created_ids(items):
    ids = [item["id"] for item in items if item.get("status") == "created"]
    assert all(ids) and len(set(ids)) == len(ids), ids[:20]
    return ids


def task(pid, task_id, sdk=None, **kw):
    tasks = list((sdk or client).get_task_status(pid, task_id, **kw))
    assert len(tasks) == 1, tasks
    return tasks[0]


def by_name(pid, ids):
    """Created task ids keyed by the name in their data (the status listing's order is not relied on)."""
    return {task(pid, task_id)["data"]["name"]: task_id for task_id in ids}


def delivered(pid, count, seconds=20, **filters):
    deadline = time.time() + seconds
    while True:
        tasks = list(client.get_delivered_tasks(pid, **filters))
        if len(tasks) >= count or time.time() > deadline:
            return tasks
        time.sleep(0.1)


# ---------------------------------------------------------------------------------------------- project P

pid, project_name = make_project("main")
step("a native project (type form, creation and delivery schemas) is created with the live key: 201 with its id")

bad = Client("wrong-" + run, base + "/sama")
error = expect_raises(requests.HTTPError, lambda: bad.get_project_information(pid))
assert error.response.status_code == 401, error.response.status_code
error = expect_raises(requests.HTTPError, lambda: list(bad.get_multi_task_status(pid)))
assert error.response.status_code == 401, error.response.status_code
step("a wrong access_key is refused with HTTP 401 (plain and paginated calls)")

info = client.get_project_information(pid)
assert isinstance(info, dict) and str(info.get("id")) == str(pid), info
assert info.get("name") == project_name and info.get("state"), info
step("get_project_information: the native project under its own id, with name and state")

creation = client.get_creation_task_schema(pid)
properties = creation.get("properties", {})
assert {"url", "name", "client_batch_id", "output_label"} <= set(properties), creation
assert "url" in creation.get("required", []), creation
delivery = client.get_delivery_task_schema(pid)
assert "label" in delivery.get("properties", {}), delivery
step("schemas: creation has the inputs plus output_label (the delivery schema's outputs); delivery has label")

small_cb = f"small-{run}"
small = [record("good-1", small_cb), record("good-2", small_cb, label=None), record("good-3", small_cb, label="dog"),
         {"name": "no-url", "client_batch_id": small_cb, "output_label": "cat"},
         record("bird", small_cb, label="bird")]
small_bid = create_batch(pid, small, submit=False)
items = wait_batch(pid, small_bid, len(small))
assert all(item.get("data") for item in items if item["status"] == "failed"), items
failed = {item["data"]["name"]: item for item in items if item["status"] == "failed"}
assert set(failed) == {"no-url", "bird"}, items
assert failed["no-url"]["data"] == small[3] and failed["bird"]["data"] == small[4], failed
assert "url" in json.dumps(failed["no-url"].get("errors")), failed["no-url"]
assert "output_label" in json.dumps(failed["bird"].get("errors")), failed["bird"]
small_ids = by_name(pid, created_ids(items))
assert set(small_ids) == {"good-1", "good-2", "good-3"}, small_ids
omitted = wait_batch(pid, small_bid, len(small), omit_failed_task_data=True)
assert [i for i in omitted if i["status"] == "failed" and i.get("data")] == [], omitted
step("create_task_batch (POST, PUT upload, continue): records breaking the schema fail alone, naming the field")

one = task(pid, small_ids["good-1"])
for field in ("id", "project_id", "batch_id", "client_batch_id", "state", "priority", "created_at", "data", "answers",
              "updated_at"):
    assert field in one, (field, one)
assert one["id"] == small_ids["good-1"] and str(one["project_id"]) == str(pid), one
assert str(one["batch_id"]) == str(small_bid) and one["client_batch_id"] == small_cb, one
assert one["state"] == "new" and one["priority"] == 0 and one["data"] == small[0], one
created_at = parse_time(one["created_at"])
assert started - timedelta(minutes=5) < created_at < datetime.now(timezone.utc) + timedelta(minutes=5), one
assert task(pid, small_ids["good-3"])["data"] == small[2]
assert task(pid, small_ids["good-2"], same_as_delivery=False)["data"] == small[1]
error = expect_raises(requests.HTTPError, lambda: task(pid, "0" * 24))
assert error.response.status_code == 404, error.response.status_code
step("get_task_status: the task as created (inputs and output_* pre-annotations), staged as new; unknown id 404")

tester = Client(test_key, base + "/sama")
assert str(tester.get_project_information(pid)["id"]) == str(pid)
error = expect_raises(requests.HTTPError, lambda: task(pid, small_ids["good-1"], sdk=tester))
assert error.response.status_code == 404, error.response.status_code
step("the test key reads the shared project but a live task is a 404 to it (Loupe's sandbox)")

page_cb = f"page-{run}"
page_records = [record(f"page-{i}", page_cb) for i in range(250)]
page_bid = create_batch(pid, page_records)
page_ids = set(created_ids(wait_batch(pid, page_bid, 250)))
assert len(page_ids) == 250
client.calls.clear()
listed = collect(client.get_multi_task_status(pid, batch_id=page_bid), 250)
assert client.pages("/tasks.json") == [1, 2, 3], client.calls
assert all(params["page_size"] == 100 for _, url, params in client.calls), client.calls
assert len(listed) == 250 and {t["id"] for t in listed} == page_ids, len(listed)
assert all(str(t["batch_id"]) == str(page_bid) for t in listed)
by_client_batch = collect(client.get_multi_task_status(pid, client_batch_id=page_cb), 250)
assert {t["id"] for t in by_client_batch} == page_ids and all(t["client_batch_id"] == page_cb for t in by_client_batch)
step("get_multi_task_status pages at 100 (pages 1, 2, 3 for 250 tasks) and filters by batch_id and client_batch_id")

new_ones = collect(client.get_multi_task_status(pid, batch_id=page_bid, state=TaskStates.NEW), 250)
assert {t["id"] for t in new_ones} == page_ids
assert list(client.get_multi_task_status(pid, batch_id=page_bid, state="in progress")) == []
assert list(client.get_multi_task_status(pid, batch_id=page_bid, state=TaskStates.DELIVERED)) == []
quiet = list(client.get_multi_task_status(pid, batch_id=small_bid, omit_answers=True))
assert len(quiet) == 3 and all("answers" not in t for t in quiet), quiet
step("get_multi_task_status: state filter (TaskStates member or plain string); omit_answers leaves answers out")

worker_email = f"sama-worker-{run}@example.com"
native("POST", "/users", expected=201,
       json={"email": worker_email, "password": "worker-password-1", "roles": ["worker"]})
login = native("POST", "/auth/token", token=None, expected=200,
               json={"email": worker_email, "password": "worker-password-1"})
worker = login.json()["token"]


def claim(project_id):
    lease = native("POST", "/work/next", token=worker, json={"project_id": project_id})
    if lease.status_code == 204:
        return None
    assert lease.status_code == 200, f"work/next: {lease.status_code} {lease.text[:500]}"
    return lease.json()["assignment"]


def submit(lease, answer=None):
    native("POST", f"/assignments/{lease['id']}/submit", token=worker, expected=200,
           json={"answer": answer or {"label": "dog"}})


assert claim(pid) is None
step("a native worker signs in; a project holding only staged (new) tasks gives it nothing (204)")

status = expect_status(CLIENT_ERRORS, lambda: client.cancel_batch_creation_job(pid, small_bid))
step(f"cancel_batch_creation_job on a finished batch is refused (HTTP {status})")

notify_records = [record(f"notify-{i}", f"notify-{run}") for i in range(2)]
notify_bid = create_batch(pid, notify_records, notification_email="ops@example.com")
assert len(created_ids(wait_batch(pid, notify_bid, 2))) == 2


def mentions(message, needle):
    """True when the raw message, a decoded header or a decoded body part contains needle."""
    raw = message.get("data", "")
    if needle in raw:
        return True
    parsed = email.message_from_string(raw)
    for name, value in parsed.items():
        if needle in str(email.header.make_header(email.header.decode_header(value))):
            return True
    for part in parsed.walk():
        payload = part.get_payload(decode=True)
        if payload and needle.encode() in payload:
            return True
    return False


def mail_for(needle):
    messages = []
    try:
        with open(smtp_messages) as lines:
            for line in lines:
                try:
                    messages.append(json.loads(line))
                except ValueError:
                    pass  # a line still being written
    except FileNotFoundError:
        return None
    return next((m for m in messages if m.get("to") == ["ops@example.com"] and mentions(m, str(needle))), None)


deadline = time.time() + 30
while mail_for(notify_bid) is None and time.time() < deadline:
    time.sleep(0.2)
assert mail_for(notify_bid) is not None, f"no mail to ops@example.com naming batch {notify_bid} in {smtp_messages}"
step("notification_email: a batch-finished message reaches ops@example.com through the SMTP relay")

window = dict(from_timestamp=rfc3339(started - timedelta(minutes=1)),
              to_timestamp=rfc3339(datetime.now(timezone.utc) + timedelta(minutes=1)))
stats = client.get_project_stats(pid, **window)
counts = stats["counts"]
assert isinstance(counts, dict) and set(counts) <= SAMA_STATES, stats
assert stats["total"] == sum(counts.values()) == 255 and counts.get("new") == 255, stats
assert len(collect(client.get_multi_task_status(pid), 255)) == 255
empty = client.get_project_stats(pid, from_timestamp="2000-01-01T00:00:00Z", to_timestamp="2000-01-02T00:00:00Z")
assert empty["total"] == 0 and sum(empty["counts"].values()) == 0, empty
step("get_project_stats: counts per Sama state and total (255 new tasks in the window, none in 2000)")

# ---------------------------------------------------------------------------------------------- project W

wid, _ = make_project("work")
staged_records = [record(name, f"w-{run}-S") for name in ("s1", "s2", "s3")]
staged_bid = create_batch(wid, staged_records, submit=False)
w = by_name(wid, created_ids(wait_batch(wid, staged_bid, 3)))
assert all(task(wid, w[name])["state"] == "new" for name in ("s1", "s2", "s3"))
assert claim(wid) is None
step("submit=False stages tasks as new; the worker is offered none of them (204)")

native("POST", "/tasks/submit", expected=200, json={"ids": [w["s1"], w["s2"]]})
assert task(wid, w["s1"])["state"] == task(wid, w["s2"])["state"] == "in progress"
assert task(wid, w["s3"])["state"] == "new"
late_bid = create_batch(wid, [record("L", f"w-{run}-L")], batch_priority=10, submit=True)
w["L"] = created_ids(wait_batch(wid, late_bid, 1))[0]
early_bid = create_batch(wid, [record("E", f"w-{run}-E")], batch_priority=-10, submit=True)
w["E"] = created_ids(wait_batch(wid, early_bid, 1))[0]
late, early = task(wid, w["L"]), task(wid, w["E"])
assert late["state"] == early["state"] == "in progress", (late, early)
assert late["priority"] == 10 and early["priority"] == -10, (late, early)
assert [t["priority"] for t in client.get_multi_task_status(wid, batch_id=early_bid)] == [-10]
assert {t["id"] for t in client.get_multi_task_status(wid, state=TaskStates.IN_PROGRESS)} == \
    {w["s1"], w["s2"], w["E"], w["L"]}
assert [t["id"] for t in client.get_multi_task_status(wid, state="new")] == [w["s3"]]
step("staged tasks submitted natively become in progress; submit=True is in progress at once, priorities as sent")

client.update_task_priorities(wid, [w["s2"]], 5)
assert task(wid, w["s2"])["priority"] == 5 and task(wid, w["s1"])["priority"] == 0
step("update_task_priorities: get_task_status shows the new Sama priority (5)")

served = []
for expected_name in ("E", "s1", "s2"):
    lease = claim(wid)
    assert lease is not None, f"nothing served, expected {expected_name}"
    # The native lease carries the pre-annotation as the answer the worker starts from.
    assert lease["task"]["prefill"] == {"label": "cat"}, lease
    served.append(lease["task"]["id"])
    submit(lease)
assert len(delivered(wid, 3)) == 3, list(client.get_delivered_tasks(wid))
time.sleep(0.05)
between = datetime.now(timezone.utc)
time.sleep(0.05)
lease = claim(wid)
assert lease is not None and lease["task"]["prefill"] == {"label": "cat"}, lease
served.append(lease["task"]["id"])
submit(lease)
names = {task_id: name for name, task_id in w.items()}
assert served == [w["E"], w["s1"], w["s2"], w["L"]], f"served {[names.get(i, i) for i in served]}, wanted E s1 s2 L"
assert claim(wid) is None
step("the worker is served lower Sama priority first (-10, 0, 5, 10), sees the output_label pre-annotation, submits")

deliveries = delivered(wid, 4)
assert [t["id"] for t in deliveries] == served, [names.get(t["id"], t["id"]) for t in deliveries]
assert all(t["answers"] == {"label": "dog"} and t.get("completed_at") for t in deliveries), deliveries
assert [t["id"] for t in client.get_delivered_tasks(wid, batch_id=early_bid)] == [w["E"]]
assert [t["id"] for t in client.get_delivered_tasks(wid, client_batch_id=f"w-{run}-S")] == [w["s1"], w["s2"]]
assert [t["id"] for t in client.get_delivered_tasks(wid, task_id=w["s2"])] == [w["s2"]]
assert [t["id"] for t in client.get_delivered_tasks(wid, from_timestamp=rfc3339(between))] == [w["L"]]
later = rfc3339(datetime.now(timezone.utc) + timedelta(hours=1))
assert list(client.get_delivered_tasks(wid, from_timestamp=later)) == []
answered = list(client.get_multi_task_status(wid, batch_id=early_bid, omit_answers=False))
assert [t["answers"] for t in answered] == [{"label": "dog"}], answered
step("get_delivered_tasks: delivery order, the worker's answers, filters batch_id / client_batch_id / task_id / from")

first_a = [t["id"] for t in client.get_delivered_tasks_since_last_call(wid, consumer="a")]
assert first_a == served, [names.get(i, i) for i in first_a]
assert list(client.get_delivered_tasks_since_last_call(wid, consumer="a")) == []
assert [t["id"] for t in client.get_delivered_tasks_since_last_call(wid, consumer="b")] == served
assert list(client.get_delivered_tasks_since_last_call(wid, consumer="b")) == []
step("get_delivered_tasks_since_last_call: each delivery once per consumer; consumers a and b are independent")

status = expect_status(CLIENT_ERRORS, lambda: client.reject_task(wid, w["s3"], ["never delivered"]))
client.reject_task(wid, w["s1"], ["wrong label"])
assert task(wid, w["s1"])["state"] == "rejected"
lease = claim(wid)
assert lease is not None and lease["task"]["id"] == w["s1"], lease
submit(lease)
deadline = time.time() + 20
again = []
while not again and time.time() < deadline:
    again = [t["id"] for t in client.get_delivered_tasks_since_last_call(wid, consumer="a")]
    time.sleep(0 if again else 0.1)
assert again == [w["s1"]], again
assert list(client.get_delivered_tasks_since_last_call(wid, consumer="a")) == []
assert [t["id"] for t in client.get_delivered_tasks_since_last_call(wid, consumer="b")] == [w["s1"]]
step(f"reject_task: a staged task is refused (HTTP {status}); a delivered one is reworked and delivered once more")

status = expect_status(CLIENT_ERRORS, lambda: client.delete_tasks(wid, [w["s3"], w["E"]]))
assert task(wid, w["s3"])["state"] == "new" and task(wid, w["E"])["id"] == w["E"]
client.delete_tasks(wid, [w["s3"]])
error = expect_raises(requests.HTTPError, lambda: task(wid, w["s3"]))
assert error.response.status_code == 404, error.response.status_code
assert w["s3"] not in {t["id"] for t in client.get_multi_task_status(wid)}
step(f"delete_tasks: a list holding a task not new is refused whole (HTTP {status}); a new task is deleted, then 404")

# ---------------------------------------------------------------------------------------------- project B

bulk_id, _ = make_project("bulk")
bulk_cb = f"bulk-{run}"
bad_index = 5000
bulk = [record(f"bulk-{i}", bulk_cb, label="cat" if i % 2 else "dog") for i in range(10_000)]
bulk[bad_index]["output_label"] = "bird"
upload_started = time.time()
bulk_bid = create_batch(bulk_id, bulk, submit=False)
bulk_items = wait_batch(bulk_id, bulk_bid, 10_000, seconds=90, pause=1)
pages = client.pages(f"/batches/{bulk_bid}.json")
assert pages[:10] == list(range(1, 11)), pages
bulk_failed = [item for item in bulk_items if item["status"] == "failed"]
assert len(bulk_failed) == 1 and bulk_failed[0]["data"] == bulk[bad_index], bulk_failed
assert "output_label" in json.dumps(bulk_failed[0].get("errors")), bulk_failed
bulk_ids = created_ids(bulk_items)
assert len(bulk_ids) == 9_999, len(bulk_ids)
sample = task(bulk_id, bulk_ids[-1])
assert sample["state"] == "new" and str(sample["batch_id"]) == str(bulk_bid) and sample["client_batch_id"] == bulk_cb
step(f"10,000 records in one upload: 9,999 created, the bad one failed alone; status pages of 1000 give all "
     f"10,000 items ({time.time() - upload_started:.1f} s)")

csv_cb = f"csv-{run}"
csv_lines = ["url,name,client_batch_id,output_label,priority,submit"]
for i in range(2_000):
    name = f'"csv {i}, with a comma\nand ""quotes"""' if i == 7 else f"csv-{i}"
    label = "bird" if i == 1234 else ("cat" if i % 2 else "dog")
    csv_lines.append(f"https://example.com/{run}/csv-{i}.jpg,{name},{csv_cb},{label},{-3 if i == 7 else ''},"
                     f"{'true' if i == 7 else ''}")
csv_job = requests.post(f"{base}/sama/v2/projects/{bulk_id}/batches.json", params={"access_key": key}, json={},
                        timeout=30)
assert csv_job.status_code == 200 and csv_job.json().get("tasks_put_url"), csv_job.text
csv_bid = csv_job.json()["batch_id"]
put = requests.put(csv_job.json()["tasks_put_url"], data="\r\n".join(csv_lines).encode(),
                   headers={"Content-Type": "text/csv"}, timeout=60)
assert put.status_code == 200, put.text
started = requests.post(f"{base}/sama/v2/projects/{bulk_id}/batches/{csv_bid}/continue.json",
                        params={"access_key": key}, json={}, timeout=30)
assert started.status_code == 200, started.text
csv_items = wait_batch(bulk_id, csv_bid, 2_000, seconds=60, pause=0.5)
csv_failed = [item for item in csv_items if item["status"] == "failed"]
assert [item["index"] for item in csv_failed] == [1234], csv_failed
assert csv_failed[0]["data"]["output_label"] == "bird", csv_failed
assert "output_label" in json.dumps(csv_failed[0]["errors"]), csv_failed
csv_ids = created_ids(csv_items)
assert len(csv_ids) == 1_999, len(csv_ids)
quoted = task(bulk_id, csv_items[7]["id"])
assert quoted["data"]["name"] == 'csv 7, with a comma\nand "quotes"', quoted["data"]
assert quoted["data"]["output_label"] == "cat" and quoted["client_batch_id"] == csv_cb, quoted
assert quoted["state"] != "new" and quoted["priority"] == -3, quoted
plain = task(bulk_id, csv_items[8]["id"])
assert plain["state"] == "new" and plain["priority"] == 0, plain
step("a CSV file PUT to tasks_put_url (header row, quoted fields, CRLF): 1,999 created, the bad output_label failed "
     "alone; priority and submit columns read")

# ---------------------------------------------------------------------------------------------- project C

received = []
arrived = threading.Condition()
refused_once = set()


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        length = self.headers.get("Content-Length")
        if length is not None:
            body = self.rfile.read(int(length))
        else:
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                body += self.rfile.read(size)
                self.rfile.readline()
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        path = urlsplit(self.path).path
        answer = 200
        if path.endswith("/retry") and isinstance(parsed, dict) and "task" in parsed and path not in refused_once:
            refused_once.add(path)
            answer = 404
        self.send_response(answer)
        self.send_header("Content-Length", "0")
        self.end_headers()
        with arrived:
            received.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                             "raw": body, "body": parsed, "answered": answer, "at": time.time()})
            arrived.notify_all()

    def log_message(self, *args):
        pass


sink = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
threading.Thread(target=sink.serve_forever, daemon=True).start()
sink_root = f"http://127.0.0.1:{sink.server_port}/sama-callback"

cid, _ = make_project("callbacks")
modes = ["basic", "access_key", "token", "hmac", "retry"]
callback_bid = create_batch(cid, [record(f"cb-{mode}", f"cb-{run}") for mode in modes], submit=True)
assert len(created_ids(wait_batch(cid, callback_bid, len(modes)))) == len(modes)
retry_policy = {"max_attempts": 3, "initial_backoff": 0.05, "max_backoff": 0.1}


def callbacks_for(mode, task_id):
    return [r for r in received if urlsplit(r["path"]).path == f"/sama-callback/{mode}"
            and isinstance(r["body"], dict) and isinstance(r["body"].get("task"), dict)
            and r["body"]["task"].get("id") == task_id]


def complete_with_callback(mode, auth, accepted=1):
    """Points the project's callback at the sink for mode, completes one task, waits for its callback(s)."""
    native("PATCH", f"/projects/{cid}", expected=200,
           json={"settings": {"callback": {"url": f"{sink_root}/{mode}", "auth": auth, "retry": retry_policy}}})
    # The dispatcher uses a project's delivery settings (auth included) up to 2 s old.
    time.sleep(2.2)
    lease = claim(cid)
    assert lease is not None, f"no task left for {mode}"
    submit(lease)
    task_id = lease["task"]["id"]
    deadline = time.time() + 20
    with arrived:
        while len([r for r in callbacks_for(mode, task_id) if r["answered"] == 200]) < accepted:
            remaining = deadline - time.time()
            seen = [(r["path"], r["answered"], ((r["body"] or {}).get("task") or {}).get("id")) for r in received]
            assert remaining > 0, f"no accepted {mode} callback for task {task_id}; (path, answer, task) seen: {seen}"
            arrived.wait(remaining)
        calls = callbacks_for(mode, task_id)
    for call in calls:
        body = call["body"]["task"]
        assert body["answers"] == {"label": "dog"} and body["state"] in ("completed", "delivered"), body
        assert call["headers"].get("content-type", "").startswith("application/json"), call["headers"]
    return task_id, calls


_, calls = complete_with_callback("basic", {"type": "basic", "username": "hook-user", "password": f"pw-{run}"})
expected = "Basic " + base64.b64encode(f"hook-user:pw-{run}".encode()).decode()
assert calls[0]["headers"].get("authorization") == expected, calls[0]["headers"]
step("callback auth basic: Sama's {\"task\": {...}} body with Authorization: Basic")

_, calls = complete_with_callback("access_key", {"type": "access_key", "access_key": f"ak-{run}"})
assert parse_qs(urlsplit(calls[0]["path"]).query).get("access_key") == [f"ak-{run}"], calls[0]["path"]
step("callback auth access_key: ?access_key= on the callback URL")

_, calls = complete_with_callback("token", {"type": "token", "token": f"tok-{run}"})
assert calls[0]["headers"].get("x-auth-token") == f"tok-{run}", calls[0]["headers"]
step("callback auth token: X-Auth-Token header")

_, calls = complete_with_callback("hmac", {"type": "hmac", "key_id": f"k-{run}", "secret": f"secret-{run}"})
call = calls[0]
date = call["headers"].get("x-wsm-date", "")
assert abs((parse_time(date) - datetime.now(timezone.utc)).total_seconds()) < 300, date
scheme, _, credential = call["headers"].get("authorization", "").partition(" ")
key_id, _, signature = credential.partition(":")
assert scheme == "HMAC-SHA256" and key_id == f"k-{run}", call["headers"]
to_sign = "\n".join(["POST", call["path"], date, hashlib.sha256(call["raw"]).hexdigest()])
wanted = base64.b64encode(hmac.new(f"secret-{run}".encode(), to_sign.encode(), hashlib.sha256).digest()).decode()
assert hmac.compare_digest(signature, wanted), (to_sign, signature, wanted)
step("callback auth hmac: X-wsm-date and Authorization: HMAC-SHA256 key_id:signature, signature verified")

_, calls = complete_with_callback("retry", {"type": "token", "token": f"tok-{run}"})
answers = [call["answered"] for call in calls]
assert answers[0] == 404 and 200 in answers[1:], answers
assert all(call["body"] == calls[0]["body"] for call in calls), calls
step("callbacks: a 404 from the receiver is retried and the same body is accepted on a later attempt")

# One task at a time: Sama's task creation endpoint (the client has no method for it).
single = requests.post(f"{base}/sama/v2/projects/{pid}/tasks.json", params={"access_key": key}, timeout=10,
                       json={"data": {"url": "https://example.com/one.jpg", "output_label": "dog"}, "priority": 2})
assert single.status_code == 201, single.text
made = single.json()["task"]
assert made["state"] == "new" and made["priority"] == 2 and made["data"]["output_label"] == "dog", made
bad = requests.post(f"{base}/sama/v2/projects/{pid}/tasks.json", params={"access_key": key}, timeout=10,
                    json={"data": {"name": "no url"}, "submit": True})
assert bad.status_code in (400, 422) and "/data/url" in bad.text, bad.text
notified = requests.post(f"{base}/sama/v2/projects/{pid}/tasks.json", params={"access_key": key}, timeout=10,
                         json={"data": {"url": "https://example.com/two.jpg"}, "notification_email": "not an address"})
assert notified.status_code == 400 and "/notification_email" in notified.text, notified.text
step("single task creation: 201 with the task (new, Sama priority, pre-annotation); a bad one is refused naming the field")

sink.shutdown()
faulthandler.cancel_dump_traceback_later()
print(f"OK {steps} steps", flush=True)
