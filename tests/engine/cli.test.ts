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

describe('npm run blr -- --posterior SPEC: the exact posterior, as the worker computes it', () => {
  const logistic = { kind: 'logistic-regression' as const, x: [-2, -1.1, -0.4, 0.3, 0.9, 1.6, 2.4], y: [0, 0, 1, 0, 1, 1, 1] as (0 | 1)[], priorPrecision: 1 };
  const spec = { loss: logistic, family: 'gaussian' as const, expectation: 'exact' as const, rho: 0.5, steps: 6, init: { mean: [1.5, -1] as [number, number] } };
  const view: [number, number, number, number] = [-3, 5, -4, 4];

  it('prints −log Z, p’s moments and KL(q ‖ p) per frame, equal to the worker host’s surface and frames', async () => {
    const { code, stdout, stderr } = blr(['--posterior', '--view', view.join(','), file('post.json', JSON.stringify(spec))]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.posterior.kind).toBe('grid');
    expect(doc.posterior.view).toEqual(view);
    expect(doc.posterior.kl).toHaveLength(doc.frames.length);
    // The worker, driven in-process: the same spec's surface (with posterior) and its run's KL.
    const { createEngineHost } = await import('../../src/worker/host');
    const { MSG } = await import('../../src/worker/protocol');
    const host = createEngineHost();
    const [surface] = await host.handle({ kind: MSG.surface, id: 1, loss: spec.loss, temperature: 1, nx: 40, ny: 40, view, posterior: true });
    if (surface.message.kind !== MSG.surfaceResult || !surface.message.ok) throw new Error('expected a surface');
    const p = surface.message.posterior!;
    expect(doc.posterior.negLogZ).toBe(p.negLogZ);
    expect(doc.posterior.mean).toEqual(p.mean);
    expect(doc.posterior.cov).toEqual(p.cov);
    expect(doc.posterior.edgeMass).toBe(p.edgeMass);
    await host.handle({ kind: MSG.start, runId: 7, spec, posterior: { view } });
    const [frames] = await host.handle({ kind: MSG.pull, runId: 7, maxSteps: 100 });
    if (frames.message.kind !== MSG.frames) throw new Error('expected frames');
    expect(doc.posterior.kl).toEqual(Array.from(frames.message.kl!));
    // KL falls to (almost) 0 as the exact-expectation BLR converges on a near-Gaussian posterior.
    expect(doc.posterior.kl[0]).toBeGreaterThan(doc.posterior.kl.at(-1));
  });

  it('the coin: p = Beta(α*, β*) in closed form, −log Z = −log B(α*, β*), and KL per frame', () => {
    const coin = { loss: { kind: 'coin', flips: [1, 1, 0, 1] }, family: 'beta', algorithm: 'conjugate', steps: 2, init: { mean: [2, 3] } };
    const { code, stdout } = blr(['--posterior', '-'], JSON.stringify(coin));
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.posterior).toMatchObject({ kind: 'beta', alpha: 5, beta: 4, temperature: 1 });
    // B(5, 4) = 4! 3! / 8! = 1/280.
    expectNear(doc.posterior.negLogZ, Math.log(280), 1e-12);
    expectNear(doc.posterior.mean, 5 / 9, 1e-14);
    expect(doc.posterior.kl[1]).toBe(0);
  });

  it('rejects a bad --view', () => {
    const bad = blr(['--posterior', '--view', '1,0,0,1', file('p2.json', JSON.stringify(spec))]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--view must be four finite numbers X0,X1,Y0,Y1 with X0 < X1/);
  });

  it('rejects --view without --posterior', () => {
    const f = file('p3.json', JSON.stringify(spec));
    expect(blr(['--view', '0,1,0,1', f]).stderr).toMatch(/--view needs --posterior/);
  });

  it('rejects unknown options', () => {
    const r = blr(['--frobnicate', file('p4.json', JSON.stringify(spec))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --frobnicate/);
  });
});

describe('the CLI takes every data loss’s data the same way (issue 10, item 6)', () => {
  it('linear-regression with seeded synthetic "data", as tanh-regression and gmm take it', () => {
    const { code, stdout, stderr } = blr(['-'], JSON.stringify({ loss: { kind: 'linear-regression', data: { n: 10, seed: 2, noise: 0.3 } }, expectation: 'exact', rho: 1, steps: 1 }));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.status).toBe('ok');
    expect(doc.spec.loss.data).toEqual({ n: 10, seed: 2, noise: 0.3 });
  });

  it('linear-regression without data says exactly what it needs', () => {
    const { code, stderr } = blr(['-'], JSON.stringify({ loss: { kind: 'linear-regression' } }));
    expect(code).toBe(2);
    expect(stderr).toMatch(/loss\.x: linear-regression needs its data: "x" and "y" arrays, or "data": \{"n", "seed", "noise"\}/);
    expect(stderr).not.toMatch(/unknown field/);
  });

  it('a coin with family "beta" and no init runs from the uniform prior', () => {
    const { code, stdout } = blr(['-'], JSON.stringify({ loss: { kind: 'coin', flips: [1, 0, 1] }, family: 'beta', rho: 1, steps: 1 }));
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.spec.init.mean).toEqual([1, 1]);
    expect(doc.final.beta).toMatchObject({ alpha: 3, beta: 2 });
  });
});
