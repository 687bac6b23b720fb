/**
 * The engine side of the worker protocol as a plain object: `handle(message)` returns the
 * replies (and the buffers to transfer). The worker file is a thin shell around it, and tests
 * drive it directly in Node.
 */
import { contours } from 'd3-contour';
import { prepareLoss } from '../engine/losses/index';
import { frameKl, needsGrid, targetPosterior } from '../engine/measure';
import type { Loss } from '../engine/losses/loss';
import { ellipseMass, hpdLevels, posteriorDensity, type GridPosterior } from '../engine/posterior';
import { gridMinima } from '../engine/minima';
import { BlrRun } from '../engine/run';
import { lossSchema, parseRunSpec, SpecError } from '../engine/spec';
import { computeSurface } from '../engine/surface';
import { MSG, type ContourBand, type FromWorker, type PosteriorInfo, type SurfaceRequest, type ToWorker } from './protocol';

export interface Reply {
  message: FromWorker;
  transfer?: Transferable[];
}

const SURFACE_CACHE_SIZE = 24;
/** Longest stretch of stepping one pull may take. */
const SLICE_MS = 20;
const now = () => performance.now();

/** Loss levels: quantiles of the grid values, so every surface shows detail where it has it. */
function lossLevels(values: Float64Array, count: number): number[] {
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (!finite.length) return [];
  const levels: number[] = [];
  for (let k = 1; k <= count; k++) {
    // Quadratic spacing in the quantile puts more rings near the minimum.
    const q = (k / (count + 1)) ** 2;
    const v = finite[Math.min(finite.length - 1, Math.floor(q * finite.length))];
    if (!levels.length || v > levels[levels.length - 1] + 1e-12 * Math.abs(v)) levels.push(v);
  }
  return levels;
}

function bands(values: ArrayLike<number>, nx: number, ny: number, thresholds: number[]): ContourBand[] {
  return contours()
    .size([nx, ny])
    .thresholds(thresholds)(values as number[])
    .map((c) => ({ value: c.value, coordinates: c.coordinates as number[][][][] }));
}

function errorText(e: unknown): string {
  if (e instanceof SpecError) return e.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return e instanceof Error ? e.message : String(e);
}

