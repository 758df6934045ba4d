#!/usr/bin/env python3
"""Drives Loupe's web UI in headless Chromium (Selenium) against a live server.

Usage: ui_test.py BASE_URL LIVE_API_KEY SCREENSHOT_DIR

A worker logs in and completes, in the browser, a categorization with the keyboard, a box and a
polygon drawn on the canvas, a segmentation painted by polygon, brush and eraser (Submit stays off
while pixels are unlabelled), and a transcription with two rows; a reviewer sends one result back;
every stored answer is then checked through the API (the segmentation's masks pixel by pixel). Each screen is saved as a PNG and audited
with axe-core's WCAG 2 A/AA rules (serious or critical findings fail the run), and any console
error fails the run.
"""
import base64
import http.server
import json
import os
import struct
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, KEY, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


class PDFFiles(http.server.BaseHTTPRequestHandler):
    """Serves the PDF attachment the server fetches for the work screen."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(PDF)))
        self.end_headers()
        self.wfile.write(PDF)

    def log_message(self, *args):
        pass


PDF_SERVER = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PDFFiles)
PDF_PORT = PDF_SERVER.server_address[1]
EMBED_ORIGIN = "https://docs.example.org"  # on the server's LOUPE_EMBED_ORIGINS (see BrowserTests.swift)
threading.Thread(target=PDF_SERVER.serve_forever, daemon=True).start()
API = BASE + "/api/v1"
os.makedirs(SHOTS, exist_ok=True)
WORKER = ("worker-ui@example.com", "worker-password-1")
REVIEWER = ("reviewer-ui@example.com", "reviewer-password-1")


def call(method, path, body=None, token=KEY):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(API + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        raise AssertionError(f"{method} {path} -> {error.code}: {error.read().decode()}")


def scale(method, path, body=None):
    """Scale's v1 API (HTTP Basic with the key as the user name), as Scale's clients call it."""
    data = json.dumps(body).encode() if body is not None else None
    url = path if path.startswith("http") else BASE + "/scale/v1" + path
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", "Basic " + base64.b64encode((KEY + ":").encode()).decode())
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return raw if response.headers.get("Content-Type", "").startswith("image/") else json.loads(raw.decode() or "null")
    except urllib.error.HTTPError as error:
        raise AssertionError(f"{method} {url} -> {error.code}: {error.read().decode()}")


def mask_pixels(data):
    """Width, height and rows of an 8-bit greyscale PNG whose rows are unfiltered (what the editor sends)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    position, idat, header = 8, b"", None
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind, body = data[position + 4:position + 8], data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, color = header[:4]
    assert (depth, color) == (8, 0), header
    raw = zlib.decompress(idat)
    rows = [raw[y * (width + 1):(y + 1) * (width + 1)] for y in range(height)]
    assert all(row[0] == 0 for row in rows), "a row is filtered"
    return width, height, [row[1:] for row in rows]


