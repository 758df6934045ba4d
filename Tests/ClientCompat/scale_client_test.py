"""Drives a running Loupe server through the official, unmodified `scaleapi` client.

    python3 scale_client_test.py BASE_URL LIVE_KEY TEST_KEY

BASE_URL is the server root (e.g. http://127.0.0.1:8080); the client is pointed at BASE_URL/scale/v1.
Every step asserts what the client returns; the script exits 1 on the first failure.
"""
import json
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
import uuid

import requests
import scaleapi
from scaleapi.exceptions import (ScaleDuplicateResource, ScaleInvalidRequest, ScaleResourceNotFound,
                                  ScaleUnauthorized)
from scaleapi.tasks import TaskStatus, TaskType

base, key, test_key = sys.argv[1], sys.argv[2], sys.argv[3]
run = uuid.uuid4().hex[:8]
client = scaleapi.ScaleClient(key, api_instance_url=base + "/scale/v1")
steps = 0


def step(name):
    global steps
    steps += 1
    print(f"PASS {steps:02d} {name}", flush=True)


def expect_raises(kind, call):
    try:
        call()
    except kind:
        return
    raise AssertionError(f"expected {kind.__name__}")


expect_raises(ScaleUnauthorized, lambda: scaleapi.ScaleClient("nope", api_instance_url=base + "/scale/v1").get_projects())
step("a wrong key is refused with ScaleUnauthorized")

project_name = f"cats/{run}"
project = client.create_project(project_name, TaskType.ImageAnnotation,
                                params={"instruction": "Box every cat", "geometries": {"box": {"objects_to_annotate": ["cat"]}}})
assert project.name == project_name and project.version == 0 and project.instruction == "Box every cat", project.as_dict()
expect_raises(ScaleDuplicateResource, lambda: client.create_project(project_name, TaskType.ImageAnnotation))
assert client.get_project(project_name).name == project_name
assert project_name in [p.name for p in client.get_projects()]
updated = client.update_project(project_name, instruction="Box every cat tightly")
assert updated.version == 1 and updated.instruction == "Box every cat tightly", updated.as_dict()
assert updated.params["geometries"] == {"box": {"objects_to_annotate": ["cat"]}}
expect_raises(ScaleResourceNotFound, lambda: client.get_project("no-such-" + run))
step("projects: create, duplicate 409, get, list, setParams with a new version, unknown 404")

batch_name = f"batch-{run}"
batch = client.create_batch(project_name, batch_name, metadata={"run": run})
assert batch.status == "staging", batch.status
expect_raises(ScaleDuplicateResource, lambda: client.create_batch(project_name, batch_name))
assert client.get_batch(batch_name).metadata == {"run": run}
assert client.set_batch_metadata(batch_name, {"run": run, "stage": "test"}).metadata["stage"] == "test"
page = client.batches(project=project_name, limit=10, offset=0)
assert page.total == 1 and page.docs[0].name == batch_name
assert [b.name for b in client.get_batches(project_name=project_name)] == [batch_name]
step("batches: create, duplicate 409, get, setMetadata, list and generator")

ids = []
for index in range(5):
    task = client.create_task(
        TaskType.ImageAnnotation, project=project_name, batch=batch_name,
        attachment=f"https://example.com/cat-{index}.jpg",
        geometries={"box": {"objects_to_annotate": ["cat"], "min_width": 5, "min_height": 5}},
        unique_id=f"{run}-{index}", metadata={"index": index}, tags=["smoke"] if index % 2 == 0 else [])
    assert task.status == "pending" and task.batch == batch_name and task.project == project_name
    ids.append(task.id)
first = client.get_task(ids[0])
assert first.params["attachment"] == "https://example.com/cat-0.jpg" and "Box every cat tightly" in first.instruction
expect_raises(ScaleDuplicateResource, lambda: client.create_task(
    TaskType.ImageAnnotation, project=project_name, attachment="https://example.com/x.jpg",
    geometries={"box": {"objects_to_annotate": ["cat"]}}, unique_id=f"{run}-0"))
expect_raises(ScaleResourceNotFound, lambda: client.get_task("000000000000000000000000"))
step("tasks: create five into the batch, get, duplicate unique_id 409, unknown 404")

