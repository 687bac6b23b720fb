import { describe, expect, it } from 'vitest';
import { bookBase, elementSnippet, heightMessage, iframeSnippet, isHeightMessage, queryFromState, stateFromQuery } from '../../src/widgets/embed-snippets';
import { crossOriginWorkerFactory } from '../../src/embed/pool';
import { shadowCss } from '../../src/embed/shadow-css';

describe('embed snippets', () => {
  it('maps a page query to the element state and back', () => {
    const page = new URLSearchParams('ch=x&wall.tau=0.3&wall.start=-1.5,1.5&flatsharp.rho=2&wall.expr=x%5E2+%2B+y');
    const state = stateFromQuery('wall', page);
    expect(state).toBe('tau=0.3&start=-1.5%2C1.5&expr=x%5E2+%2B+y');
    expect([...queryFromState('wall', state)]).toEqual([
      ['wall.tau', '0.3'],
      ['wall.start', '-1.5,1.5'],
      ['wall.expr', 'x^2 + y'],
    ]);
    expect([...queryFromState('wall', '?rho=0.2&other.rho=1')]).toEqual([['wall.rho', '0.2']]);
    expect([...queryFromState('wall', null)]).toEqual([]);
  });

  it('builds one-line snippets with the absolute book address, escaped', () => {
    const base = bookBase('https://ex.org/blr/?ch=natural-gradients&wall.tau=0.3#eq-3');
    expect(base).toBe('https://ex.org/blr/');
    const iframe = iframeSnippet(base, 'wall', 'tau=0.3&expr=a"b', 'T <x>');
    expect(iframe).not.toContain('\n');
    expect(iframe).toContain('src="https://ex.org/blr/?embed=wall&amp;wall.tau=0.3&amp;wall.expr=a%22b"');
    expect(iframe).toContain('title="T &lt;x&gt;"');
    const el = elementSnippet(base, 'wall', 'tau=0.3&rho=0.2');
    expect(el).toBe('<script type="module" src="https://ex.org/blr/embed/blr-figure.js"></script><blr-figure figure="wall" state="tau=0.3&amp;rho=0.2"></blr-figure>');
    expect(elementSnippet(base, 'wall', '')).toContain('<blr-figure figure="wall"></blr-figure>');
  });

  it('accepts only the exact height message shape', () => {
    expect(heightMessage('wall', 812.2)).toEqual({ type: 'blr-explorable:height', figure: 'wall', height: 813 });
    expect(isHeightMessage(heightMessage('wall', 10))).toBe(true);
    for (const bad of [null, 'x', 42, { type: 'blr-explorable:height', figure: 'wall' }, { type: 'other', figure: 'w', height: 1 },
      { type: 'blr-explorable:height', figure: 'w', height: Number.NaN }, { type: 'blr-explorable:height', figure: 'w', height: -1 },
      { type: 'blr-explorable:height', figure: 'w', height: 1, extra: 1 }, { type: 'blr-explorable:height', figure: 1, height: 1 }]) {
      expect(isHeightMessage(bad)).toBe(false);
    }
  });
});

describe('shadow-root CSS', () => {
  it('moves :root to :host and rem to --blr-rem, except in @media and @container conditions', () => {
    const out = shadowCss(':root { --a: 1; } .x { margin: 0.5rem 2rem; } @media (max-width: 48rem) { .y { padding: .25rem; } } @container (max-width: 40rem) { }');
    expect(out).toBe(':host { --a: 1; } .x { margin: calc(0.5 * var(--blr-rem)) calc(2 * var(--blr-rem)); } @media (max-width: 48rem) { .y { padding: calc(.25 * var(--blr-rem)); } } @container (max-width: 40rem) { }');
  });
});

describe('cross-origin worker factory', () => {
  it('wraps a cross-origin worker script in a same-origin blob module, once', () => {
    const made: { url: string; type?: string }[] = [];
    const blobs: string[] = [];
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = { Worker: g.Worker, create: URL.createObjectURL };
    g.Worker = class {
      constructor(url: string, opts: { type?: string }) {
        made.push({ url: String(url), type: opts.type });
      }
    };
    URL.createObjectURL = (b: Blob) => {
      blobs.push(b.type);
      return `blob:page/${blobs.length}`;
    };
    try {
      const cross = crossOriginWorkerFactory('https://book.example/embed/assets/w.js', 'https://course.example');
      cross();
      cross();
      expect(made).toEqual([{ url: 'blob:page/1', type: 'module' }, { url: 'blob:page/1', type: 'module' }]);
      expect(blobs).toEqual(['text/javascript']);
      crossOriginWorkerFactory('https://book.example/embed/assets/w.js', 'https://book.example')();
      expect(made[2]).toEqual({ url: 'https://book.example/embed/assets/w.js', type: 'module' });
    } finally {
      g.Worker = saved.Worker;
      URL.createObjectURL = saved.create;
    }
  });
});
