/**
 * The approximation ladder (chapter 4, Figures 4.1, 4.2 and 4.4): switches that turn the exact
 * BLR into the optimisers of Table 1 one approximation at a time, the update they produce
 * (typeset by KaTeX, which is loaded only when a ladder mounts) and the name of the algorithm
 * they equal. The run itself is the figure's; the pure half (switches → spec → equations →
 * name) is ladder.ts.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { FigureController } from './controller';
import { lockedProps, lockedWrapper, useClassroom } from './classroom';
import type { FigureConfig } from './Figure';
import {
  LADDER_DATA,
  LADDER_LOSS,
  LADDER_PRESETS,
  exactBlrSpec,
  ladderConstants,
  ladderEquations,
  ladderOptions,
  ladderSpec,
  ladderVerdict,
  normaliseLadder,
  toggleLadder,
  type LadderPreset,
} from './ladder';
import type { FigureSettings, LadderToken } from './settings';
import './ladder.css';

const VIEW = [-3, 3, -3, 3] as const;

/**
 * The ladder figure's configuration for a preset (none: the exact BLR). The start lies away
 * from both mirror-image minima and every rung reaches the same one from it (checked with the
 * engine for seeds 1–3); ρ = 0.1 for the BLR, 0.01 for the fixed family (SGD diverges on this
 * loss above about 0.025), α = 0.05 for the square root.
 */
export function createLadderConfig(base: FigureSettings, preset: LadderPreset | 'blr'): FigureConfig {
  return {
    defaults: {
      ...base,
      rho: 0.1,
      rhoGd: 0.01,
      alpha: 0.05,
      batch: 8,
      samples: 32,
      tau: 1,
      steps: 200,
      speed: 20,
      start: [2.5, 0.5],
      ladder: LADDER_PRESETS[preset],
    },
    series: [
      // Drawn first, so the reader's run lies on top of the reference.
      { key: 'exact', label: 'Exact BLR (reference)', color: 'var(--series-ref)', ellipses: true, spec: exactBlrSpec },
      { key: 'ladder', label: 'This combination', color: 'var(--series-blr)', ellipses: true, spec: ladderSpec },
    ],
    controls: ['ladder', 'rho', 'rhoGd', 'alpha', 'batch', 'samples', 'seed'],
    surface: () => ({ loss: LADDER_LOSS, temperature: 1, view: [...VIEW] }),
    view: VIEW,
    panel: LadderPanel,
  };
}

type Katex = (typeof import('katex'))['default'];
let katexLoad: Promise<Katex> | null = null;
/** KaTeX's runtime, fetched once per page and only by a figure that typesets at runtime. */
function loadKatex(): Promise<Katex> {
  katexLoad ??= import('katex').then((m) => m.default);
  return katexLoad;
}

const rendered = new Map<string, string>();
/**
 * KaTeX's HTML for a display formula; MathML alone inside a shadow root (the `<blr-figure>`
 * element), where the page's KaTeX stylesheet and fonts do not reach but browsers draw MathML.
 */
function renderTex(katex: Katex, tex: string, mathmlOnly: boolean): string {
  const key = `${mathmlOnly ? 'm' : 'h'}${tex}`;
  let html = rendered.get(key);
  if (html === undefined) {
    html = katex.renderToString(tex, { displayMode: true, throwOnError: false, output: mathmlOnly ? 'mathml' : 'htmlAndMathml' });
    rendered.set(key, html);
  }
  return html;
}

function useKatex(): { katex: Katex | null; failed: boolean } {
  const [state, setState] = useState<{ katex: Katex | null; failed: boolean }>({ katex: null, failed: false });
  useEffect(() => {
    let live = true;
    loadKatex()
      .then((katex) => live && setState({ katex, failed: false }))
      .catch(() => {
        katexLoad = null;
        if (live) setState({ katex: null, failed: true });
      });
    return () => {
      live = false;
    };
  }, []);
  return state;
}