def png(width, height):
    """A grey PNG with a darker rectangle, as a data: URL (no network needed)."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            inside = 100 <= x < 300 and 100 <= y < 250
            row += bytes([90, 110, 140] if inside else [200, 205, 210])
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)

    image = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    image += chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    return "data:image/png;base64," + base64.b64encode(image).decode()


def flat_png(width, height):
    """A large one-colour PNG as a data: URL, built row by row without a per-pixel loop."""
    row = b"\x00" + bytes([180, 190, 200]) * width
    compressor = zlib.compressobj(9)
    raw = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)

    image = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    image += chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    return "data:image/png;base64," + base64.b64encode(image).decode()


def setup():
    for email, password, roles in [(WORKER[0], WORKER[1], ["worker"]), (REVIEWER[0], REVIEWER[1], ["reviewer"])]:
        call("POST", "/users", {"email": email, "password": password, "roles": roles})
    manual = {"overlap": 1, "review": {"strategy": "manual", "sample_percentage": 1.0}}
    categorization = call("POST", "/projects", {
        "name": "Animals", "type": "categorization", "instruction": "## Pick the animal\n\n| key | animal |\n|---|---|\n| 1 | cat |\n| 2 | dog |",
        "params": {"categories": ["cat", "dog", "bird"], "examples": [
            {"label": "cat", "kind": "text", "content": "A tabby asleep on a sofa", "quality": "good"},
            {"label": "cat", "kind": "text", "content": "A lion on the savanna", "quality": "bad", "note": "wild cats are not cats here"},
            {"kind": "text", "content": "One animal per picture", "quality": "good"}]},
        "settings": manual})
    annotation = call("POST", "/projects", {
        "name": "Streets", "type": "imageannotation", "instruction": "Box every **car**, outline the road.",
        "params": {"geometries": {"box": {"objects_to_annotate": ["car", "person"], "min_width": 5, "min_height": 5},
                                  "polygon": {"objects_to_annotate": ["road"]}}},
        "settings": {"overlap": 1, "callback": {"url": "http://127.0.0.1:9/loupe-hook"}}})
    transcription = call("POST", "/projects", {
        "name": "Receipts", "type": "transcription", "instruction": "Copy the receipt.",
        "params": {"fields": {"shop": "Shop name"}, "repeatable_fields": {"item": "Item", "price": "Price"}},
        "settings": {"overlap": 1}})
    large = call("POST", "/projects", {
        "name": "Aerial", "type": "imageannotation", "instruction": "Box every roof.",
        "params": {"geometries": {"box": {"objects_to_annotate": ["roof"]}}}, "settings": {"overlap": 1}})
    components = call("POST", "/projects", {
        "name": "Photo check", "type": "components", "instruction": "Answer every question.", "settings": {"overlap": 1}})
    comparison = call("POST", "/projects", {
        "name": "Which is sharper", "type": "comparison", "instruction": "Compare the two pictures.",
        "params": {"choices": ["left", "right"], "fields": {"why": "Why?"}}, "settings": {"overlap": 1}})
    free_text = call("POST", "/projects", {"name": "Captions", "type": "text", "instruction": "Write a caption.", "settings": {"overlap": 1}})
    tasks = {
        "components": call("POST", f"/projects/{components['id']}/tasks", {"data": {"components": [
            {"type": "Text", "properties": {"text": "Is the photo sharp?", "style": "Question"}},
            {"type": "Image", "properties": {"url": png(64, 48)}},
            {"type": "BinaryChoice", "properties": {"option1": "Yes", "option2": "No"}},
            {"type": "Rating", "properties": {"steps": 5, "halfSteps": True}},
            {"type": "Stepper", "properties": {"min": 0, "max": 10, "step": 1, "start": 3}},
            {"type": "TextInput", "properties": {"hint": "Anything else?"}, "optionalResult": True},
            {"type": "Toggle", "properties": {"label": "Contains people", "checkedByDefault": False}}]}}),
        "comparison": call("POST", f"/projects/{comparison['id']}/tasks",
                           {"data": {"attachments": [png(64, 48), png(64, 48)], "attachment_type": "image"}}),
        "text": call("POST", f"/projects/{free_text['id']}/tasks", {"data": {"attachment": png(64, 48), "attachment_type": "image"}}),
        "large": call("POST", f"/projects/{large['id']}/tasks",
                      {"data": {"attachment": flat_png(6000, 4000), "image_width": 6000, "image_height": 4000}}),
        "categorization": call("POST", f"/projects/{categorization['id']}/tasks", {"data": {"text": "It barks."}}),
        "annotation": call("POST", f"/projects/{annotation['id']}/tasks",
                           {"data": {"attachment": png(640, 480), "image_width": 640, "image_height": 480}}),
        "transcription": call("POST", f"/projects/{transcription['id']}/tasks", {"data": {"text": "ACME — bread 2.10, milk 0.99"}}),
    }
    # Segmentation goes through Scale's API (its answer rules check coverage and give the label mapping).
    segmentation = call("POST", "/projects", {"name": "Regions", "type": "segmentannotation", "instruction": "Label every pixel.", "settings": {"overlap": 1}})
    tasks["segmentation"] = scale("POST", "/task/segmentannotation", {
        "project": "Regions", "attachment": png(160, 120), "attachment_type": "image", "instruction": "Sky, ground and each car.",
        "labels": ["sky", "ground"], "instance_labels": ["car"], "allow_unlabeled": False})
    # A schema-driven project whose task comes with a pre-filled answer (Sama's output_* pre-annotations).
    labels = call("POST", "/projects", {
        "name": "Labels", "type": "form", "instruction": "Check the label.", "settings": {"overlap": 1},
        "delivery_schema": {"type": "object", "properties": {"label": {"enum": ["cat", "dog"]}}, "required": ["label"]}})
    tasks["prefill"] = call("POST", f"/projects/{labels['id']}/tasks",
                            {"data": {"text": "It purrs."}, "prefill": {"label": "cat"}})
    projects = {"labels": labels, "segmentation": segmentation, "components": components, "comparison": comparison, "text": free_text, "large": large, "categorization": categorization, "annotation": annotation, "transcription": transcription}
    return projects, tasks


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800", "--disable-gpu"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else None
    driver = webdriver.Chrome(options=options, service=service) if service else webdriver.Chrome(options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    return driver


class Session:
    def __init__(self, driver):
        self.driver = driver
        self.wait = WebDriverWait(driver, 20)
        self.errors = []
        self.accessibility = []

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
        if name != "failure":
            self.audit(name)

    def audit(self, name):
        """axe-core's WCAG 2 A/AA rules on the current screen; serious and critical findings fail the run."""
        import axe_selenium_python
        path = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")
        with open(path) as handle:
            self.driver.execute_script(handle.read())
        found = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})
              .then((result) => done(result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}))))
              .catch((error) => done([{id: 'axe-error', impact: 'critical', help: String(error), nodes: []}]));""")
        for violation in found:
            if violation["impact"] in ("serious", "critical"):
                self.accessibility.append(f"{name}: {violation['id']} — {violation['help']} at {violation['nodes']}")

    def console_errors(self):
        for entry in self.driver.get_log("browser"):
            if entry["level"] == "SEVERE":
                self.errors.append(entry["message"])

    def find(self, selector):
        return self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, selector)))

    def clickable(self, selector):
        return self.wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, selector)))

    def go(self, hash_route):
        self.driver.get(BASE + "/" + hash_route)

    def logout(self):
        self.clickable("[data-testid=logout]").click()
        self.find("#login-email")

    def login(self, email, password):
        self.driver.delete_all_cookies()
        self.driver.get(BASE + "/")
        self.driver.execute_script("localStorage.clear()")
        self.go("#/login")
        self.find("#login-email").send_keys(email)
        self.find("#login-password").send_keys(password + Keys.ENTER)
        self.wait.until(lambda d: "#/login" not in d.current_url)

    def keys(self, *keys):
        ActionChains(self.driver).send_keys(*keys).perform()

    def chord(self, modifier, key):
        ActionChains(self.driver).key_down(modifier).send_keys(key).key_up(modifier).perform()


def results(task_id):
    return call("GET", f"/tasks/{task_id}/results")["results"]


def wait_for(predicate, what, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def close(a, b, tolerance=2.0):
    return abs(a - b) <= tolerance


def segmentation_flow(session, project, task):
    """Paints a 160×120 image: sky by polygon, two car instances by brush, a hole erased, the rest filled
    with ground. Submit stays off while pixels are unlabelled; the stored masks are checked pixel by pixel."""
    driver = session.driver
    started = time.time()
    session.go(f"#/work/{project['id']}")
    canvas = session.find("[data-testid=segmentation-canvas]")
    session.wait.until(lambda d: d.execute_script("return Boolean(arguments[0].loupeView) && arguments[0].loupeView.imageReady()", canvas))
    time.sleep(0.3)
    submit = session.find("[data-testid=submit]")
    note = session.find("[data-testid=submit-blocked]")
    assert not submit.is_enabled(), "Submit is on before any pixel is labelled"
    assert "19,200 pixels (100 %) are still unlabelled" in note.text, note.text

    def client(x, y):
        point = driver.execute_script("return arguments[0].loupeView.imageToClient(arguments[1], arguments[2])", canvas, x, y)
        rect = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}", canvas)
        return point["x"] - rect["x"] - rect["w"] / 2, point["y"] - rect["y"] - rect["h"] / 2

    def drag(a, b):
        start, end = client(*a), client(*b)
        ActionChains(driver).move_to_element_with_offset(canvas, *start).click_and_hold() \
            .move_to_element_with_offset(canvas, (start[0] + end[0]) / 2, (start[1] + end[1]) / 2) \
            .move_to_element_with_offset(canvas, *end).release().perform()

    def label_at(x, y):
        return driver.execute_script("return arguments[0].loupeView.labelAt(arguments[1], arguments[2])", canvas, x, y)

    def unlabelled():
        return driver.execute_script("return arguments[0].loupeView.coverage().unlabelled", canvas)

    # Sky: a polygon over the top half (clicks just outside the image snap to its edge), keys choose the label.
    session.keys("1")
    session.clickable("[data-tool=polygon]").click()
    for x, y in [(-1, -1), (161, -1), (161, 60), (-1, 60)]:
        ActionChains(driver).move_to_element_with_offset(canvas, *client(x, y)).click().perform()
    session.keys(Keys.ENTER)
    # Clicks land within a screen pixel (about a quarter of an image pixel here) of the vertices.
    assert label_at(80, 30) == "sky" and label_at(80, 58.5) == "sky" and label_at(80, 61.5) is None, (label_at(80, 58.5), label_at(80, 61.5))
    assert 160 * 59 <= unlabelled() <= 160 * 61, unlabelled()

    # Two instances of "car" with a 12-pixel brush: the first stroke starts one, N starts the next.
    session.keys("3")
    session.clickable("[data-tool=brush]").click()
    size = session.find("[data-testid=brush-size]")
    driver.execute_script("arguments[0].value = 12; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", size)
    drag((20, 90), (60, 90))
    session.keys("n")
    drag((100, 90), (140, 90))
    assert label_at(40, 90) == "car 1" and label_at(120, 90) == "car 2", (label_at(40, 90), label_at(120, 90))
    instances = session.find("[data-testid=segment-instances]").text
    assert "car 1" in instances and "car 2" in instances, instances

    # The eraser takes a hole out of car 2; the hatched rest still blocks Submit.
    session.keys("e")
    drag((130, 78), (130, 102))
    assert label_at(130, 90) is None and label_at(110, 90) == "car 2", label_at(130, 90)
    assert not submit.is_enabled() and "still unlabelled" in note.text, note.text
    session.shot("03c-segmentation-unlabelled")

    # Ground fills everything left; undo brings the gap back, redo fills it again.
    session.keys("2")
    fill = session.clickable("[data-testid=fill-unlabelled]")
    assert "ground" in fill.text, fill.text
    fill.click()
    assert unlabelled() == 0 and label_at(130, 90) == "ground" and label_at(80, 110) == "ground"
    session.wait.until(lambda d: submit.is_enabled() and not note.is_displayed())
    driver.execute_script("arguments[0].focus()", canvas)
    session.chord(Keys.CONTROL, "z")
    session.wait.until(lambda d: not submit.is_enabled())
    assert unlabelled() > 0 and label_at(130, 90) is None
    session.chord(Keys.CONTROL, "y")
    session.wait.until(lambda d: submit.is_enabled())
    assert "Every pixel has a label" in session.find("[data-testid=segment-coverage]").text
    session.shot("03d-segmentation")
    submit.click()

    # The stored answer through Scale's API: completed, the label mapping, one mask per label and per car.
    task_id = task["task_id"]
    stored = wait_for(lambda: (lambda t: t if t["status"] == "completed" else None)(scale("GET", f"/task/{task_id}")), "the completed segmentation")
    response = stored["response"]
    mapping = response["labelMapping"]
    assert set(mapping) == {"sky", "ground", "car"}, mapping
    assert mapping["sky"]["index"] == 1 and mapping["ground"]["index"] == 2 and len(mapping["car"]) == 2, mapping
    labeled = response["annotations"]["labeled"]
    assert response["annotations"]["unlabeled"] is None and len(labeled["car"]) == 2, response["annotations"]
    masks = {"sky": [labeled["sky"]], "ground": [labeled["ground"]], "car": labeled["car"]}
    owner = [[None] * 160 for _ in range(120)]
    for label, urls in masks.items():
        for number, url in enumerate(urls, 1):
            width, height, rows = mask_pixels(scale("GET", url))
            assert (width, height) == (160, 120), (label, width, height)
            name = f"{label} {number}" if label == "car" else label
            for y, row in enumerate(rows):
                for x, value in enumerate(row):
                    if value:
                        assert owner[y][x] is None, f"({x}, {y}) is both {owner[y][x]} and {name}"
                        owner[y][x] = name
    missing = sum(row.count(None) for row in owner)
    assert missing == 0, f"{missing} pixels are in no mask"
    cars = {owner[90][40], owner[90][120]}
    assert owner[30][80] == "sky" and owner[110][80] == "ground" and owner[90][130] == "ground", (owner[30][80], owner[110][80], owner[90][130])
    assert cars == {"car 1", "car 2"} and owner[90][40] != owner[90][120], cars
    print(f"segmentation: painted, submitted and checked in {time.time() - started:.1f} s")


def main():
    projects, tasks = setup()
    driver = browser()
    session = Session(driver)
    try:
        session.login(*WORKER)
        session.find("[data-testid=start-work]")
        session.shot("01-worker-home")

        # Remap "Submit" to Alt+S; the key is stored with the user and used below.
        session.go("#/settings/shortcuts")
        session.clickable("button[data-action-id='work.submit']").click()
        session.chord(Keys.ALT, "s")
        token = driver.execute_script("return JSON.parse(localStorage.getItem('loupe.session')).token")
        saved = wait_for(lambda: call("GET", "/me", token=token)["user"]["preferences"].get("shortcuts", {}).get("work.submit"), "the saved shortcut")
        assert saved == ["Alt+S"], saved
        session.shot("01b-shortcuts")

        # Categorization with the keyboard: "2" picks the second category, Ctrl+Enter submits.
        session.go(f"#/work/{projects['categorization']['id']}")
        session.find("[data-category=dog]")
        # The project's examples: in the instruction panel by label, and as a hover on "cat".
        examples = session.find("[data-testid=examples]")
        assert "The whole task" in examples.text and "A lion on the savanna" in examples.text, examples.text
        assert len(examples.find_elements(By.CSS_SELECTOR, ".example[data-quality=bad]")) == 1
        hint = session.find("[data-category-option=cat] [data-testid=category-examples]")
        assert hint.text == "2 examples", hint.text
        assert "A tabby asleep on a sofa" in hint.get_attribute("title") and "✗ not A lion" in hint.get_attribute("title"), hint.get_attribute("title")
        assert not driver.find_elements(By.CSS_SELECTOR, "[data-category-option=dog] [data-testid=category-examples]")
        session.shot("02-categorization")
        session.keys("2")
        session.chord(Keys.ALT, "s")
        answer = wait_for(lambda: [r for r in results(tasks["categorization"]["id"]) if r.get("answer")], "the category answer")
        assert answer[0]["answer"]["category"] == "dog", answer

        # Box and polygon drawn on the canvas, in image coordinates.
        session.go(f"#/work/{projects['annotation']['id']}")
        canvas = session.find("[data-testid=annotation-canvas]")
        session.wait.until(lambda d: d.execute_script("return Boolean(arguments[0].loupeView)", canvas))
        time.sleep(0.5)

        def client(x, y):
            point = driver.execute_script("return arguments[0].loupeView.imageToClient(arguments[1], arguments[2])", canvas, x, y)
            rect = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}", canvas)
            # ActionChains offsets are from the element's centre.
            return point["x"] - rect["x"] - rect["w"] / 2, point["y"] - rect["y"] - rect["h"] / 2

        session.clickable("[data-tool=box]").click()
        label = driver.find_elements(By.CSS_SELECTOR, "[data-label=car]")
        if label:
            label[0].click()
        start, end = client(100, 100), client(300, 250)
        ActionChains(driver).move_to_element_with_offset(canvas, *start).click_and_hold() \
            .move_to_element_with_offset(canvas, (start[0] + end[0]) / 2, (start[1] + end[1]) / 2) \
            .move_to_element_with_offset(canvas, *end).release().perform()
        session.clickable("[data-tool=polygon]").click()
        road = driver.find_elements(By.CSS_SELECTOR, "[data-label=road]")
        if road:
            road[0].click()
        corners = [(50, 300), (600, 300), (600, 460), (50, 460)]
        for x, y in corners:
            ActionChains(driver).move_to_element_with_offset(canvas, *client(x, y)).click().perform()
        session.keys(Keys.ENTER)
        session.shot("03-annotation")
        session.clickable("[data-testid=submit]").click()
        answer = wait_for(lambda: [r for r in results(tasks["annotation"]["id"]) if r.get("answer")], "the annotation answer")
        shapes = answer[0]["answer"]["annotations"]
        boxes = [s for s in shapes if s["type"] == "box"]
        polygons = [s for s in shapes if s["type"] == "polygon"]
        assert len(boxes) == 1 and len(polygons) == 1, shapes
        box = boxes[0]
        assert box["label"] == "car" and close(box["left"], 100) and close(box["top"], 100), box
        assert close(box["width"], 200) and close(box["height"], 150), box
        vertices = [(v["x"], v["y"]) for v in polygons[0]["vertices"]]
        assert polygons[0]["label"] == "road" and len(vertices) == 4, polygons
        assert all(close(a, c) and close(b, d) for (a, b), (c, d) in zip(vertices, corners)), vertices

        # A 6000×4000 image: drawn, a box dragged on it in image pixels, redraw time reported.
        session.go(f"#/work/{projects['large']['id']}")
        canvas = session.find("[data-testid=annotation-canvas]")
        session.wait.until(lambda d: d.execute_script("return Boolean(arguments[0].loupeView) && arguments[0].loupeView.imageReady()", canvas))
        time.sleep(0.5)
        # Frames per second while zooming in and out around the cursor: 40 wheel steps, a frame each.
        fps = driver.execute_async_script("""
            const [canvas, done] = arguments;
            const box = canvas.getBoundingClientRect();
            const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
            (async () => {
              await frame();
              const started = performance.now();
              for (let step = 0; step < 40; step += 1) {
                canvas.dispatchEvent(new WheelEvent('wheel', {deltaY: step < 20 ? -120 : 120, clientX: box.left + box.width / 2,
                  clientY: box.top + box.height / 2, bubbles: true, cancelable: true}));
                await frame();
              }
              done(40000 / (performance.now() - started));
            })();""", canvas)
        driver.execute_script("arguments[0].loupeView.fit()", canvas)
        time.sleep(0.3)
        session.clickable("[data-tool=box]").click()
        start, end = client(1000, 1000), client(4000, 3000)
        ActionChains(driver).move_to_element_with_offset(canvas, *start).click_and_hold() \
            .move_to_element_with_offset(canvas, *end).release().perform()
        session.shot("03b-large-image")
        pixel = 6000 / canvas.size["width"]  # about one screen pixel in image pixels
        session.clickable("[data-testid=submit]").click()
        answer = wait_for(lambda: [r for r in results(tasks["large"]["id"]) if r.get("answer")], "the large-image answer")
        roof = answer[0]["answer"]["annotations"][0]
        assert roof["label"] == "roof" and close(roof["left"], 1000, 2 * pixel) and close(roof["width"], 3000, 2 * pixel), roof
        print(f"6000x4000 image: {fps:.0f} frames/s while zooming")

        segmentation_flow(session, projects["segmentation"], tasks["segmentation"])

        # The Swarms components, a comparison and free text, each answer checked by the server's rules.
        session.go(f"#/work/{projects['components']['id']}")
        session.clickable("[data-component='2'] [data-option='2']").click()
        session.clickable("[data-component='3'] [data-value='3.5']").click()
        session.clickable("[data-component='4'] button[aria-label=Increase]").click()
        session.clickable("[data-component='6'] label").click()
        session.shot("04a-components")
        session.chord(Keys.ALT, "s")
        answer = wait_for(lambda: [r for r in results(tasks["components"]["id"]) if r.get("answer")], "the components answer")
        by_component = {entry["component"]: entry["result"] for entry in answer[0]["answer"]["results"]}
        assert by_component == {2: {"selectedOption": "No"}, 3: {"rating": 3.5}, 4: {"result": 4}, 6: {"checked": True}}, by_component

        session.go(f"#/work/{projects['comparison']['id']}")
        session.find("[data-choice=right]")
        session.keys("2")
        session.find("[name=why]").send_keys("Crisper edges")
        session.shot("04b-comparison")
        session.chord(Keys.ALT, "s")
        answer = wait_for(lambda: [r for r in results(tasks["comparison"]["id"]) if r.get("answer")], "the comparison answer")
        assert answer[0]["answer"] == {"choice": "right", "fields": {"why": "Crisper edges"}}, answer

        # A pre-filled answer is where the worker starts: submitted as it is, it is the answer.
        session.go(f"#/work/{projects['labels']['id']}")
        prefilled = session.find("textarea[name=answer]")
        assert json.loads(prefilled.get_attribute("value")) == {"label": "cat"}, prefilled.get_attribute("value")
        session.chord(Keys.ALT, "s")
        answer = wait_for(lambda: [r for r in results(tasks["prefill"]["id"]) if r.get("answer")], "the pre-filled answer")
        assert answer[0]["answer"] == {"label": "cat"}, answer

        session.go(f"#/work/{projects['text']['id']}")
        session.find("[name=text]").send_keys("A grey square")
        session.chord(Keys.ALT, "s")
        answer = wait_for(lambda: [r for r in results(tasks["text"]["id"]) if r.get("answer")], "the text answer")
        assert answer[0]["answer"] == {"text": "A grey square"}, answer

        # A PDF attachment is fetched by the server and framed as checked bytes (a blob), never by its URL.
        contracts = call("POST", "/projects", {"name": "Contracts", "type": "text", "instruction": "Summarise.", "settings": {"overlap": 1}})
        pdf_url = f"http://127.0.0.1:{PDF_PORT}/contract.pdf"
        contract = call("POST", f"/projects/{contracts['id']}/tasks", {"data": {"attachment": pdf_url, "attachment_type": "pdf"}})
        session.go(f"#/work/{contracts['id']}")
        frame = session.find("[data-testid=pdf-frame]")
        session.wait.until(lambda d: (frame.get_attribute("src") or "").startswith("blob:"))
        policy = urllib.request.urlopen(BASE + "/").headers["Content-Security-Policy"]
        assert "frame-src https: http: blob:" in policy and "object-src 'none'" in policy, policy
        session.shot("10c-pdf-attachment")
        session.find("[name=text]").send_keys("A one-page contract")
        session.chord(Keys.ALT, "s")
        wait_for(lambda: [r for r in results(contract["id"]) if r.get("answer")], "the contract summary")

        # An instruction's embedded document (Scale's pasted <iframe> tag) is framed, sandboxed,
        # when its origin is allowed (LOUPE_EMBED_ORIGINS), and shown as a link otherwise.
        handbook = call("POST", "/projects", {
            "name": "Handbook", "type": "text", "settings": {"overlap": 1},
            "instruction": "Read the guide first.\n\n"
                           f'<iframe src="{EMBED_ORIGIN}/guide.html" width="100%" height="400"></iframe>\n\n'
                           '<iframe src="https://elsewhere.example/doc"></iframe>'})
        call("POST", f"/projects/{handbook['id']}/tasks", {"data": {"text": "Summarise the guide."}})
        session.go(f"#/work/{handbook['id']}")
        embed = session.find("[data-testid=instruction-embed]")
        assert embed.get_attribute("src") == f"{EMBED_ORIGIN}/guide.html", embed.get_attribute("src")
        assert embed.get_attribute("sandbox") == "allow-scripts allow-same-origin allow-popups", embed.get_attribute("sandbox")
        refused = session.find("[data-testid=instruction-embed-refused]")
        assert "https://elsewhere.example is not on this server's list" in refused.text, refused.text
        assert refused.find_element(By.CSS_SELECTOR, "a").get_attribute("href") == "https://elsewhere.example/doc"
        assert len(driver.find_elements(By.CSS_SELECTOR, ".instruction iframe")) == 1
        policy = urllib.request.urlopen(BASE + "/").headers["Content-Security-Policy"]
        assert "frame-src" in policy and "https:" in policy, policy
        session.shot("10d-embedded-instruction")

        # The help overlay lists the active shortcuts, the remapped one included.
        session.go(f"#/work/{projects['text']['id']}")
        session.find("[data-testid=no-work]")
        driver.execute_script("document.activeElement && document.activeElement.blur()")
        session.keys("?")
        overlay = session.find("dialog#help[open]")
        assert "Alt+S" in overlay.text and "Submit the answer" in overlay.text, overlay.text
        session.keys(Keys.ESCAPE)

        # Transcription with two repeatable rows.
        session.go(f"#/work/{projects['transcription']['id']}")
        session.find("[name=shop]").send_keys("ACME")
        session.find("[data-row='0'] [name=item], [data-row='0'][name=item]").send_keys("bread")
        session.find("[data-row='0'] [name=price], [data-row='0'][name=price]").send_keys("2.10")
        session.clickable("[data-testid=add-row]").click()
        session.find("[data-row='1'] [name=item], [data-row='1'][name=item]").send_keys("milk")
        session.find("[data-row='1'] [name=price], [data-row='1'][name=price]").send_keys("0.99")
        session.shot("04-transcription")
        session.clickable("[data-testid=submit]").click()
        answer = wait_for(lambda: [r for r in results(tasks["transcription"]["id"]) if r.get("answer")], "the transcription answer")
        assert answer[0]["answer"]["fields"] == {"shop": "ACME"}, answer
        assert answer[0]["answer"]["repeatable_fields"] == [{"item": "bread", "price": "2.10"}, {"item": "milk", "price": "0.99"}], answer
        session.find("[data-testid=no-work]")
        driver.set_window_size(375, 800)
        session.go("#/home")
        session.find("[data-testid=my-stats]")
        session.shot("05-worker-home-phone")
        assert driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 1
        driver.set_window_size(1280, 800)
        session.console_errors()

        # The reviewer sends the categorization back with a reason.
        session.go("#/home")
        session.logout()
        session.login(*REVIEWER)
        session.go(f"#/review/{projects['categorization']['id']}")
        session.find("[data-decision=send_back]").click()
        session.find("[data-testid=reason-0]").send_keys("The picture shows a cat.")
        session.shot("06-review")
        session.clickable("[data-testid=submit-review]").click()
        result = wait_for(lambda: [r for r in results(tasks["categorization"]["id"]) if r["status"] == "sent_back"], "the sent-back result")
        assert result[0]["feedback"] == "The picture shows a cat.", result
        session.find("[data-testid=no-review]")
        session.console_errors()

        # The worker sees the feedback and redoes it.
        session.logout()
        session.login(*WORKER)
        session.find("[data-testid=feedback]")
        session.shot("07-worker-feedback")
        session.go(f"#/work/{projects['categorization']['id']}")
        session.find("[data-testid=feedback]")
        session.find("[data-category=cat]")
        session.keys("1")
        session.chord(Keys.ALT, "s")
        redone = wait_for(lambda: [r for r in results(tasks["categorization"]["id"]) if r["status"] != "sent_back" and r.get("answer", {}).get("category") == "cat"], "the redone answer")
        assert redone, results(tasks["categorization"]["id"])
        session.console_errors()

        # The requester's and admin's screens, with the admin login printed at first start.
        session.logout()
        session.login("admin@loupe.local", "admin-password-123")
        session.go("#/projects")
        session.find("[data-testid=projects]")
        session.shot("08-projects")
        session.go(f"#/projects/{projects['annotation']['id']}")
        session.find("[data-testid=throughput-chart]")
        assert "1" in session.find("[data-testid=progress]").text
        session.find("table[data-testid=events] tbody tr")
        session.shot("09-project")
        upload = os.path.join(SHOTS, "batch.jsonl")
        with open(upload, "w") as handle:
            for number in range(3):
                handle.write(json.dumps({"data": {"attachment": png(64, 48), "image_width": 64, "image_height": 48, "n": number}}) + "\n")
        form = session.find("[data-testid=batch-form]")
        form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(upload)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        session.wait.until(lambda d: "3 tasks created" in form.text)
        assert form.find_element(By.CSS_SELECTOR, "progress").get_attribute("value") == "1"
        session.shot("09b-batch-uploaded")
        os.remove(upload)
        # A CSV file goes to the server as it is; its cells are typed by the creation schema there.
        upload = os.path.join(SHOTS, "batch.csv")
        with open(upload, "w") as handle:
            handle.write("attachment,image_width,image_height,n\r\n")
            for number in range(2):
                handle.write(f"\"{png(64, 48)}\",64,48,{number}\r\n")
        session.go(f"#/projects/{projects['annotation']['id']}")
        form = session.find("[data-testid=batch-form]")
        form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(upload)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        session.wait.until(lambda d: "2 tasks created" in form.text)
        os.remove(upload)
        session.go("#/projects/new")
        form = session.find("[data-testid=project-form]")
        session.shot("10-project-new")
        form.find_element(By.CSS_SELECTOR, "[name=name]").send_keys("Parks")
        Select(form.find_element(By.CSS_SELECTOR, "[name='type-choice']")).select_by_value("imageannotation")
        form.find_element(By.CSS_SELECTOR, "[name=instruction]").send_keys("# Trees\n\nOutline **every** tree.")
        session.wait.until(lambda d: "every" in d.find_element(By.CSS_SELECTOR, ".markdown-preview strong").text)
        form.find_element(By.CSS_SELECTOR, ".label-value").send_keys("tree")
        form.find_element(By.CSS_SELECTOR, "[name='geometries.polygon']").click()
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        session.wait.until(lambda d: "#/projects/" in d.current_url and "/new" not in d.current_url)
        created = call("GET", "/projects/" + driver.current_url.rsplit("/", 1)[1])
        assert created["params"]["geometries"] == {"box": {"objects_to_annotate": ["tree"]}, "polygon": {"objects_to_annotate": ["tree"]}}, created
        assert created["instruction"].startswith("# Trees"), created
        # Phone width: the project page and the new-project form fit without sideways scrolling.
        driver.set_window_size(375, 800)
        for route, name in [(f"#/projects/{projects['annotation']['id']}", "13-project-phone"), ("#/projects/new", "14-project-new-phone")]:
            session.go(route)
            session.find("[data-testid=throughput-chart], [data-testid=project-form]")
            time.sleep(0.3)
            overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name}: the page is {overflow}px wider than the phone screen"
            session.shot(name)
        driver.set_window_size(1280, 800)
        session.go("#/admin/users")
        session.find("[data-testid=user-form]")
        session.shot("11-users")
        session.go("#/admin/keys")
        form = session.find("[data-testid=key-form]")
        form.find_element(By.CSS_SELECTOR, "[name=name]").send_keys("from the browser")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        secret = session.find("[data-testid=new-key]").get_attribute("value")
        assert secret.startswith("live_"), secret
        assert call("GET", "/projects", token=secret)["projects"], "the new key does not work"
        Select(form.find_element(By.CSS_SELECTOR, "[name=role]")).select_by_value("read_only")
        form.find_element(By.CSS_SELECTOR, "[name=name]").send_keys("dashboards")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        # The list is drawn anew after the create, so read it fresh each time.
        session.wait.until(lambda d: "read only" in d.execute_script(
            "return document.querySelector('[data-testid=keys]')?.textContent || ''"))
        session.shot("12-keys")
        # The callback auth keys: live and test shown, and rotating the test one changes only it.
        session.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-callback-key=scale-test] [data-action=rotate]"))
        # Read through the DOM each time: the table is drawn anew after a rotation.
        shown = lambda mode: driver.execute_script(
            f"return document.querySelector('[data-callback-key=scale-{mode}] [data-testid=callback-key-value]')"
            "?.textContent || ''")
        live_before, test_before = shown("live"), shown("test")
        assert len(test_before) == 64 and live_before != test_before, (live_before, test_before)
        session.find("[data-callback-key=scale-test] [data-action=rotate]").click()
        session.find("dialog[open] button.danger").click()
        session.wait.until(lambda d: shown("test") != test_before)
        assert shown("live") == live_before
        rotated = [k for k in call("GET", "/callback-auth-keys")["keys"] if k["mode"] == "test"][0]["key"]
        assert shown("test") == rotated
        session.shot("13-callback-keys")
        session.console_errors()
        assert not session.errors, "console errors:\n" + "\n".join(session.errors)
        assert not session.accessibility, "accessibility problems (axe-core):\n" + "\n".join(session.accessibility)
        print("OK browser flows: categorization, box + polygon, segmentation, transcription rows, send back, redo")
    except Exception:
        session.shot("failure")
        raise
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
