import type { LossSpec } from '../spec';
import { gmmData, linearData, logisticData, tanhData } from '../data';
import { createGmmLoss } from './gmm';
import { createFlatSharpLoss } from './flat-sharp';
import { createHimmelblauLoss } from './himmelblau';
import { createLinearRegressionLoss } from './linear-regression';
import { createLogisticRegressionLoss } from './logistic-regression';
import type { Loss } from './loss';
import { createQuadraticLoss } from './quadratic';
import { createRosenbrockLoss } from './rosenbrock';
import { createTanhRegressionLoss } from './tanh-regression';
import { createWallLoss } from './wall';

export type { Loss } from './loss';

/**
 * The loss a (validated) loss spec describes. Custom formulas need mathjs, which is loaded
 * only on demand: use `prepareLoss` for them.
 */
export function createLoss(spec: Exclude<LossSpec, { kind: 'expr' }>): Loss {
  switch (spec.kind) {
    case 'quadratic':
      return createQuadraticLoss(spec);
    case 'rosenbrock':
      return createRosenbrockLoss(spec);
    case 'wall':
      return createWallLoss(spec);
    case 'flat-sharp':
      return createFlatSharpLoss(spec);
    case 'linear-regression': {
      const d = spec.x && spec.y ? { x: spec.x, y: spec.y } : linearData(spec.data!);
      return createLinearRegressionLoss({ ...d, noiseVariance: spec.noiseVariance, priorPrecision: spec.priorPrecision });
    }
    case 'logistic-regression': {
      const d = spec.x && spec.y ? { x: spec.x, y: spec.y } : logisticData(spec.data!);
      return createLogisticRegressionLoss({ ...d, priorPrecision: spec.priorPrecision });
    }
    case 'himmelblau':
      return createHimmelblauLoss(spec);
    case 'coin': {
      const h = spec.flips.reduce<number>((s, y) => s + y, 0);
      const t = spec.flips.length - h;
      // The likelihood part −h log p − t log(1 − p) in p = x (y unused); the prior is the family's.
      const value = (p: number) => -h * Math.log(p) - t * Math.log(1 - p);
      return {
        label: 'coin',
        value,
        evaluate(p, _y, out) {
          out[0] = value(p);
          out[1] = -h / p + t / (1 - p);
          out[2] = 0;
          out[3] = h / (p * p) + t / ((1 - p) * (1 - p));
          out[4] = 0;
          out[5] = 0;
        },
        minimiser: [h / (h + t), 0],
        view: [0, 1, 0, 1],
      };
    }
    case 'gmm':
      return createGmmLoss({ x: spec.x ?? gmmData(spec.data), variance: spec.variance, priorPrecision: spec.priorPrecision });
    case 'tanh-regression': {
      const d = spec.x && spec.y ? { x: spec.x, y: spec.y } : tanhData(spec.data);
      return createTanhRegressionLoss({ ...d, noiseVariance: spec.noiseVariance, priorPrecision: spec.priorPrecision });
    }
  }
}

/** Any loss, loading the expression compiler (and mathjs) only when the spec is a formula. */
export async function prepareLoss(spec: LossSpec): Promise<Loss> {
  if (spec.kind === 'expr') {
    const { parseExprLoss } = await import('./expr');
    return parseExprLoss(spec.expr);
  }
  return createLoss(spec);
}
