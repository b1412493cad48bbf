// The web application's build: everything bundled, nothing from a CDN (it runs on intranets without internet).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig(({ command }) => {
  // a build is always the production one, whoever asks for it: the tests build under NODE_ENV=test, and the server
  // then served React's development runtime to users
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: 'web',
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
    server: { proxy: { '/api': 'http://localhost:3000' } },
  };
});
