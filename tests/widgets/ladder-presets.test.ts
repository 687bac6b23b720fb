/**
 * The ladder's per-algorithm switches (LADDER_PRESETS) against the presets of Table 1: each set
 * of switches is, by identify's signatures (built from engine/presets.ts), the algorithm it is
 * named after, and the Table 1 page starts its ladder rows from exactly these switches.
 */
import { describe, expect, it } from 'vitest';
import { TABLE1_ROWS } from '../../src/app/table1';
import { LADDER_PRESETS, ladderVerdict, type LadderSettings } from '../../src/widgets/ladder';
import { URL_FIELDS } from '../../src/widgets/settings';

const base: LadderSettings = { ladder: [], rho: 0.1, rhoGd: 0.01, alpha: 0.05, batch: 8, samples: 32, seed: 1, steps: 200, start: [2.5, 0.5] };

describe('the ladder presets are the algorithms they are named after', () => {
  for (const [name, ladder] of Object.entries(LADDER_PRESETS)) {
    it(`${name}: ${ladder.join('.') || '(no switch)'}`, () => {
      const v = ladderVerdict({ ...base, ladder });
      if (!v.ok) throw new Error(v.summary);
      if (name === 'blr') expect(v.summary).toMatch(/Bayesian learning rule itself with a full Gaussian/);
      else expect(v.identification.name).toBe(name);
    });
  }

  it('the Table 1 page opens each ladder row at its algorithm’s switches', () => {
    const ladderRows = TABLE1_ROWS.filter((r) => r.preset?.some(([k]) => k === 'ladder'));
    expect(ladderRows.map((r) => r.presetName)).toEqual(['sgd', 'rmsprop', 'adam', 'vogn']);
    for (const row of ladderRows) {
      const value = row.preset!.find(([k]) => k === 'ladder')![1];
      expect(URL_FIELDS.ladder.parse(value)).toEqual(LADDER_PRESETS[row.presetName as keyof typeof LADDER_PRESETS]);
    }
  });
});
