/**
 * Messages between the page and the engine workers. Both sides import these types; the kinds
 * are `as const` so a switch over them is exhaustive.
 *
 * Flow control is pull-based: the page asks for at most `maxSteps` more steps of a run once per
 * animation frame while the figure is playing and visible, so pausing, scrolling away or hiding
 * the tab simply stops asking, and the run resumes exactly where it stopped.
 */
import type { RunSpecInput } from '../engine/spec';

export const MSG = {
  start: 'start',
  pull: 'pull',
  cancel: 'cancel',
  surface: 'surface',
  checkExpr: 'check-expr',
  started: 'started',
  frames: 'frames',
  runError: 'run-error',
  surfaceResult: 'surface-result',
  exprResult: 'expr-result',
  ready: 'ready',
  alive: 'alive',
} as const;

/**
 * While a worker has work queued it says so every HEARTBEAT_MS (MSG.alive), so the pool can tell
 * a slow job (a formula's parser still loading, a large grid) from a worker that died without an
 * error event or loops: the pool's liveness limit (pool.ts) is several heartbeats long.
 */
export const HEARTBEAT_MS = 1000;

/** A contour ring set, as d3-contour returns it (coordinates in grid units). */
export interface ContourBand {
  value: number;
  coordinates: number[][][][];
}

export interface SurfaceRequest {
  kind: typeof MSG.surface;
  id: number;
  /** The loss part of a RunSpec (validated in the worker). */
  loss: RunSpecInput['loss'];
  temperature: number;
  nx: number;
  ny: number;
  /** Overrides the loss's default view window. */
  view?: [number, number, number, number];
  /** Also compute the exact tempered target on the window: −log Z, moments and HPD contours. */
  posterior?: boolean;
}

/** The exact target p ∝ exp(−ℓ̄/τ) on the surface window (Khan & Rue 2023, §5; engine/posterior.ts). */
export interface PosteriorInfo {
  negLogZ: number;
  mean: [number, number];
  cov: [[number, number], [number, number]];
  /** Share of p's mass in the window's outermost cells: above ~1e-3 the window cuts p off. */
  edgeMass: number;
  /** Contours of p enclosing 86.5% and 39.3% of its mass (q's 2σ and 1σ ellipses), in that order. */
  bands: ContourBand[];
}

/** Measure KL(q ‖ p) per frame against the exact tempered target (engine/measure.ts). */
export interface MeasureRequest {
  /**
   * The window a 2-D family's target is normalised on (the loss's own view when left out). The
   * Beta family's target is a Beta in closed form and needs no window.
   */
  view?: [number, number, number, number];
}

export type ToWorker =
  | {
      kind: typeof MSG.start;
      runId: number;
      spec: RunSpecInput;
      posterior?: MeasureRequest;
    }
  | { kind: typeof MSG.pull; runId: number; maxSteps: number }
  | { kind: typeof MSG.cancel; runId: number }
  | SurfaceRequest
  | { kind: typeof MSG.checkExpr; id: number; expr: string };

export type RunStatusWire = 'running' | 'ok' | 'diverged' | 'not-converged';

export type FromWorker =
  /** Posted once the worker's script has loaded and evaluated. */
  | { kind: typeof MSG.ready }
  /** The heartbeat of a busy worker (HEARTBEAT_MS). */
  | { kind: typeof MSG.alive }
  | { kind: typeof MSG.started; runId: number; steps: number }
  | {
      kind: typeof MSG.frames;
      runId: number;
      /** `stride` numbers per frame (see engine/kernel.ts), transferred, not copied. */
      data: Float64Array;
      /** Numbers per frame: FRAME_STRIDE for the Gaussian families, more for mixtures and Bernoulli. */
      stride: number;
      /** KL(q ‖ p) of each frame (NaN where undefined), when the run was started with `posterior`. */
      kl?: Float64Array;
      status: RunStatusWire;
      message?: string;
    }
  | { kind: typeof MSG.runError; runId: number; message: string }
  | {
      kind: typeof MSG.surfaceResult;
      id: number;
      ok: true;
      view: [number, number, number, number];
      nx: number;
      ny: number;
      minimiser: [number, number] | null;
      /** Level sets of ℓ̄ (open lines drawn as rings). */
      loss: ContourBand[];
      /** Filled bands of the tempered target exp(−(ℓ̄ − min ℓ̄)/τ), from faint to dense. */
      target: ContourBand[];
      /**
       * Local minimisers to mark: the loss's own list (Himmelblau's four, the tanh network's two),
       * else the grid's local minima (engine/minima.ts), the polished minimiser among them.
       */
      minima?: [number, number][];
      posterior?: PosteriorInfo;
    }
  | { kind: typeof MSG.surfaceResult; id: number; ok: false; message: string }
  | { kind: typeof MSG.exprResult; id: number; ok: boolean; message?: string };
