/**
 * A figure's live state outside React: settings and status in a small zustand store (for the
 * controls), frames in growable Float64Arrays that renderers read on animation frames (zustand's
 * "transient updates"), and the play loop that pulls steps from the worker pool while the
 * figure is playing, on screen and in a visible tab.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { FRAME_STRIDE } from '../engine/run';
import type { RunSpecInput } from '../engine/spec';
import { getEnginePool, type EnginePool, type RunHandle, type SurfaceResult } from '../worker/pool';
import type { MeasureRequest } from '../worker/protocol';
import { controlRange, SPEEDS, type FigureSettings, type SeriesConfig, type SettingName } from './settings';

export type FigureStatus = 'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'error';

/** Frames of one run as they arrive; `data` grows by doubling. */
export interface FrameLog {
  data: Float64Array;
  count: number;
  /** Numbers per frame (engine/kernel.ts strideFor): set by the run's first frames. */
  stride: number;
  /** KL(q ‖ p) per frame against the exact target, for series that measure it (SeriesConfig.kl). */
  kl: Float64Array | null;
  status: 'starting' | 'running' | 'ok' | 'diverged' | 'not-converged' | 'error';
  message: string | null;
}

export interface FigureState {
  settings: FigureSettings;
  playing: boolean;
  status: FigureStatus;
  /** Per-series engine messages (divergence with remedy, invalid spec, lost worker). */
  messages: Record<string, string>;
  /** A notice about the page link (malformed state fell back to defaults). */
  notice: string | null;
  /** The drawn surface: null until the worker has computed it, and for a figure without one. */
  surface: Extract<SurfaceResult, { ok: true }> | null;
  surfaceError: string | null;
}

/** A loss drawn behind the runs: the temperature of its target and the window (the loss's own view when left out). */
export interface FigureSurface {
  loss: RunSpecInput['loss'];
  temperature: number;
  view?: [number, number, number, number];
}

export interface FigureControllerOptions {
  id: string;
  settings: FigureSettings;
  notice: string | null;
  series: readonly SeriesConfig[];
  /** The loss drawn behind the runs and the temperature of its target; none for a figure with no 2-D plane (the coin). */
  surface?: (s: FigureSettings) => FigureSurface;
  /**
   * KL(q ‖ p) per frame for series with `kl` (a 2-D family's target normalised on the surface
   * window), and with a surface the exact target on it too (contours, −log Z).
   */
  posterior?: boolean;
  pool?: EnginePool;
  reducedMotion?: () => boolean;
  /**
   * Settings whose edits, when nothing plays, show the restarted runs at their last step instead
   * of step 0 (figures whose data the reader edits: the result of the edit, with no flash of q₀).
   */
  showEndAfter?: readonly SettingName[];
}

type FrameListener = () => void;

/** The next (direction 1) or previous (−1) speed of the menu from `speed`; the ends stay. */
export function nudgedSpeed(speed: number, direction: 1 | -1): number {
  const next = direction > 0 ? SPEEDS.find((s) => s > speed) : [...SPEEDS].reverse().find((s) => s < speed);
  return next ?? (direction > 0 ? Math.max(speed, SPEEDS[SPEEDS.length - 1]) : Math.min(speed, SPEEDS[0]));
}

/**
 * Step sizes a key nudges by this factor, to 3 significant digits, within the range the
 * setting's slider offers (the settings table's `ui` range: [0.001, 1] for ρ).
 */
export const STEP_SIZE_FACTOR = 1.25;
export function nudgedStepSize(rho: number, direction: 1 | -1, name: 'rho' | 'rhoGd' = 'rho'): number {
  const { min, max } = controlRange(name).slider;
  const v = Number((direction > 0 ? rho * STEP_SIZE_FACTOR : rho / STEP_SIZE_FACTOR).toPrecision(3));
  return Math.min(max, Math.max(min, v));
}

const GRID = 120;

