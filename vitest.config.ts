import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The tracker's own files by their plain names; tracker/build.ts gives them versioned ones.
  define: { TELLS_EXT_JS: JSON.stringify('ext.js'), TELLS_VITALS_JS: JSON.stringify('vitals.js') },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '**/dist/**', '.wrangler/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
