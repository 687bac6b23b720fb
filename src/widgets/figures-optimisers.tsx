/**
 * Chapter 4's optimiser figures: the approximation ladder (LadderPanel.tsx) at each preset, and
 * Adam's point beside IVON's Gaussian (PointVsDist.tsx).
 */
import { DEFAULT_SETTINGS } from './defaults';
import { Figure, type FigureConfig } from './Figure';
import type { FigureProps } from './figures-basic';
import { createLadderConfig } from './LadderPanel';
import type { LadderPreset } from './ladder';
import { createPointVsDistConfig } from './PointVsDist';

/** The approximation ladder's configuration for each preset (none: the exact BLR). */
export const LADDERS: Record<LadderPreset | 'blr', FigureConfig> = {
  blr: createLadderConfig(DEFAULT_SETTINGS, 'blr'),
  sgd: createLadderConfig(DEFAULT_SETTINGS, 'sgd'),
  rmsprop: createLadderConfig(DEFAULT_SETTINGS, 'rmsprop'),
  adam: createLadderConfig(DEFAULT_SETTINGS, 'adam'),
  ogn: createLadderConfig(DEFAULT_SETTINGS, 'ogn'),
  vogn: createLadderConfig(DEFAULT_SETTINGS, 'vogn'),
  dropout: createLadderConfig(DEFAULT_SETTINGS, 'dropout'),
};
export const ADAM_VS_IVON = createPointVsDistConfig(DEFAULT_SETTINGS);

/** The approximation ladder (LadderPanel.tsx): switches from the exact BLR to Table 1's optimisers, opened at `preset`. */
export function LadderFigure({ id, caption, preset }: FigureProps & { preset?: LadderPreset }) {
  return <Figure id={id} config={LADDERS[preset ?? 'blr']} caption={caption} />;
}
/** Adam's point beside IVON's Gaussian on the same data, minibatches and start (PointVsDist.tsx). */
export function PointVsDistFigure({ id, caption }: FigureProps) {
  return <Figure id={id} config={ADAM_VS_IVON} caption={caption} />;
}
