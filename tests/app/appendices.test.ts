import { describe, expect, it } from 'vitest';
import { appendices, chapters, NOTATION_SLUG } from '../../content/chapters';
import { parseRoute } from '../../src/app/route';

describe('appendices', () => {
  it('registers the notation page under a slug no chapter uses, reachable by the chapter route', () => {
    const slugs = [...chapters, ...appendices].map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(appendices.map((a) => a.slug)).toContain(NOTATION_SLUG);
    expect(appendices.every((a) => a.kind === 'appendix' && !('number' in a))).toBe(true);
    expect(parseRoute(`?ch=${NOTATION_SLUG}`)).toEqual({ kind: 'chapter', slug: NOTATION_SLUG });
  });
});
