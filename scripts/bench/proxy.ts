// Experiment only: a loopback reverse proxy in front of the reference backend that can gzip the built assets,
// as a CDN or a compressing server would, so slow-4G loads can be compared with and without compression.
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';

export interface Proxy {
  origin: string;
  close(): Promise<void>;
}

export function startProxy(targetPort: number, options: { gzipAssets: boolean }): Promise<Proxy> {
  const compressed = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const upstream = request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const gzip =
          options.gzipAssets &&
          answer.statusCode === 200 &&
          req.url?.startsWith('/assets/') &&
          /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        if (!gzip) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const path = req.url!;
          let body = compressed.get(path);
          if (!body) compressed.set(path, (body = gzipSync(Buffer.concat(chunks), { level: 9 })));
          const headers: IncomingHttpHeaders = {
            ...answer.headers,
            'content-encoding': 'gzip',
            vary: 'Accept-Encoding',
          };
          headers['content-length'] = String(body.length);
          res.writeHead(200, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
