#!/usr/bin/env bash
# spark-submit wrapper for self2face on a cluster (YARN/EMR, Dataproc, standalone, Kubernetes).
#   deploy/submit.sh --master yarn -- etl --input s3a://videos/me/ --output s3a://datasets/me
# Options before "--" go to spark-submit, the rest to self2face. The jar is job/target/self2face.jar (build it with
# `mvn -B -DskipTests package`, or -Pgpu for CUDA executors) or $SELF2FACE_JAR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${SELF2FACE_JAR:-$here/job/target/self2face.jar}"
[ -f "$jar" ] || { echo "submit.sh: $jar not found: run 'mvn -B -DskipTests package' first" >&2; exit 2; }
spark_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do spark_args+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
# the --add-opens set Spark's own launcher uses on Java 17, for the driver and the executors
opens="$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' "$here/pom.xml" 2>/dev/null || true)"
opens="${opens:-$(cat "$here/deploy/java17-opens.txt")}"
# hadoop-aws is not in the jar (EMR and Dataproc bring their own s3a); plain Spark distributions need it
packages="${SELF2FACE_PACKAGES-org.apache.hadoop:hadoop-aws:3.3.4}"
exec "${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit" \
  --class dev.self2face.job.cli.Main \
  ${packages:+--packages "$packages"} \
  --conf "spark.driver.extraJavaOptions=$opens" \
  --conf "spark.executor.extraJavaOptions=$opens" \
  "${spark_args[@]}" "$jar" "$@"
