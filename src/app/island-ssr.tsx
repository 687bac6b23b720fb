/**
 * Figures in the prerendered chapters (build time only). The build rewrites each chapter's
 * `import { WallFigure } from '../src/widgets/figures-basic'` into `island('figures-basic',
 * 'WallFigure')` (vite.config.ts, `islands` plugin), so a figure renders as its island: a
 * placeholder `<div class="figure-island">` that names the module and export to mount and the
 * props to mount with (src/app/islands.ts), holding the figure's static picture — its first
 * frame as the live figure draws it, recorded by scripts/snapshot-figures.mjs — and its caption.
 * The picture is the live figure's own markup, so the placeholder has exactly its size at
 * every width, and nothing moves when the live figure replaces it. Until the figure mounts, the
 * picture carries the figure's `data-widget` (so a link or a test finds the figure where it will
 * be); the live figure takes it over when it starts to build.
 */
import type { ReactNode } from 'react';

/** Figure id → the live figure's inner markup at step 0 (build/figure-snapshots.json). */
let snapshots: Record<string, string> = {};

export function setSnapshots(s: Record<string, string>) {
  snapshots = s;
}

/** The figures rendered since the last call, with their props (for the build's checks). */
const rendered: { id: string; module: string; name: string; props: Record<string, unknown> }[] = [];
export function takeRenderedFigures() {
  return rendered.splice(0);
}

export interface IslandProps {
  id: string;
  caption?: ReactNode;
  [prop: string]: unknown;
}

export function island(module: string, name: string) {
  function Island({ caption, ...props }: IslandProps) {
    const id = props.id;
    rendered.push({ id, module, name, props });
    const snapshot = Object.hasOwn(snapshots, id) ? snapshots[id] : null;
    return (
      <div className="figure-island" id={`fig-${id}`} data-island={id} data-module={module} data-export={name} data-props={JSON.stringify(props)}>
        <figure className="blr-figure figure-static" data-widget={id} data-snapshot={snapshot ? 'yes' : 'no'}>
          {snapshot ? (
            <div className="figure-static-picture" inert dangerouslySetInnerHTML={{ __html: snapshot }} />
          ) : (
            <div className="figure-loading">The live figure loads here.</div>
          )}
          <noscript>
            <p className="figure-js-note">This picture is the figure’s first frame: the live figure needs JavaScript.</p>
          </noscript>
          {caption && <figcaption>{caption}</figcaption>}
        </figure>
      </div>
    );
  }
  Island.displayName = `Island(${name})`;
  return Island;
}
