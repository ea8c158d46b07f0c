/** `npm run config:schema`: writes tells.config.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../collector/src/config-schema.ts';

writeFileSync('tells.config.schema.json', configJsonSchema());
console.log('wrote tells.config.schema.json');
