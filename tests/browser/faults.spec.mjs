/**
 * Engine faults a reader can meet (issue 10): workers that die without an error event, a
 * message that cannot be sent, a page that may not start workers at all. The figure must say
 * what happened, recover where it can, and the page must stay alive (the runner fails a test on
 * any uncaught page error or console error).
 */
import { figure, step } from './helpers.mjs';

/** Keeps every Worker the page creates in window.__engineWorkers (the test's handle on them). */
const recordWorkers = () => {
  window.__engineWorkers = [];
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(...args) {
      super(...args);
      window.__engineWorkers.push(this);
    }
  };
};

const workerMessage = (fig) => fig.locator('.engine-message[data-message="worker"]').textContent().catch(() => null);
const frames = async (fig) => Number(await fig.getAttribute('data-frames-received'));

async function playUntil(fig, poll, atLeast, what) {
  await fig.getByRole('button', { name: 'Play', exact: true }).click();
  await poll(async () => (await step(fig)) >= atLeast, { timeout: 20_000, message: async () => `${what} (step ${await step(fig)}, status ${await fig.getAttribute('data-status')})` });
}

export default [
  {
    name: 'natural-gradients: every engine worker terminated without an error event: the figure says so and plays on, Reset + Play works, paths-rosen plays',
    // The liveness limit is 10 s (pool.ts LIVENESS_MS), checked every 2.5 s; each figure may wait one limit.
    timeout: 150_000,
    async run({ page, poll }) {
      await page.addInitScript(recordWorkers);
      await page.goto('./?ch=natural-gradients');
      const quad = await figure(page, 'paths-quad', poll);
      await playUntil(quad, poll, 3, 'paths-quad does not play');
      const killed = await page.evaluate(() => {
        for (const w of window.__engineWorkers) w.terminate(); // no error event: a silent death
        return window.__engineWorkers.length;
      });
      if (!killed) throw new Error('the page made no workers to terminate');
      const t0 = Date.now();
      const before = await frames(quad);
      const message = await poll(async () => {
        const m = await workerMessage(quad);
        return m && /stopped answering and was replaced/.test(m) ? m : null;
      }, { timeout: 60_000, message: async () => `paths-quad never said its worker stopped (status ${await quad.getAttribute('data-status')}, message ${await workerMessage(quad)})` });
      const detected = Date.now() - t0;
      // It keeps playing: new frames arrive from the replacement worker.
      await poll(async () => (await frames(quad)) > before + 3, { timeout: 30_000, message: 'paths-quad receives no frames after its worker was replaced' });
      console.log(`    ${killed} worker(s) terminated; the figure said "${message.slice(0, 48)}…" after ${detected} ms`);
      // Reset + Play works.
      const playing = (await quad.getAttribute('data-status')) === 'running';
      if (playing) await quad.getByRole('button', { name: 'Pause', exact: true }).click();
      await quad.getByRole('button', { name: 'Reset', exact: true }).click();
      await poll(async () => (await step(quad)) === 0, { timeout: 20_000, message: 'Reset did not go back to step 0' });
      await playUntil(quad, poll, 3, 'paths-quad does not play after Reset');
      // The next figure plays (its surface and runs may first wait out one liveness limit).
      const rosen = await figure(page, 'paths-rosen', poll);
      await rosen.getByRole('button', { name: 'Play', exact: true }).click();
      await poll(async () => (await step(rosen)) >= 3, { timeout: 60_000, message: async () => `paths-rosen does not play (step ${await step(rosen)}, ${await workerMessage(rosen)})` });
    },
  },
  {
    name: 'a message the worker cannot be sent (DataCloneError): no page error, the figure leaves "running" and says so; Reset then plays',
    timeout: 60_000,
    async run({ page, poll }) {
      await page.addInitScript(() => {
        const post = Worker.prototype.postMessage;
        window.__poison = false;
        Worker.prototype.postMessage = function (msg, ...rest) {
          if (window.__poison && msg?.kind === 'start') throw new DOMException('could not be cloned', 'DataCloneError');
          return post.call(this, msg, ...rest);
        };
      });
      await page.goto('./?ch=from-loss-to-distribution');
      const wall = await figure(page, 'wall', poll);
      await playUntil(wall, poll, 2, 'wall does not play');
      await page.evaluate(() => (window.__poison = true));
      await wall.getByRole('button', { name: 'Reset', exact: true }).click();
      await poll(async () => (await wall.getAttribute('data-status')) === 'error', { timeout: 20_000, message: async () => `the figure is "${await wall.getAttribute('data-status')}", not "error"` });
      const text = await wall.locator('.engine-message').allTextContents();
      if (!text.some((t) => /could not be sent to the engine worker/.test(t))) throw new Error(`no message about the failed send: ${text.join(' | ')}`);
      await page.evaluate(() => (window.__poison = false));
      await wall.getByRole('button', { name: 'Reset', exact: true }).click();
      await playUntil(wall, poll, 2, 'wall does not play after the failed send');
    },
  },
  {
    name: 'a page where new Worker throws: the figures say they run on the page itself, and play',
    timeout: 60_000,
    async run({ page, poll }) {
      await page.addInitScript(() => {
        window.Worker = class {
          constructor() {
            throw new DOMException('workers are not allowed here', 'SecurityError');
          }
        };
      });
      await page.goto('./?ch=from-loss-to-distribution');
      const wall = await figure(page, 'wall', poll);
      await poll(async () => /runs? on the page itself/.test((await workerMessage(wall)) ?? ''), { timeout: 20_000, message: async () => `no message about running on the page: ${await workerMessage(wall)}` });
      await playUntil(wall, poll, 3, 'wall does not play on the page itself');
    },
  },
];
