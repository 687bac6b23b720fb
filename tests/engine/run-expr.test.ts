import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/engine/run';
import { parseRunSpec } from '../../src/engine/spec';

/** Formulas from the whitelisted grammar: numbers, x, y, + − * / ^ and the allowed functions. */
const formula = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'y', '1', '2', '0.5', 'pi', 'e'),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^'), tie('expr')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(fc.constantFrom('sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'sinh', 'cosh', 'tanh', 'atan'), tie('expr')).map(([f, a]) => `${f}(${a})`),
  ),
})).expr;

describe('runs on custom formulas (fuzzed)', () => {
  it('every generated formula runs to ok or diverged with a remedy, and every frame is finite', async () => {
    await fc.assert(
      fc.asyncProperty(
        formula,
        fc.constantFrom('delta', 'mc'),
        fc.constantFrom('gaussian', 'gaussian-diag', 'gaussian-fixed'),
        fc.boolean(),
        fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })),
        async (expr, expectation, family, improved, mean) => {
          const spec = parseRunSpec({ loss: { kind: 'expr', expr }, expectation, family, improved, samples: 4, steps: 25, rho: 0.3, init: { mean } });
          let result: Awaited<ReturnType<typeof run>>;
          try {
            result = await run(spec);
          } catch (e) {
            // Formulas whose derivatives are too large are refused up front with an ExprError.
            expect((e as Error).name).toBe('ExprError');
            return;
          }
          for (const f of result.frames) {
            expect([f.step, ...f.mean, ...f.precision.flat(), ...f.cov.flat(), f.loss, f.objective].every(Number.isFinite)).toBe(true);
          }
          if (result.status === 'diverged') expect(result.message).toMatch(/Try/);
          else expect(result.frames).toHaveLength(26);
        },
      ),
      { numRuns: 150, seed: 20261123 },
    );
  });
});
