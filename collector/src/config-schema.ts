/** The JSON Schema of tells.config.json, generated from the zod schema so the two never drift. */
import { z } from 'zod';
import { configSchema } from './config.ts';

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ title: 'tells.config.json', ...schema }, null, 2)}\n`;
}
