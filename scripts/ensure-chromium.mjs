#!/usr/bin/env node
/**
 * Makes sure a Chromium for the browser tests is on this machine.
 *
 *   npm run setup:browser            (node scripts/ensure-chromium.mjs)
 *   await import('./ensure-chromium.mjs')   (what tests/browser/run.mjs does)
 *
 * Looks at $CHROMIUM_PATH, /usr/bin/chromium and /usr/bin/chromium-browser, in that order.
 * If none is there, installs Debian's package (`apt-get update && apt-get install -y chromium`,
 * through `sudo -n` when not root). Prints nothing when Chromium is already present.
 *
 * It exports nothing. When imported it sets process.env.CHROMIUM_PATH to the browser it found
 * (or installed), or throws an Error that says what to run by hand.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const MANUAL = 'sudo apt-get update && sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary)';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file. Fix or unset it.`);
  }
  return CANDIDATES.find(isExecutable);
}

function run(argv) {
  const result = spawnSync(argv[0], argv.slice(1), {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw new Error(`could not run ${argv[0]}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`\`${argv.join(' ')}\` exited with status ${result.status}`);
}

function commandWorks(argv) {
  const result = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

function installChromium() {
  if (!commandWorks(['apt-get', '--version'])) {
    throw new Error(`Chromium not found and apt-get is not available here. Install Chromium and set CHROMIUM_PATH. On Debian/Ubuntu: ${MANUAL}`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let prefix = [];
  if (!isRoot) {
    if (!commandWorks(['sudo', '-n', 'true'])) {
      throw new Error(`Chromium not found, and installing it needs root (not root, and sudo asks for a password or is missing). Run:\n  ${MANUAL}`);
    }
    prefix = ['sudo', '-n'];
  }
  console.error('[ensure-chromium] Chromium not found: installing Debian\'s chromium package (apt-get) ...');
  try {
    run([...prefix, 'apt-get', 'update']);
    run([...prefix, 'apt-get', 'install', '-y', 'chromium']);
  } catch (err) {
    throw new Error(`installing Chromium failed (${err.message}). Run:\n  ${MANUAL}`);
  }
  const found = findChromium();
  if (!found) throw new Error(`apt-get installed chromium, but none of ${CANDIDATES.join(', ')} exists. Set CHROMIUM_PATH.`);
  console.error(`[ensure-chromium] installed ${found}`);
  return found;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);

try {
  process.env.CHROMIUM_PATH = findChromium() ?? installChromium();
} catch (err) {
  if (!isMain) throw err;
  console.error(`[ensure-chromium] ${err.message}`);
  process.exit(1);
}
