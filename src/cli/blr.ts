/**
 * Headless BLR: `npm run blr -- [--posterior [--view X0,X1,Y0,Y1]] SPEC.json` (or `-` for
 * standard input) prints {"status", "spec", "frames", "final", "message"?, "posterior"?} as one
 * JSON document. With --posterior it adds what the figures show about the exact tempered target
 * p ∝ exp(−ℓ̄/τ), computed by the same engine functions the worker uses (engine/measure.ts
 * posteriorReport): −log Z, p's mean and covariance on the window (the loss's own, or --view),
 * and KL(q ‖ p) of every frame; for the coin, p = Beta(α*, β*) in closed form.
 * Exit codes: 0 for a run that finished, diverged or did not converge (see "status"), 2 for an
 * invalid spec, option or file.
 */
import { readFileSync } from 'node:fs';
import { prepareLoss } from '../engine/losses/index';
import { posteriorReport } from '../engine/measure';
import { BlrRun, frameAt, type RunResult } from '../engine/run';
import { parseRunSpec, SpecError } from '../engine/spec';

const USAGE = 'usage: npm run blr -- [--posterior [--view X0,X1,Y0,Y1]] SPEC.json   (or - to read the spec from standard input)\n';

function usage(): never {
  process.stderr.write(USAGE);
  process.exit(2);
}

function fail(message: string): never {
  process.stderr.write(`blr: ${message}\n`);
  process.exit(2);
}

function parseView(text: string | undefined): [number, number, number, number] {
  const parts = (text ?? '').split(',').map((t) => (t.trim() === '' ? NaN : Number(t)));
  if (parts.length !== 4 || !parts.every(Number.isFinite) || !(parts[0] < parts[1] && parts[2] < parts[3])) {
    fail(`--view must be four finite numbers X0,X1,Y0,Y1 with X0 < X1 and Y0 < Y1 (got ${JSON.stringify(text ?? '')})`);
  }
  return parts as [number, number, number, number];
}

async function main(argv: string[]): Promise<void> {
  let posterior = false;
  let view: [number, number, number, number] | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') usage();
    else if (a === '--posterior') posterior = true;
    else if (a === '--view') view = parseView(argv[++i]);
    else if (a.startsWith('--view=')) view = parseView(a.slice(7));
    else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE.trimEnd()}`);
    else rest.push(a);
  }
  if (rest.length !== 1) usage();
  if (view && !posterior) fail('--view needs --posterior (it is the window the exact posterior is normalised on)');
  const source = rest[0];
  let text: string;
  try {
    text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8');
  } catch (e) {
    fail(`cannot read ${source === '-' ? 'standard input' : source}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`${source === '-' ? 'standard input' : source} is not valid JSON: ${(e as Error).message}`);
  }
  let spec: ReturnType<typeof parseRunSpec>;
  try {
    spec = parseRunSpec(raw);
  } catch (e) {
    if (e instanceof SpecError) fail(`invalid RunSpec:\n  ${e.issues.map((i) => `${i.path}: ${i.message}`).join('\n  ')}`);
    throw e;
  }
  let loss: Awaited<ReturnType<typeof prepareLoss>>;
  try {
    loss = await prepareLoss(spec.loss);
  } catch (e) {
    // A custom formula that does not parse is a bad spec too.
    fail((e as Error).message);
  }
  const r = new BlrRun(spec, loss);
  r.advance();
  const frames = Array.from({ length: r.count }, (_, i) => frameAt(r.frames, i, r.stride, spec.family));
  const doc: Omit<RunResult, 'divergence'> & { posterior?: ReturnType<typeof posteriorReport> } = {
    status: r.status === 'running' ? 'ok' : r.status,
    spec,
    frames,
    final: frames.at(-1) ?? null,
  };
  if (r.message) doc.message = r.message;
  if (posterior) doc.posterior = posteriorReport(spec, loss, r.frames, r.count, r.stride, view);
  process.stdout.write(`${JSON.stringify(doc)}\n`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`blr: internal error: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