first_page = client.tasks(project=project_name, limit=2)
assert len(first_page.docs) == 2 and first_page.total == 5 and first_page.has_more and first_page.next_token
second_page = client.tasks(project=project_name, limit=2, next_token=first_page.next_token)
assert [t.id for t in first_page.docs + second_page.docs] == ids[::-1][:4]
assert [t.id for t in client.get_tasks(project_name=project_name)] == ids[::-1], "newest first"
# The reference documents offset + limit; the client's tasks() does not pass offset, so ask directly.
offset_page = client.api.get_request("tasks", params={"project": project_name, "limit": 2, "offset": 2})
assert [t["task_id"] for t in offset_page["docs"]] == ids[::-1][2:4] and offset_page["offset"] == 2, offset_page
assert client.get_tasks_count(project_name=project_name) == 5
assert len(list(client.get_tasks(project_name=project_name, tags=["smoke"]))) == 3
assert {t.id for t in client.get_tasks(project_name=project_name, unique_id=[f"{run}-1", f"{run}-2"])} == {ids[1], ids[2]}
step("tasks: newest first, paging with next_token and has_more, offset + limit, generator, count, tag and unique_id filters")

# Time filters accept what users send: T or space, 0-9 fraction digits, Z, an offset, no zone, a bare date.
forms = ["2020-01-02", "2020-01-02T03:04:05Z", "2020-01-02 03:04:05", "2020-01-02T03:04:05.1Z",
         "2020-01-02T03:04:05.123456789+02:00", "2020-01-02T03:04:05", "2020-01-02T03:04:05-0530"]
for form in forms:
    assert client.get_tasks_count(project_name=project_name, created_after=form) == 5, form
    assert client.get_tasks_count(project_name=project_name, created_before=form) == 0, form
assert client.get_tasks_count(project_name=project_name, updated_after="2999-01-01 00:00") == 0
expect_raises(ScaleInvalidRequest, lambda: client.get_tasks_count(project_name=project_name, created_after="yesterday"))
step("time filters: every ISO 8601 form users send, a bare date; an unreadable one is 400")

assert client.set_task_metadata(ids[0], {"reviewed": False}).metadata == {"reviewed": False}
assert client.set_task_tags(ids[0], ["a", "b"]).tags == ["a", "b"]
assert client.add_task_tags(ids[0], ["b", "c"]).tags == ["a", "b", "c"]
assert client.delete_task_tags(ids[0], ["a"]).tags == ["b", "c"]
assert client.update_task_unique_id(ids[1], f"{run}-renamed").unique_id == f"{run}-renamed"
assert getattr(client.clear_task_unique_id(ids[1]), "unique_id", None) is None
expect_raises(ScaleDuplicateResource, lambda: client.update_task_unique_id(ids[2], f"{run}-3"))
step("metadata, tags set/add/delete, unique_id set/clear/conflict")

client.finalize_batch(batch_name)
status = client.batch_status(batch_name)
assert status["status"] == "in_progress" and status["pending"] == 5, status
canceled = client.cancel_task(ids[4])
assert canceled.status == "canceled"
expect_raises(ScaleInvalidRequest, lambda: client.cancel_task(ids[4]))
client.cancel_task(ids[3], clear_unique_id=True)
assert client.create_task(TaskType.ImageAnnotation, project=project_name, attachment="https://example.com/y.jpg",
                          geometries={"box": {"objects_to_annotate": ["cat"]}}, unique_id=f"{run}-3").status == "pending"
assert [t.id for t in client.get_tasks(project_name=project_name, status=TaskStatus.Canceled)] == [ids[4], ids[3]]
expect_raises(ScaleInvalidRequest, lambda: client.audit_task(ids[2], True))
step("finalize, batch status counts, cancel (+clear_unique_id), double cancel 400, audit of a pending task 400")

expect_raises(ScaleInvalidRequest, lambda: client.create_task(
    TaskType.Annotation, project=project_name, attachment="https://example.com/x.jpg", attachment_type="image",
    objects_to_annotate=["a", "b", "c", "d", "e", "f", "g"]))
expect_raises(ScaleInvalidRequest, lambda: client.create_task(
    TaskType.Categorization, attachment="a cat", attachment_type="text", categories=[]))
step("parameter rules: more than 6 objects_to_annotate and empty categories are 400")

