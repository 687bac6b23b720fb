/**
 * One interactive figure: plot, controls, readouts and the objective chart around a
 * controller. It owns the controller's lifetime, pauses when off screen, mirrors its settings
 * in the page URL and offers keyboard shortcuts (the table in keys.ts) and presentation mode
 * (Presentation.tsx).
 */
import { useContext, useEffect, useRef, useState, type ComponentType, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useStore } from 'zustand';
import { createFigureController, type FigureController, type FigureSurface } from './controller';
import { Controls, PlaybackControls } from './Controls';
import { EmbedMenu } from './EmbedMenu';
import { ExportMenu } from './ExportMenu';
import type { View } from './geometry';
import { FigureHostContext } from './host';
import { useClassroom } from './classroom';
import { ARIA_KEYSHORTCUTS, keyAction, ownedByTarget, runKeyAction } from './keys';
import { ObjectiveChart } from './ObjectiveChart';
import { Plot, PosteriorLegendItem } from './Plot';
import { KeyHelp, OVERLAY_CLASS, PresentToolbar, usePresentation } from './Presentation';
import { Readouts } from './Readouts';
import { settingsFromQuery, writeSettingsToQuery, type ClassroomName, type FigureSettings, type SeriesConfig, type SettingName } from './settings';

export interface FigureConfig {
  defaults: FigureSettings;
  series: readonly SeriesConfig[];
  /** Settings with a control; `start`, `speed`, `steps` and `seed` are always in the URL. */
  controls: readonly SettingName[];
  /** The loss drawn behind the runs (controller.ts); left out where the plot has no 2-D plane (the coin). */
  surface?: (s: FigureSettings) => FigureSurface;
  view: View;
  parameters?: boolean;
  /** Show the exact target beside q: its HPD contours and −log Z (with a surface), and KL(q ‖ p) for series with `kl`. */
  posterior?: boolean;
  /** The figure's own panel in the side column, below playback (the ladder's switches, a data-space view). */
  panel?: ComponentType<{ controller: FigureController }>;
  /**
   * The plot column: an `svg.plot` drawn from the controller's frames, and its legend. Left out,
   * GaussianPlot: each series' Gaussian q as a trail with 1σ and 2σ ellipses (Plot.tsx).
   */
  plot?: ComponentType<FigurePlotProps>;
  /** The numbers below the figure. Left out, Readouts: each series' Gaussian q (step, ℓ̄(m), objective, m, S). */
  readouts?: ComponentType<{ controller: FigureController }>;
  /** Edits of these settings show the new runs' last step rather than step 0 (data the reader edits). */
  showEndAfter?: readonly SettingName[];
}

/** What a plot view (FigureConfig.plot) is given. */
export interface FigurePlotProps {
  controller: FigureController;
  config: FigureConfig;
}

export interface FigureProps {
  id: string;
  config: FigureConfig;
  caption?: ReactNode;
}

const ALWAYS_IN_URL: SettingName[] = ['start', 'speed', 'steps', 'seed'];

/** Figures that came near the viewport together are built one per animation frame, so a jump
 * down the page never builds several in one long main-thread task. */
const mountQueue: (() => void)[] = [];
function scheduleMount(mount: () => void) {
  mountQueue.push(mount);
  if (mountQueue.length === 1) requestAnimationFrame(drainMountQueue);
}
function drainMountQueue() {
  mountQueue.shift()?.();
  if (mountQueue.length) requestAnimationFrame(drainMountQueue);
}

/**
 * Mirrors a figure's settings into the query string (debounced, history.replaceState). The
 * figure's `data-url-sync` says `pending` while a write waits and `idle` once the address holds
 * the settings (what the browser tests wait on); a figure that does not sync has none.
 */
function useUrlSync(controller: FigureController | null, id: string, defaults: FigureSettings, root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = root.current;
    if (!controller) return;
    el?.setAttribute('data-url-sync', 'idle');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = controller.store.subscribe((state, prev) => {
      if (state.settings === prev.settings) return;
      clearTimeout(timer);
      el?.setAttribute('data-url-sync', 'pending');
      timer = setTimeout(() => {
        const query = new URLSearchParams(location.search);
        writeSettingsToQuery(id, query, state.settings, defaults);
        const q = query.toString();
        history.replaceState(history.state, '', `${location.pathname}${q ? `?${q}` : ''}${location.hash}`);
        el?.setAttribute('data-url-sync', 'idle');
      }, 150);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
      el?.removeAttribute('data-url-sync');
    };
  }, [controller, id, defaults, root]);
}

