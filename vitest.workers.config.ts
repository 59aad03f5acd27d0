import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// The Workers tests: src/worker.ts inside workerd (from the workerd npm package, nothing
// downloaded), with the D1 binding and vars of wrangler.toml, and D1's migrations from
// migrations/d1 applied by the test itself. Run by `npm run test:workers` (and .ci/run).
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: './src/worker.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('migrations/d1'),
          ADMIN_PASSWORD: 'worker-admin-2026',
          WECHAT_TOKEN: 'czeco2026',
          // the outbox runs; WeChat's API is not reachable from a test, so sends fail and retry
          WECHAT_APPID: 'wx134c8103faa5a59e',
          WECHAT_APPSECRET: 'test-secret',
          WECHAT_API_BASE: 'http://127.0.0.1:9/',
          LOG_LEVEL: 'warn',
        },
      },
    })),
  ],
  test: {
    include: ['tests/workers/**/*.test.ts'],
    testTimeout: 30_000,
  },
})
