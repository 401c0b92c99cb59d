// Per-test fixtures: open a fresh one before each test, close it after, and hand tests a stand-in for it.
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

/**
 * "test": a fresh fixture for every test (the default). "describe": one for the enclosing describe block,
 * only for blocks whose tests cannot change what the others see (say why in a comment where it is used).
 */
export type FreshScope = "test" | "describe";

/**
 * Registers the hooks and returns an object that always stands for the current fixture, so test bodies
 * keep reading `h.say(...)` while each test gets its own `h`. Touching it outside a test throws.
 */
export function useFresh<T extends { close(): Promise<void> }>(
  open: () => Promise<T>,
  scope: FreshScope = "test",
): T {
  let current: T | undefined;
  const [before, after] = scope === "test" ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    current = await open();
  });
  after(async () => {
    const closing = current;
    current = undefined;
    await closing?.close();
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!current) throw new Error(`no fixture open here (reading ${String(key)}): use it inside a test`);
      return Reflect.get(current, key);
    },
  });
}