function Formula({ katex, tex, part, label }: { katex: Katex | null; tex: string; part: string; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [inShadow, setInShadow] = useState(false);
  useEffect(() => setInShadow(el.current?.getRootNode() instanceof ShadowRoot), []);
  const html = useMemo(() => (katex ? renderTex(katex, tex, inShadow) : null), [katex, tex, inShadow]);
  return (
    <div className="ladder-formula" ref={el} data-part={part} data-tex={tex} role="group" aria-label={label}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX's HTML for the ladder's own TeX (KaTeX's trust option left off), not reader input */}
      {html === null ? <code className="ladder-tex">{tex}</code> : <div dangerouslySetInnerHTML={{ __html: html }} />}
    </div>
  );
}

const FAMILY_CHOICES: { value: 'full' | LadderToken; label: string }[] = [
  { value: 'full', label: 'Full Gaussian' },
  { value: 'diag', label: 'Diagonal covariance' },
  { value: 'fixed', label: 'Fixed covariance Σ = I' },
];
const HESSIAN_CHOICES: { value: 'hessian' | LadderToken; label: string }[] = [
  { value: 'hessian', label: 'The Hessian itself' },
  { value: 'ggn', label: 'Gauss–Newton' },
  { value: 'fisher', label: 'Per-example squared gradients' },
  { value: 'sq', label: 'Squared minibatch gradient' },
];

/** The switches, the name and the equations; in the figure's side column. */
export function LadderPanel({ controller }: { controller: FigureController }) {
  const settings = useStore(controller.store, (s) => s.settings);
  const tokens = useMemo(() => normaliseLadder(settings.ladder), [settings.ladder]);
  const options = useMemo(() => ladderOptions(tokens), [tokens]);
  const equations = useMemo(() => ladderEquations(options), [options]);
  const verdict = useMemo(() => ladderVerdict(settings), [settings]);
  const constants = ladderConstants(options, settings);
  const { katex, failed } = useKatex();
  const room = useClassroom(controller.id);
  const hidden = room.isHidden('ladder');
  const locked = room.isLocked('ladder');
  const id = useId();
  const fixed = options.family === 'gaussian-fixed';

  const set = (token: LadderToken, on: boolean) => controller.update({ ladder: toggleLadder(settings.ladder, token, on) });
  const family = tokens.find((t) => t === 'diag' || t === 'fixed') ?? 'full';
  const hessian = tokens.find((t) => t === 'ggn' || t === 'fisher' || t === 'sq') ?? 'hessian';
  const check = (token: LadderToken, label: string, hint?: string, disabled = false) => (
    <div className="control checkbox ladder-check">
      <input
        id={`${id}-${token}`}
        type="checkbox"
        data-ladder-token={token}
        checked={tokens.includes(token)}
        disabled={disabled}
        aria-describedby={hint ? `${id}-${token}-hint` : undefined}
        onChange={(e) => set(token, e.target.checked)}
      />
      <label htmlFor={`${id}-${token}`}>
        {label}
        {hint && (
          <span id={`${id}-${token}-hint`} className="ladder-hint">
            {' '}
            {hint}
          </span>
        )}
      </label>
    </div>
  );
  const name = verdict.ok ? (verdict.identification.name ?? 'variant') : 'invalid';

  return (
    <section className="ladder" aria-label="The approximation ladder" data-ladder>
      {!hidden && (
        <fieldset className="ladder-rungs" {...lockedWrapper(locked)} {...lockedProps(locked)}>
          <legend>Approximations, in the ladder’s order</legend>
          <ol>
            <li>
              <fieldset className="ladder-group">
                <legend>Family of q</legend>
                {FAMILY_CHOICES.map((c) => (
                  <label key={c.value} className="ladder-radio">
                    <input
                      type="radio"
                      name={`${id}-family`}
                      value={c.value}
                      data-ladder-token={c.value === 'full' ? undefined : c.value}
                      data-ladder-family={c.value}
                      checked={family === c.value}
                      onChange={() => (c.value === 'full' ? controller.update({ ladder: tokens.filter((t) => t !== 'diag' && t !== 'fixed') }) : set(c.value, true))}
                    />
                    {c.label}
                  </label>
                ))}
              </fieldset>
              {check('drop', 'Dropout masks', `(gradient at z ∘ θ, zⱼ ~ Bern(1 − p))`)}
            </li>
            <li>{check('delta', 'Delta method', '(gradient at the mean instead of samples of q)')}</li>
            <li>{check('batch', 'Minibatch gradients', `(M = ${settings.batch} of the N = ${LADDER_DATA.n} examples per step)`)}</li>
            <li>
              <fieldset className="ladder-group" disabled={fixed} aria-describedby={fixed ? `${id}-fixed-note` : undefined}>
                <legend>Hessian</legend>
                {HESSIAN_CHOICES.map((c) => (
                  <label key={c.value} className="ladder-radio">
                    <input
                      type="radio"
                      name={`${id}-hessian`}
                      value={c.value}
                      data-ladder-token={c.value === 'hessian' ? undefined : c.value}
                      data-ladder-hessian={c.value}
                      checked={hessian === c.value}
                      onChange={() => (c.value === 'hessian' ? controller.update({ ladder: tokens.filter((t) => t !== 'ggn' && t !== 'fisher' && t !== 'sq') }) : set(c.value, true))}
                    />
                    {c.label}
                  </label>
                ))}
              </fieldset>
            </li>
            <li>
              <fieldset className="ladder-group" disabled={fixed} aria-describedby={fixed ? `${id}-fixed-note` : undefined}>
                <legend>RMSprop’s scale, item by item</legend>
                {check('root', 'Square root', '(precondition by √s instead of s)', fixed)}
                {check('zero', 'Start s₀ = 0', '(instead of s₀ = 1; needs the damping)', fixed)}
                {check('damp', 'Damping c', `(add c = 10⁻⁸ to the preconditioner: PyTorch’s ε)`, fixed)}
                {check('alpha', 'Separate step α', `(α = ${settings.alpha} for the mean, ρ for the scale)`, fixed)}
              </fieldset>
            </li>
            <li>{check('mom', 'Momentum', '(β₁ = 0.9, bias-corrected)')}</li>
          </ol>
          {fixed && (
            <p id={`${id}-fixed-note`} className="control-hint">
              With a fixed covariance there is no precision to learn, so the Hessian and RMSprop’s scale do not apply; ρ is then “ρ for gradient descent”.
            </p>
          )}
        </fieldset>
      )}
      <p className="ladder-name" role="status" aria-live="polite" data-ladder-name={name}>
        {verdict.summary}
      </p>
      {/* The equations may be wider than the column: the block scrolls sideways, so it takes
          the focus (Tab, then ← →) and has a name; the formulas inside do not scroll themselves. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe: scrollable-region-focusable) */}
      <div className="ladder-equations" role="group" tabIndex={0} data-scroll-region="" aria-label="The update this combination produces (scrolls sideways when wider than the panel)" data-katex={katex ? 'ready' : failed ? 'failed' : 'loading'}>
        <Formula katex={katex} tex={equations.gradient} part="gradient" label="Gradient estimate" />
        <Formula katex={katex} tex={equations.precision} part="precision" label="Precision update" />
        <Formula katex={katex} tex={equations.mean} part="mean" label="Mean update" />
        {failed && <p className="control-hint">The formula typesetter could not be loaded; the equations are shown as TeX.</p>}
      </div>
      <p className="control-hint ladder-constants">{constants}</p>
    </section>
  );
}
