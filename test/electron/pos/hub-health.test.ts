import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../common/logger.js';
import { HubHealth, type HubState } from '../../../electron/pos/hub-health.js';
import { startStack, type Stack } from '../../support/stack.js';
import { tillSettings } from '../../support/till-settings.js';

// The till's word on its hub: a call cut off mid-answer makes it look again at once, so the status bar does not say
// "Connected" about a hub that has just gone (the periodic check is not started here: only the cut call can tell).

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.close();
});

function healthOf(hubUrl: string): { health: HubHealth; changed: Promise<HubState>; next(): Promise<HubState> } {
  let notify: (state: HubState) => void = () => undefined;
  const health: HubHealth = new HubHealth({
    settings: () => tillSettings(hubUrl), now: Date.now, logger: createLogger({ level: 'silent' }),
    onChange: () => notify(health.state),
  });
  const next = () => new Promise<HubState>((resolve) => (notify = resolve));
  return { health, changed: next(), next };
}

describe('hub health', () => {
  it('checks at once after a call to the hub is cut off, and finds the stopped hub unreachable', async () => {
    const { health, changed, next } = healthOf(stack.hub.url);
    await health.check();
    expect(await changed).toBe('connected');

    await stack.stopHub();
    const after = next();
    health.observe({ kind: 'broken', code: 'ECONNRESET' });
    expect(await after).toBe('unreachable');
    health.close();
    await stack.startHub();
  });

  it('a call that could not be sent means unreachable, any answer means connected', async () => {
    const { health, changed, next } = healthOf(stack.hub.url);
    health.observe({ kind: 'not-sent', code: 'ECONNREFUSED' });
    expect(await changed).toBe('unreachable');
    const after = next();
    health.observe({ kind: 'response', status: 400, body: {}, text: '{}' });
    expect(await after).toBe('connected');
    health.close();
  });
});
