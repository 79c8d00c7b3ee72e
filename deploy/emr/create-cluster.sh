#!/usr/bin/env bash
# An EMR cluster for self2face: EMR 7 (Spark 3.5, Java 17), one CPU primary node, GPU core nodes (g4dn: one NVIDIA
# T4 each; EMR installs the NVIDIA driver on its GPU instance types), the bootstrap below on every node.
#   BUCKET=my-bucket SUBNET=subnet-… KEY=my-key deploy/emr/create-cluster.sh
# Prints the cluster id; deploy/emr/add-pipeline-step.sh submits the pipeline to it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${BUCKET:?the S3 bucket for the jar, config, videos and outputs}"
core_type="${CORE_TYPE:-g4dn.2xlarge}"
core_count="${CORE_COUNT:-2}"
aws s3 cp "$here/bootstrap.sh" "s3://$BUCKET/self2face/bootstrap.sh"
aws s3 cp "$here/../gpu-discovery.sh" "s3://$BUCKET/self2face/gpu-discovery.sh"
aws emr create-cluster \
  --name self2face \
  --release-label "${RELEASE:-emr-7.5.0}" \
  --applications Name=Spark \
  --use-default-roles \
  --ec2-attributes "SubnetId=${SUBNET:?},KeyName=${KEY:?}" \
  --instance-groups \
    "InstanceGroupType=MASTER,InstanceCount=1,InstanceType=${PRIMARY_TYPE:-m5.2xlarge}" \
    "InstanceGroupType=CORE,InstanceCount=$core_count,InstanceType=$core_type" \
  --bootstrap-actions "Path=s3://$BUCKET/self2face/bootstrap.sh,Args=[s3://$BUCKET/self2face]" \
  --configurations "file://$here/configurations.json" \
  --log-uri "s3://$BUCKET/self2face/emr-logs/" \
  --query ClusterId --output text
