#!/usr/bin/env bash
# A Dataproc cluster for self2face: image 2.2 (Spark 3.5), two workers with one NVIDIA T4 each, the NVIDIA driver
# installed by Dataproc's GPU initialization action, Spark's GPU scheduling configured.
#   PROJECT=my-project REGION=europe-west4 BUCKET=my-bucket deploy/dataproc/create-cluster.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PROJECT:?}" "${REGION:?}" "${BUCKET:?}"
gsutil cp "$here/../gpu-discovery.sh" "$here/init-self2face.sh" "gs://$BUCKET/self2face/"
gcloud dataproc clusters create "${CLUSTER:-self2face}" \
  --project "$PROJECT" --region "$REGION" \
  --image-version "${IMAGE:-2.2-debian12}" \
  --master-machine-type n1-standard-8 \
  --worker-machine-type "${WORKER_TYPE:-n1-standard-8}" --num-workers "${WORKERS:-2}" \
  --worker-accelerator "type=${GPU_TYPE:-nvidia-tesla-t4},count=1" \
  --initialization-actions "gs://goog-dataproc-initialization-actions-$REGION/gpu/install_gpu_driver.sh,gs://$BUCKET/self2face/init-self2face.sh" \
  --metadata "gpu-driver-provider=NVIDIA,self2face-from=gs://$BUCKET/self2face" \
  --properties "^#^spark:spark.executor.resource.gpu.amount=1#spark:spark.task.resource.gpu.amount=1#spark:spark.executor.resource.gpu.discoveryScript=/opt/self2face/gpu-discovery.sh#spark:spark.executor.memoryOverhead=8g#spark:spark.dynamicAllocation.enabled=false"
