/**
 * A tiny static file server for a built dist/, on 127.0.0.1 and a free port,
 * optionally under a base path ("/kho-tin/"), behaving like a static host:
 * "/x/" serves "x/index.html", unknown paths get 404.html with status 404.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  /** origin + base path, ending in "/". */
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, basePath = '/'): Promise<StaticServer> {
  const base = basePath.endsWith('/') ? basePath : basePath + '/';
  const server: Server = createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send404 = async () => {
      const body = await readFile(path.join(root, '404.html')).catch(() => Buffer.from('Not found'));
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(body);
    };
    if (!urlPath.startsWith(base)) return send404();
    let file = path.join(root, urlPath.slice(base.length));
    if (!file.startsWith(path.resolve(root))) return send404();
    try {
      const s = await stat(file);
      if (s.isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      return send404();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + base,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
