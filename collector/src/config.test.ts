import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseConfigText } from './config.ts';
import { configJsonSchema } from './config-schema.ts';

const good = { sites: [{ id: 'demo', origins: ['https://www.example.com'] }] };

describe('config', () => {
  it('accepts a minimal config and fills defaults', () => {
    expect(parseConfig(good).webhooks).toEqual([]);
  });

  it('accepts the shipped tells.config.json', () => {
    expect(() => parseConfigText(readFileSync('tells.config.json', 'utf8'))).not.toThrow();
  });

  it.each([
    ['sites', {}],
    ['sites[0].origins[0]', { sites: [{ id: 'demo', origins: ['https://example.com/path'] }] }],
    ['sites[0].id', { sites: [{ id: 'has space', origins: ['https://example.com'] }] }],
    ['sites[1].id', { sites: [good.sites[0], good.sites[0]] }],
    ['webhooks[0].secret', { ...good, webhooks: [{ url: 'https://hooks.example/x', secret: 'short' }] }],
    ['webhooks[0].url', { ...good, webhooks: [{ url: 'ftp://hooks.example/x', secret: 'x'.repeat(16) }] }],
    ['(root)', { ...good, typo: true }],
  ])('names %s when it is wrong', (path, input) => {
    expect(() => parseConfig(input, 'tells.config.json')).toThrow(ConfigError);
    expect(() => parseConfig(input, 'tells.config.json')).toThrow(`  ${path}: `);
  });

  it('reports bad JSON as a ConfigError', () => {
    expect(() => parseConfigText('{ "sites": [', 'x.json')).toThrow(/x.json is not valid JSON/);
  });

  it('ships a JSON Schema that matches the zod schema (run npm run config:schema)', () => {
    expect(readFileSync('tells.config.schema.json', 'utf8')).toBe(configJsonSchema());
  });
});
