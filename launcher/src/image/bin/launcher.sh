#!/bin/sh
# @NAME@: runs @MAIN@ on this runtime image's own java, so no Java needs to
# be installed. Extra JVM options go in DROPVAULT_JAVA_OPTS (for example DROPVAULT_JAVA_OPTS=-Xmx256m).
# It calls no command but the shell's own (and readlink for a symlinked script): any PATH will do.
self=$0
while [ -h "$self" ]; do
  link=$(readlink "$self") || break
  case $link in /*) self=$link ;; *) self=${self%/*}/$link ;; esac
done
case $self in */*) bin_dir=${self%/*} ;; *) bin_dir=. ;; esac
home=$(cd "$bin_dir/.." && pwd -P) || exit 1
if [ ! -x "$home/libexec/java" ]; then
  echo "@NAME@: no runtime image at $home (no libexec/java there)" >&2
  exit 1
fi

logging=
if [ -f "$home/conf/logging.properties" ]; then
  logging="-Djava.util.logging.config.file=$home/conf/logging.properties"
fi
# classes loaded and linked ahead of time by a training run of the build (launcher/pom.xml)
aot=
if [ -f "$home/lib/@NAME@.aot" ]; then
  aot="-XX:AOTCache=$home/lib/@NAME@.aot"
fi

# memory defaults: the server's limits (conf/server.properties) fit this heap. DROPVAULT_JAVA_OPTS
# comes after them and wins; a heap size or a collector named there replaces the default one.
heap="@HEAP_OPTS@"
gc="@GC_OPTS@"
memory="@MEMORY_OPTS@"
case " ${DROPVAULT_JAVA_OPTS-} " in
  *" -Xmx"* | *" -XX:MaxHeapSize="* | *"RAMPercentage="* | *" -XX:MaxRAM="*) heap= ;;
esac
case " ${DROPVAULT_JAVA_OPTS-} " in
  *" -XX:+Use"*"GC "*) gc= ;;
esac
# the JIT: a short-lived tool compiles less of its start-up code with higher thresholds, and its
# loops still get compiled within a few thousand packets (BENCHMARKS.md, "The real client")
jit="@JIT_OPTS@"

# shellcheck disable=SC2086 # the option lists hold several options, split on blanks
exec "$home/libexec/java" @NATIVE_ACCESS@-Ddropvault.home="$home" \
  ${logging:+"$logging"} ${aot:+"$aot"} ${heap} ${gc} ${memory} ${jit} ${DROPVAULT_JAVA_OPTS-} \
  -m @MAIN@ "$@"