/** A figure; a FigureHostContext (demo, embedded element) may give its state, URL sync and pool. */
export function Figure({ id, config, caption }: FigureProps) {
  const host = useContext(FigureHostContext);
  const query = host?.query;
  const syncUrl = host?.syncUrl ?? true;
  const [controller, setController] = useState<FigureController | null>(null);
  const [near, setNear] = useState(false);
  const root = useRef<HTMLElement>(null);

  // Figures far below the fold are built only when the reader approaches them, so loading a
  // chapter does not draw (or run) every figure at once.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let cancelled = false;
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        io.disconnect();
        scheduleMount(() => !cancelled && setNear(true));
      },
      { rootMargin: '600px 0px' },
    );
    io.observe(el);
    return () => {
      cancelled = true;
      io.disconnect();
    };
  }, []);

  useEffect(() => {
    if (!near) return;
    const allowed = [...new Set([...config.controls, ...ALWAYS_IN_URL])];
    const { settings, notice } = settingsFromQuery(id, query ?? new URLSearchParams(location.search), config.defaults, config.series, allowed);
    const c = createFigureController({
      id,
      settings,
      notice,
      series: config.series,
      surface: config.surface,
      posterior: config.posterior,
      pool: host?.pool,
      showEndAfter: config.showEndAfter,
    });
    setController(c);
    let live = true;
    if (settings.expr !== config.defaults.expr) {
      // A formula from the link is checked (in the worker) before anything runs on it, whichever
      // loss the link picks (the formula comes back when the reader picks "expr"); one that does
      // not parse is a malformed link like any other: defaults and a notice.
      c.checkExpr(settings.expr)
        .then((r) => {
          if (!live) return;
          if (!r.ok) {
            c.store.setState({
              settings: config.defaults,
              notice: `This link's formula could not be used (${r.message}), so the figure shows its defaults.`,
            });
          }
          c.start();
        })
        .catch(() => live && c.start());
    } else c.start();
    return () => {
      live = false;
      c.dispose();
    };
  }, [near, id, config]); // `query` is read once, at creation

  useUrlSync(syncUrl ? controller : null, id, config.defaults, root);

  useEffect(() => {
    const el = root.current;
    if (!controller || !el) return;
    const io = new IntersectionObserver((entries) => controller.setVisible(entries.some((e) => e.isIntersecting)), { rootMargin: '50px' });
    io.observe(el);
    const setFrames = () => el.setAttribute('data-frames-received', String(controller.framesReceived));
    setFrames();
    const unsubscribeFrames = controller.subscribeFrames(setFrames);
    return () => {
      io.disconnect();
      unsubscribeFrames();
    };
  }, [controller]);

  const presentation = usePresentation(root);
  const [helpOpen, setHelpOpen] = useState(false);
  // Keys obey a classroom link: what it hides or locks cannot be changed from the keyboard either.
  const classroom = useClassroom(id);
  const free = (name: ClassroomName) => !classroom.isHidden(name) && !classroom.isLocked(name);
  const stepSizes = config.controls.filter((n): n is 'rho' | 'rhoGd' => (n === 'rho' || n === 'rhoGd') && free(n));
  const playback = free('playback');
  const none = () => {};

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (!controller) return;
    const action = keyAction(e);
    if (!action || ownedByTarget(e.target as HTMLElement, e.key)) return;
    const done = runKeyAction(
      action,
      {
        toggle: playback ? controller.toggle : none,
        step: playback ? controller.step : none,
        reset: playback ? controller.reset : none,
        nudgeSpeed: playback && free('speed') ? controller.nudgeSpeed : none,
        nudgeStepSize: (direction) => controller.nudgeStepSize(direction, stepSizes),
      },
      { togglePresent: presentation.toggle, leave: presentation.leave, toggleHelp: () => setHelpOpen((o) => !o) },
    );
    if (done) e.preventDefault();
  };

  return (
    // tabIndex −1: a click anywhere in the figure focuses it, so its keyboard shortcuts apply.
    <figure
      className={`blr-figure${presentation.mode === 'overlay' ? ` ${OVERLAY_CLASS}` : ''}`}
      id={`fig-${id}`}
      data-widget={id}
      data-status={useFigureStatus(controller)}
      data-presenting={presentation.mode ?? undefined}
      ref={root}
      tabIndex={-1}
      aria-keyshortcuts={ARIA_KEYSHORTCUTS}
      onKeyDown={onKeyDown}
    >
      {controller && <PresentToolbar presentation={presentation} helpOpen={helpOpen} onHelp={() => setHelpOpen(true)} />}
      {controller ? <FigureBody id={id} controller={controller} config={config} /> : <div className="figure-loading">Loading the figure…</div>}
      {caption && <figcaption>{caption}</figcaption>}
      {helpOpen && <KeyHelp onClose={() => setHelpOpen(false)} />}
    </figure>
  );
}

