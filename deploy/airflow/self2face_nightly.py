"""The nightly self2face retrain as Airflow DAGs, one per platform, each with the providers' standard operators.

- ``self2face_nightly_emr``: the pipeline as an EMR step (EmrAddStepsOperator) and a sensor that waits for it.
- ``self2face_nightly_dataproc``: the pipeline as a Dataproc Spark job (DataprocSubmitJobOperator).
- ``self2face_nightly_k8s``: the SparkApplication of deploy/k8s/spark-application.yaml (SparkKubernetesOperator)
  and a sensor on its state.

Each runs at 02:00 with ``max_active_runs=1`` (the root's lock also refuses a second pipeline, docs/PIPELINE.md).
Airflow Variables: ``self2face_bucket`` (the bucket), ``self2face_emr_cluster`` (EMR cluster id),
``self2face_gcp_project``, ``self2face_gcp_region``, ``self2face_dataproc_cluster``. The jar and config files are
uploaded as deploy/emr/add-pipeline-step.sh and deploy/dataproc/submit-pipeline.sh do.
Needs apache-airflow-providers-amazon, -google and -cncf-kubernetes.
"""
import json
import pathlib
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor
from airflow.providers.cncf.kubernetes.operators.spark_kubernetes import SparkKubernetesOperator
from airflow.providers.cncf.kubernetes.sensors.spark_kubernetes import SparkKubernetesSensor
from airflow.providers.google.cloud.operators.dataproc import DataprocSubmitJobOperator

HERE = pathlib.Path(__file__).resolve().parent
MAIN_CLASS = "dev.self2face.job.cli.Main"
JAVA17_OPENS = (HERE.parent / "java17-opens.txt").read_text().strip()
ND4J = "-Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=8G"
DEFAULTS = {"retries": 0, "execution_timeout": timedelta(hours=8)}
SCHEDULE = "0 2 * * *"


def bucket():
    return Variable.get("self2face_bucket")


def emr_steps():
    """deploy/emr/pipeline-step.json with the bucket and the Java 17 flags filled in."""
    text = (HERE.parent / "emr" / "pipeline-step.json").read_text()
    return json.loads(text.replace("JAVA17_OPENS", JAVA17_OPENS).replace("BUCKET", bucket()))


with DAG("self2face_nightly_emr", schedule=SCHEDULE, start_date=datetime(2026, 1, 1), catchup=False,
         max_active_runs=1, default_args=DEFAULTS, tags=["self2face"]) as emr_dag:
    add_step = EmrAddStepsOperator(
        task_id="add_pipeline_step",
        job_flow_id="{{ var.value.self2face_emr_cluster }}",
        steps=emr_steps(),
    )
    wait_for_step = EmrStepSensor(
        task_id="wait_for_pipeline_step",
        job_flow_id="{{ var.value.self2face_emr_cluster }}",
        step_id="{{ task_instance.xcom_pull(task_ids='add_pipeline_step')[0] }}",
        poke_interval=60,
        timeout=8 * 3600,
    )
    add_step >> wait_for_step


with DAG("self2face_nightly_dataproc", schedule=SCHEDULE, start_date=datetime(2026, 1, 1), catchup=False,
         max_active_runs=1, default_args=DEFAULTS, tags=["self2face"]) as dataproc_dag:
    DataprocSubmitJobOperator(
        task_id="pipeline",
        project_id="{{ var.value.self2face_gcp_project }}",
        region="{{ var.value.self2face_gcp_region }}",
        job={
            "placement": {"cluster_name": "{{ var.value.self2face_dataproc_cluster }}"},
            "spark_job": {
                "main_class": MAIN_CLASS,
                "jar_file_uris": ["gs://{{ var.value.self2face_bucket }}/self2face/self2face.jar"],
                "file_uris": ["gs://{{ var.value.self2face_bucket }}/self2face/dataproc.conf",
                              "gs://{{ var.value.self2face_bucket }}/self2face/nightly.conf"],
                "properties": {
                    "spark.driver.extraJavaOptions": JAVA17_OPENS + " " + ND4J,
                    "spark.executor.extraJavaOptions": JAVA17_OPENS + " " + ND4J,
                    "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
                    "spark.kryo.registrator": "dev.self2face.job.spark.JobKryoRegistrator",
                },
                "args": ["pipeline", "--conf", "dataproc.conf", "--conf", "nightly.conf",
                         "--root", "gs://{{ var.value.self2face_bucket }}/self2face/me",
                         "--input", "gs://{{ var.value.self2face_bucket }}/self2face/videos/",
                         "--set", "etl.landmarks-model=gs://{{ var.value.self2face_bucket }}/self2face/"
                                  "shape_predictor_68_face_landmarks.dat",
                         "--set", "etl.identity-weights=gs://{{ var.value.self2face_bucket }}/self2face/face-api"],
            },
        },
    )


with DAG("self2face_nightly_k8s", schedule=SCHEDULE, start_date=datetime(2026, 1, 1), catchup=False,
         max_active_runs=1, default_args=DEFAULTS, tags=["self2face"]) as k8s_dag:
    submit = SparkKubernetesOperator(
        task_id="submit_pipeline",
        namespace="self2face",
        application_file=str(HERE.parent / "k8s" / "spark-application.yaml"),
        do_xcom_push=True,
    )
    watch = SparkKubernetesSensor(
        task_id="watch_pipeline",
        namespace="self2face",
        application_name="self2face-pipeline",
        poke_interval=60,
        timeout=8 * 3600,
    )
    submit >> watch