tester = scaleapi.ScaleClient(test_key, api_instance_url=base + "/scale/v1")
image = {"attachment": "https://example.com/street.jpg", "attachment_type": "image"}
nested = ["car", {"choice": "person", "subchoices": ["adult", {"choice": "child", "subchoices": ["toddler", "teen"]}]}]
attributes = {
    "moving": {"type": "category", "description": "Is it moving?", "choices": ["yes", "no"],
               "conditions": {"label_condition": {"label": "car"}}},
    "speed": {"type": "number", "description": "km/h", "min": 0, "max": 200,
              "conditions": {"attribute_conditions": [{"moving": "yes"}]}},
}
specs = [
    (TaskType.Annotation, dict(image, objects_to_annotate=nested, with_labels=True, min_width=10, min_height=10,
                               annotation_attributes=attributes,
                               layers={"boxes": [{"left": 1, "top": 2, "width": 30, "height": 40}]})),
    (TaskType.PointAnnotation, dict(image, objects_to_annotate=["headlight"], with_labels=True)),
    (TaskType.LineAnnotation, dict(image, objects_to_annotate=["lane"], min_vertices=2,
                                   layers={"lines": [{"vertices": [{"x": 1, "y": 1}, {"x": 9, "y": 9}], "spline": True}]})),
    (TaskType.PolygonAnnotation, dict(image, objects_to_annotate=["roof"], min_vertices=4, max_vertices=10)),
    (TaskType.CuboidAnnotation, dict(image, objects_to_annotate=["car"])),
    (TaskType.Categorization, dict(attachment="A purring cat", attachment_type="text", categories=["cat", "dog"])),
    (TaskType.Comparison, dict(attachments=["https://example.com/a.jpg", "https://example.com/b.jpg"],
                               attachment_type="image", choices=["left", "right"])),
    (TaskType.Transcription, dict(attachment="https://example.com/receipt.pdf", attachment_type="pdf",
                                  fields={"total": "The total", "currency": {"description": "Currency", "choices": ["EUR", "USD"]}})),
    (TaskType.ImageAnnotation, dict(image, geometries={"box": {"objects_to_annotate": nested, "min_width": 5},
                                                       "polygon": {"objects_to_annotate": ["roof"]}},
                                    annotation_attributes=attributes)),
    (TaskType.SegmentAnnotation, dict(image, labels=["road", "sky"], instance_labels=["car"], allow_unlabeled=True)),
    (TaskType.TextCollection, dict(attachments=[{"type": "text", "content": "hello"}], fields=[{"type": "text", "field_id": "f"}])),
]
created = [tester.create_task(kind, project=project_name, **params) for kind, params in specs]
assert all(task.is_test for task in created)
deadline = time.time() + 60
finished = {}
while time.time() < deadline and len(finished) < len(created):
    for task in created:
        if task.id not in finished:
            current = tester.get_task(task.id)
            if current.status == "completed":
                finished[task.id] = current
    time.sleep(0.2)
assert len(finished) == len(created), [t.type for t in created if t.id not in finished]
box = finished[created[0].id].response["annotations"][0]
assert box["label"] in ("car", "adult", "toddler", "teen") and box["width"] >= 10, box
assert finished[created[5].id].response["category"] in ("cat", "dog")
shape = finished[created[8].id].response["annotations"][0]
assert shape["type"] in ("box", "polygon"), shape
segmentation = finished[created[9].id].response
assert set(segmentation["labelMapping"]) == {"road", "sky"}, segmentation
mask_url = segmentation["annotations"]["labeled"]["road"]
png = requests.get(mask_url, auth=(test_key, ""), timeout=10)
assert png.status_code == 200 and png.headers["content-type"] == "image/png", png.status_code
width, height = struct.unpack(">II", png.content[16:24])
idat = png.content[png.content.index(b"IDAT") + 4:png.content.index(b"IEND") - 8]
rows = zlib.decompress(idat)
assert (width, height) == (64, 48) and len(rows) == (width + 1) * height
row = rows[20 * (width + 1) + 1:21 * (width + 1)]
assert row[16:48] == b"\xff" * 32 and row[:16] == b"\x00" * 16, row
step("test mode: every task type (nested labels, conditional attributes, layers, segmentation) completed by the synthetic worker")

# Test mode is a sandbox: the live key does not see test tasks; the test key audits its own.
expect_raises(ScaleResourceNotFound, lambda: client.audit_task(created[5].id, True))
expect_raises(ScaleResourceNotFound, lambda: client.get_task(created[5].id))
assert created[5].id not in [t.id for t in client.get_tasks(project_name=project_name)]
tester.audit_task(created[5].id, True)
accepted = tester.get_task(created[5].id)
assert accepted.customer_review_status == "accepted" and accepted.audits[-1]["accepted"] is True
tester.audit_task(created[6].id, False, comments="wrong side")
reworked = tester.get_task(created[6].id)
assert reworked.customer_review_status == "rejected", reworked.as_dict()
# The rejected task started a new round (the synthetic worker may already have finished it again).
native = requests.get(f"{base}/api/v1/tasks/{created[6].id}", auth=(test_key, ""), timeout=10).json()
assert native["round"] == 1, native
rejected = [t.id for t in tester.get_tasks(project_name=project_name, review_status=scaleapi.tasks.TaskReviewStatus.Rejected)]
assert rejected == [created[6].id], rejected
step("sandbox: live keys cannot see or audit test tasks; audit: accepted is recorded, rejected goes back to work, review_status filter")

