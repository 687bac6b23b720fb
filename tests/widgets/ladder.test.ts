import { describe, expect, it } from 'vitest';
import { identifyAlgorithm } from '../../src/engine/identify';
import { run } from '../../src/engine/run';
import { parseRunSpec, safeParseRunSpec } from '../../src/engine/spec';
import { normaliseSpec, runSpecJson } from '../../src/widgets/export';
import {
  LADDER_EPSILON,
  LADDER_PRESETS,
  exactBlrSpec,
  ladderConstants,
  ladderEquations,
  ladderOptions,
  ladderSpec,
  ladderVerdict,
  normaliseLadder,
  toggleLadder,
  type LadderSettings,
} from '../../src/widgets/ladder';
import { createLadderConfig } from '../../src/widgets/LadderPanel';
import { LADDER_TOKENS, URL_FIELDS, settingsFromQuery, writeSettingsToQuery, type FigureSettings, type LadderToken } from '../../src/widgets/settings';

const base: LadderSettings = { ladder: [], rho: 0.1, rhoGd: 0.01, alpha: 0.05, batch: 8, samples: 32, seed: 1, steps: 200, start: [2.5, 0.5] };
/** A figure's full settings around `base` (what createLadderConfig is given by figures.tsx). */
const figureBase: FigureSettings = {
  ...base, alg: 'blr', tau: 1, speed: 20, improved: false, loss: 'expr', expr: 'x', components: 4, mc: false, means: [],
};
const with_ = (ladder: LadderToken[]): LadderSettings => ({ ...base, ladder });
const nameOf = (ladder: LadderToken[]) => {
  const v = ladderVerdict(with_(ladder));
  return v.ok ? v.identification.name : `invalid: ${v.summary}`;
};

/** Every subset of the switches, once per distinct normalised set. */
function allCombinations(): LadderToken[][] {
  const seen = new Map<string, LadderToken[]>();
  for (let mask = 0; mask < 1 << LADDER_TOKENS.length; mask++) {
    const t = normaliseLadder(LADDER_TOKENS.filter((_, i) => mask & (1 << i)));
    seen.set(t.join('.'), t);
  }
  return [...seen.values()];
}

describe('ladder switches', () => {
  it('keep one family and one Hessian token, in ladder order', () => {
    expect(normaliseLadder(['sq', 'fixed', 'ggn', 'diag', 'delta'])).toEqual(['diag', 'delta', 'ggn']);
    expect(toggleLadder(['diag', 'delta', 'fisher'], 'fixed', true)).toEqual(['fixed', 'delta', 'fisher']);
    expect(toggleLadder(['diag', 'delta', 'fisher'], 'sq', true)).toEqual(['diag', 'delta', 'sq']);
    expect(toggleLadder(['diag', 'delta', 'fisher'], 'delta', false)).toEqual(['diag', 'fisher']);
    expect(toggleLadder([], 'mom', true)).toEqual(['mom']);
  });

  it('round-trip through the URL table, the new family tokens included', () => {
    const field = URL_FIELDS.ladder;
    for (const t of allCombinations()) expect(field.parse(field.format(t))).toEqual(t);
    expect(field.parse('drop.fixed.delta')).toEqual(['fixed', 'delta', 'drop']);
    expect(field.parse('diag.nonsense')).toBeUndefined();
  });

  it('read an old link’s one `sqrt` switch as the four items it turned on, so the same run reopens', () => {
    const field = URL_FIELDS.ladder;
    const old = field.parse('diag.delta.batch.sq.sqrt.mom')!;
    expect(old).toEqual(LADDER_PRESETS.adam);
    expect(field.format(old)).toBe('diag.delta.batch.sq.root.zero.damp.alpha.mom');
    expect(field.parse('diag.delta.batch.sq.sqrt')).toEqual(LADDER_PRESETS.rmsprop);
    // The old switch's spec: √s + c, a separate α and s₀ = 0, exactly as before the split.
    expect(ladderSpec(with_(field.parse('diag.delta.sq.sqrt')!))).toMatchObject({ sqrt: true, damping: LADDER_EPSILON, alpha: 0.05, init: { precision: [[0, 0], [0, 0]] } });
  });
});

