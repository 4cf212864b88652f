#!/usr/bin/env bash
# Run by Maven before the web UI's build: says plainly what is missing instead of "Cannot run program npm".
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "[backlot] The shell's web UI (frontend-shell/web) is built with the node and npm on PATH, and neither" >&2
  echo "[backlot] may be missing: install Node.js 18+ with npm (e.g. apt-get install nodejs npm)," >&2
  echo "[backlot] or build the shell without its UI with -Dbacklot.ui.skip (its browser test then reports skipped)." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "[backlot] The web UI needs Node.js 18 or newer; found $(node --version)." >&2
  exit 1
fi
