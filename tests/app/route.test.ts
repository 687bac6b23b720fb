import { describe, expect, it } from 'vitest';
import { chapterHref, demoHref, demoQuery, demoStart, formatDemoSequence, legacyRedirect, parseDemoSequence, parseRoute, withDemoPosition, type DemoEntry } from '../../src/app/route';
import { CLASSROOM_NAMES } from '../../src/widgets/settings';

const IDS = ['wall', 'flatsharp', 'params', 'paths-quad', 'paths-rosen', 'playground'];

describe('routes', () => {
  it('reads chapters, embeds, demos and home', () => {
    expect(parseRoute('?ch=natural-gradients&wall.tau=1')).toEqual({ kind: 'chapter', slug: 'natural-gradients' });
    expect(parseRoute('?embed=wall&demo=x')).toEqual({ kind: 'embed', figure: 'wall' });
    expect(parseRoute('?demo=wall,flatsharp&at=2')).toEqual({ kind: 'demo', sequence: 'wall,flatsharp', at: 2 });
    expect(parseRoute('?demo=wall&ch=x')).toEqual({ kind: 'demo', sequence: 'wall', at: 1 });
    expect(parseRoute('?demo=')).toEqual({ kind: 'demo', sequence: '', at: 1 });
    for (const at of ['0', '-1', 'two', '1.5', '']) expect(parseRoute(`?demo=wall&at=${at}`), at).toMatchObject({ at: 1 });
    expect(parseRoute('')).toEqual({ kind: 'home' });
  });
});

describe('addresses of the static book', () => {
  const SLUGS = ['from-loss-to-distribution', 'natural-gradients'];
  it('links chapters by path from the book folder', () => {
    expect(chapterHref('natural-gradients')).toBe('./natural-gradients/');
  });

  it('redirects the old query-string links, keeping figure state, lecture mode and the anchor', () => {
    expect(legacyRedirect('home', '?ch=natural-gradients', '#eq-2.3', './', SLUGS)).toBe('./natural-gradients/#eq-2.3');
    expect(legacyRedirect('home', '?ch=natural-gradients&paths-quad.rho=0.3&lecture=1', '', './', SLUGS)).toBe('./natural-gradients/?paths-quad.rho=0.3&lecture=1');
    // From a chapter page (an old relative link resolved there) to the sibling folder.
    expect(legacyRedirect('chapter', '?ch=from-loss-to-distribution', '#fig-wall', '../', SLUGS)).toBe('../from-loss-to-distribution/#fig-wall');
    expect(legacyRedirect('home', '?table=1&open=em', '#row-em', './', SLUGS)).toBe('./table/?open=em#row-em');
    expect(legacyRedirect('home', '?demo=wall,flatsharp&at=2', '', './', SLUGS)).toBe('./demo/?demo=wall,flatsharp&at=2');
    expect(legacyRedirect('chapter', '?embed=wall&wall.tau=0.3', '', '../', SLUGS)).toBe('../?embed=wall&wall.tau=0.3');
  });

  it('leaves the pages that serve a route themselves, and unknown chapters, alone', () => {
    expect(legacyRedirect('home', '?embed=wall', '', './', SLUGS)).toBeNull();
    expect(legacyRedirect('demo', '?demo=wall', '', '../', SLUGS)).toBeNull();
    expect(legacyRedirect('chapter', '?paths-quad.rho=0.3', '', '../', SLUGS)).toBeNull();
    expect(legacyRedirect('home', '?ch=nope', '', './', SLUGS)).toBeNull();
  });
});

