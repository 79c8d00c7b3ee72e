#!/usr/bin/env bash
# The pipeline as a Dataproc job (cluster mode on YARN), with the dataset, runs and models on Cloud Storage:
#   PROJECT=my-project REGION=europe-west4 BUCKET=my-bucket deploy/dataproc/submit-pipeline.sh
# Uploads the shaded jar (mvn -B -DskipTests -Pgpu package), the config files and dlib's landmark model first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PROJECT:?}" "${REGION:?}" "${BUCKET:?}"
gsutil cp "$here/../../job/target/self2face.jar" "gs://$BUCKET/self2face/self2face.jar"
gsutil cp "$here/../../conf/dataproc.conf" "$here/../../conf/nightly.conf" "gs://$BUCKET/self2face/"
model="${LANDMARKS:-$HOME/.cache/self2face/media/shape_predictor_68_face_landmarks.dat}"
gsutil cp "$model" "gs://$BUCKET/self2face/shape_predictor_68_face_landmarks.dat"
# face-api's face recognition weights (the ETL's identity stage), from bin/fetch-sample-media's cache
weights="${FACE_API:-$HOME/.cache/self2face/media/face-api}"
gsutil cp "$weights"/face_recognition_model* "gs://$BUCKET/self2face/face-api/"
opens="$(tr '\n' ' ' < "$here/../java17-opens.txt" | sed 's/ *$//')"
nd4j="-Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=8G"
gcloud dataproc jobs submit spark \
  --project "$PROJECT" --region "$REGION" --cluster "${CLUSTER:-self2face}" \
  --class dev.self2face.job.cli.Main \
  --jars "gs://$BUCKET/self2face/self2face.jar" \
  --files "gs://$BUCKET/self2face/dataproc.conf,gs://$BUCKET/self2face/nightly.conf" \
  --properties "^#^spark.driver.extraJavaOptions=$opens $nd4j#spark.executor.extraJavaOptions=$opens $nd4j#spark.serializer=org.apache.spark.serializer.KryoSerializer#spark.kryo.registrator=dev.self2face.job.spark.JobKryoRegistrator" \
  -- pipeline --conf dataproc.conf --conf nightly.conf \
     --root "gs://$BUCKET/self2face/me" --input "gs://$BUCKET/self2face/videos/" \
     --set "etl.landmarks-model=gs://$BUCKET/self2face/shape_predictor_68_face_landmarks.dat" \
     --set "etl.identity-weights=gs://$BUCKET/self2face/face-api"
