"""Reads Loupe's YOLO and Pascal VOC zip exports the way the tools that consume them do.

    python3 Tests/Exports/check_zip_exports.py yolo.zip voc.zip

YOLO: zipfile's CRC check, data.yaml loaded by PyYAML with nc == len(names) and names numbered
0..nc-1 matching classes.txt, and every labels/*.txt line `class cx cy w h` with a known class and
coordinates in [0, 1] (what Ultralytics' label checker requires). VOC: every Annotations/*.xml
parsed by ElementTree with a size and objects whose names are in labels.txt and whose boxes are
ordered. Prints a summary; exits 1 naming the first problem.
"""
import sys
import xml.etree.ElementTree as ET
import zipfile

import yaml


def fail(message):
    print("FAIL " + message)
    sys.exit(1)


def check_yolo(path):
    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        if bad:
            fail(f"yolo: bad CRC in {bad}")
        names = archive.namelist()
        data = yaml.safe_load(archive.read("data.yaml"))
        classes = archive.read("classes.txt").decode().splitlines()
        if data["nc"] != len(data["names"]) or [data["names"][i] for i in range(data["nc"])] != classes:
            fail(f"yolo: data.yaml names {data['names']} do not match classes.txt {classes}")
        labels = [n for n in names if n.startswith("labels/") and n.endswith(".txt")]
        boxes = 0
        for name in labels:
            for line in archive.read(name).decode().splitlines():
                fields = line.split()
                if len(fields) != 5:
                    fail(f"yolo: {name}: {line!r} is not 5 fields")
                if not 0 <= int(fields[0]) < data["nc"]:
                    fail(f"yolo: {name}: class {fields[0]} outside 0..{data['nc'] - 1}")
                if not all(0.0 <= float(v) <= 1.0 for v in fields[1:]):
                    fail(f"yolo: {name}: coordinates outside [0, 1]: {line!r}")
                boxes += 1
        print(f"yolo: {len(labels)} label files, {boxes} boxes, {data['nc']} classes {classes}")


def check_voc(path):
    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        if bad:
            fail(f"voc: bad CRC in {bad}")
        labels = set(archive.read("labels.txt").decode().splitlines())
        files = [n for n in archive.namelist() if n.startswith("Annotations/")]
        objects = 0
        for name in files:
            root = ET.fromstring(archive.read(name))
            if root.tag != "annotation" or root.find("size/width") is None:
                fail(f"voc: {name} has no annotation size")
            for obj in root.iter("object"):
                if obj.findtext("name") not in labels:
                    fail(f"voc: {name}: {obj.findtext('name')!r} not in labels.txt")
                box = {k: float(obj.findtext("bndbox/" + k)) for k in ("xmin", "ymin", "xmax", "ymax")}
                if not (box["xmin"] <= box["xmax"] and box["ymin"] <= box["ymax"]):
                    fail(f"voc: {name}: box {box} is not ordered")
                objects += 1
        print(f"voc: {len(files)} annotation files, {objects} objects")


check_yolo(sys.argv[1])
check_voc(sys.argv[2])
print("OK")
