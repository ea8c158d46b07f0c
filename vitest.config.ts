import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '**/dist/**', '.wrangler/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
