# One image for every service: the launcher jar on a Java 17 runtime. Each Kubernetes Deployment runs it with its own
# arguments (`up --profile=prod --services=…`); the same image runs the operator commands (`migrate`, `tenant create`).
# Build the jar first, then the image (docs/kubernetes.md):
#   mvn -B -pl launcher -am package -DskipTests && docker build -t ghcr.io/medcontracthub/mch:0.1.0 .
FROM eclipse-temurin:17-jre-noble

# the user the pods run as (runAsUser in k8s/base/service-pod.yaml): no home, no shell, nothing of the image is its own
RUN groupadd --system --gid 10001 mch \
 && useradd --system --uid 10001 --gid mch --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin mch

COPY launcher/target/mch.jar /opt/medcontracthub/mch.jar

USER 10001:10001
WORKDIR /tmp
EXPOSE 8080 7000 9464 5701 5711

# The heap follows the container's memory limit: 60 % of it, the rest for what the JVM needs beside the heap (measured
# 100-110 MiB of metaspace and code, ~100 threads, Netty's direct buffers, Tesseract's native memory in the OCR service;
# docs/kubernetes.md). A JVM out of memory exits for the kubelet to restart rather than limping on. The root file system is
# read-only: temporary files and the native libraries of the OCR and of the AI's embedding model (ONNX Runtime, DJL's
# tokenizers) go to /tmp, a volume.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp", "-DDJL_CACHE_DIR=/tmp/djl", "-jar", "/opt/medcontracthub/mch.jar"]
CMD ["--help"]
