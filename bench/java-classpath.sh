# Sourced by the Java benchmarks in bench/: compiles the main and test classes and, with the bench
# profile, the benchmarks themselves (they live in src/bench/java, outside the test sources, so
# `./mvnw verify` neither compiles nor runs them) and sets $java and $classpath.
# A JDK 21 or newer, found as ./lexvault finds one: JAVA_HOME, then java on the PATH, then the newest
# under /usr/lib/jvm (a machine's default java may be older).
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
java=""
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
        java="$candidate"
        break
    fi
done
if [ -z "$java" ]; then
    echo "A JDK 21 or newer is needed (set JAVA_HOME)." >&2
    exit 1
fi
export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"
mkdir -p target/bench
./mvnw -B -q -Pbench test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench/classpath.txt >&2
classpath="target/test-classes:target/classes:$(cat target/bench/classpath.txt)"
