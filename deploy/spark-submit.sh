#!/usr/bin/env bash
# spark-submit for self2face on any cluster manager (standalone, YARN/EMR, Dataproc, Kubernetes).
#   deploy/spark-submit.sh --master yarn --deploy-mode cluster -- pipeline --conf conf/emr.conf --root s3a://b/me --input s3a://b/videos/
# Options before "--" go to spark-submit, the rest to self2face. It adds what every self2face job needs:
#   - the jar: job/target/self2face.jar (mvn -B -DskipTests package; -Pgpu for CUDA executors) or $SELF2FACE_JAR
#   - the Java 17 --add-opens flags for the driver and the executors (java17-opens.txt)
#   - Kryo with self2face's registrator (ND4J arrays, the ETL's records)
#   - ND4J's off-heap limit: $SELF2FACE_OFFHEAP (default 4g) as javacpp maxbytes, and as executor memory overhead
#     on top of Spark's own default (ND4J's arrays live outside the Java heap)
#   - few glibc malloc arenas (MALLOC_ARENA_MAX=2) for the executors and a client-mode driver: native memory one
#     task thread frees (ND4J, OpenCV, FFmpeg) is reused by the next instead of each thread's arena keeping its peak
#   - s3a: --packages hadoop-aws 3.3.4 ($SELF2FACE_PACKAGES; set it empty on EMR and Dataproc, which ship s3a)
#   - GPUs when asked: $SELF2FACE_GPUS=N GPUs per executor, one per task, found by gpu-discovery.sh
#   - self2face's --conf FILE arguments: shipped with --files in cluster deploy mode (the driver runs elsewhere)
# Without $SPARK_HOME/bin/spark-submit (a Spark made of its jars only) it runs SparkSubmit with java directly, in
# client mode, with the same settings ($SELF2FACE_DRIVER_MEMORY, default 4g, for the driver's heap).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${SELF2FACE_JAR:-$here/../job/target/self2face.jar}"
[ -f "$jar" ] || { echo "spark-submit.sh: $jar not found: run 'mvn -B -DskipTests package' first" >&2; exit 2; }
spark_args=()
cluster_mode=false
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  [ "$1" = "--deploy-mode" ] && [ "${2:-}" = "cluster" ] && cluster_mode=true
  spark_args+=("$1"); shift
done
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "spark-submit.sh: no self2face command after --" >&2; exit 2; }

opens="$(tr '\n' ' ' < "$here/java17-opens.txt")"
offheap="${SELF2FACE_OFFHEAP:-4g}"
nd4j="-Dorg.bytedeco.javacpp.maxbytes=${offheap^^} -Dorg.bytedeco.javacpp.maxphysicalbytes=${offheap^^}"
settings=(
  --conf "spark.driver.extraJavaOptions=$opens $nd4j"
  --conf "spark.executor.extraJavaOptions=$opens $nd4j"
  --conf "spark.serializer=org.apache.spark.serializer.KryoSerializer"
  --conf "spark.kryo.registrator=dev.self2face.job.spark.JobKryoRegistrator"
  --conf "spark.executor.memoryOverhead=$offheap"
  --conf "spark.executorEnv.MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}"
)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
packages="${SELF2FACE_PACKAGES-org.apache.hadoop:hadoop-aws:3.3.4}"
[ -n "$packages" ] && settings+=(--packages "$packages")
files=()
if [ -n "${SELF2FACE_GPUS:-}" ]; then
  settings+=(--conf "spark.executor.resource.gpu.amount=$SELF2FACE_GPUS"
             --conf "spark.task.resource.gpu.amount=1"
             --conf "spark.executor.resource.gpu.discoveryScript=./gpu-discovery.sh")
  files+=("$here/gpu-discovery.sh")
fi

# self2face's own arguments; in cluster mode its --conf files travel with the job and are named by file name
app_args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--conf" ] && [ $# -gt 1 ] && $cluster_mode && [[ "$2" != *://* ]]; then
    files+=("$2"); app_args+=("--conf" "$(basename "$2")"); shift 2; continue
  fi
  app_args+=("$1"); shift
done
[ ${#files[@]} -gt 0 ] && settings+=(--files "$(IFS=,; echo "${files[*]}")")

if [ -n "${SPARK_HOME:-}" ] && [ ! -x "$SPARK_HOME/bin/spark-submit" ] && [ -d "$SPARK_HOME/jars" ]; then
  # shellcheck disable=SC2086
  exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" $opens $nd4j "-Xmx${SELF2FACE_DRIVER_MEMORY:-4g}" \
    -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --class dev.self2face.job.cli.Main "${settings[@]}" "${spark_args[@]}" "$jar" "${app_args[@]}"
fi
exec "${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit" \
  --class dev.self2face.job.cli.Main "${settings[@]}" "${spark_args[@]}" "$jar" "${app_args[@]}"