describe('demo sequences', () => {
  it('parses figures with optional presets, in the short and the ID.name form', () => {
    expect(parseDemoSequence('wall,flatsharp~flatsharp.tau=0.2,paths-quad', IDS)).toEqual([
      { figure: 'wall', preset: [] },
      { figure: 'flatsharp', preset: [['tau', '0.2']] },
      { figure: 'paths-quad', preset: [] },
    ]);
    expect(parseDemoSequence(' wall , flatsharp~tau=0.2~rho=0.1 ~hide=alg, rho', IDS)).toEqual([
      { figure: 'wall', preset: [] },
      { figure: 'flatsharp', preset: [['tau', '0.2'], ['rho', '0.1'], ['hide', 'alg,rho']] },
    ]);
  });

  it('keeps commas inside values (start, hide and lock lists) and splits only before a figure id', () => {
    const entries = parseDemoSequence('wall~hide=alg,rho~start=-1,1.5,flatsharp~lock=tau,rhoGd,wall', IDS);
    expect(entries).toEqual([
      { figure: 'wall', preset: [['hide', 'alg,rho'], ['start', '-1,1.5']] },
      { figure: 'flatsharp', preset: [['lock', 'tau,rhoGd']] },
      { figure: 'wall', preset: [] },
    ]);
    // No control name is also a figure id, so a list never ends a demo early.
    for (const name of CLASSROOM_NAMES) expect(IDS).not.toContain(name);
  });

  it('keeps unknown figures and malformed parts for the page and the figure to report', () => {
    expect(parseDemoSequence('wall,nope,,flatsharp~tau~rho=', IDS)).toEqual([
      { figure: 'wall', preset: [] },
      { figure: 'nope', preset: [] },
      { figure: 'flatsharp', preset: [['tau', ''], ['rho', '']] },
    ]);
    expect(parseDemoSequence('', IDS)).toEqual([]);
  });

  it('round-trips through formatDemoSequence and demoHref', () => {
    const entries: DemoEntry[] = [
      { figure: 'wall', preset: [['hide', 'alg,rho'], ['tau', '0.5']] },
      { figure: 'paths-quad', preset: [['start', '-2,1']] },
      { figure: 'playground', preset: [['loss', 'expr'], ['expr', 'x^2 + y^2']] },
    ];
    const text = formatDemoSequence(entries);
    expect(text).toBe('wall~hide=alg,rho~tau=0.5,paths-quad~start=-2,1,playground~loss=expr~expr=x^2 + y^2');
    expect(parseDemoSequence(text, IDS)).toEqual(entries);
    const href = demoHref(entries, 3);
    expect(href).toBe('?demo=wall~hide=alg,rho~tau=0.5,paths-quad~start=-2,1,playground~loss=expr~expr=x^2%20%2B%20y^2&at=3');
    const route = parseRoute(href);
    expect(route).toEqual({ kind: 'demo', sequence: text, at: 3 });
    if (route.kind === 'demo') expect(parseDemoSequence(route.sequence, IDS)).toEqual(entries);
  });

  it('gives each demo its figure’s own query parameters', () => {
    const q = demoQuery({ figure: 'flatsharp', preset: [['tau', '0.2'], ['hide', 'rho']] });
    expect([...q]).toEqual([['flatsharp.tau', '0.2'], ['flatsharp.hide', 'rho']]);
  });

  it('sets the position in the address without touching the other parameters', () => {
    expect(withDemoPosition('?demo=wall,flatsharp~tau=0.2', 2)).toBe('?demo=wall,flatsharp~tau=0.2&at=2');
    expect(withDemoPosition('?at=1&demo=wall,flatsharp&lecture=1', 2)).toBe('?demo=wall,flatsharp&lecture=1&at=2');
    expect(withDemoPosition('', 1)).toBe('?at=1');
  });
});

describe('the demo position from the address (issue 10: one rule)', () => {
  it('a whole number from 1 to the length opens that demo; anything else opens demo 1 with a notice', () => {
    const open = (search: string, n = 3) => {
      const r = parseRoute(search);
      if (r.kind !== 'demo') throw new Error('not a demo route');
      return demoStart(r.at, r.badAt, n);
    };
    expect(open('?demo=a,b,c&at=2')).toEqual({ at: 2, notice: null });
    expect(open('?demo=a,b,c&at=3')).toEqual({ at: 3, notice: null });
    expect(open('?demo=a,b,c')).toEqual({ at: 1, notice: null });
    for (const at of ['1e9', '999999999999999999999', '4', '0', '-1', '1.5', 'two', '', '0x2', '1000000000']) {
      const r = open(`?demo=a,b,c&at=${at}`);
      expect(r.at, at).toBe(1);
      expect(r.notice, at).toMatch(/is not a demo of this sequence \(1 to 3\), so it opens demo 1/);
    }
    // 1e9 and its 21-digit cousin are treated alike (they used to open the first and the last demo).
    expect(open('?demo=a,b,c&at=1e9').at).toBe(open('?demo=a,b,c&at=999999999999999999999').at);
    expect(open('?demo=a,b,c&at=999999999999999999999').notice).toMatch(/at=999999999999999999999 is/);
  });
});