function useFigureStatus(controller: FigureController | null): string {
  const [status, setStatus] = useState('idle');
  useEffect(() => {
    if (!controller) return;
    setStatus(controller.store.getState().status);
    return controller.store.subscribe((s) => setStatus(s.status));
  }, [controller]);
  return status;
}

/** What a figure may add to GaussianPlot (figures-inference.tsx's parameter planes). */
export interface GaussianPlotOptions {
  /** Names of the horizontal and vertical parameters, said below the plot. */
  axes?: readonly [string, string];
  /** A sentence after the axes' names. */
  note?: string;
  /** Mark every local minimum the loss reports (the gmm loss's mirror pair). */
  minima?: boolean;
  /** Extra legend entries after the ERM minimiser's. */
  legend?: ReactNode;
  /** A view drawn above the plot (the EM figure's data strip). */
  above?: ComponentType<{ controller: FigureController }>;
}

export interface GaussianPlotProps extends FigurePlotProps, GaussianPlotOptions {}

/**
 * The default plot view: Plot with a legend of the series, the ERM minimiser (while Plot draws
 * its ×) and the exact posterior (figures with `posterior`).
 */
export function GaussianPlot({ controller, config, axes, note, minima = false, legend, above: Above }: GaussianPlotProps) {
  const minimiser = useStore(controller.store, (s) => !!s.surface?.minimiser);
  return (
    <>
      {Above && <Above controller={controller} />}
      <Plot controller={controller} fallbackView={config.view} minima={minima} />
      <ul className="legend" aria-label="Legend">
        {controller.series.map((s) => (
          <li key={s.key} style={{ color: s.color }}>
            <span className="swatch" aria-hidden="true" /> {s.label}
          </li>
        ))}
        {minimiser && (
          <li className="legend-erm">
            <span aria-hidden="true">×</span> ERM minimiser
          </li>
        )}
        {legend}
        {config.posterior && <PosteriorLegendItem />}
      </ul>
      {axes && (
        <p className="plot-axes">
          Horizontal: {axes[0]}; vertical: {axes[1]}.{note && ` ${note}`}
        </p>
      )}
    </>
  );
}

function FigureBody({ id, controller, config }: { id: string; controller: FigureController; config: FigureConfig }) {
  const notice = useStore(controller.store, (s) => s.notice);
  const messages = useStore(controller.store, (s) => s.messages);
  const surfaceError = useStore(controller.store, (s) => s.surfaceError);
  const Panel = config.panel;
  const PlotView = config.plot ?? GaussianPlot;
  return (
    <div className="figure-body">
      {notice && (
        <div className="notice" data-notice="url" role="status">
          <span>{notice}</span>
          <button type="button" onClick={controller.dismissNotice} aria-label="Dismiss the notice">
            ×
          </button>
        </div>
      )}
      <div className="figure-main">
        <div className="figure-plot">
          <PlotView controller={controller} config={config} />
        </div>
        <div className="figure-side">
          <PlaybackControls controller={controller} />
          {Panel && <Panel controller={controller} />}
          <Controls controller={controller} show={config.controls} />
          <div className="messages" role="status" aria-live="polite">
            {Object.entries(messages).map(([k, m]) => (
              <p key={k} className="engine-message" data-message={k}>
                {m}
              </p>
            ))}
            {surfaceError && <p className="engine-message">Could not draw this loss: {surfaceError}</p>}
          </div>
          <ObjectiveChart controller={controller} />
          <div className="figure-actions">
            <ExportMenu id={id} controller={controller} config={config} />
            <EmbedMenu id={id} controller={controller} />
          </div>
        </div>
      </div>
      {config.readouts ? <config.readouts controller={controller} /> : <Readouts controller={controller} parameters={config.parameters} />}
    </div>
  );
}
