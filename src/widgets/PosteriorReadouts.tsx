/**
 * The exact posterior's own numbers, once per figure below the series' readouts: −log Z, the
 * mean, correlation and precision of p on the plotted window, and a warning when the window
 * cuts p off (then −log Z and every KL are approximate). Shown only when the figure asked for
 * the posterior. A mean-field q's variances are (1 − c²) times p's marginal ones for a Gaussian
 * p with correlation c: the correlation is shown for that comparison.
 */
import { useStore } from 'zustand';
import type { FigureController } from './controller';
import { fmt } from './geometry';
import { correlationOfCov, edgeWarning, precisionOfCov } from './inference';

export interface PosteriorReadoutsProps {
  controller: FigureController;
}

export function PosteriorReadouts({ controller }: PosteriorReadoutsProps) {
  const posterior = useStore(controller.store, (s) => s.surface?.posterior);
  if (!posterior) return null;
  const [a, b, c] = precisionOfCov(posterior.cov);
  const warning = edgeWarning(posterior.edgeMass);
  return (
    <section className="posterior-readouts" aria-label="The exact posterior p">
      <h4 className="readout-title">
        <span className="legend-posterior-key" aria-hidden="true" /> Exact posterior p ∝ exp(−ℓ̄/τ)
      </h4>
      <dl>
        <div className="readout">
          <dt>−log Z</dt>
          <dd>
            <output data-readout="neg-log-z" aria-live="off">
              {fmt(posterior.negLogZ, 3)}
            </output>
          </dd>
        </div>
        <div className="readout">
          <dt>mean of p</dt>
          <dd>
            <output data-readout="posterior-mean" aria-live="off">{`(${fmt(posterior.mean[0])}, ${fmt(posterior.mean[1])})`}</output>
          </dd>
        </div>
        <div className="readout">
          <dt>correlation of p</dt>
          <dd>
            <output data-readout="posterior-correlation" aria-live="off">
              {fmt(correlationOfCov(posterior.cov))}
            </output>
          </dd>
        </div>
        <div className="readout">
          <dt>precision of p</dt>
          <dd>
            <output data-readout="posterior-precision" aria-live="off">{`[[${fmt(a)}, ${fmt(b)}], [${fmt(b)}, ${fmt(c)}]]`}</output>
          </dd>
        </div>
      </dl>
      {warning && (
        <p className="posterior-warning" data-posterior-warning role="status">
          {warning}
        </p>
      )}
    </section>
  );
}
