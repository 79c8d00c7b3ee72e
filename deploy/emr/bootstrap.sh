#!/usr/bin/env bash
# EMR bootstrap action, on every node before Spark starts: the executors' video cache on the instance store, and
# Spark's GPU discovery script where configurations.json points to it. The job's natives (OpenCV, FFmpeg, ND4J)
# are inside self2face.jar; dlib's landmark model is read from S3 (etl.landmarks-model).
set -euo pipefail
from="${1:?s3://BUCKET/self2face}"
sudo mkdir -p /mnt/self2face-cache /opt/self2face
sudo chmod 1777 /mnt/self2face-cache
sudo aws s3 cp "$from/gpu-discovery.sh" /opt/self2face/gpu-discovery.sh
sudo chmod 755 /opt/self2face/gpu-discovery.sh
