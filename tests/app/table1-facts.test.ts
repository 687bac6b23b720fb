/**
 * Table 1's facts are stated once, by the presets (engine/presets.ts `table1`); the page only
 * lays them out. Every row shows its preset's facts, every preset with a row appears once, and
 * every row cites a work of the bibliography.
 */
import { describe, expect, it } from 'vitest';
import { bibliography } from '../../content/bibliography';
import { ALGORITHM_NAMES, PRESETS } from '../../src/engine/presets';
import { TABLE1, TABLE1_ROWS } from '../../src/app/table1';

describe('Table 1 facts come from the presets', () => {
  it('every preset with a Table 1 row appears exactly once; von and blr have none', () => {
    const withRow = ALGORITHM_NAMES.filter((n) => PRESETS[n].table1);
    expect(TABLE1_ROWS.map((r) => r.presetName).toSorted()).toEqual([...withRow].toSorted());
    expect(ALGORITHM_NAMES.filter((n) => !PRESETS[n].table1)).toEqual(['von', 'blr']);
  });

  it.each(TABLE1_ROWS.map((r) => [r.id, r] as const))('row %s shows its preset’s facts', (_id, row) => {
    const facts = PRESETS[row.presetName].table1!;
    expect(TABLE1.find((g) => g.rows.includes(row))!.id).toBe(facts.group);
    expect(row).toMatchObject({ algorithm: facts.name, family: facts.family, chapter: facts.chapter, section: facts.section, anchor: facts.anchor, cite: facts.cite });
    expect(row.approximation.toLowerCase()).toBe(facts.approximations.join(', ').toLowerCase());
    expect(Boolean(row.isNew)).toBe(Boolean(facts.isNew));
    expect(row.note).toBe(facts.note);
    expect(Object.keys(bibliography), `cite key "${facts.cite}"`).toContain(facts.cite);
  });
});
