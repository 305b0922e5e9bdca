/**
 * The HTTP ceiling of this machine: a bare Fastify server (no hooks, no database) whose routes return
 * JSON of the same size as the app's answers. BENCH_PAYLOADS names a JSON file { "/route": body, … };
 * each body is serialised on every request, as the app does. Started by bench/run.ts as a child
 * process, like the app, on PORT.
 */
import fs from 'node:fs';
import Fastify from 'fastify';

const payloads = JSON.parse(fs.readFileSync(process.env.BENCH_PAYLOADS!, 'utf8')) as Record<string, unknown>;
const app = Fastify({ logger: false });
for (const [route, body] of Object.entries(payloads)) app.get(route, async () => body);
app.get('/api/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
