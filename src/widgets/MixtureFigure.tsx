/**
 * The mixture-of-Gaussians figures of chapter 3 (Khan & Rue 2023, §3.3; Lin, Khan & Schmidt
 * 2019): one run of the mixture BLR, with the delta method (preset `mog`, K Newton-like runs
 * coupled through the entropy) or Monte Carlo expectations (non-conjugate VI), drawn by
 * MixturePlot. `MixtureFigure` is re-exported from figures.tsx with the other figures.
 */
import type { RunSpecInput } from '../engine/spec';
import { DEFAULT_SETTINGS } from './defaults';
import { Figure, type FigureConfig } from './Figure';
import type { FigureProps } from './figures-basic';
import { resolveMeans } from './mixture';
import { MixturePlot } from './MixturePlot';
import type { FigureSettings, SeriesConfig } from './settings';

type Mat = [[number, number], [number, number]];

/** Settings every mixture figure starts from; each config overrides what it needs. */
const MIXTURE_BASE: FigureSettings = { ...DEFAULT_SETTINGS, steps: 150, start: [0, 0], speed: 10, improved: true, expr: 'x^2 + y^2' };

/** The one series: the mixture BLR from the components' start means (dragged or spread). */
function mixtureSeries(loss: () => RunSpecInput['loss'], precision: Mat): SeriesConfig {
  return {
    key: 'mog',
    label: 'Mixture of Gaussians (BLR)',
    color: 'var(--series-blr)',
    ellipses: true,
    spec(s) {
      const common = {
        loss: loss(),
        components: s.components,
        rho: s.rho,
        temperature: s.tau,
        improved: s.improved,
        steps: s.steps,
        seed: s.seed,
        init: { mean: s.start, precision, means: resolveMeans(s.means, s.components, s.start) },
      };
      return s.mc ? { ...common, algorithm: 'blr', family: 'mixture', expectation: 'mc', samples: s.samples } : { ...common, algorithm: 'mog' };
    },
  };
}

/** `means` has no control of its own (the plot's handles set it) but must travel in links. */
const MIXTURE_CONTROLS = ['components', 'rho', 'tau', 'mc', 'improved', 'seed', 'means'] as const;

const himmelblauLoss = () => ({ kind: 'himmelblau' as const });
const HIMMELBLAU_VIEW: [number, number, number, number] = [-5.5, 5.5, -5.5, 5.5];
/** Four components spread around the origin settle in Himmelblau's four basins within ~30 steps. */
export const MOG_HIMMELBLAU: FigureConfig = {
  defaults: { ...MIXTURE_BASE },
  series: [mixtureSeries(himmelblauLoss, [[1, 0], [0, 1]])],
  controls: MIXTURE_CONTROLS,
  surface: (s) => ({ loss: himmelblauLoss(), temperature: s.tau, view: HIMMELBLAU_VIEW }),
  view: HIMMELBLAU_VIEW,
  plot: MixturePlot,
};

const flatSharpLoss = () => ({ kind: 'flat-sharp' as const });
const FLAT_SHARP_VIEW: [number, number, number, number] = [-3, 3, -2, 2];
/**
 * One component near each well. Their weights approach each well's Laplace share of
 * exp(−ℓ̄/τ): measured with the engine, the sharp well holds 57% at τ = 0.05, 14% at
 * τ = 0.1 (the default) and 5.5% at τ = 0.2.
 */
export const MOG_FLATSHARP: FigureConfig = {
  defaults: { ...MIXTURE_BASE, components: 2, tau: 0.1, means: [[-1.4, 0.2], [1, -0.3]] },
  // Narrower than N(m, I), so the component by the sharp well feels it and not only the flat one.
  series: [mixtureSeries(flatSharpLoss, [[10, 0], [0, 10]])],
  controls: MIXTURE_CONTROLS,
  surface: (s) => ({ loss: flatSharpLoss(), temperature: s.tau, view: FLAT_SHARP_VIEW }),
  view: FLAT_SHARP_VIEW,
  plot: MixturePlot,
};

/** A mixture of K Gaussians on Himmelblau's function or on the flat-versus-sharp loss. */
export function MixtureFigure({ id, loss, caption }: FigureProps & { loss: 'himmelblau' | 'flat-sharp' }) {
  return <Figure id={id} config={loss === 'himmelblau' ? MOG_HIMMELBLAU : MOG_FLATSHARP} caption={caption} />;
}
