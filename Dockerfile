# syntax=docker/dockerfile:1
# Pointsman agent image: build with Maven, run on a slim JRE as a non-root user.
# Works with a read-only root filesystem: everything the agent writes (bare Git clone, state.json,
# drifts.json, JVM temp files) goes to /var/lib/pointsman, which should be a volume.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY agent/pom.xml agent/
RUN mvn -B -q -pl agent -am dependency:go-offline
COPY agent/src agent/src
COPY docs/schema docs/schema
RUN mvn -B -q -pl agent -am -DskipTests -Dspotless.check.skip=true package

FROM eclipse-temurin:17.0.13_11-jre
RUN groupadd --system --gid 10001 pointsman \
 && useradd --system --uid 10001 --gid pointsman --home-dir /var/lib/pointsman --shell /usr/sbin/nologin pointsman \
 && mkdir -p /var/lib/pointsman/tmp \
 && chown -R pointsman:pointsman /var/lib/pointsman
COPY --from=build /src/agent/target/pointsman.jar /opt/pointsman/pointsman.jar
# A small, I/O-bound agent: serial GC, heap a quarter of the container's memory (128 MiB at the chart's
# 512Mi limit), C1 only, bounded code cache and metaspace (3000 functions stay under 256 MB RSS, see
# docs/benchmarks.md); the C heap trimmed every 5 s (glibc keeps what the JVM frees: 3-7 MB at 3000 functions;
# experimental in the first 17 updates that have it, so unlocked); no perf-data file in /tmp; temp files on the volume; fail fast on OOM.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=25 -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=128m -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.io.tmpdir=/var/lib/pointsman/tmp" \
    HOME=/var/lib/pointsman
USER 10001:10001
WORKDIR /var/lib/pointsman
VOLUME ["/var/lib/pointsman"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["java", "-jar", "/opt/pointsman/pointsman.jar"]
CMD ["run", "--workdir", "/var/lib/pointsman", "--http-port", "8080", "--http-bind", "0.0.0.0"]