client.v2.api_client.configuration.host = base + "/scale"
v2_task = client.v2.get_task(task_id=ids[0])
assert v2_task.task_id == ids[0] and v2_task.status.value == "pending", v2_task
v2_ids = [t.task_id for t in client.v2_get_tasks(project_name=project_name, limit=2)]
assert set(ids) <= set(v2_ids), v2_ids
assert client.v2.get_project(project_name=project_name).name == project_name
assert client.v2.get_batch(batch_name=batch_name).status.value == "in_progress"
step("v2 reads: task, paged tasks, project and batch by name")

received = []


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        received.append((dict(self.headers), json.loads(body)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


sink = HTTPServer(("127.0.0.1", 0), Sink)
threading.Thread(target=sink.serve_forever, daemon=True).start()
sink_url = f"http://127.0.0.1:{sink.server_port}/scale-callback"
test_batch = f"test-batch-{run}"
tester.create_batch(project_name, test_batch)
batch_tasks = [tester.create_task(TaskType.Categorization, project=project_name, batch=test_batch, callback_url=sink_url,
                                  attachment=f"item {i}", attachment_type="text", categories=["cat", "dog"]) for i in range(2)]
tester.finalize_batch(test_batch)
deadline = time.time() + 60
while time.time() < deadline and (tester.batch_status(test_batch)["status"] != "completed" or len(received) < 2):
    time.sleep(0.2)
final = tester.batch_status(test_batch)
assert final["status"] == "completed" and final["completed"] == 2, final
assert tester.get_batch(test_batch).status == "completed"
assert {body["task_id"] for _, body in received} == {t.id for t in batch_tasks}, received
headers, body = received[0]
auth = {k.lower(): v for k, v in headers.items()}.get("scale-callback-auth")
assert auth and body["status"] == "completed" and body["response"]["category"] in ("cat", "dog"), (headers, body)
assert body["task"]["task_id"] == body["task_id"] and body["task"]["batch"] == test_batch
# The receiver has the body before the dispatcher records the outcome: wait for it.
deadline = time.time() + 20
while time.time() < deadline and "callback_succeeded" not in tester.get_task(body["task_id"]).as_dict():
    time.sleep(0.1)
assert tester.get_task(body["task_id"]).as_dict()["callback_succeeded"] is True
sink.shutdown()
step("a test-mode batch goes through finalize to completed; callbacks reach a local sink with scale-callback-auth")


# Receivers check scale-callback-auth against the key admins read from the API, one per mode.
keys = requests.get(f"{base}/api/v1/callback-auth-keys", auth=(key, ""), timeout=10).json()["keys"]
test_auth_key = next(k["key"] for k in keys if k["dialect"] == "scale" and k["mode"] == "test")
live_auth_key = next(k["key"] for k in keys if k["dialect"] == "scale" and k["mode"] == "live")
assert auth == test_auth_key != live_auth_key, (auth, keys)
assert requests.get(f"{base}/api/v1/callback-auth-keys", auth=(test_key, ""), timeout=10).status_code == 403
step("the callback auth key the sink received is the test-mode key admins read from the API")

# A worker signs in to Loupe's own API; express tasks reach it before standard ones whatever their age.
worker_email = f"worker-{run}@example.com"
made = requests.post(f"{base}/api/v1/users", auth=(key, ""), timeout=10,
                     json={"email": worker_email, "password": "worker-password-1", "roles": ["worker"]})
assert made.status_code == 201, made.text
session = requests.post(f"{base}/api/v1/auth/token", timeout=10,
                        json={"email": worker_email, "password": "worker-password-1"}).json()["token"]
worker = {"Authorization": f"Bearer {session}"}
queue_project = client.create_project(f"urgency/{run}", TaskType.Categorization,
                                      params={"categories": ["a", "b"]})
queued = [client.create_task(TaskType.Categorization, project=queue_project.name, attachment=f"item {u}",
                             attachment_type="text", categories=["a", "b"], urgency=u)
          for u in ("standard", "express", "standard", "express")]
assert [t.urgency for t in queued] == ["standard", "express", "standard", "express"]
expect_raises(ScaleInvalidRequest, lambda: client.create_task(
    TaskType.Categorization, project=queue_project.name, attachment="x", attachment_type="text",
    categories=["a", "b"], urgency="yesterday"))
native_project = queue_project.as_dict()
served = []
for _ in queued:
    lease = requests.post(f"{base}/api/v1/work/next", headers=worker, timeout=10,
                          json={"project_id": native_project["id"]}).json()["assignment"]
    served.append(lease["task"]["id"])
assert served == [queued[1].id, queued[3].id, queued[0].id, queued[2].id], served
step("urgency: validated, returned, and express tasks are served to workers before standard ones")

# Cuboids drawn for a camera with intrinsics and rotation get points_2d and points_3d: a level camera
# with a 100 px focal length; the cuboid spans x 1..3, y 0..1, z 4..5, so every corner is known by hand.
cuboid_project = client.create_project(f"cuboids/{run}", TaskType.CuboidAnnotation)
cuboid = client.create_task(TaskType.CuboidAnnotation, project=cuboid_project.name, objects_to_annotate=["car"],
                            camera_intrinsics={"fx": 100, "fy": 100, "cx": 50, "cy": 50},
                            camera_rotation_quaternion={"w": 0.5, "x": 0.5, "y": 0.5, "z": 0.5}, **image)
lease = requests.post(f"{base}/api/v1/work/next", headers=worker, timeout=10,
                      json={"project_id": cuboid_project.as_dict()["id"]}).json()["assignment"]
corners = [("face-topleft", 75, 50), ("face-bottomleft", 75, 75), ("face-topright", 125, 50),
           ("face-bottomright", 125, 75), ("side-topcorner", 70, 50), ("side-bottomcorner", 70, 70)]
drawing = {"annotations": [{"label": "car", "vertices": [{"description": d, "x": x, "y": y} for d, x, y in corners],
                            "edges": [{"x1": 75, "y1": 50, "x2": 125, "y2": 50}]}]}
submitted = requests.post(f"{base}/api/v1/assignments/{lease['id']}/submit", headers=worker, timeout=10,
                          json={"answer": drawing})
assert submitted.status_code == 200, submitted.text
drawn = client.get_task(cuboid.id).response["annotations"][0]
points_3d = [[round(p[k], 6) for k in "xyz"] for p in drawn["points_3d"]]
points_2d = [[round(p[k], 6) for k in "xy"] for p in drawn["points_2d"]]
assert points_3d == [[1, 0, 4], [3, 0, 4], [3, 0, 5], [1, 0, 5], [1, 1, 4], [3, 1, 4], [3, 1, 5], [1, 1, 5]], drawn
assert points_2d == [[75, 50], [125, 50], [110, 50], [70, 50], [75, 75], [125, 75], [110, 70], [70, 70]], drawn
step("cuboids: points_2d and points_3d computed from camera intrinsics and rotation, as computed by hand")

# allow_unlabeled false: an answer that leaves pixels unlabelled is refused, a full one accepted.
seg_project = client.create_project(f"segments/{run}", TaskType.SegmentAnnotation)
seg_native = seg_project.as_dict()
client.create_task(TaskType.SegmentAnnotation, project=seg_project.name, labels=["road", "sky"],
                   allow_unlabeled=False, **image)
lease = requests.post(f"{base}/api/v1/work/next", headers=worker, timeout=10,
                      json={"project_id": seg_native["id"]}).json()["assignment"]
half = {"width": 8, "height": 4, "polygons": [
    {"label": "sky", "vertices": [{"x": 0, "y": 0}, {"x": 8, "y": 0}, {"x": 8, "y": 2}, {"x": 0, "y": 2}]}]}
refused = requests.post(f"{base}/api/v1/assignments/{lease['id']}/submit", headers=worker, timeout=10,
                        json={"answer": half})
assert refused.status_code == 422 and "unlabel" in refused.text, refused.text
full = dict(half, polygons=half["polygons"] + [
    {"label": "road", "vertices": [{"x": 0, "y": 2}, {"x": 8, "y": 2}, {"x": 8, "y": 4}, {"x": 0, "y": 4}]}])
accepted = requests.post(f"{base}/api/v1/assignments/{lease['id']}/submit", headers=worker, timeout=10,
                         json={"answer": full})
assert accepted.status_code == 200, accepted.text
step("segmentation: with allow_unlabeled false an answer with unlabelled pixels is 422, a full one is accepted")

print(f"OK {steps} steps", flush=True)
