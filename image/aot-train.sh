#!/usr/bin/env bash
# Trains the JDK AOT cache of one image, a function's or the shell's, the way the image will use
# it. cloudbuild.yaml runs this in the image's own base image (its aot-train step is named after
# pom.xml's from.image), after ./mvnw package, so the cache is made by the very JDK build the
# image runs.
#
#   image/aot-train.sh functions/<id>
#   image/aot-train.sh frontend-shell
#
# 1. Lays out /app exactly as Jib does (Jib's packaged mode): the module's jar in /app/classpath,
#    its runtime dependencies in /app/libs by file name, target/jib-extra/app (jvm.args, config)
#    on top, every file dated 1970-01-01T00:00:01Z as Jib dates them (filesModificationTime).
# 2. Starts it as the image does, java -XX:AOTCacheOutput=... @/app/jvm.args instead of
#    -XX:AOTCache=..., sends it a few requests, stops it; the exiting JVM writes the cache.
# 3. Puts the cache under target/jib-extra/app/aot/, which Jib adds to the image as /app/aot/...,
#    the file the image's entrypoint names.
#
# BACKLOT_IMAGE_ROOT (tests only) lays the image out elsewhere than /app; such a cache is only
# good for that directory, never for an image.
set -euo pipefail

module="$(cd "${1:?usage: aot-train.sh functions/<id> | frontend-shell}" && pwd)"
target="$module/target"
app="${BACKLOT_IMAGE_ROOT:-/app}"
port="${BACKLOT_TRAINING_PORT:-8080}"

manifest_value() { sed -n "s/^$1:[[:space:]]*//p" "$module/plugin.yaml" | head -1 | tr -d "\"' \r"; }

if [ -f "$module/plugin.yaml" ]; then
  # A function: the Functions Framework invoker with the manifest's entry point, on the base
  # config layer only (no app-config.<env>.yaml is named aot-training), so the embedded database
  # and no cloud service is touched.
  jar=function.jar
  cache_name=function.aot
  plugin_id="$(manifest_value id)"
  route_prefix="$(manifest_value routePrefix)"
  route_prefix="${route_prefix:-/api/$plugin_id}"
  smoke="$(manifest_value smokeTest)"
  training_env=(FUNCTION_TARGET="$(manifest_value entryPoint)" BACKLOT_PLUGIN_ID="$plugin_id" BACKLOT_ENV=aot-training
    BACKLOT_CONFIG_DIR="$app/config")
  training_paths=(/healthcheck "$route_prefix/healthcheck" "$route_prefix${smoke:-/healthcheck}")
  name="$plugin_id"
else
  # The shell: signed out, as a browser first meets it, signing with a throwaway key. The issuer
  # is a closed loopback port, so the Okta starter's discovery fetch fails fast and it falls back
  # to its defaults.
  jar=frontend-shell.jar
  cache_name=shell.aot
  training_env=(OKTA_OAUTH2_ISSUER="https://127.0.0.1:9/oauth2/default" OKTA_OAUTH2_CLIENTID=aot-training
    OKTA_OAUTH2_CLIENTSECRET=aot-training BACKLOT_ENV=aot-training BACKLOT_CONFIG_DIR="$app/config"
    BACKEND_AUTH_USERTOKENS_SIGNINGKEY="$(java -cp "$target/$jar:$(cat "$target/runtime-classpath.txt")" dev.backlot.shell.NewSigningKey)")
  training_paths=(/healthcheck /.well-known/jwks.json / /oauth2/authorization/okta /catalog)
  name=shell
fi
cache="$app/aot/$cache_name"

for f in "$target/$jar" "$target/runtime-classpath.txt" "$target/jib-extra/app/jvm.args"; do
  [ -f "$f" ] || { echo "aot-train: $f is missing; run ./mvnw -pl ${module#"$PWD"/} -am package first" >&2; exit 1; }
done

# 1. The image's layout.
rm -rf "$app"
mkdir -p "$app/classpath" "$app/libs" "$app/aot"
cp "$target/$jar" "$app/classpath/"
tr ':' '\n' < "$target/runtime-classpath.txt" | while IFS= read -r lib || [ -n "$lib" ]; do
  if [ -n "$lib" ]; then cp "$lib" "$app/libs/"; fi
done
cp -R "$target/jib-extra/app/." "$app/"
rm -f "$cache"
if [ "$app" != /app ]; then sed -i "s|/app/|$app/|g" "$app/jvm.args"; fi
find "$app" -exec touch -h -d @1 {} +

classpath="$(sed -n 's/^-cp[[:space:]]*//p' "$app/jvm.args")"
missing=0
IFS=':' read -r -a entries <<< "$classpath"
for entry in "${entries[@]}"; do
  if [ ! -f "$entry" ]; then echo "aot-train: $entry is on the image's class path but not in the layout" >&2; missing=1; fi
done
[ "$missing" = 0 ] || exit 1

# 2. The training run, in a scratch directory.
work="$(mktemp -d)"
cd "$work"
env PORT="$port" "${training_env[@]}" java "-XX:AOTCacheOutput=$cache" "@$app/jvm.args" > "$work/training.log" 2>&1 &
pid=$!

get() { # prints the status line of GET $1, or nothing when nobody listens yet
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: text/html,application/json\r\nConnection: close\r\n\r\n' "$1" >&3
  head -n 1 <&3 | tr -d '\r'
  exec 3<&-
}

status=""
for _ in $(seq 1 240); do
  kill -0 "$pid" 2>/dev/null || { cat "$work/training.log" >&2; echo "aot-train: $name exited while starting" >&2; exit 1; }
  status="$(get /healthcheck || true)"
  case "$status" in *" 200"*) break ;; esac
  sleep 0.5
done
case "$status" in *" 200"*) ;; *) cat "$work/training.log" >&2; echo "aot-train: /healthcheck never answered 200" >&2; kill "$pid"; exit 1 ;; esac

for _ in 1 2 3; do
  for path in "${training_paths[@]}"; do
    echo "training GET $path: $(get "$path")"
  done
done

kill -TERM "$pid"
wait "$pid" || true
# The exiting JVM hands its profile to a child JVM that writes the cache; it is there once its
# size stops changing.
last=""
for _ in $(seq 1 240); do
  now="$(stat -c %s "$cache" 2>/dev/null || true)"
  if [ -n "$now" ] && [ "$now" != 0 ] && [ "$now" = "$last" ] && ! kill -0 "$pid" 2>/dev/null; then break; fi
  last="$now"
  sleep 1
done
if [ ! -s "$cache" ]; then cat "$work/training.log" >&2; echo "aot-train: no AOT cache was written" >&2; exit 1; fi

# 3. Where Jib picks it up; a cache trained elsewhere than /app stays where it is.
if [ "$app" != /app ]; then echo "aot-train: $(du -h "$cache" | cut -f1) AOT cache for $name at $cache"; exit 0; fi
mkdir -p "$target/jib-extra/app/aot"
cp "$cache" "$target/jib-extra/app/aot/$cache_name"
echo "aot-train: $(du -h "$cache" | cut -f1) AOT cache for $name at ${target#"$PWD"/}/jib-extra/app/aot/$cache_name"
