/**
 * The uncertainty figure's pure half (figures-uncertainty.tsx, chapter 6): the four runs on the
 * two-weight network f(x) = w₂ tanh(w₁x) — a point estimate (Adam), IVON's Gaussian q, SGD
 * with dropout, and the Laplace approximation at the MAP — and the predictive each one gives
 * in data space at the step on screen (engine/predictive.ts does the maths).
 */
import { F } from '../engine/kernel';
import {
  dropoutMasks, dropoutPredictive, gaussianPredictive, gridX, linearisedPredictive, standardNormals, tanhCurve, tanhJacobian, tanhModel, type PredictiveMoments,
} from '../engine/predictive';
import { lossSchema, type LossSpec, type RunSpecInput } from '../engine/spec';
import type { FigureSettings } from './settings';

/** The training data: the loss's default generator, x uniform on [−2, 2] (engine/data.ts tanhData). */
export const PREDICTIVE_DATA = { n: 24, seed: 1, noise: 0.3 } as const;
export const PREDICTIVE_LOSS = { kind: 'tanh-regression', data: { ...PREDICTIVE_DATA } } as const satisfies RunSpecInput['loss'];
/** The model's noise variance σ², as the engine's loss schema sets it. */
export const NOISE_VARIANCE = (lossSchema.parse(PREDICTIVE_LOSS) as Extract<LossSpec, { kind: 'tanh-regression' }>).noiseVariance;
/** Where the training inputs lie. */
export const DATA_X_RANGE = [-2, 2] as const;
/** The data-space window: twice as wide as the data, so the bands can be read away from them. */
export const X_RANGE = [-4, 4] as const;
export const Y_RANGE = [-2.2, 2.2] as const;
/** The x values the readouts give the predictive sd at: the data's centre, their edge, the window's edge. */
export const READ_AT = [0, 2, 4] as const;
/** Curves are evaluated at this many x values across the window (READ_AT lie on the grid). */
export const GRID_POINTS = 81;
/** Test-time draws per frame: samples of q (IVON, Laplace) and dropout masks. */
export const PREDICTIVE_DRAWS = 1000;
/** IVON's ρ = 1 − β₂ and start precision, as in the adam-vs-ivon figure (PointVsDist.tsx). */
const IVON_RHO = 0.1;
const IVON_START_PRECISION: [[number, number], [number, number]] = [[10, 0], [0, 10]];
/** SGD's learning rate with dropout (the dropout preset's ρ); 0.02 settles within 200 steps for p ≤ 0.5. */
const DROPOUT_RHO = 0.02;

export const PREDICTIVE_SERIES = ['point', 'ivon', 'dropout', 'laplace'] as const;
export type PredictiveSeries = (typeof PREDICTIVE_SERIES)[number];

/** The settings the runs read. */
export type PredictiveSettings = Pick<FigureSettings, 'alpha' | 'batch' | 'steps' | 'seed' | 'start' | 'dropout'>;

/** The dropout rate of the settings, the figure's default where a setting is missing. */
export const DEFAULT_DROPOUT = 0.1;
const rate = (s: Pick<PredictiveSettings, 'dropout'>) => s.dropout ?? DEFAULT_DROPOUT;

/** Each series' RunSpec: same data, minibatch size, seed and start for all four. */
export function predictiveSpec(key: PredictiveSeries, s: PredictiveSettings): RunSpecInput {
  const common = { loss: PREDICTIVE_LOSS, steps: s.steps, seed: s.seed };
  const mean: [number, number] = [s.start[0], s.start[1]];
  switch (key) {
    case 'point':
      return { ...common, algorithm: 'adam', alpha: s.alpha, batchSize: s.batch, init: { mean } };
    case 'ivon':
      return { ...common, algorithm: 'ivon', alpha: s.alpha, batchSize: s.batch, rho: IVON_RHO, init: { mean, precision: IVON_START_PRECISION } };
    case 'dropout':
      return { ...common, algorithm: 'dropout', dropout: rate(s), rho: DROPOUT_RHO, batchSize: s.batch, init: { mean } };
    case 'laplace':
      // Newton's method on the whole loss to its fixed point: q = N(θ_MAP, ∇²ℓ̄(θ_MAP)⁻¹).
      return { ...common, algorithm: 'laplace', init: { mean } };
  }
}

/** Fixed test-time randomness of a seed: the normals for samples of q and the dropout masks. */
export interface TestDraws {
  normals: Float64Array;
  masks: Float64Array;
}

/** Seeds of the test-time draws, apart from the runs' own streams. */
const drawSeed = (seed: number) => (seed ^ 0x6a09e667) >>> 0;
const maskDrawSeed = (seed: number) => (seed ^ 0x3c6ef372) >>> 0;

/** The test-time draws for a seed and dropout rate: the same seed always gives the same bands. */
export function testDraws(s: Pick<PredictiveSettings, 'seed' | 'dropout'>): TestDraws {
  return { normals: standardNormals(PREDICTIVE_DRAWS, drawSeed(s.seed)), masks: dropoutMasks(PREDICTIVE_DRAWS, rate(s), maskDrawSeed(s.seed)) };
}

/** The x grid of the window. */
export const predictiveGrid = () => gridX(X_RANGE[0], X_RANGE[1], GRID_POINTS);

/** The predictive of one series at a frame: mean and sd of f(x) (sd null: a point has no band). */
export interface SeriesPredictive {
  mean: Float64Array;
  sd: Float64Array | null;
}

/**
 * What a series' frame (offset `o` in `data`) predicts at `xs`: the point's curve f(x; m); IVON's
 * and Laplace's Monte Carlo average over q = N(m, Σ); dropout's average over masks m ∘ z.
 * The spread is that of f (the noise σ² of y would add to every band's variance alike).
 */
export function seriesPredictive(key: PredictiveSeries, data: Float64Array, o: number, xs: Float64Array, draws: TestDraws): SeriesPredictive {
  const m: [number, number] = [data[o + F.mx], data[o + F.my]];
  if (key === 'point') return { mean: tanhCurve(m[0], m[1], xs), sd: null };
  const p: PredictiveMoments =
    key === 'dropout'
      ? dropoutPredictive(tanhModel, m, draws.masks, xs)
      : gaussianPredictive(tanhModel, m, [data[o + F.ca], data[o + F.cb], data[o + F.cc]], xs, draws.normals);
  return p;
}

/**
 * The linearised predictive of a Gaussian frame (f linear in θ around m: sd √(JΣJᵀ)), the
 * closed form Laplace's band is often given in (MacKay 1992; Immer et al. 2021).
 */
export function linearisedSeriesPredictive(data: Float64Array, o: number, xs: Float64Array): PredictiveMoments {
  return linearisedPredictive(tanhModel, tanhJacobian, [data[o + F.mx], data[o + F.my]], [data[o + F.ca], data[o + F.cb], data[o + F.cc]], xs);
}

/** The index of x on the grid (READ_AT lie on it). */
export function gridIndex(x: number): number {
  return Math.round(((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * (GRID_POINTS - 1));
}
