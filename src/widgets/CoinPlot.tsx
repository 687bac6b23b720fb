/**
 * The coin figure's views: the density of q = Beta(α, β) over the bias p at the step on screen,
 * beside the exact posterior Beta(α₀ + heads, β₀ + tails) and, faintly, the prior; the flips in
 * order with the one the step has just used marked; the buttons that add flips; and the
 * readouts (α, β, E[p], the natural parameters, KL(q ‖ p)). The curves are plain SVG paths;
 * the moving ones are updated in place on animation frames, as in Plot.tsx.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { BETA } from '../engine/families/beta';
import { F } from '../engine/run';
import { lockedProps, LOCKED_DESCRIPTION, useClassroom } from './classroom';
import { betaCurve, coinCounts, coinPosterior, coinPrefixPosteriors, densityTop, examplesSeen, niceTicks, randomFlips, RANDOM_COIN, unitGrid } from './conjugate';
import { ModeToggle } from './ConjugateControls';
import type { FigureController } from './controller';
import type { FigurePlotProps } from './Figure';
import { frameCursor, lerpAt, setText } from './frames';
import { fmt } from './geometry';
import { formatKl, klAt } from './inference';
import { DATA_LIMITS } from './settings';
import './conjugate.css';

const NO_FLIPS: (0 | 1)[] = [];
const W = 560;
const H = 280;
const M = { left: 46, right: 14, top: 12, bottom: 40 };
const GRID = unitGrid(240);
const X_TICKS = niceTicks(0, 1, 5);
const px = (p: number) => M.left + p * (W - M.left - M.right);
/** How many flips "Flip at random" adds. */
const RANDOM_BATCH = 10;

/** The path of a density over GRID on a y-axis topped at `top`. */
function curvePath(values: Float64Array, top: number): string {
  const h = H - M.top - M.bottom;
  let d = '';
  for (let i = 0; i < GRID.length; i++) {
    // Capped a little above the clip box: a density unbounded at p → 0 or 1 stays drawable.
    const y = H - M.bottom - (Math.min(values[i], 2 * top) / top) * h;
    d += `${i ? 'L' : 'M'}${px(GRID[i]).toFixed(1)},${y.toFixed(1)}`;
  }
  return d;
}

/** The same as a filled area down to density 0. */
function areaPath(values: Float64Array, top: number): string {
  return `${curvePath(values, top)}L${px(GRID[GRID.length - 1]).toFixed(1)},${H - M.bottom}L${px(GRID[0]).toFixed(1)},${H - M.bottom}Z`;
}

interface CoinNodes {
  area: SVGPathElement | null;
  line: SVGPathElement | null;
  mean: SVGLineElement | null;
  desc: SVGDescElement | null;
  flips: HTMLOListElement | null;
}