/** Creates the controller of one figure. Call `dispose` when the figure unmounts. */
export function createFigureController(opts: FigureControllerOptions) {
  const pool = opts.pool ?? getEnginePool();
  const reducedMotion = opts.reducedMotion ?? (() => typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches);
  const store: StoreApi<FigureState> = createStore<FigureState>(() => ({
    settings: opts.settings,
    playing: false,
    status: 'idle',
    messages: {},
    notice: opts.notice,
    surface: null,
    surfaceError: null,
  }));
  const logs: FrameLog[] = opts.series.map(() => emptyLog());
  const handles: (RunHandle | null)[] = opts.series.map(() => null);
  const inFlight: boolean[] = opts.series.map(() => false);
  const frameListeners = new Set<FrameListener>();
  /** Fractional step shown on screen; frames are interpolated between floor and ceil. */
  let shown = 0;
  let framesReceived = 0;
  let visible = true;
  let raf = 0;
  let lastTime = 0;
  let surfaceKey = '';
  let surfaceRequest = 0;
  let disposed = false;
  /** Bumped by every restart; timers of an older generation stop. */
  let generation = 0;
  /** The step that pending Step presses are heading for (−1: none). */
  let stepTarget = -1;
  /** After an edit in `showEndAfter`: frames are gathered unshown until every run has finished. */
  let holding = false;
  /** Steps per pull when showing a whole run at once (reduced motion), so the worker stays responsive. */
  const BULK = 500;

  function emptyLog(): FrameLog {
    return { data: new Float64Array(64 * FRAME_STRIDE), count: 0, stride: FRAME_STRIDE, kl: null, status: 'starting', message: null };
  }

  function append(log: FrameLog, data: Float64Array, stride: number, kl?: Float64Array) {
    log.stride = stride;
    const need = log.count * stride + data.length;
    if (need > log.data.length) {
      const grown = new Float64Array(Math.max(need, log.data.length * 2));
      grown.set(log.data.subarray(0, log.count * stride));
      log.data = grown;
    }
    log.data.set(data, log.count * stride);
    if (kl) {
      if (!log.kl || log.kl.length < log.count + kl.length) {
        const grown = new Float64Array(Math.max(log.count + kl.length, (log.kl?.length ?? 32) * 2));
        if (log.kl) grown.set(log.kl.subarray(0, log.count));
        log.kl = grown;
      }
      log.kl.set(kl, log.count);
    }
    log.count += data.length / stride;
  }

  const emit = () => {
    if (!holding) frameListeners.forEach((l) => l());
  };

  /** Ends a hold: the runs' last step goes on screen. */
  function release() {
    holding = false;
    shown = available();
  }

  /**
   * Sets (or, with null, clears) series `key`'s message. A no-op when it already reads so: every
   * restart clears each series' message, and a new object each time would re-render the whole
   * figure body (Figure.tsx FigureBody) on each drag step of a start handle.
   */
  function setMessage(key: string, message: string | null) {
    const current = store.getState().messages;
    if ((Object.hasOwn(current, key) ? current[key] : null) === (message || null)) return;
    const messages = { ...current };
    if (message) messages[key] = message;
    else delete messages[key];
    store.setState({ messages });
  }

  /**
   * (Re)starts every series from the current settings; keeps playing if it was. With `showEnd`
   * the old picture stays until the new runs have finished, and then their last step shows.
   */
  function restart(showEnd = false) {
    const { settings } = store.getState();
    generation++;
    stepTarget = -1;
    shown = 0;
    holding = showEnd;
    opts.series.forEach((series, i) => {
      handles[i]?.cancel();
      logs[i] = emptyLog();
      inFlight[i] = false;
      setMessage(series.key, null);
      const log = logs[i];
      const handle = pool.startRun(series.spec(settings), {
        onFrames: (data, status, message, stride, kl) => {
          if (handles[i] !== handle) return;
          inFlight[i] = false;
          append(log, data, stride, kl);
          framesReceived += data.length / stride;
          log.status = status;
          if (status === 'diverged' || status === 'not-converged') {
            log.message = message ?? (status === 'diverged' ? 'The run diverged.' : 'The run did not converge.');
            setMessage(series.key, `${series.label}: ${log.message}`);
          }
          if (holding) {
            if (status === 'running') {
              inFlight[i] = true;
              handle.pull(BULK);
            }
            if (finished()) release();
          }
          updateStatus();
          emit();
        },
        onError: (message) => {
          if (handles[i] !== handle) return;
          inFlight[i] = false;
          log.status = 'error';
          log.message = message;
          setMessage(series.key, `${series.label}: ${message}`);
          if (holding && finished()) release();
          updateStatus();
          emit();
        },
        onWorkerLost: (loss) => {
          if (handles[i] !== handle) return;
          // The pool bounds its replacements; once it gives up, the figure stops and says why.
          setMessage('worker', loss.message);
          if (loss.final) {
            logs.forEach((l) => {
              if (l.status === 'running' || l.status === 'starting') {
                l.status = 'error';
                l.message = loss.message;
              }
            });
            handles.forEach((h, j) => {
              h?.cancel();
              handles[j] = null;
            });
            store.setState({ playing: false });
            stopLoop();
            if (holding) release();
            updateStatus();
            emit();
            return;
          }
          restart(holding);
        },
      }, series.kl && opts.posterior ? { posterior: measureRequest(settings) } : {});
      handles[i] = handle;
      // Frame 0 (the start) right away, so a paused figure shows q₀; when holding, the whole run.
      inFlight[i] = true;
      handle.pull(holding ? BULK : 0);
    });
    requestSurface();
    updateStatus();
    emit();
    if (store.getState().playing) run();
  }

  /** Plays: animates, or under reduced motion shows each run's whole path at once. */
  function run() {
    if (!reducedMotion()) {
      startLoop();
      return;
    }
    const gen = generation;
    const fill = () => {
      if (disposed || gen !== generation || !store.getState().playing) return;
      refill(Infinity, BULK);
      // The path appears once, whole: partial batches (the worker answers in 20 ms slices) are
      // not shown, or a slow machine would animate the run after all.
      if (finished()) {
        shown = available();
        emit();
        updateStatus();
      } else setTimeout(fill, 30);
    };
    fill();
  }

  /** KL against the exact target, normalised on the surface's window where there is one. */
  function measureRequest(settings: FigureSettings): MeasureRequest {
    const view = opts.surface?.(settings).view;
    return view ? { view } : {};
  }

  function requestSurface() {
    if (!opts.surface) return;
    const { settings } = store.getState();
    const { loss, temperature, view } = opts.surface(settings);
    const key = JSON.stringify([loss, temperature, view, !!opts.posterior]);
    if (key === surfaceKey) return;
    surfaceKey = key;
    const req = ++surfaceRequest;
    pool
      .surface({ loss, temperature, view, nx: GRID, ny: GRID, ...(opts.posterior ? { posterior: true } : {}) })
      .then((res) => {
        if (disposed || req !== surfaceRequest) return;
        // On failure the last good surface stays on screen.
        if (res.ok) store.setState({ surface: res, surfaceError: null });
        else store.setState({ surfaceError: res.message });
      })
      .catch((e: Error) => {
        if (disposed || req !== surfaceRequest) return;
        // The worker was lost: forget the key so the next request tries again.
        surfaceKey = '';
        store.setState({ surfaceError: e.message });
      });
  }

  /** The highest step every unfinished series can show. */
  function available(): number {
    let lo = Infinity;
    let hi = 0;
    logs.forEach((log) => {
      hi = Math.max(hi, log.count - 1);
      if (log.status === 'running' || log.status === 'starting') lo = Math.min(lo, log.count - 1);
    });
    return Number.isFinite(lo) ? Math.max(0, lo) : hi;
  }

  const finished = () => logs.every((l) => l.status === 'ok' || l.status === 'diverged' || l.status === 'not-converged' || l.status === 'error');

  function updateStatus() {
    const { playing } = store.getState();
    let status: FigureStatus;
    // A series whose spec is rejected says so in its message; the others keep running (the
    // ladder's exact-BLR reference goes on while a designed combination is refused).
    if (logs.every((l) => l.status === 'error')) status = 'error';
    else if (finished() && shown >= available()) status = logs.some((l) => l.status === 'diverged') ? 'diverged' : 'done';
    else if (playing) status = 'running';
    else status = shown > 0 ? 'paused' : 'idle';
    if (status !== store.getState().status) store.setState({ status });
    if ((status === 'done' || status === 'diverged' || status === 'error') && playing) {
      store.setState({ playing: false });
      stopLoop();
    }
  }

  /** Asks each unfinished series for more steps when its buffer runs short of `ahead`. */
  function refill(ahead: number, chunk: number) {
    logs.forEach((log, i) => {
      if (inFlight[i] || !handles[i] || !(log.status === 'running' || log.status === 'starting')) return;
      if (log.count - 1 - shown < ahead) {
        inFlight[i] = true;
        handles[i]!.pull(chunk);
      }
    });
  }

  function tick(time: number) {
    raf = 0;
    const state = store.getState();
    if (!state.playing || disposed) return;
    if (visible && !document.hidden) {
      const dt = lastTime ? Math.min(0.1, (time - lastTime) / 1000) : 0;
      const speed = state.settings.speed;
      shown = Math.min(shown + dt * speed, available());
      refill(Math.max(4, speed * 0.3), Math.max(4, Math.ceil(speed * 0.25)));
      emit();
      updateStatus();
    }
    lastTime = time;
    // Off screen the loop sleeps; setVisible(true) wakes it.
    if (store.getState().playing && visible) raf = requestAnimationFrame(tick);
  }

  function startLoop() {
    if (!raf && !disposed) {
      lastTime = 0;
      raf = requestAnimationFrame(tick);
    }
  }

  function stopLoop() {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
  }

  const controller = {
    id: opts.id,
    store,
    series: opts.series,
    logs,
    /** The (fractional) step on screen. */
    get shown() {
      return shown;
    },
    get framesReceived() {
      return framesReceived;
    },
    subscribeFrames(listener: FrameListener): () => void {
      frameListeners.add(listener);
      return () => {
        frameListeners.delete(listener);
      };
    },
    play() {
      holding = false;
      if (finished() && shown >= available()) restart();
      stepTarget = -1;
      store.setState({ playing: true });
      updateStatus();
      run();
    },
    pause() {
      store.setState({ playing: false });
      stopLoop();
      shown = Math.floor(shown);
      updateStatus();
      emit();
    },
    toggle() {
      if (store.getState().playing) controller.pause();
      else controller.play();
    },
    /** One step forward (pauses first); quick presses add up. */
    step() {
      holding = false;
      if (store.getState().playing) controller.pause();
      const polling = stepTarget >= 0;
      stepTarget = Math.max(stepTarget, Math.floor(shown)) + 1;
      if (polling) return;
      const gen = generation;
      const poll = () => {
        if (disposed || gen !== generation || stepTarget < 0) return;
        if (available() >= stepTarget || finished()) {
          shown = Math.min(stepTarget, available());
          stepTarget = -1;
          updateStatus();
          emit();
        } else {
          refill(stepTarget - shown + 1, stepTarget - Math.floor(shown));
          setTimeout(poll, 16);
        }
      };
      poll();
    },
    reset() {
      store.setState({ playing: false });
      stopLoop();
      setMessage('worker', null);
      restart();
    },
    /** Replaces some settings and restarts the runs (at their end after an edit in `showEndAfter`). */
    update(patch: Partial<FigureSettings>) {
      const { settings: prev, playing } = store.getState();
      store.setState({ settings: { ...prev, ...patch } });
      setMessage('worker', null);
      const names = Object.keys(patch) as SettingName[];
      restart(!playing && names.some((n) => opts.showEndAfter?.includes(n) && patch[n] !== prev[n]));
    },
    /** Settings that change only the display (no restart). */
    setSpeed(speed: number) {
      store.setState({ settings: { ...store.getState().settings, speed } });
    },
    /** One notch faster (1) or slower (−1) on the speed menu. */
    nudgeSpeed(direction: 1 | -1) {
      const { speed } = store.getState().settings;
      const next = nudgedSpeed(speed, direction);
      if (next !== speed) controller.setSpeed(next);
    },
    /**
     * Multiplies (1) or divides (−1) the step sizes `names` by ~1.25 and restarts; false when
     * there is no step size to change.
     */
    nudgeStepSize(direction: 1 | -1, names: readonly ('rho' | 'rhoGd')[] = ['rho']): boolean {
      if (!names.length) return false;
      const { settings } = store.getState();
      const patch: Partial<FigureSettings> = {};
      for (const n of names) {
        const v = nudgedStepSize(settings[n], direction, n);
        if (v !== settings[n]) patch[n] = v;
      }
      if (Object.keys(patch).length) controller.update(patch);
      return true;
    },
    setVisible(v: boolean) {
      visible = v;
      if (v && store.getState().playing) startLoop();
    },
    dismissNotice() {
      store.setState({ notice: null });
    },
    checkExpr: (expr: string) => pool.checkExpr(expr),
    start() {
      restart();
    },
    dispose() {
      disposed = true;
      stopLoop();
      handles.forEach((h) => h?.cancel());
      frameListeners.clear();
    },
  };
  return controller;
}

export type FigureController = ReturnType<typeof createFigureController>;