describe('switches → RunSpec', () => {
  it('starts from the exact BLR: full Gaussian, many Monte Carlo samples, the Hessian itself, every example', () => {
    const s = parseRunSpec(exactBlrSpec(base));
    expect(s).toMatchObject({ algorithm: 'blr', family: 'gaussian', expectation: 'mc', samples: 32, hessian: 'sampled', improved: true, rho: 0.1 });
    expect(s.batchSize).toBeUndefined();
    expect(s.init).toEqual({ mean: [2.5, 0.5], precision: [[1, 0], [0, 1]] });
    expect(s).toMatchObject({ momentum: 0, debias: 'none', sqrt: false, damping: 0, dropout: 0 });
    expect(s.alpha).toBeUndefined();
    expect(identifyAlgorithm(s).summary).toMatch(/Bayesian learning rule itself with a full Gaussian/);
  });

  it('maps each switch to its fields', () => {
    const spec = (t: LadderToken[]) => ladderSpec(with_(t));
    expect(spec(['diag'])).toMatchObject({ family: 'gaussian-diag' });
    expect(spec(['fixed'])).toMatchObject({ family: 'gaussian-fixed', rho: 0.01, improved: false });
    expect(spec(['delta'])).toMatchObject({ expectation: 'delta' });
    expect(spec(['delta']).samples).toBeUndefined();
    expect(spec(['batch'])).toMatchObject({ batchSize: 8 });
    expect(spec(['ggn'])).toMatchObject({ hessian: 'gauss-newton', improved: false });
    expect(spec(['fisher'])).toMatchObject({ hessian: 'fisher', improved: false });
    expect(spec(['sq'])).toMatchObject({ hessian: 'squared-gradient', improved: false });
    // RMSprop's four items, one field each.
    const identity = [[1, 0], [0, 1]];
    expect(spec(['diag', 'root'])).toMatchObject({ sqrt: true, init: { precision: identity } });
    expect(spec(['diag', 'root']).damping).toBeUndefined();
    expect(spec(['diag', 'root']).alpha).toBeUndefined();
    expect(spec(['diag', 'zero'])).toMatchObject({ init: { precision: [[0, 0], [0, 0]] } });
    expect(spec(['diag', 'zero']).sqrt).toBeUndefined();
    expect(spec(['damp'])).toMatchObject({ damping: LADDER_EPSILON, init: { precision: identity } });
    expect(spec(['alpha'])).toMatchObject({ alpha: 0.05, init: { precision: identity } });
    expect(spec(['diag', 'root', 'zero', 'damp', 'alpha'])).toMatchObject({ sqrt: true, damping: LADDER_EPSILON, alpha: 0.05, init: { precision: [[0, 0], [0, 0]] } });
    expect(spec(['mom'])).toMatchObject({ momentum: 0.9, debias: 'momentum' });
    // The scale's bias correction undoes the start s₀ = 0, so it comes with that start, not with the root.
    expect(spec(['diag', 'zero', 'damp', 'mom'])).toMatchObject({ momentum: 0.9, debias: 'both' });
    expect(spec(['diag', 'root', 'mom'])).toMatchObject({ momentum: 0.9, debias: 'momentum' });
    expect(spec(['drop'])).toMatchObject({ dropout: 0.5 });
    // From S₀ = 0 the improved update's S⁻¹ does not exist: the plain one runs.
    expect(spec(['diag', 'delta', 'zero', 'damp'])).toMatchObject({ improved: false });
    expect(spec(['diag', 'delta'])).toMatchObject({ improved: true });
    // The fixed family learns no precision: the Hessian and RMSprop's scale do nothing there.
    expect(spec(['fixed', 'sq', 'root', 'zero', 'damp', 'alpha'])).toEqual(spec(['fixed']));
    expect(ladderOptions(['fixed', 'sq', 'root', 'zero', 'damp', 'alpha']).inactive).toEqual(['sq', 'root', 'zero', 'damp', 'alpha']);
  });

  it('gives, for every combination of switches, a spec that parses or a clear schema message', () => {
    let valid = 0;
    for (const t of allCombinations()) {
      const r = safeParseRunSpec(ladderSpec(with_(t)));
      const v = ladderVerdict(with_(t));
      expect(v.ok).toBe(r.ok);
      if (r.ok) {
        valid++;
        expect(v.summary.length).toBeGreaterThan(10);
        continue;
      }
      // Only the start s₀ = 0 is refused: on a full Gaussian, without the damping, or with samples of q.
      const o = ladderOptions(t);
      expect(o.zeroStart && (o.family === 'gaussian' || !o.damping || !o.delta)).toBe(true);
      expect(r.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^(init\.precision|expectation)$/)]));
      expect(v.summary).toMatch(/^This combination cannot run: the start S₀ = 0 .*; switch on the (diagonal covariance|damping c|delta method)\.$/);
    }
    // Distinct sets: 3 families × dropout × delta × batch × 4 Hessians × 2⁴ scale items × momentum
    // = 3072. Refused: s₀ = 0 (on a learned family) unless diagonal, damped and delta: of the
    // 2 × 512 sets with s₀ = 0 on the full or diagonal family, all 512 full ones and 384 diagonal ones.
    expect(valid).toBe(3072 - 512 - 384);
  });

  it('names the rows of Table 1', () => {
    expect(nameOf(LADDER_PRESETS.rmsprop)).toBe('rmsprop');
    expect(nameOf(LADDER_PRESETS.adam)).toBe('adam');
    expect(nameOf(LADDER_PRESETS.ogn)).toBe('ogn');
    expect(nameOf(LADDER_PRESETS.ogn.filter((t) => t !== 'delta'))).toBe('vogn');
    expect(nameOf(LADDER_PRESETS.vogn)).toBe('vogn');
    expect(nameOf(LADDER_PRESETS.sgd)).toBe('sgd');
    expect(nameOf(LADDER_PRESETS.dropout)).toBe('dropout');
    expect(nameOf(['fixed', 'delta'])).toBe('gd');
    // Full-batch RMSprop is still RMSprop; momentum without the square root is no named row.
    expect(nameOf(['diag', 'delta', 'sq', 'root', 'zero', 'damp', 'alpha'])).toBe('rmsprop');
    // RMSprop's items one at a time: without the root or the start s₀ = 0 it is a variant, without
    // the damping it cannot start from 0, and without a separate α it is RMSprop with lr = ρ.
    const rmsWithout = (token: LadderToken) => ladderVerdict(with_(LADDER_PRESETS.rmsprop.filter((t) => t !== token)));
    // The root carries torch.optim's weight decay (the prior inside ĝ), so both are missing without it.
    expect(rmsWithout('root').summary).toBe('A variant that no row of Table 1 names. Closest: RMSprop, which would need the square root, the prior inside the gradient as weight decay (prior "in-gradient").');
    expect(rmsWithout('zero').summary).toBe('A variant that no row of Table 1 names. Closest: RMSprop, which would need the start v₀ = 0.');
    expect(rmsWithout('damp').ok).toBe(false);
    expect(rmsWithout('damp').summary).toMatch(/needs the damping c/);
    expect(nameOf(LADDER_PRESETS.rmsprop.filter((t) => t !== 'alpha'))).toBe('rmsprop');
    expect(nameOf(['diag', 'delta', 'batch', 'sq', 'mom'])).toBeNull();
    // Switching the delta method off dropout's ladder leaves the dropout row (chapter 4's exercise).
    expect(nameOf(LADDER_PRESETS.dropout.filter((t) => t !== 'delta'))).toBeNull();
    expect(ladderVerdict(with_(['diag', 'delta', 'batch', 'fisher', 'root', 'zero', 'damp', 'alpha'])).summary).toMatch(/variant/);
  });

  it('exports each series as a complete RunSpec that reads back to the same run', async () => {
    for (const preset of ['blr', 'ogn', 'dropout', 'adam'] as const) {
      const config = createLadderConfig(figureBase, preset);
      for (const series of config.series) {
        const spec = normaliseSpec(series.spec(config.defaults));
        const again = parseRunSpec(JSON.parse(runSpecJson(spec)));
        expect(again).toEqual(spec);
        const result = await run(again);
        expect(result.status, `${preset}/${series.key}: ${result.message}`).toBe('ok');
        // Every rung reaches the minimum near (1, 1.2) from the start (2.5, 0.5).
        expect(result.final!.mean[0]).toBeGreaterThan(0.6);
        expect(result.final!.mean[1]).toBeGreaterThan(0.8);
      }
    }
  });

  it('puts the switches in the URL, and falls back with a notice for a combination that cannot run', () => {
    const config = createLadderConfig(figureBase, 'blr');
    const allowed = [...config.controls, 'start', 'speed', 'steps', 'seed'] as const;
    const q = new URLSearchParams();
    writeSettingsToQuery('ladder', q, { ...config.defaults, ladder: ['diag', 'delta', 'batch', 'sq', 'root', 'damp'] }, config.defaults);
    expect(q.toString()).toBe('ladder.ladder=diag.delta.batch.sq.root.damp');
    expect(settingsFromQuery('ladder', q, config.defaults, config.series, allowed).settings.ladder).toEqual(['diag', 'delta', 'batch', 'sq', 'root', 'damp']);
    const bad = settingsFromQuery('ladder', new URLSearchParams('ladder.ladder=sqrt'), config.defaults, config.series, allowed);
    expect(bad.settings.ladder).toEqual([]);
    expect(bad.notice).toMatch(/init\.precision/);
  });
});

