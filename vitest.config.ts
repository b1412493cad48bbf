import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    // a page under CI's load may take seconds to show what it will show: polls wait for it rather than fail
    expect: { poll: { timeout: 15_000 } },
  },
});
