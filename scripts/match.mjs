// Compares a rendered post image with a posted one and prints one JSON line:
//   npm run match -- generated.png posted.jpg
//   {"score":0.97,"match":true,"parts":{...}}
// Node 20 cannot run TypeScript, so the check (src/verify/image-*.ts) is bundled on the fly with
// esbuild and decoded with photon's Node build: the same code the Worker runs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const REPO = fileURLToPath(new URL('..', import.meta.url));

// The Worker imports photon's workerd build, which loads its wasm as a module; Node needs the
// Node build. Pointing the import at an absolute file URL keeps photon out of the bundle, so it
// finds its own wasm file.
const photonForNode = {
  name: 'photon-for-node',
  setup(build) {
    build.onResolve({ filter: /^@cf-wasm\/photon\/workerd$/ }, () => {
      const require = createRequire(`${REPO}package.json`);
      const path = pathToFileURL(require.resolve('@cf-wasm/photon/node')).href;
      return { path, external: true };
    });
  },
};

/**
 * Bundles the given repository modules (paths from the repository root) into one ES module for
 * Node, in memory, and imports it. `plugins` are added to the one that swaps photon's build.
 */
export async function importForNode(modules, plugins = []) {
  const result = await build({
    stdin: {
      contents: modules.map((path) => `export * from './${path}';`).join('\n'),
      resolveDir: REPO,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [photonForNode, ...plugins],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** The image check and its decoder, bundled for Node. */
export function loadMatcher() {
  return importForNode(['src/verify/image-match.ts', 'src/verify/image-decode.ts']);
}

/** Reads and decodes an image file the way the Worker does, or throws with the file's name. */
export function decodeFile(matcher, path) {
  const decoded = matcher.decodeImage(new Uint8Array(readFileSync(path)));
  if (!decoded.ok) throw new Error(`${path}: ${decoded.message}`);
  return decoded.value;
}

function round(value) {
  return Math.round(value * 1000) / 1000;
}

/** The result with every number cut to three decimals, for people to read. */
export function rounded(result) {
  const parts = Object.fromEntries(Object.entries(result.parts).map(([k, v]) => [k, round(v)]));
  return { score: round(result.score), match: result.match, parts };
}

async function main() {
  const [generated, posted] = process.argv.slice(2);
  if (!generated || !posted) {
    process.stderr.write('usage: npm run match -- generated.png posted.jpg\n');
    process.exit(2);
  }

  const matcher = await loadMatcher();
  const result = matcher.matchImages(decodeFile(matcher, generated), decodeFile(matcher, posted));
  process.stdout.write(`${JSON.stringify(rounded(result))}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