describe('the update equations', () => {
  const eq = (t: LadderToken[]) => ladderEquations(ladderOptions(t));
  const parts = ['gradient', 'precision', 'mean'] as const;

  it('change exactly when a switch changes what the step computes', () => {
    for (const t of allCombinations()) {
      for (const token of LADDER_TOKENS) {
        const other = toggleLadder(t, token, !t.includes(token));
        const a = ladderOptions(t);
        const b = ladderOptions(other);
        const same = JSON.stringify({ ...a, inactive: [] }) === JSON.stringify({ ...b, inactive: [] });
        const e1 = eq(t);
        const e2 = eq(other);
        if (same) expect(e2).toEqual(e1);
        else expect(parts.some((p) => e1[p] !== e2[p]), `${t.join('.')} ± ${token}`).toBe(true);
      }
    }
  });

  it('compose each block from its switches', () => {
    const rms = eq(LADDER_PRESETS.rmsprop);
    const adam = eq(LADDER_PRESETS.adam);
    expect(adam.gradient).not.toBe(rms.gradient);
    expect(adam.gradient).toContain("\\mathbf{u}' &= \\beta_1");
    expect(adam.mean).toContain('\\hat{\\mathbf{u}}');
    expect(adam.precision).toContain('\\hat{\\mathbf{s}}');
    expect(rms.precision).toContain('\\hat{\\mathbf{g}}\\circ\\hat{\\mathbf{g}}');
    expect(rms.precision).toContain('\\mathbf{s}_0 = \\mathbf{0}');
    expect(rms.mean).toContain('\\alpha');
    // RMSprop's items one by one: the damping and α change only the mean step; the root also
    // moves the prior into ĝ as weight decay (gradient and precision blocks); the start s₀ = 0
    // changes only the precision block (its line S₀ = 0).
    const without = (token: LadderToken) => eq(LADDER_PRESETS.rmsprop.filter((t) => t !== token));
    expect(rms.gradient).toContain('+ \\delta\\,\\mathbf{m}');
    expect(without('root').gradient).not.toContain('\\delta');
    expect(without('root').precision).toContain('+ \\delta)');
    for (const token of ['damp', 'alpha'] as const) {
      expect(without(token).mean, token).not.toBe(rms.mean);
      expect([without(token).gradient, without(token).precision], token).toEqual([rms.gradient, rms.precision]);
    }
    expect(without('root').mean).not.toContain('\\sqrt');
    expect(without('damp').mean).not.toContain('c\\big)');
    expect(without('alpha').mean).toContain('\\rho');
    expect(without('zero').precision).not.toContain('\\mathbf{s}_0 = \\mathbf{0}');
    expect([without('zero').gradient, without('zero').mean]).toEqual([rms.gradient, rms.mean]);
    // The delta method moves the evaluation point from samples θₖ ~ q to the mean.
    expect(eq([]).gradient).toContain('\\boldsymbol\\theta_k \\sim q');
    expect(eq(['delta']).gradient).toContain('\\nabla\\ell_i(\\mathbf{m})');
    // A Hessian choice changes only the precision block.
    const ogn = eq(LADDER_PRESETS.ogn);
    const ggn = eq(['diag', 'delta', 'batch', 'ggn']);
    expect(ggn.gradient).toBe(ogn.gradient);
    expect(ggn.mean).toBe(ogn.mean);
    expect(ggn.precision).not.toBe(ogn.precision);
    // Dropout: the gradient at z ∘ m with the factor z in front (chapter 4, eq. 4.24).
    expect(eq(LADDER_PRESETS.dropout).gradient).toContain('\\mathbf{z}\\circ \\tfrac{N}{M}\\sum_{i\\in\\mathcal{B}}\\nabla\\ell_i(\\mathbf{z}\\circ\\mathbf{m})');
    expect(eq(LADDER_PRESETS.dropout).precision).toContain('fixed covariance');
  });

  it('list the constants they use', () => {
    expect(ladderConstants(ladderOptions([]), base)).toBe('N = 24 examples, K = 32 samples, δ = 1, ρ = 0.1.');
    expect(ladderConstants(ladderOptions(LADDER_PRESETS.adam), base)).toMatch(/M = 8, .*ρ = 1 − β₂ = 0\.1, α = 0\.05, c = 10⁻⁸, β₁ = 0\.9\./);
    expect(ladderConstants(ladderOptions(LADDER_PRESETS.dropout), base)).toMatch(/ρ = 0\.01, p = 0\.5\.$/);
  });
});
