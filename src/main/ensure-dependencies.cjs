#!/usr/bin/env node
// Runs before `npm start` and `npm test`: installs the npm dependencies when they are missing or
// older than package-lock.json, so a fresh clone needs nothing but these two commands.
// Plain CommonJS with no dependencies, because it runs before any are installed.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const lockFile = path.join(root, 'package-lock.json');
const installedMarker = path.join(root, 'node_modules', '.package-lock.json');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

if (mtime(installedMarker) < 0 || mtime(installedMarker) < mtime(lockFile)) {
  process.stdout.write('Installing npm dependencies (npm ci)…\n');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}