export function CoinPlot({ controller }: FigurePlotProps) {
  const flips = useStore(controller.store, (s) => s.settings.flips ?? NO_FLIPS);
  const alpha0 = useStore(controller.store, (s) => s.settings.alpha0 ?? 1);
  const beta0 = useStore(controller.store, (s) => s.settings.beta0 ?? 1);
  const online = useStore(controller.store, (s) => s.settings.online === true);
  const tau = useStore(controller.store, (s) => s.settings.tau);
  const nodes = useRef<CoinNodes>({ area: null, line: null, mean: null, desc: null, flips: null });
  const clip = `coin-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const titleId = useId();
  const descId = useId();

  const exact = useMemo(() => coinPosterior(alpha0, beta0, flips, tau), [alpha0, beta0, flips, tau]);
  // One y-axis for the whole run: online, q passes through every prefix's posterior on its way.
  const top = useMemo(
    () => densityTop(online ? coinPrefixPosteriors(alpha0, beta0, flips, tau) : [[alpha0, beta0], exact], GRID),
    [online, alpha0, beta0, flips, exact, tau],
  );
  const still = useMemo(
    () => ({
      prior: curvePath(betaCurve(alpha0, beta0, GRID), top),
      exact: curvePath(betaCurve(exact[0], exact[1], GRID), top),
      yTicks: niceTicks(0, top / 1.08, 4),
    }),
    [alpha0, beta0, exact, top],
  );

  useEffect(() => {
    const curve = new Float64Array(GRID.length);
    const draw = () => drawCoin(controller, nodes.current, top, curve);
    draw();
    const off = controller.subscribeFrames(draw);
    return off;
  }, [controller, top, flips, online]);

  const yPx = (v: number) => H - M.bottom - (v / top) * (H - M.top - M.bottom);
  return (
    <div className="coin-view">
      <svg className="plot coin-plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
        <title id={titleId}>Densities over the coin’s probability of heads p: q, the exact posterior and the prior</title>
        <desc id={descId} ref={(el) => void (nodes.current.desc = el)}>
          {`Exact ${tau === 1 ? 'posterior' : `target at τ = ${fmt(tau, 3)}`} Beta(${fmt(exact[0], 2)}, ${fmt(exact[1], 2)}); prior Beta(${fmt(alpha0, 2)}, ${fmt(beta0, 2)}).`}
        </desc>
        <defs>
          <clipPath id={clip}>
            <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
          </clipPath>
        </defs>
        <rect className="plot-bg" width={W} height={H} />
        <g className="conj-axes" aria-hidden="true">
          {X_TICKS.map((t) => (
            <g key={`x${t}`}>
              <line className="conj-grid" x1={px(t)} x2={px(t)} y1={M.top} y2={H - M.bottom} />
              <text x={px(t)} y={H - M.bottom + 15} textAnchor="middle">
                {t}
              </text>
            </g>
          ))}
          {still.yTicks.map((t) => (
            <g key={`y${t}`}>
              <line className={t === 0 ? 'conj-zero' : 'conj-grid'} x1={M.left} x2={W - M.right} y1={yPx(t)} y2={yPx(t)} />
              <text x={M.left - 6} y={yPx(t) + 4} textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          <text className="conj-axis-title" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">
            p, the probability of heads
          </text>
          <text className="conj-axis-title" x={12} y={(M.top + H - M.bottom) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(M.top + H - M.bottom) / 2})`}>
            density
          </text>
        </g>
        <g clipPath={`url(#${clip})`}>
          <path className="coin-prior" d={still.prior} data-curve="prior" />
          <g className="series coin-q" data-series="blr" style={{ color: controller.series[0]?.color }}>
            <path className="coin-area" ref={(el) => void (nodes.current.area = el)} />
            <path className="coin-line" data-curve="q" ref={(el) => void (nodes.current.line = el)} />
            <line className="coin-mean" y1={M.top} y2={H - M.bottom} ref={(el) => void (nodes.current.mean = el)} />
          </g>
          {/* On top: where q has reached the posterior, the dashes lie on q's curve. */}
          <path className="coin-exact" d={still.exact} data-curve="exact" />
        </g>
      </svg>
      <div className="coin-extras">
        <ul className="legend" aria-label="Legend">
          <li style={{ color: controller.series[0]?.color }}>
            <span className="swatch" aria-hidden="true" /> q = Beta(α, β) at the step shown; the vertical line is its mean E[p]
          </li>
          <li className="conj-legend-exact">
            <span className="conj-legend-dash" aria-hidden="true" />{' '}
            {tau === 1 ? 'Exact posterior Beta(α₀ + heads, β₀ + tails)' : `Exact tempered target ∝ (prior × likelihood)^(1/τ), τ = ${fmt(tau, 3)}: Beta(${fmt(exact[0], 3)}, ${fmt(exact[1], 3)})`}
          </li>
          <li className="conj-legend-prior">
            <span className="conj-legend-dot" aria-hidden="true" /> Prior Beta(α₀, β₀)
          </li>
        </ul>
        <ModeToggle
          controller={controller}
          labels={['All the flips at once (one step)', 'One flip at a time (Bayes’ rule flip by flip)']}
        />
        <FlipButtons controller={controller} />
        <ol className="coin-flips" aria-label={`The ${flips.length} flips in order`} ref={(el) => void (nodes.current.flips = el)}>
          {flips.map((y, i) => (
            <li key={i} data-flip={i} className={y ? 'heads' : 'tails'} aria-label={`${i + 1}: ${y ? 'heads' : 'tails'}`}>
              {y ? 'H' : 'T'}
            </li>
          ))}
        </ol>
        {flips.length === 0 && <p className="control-hint">No flips yet: q is the prior, and so is the exact posterior.</p>}
      </div>
    </div>
  );
}

