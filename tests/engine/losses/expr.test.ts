import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ALLOWED_FUNCTIONS, ExprError, MAX_EXPR_LENGTH, parseExprLoss } from '../../../src/engine/losses/expr';
import { LOSS_SLOTS } from '../../../src/engine/losses/loss';

/** The error parseExprLoss throws for `source`, or undefined if it succeeds. */
function rejection(source: string): unknown {
  try {
    parseExprLoss(source);
  } catch (err) {
    return err;
  }
  return undefined;
}

const GENERAL_POINTS: ReadonlyArray<readonly [number, number]> = [
  [0.3, -0.7],
  [-1.2, 0.4],
  [0.9, 1.1],
  [-0.5, -1.3],
  [1.4, 0.2],
];
const POSITIVE_POINTS: ReadonlyArray<readonly [number, number]> = [
  [0.5, 0.7],
  [1.3, 0.4],
  [2.1, 1.7],
  [0.8, 2.6],
];

describe('parseExprLoss: analytic derivatives', () => {
  const cases: ReadonlyArray<readonly [string, ReadonlyArray<readonly [number, number]>]> = [
    ['x^2 + 3*y^2', GENERAL_POINTS],
    ['(1-x)^2 + 100*(y-x^2)^2', GENERAL_POINTS],
    ['x^4 - 2*x^2*y + y^3/3 - 0.5*x*y', GENERAL_POINTS],
    ['(x^2+y-11)^2 + (x+y^2-7)^2', GENERAL_POINTS],
    ['2x y + -x^3 + +y', GENERAL_POINTS],
    ['pi*x^2 + e*y - pi/e', GENERAL_POINTS],
    ['sin(x)*cos(y) + 0.1*(x^2+y^2)', GENERAL_POINTS],
    ['exp(0.3*x - 0.2*y) + log(1 + x^2 + y^2)', GENERAL_POINTS],
    ['sqrt(x^2 + y^2 + 1)', GENERAL_POINTS],
    ['tanh(x*y) + atan(x - 2*y)', GENERAL_POINTS],
    ['tan(0.3*x)*y^2', GENERAL_POINTS],
    ['sinh(x/2)*cosh(y/3)', GENERAL_POINTS],
    ['log(1 + exp(-x*y))', GENERAL_POINTS],
    ['exp(sin(x*y)) * tanh(y)^2', GENERAL_POINTS],
    ['abs(x)*y^2 + abs(y - 2)', GENERAL_POINTS],
    ['log(x) * sqrt(y) + x^y', POSITIVE_POINTS],
    ['sqrt(x*y) / (1 + log(x + y))', POSITIVE_POINTS],
    ['x^(1/3) * y^2.5', POSITIVE_POINTS],
  ];

  for (const [formula, points] of cases) {
    it(`matches central finite differences for ${formula}`, () => {
      const loss = parseExprLoss(formula);
      const out = new Float64Array(LOSS_SLOTS);
      const plus = new Float64Array(LOSS_SLOTS);
      const minus = new Float64Array(LOSS_SLOTS);
      const close = (analytic: number, numeric: number): void => {
        expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(analytic)));
      };
      for (const [x, y] of points) {
        loss.evaluate(x, y, out);
        expect(out.every(Number.isFinite)).toBe(true);
        expect(loss.value(x, y)).toBe(out[0]);
        const hx = 1e-5 * Math.max(1, Math.abs(x));
        const hy = 1e-5 * Math.max(1, Math.abs(y));
        // Gradient from the value; Hessian from the analytic gradient.
        close(out[1], (loss.value(x + hx, y) - loss.value(x - hx, y)) / (2 * hx));
        close(out[2], (loss.value(x, y + hy) - loss.value(x, y - hy)) / (2 * hy));
        loss.evaluate(x + hx, y, plus);
        loss.evaluate(x - hx, y, minus);
        close(out[3], (plus[1] - minus[1]) / (2 * hx));
        close(out[4], (plus[2] - minus[2]) / (2 * hx));
        loss.evaluate(x, y + hy, plus);
        loss.evaluate(x, y - hy, minus);
        close(out[4], (plus[1] - minus[1]) / (2 * hy));
        close(out[5], (plus[2] - minus[2]) / (2 * hy));
      }
    });
  }

  it('gives the exact closed form for x^2 + 3*y^2', () => {
    const loss = parseExprLoss('  x^2 + 3*y^2 ');
    const out = new Float64Array(LOSS_SLOTS);
    for (const [x, y] of [
      [0.5, -1.25],
      [2, 3],
      [-3, 0.75],
      [0, 0],
      [-1.5, -2.5],
    ]) {
      loss.evaluate(x, y, out);
      expect(Array.from(out)).toEqual([x * x + 3 * y * y, 2 * x, 6 * y, 2, 0, 6]);
      expect(loss.value(x, y)).toBe(x * x + 3 * y * y);
    }
    expect(loss.label).toBe('x^2 + 3*y^2');
    expect(loss.view).toEqual([-3, 3, -3, 3]);
    expect(loss.expect).toBeUndefined();
    expect(loss.minimiser).toBeUndefined();
  });

  it('accepts a constant formula', () => {
    const out = new Float64Array(LOSS_SLOTS);
    parseExprLoss('2*pi').evaluate(1, -1, out);
    expect(Array.from(out)).toEqual([2 * Math.PI, 0, 0, 0, 0, 0]);
  });

  it('returns NaN, not complex numbers, outside the real domain', () => {
    const out = new Float64Array(LOSS_SLOTS);
    parseExprLoss('sqrt(x) + log(y)').evaluate(-1, -2, out);
    // The x-parts (sqrt of a negative number) are NaN; 1/y and -1/y^2 are still defined.
    expect(Array.from(out)).toEqual([NaN, NaN, -0.5, NaN, 0, -0.25]);
    expect(parseExprLoss('x^(1/3)').value(-8, 0)).toBeNaN();
  });
});

