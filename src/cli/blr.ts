/**
 * Headless BLR: `npm run blr -- SPEC.json` (or `-` for standard input) prints
 * {"status", "spec", "frames", "final", "message"?} as one JSON document.
 * Exit codes: 0 for a finished or diverged run (see "status"), 2 for an invalid spec or file.
 */
import { readFileSync } from 'node:fs';
import { run } from '../engine/run';
import { parseRunSpec, SpecError } from '../engine/spec';

function usage(): never {
  process.stderr.write('usage: npm run blr -- SPEC.json   (or - to read the spec from standard input)\n');
  process.exit(2);
}

function fail(message: string): never {
  process.stderr.write(`blr: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  if (argv.length !== 1 || argv[0] === '--help' || argv[0] === '-h') usage();
  const source = argv[0];
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
  let spec;
  try {
    spec = parseRunSpec(raw);
  } catch (e) {
    if (e instanceof SpecError) fail(`invalid RunSpec:\n  ${e.issues.map((i) => `${i.path}: ${i.message}`).join('\n  ')}`);
    throw e;
  }
  let result;
  try {
    result = await run(spec);
  } catch (e) {
    // A custom formula that does not parse is a bad spec too.
    fail((e as Error).message);
  }
  const { divergence: _omit, ...doc } = result;
  process.stdout.write(`${JSON.stringify(doc)}\n`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`blr: internal error: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
