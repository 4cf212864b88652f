#!/usr/bin/env bash
# Trains a function's JDK AOT cache the way its image will use it. cloudbuild.yaml runs this in
# the image's own base image (its aot-train step is named after functions/pom.xml's from.image),
# after ./mvnw package, so the cache is made by the very JDK build the image runs.
#
#   functions/image/aot-train.sh functions/<id>
#
# 1. Lays out /app exactly as Jib does (functions/pom.xml): the function's jar in /app/classpath,
#    its runtime dependencies in /app/libs by file name, target/jib-extra/app (jvm.args, config)
#    on top, every file dated 1970-01-01T00:00:01Z as Jib dates them (filesModificationTime).
# 2. Starts the function as the image does, java -XX:AOTCacheOutput=... @/app/jvm.args instead
#    of -XX:AOTCache=..., calls /healthcheck and the manifest's smoke path a few times, stops it;
#    the exiting JVM writes the cache.
# 3. Puts the cache at target/jib-extra/app/aot/function.aot, which Jib adds to the image as
#    /app/aot/function.aot, the file the image's entrypoint names.
set -euo pipefail

module="$(cd "${1:?usage: aot-train.sh functions/<id>}" && pwd)"
target="$module/target"
app=/app
cache="$app/aot/function.aot"
port=8080

for f in "$target/function.jar" "$target/runtime-classpath.txt" "$target/jib-extra/app/jvm.args"; do
  [ -f "$f" ] || { echo "aot-train: $f is missing; run ./mvnw -pl ${module#"$PWD"/} -am package first" >&2; exit 1; }
done

# 1. The image's layout.
rm -rf "$app"
mkdir -p "$app/classpath" "$app/libs" "$app/aot"
cp "$target/function.jar" "$app/classpath/"
tr ':' '\n' < "$target/runtime-classpath.txt" | while IFS= read -r jar || [ -n "$jar" ]; do
  if [ -n "$jar" ]; then cp "$jar" "$app/libs/"; fi
done
cp -R "$target/jib-extra/app/." "$app/"
rm -f "$cache"
find "$app" -exec touch -h -d @1 {} +

classpath="$(sed -n 's/^-cp[[:space:]]*//p' "$app/jvm.args")"
missing=0
IFS=':' read -r -a entries <<< "$classpath"
for entry in "${entries[@]}"; do
  if [ ! -f "$entry" ]; then echo "aot-train: $entry is on the image's class path but not in the layout" >&2; missing=1; fi
done
[ "$missing" = 0 ] || exit 1

manifest_value() { sed -n "s/^$1:[[:space:]]*//p" "$module/plugin.yaml" | head -1 | tr -d "\"' \r"; }
entry_point="$(manifest_value entryPoint)"
plugin_id="$(manifest_value id)"
route_prefix="$(manifest_value routePrefix)"
route_prefix="${route_prefix:-/api/$plugin_id}"
smoke="$(manifest_value smokeTest)"
smoke="${smoke:-/healthcheck}"

# 2. The training run, in a scratch directory: the base config layer only (no app-config.<env>.yaml
#    is named aot-training), so the embedded database and no cloud service is touched.
work="$(mktemp -d)"
cd "$work"
PORT=$port FUNCTION_TARGET="$entry_point" BACKLOT_PLUGIN_ID="$plugin_id" BACKLOT_ENV=aot-training \
  BACKLOT_CONFIG_DIR="$app/config" \
  java "-XX:AOTCacheOutput=$cache" "@$app/jvm.args" > "$work/training.log" 2>&1 &
pid=$!

get() { # prints the status line of GET $1, or nothing when nobody listens yet
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
  head -n 1 <&3 | tr -d '\r'
  exec 3<&-
}

status=""
for _ in $(seq 1 240); do
  kill -0 "$pid" 2>/dev/null || { cat "$work/training.log" >&2; echo "aot-train: the function exited while starting" >&2; exit 1; }
  status="$(get /healthcheck || true)"
  case "$status" in *" 200"*) break ;; esac
  sleep 0.5
done
case "$status" in *" 200"*) ;; *) cat "$work/training.log" >&2; echo "aot-train: /healthcheck never answered 200" >&2; kill "$pid"; exit 1 ;; esac

for _ in 1 2 3; do
  for path in /healthcheck "$route_prefix/healthcheck" "$route_prefix$smoke"; do
    echo "training GET $path: $(get "$path")"
  done
done

kill -TERM "$pid"
wait "$pid" || true
# The exiting JVM hands its profile to a child JVM that writes the cache.
for _ in $(seq 1 240); do
  [ -s "$cache" ] && break
  sleep 0.5
done
if [ ! -s "$cache" ]; then cat "$work/training.log" >&2; echo "aot-train: no AOT cache was written" >&2; exit 1; fi

# 3. Where Jib picks it up.
mkdir -p "$target/jib-extra/app/aot"
cp "$cache" "$target/jib-extra/app/aot/function.aot"
echo "aot-train: $(du -h "$cache" | cut -f1) AOT cache for $plugin_id at ${target#"$PWD"/}/jib-extra/app/aot/function.aot"
