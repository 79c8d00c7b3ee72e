#!/usr/bin/env bash
# Dataproc initialization action, on every node: the executors' video cache on the local SSD mount, and Spark's GPU
# discovery script where the cluster's properties point to it. Its folder in the bucket is the action's metadata.
set -euo pipefail
from="$(/usr/share/google/get_metadata_value attributes/self2face-from)"
mkdir -p /mnt/1/self2face-cache /opt/self2face
chmod 1777 /mnt/1/self2face-cache
gsutil cp "$from/gpu-discovery.sh" /opt/self2face/gpu-discovery.sh
chmod 755 /opt/self2face/gpu-discovery.sh
