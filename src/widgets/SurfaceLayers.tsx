/**
 * The static background of a parameter-space plot: the tempered target's filled bands and the
 * loss's level lines, from the worker's d3-contour result. Drawn through React once per surface
 * (and per plot size); the moving layers on top are updated in place by each plot.
 */
import { useMemo } from 'react';
import type { FigureState } from './controller';
import { contourPath, type Frame2D } from './geometry';

type Surface = NonNullable<FigureState['surface']>;

export interface SurfaceLayersProps {
  surface: Surface | null;
  frame: Frame2D;
  /** Opacity of target band i (faint to dense); figures with many overlays keep it lighter. */
  targetOpacity?: (i: number) => number;
}

export function SurfaceLayers({ surface, frame, targetOpacity = (i) => 0.1 + 0.12 * i }: SurfaceLayersProps) {
  const paths = useMemo(() => {
    if (!surface) return null;
    const { nx, ny } = surface;
    return {
      target: surface.target.map((b, i) => ({ d: contourPath(b, frame, nx, ny), opacity: targetOpacity(i) })),
      loss: surface.loss.map((b) => contourPath(b, frame, nx, ny)),
    };
    // targetOpacity is a per-figure constant, so it is not a dependency.
  }, [surface, frame]);
  if (!paths) return null;
  return (
    <>
      <g className="target" aria-hidden="true">
        {paths.target.map((b, i) => (
          <path key={i} d={b.d} fillOpacity={b.opacity} />
        ))}
      </g>
      <g className="contours" aria-hidden="true">
        {paths.loss.map((d, i) => (
          <path key={i} d={d} />
        ))}
      </g>
    </>
  );
}
