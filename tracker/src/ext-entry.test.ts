// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://site.example/a", "settings": { "handleDisabledFileLoadingAsSuccess": true } }
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core, install as Install } from './ext-entry.ts';

const w = window as unknown as { tells?: { x?: unknown; v?: unknown } };
afterEach(() => delete w.tells);

/** Loads ext.js into a page whose core takes what it gives. */
async function plugIn() {
  const x = vi.fn();
  w.tells = { x };
  vi.resetModules();
  await import('./ext-entry.ts');
  expect(x).toHaveBeenCalledOnce();
  return x.mock.calls[0]![0] as typeof Install;
}
const core = (over: Partial<Core> = {}) => ({
  guard: (f) => f as never,
  emit: vi.fn(),
  url: () => location.href,
  pageview: vi.fn(),
  page: () => 'https://site.example/a',
  start: Date.now(),
  hash: false,
  priv: false,
  load: vi.fn(),
  ...over,
}) as Core & { emit: ReturnType<typeof vi.fn>; pageview: ReturnType<typeof vi.fn>; load: ReturnType<typeof vi.fn> };

describe('ext.js', () => {
  it('plugs into the core and gives back its parts', async () => {
    const install = await plugIn();
    const c = core();
    const ext = install(c);
    for (const k of ['ft', 'fields', 'call', 'leave'] as const) expect(typeof ext[k]).toBe('function');
    // Web vitals report through the core, and load once there is somewhere to report.
    expect(typeof w.tells!.v).toBe('function');
    expect(c.load).toHaveBeenCalledWith('vitals.js');
  });

  it('counts an SPA route change made before it arrived', async () => {
    history.replaceState(null, '', '/b');
    const c = core();
    (await plugIn())(c);
    expect(c.pageview).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r));
    expect(c.pageview).toHaveBeenCalledWith('', 'https://site.example/b');
    history.replaceState(null, '', '/a');
  });

  it('sends identify with the allow-listed fields only, nothing without any, and nothing in privacy mode', async () => {
    const c = core();
    const ext = (await plugIn())(c);
    ext.call('identify', { email: 'ada@acme.io', plan: 'x' });
    ext.call('identify', { plan: 'x' });
    ext.call('identify', 'ada@acme.io');
    expect(c.emit).toHaveBeenCalledOnce();
    expect(c.emit).toHaveBeenCalledWith('identify', { props: { email: 'ada@acme.io' } });
    const p = core({ priv: true });
    (await plugIn())(p).call('identify', { email: 'ada@acme.io' });
    expect(p.emit).not.toHaveBeenCalled();
  });

  it('sends track with a trimmed name and flat props, and ignores the rest', async () => {
    const c = core();
    const ext = (await plugIn())(c);
    ext.call('track', ' Signup ', { plan: 'pro', nested: { no: 1 } });
    ext.call('track', '   ');
    ext.call('track', 42);
    ext.call('nonsense');
    expect(c.emit).toHaveBeenCalledOnce();
    expect(c.emit).toHaveBeenCalledWith('track', { name: 'Signup', props: { plan: 'pro' } });
  });

  it('loads quietly without a core', async () => {
    vi.resetModules();
    await expect(import('./ext-entry.ts')).resolves.toBeDefined();
  });
});
