import assert from 'node:assert/strict';

/** Waits (up to 5 s) until `ready` answers true; fails the test otherwise. */
export async function settled(ready: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 500; tries += 1) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail('never happened');
}