describe('parseExprLoss: rejected formulas', () => {
  const hostile: ReadonlyArray<readonly [string, string | RegExp]> = [
    ['import({}, {override: true})', '"import"'],
    ['evaluate("1+1")', '"evaluate"'],
    ['parse("x")', '"parse"'],
    ['a = 3', 'a = 3'],
    ['f(x) = x^2', 'f(x)'],
    ['x.constructor', 'x.constructor'],
    ['x["constructor"]', 'constructor'],
    ['[1, 2]', '[1, 2]'],
    ['{a: 1}', /\{"?a"?: 1\}/],
    ['"hello"', 'hello'],
    ['x; y', ';'],
    ['x\ny', 'line break'],
    ['x > 0 ? x : y', '?'],
    ['1:3', '1:3'],
    ['5 cm', '"cm"'],
    ['createUnit("foo")', '"createUnit"'],
    ['cos.constructor', 'cos.constructor'],
    ['z + x', '"z"'],
    ['x == y', '"=="'],
    ['x < y < 1', 'x < y < 1'],
    ['x and y', '"and"'],
    ['x mod y', '"mod"'],
    ['x!', '"!"'],
    ["x'", `"'"`],
    ['x .* y', '".*"'],
    ['sum(x, y)', '"sum"'],
    ['log(x, 2)', '"log" takes exactly 1 argument'],
    ['sin', '"sin" is a function'],
    ['x.y(2)', 'x.y'],
    ['x?.y', 'x?.y'],
    ['f = x', 'f = x'],
    ['true', '"true"'],
    ['NaN', '"NaN"'],
    ['Infinity', '"Infinity"'],
    ['', 'empty'],
    ['  \t\n ', 'empty'],
    ['x'.repeat(MAX_EXPR_LENGTH + 1), `${MAX_EXPR_LENGTH + 1} characters`],
    ['x +', 'character 4'],
    [')(', 'character 1'],
    ['1e999 * x', '1e999'],
  ];

  for (const [source, piece] of hostile) {
    it(`rejects ${JSON.stringify(source.length > 40 ? `${source.slice(0, 37)}...` : source)}`, () => {
      const err = rejection(source);
      expect(err).toBeInstanceOf(ExprError);
      const message = (err as ExprError).message;
      if (typeof piece === 'string') expect(message).toContain(piece);
      else expect(message).toMatch(piece);
    });
  }

  it('rejects formulas whose second derivatives explode', () => {
    const err = rejection(`${'exp('.repeat(30)}x*y${')'.repeat(30)}`);
    expect(err).toBeInstanceOf(ExprError);
    expect((err as ExprError).message).toMatch(/too complex/);
  });

  it('accepts valid formulas, comments included', () => {
    expect(() => parseExprLoss('x^2 + 3*y^2')).not.toThrow();
    expect(parseExprLoss('sin(x) * exp(-y^2) # a comment').value(0, 0)).toBe(0);
  });

  it('whitelists only functions mathjs can differentiate', () => {
    expect([...ALLOWED_FUNCTIONS].sort()).toEqual(
      ['abs', 'atan', 'cos', 'cosh', 'exp', 'log', 'sin', 'sinh', 'sqrt', 'tan', 'tanh'],
    );
    for (const f of ALLOWED_FUNCTIONS) {
      const loss = parseExprLoss(`${f}(0.3*x + 0.2*y + 1.1)`);
      const out = new Float64Array(LOSS_SLOTS);
      loss.evaluate(0.4, -0.3, out);
      expect(out.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('parseExprLoss: properties', () => {
  /** parseExprLoss(s) returns a Loss or throws ExprError (a hang would hit the test's timeout). */
  const loadsOrRejects = (s: string): void => {
    try {
      const loss = parseExprLoss(s);
      expect(typeof loss.evaluate).toBe('function');
    } catch (err) {
      expect(err).toBeInstanceOf(ExprError);
    }
  };

  it('arbitrary strings give a Loss or an ExprError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 220 }), loadsOrRejects), { numRuns: 400 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), loadsOrRejects), { numRuns: 200 });
  });

  it('strings over a grammar-ish alphabet give a Loss or an ExprError', () => {
    const tokens = ['x', 'y', '1', '2', '+', '-', '*', '/', '^', '(', ')', 'sin', 'cos', 'exp', 'log', '.', ',', ';', '=', '[', ']', '{', '}', "'", '"', ' '];
    const source = fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(fc.property(source, loadsOrRejects), { numRuns: 600 });
  });

  it('valid formulas evaluate at any finite point without throwing', () => {
    const number = fc
      .oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: -100, max: 100, noNaN: true }))
      .map((v) => `(${String(v)})`);
    const { formula } = fc.letrec<{ formula: string }>((tie) => ({
      formula: fc.oneof(
        { maxDepth: 6, depthSize: 'large' },
        { arbitrary: fc.constantFrom('x', 'y', 'pi', 'e'), weight: 2 },
        { arbitrary: number, weight: 1 },
        {
          arbitrary: fc.tuple(fc.constantFrom(...ALLOWED_FUNCTIONS), tie('formula')).map(([f, a]) => `${f}(${a})`),
          weight: 2,
        },
        {
          arbitrary: fc
            .tuple(tie('formula'), fc.constantFrom('+', '-', '*', '/', '^'), tie('formula'))
            .map(([a, op, b]) => `(${a}) ${op} (${b})`),
          weight: 3,
        },
        { arbitrary: tie('formula').map((a) => `-(${a})`), weight: 1 },
      ),
    }));
    const point = fc.double({ noNaN: true, noDefaultInfinity: true });
    const valid = formula.filter((s) => s.length <= MAX_EXPR_LENGTH);
    const out = new Float64Array(LOSS_SLOTS);
    fc.assert(
      fc.property(valid, fc.array(fc.tuple(point, point), { minLength: 1, maxLength: 8 }), (source, points) => {
        let loss: ReturnType<typeof parseExprLoss>;
        try {
          loss = parseExprLoss(source);
        } catch (err) {
          // A valid formula may only be refused for being too complex to differentiate.
          expect(err).toBeInstanceOf(ExprError);
          expect((err as ExprError).message).toMatch(/too complex/);
          return;
        }
        for (const [x, y] of points) {
          loss.evaluate(x, y, out);
          for (const v of out) expect(typeof v).toBe('number');
          expect(Object.is(loss.value(x, y), out[0]) || (Number.isNaN(out[0]) && Number.isNaN(loss.value(x, y)))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
