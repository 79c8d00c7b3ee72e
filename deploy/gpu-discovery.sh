#!/usr/bin/env bash
# Spark GPU resource discovery (spark.executor.resource.gpu.discoveryScript): prints the GPUs this executor's host
# has, as Spark expects: {"name": "gpu", "addresses": ["0", "1", ...]}. Needs nvidia-smi (NVIDIA driver).
set -euo pipefail
addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader | sed 's/ //g' | awk '{printf "%s\"%s\"", (NR>1?",":""), $1}')
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
