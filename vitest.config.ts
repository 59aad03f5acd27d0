import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    // the Workers tests run inside workerd: vitest.workers.config.ts, `npm run test:workers`
    exclude: [...configDefaults.exclude, 'tests/workers/**'],
    testTimeout: 20_000,
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
})
