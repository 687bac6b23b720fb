/**
 * Honest run reports: a Laplace run that does not reach a fixed point says so ("not-converged"),
 * and EM's frames record EM's own objective, not a Gaussian's.
 */
import { describe, expect, it } from 'vitest';
import { createLoss } from '../../src/engine/losses/index';
import { BlrRun, CONVERGED_STEP, runWithLoss } from '../../src/engine/run';
import { parseRunSpec, type LossSpec, type RunSpecInput } from '../../src/engine/spec';
import { expectNear } from './_helpers';

function go(input: RunSpecInput) {
  const spec = parseRunSpec(input);
  const loss = createLoss(spec.loss as Exclude<LossSpec, { kind: 'expr' }>);
  return { ...runWithLoss(spec, loss), spec, loss };
}

// Logistic regression with a weak prior: far from the mode the loss is nearly linear plus
// (δ/2)‖θ‖², so a full Newton step jumps to about −(slope)/δ on the other side, and back.
const LOGISTIC = { kind: 'logistic-regression' as const, x: [-2, -1, 0, 1, 2, 3], y: [0, 1, 1, 0, 1, 1] as (0 | 1)[], priorPrecision: 0.5 };

describe('Laplace reports non-convergence', () => {
  it('from a far start Newton falls into a 2-cycle: status "not-converged", with what happened and what to try', () => {
    const r = go({ loss: LOGISTIC, algorithm: 'laplace', steps: 60, init: { mean: [-9, -9] } });
    expect(r.status).toBe('not-converged');
    // It really is a 2-cycle: the last iterates alternate, and never settle.
    const m = r.frames.map((f) => f.mean);
    const k = m.length - 1;
    expect(Math.hypot(m[k][0] - m[k - 2][0], m[k][1] - m[k - 2][1])).toBeLessThan(1e-9);
    expect(Math.hypot(m[k][0] - m[k - 1][0], m[k][1] - m[k - 1][1])).toBeGreaterThan(1);
    expect(r.message).toMatch(/^Not converged: Newton's iterates alternate between .* \(a 2-cycle\).*Try: damp the Newton steps.*rho < 1.*start closer to the mode/);
    // Every frame is still a valid frame (nothing diverged).
    expect(r.frames).toHaveLength(61);
    expect(r.divergence).toBeUndefined();
  });

  it('the remedy works: damped Newton (ρ = 0.5) from the same start reaches the mode, where Laplace from a near start is "ok"', () => {
    const damped = go({ loss: LOGISTIC, family: 'gaussian', expectation: 'delta', rho: 0.5, steps: 200, init: { mean: [-9, -9] } });
    expect(damped.status).toBe('ok');
    const near = go({ loss: LOGISTIC, algorithm: 'laplace', steps: 30, init: { mean: [0, 0] } });
    expect(near.status).toBe('ok');
    expect(near.message).toBeUndefined();
    for (let j = 0; j < 2; j++) expectNear(damped.final!.mean[j], near.final!.mean[j], 1e-8, 1e-10);
    // At the mode the gradient vanishes: Laplace's q is centred on θ_MAP.
    const out = new Float64Array(6);
    near.loss.evaluate(near.final!.mean[0], near.final!.mean[1], out);
    expect(Math.hypot(out[1], out[2])).toBeLessThan(1e-8);
  });

  it('too few steps is "not-converged" too, saying the mean still moves', () => {
    const r = go({ loss: LOGISTIC, algorithm: 'laplace', steps: 2, init: { mean: [1.5, 1] } });
    expect(r.status).toBe('not-converged');
    expect(r.message).toMatch(/after 2 Newton steps the mean still moves by/);
    const run = new BlrRun(r.spec, r.loss);
    run.advance();
    expect(run.status).toBe('not-converged');
    expect(run.done).toBe(true);
    expect(CONVERGED_STEP).toBeLessThan(1e-4);
  });

  it('other algorithms keep "ok" at the end of their steps (no fixed point claimed)', () => {
    expect(go({ loss: LOGISTIC, algorithm: 'newton', steps: 60, init: { mean: [-9, -9] } }).status).toBe('ok');
  });
});

describe('EM frames record EM\'s objective', () => {
  const gmm = { kind: 'gmm' as const, data: { n: 30, seed: 4, noise: 1 }, variance: 1, priorPrecision: 0.01 };

  it('objective = ℓ̄(m) = −log p(D, θ = m): no entropy term for a point estimate, and it never increases', () => {
    const r = go({ loss: gmm, algorithm: 'em', steps: 50, init: { mean: [-0.5, 0.7] } });
    r.frames.forEach((f) => {
      expect(f.objective).toBe(f.loss);
      expectNear(f.objective, r.loss.value(f.mean[0], f.mean[1]), 1e-14, 1e-14);
    });
    for (let k = 1; k < r.frames.length; k++) expect(r.frames[k].objective).toBeLessThanOrEqual(r.frames[k - 1].objective + 1e-12);
  });

  it('the same loss under the BLR with a Gaussian keeps E_q[ℓ̄] − τH(q)', () => {
    const r = go({ loss: gmm, family: 'gaussian-diag', expectation: 'delta', rho: 0.5, improved: true, steps: 5, init: { mean: [-0.5, 0.7] } });
    const f = r.frames[3];
    const entropy = 1 + Math.log(2 * Math.PI) + 0.5 * Math.log(f.cov[0][0] * f.cov[1][1]);
    expectNear(f.objective, f.loss - entropy, 1e-10, 1e-12);
  });
});
