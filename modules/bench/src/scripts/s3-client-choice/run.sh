#!/bin/bash
# The measurement behind the choice of S3 client (BENCHMARKS.md, "S3 client libraries").
# usage: run.sh WORK ENDPOINT   with an S3 server at ENDPOINT (path style) that knows the
# credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and has a bucket "eval".
# Fetches each library with its dependencies (the repository's mvnw), compiles a tiny main per
# library as a named module, checks the AWS SDK's multipart, copy and ranged calls, then times a
# cold JVM from its start to its first successful PutObject, 5 rounds taking turns.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); work=$1; endpoint=$2
mvnw="$here/../../../../../mvnw"
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin
mkdir -p "$work" && cp -r "$here"/pom.xml "$here"/src-* "$work"/ && cd "$work"
"$mvnw" -B -ntp -q -Paws dependency:copy-dependencies -DoutputDirectory="$work/aws" -DincludeScope=runtime
"$mvnw" -B -ntp -q -Pminio -Dminio.version=9.0.4 dependency:copy-dependencies -DoutputDirectory="$work/minio" -DincludeScope=runtime
for d in aws minio; do echo "$d: $(ls $d/*.jar | wc -l) jars, $(cat $d/*.jar | wc -c) bytes"; done
# OkHttp 5 and Okio publish empty Kotlin-multiplatform jars beside the JVM ones: "okio" twice on the module path
mkdir -p minio-mp && cp minio/*.jar minio-mp/ && rm minio-mp/okio-[0-9]*.jar minio-mp/okhttp-[0-9]*.jar
$J/javac -d out-hello $(find src-hello -name '*.java')
$J/javac -d out-aws -p aws $(find src-aws -name '*.java')
$J/javac -d out-minio -p minio-mp $(find src-minio -name '*.java')
$J/java -p aws:out-aws -m eval.aws/eval.aws.Main "$endpoint" features
declare -A cmd vals
cmd[hello]="$J/java -p out-hello -m eval.hello/eval.hello.Main"
cmd[aws]="$J/java -p aws:out-aws -m eval.aws/eval.aws.Main $endpoint put"
# Jackson is an explicit module that MinIO, an automatic one, does not pull in
cmd[minio]="$J/java -p minio-mp:out-minio --add-modules ALL-MODULE-PATH -m eval.minio/eval.minio.Main $endpoint put"
for round in 1 2 3 4 5; do
  for n in hello aws minio; do
    t0=$(date +%s%3N)
    # MinIO 9 parses every certificate under SSL_CERT_DIR when it builds its client: unset here.
    # OkHttp's non-daemon threads keep MinIO's JVM alive a minute after the put: only the printed instant counts
    d=$(env -u SSL_CERT_DIR -u SSL_CERT_FILE timeout 120 ${cmd[$n]} 2>/dev/null | sed -n 's/^PUT_DONE //p' | head -1)
    vals[$n]="${vals[$n]:-} $((d - t0))"
  done
done
for n in hello aws minio; do
  s=($(printf '%s\n' ${vals[$n]} | sort -n)); echo "$n:${vals[$n]} ms; median ${s[2]} ms"
done
