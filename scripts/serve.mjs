#!/usr/bin/env node
// Serves the built app (dist/) as any static host would: no dev server, no rebuilding, nothing
// fetched from elsewhere. `npm run serve` builds and then runs this; for a talk laptop.
//
//   node scripts/serve.mjs [--port N] [--host ADDR] [--base /sub/path/] [--dir DIR]
//
// --port  default 4173 (0 picks a free one); --host default 127.0.0.1 (0.0.0.0 to share it on
// the room's network); --base serves the app under a sub-path, as a project page or a lab's web
// space would (default /); --dir the folder to serve (default dist/ beside this script).
// It prints the app's URL once it listens.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

function parseArgs(argv) {
  const options = {
    port: 4173,
    host: '127.0.0.1',
    base: '/',
    dir: join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === '--port') options.port = Number(value());
    else if (name === '--host') options.host = value();
    else if (name === '--base') options.base = value();
    else if (name === '--dir') options.dir = value();
    else if (name === '--help' || name === '-h') {
      console.log(
        'Usage: node scripts/serve.mjs [--port N] [--host ADDR] [--base /path/] [--dir DIR]',
      );
      process.exit(0);
    } else {
      console.error(`serve: unknown argument '${argv[i]}' (see --help)`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    console.error('serve: --port takes a port number (0 for any free one)');
    process.exit(2);
  }
  if (typeof options.base !== 'string' || !options.base.startsWith('/')) {
    console.error(`serve: --base must start with '/', got '${options.base}'`);
    process.exit(2);
  }
  if (!options.base.endsWith('/')) options.base += '/';
  options.dir = resolve(options.dir);
  return options;
}

const options = parseArgs(process.argv.slice(2));
if (!existsSync(join(options.dir, 'index.html'))) {
  console.error(`serve: ${options.dir} has no index.html; run "npm run build" first`);
  process.exit(1);
}

const server = createServer((request, response) => {
  const send = (status, text) => {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(request.method === 'HEAD' ? undefined : text);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'GET only\n');
  let path;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
  } catch {
    return send(400, 'bad path\n');
  }
  // The sub-path without its slash redirects to it, so that relative asset paths resolve.
  if (path === options.base.slice(0, -1) && path !== '') {
    response.writeHead(301, { Location: options.base });
    return response.end();
  }
  if (!path.startsWith(options.base))
    return send(404, `not found: the app is at ${options.base}\n`);
  let file = normalize(join(options.dir, path.slice(options.base.length)));
  if (file !== options.dir && !file.startsWith(options.dir + sep)) return send(404, 'not found\n');
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile()) return send(404, 'not found\n');
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-cache',
  });
  if (request.method === 'HEAD') return response.end();
  createReadStream(file).pipe(response);
});

server.listen(options.port, options.host, () => {
  const { port } = server.address();
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const shown = host === '0.0.0.0' || host === '[::]' ? 'localhost' : host;
  console.log(`Saddle & Stride: http://${shown}:${port}${options.base}  (Ctrl-C stops it)`);
});

// A browser keeps its connections open; stop at once rather than wait for them.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