/** A stateful engine host: live runs by id and a small cache of computed surfaces. */
export function createEngineHost() {
  /** Live runs and how many of their frames the page already has. */
  const runs = new Map<number, { run: BlrRun; delivered: number; measure: boolean; post: GridPosterior | null }>();
  const surfaces = new Map<string, Promise<Reply['message']>>();
  const posteriors = new Map<string, GridPosterior>();

  /** The exact target's normaliser and moments on a window, cached by loss, τ and window. */
  function posteriorOf(lossSpec: unknown, loss: Loss, temperature: number, view: readonly [number, number, number, number]): GridPosterior {
    const key = JSON.stringify([lossSpec, temperature, view]);
    let post = posteriors.get(key);
    if (!post) {
      post = targetPosterior(loss, temperature, view);
      posteriors.set(key, post);
      if (posteriors.size > SURFACE_CACHE_SIZE) posteriors.delete(posteriors.keys().next().value!);
    }
    return post;
  }

  async function surface(req: SurfaceRequest): Promise<Reply> {
    const key = JSON.stringify([req.loss, req.temperature, req.nx, req.ny, req.view, !!req.posterior]);
    let cached = surfaces.get(key);
    if (!cached) {
      cached = computeSurfaceReply(req);
      surfaces.set(key, cached);
      if (surfaces.size > SURFACE_CACHE_SIZE) surfaces.delete(surfaces.keys().next().value!);
    }
    const message = await cached;
    return { message: { ...message, id: req.id } as FromWorker };
  }

  async function computeSurfaceReply(req: SurfaceRequest): Promise<FromWorker> {
    try {
      const lossSpec = lossSchema.parse(req.loss);
      const loss = await prepareLoss(lossSpec);
      const view = req.view ?? ([...loss.view] as [number, number, number, number]);
      const nx = Math.max(8, Math.min(200, Math.round(req.nx)));
      const ny = Math.max(8, Math.min(200, Math.round(req.ny)));
      const s = computeSurface(loss, view, nx, ny);
      const tau = req.temperature;
      const target = new Float64Array(s.values.length);
      for (let k = 0; k < target.length; k++) {
        const v = s.values[k];
        target[k] = Number.isFinite(v) ? Math.exp(-(v - s.min) / tau) : 0;
      }
      let posterior: PosteriorInfo | undefined;
      if (req.posterior) {
        const post = posteriorOf(lossSpec, loss, tau, view);
        const density = posteriorDensity(s.values, post, view, nx, ny);
        posterior = {
          negLogZ: post.negLogZ,
          mean: post.mean,
          cov: post.cov,
          edgeMass: post.edgeMass,
          bands: bands(density.density, nx, ny, hpdLevels(density, [ellipseMass(2), ellipseMass(1)])),
        };
      }
      return {
        kind: MSG.surfaceResult,
        id: req.id,
        ok: true,
        view,
        nx,
        ny,
        minimiser: s.minimiser,
        minima: loss.minima ? loss.minima.map((m) => [m[0], m[1]] as [number, number]) : gridMinima(s),
        loss: bands(s.values, nx, ny, lossLevels(s.values, 14)),
        target: bands(target, nx, ny, [0.03, 0.15, 0.35, 0.6, 0.85]),
        ...(posterior ? { posterior } : {}),
      };
    } catch (e) {
      return { kind: MSG.surfaceResult, id: req.id, ok: false, message: errorText(e) };
    }
  }

  async function handle(msg: ToWorker): Promise<Reply[]> {
    switch (msg.kind) {
      case MSG.start: {
        runs.delete(msg.runId);
        try {
          const spec = parseRunSpec(msg.spec);
          const loss = await prepareLoss(spec.loss);
          // Only the 2-D families need the target normalised on a grid; the Beta's is in closed form.
          const post = msg.posterior && needsGrid(spec) ? posteriorOf(spec.loss, loss, spec.temperature, msg.posterior.view ?? loss.view) : null;
          runs.set(msg.runId, { run: new BlrRun(spec, loss), delivered: 0, measure: !!msg.posterior, post });
          return [{ message: { kind: MSG.started, runId: msg.runId, steps: spec.steps } }];
        } catch (e) {
          return [{ message: { kind: MSG.runError, runId: msg.runId, message: errorText(e) } }];
        }
      }
      case MSG.pull: {
        const live = runs.get(msg.runId);
        if (!live) return [];
        const { run } = live;
        // Time-sliced: a long pull returns what it has after SLICE_MS, so cancels and other
        // figures' pulls queued behind it wait at most that long. The page asks again.
        const deadline = now() + SLICE_MS;
        let left = Math.max(0, msg.maxSteps);
        while (left > 0 && !run.done) {
          const k = Math.min(left, 64);
          run.advance(k);
          left -= k;
          if (now() > deadline) break;
        }
        // Frame 0 is recorded at construction, so the first pull delivers it too.
        const from = live.delivered;
        const data = run.frames.slice(from * run.stride, run.count * run.stride);
        live.delivered = run.count;
        let kl: Float64Array | undefined;
        if (live.measure) {
          kl = new Float64Array(run.count - from);
          for (let i = from; i < run.count; i++) kl[i - from] = frameKl(run.loss, live.post, run.frames, i, run.stride, run.spec);
        }
        const message: FromWorker = { kind: MSG.frames, runId: msg.runId, data, stride: run.stride, status: run.status, message: run.message, ...(kl ? { kl } : {}) };
        if (run.done) runs.delete(msg.runId);
        return [{ message, transfer: kl ? [data.buffer, kl.buffer] : [data.buffer] }];
      }
      case MSG.cancel:
        runs.delete(msg.runId);
        return [];
      case MSG.surface:
        return [await surface(msg)];
      case MSG.checkExpr: {
        try {
          const { parseExprLoss } = await import('../engine/losses/expr');
          parseExprLoss(msg.expr);
          return [{ message: { kind: MSG.exprResult, id: msg.id, ok: true } }];
        } catch (e) {
          return [{ message: { kind: MSG.exprResult, id: msg.id, ok: false, message: errorText(e) } }];
        }
      }
    }
  }

  return { handle, get liveRuns() { return runs.size; } };
}

export type EngineHost = ReturnType<typeof createEngineHost>;
