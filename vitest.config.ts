import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    // the key the tests' sealed fields are written under (services/field-cipher.ts): one for every test process and
    // every command they start, so that none writes a key file into the working tree
    env: { ZG_FIELD_KEY: 'a1:000102030405060708090a0b0c0d0e0f' },
    // a page under CI's load may take seconds to show what it will show: polls wait for it rather than fail
    expect: { poll: { timeout: 15_000 } },
  },
});
