/**
 * The headless CLI (src/cli/blr.ts), spawned as a real process through tsx: a spec file and
 * standard input give the same JSON document; bad specs and bad JSON exit non-zero with the
 * problem on stderr.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRunSpec } from '../../src/engine/spec';
import { expectNear } from './_helpers';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'src/cli/blr.ts');

function blr(args: string[], input?: string) {
  const r = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'blr-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// BLR-MATH check 1: delta BLR, ρ = .5, from (−1, 1) with S₀ = I.
const SPEC = { loss: { kind: 'rosenbrock', a: 1, b: 2 }, rho: 0.5, steps: 4, init: { mean: [-1, 1] } };

describe('npm run blr -- SPEC', () => {
  it('a spec file: JSON with status, spec, frames, final; frame 0 is the start; frame 1 is check 1', () => {
    const { code, stdout, stderr } = blr([file('spec.json', JSON.stringify(SPEC))]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc).sort()).toEqual(['final', 'frames', 'spec', 'status']);
    expect(doc.status).toBe('ok');
    expect(doc.spec).toEqual(parseRunSpec(SPEC));
    expect(doc.frames).toHaveLength(5);
    expect(doc.frames[0]).toMatchObject({ step: 0, mean: [-1, 1], precision: [[1, 0], [0, 1]], loss: 4 });
    expect(doc.final).toEqual(doc.frames[4]);
    const f1 = doc.frames[1];
    expectNear(f1.precision[0][0], 9.5, 1e-12);
    expectNear(f1.precision[0][1], 4, 1e-12);
    expectNear(f1.precision[1][1], 2.5, 1e-12);
    expectNear(f1.mean[0], -0.354838709677, 0, 1e-11);
    expectNear(f1.mean[1], -0.032258064516, 0, 1e-11);
  });

  it('"-" reads the spec from standard input and prints the same document', () => {
    const a = blr([file('same.json', JSON.stringify(SPEC))]);
    const b = blr(['-'], JSON.stringify(SPEC));
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('a diverging run still exits 0, with status "diverged" and a message', () => {
    const spec = { loss: { kind: 'quadratic', hessian: [[100, 0], [0, 1]] }, algorithm: 'gd', rho: 10, steps: 20, init: { mean: [1, 1] } };
    const { code, stdout } = blr(['-'], JSON.stringify(spec));
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.status).toBe('diverged');
    expect(doc.message).toMatch(/step 3.*Try: use a smaller rho/);
    expect(doc.frames).toHaveLength(3);
    expect(doc).not.toHaveProperty('divergence');
  });

  it('an invalid spec exits non-zero and names the field and the range on stderr', () => {
    const { code, stdout, stderr } = blr([file('bad.json', JSON.stringify({ loss: { kind: 'rosenbrock' }, rho: 5, steps: 1e9 }))]);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/invalid RunSpec/);
    expect(stderr).toMatch(/rho: must be ≤ 1/);
    expect(stderr).toMatch(/steps: must be ≤ 10000/);
  });

  it('malformed JSON exits non-zero and says so', () => {
    for (const args of [[file('broken.json', '{"loss": {"kind": "rosenbrock"},')], ['-']]) {
      const { code, stdout, stderr } = blr(args, args[0] === '-' ? '{ not json' : undefined);
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/not valid JSON/);
    }
  });

  it('a missing file or no argument exits non-zero with a message', () => {
    const missing = blr([join(dir, 'nope.json')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/cannot read/);
    const none = blr([]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/usage/);
  });
});