/** q's curve, area and mean line for the step on screen; the flips it has used. */
function drawCoin(controller: FigureController, n: CoinNodes, top: number, curve: Float64Array) {
  const log = controller.logs[0];
  const hidden = !log || log.count === 0;
  for (const el of [n.area, n.line, n.mean]) el?.setAttribute('visibility', hidden ? 'hidden' : 'visible');
  if (hidden) return;
  const last = log.count - 1;
  const { k, t } = frameCursor(controller.shown, log.count);
  const sw = log.stride;
  const a = lerpAt(log.data, k, t, BETA.alpha, last, sw);
  const b = lerpAt(log.data, k, t, BETA.beta, last, sw);
  betaCurve(a, b, GRID, curve);
  n.area?.setAttribute('d', areaPath(curve, top));
  n.line?.setAttribute('d', curvePath(curve, top));
  const mx = px(a / (a + b)).toFixed(1);
  n.mean?.setAttribute('x1', mx);
  n.mean?.setAttribute('x2', mx);
  const { settings } = controller.store.getState();
  const flips = settings.flips ?? NO_FLIPS;
  const step = log.data[k * sw + F.step];
  const aK = log.data[k * sw + BETA.alpha];
  const bK = log.data[k * sw + BETA.beta];
  const [ea, eb] = coinPosterior(settings.alpha0 ?? 1, settings.beta0 ?? 1, flips, settings.tau);
  setText(
    n.desc,
    `Step ${step}: q = Beta(${fmt(aK, 2)}, ${fmt(bK, 2)}) with mean E[p] = ${fmt(aK / (aK + bK))}. Exact ${settings.tau === 1 ? 'posterior' : `target at τ = ${fmt(settings.tau, 3)}`} Beta(${fmt(ea, 2)}, ${fmt(eb, 2)}); prior Beta(${fmt(settings.alpha0 ?? 1, 2)}, ${fmt(settings.beta0 ?? 1, 2)}).`,
  );
  const seen = examplesSeen(step, flips.length, settings.online === true);
  const list = n.flips;
  if (list && list.getAttribute('data-step') !== `${step}:${flips.length}`) {
    list.setAttribute('data-step', `${step}:${flips.length}`);
    list.querySelectorAll('li').forEach((li, i) => {
      li.classList.toggle('seen', i < seen);
      const current = settings.online === true && i === step - 1;
      li.classList.toggle('current', current);
      if (current) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
  }
}

/** Heads, tails, ten seeded random flips, and clearing them. */
function FlipButtons({ controller }: { controller: FigureController }) {
  const count = useStore(controller.store, (s) => s.settings.flips?.length ?? 0);
  const seed = useStore(controller.store, (s) => s.settings.seed);
  const room = useClassroom(controller.id);
  const [status, setStatus] = useState('');
  if (room.isHidden('flips')) return null;
  const locked = room.isLocked('flips');
  const lockProps = lockedProps(locked);
  const current = () => controller.store.getState().settings.flips ?? NO_FLIPS;
  const left = DATA_LIMITS.flips - count;
  const add = (more: (0 | 1)[], what: string) => {
    const fs = current();
    const next = [...fs, ...more].slice(0, DATA_LIMITS.flips);
    if (next.length === fs.length) {
      setStatus(`This figure takes at most ${DATA_LIMITS.flips} flips.`);
      return;
    }
    controller.update({ flips: next });
    const { heads, tails } = coinCounts(next);
    setStatus(`${what}: ${heads} heads and ${tails} tails.`);
  };
  return (
    <div className="coin-buttons" role="group" aria-label="Flips">
      <button type="button" data-flip-add="heads" disabled={locked || left <= 0} {...lockProps} onClick={() => add([1], 'Heads')}>
        Add heads
      </button>
      <button type="button" data-flip-add="tails" disabled={locked || left <= 0} {...lockProps} onClick={() => add([0], 'Tails')}>
        Add tails
      </button>
      <button
        type="button"
        data-flip-add="random"
        disabled={locked || left <= 0}
        {...lockProps}
        onClick={() => add(randomFlips(seed, current().length, Math.min(RANDOM_BATCH, left)), `${Math.min(RANDOM_BATCH, left)} random flips`)}
      >
        Flip {RANDOM_BATCH} at random
      </button>
      <button
        type="button"
        data-flip-add="clear"
        disabled={locked || count === 0}
        {...lockProps}
        onClick={() => {
          controller.update({ flips: [] });
          setStatus('No flips: q is the prior.');
        }}
      >
        Clear the flips
      </button>
      <p className="control-hint">
        {locked && <span className="conj-locked">The flips are {LOCKED_DESCRIPTION}. </span>}
        The random flips come from a coin with P(heads) = {RANDOM_COIN}, drawn from the seed; the same seed and the same number of earlier flips give the same flips.{' '}
        <span role="status" data-flips-status="">
          {status}
        </span>
      </p>
    </div>
  );
}

/** The numbers of q at the step on screen, in place of the Gaussian readouts. */
export function CoinReadouts({ controller }: { controller: FigureController }) {
  const cells = useRef<Record<string, HTMLOutputElement | null>>({});
  const series = controller.series[0];
  useEffect(() => {
    const update = () => {
      const log = controller.logs[0];
      const { k } = frameCursor(controller.shown, log?.count ?? 0);
      const set = (f: string, text: string) => setText(cells.current[f], text);
      if (k < 0) {
        for (const f of Object.keys(cells.current)) set(f, '—');
        return;
      }
      const o = k * log.stride;
      const d = log.data;
      const a = d[o + BETA.alpha];
      const b = d[o + BETA.beta];
      const flips = controller.store.getState().settings.flips ?? NO_FLIPS;
      set('step', String(d[o + F.step]));
      set('alpha', fmt(a, 4));
      set('beta', fmt(b, 4));
      set('mean-p', fmt(a / (a + b), 4));
      set('natural', `(${fmt(a - 1, 3)}, ${fmt(b - 1, 3)})`);
      // The flips q has taken in by this step.
      const settings = controller.store.getState().settings;
      const used = coinCounts(flips.slice(0, examplesSeen(d[o + F.step], flips.length, settings.online === true)));
      set('counts', `${used.heads} H, ${used.tails} T`);
      set('kl', formatKl(klAt(log.kl, log.count, k)));
      set('objective', fmt(d[o + F.objective], 4));
    };
    update();
    const off = controller.subscribeFrames(update);
    const offStore = controller.store.subscribe((s, prev) => s.settings !== prev.settings && update());
    return () => {
      off();
      offStore();
    };
  }, [controller]);
  const fields: [string, string][] = [
    ['step', 'step'],
    ['alpha', 'α'],
    ['beta', 'β'],
    ['mean-p', 'E[p] = α/(α + β)'],
    ['natural', 'λ = (α − 1, β − 1)'],
    ['counts', 'flips used'],
    ['kl', 'KL(q ‖ p)'],
    ['objective', 'E[ℓ̄] − τH'],
  ];
  return (
    <div className="readouts">
      <section className="readout-series" style={{ color: series?.color }} aria-label={`Readouts for ${series?.label ?? 'q'}`}>
        <h4 className="readout-title">
          <span className="swatch" aria-hidden="true" /> {series?.label}
        </h4>
        <dl>
          {fields.map(([f, label]) => (
            <div key={f} className={`readout readout-${f}`}>
              <dt>{label}</dt>
              <dd>
                <output data-readout={f} data-series={series?.key} aria-live="off" ref={(el) => void (cells.current[f] = el)}>
                  —
                </output>
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
