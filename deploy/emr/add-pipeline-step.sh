#!/usr/bin/env bash
# Submits the pipeline to an EMR cluster as a step and waits for it:
#   BUCKET=my-bucket CLUSTER_ID=j-… deploy/emr/add-pipeline-step.sh
# Uploads the shaded jar (GPU build: mvn -B -DskipTests -Pgpu package), the config files and dlib's landmark model,
# fills BUCKET and the Java 17 flags into pipeline-step.json, and adds the step.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${BUCKET:?}" "${CLUSTER_ID:?}"
aws s3 cp "$here/../../job/target/self2face.jar" "s3://$BUCKET/self2face/self2face.jar"
aws s3 cp "$here/../../conf/emr.conf" "s3://$BUCKET/self2face/emr.conf"
aws s3 cp "$here/../../conf/nightly.conf" "s3://$BUCKET/self2face/nightly.conf"
model="${LANDMARKS:-$HOME/.cache/self2face/media/shape_predictor_68_face_landmarks.dat}"
aws s3 cp "$model" "s3://$BUCKET/self2face/shape_predictor_68_face_landmarks.dat"
# face-api's face recognition weights (the ETL's identity stage), from bin/fetch-sample-media's cache
weights="${FACE_API:-$HOME/.cache/self2face/media/face-api}"
aws s3 cp "$weights" "s3://$BUCKET/self2face/face-api/" --recursive --exclude "*" --include "face_recognition_model*"
opens="$(tr '\n' ' ' < "$here/../java17-opens.txt" | sed 's/ *$//')"
step="$(mktemp)"
sed -e "s|BUCKET|$BUCKET|g" -e "s|JAVA17_OPENS|$opens|g" "$here/pipeline-step.json" > "$step"
id="$(aws emr add-steps --cluster-id "$CLUSTER_ID" --steps "file://$step" --query 'StepIds[0]' --output text)"
echo "step $id added; waiting for it to finish"
aws emr wait step-complete --cluster-id "$CLUSTER_ID" --step-id "$id"
aws s3 cp "s3://$BUCKET/self2face/me/models/pix2pix/LATEST" -
