#!/usr/bin/env node
// Strict HCL2 syntax check: every argument that is a file is parsed with HashiCorp's HCL2 parser
// (Go, compiled to WebAssembly, in @cdktf/hcl2json); every argument that is a directory is
// searched for .tf, .tfvars, .hcl and their .example copies (node_modules and .terraform are
// skipped). Prints "<file>: <message>" for each file that does not parse and exits 1; prints
// "ok: <n> files" and exits 0 when all parse. Exits 2 on usage errors.
//
//   node check.js ../..            # terraform/ (what HclSyntaxTest runs, file by file)
//   npm run check
"use strict";

const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");

const SUFFIXES = [".tf", ".tfvars", ".tfvars.example", ".hcl", ".hcl.example"];
const SKIPPED_DIRS = new Set(["node_modules", ".terraform"]);

function collect(target, out) {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    out.push(target);
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(target, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) {
        collect(child, out);
      }
    } else if (SUFFIXES.some((s) => entry.name.endsWith(s))) {
      out.push(child);
    }
  }
}

async function main(args) {
  if (args.length === 0) {
    console.error("usage: check.js <file-or-directory>...");
    return 2;
  }
  const files = [];
  for (const arg of args) {
    if (!fs.existsSync(arg)) {
      console.error(`${arg}: no such file or directory`);
      return 2;
    }
    collect(arg, files);
  }
  let failures = 0;
  for (const file of files) {
    try {
      await parse(file, fs.readFileSync(file, "utf8"));
    } catch (e) {
      failures++;
      // The parser's message already names file:line,column; keep it on one line per file.
      const message = String(e && e.message ? e.message : e).replace(/\s*\n\s*/g, " ");
      console.log(`${file}: ${message}`);
    }
  }
  if (failures > 0) {
    console.log(`${failures} of ${files.length} files do not parse as HCL2`);
    return 1;
  }
  console.log(`ok: ${files.length} files`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exitCode = 2;
  },
);
