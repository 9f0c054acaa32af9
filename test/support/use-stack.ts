import { afterAll, afterEach, beforeAll } from 'vitest';
import { startStack, type Stack } from './stack.js';
import type { HubConfigOverrides } from './stack-config.js';

/**
 * One real hub and demo partner for a test file: started before its tests and closed after them. After each test,
 * `cleanUp` runs first (closing what the test opened, which may still talk to the hub), then the partner is reset.
 */
export function useStack(
  started: (stack: Stack) => void, cleanUp: () => Promise<void> | void = () => undefined, overrides?: HubConfigOverrides,
): void {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(overrides);
    started(stack);
  });
  afterAll(async () => {
    await stack?.close();
  });
  afterEach(async () => {
    await cleanUp();
    stack?.partner.reset();
  });
}
