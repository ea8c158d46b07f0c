import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './collector/src/db/schema.ts',
  out: './collector/migrations',
});
