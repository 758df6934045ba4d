#!/usr/bin/env bash
# The curl examples of the Scale v1 reference (../shared/seeds/scale-api-v1.txt), copied as written;
# only the host (https://api.scaleapi.com) and {{ApiKey}} are replaced. Each must answer 200.
#   scale_seed_curl.sh BASE_URL KEY
set -uo pipefail
BASE=$1
KEY=$2
count=0
run() {
  local out code
  out=$("$@" -s -w $'\n%{http_code}')
  code=${out##*$'\n'}
  if [ "$code" != 200 ]; then echo "FAIL ($code): ${out%$'\n'*}"; exit 1; fi
  count=$((count + 1))
  LAST=${out%$'\n'*}
}

run curl "$BASE/scale/v1/task/annotation" \
  -u "$KEY:" \
  -d callback_url="http://www.example.com/callback" \
  -d instruction="Draw a box around each **car** and **pedestrian**." \
  -d attachment_type=image \
  -d attachment="http://i.imgur.com/XOJbalC.jpg" \
  -d objects_to_annotate="car" \
  -d objects_to_annotate="pedestrian" \
  -d with_labels=true \
  -d min_width="30" \
  -d min_height="30"
TASK_ID=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["task_id"])' "$LAST")

run curl "$BASE/scale/v1/task/pointannotation" \
  -u "$KEY:" \
  -d callback_url="http://www.example.com/callback" \
  -d instruction="Draw a point on every **headlight** and **brakelight** of a car in the image." \
  -d attachment_type=image \
  -d attachment="http://i.imgur.com/XOJbalC.jpg" \
  -d objects_to_annotate="headlight" \
  -d objects_to_annotate="brakelight" \
  -d with_labels=true

run curl "$BASE/scale/v1/task/lineannotation" \
  -u "$KEY:" \
  -d callback_url="http://www.example.com/callback" \
  -d instruction="Annotate lines over all of the **lane lines** in the street-level image." \
  -d attachment_type=image \
  -d attachment="http://i.imgur.com/XOJbalC.jpg" \
  -d objects_to_annotate="solid line" \
  -d objects_to_annotate="dashed line" \
  -d with_labels=true

run curl "$BASE/scale/v1/task/cuboidannotation" \
  -u "$KEY:" \
  -d callback_url="http://www.example.com/callback" \
  -d instruction="Draw a box around each **car** and **pedestrian**." \
  -d attachment_type=image \
  -d attachment="http://i.imgur.com/XOJbalC.jpg" \
  -d objects_to_annotate="car" \
  -d objects_to_annotate="pedestrian" \
  -d with_labels=true \
  -d min_width="30" \
  -d min_height="30"

run curl "$BASE/scale/v1/task/polygonannotation" \
  -u "$KEY:" \
  -d callback_url="http://www.example.com/callback" \
  -d instruction="Draw a tight polygon around every **car** in the image." \
  -d attachment_type=image \
  -d attachment="http://i.imgur.com/XOJbalC.jpg" \
  -d objects_to_annotate="car" \
  -d objects_to_annotate="truck" \
  -d with_labels=true

run curl "$BASE/scale/v1/task/segmentannotation" \
  -u "$KEY:" \
  -d callback_url="http://www.example.com/callback" \
  -d instruction="Please segment the image using the given labels." \
  -d attachment_type=image \
  -d attachment="http://i.imgur.com/XOJbalC.jpg" \
  -d labels="background" \
  -d labels="road" \
  -d labels="vegetation" \
  -d labels="lane marking" \
  -d instance_labels="vehicle" \
  -d instance_labels="pedestrian" \
  -d allow_unlabeled=false

run curl "$BASE/scale/v1/task/annotation" \
  -u "$KEY:" \
  -H "Content-Type: application/json" \
  -X POST \
  -d '
{
    "urgency": "standard",
    "callback_url": "http://www.example.com/callback",
    "attachment": "https://i.imgur.com/VDPoOZE.jpg",
    "attachment_type": "image",
    "metadata": {
        "some_metadata": "some metadata"
    },
    "instruction": "Annotate the cars and pedestrians",
    "min_width": 30,
    "min_height": 30,
    "objects_to_annotate": [
      {
        "choice": "Vehicle",
        "subchoices": ["Car", "Truck", "Train", "Motorcycle"]
      },
      {
        "choice": "Pedestrian",
        "subchoices": ["Animal", "Adult", "Child"]
      }
    ],
    "annotation_attributes": {
        "occlusion": {
            "description": "What percent of the object is occluded?",
            "choices": ["0%", "25%", "50%", "75%"],
            "conditions": {
                "label_condition": {
                    "label": ["Car", "Truck", "Motorcycle"]
                }
            }
        }
    }
}'

run curl "$BASE/scale/v1/task/categorization" \
  -u "$KEY:" \
  -d callback_url="http://www.example.com/callback" \
  -d instruction="Is this company public or private?" \
  -d attachment_type=website \
  -d attachment="http://www.google.com/" \
  -d categories=public \
  -d categories=private

run curl "$BASE/scale/v1/task/comparison" \
  -u "$KEY:" \
  -d callback_url="http://www.example.com/callback" \
  -d instruction="Do the objects in these images have the same pattern?" \
  -d attachment_type=image \
  -d attachments="http://i.ebayimg.com/00/\$T2eC16dHJGwFFZKjy5ZjBRfNyMC4Ig~~_32.JPG" \
  -d attachments="http://images.wisegeek.com/checkered-tablecloth.jpg" \
  -d choices="yes" \
  -d choices="no"

run curl "$BASE/scale/v1/task/transcription" \
  -u "$KEY:" \
  -d callback_url="http://www.example.com/callback" \
  -d instruction="Transcribe the given fields." \
  -d attachment_type=website \
  -d attachment="http://news.ycombinator.com/" \
  -d fields[title]="Title of Webpage" \
  -d fields[top_result]="Title of the top result"

run curl "$BASE/scale/v1/projects" \
  -u "$KEY:" \
  -H "Content-Type: application/json" \
  -X POST \
  -d '
{
    "type": "annotation",
    "name": "kitten_labeling",
    "params": {
        "instruction": "please label the kittens in this image"
    }
}'

run curl "$BASE/scale/v1/projects/kitten_labeling" \
  -u "$KEY:" \
  -H "Content-Type: application/json"

run curl "$BASE/scale/v1/projects/kitten_labeling/setParams" \
  -u "$KEY:" \
  -H "Content-Type: application/json" \
  -X POST \
  -d '
{
    "instruction": "please label the kittens and the cats in this image"
}'

run curl "$BASE/scale/v1/task/$TASK_ID" \
  -u "$KEY:"

run curl "$BASE/scale/v1/tasks" \
  -u "$KEY:"

echo "OK $count seed examples answered 200"
