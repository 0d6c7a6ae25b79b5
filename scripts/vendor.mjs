// Copies the browser libraries the pages load from node_modules into static/vendor/, so the
// Worker serves them from its own origin (the Content Security Policy allows nothing else).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const target = join(root, 'static', 'vendor');

mkdirSync(target, { recursive: true });
copyFileSync(require.resolve('htmx.org/dist/htmx.min.js'), join(target, 'htmx.min.js'));
