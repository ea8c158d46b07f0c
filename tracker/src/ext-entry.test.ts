// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

const w = window as unknown as { tells?: { x?: unknown } };
afterEach(() => delete w.tells);

describe('ext.js', () => {
  it('registers its parts with the core', async () => {
    const x = vi.fn();
    w.tells = { x };
    vi.resetModules();
    await import('./ext-entry.ts');
    expect(x).toHaveBeenCalledOnce();
    const parts = x.mock.calls[0]![0];
    for (const k of ['ft', 'watch', 'take', 'fields', 'profile']) expect(typeof parts[k]).toBe('function');
  });

  it('loads quietly without a core', async () => {
    vi.resetModules();
    await expect(import('./ext-entry.ts')).resolves.toBeDefined();
  });
});
