import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Chunking: the login page must stay small, so every route is lazy (React.lazy) and the big
 * libraries get their own chunks:
 * - `react`: react, react-dom, scheduler, react-router (every page);
 * - `antd`: the part of antd (and its rc-* / cssinjs helpers) the entry itself needs
 *   (ConfigProvider, App, Button, Spin); the entry files import those by deep path
 *   (`antd/es/button`), because a module reachable through the `antd` barrel from the entry is
 *   placed in the entry's chunks even when only a lazy page uses it;
 * - `antd-pages`: the rest of antd, split by the set of pages that use it (entriesAware), so the
 *   login page does not download Table, DatePicker and friends;
 * - `pro-components`: ProLayout / ProTable, used only behind the login;
 * - `zxcvbn`: the password dictionaries (several MB), fetched only by the password forms.
 */
const nm = (pattern: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${pattern})[\\\\/]`);

const antdLike = nm(
  [
    'antd',
    'rc-[a-z-]+',
    '@rc-component',
    '@ant-design[\\\\/](?!pro-)[a-z-]+',
    '@babel[\\\\/]runtime',
    'classnames',
    'dayjs',
    '@emotion',
    'stylis',
    'resize-observer-polyfill',
    'throttle-debounce',
    'compute-scroll-into-view',
    'scroll-into-view-if-needed',
    'json2mq',
    'copy-to-clipboard',
    'toggle-selection',
    'string-convert',
    'react-is',
  ].join('|'),
);

/** Where `vite` (dev) and `vite preview` send /api; the server's default port unless told. */
const apiTarget = process.env.API_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // `@ant-design/icons/XxxOutlined` (typed, one icon) is CommonJS at that path; use the ES build.
      { find: /^@ant-design\/icons\/(\w+)$/, replacement: '@ant-design/icons/es/icons/$1' },
    ],
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The zxcvbn dictionaries (~1.6 MB, loaded only by password forms) are the one big chunk.
    chunkSizeWarningLimit: 1700,
    rolldownOptions: {
      treeshake: {
        // packages/shared is pure (no I/O, no global side effects) but has no package.json
        // "sideEffects" field; without this the zod schemas ride along with every helper.
        moduleSideEffects: (id) => (/[\\/]packages[\\/]shared[\\/]src[\\/]/.test(id) ? false : undefined),
      },
      output: {
        // entriesAware chunks are named after every page that shares them; keep file names short.
        chunkFileNames: (chunk) =>
          chunk.name.startsWith('antd-pages') ? 'assets/antd-pages-[hash].js' : 'assets/[name]-[hash].js',
        codeSplitting: {
          groups: [
            { name: 'zxcvbn', test: nm('@zxcvbn-ts'), priority: 40 },
            { name: 'react', test: nm('react|react-dom|scheduler|react-router|cookie|set-cookie-parser'), priority: 30 },
            // What the entry itself needs of antd (ConfigProvider, App, Button, Spin): one chunk.
            { name: 'antd', test: antdLike, tags: ['$initial'], priority: 26 },
            // The rest of antd, split by the sets of pages that use it.
            { name: 'antd-pages', test: antdLike, priority: 25, entriesAware: true, entriesAwareMergeThreshold: 20_000 },
            {
              name: 'pro-components',
              test: nm('@ant-design[\\\\/]pro-[a-z-]+|@umijs|@ant-design[\\\\/]react-slick|swr|path-to-regexp|safe-stable-stringify'),
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
