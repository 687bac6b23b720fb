/**
 * The RunSpec schema (spec.ts): every rejection names its field and what is allowed, defaults
 * and presets are filled, normalisation is idempotent, and no JSON input throws anything but
 * a SpecError.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LOSS_KINDS, MAX_DATA, MAX_EXPR_LENGTH, MAX_SAMPLES, MAX_STEPS, parseRunSpec, safeParseRunSpec, SpecError } from '../../src/engine/spec';
import { ALGORITHM_NAMES } from '../../src/engine/presets';
import { validSpec } from './_helpers';

const R = { kind: 'rosenbrock' };

/** Parses and returns the SpecError (failing the test if it parses or throws something else). */
function reject(raw: unknown): SpecError {
  try {
    parseRunSpec(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  return expect.fail(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('rejections name the field path and the allowed range', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['rho 5 with a learned covariance', { loss: R, rho: 5 }, 'rho', /≤ 1 .*family "gaussian".*"gaussian-fixed"/],
    ['rho 5 with gaussian-diag', { loss: R, rho: 5, family: 'gaussian-diag' }, 'rho', /≤ 1/],
    ['rho 11 even with a fixed covariance', { loss: R, rho: 11, family: 'gaussian-fixed' }, 'rho', /≤ 10/],
    ['rho 0', { loss: R, rho: 0 }, 'rho', /> 0/],
    ['rho as a string', { loss: R, rho: '0.1' }, 'rho', /finite number in \(0, 10\]/],
    ['steps 1e9', { loss: R, steps: 1e9 }, 'steps', new RegExp(`≤ ${MAX_STEPS}`)],
    ['steps 2.5', { loss: R, steps: 2.5 }, 'steps', /integer/],
    ['samples 0', { loss: R, samples: 0 }, 'samples', /≥ 1/],
    ['samples 257', { loss: R, samples: MAX_SAMPLES + 1 }, 'samples', new RegExp(`≤ ${MAX_SAMPLES}`)],
    ['temperature −1', { loss: R, temperature: -1 }, 'temperature', /≥ 0\.001/],
    ['temperature 1e3', { loss: R, temperature: 1000 }, 'temperature', /≤ 100/],
    ['1e400 parses to Infinity', JSON.parse('{"loss": {"kind": "rosenbrock"}, "rho": 1e400}'), 'rho', /finite number in \(0, 10\].*Infinity/],
    ['−1e400 in a mean', JSON.parse('{"loss": {"kind": "rosenbrock"}, "init": {"mean": [-1e400, 0]}}'), 'init.mean.0', /finite number in \[-1000, 1000\].*-Infinity/],
    ['a mean out of range', { loss: R, init: { mean: [2000, 0] } }, 'init.mean.0', /≤ 1000/],
    ['a mean that is not a pair', { loss: R, init: { mean: [1, 2, 3] } }, 'init.mean', /pair/],
    ['a precision that is not positive definite', { loss: R, init: { precision: [[1, 2], [2, 1]] } }, 'init.precision', /positive definite: a > 0 and ac − b² > 0/],
    ['a negative definite precision', { loss: R, init: { precision: [[-1, 0], [0, -1]] } }, 'init.precision', /positive definite/],
    ['an asymmetric precision', { loss: R, init: { precision: [[1, 0.2], [0.3, 1]] } }, 'init.precision', /symmetric/],
    ['a non-diagonal precision with gaussian-diag', { loss: R, family: 'gaussian-diag', init: { precision: [[2, 0.5], [0.5, 1]] } }, 'init.precision', /diagonal/],
    ['an asymmetric quadratic Hessian', { loss: { kind: 'quadratic', hessian: [[1, 0], [1, 1]] } }, 'loss.hessian', /symmetric/],
    ['an unknown field', { loss: R, sped: 1 }, '(spec)', /unknown field "sped"/],
    ['an unknown loss field', { loss: { kind: 'rosenbrock', c: 3 } }, 'loss', /unknown field "c"/],
    ['an unknown init field', { loss: R, init: { covariance: [[1, 0], [0, 1]] } }, 'init', /unknown field "covariance"/],
    ['an unknown loss kind', { loss: { kind: 'banana' } }, 'loss.kind', new RegExp(LOSS_KINDS.join(', '))],
    ['a missing loss', { steps: 3 }, 'loss', /kind/],
    ['expectation exact with a formula', { loss: { kind: 'expr', expr: 'x^2 + y^2' }, expectation: 'exact' }, 'expectation', /"exact" .*"mc" or "delta"/],
    ['an empty formula', { loss: { kind: 'expr', expr: '   ' } }, 'loss.expr', /empty/],
    ['a formula that is too long', { loss: { kind: 'expr', expr: 'x+'.repeat(MAX_EXPR_LENGTH) + 'y' } }, 'loss.expr', new RegExp(`${MAX_EXPR_LENGTH} characters`)],
    ['linear regression with x and y of different lengths', { loss: { kind: 'linear-regression', x: [1, 2, 3], y: [1, 2] } }, 'loss.y', /same length/],
    ['linear regression without data', { loss: { kind: 'linear-regression', x: [], y: [] } }, 'loss.x', /at least one/],
    ['linear regression with too much data', { loss: { kind: 'linear-regression', x: Array(MAX_DATA + 1).fill(0), y: Array(MAX_DATA + 1).fill(0) } }, 'loss.x', new RegExp(`at most ${MAX_DATA}`)],
    ['linear regression noise variance 0', { loss: { kind: 'linear-regression', x: [1], y: [1], noiseVariance: 0 } }, 'loss.noiseVariance', /must be (> 0|≥ (1e-6|0\.000001))/],
    ['logistic regression with a label 2', { loss: { kind: 'logistic-regression', x: [1, 2], y: [1, 2] } }, 'loss.y.1', /0 or 1/],
    ['logistic regression with x and y of different lengths', { loss: { kind: 'logistic-regression', x: [1, 2], y: [1] } }, 'loss.y', /same length/],
    ['wall with kappa 0', { loss: { kind: 'wall', kappa: 0 } }, 'loss.kappa', /> 0/],
    ['rosenbrock with b < 0', { loss: { kind: 'rosenbrock', b: -1 } }, 'loss.b', /≥ 0/],
    ['an unknown algorithm', { loss: R, algorithm: 'lbfgs' }, 'algorithm', new RegExp(ALGORITHM_NAMES.join(', '))],
    ['an unknown family', { loss: R, family: 'student-t' }, 'family', /gaussian, gaussian-diag, gaussian-fixed, mixture, bernoulli/],
    ['an unknown expectation', { loss: R, expectation: 'laplace' }, 'expectation', /delta, mc, exact/],
    ['an unknown hessian', { loss: R, hessian: 'ggn' }, 'hessian', /sampled, reparam/],
    ['improved as a string', { loss: R, improved: 'yes' }, 'improved', /true or false/],
    ['a negative seed', { loss: R, seed: -1 }, 'seed', /≥ 0/],
    ['a seed ≥ 2³²', { loss: R, seed: 2 ** 32 }, 'seed', /≤ 4294967295/],
    ['newton with rho .5', { loss: R, algorithm: 'newton', rho: 0.5 }, 'rho', /algorithm "newton" fixes rho = 1 \(got 0\.5\).*algorithm "blr"/],
    ['newton with a diagonal family', { loss: R, algorithm: 'newton', family: 'gaussian-diag' }, 'family', /fixes family = "gaussian"/],
    ['gd with exact expectations', { loss: R, algorithm: 'gd', expectation: 'exact' }, 'expectation', /fixes expectation = "delta"/],
    ['gd with a non-identity precision', { loss: R, algorithm: 'gd', init: { precision: [[2, 0], [0, 2]] } }, 'init.precision', /fixes init\.precision = \[\[1,0\],\[0,1\]\]/],
    ['von with delta', { loss: R, algorithm: 'von', expectation: 'delta' }, 'expectation', /fixes expectation = "mc"/],
  ];

  it.each(cases)('%s', (_, raw, path, message) => {
    const e = reject(raw);
    const issue = e.issues.find((i) => i.path === path);
    expect(issue, `issues: ${JSON.stringify(e.issues)}`).toBeDefined();
    expect(issue!.message).toMatch(message);
    // The message lists "path: message" lines.
    expect(e.message).toContain(`${path}: ${issue!.message}`);
    expect(e.name).toBe('SpecError');
  });

  it('a spec that is not an object is rejected at (spec)', () => {
    for (const raw of [null, 5, 'spec', [1, 2], true, undefined]) {
      const e = reject(raw);
      expect(e.issues[0].path).toBe('(spec)');
      expect(e.issues[0].message).toMatch(/JSON object with at least "loss"/);
    }
  });

  it('every problem is reported at once, with the value found', () => {
    const e = reject({ loss: R, rho: 0, steps: -1, samples: 1000, temperature: 0 });
    expect(e.issues.map((i) => i.path).sort()).toEqual(['rho', 'samples', 'steps', 'temperature']);
    expect(e.message.split('\n')).toHaveLength(4);
    expect(e.issues.find((i) => i.path === 'samples')!.message).toMatch(/\(got 1000\)/);
  });

  it('long values are abbreviated in messages', () => {
    const e = reject({ loss: R, init: { precision: [[1, 2], [2, 1]] }, family: 'x'.repeat(200) });
    expect(e.issues.find((i) => i.path === 'family')!.message).toMatch(/\.\.\."\)$|\.\.\.\)$/);
  });

  it('a preset that fixes init.precision does not swallow a malformed init', () => {
    // (Until 383c471 applyPreset replaced a non-object init by {} before validation.)
    for (const init of [5, 'abc', true, null, [1, 2]]) {
      const e = reject({ loss: R, algorithm: 'gd', init });
      expect(e.issues.map((i) => i.path)).toContain('init');
    }
  });

  it('non-JSON values (BigInt, function, symbol) are reported as SpecErrors too', () => {
    // parseRunSpec takes unknown; structured clones can carry BigInt. (Until 383c471 these threw TypeError.)
    for (const rho of [1n, () => 1, Symbol('rho')]) {
      const e = reject({ loss: R, rho });
      expect(e.issues[0].path).toBe('rho');
      expect(e.issues[0].message).toMatch(/finite number in \(0, 10\]/);
    }
  });

  it('safeParseRunSpec returns the error instead of throwing', () => {
    const bad = safeParseRunSpec({ loss: R, rho: 5 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues[0].path).toBe('rho');
    const good = safeParseRunSpec({ loss: R });
    expect(good.ok).toBe(true);
  });
});

describe('defaults and presets', () => {
  it('fills every default', () => {
    expect(parseRunSpec({ loss: R })).toEqual({
      loss: { kind: 'rosenbrock', a: 1, b: 2 },
      algorithm: 'blr',
      family: 'gaussian',
      expectation: 'delta',
      hessian: 'sampled',
      samples: 16,
      rho: 0.1,
      temperature: 1,
      improved: false,
      steps: 200,
      seed: 1,
      online: false,
      coordinate: false,
      components: 1,
      momentum: 0,
      debias: 'none',
      prior: 'split',
      sqrt: false,
      damping: 0,
      dropout: 0,
      entropy: true,
      relax: 1,
      init: { mean: [-1, 1], precision: [[1, 0], [0, 1]] },
    });
    expect(parseRunSpec({ loss: R, init: { mean: [0.5, 0] } }).init).toEqual({ mean: [0.5, 0], precision: [[1, 0], [0, 1]] });
  });

  it('the Figure 1 losses default to the values of BLR-MATH.md', () => {
    expect(parseRunSpec({ loss: { kind: 'wall' } }).loss).toEqual({ kind: 'wall', a: [1, 0], A: [[1, 0.5], [0.5, 1]], h: 1, kappa: 10, w: 1.5 });
    expect(parseRunSpec({ loss: { kind: 'flat-sharp' } }).loss).toEqual({
      kind: 'flat-sharp', eps: 0.02, h1: 1, c1: [-1.5, 0], P1: [[40, 0], [0, 40]], h2: 0.8, c2: [1.5, 0], P2: [[1, 0], [0, 1]],
    });
    expect(parseRunSpec({ loss: { kind: 'quadratic' } }).loss).toEqual({ kind: 'quadratic', center: [0, 0], hessian: [[1, 0], [0, 1]] });
    expect(parseRunSpec({ loss: { kind: 'linear-regression', x: [1], y: [2] } }).loss).toEqual({ kind: 'linear-regression', x: [1], y: [2], noiseVariance: 1, priorPrecision: 1 });
    expect(parseRunSpec({ loss: { kind: 'logistic-regression', x: [1], y: [0] } }).loss).toEqual({ kind: 'logistic-regression', x: [1], y: [0], priorPrecision: 1 });
    expect(parseRunSpec({ loss: { kind: 'expr', expr: '  x^2 + y^2 ' } }).loss).toEqual({ kind: 'expr', expr: 'x^2 + y^2' });
  });

  it('defaults are fresh objects: mutating one parsed spec does not change the next parse', () => {
    // (Until 383c471 zod's .default(value) shared the nested default arrays between parses.)
    const a = parseRunSpec({ loss: { kind: 'wall' } });
    const A = (a.loss as { A: number[][] }).A;
    a.init.mean[0] = 33;
    a.init.precision[0][0] = 55;
    A[0][0] = 99;
    const f = parseRunSpec({ loss: { kind: 'flat-sharp' }, init: {} });
    (f.loss as { P1: number[][] }).P1[0][0] = 7;
    f.init.precision[1][1] = 7;
    try {
      const b = parseRunSpec({ loss: { kind: 'wall' } });
      expect(b.init).toEqual({ mean: [-1, 1], precision: [[1, 0], [0, 1]] });
      expect((b.loss as { A: number[][] }).A).toEqual([[1, 0.5], [0.5, 1]]);
      const g = parseRunSpec({ loss: { kind: 'flat-sharp' }, init: {} });
      expect((g.loss as { P1: number[][] }).P1).toEqual([[40, 0], [0, 40]]);
      expect(g.init.precision).toEqual([[1, 0], [0, 1]]);
    } finally {
      // undo, in case the arrays are shared, so the rest of this file sees the real defaults
      a.init.mean[0] = -1;
      a.init.precision[0][0] = 1;
      A[0][0] = 1;
      (f.loss as { P1: number[][] }).P1[0][0] = 40;
      f.init.precision[1][1] = 1;
    }
  });

  it('gd fills a fixed identity covariance and the delta method; rho stays free (up to 10)', () => {
    const s = parseRunSpec({ loss: R, algorithm: 'gd', rho: 5, init: { mean: [2, 3] } });
    expect(s).toMatchObject({ algorithm: 'gd', family: 'gaussian-fixed', expectation: 'delta', rho: 5, init: { mean: [2, 3], precision: [[1, 0], [0, 1]] } });
  });

  it('newton fills a full Gaussian, delta and rho = 1', () => {
    expect(parseRunSpec({ loss: R, algorithm: 'newton' })).toMatchObject({ family: 'gaussian', expectation: 'delta', rho: 1 });
  });

  it('von fills a full Gaussian with Monte Carlo', () => {
    expect(parseRunSpec({ loss: R, algorithm: 'von', samples: 3 })).toMatchObject({ family: 'gaussian', expectation: 'mc', samples: 3 });
  });

  it('restating a preset’s own value is not a conflict', () => {
    expect(() => parseRunSpec({ loss: R, algorithm: 'newton', rho: 1, family: 'gaussian', expectation: 'delta' })).not.toThrow();
    expect(() => parseRunSpec({ loss: R, algorithm: 'gd', family: 'gaussian-fixed', init: { precision: [[1, 0], [0, 1]] } })).not.toThrow();
  });

  it('blr fixes nothing', () => {
    expect(parseRunSpec({ loss: R, algorithm: 'blr', family: 'gaussian-diag', rho: 0.3, expectation: 'exact' })).toMatchObject({ family: 'gaussian-diag', rho: 0.3, expectation: 'exact' });
  });
});

describe('normalisation is idempotent', () => {
  it('a parsed spec re-parses to itself, also after a JSON round trip (valid-spec arbitrary)', () => {
    fc.assert(
      fc.property(validSpec, (raw) => {
        const once = parseRunSpec(raw);
        expect(parseRunSpec(once)).toEqual(once);
        // (JSON turns −0 into 0, so compare as JSON after the round trip)
        const json = JSON.stringify(once);
        expect(JSON.stringify(parseRunSpec(JSON.parse(json)))).toBe(json);
      }),
      { numRuns: 300 },
    );
  });

  it('preset specs and a formula spec re-parse to themselves', () => {
    for (const raw of [
      { loss: R, algorithm: 'gd', rho: 0.01 },
      { loss: { kind: 'wall' }, algorithm: 'newton' },
      { loss: { kind: 'flat-sharp' }, algorithm: 'von', samples: 4, hessian: 'reparam' },
      { loss: { kind: 'expr', expr: ' x^4 + y^2 ' }, expectation: 'mc' },
    ]) {
      const once = parseRunSpec(raw);
      expect(parseRunSpec(once)).toEqual(once);
      expect(parseRunSpec(JSON.parse(JSON.stringify(once)))).toEqual(once);
    }
  });
});

describe('fuzz: no JSON input throws anything but a SpecError', () => {
  const check = (raw: unknown) => {
    let out: ReturnType<typeof parseRunSpec>;
    try {
      out = parseRunSpec(raw);
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      expect(e.issues.length).toBeGreaterThan(0);
      for (const i of e.issues) {
        expect(typeof i.path).toBe('string');
        expect(i.message.length).toBeGreaterThan(0);
      }
      return;
    }
    // Whatever parses is a fixed point of parsing.
    expect(parseRunSpec(out)).toEqual(out);
  };

  it('arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 2000 });
  });

  it('objects built from the real field names with arbitrary values', () => {
    const any = fc.jsonValue({ maxDepth: 3 });
    const num = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, 1, -1, 0.5, 2, 10, 1e6, 1e-9));
    const vec = fc.oneof(any, fc.tuple(num, num));
    const mat = fc.oneof(any, fc.tuple(fc.tuple(num, num), fc.tuple(num, num)));
    const loss = fc.oneof(
      any,
      fc.record(
        {
          kind: fc.oneof(fc.constantFrom(...LOSS_KINDS), any),
          a: fc.oneof(num, vec), b: num, A: mat, h: num, kappa: num, w: num, center: vec, hessian: mat,
          eps: num, h1: num, h2: num, c1: vec, c2: vec, P1: mat, P2: mat,
          x: fc.oneof(any, fc.array(num, { maxLength: 5 })), y: fc.oneof(any, fc.array(fc.oneof(num, fc.constantFrom(0, 1)), { maxLength: 5 })),
          noiseVariance: num, priorPrecision: num, expr: fc.oneof(any, fc.string({ maxLength: 30 })),
        },
        { requiredKeys: [] },
      ),
    );
    const spec = fc.record(
      {
        loss,
        algorithm: fc.oneof(fc.constantFrom(...ALGORITHM_NAMES, 'constructor', '__proto__', 'toString'), any),
        family: fc.oneof(fc.constantFrom('gaussian', 'gaussian-diag', 'gaussian-fixed'), any),
        expectation: fc.oneof(fc.constantFrom('delta', 'mc', 'exact'), any),
        hessian: fc.oneof(fc.constantFrom('sampled', 'reparam', 'gauss-newton', 'fisher', 'squared-gradient'), any),
        samples: num, rho: num, temperature: num, improved: fc.oneof(fc.boolean(), any), steps: num, seed: num,
        init: fc.oneof(any, fc.record({ mean: vec, precision: mat }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(spec, check), { numRuns: 3000 });
  });
});

describe('run cost budget', () => {
  it('rejects runs too expensive for a browser, naming what to lower, and accepts the largest cheap ones', () => {
    const costly = [
      { loss: { kind: 'expr', expr: 'x^2 + y^2' }, expectation: 'mc', samples: 256, steps: MAX_STEPS },
      { loss: { kind: 'logistic-regression', x: Array.from({ length: 1000 }, (_, i) => i / 100), y: Array.from({ length: 1000 }, (_, i) => i % 2) }, expectation: 'exact', steps: 1000 },
    ];
    for (const spec of costly) {
      let error: unknown;
      try {
        parseRunSpec(spec);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SpecError);
      expect((error as SpecError).issues[0].path).toBe('steps');
      expect((error as Error).message).toMatch(/lower steps/);
    }
    expect(() => parseRunSpec({ loss: { kind: 'rosenbrock' }, expectation: 'mc', samples: 256, steps: MAX_STEPS })).not.toThrow();
    expect(() => parseRunSpec({ loss: { kind: 'expr', expr: 'x^2' }, expectation: 'mc', samples: 16, steps: MAX_STEPS })).not.toThrow();
  });
});
