// The baseline of the server benchmark: node:http alone, reading the JSON body and answering a small JSON.
import { createServer } from 'node:http';

const answer = JSON.stringify({ valid: true, userId: 1, expiresAt: '2030-01-01T00:00:00.000Z' });
const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(answer);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
