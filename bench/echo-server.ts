import express from 'express';

// The baseline: a bare Express server that parses the same JSON bodies and echoes them.

const port = Number(process.argv[2] ?? 0);
const app = express();
app.use(express.json({ limit: '1mb' }));
app.get('/health', (_req, res) => res.json({ status: 'ok' }));
app.post('/{*path}', (req, res) => res.status(201).json(req.body));
const server = app.listen(port, '127.0.0.1');
server.keepAliveTimeout = 65_000;
