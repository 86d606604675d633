# Sourced by the Java benchmarks in bench/: compiles the main and test classes (benchmarks live in
# src/test/java, so `./mvnw verify` never runs them) and sets $java and $classpath.
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java)"; fi
mkdir -p target/bench
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench/classpath.txt >&2
classpath="target/test-classes:target/classes:$(cat target/bench/classpath.txt)"
