import http from 'node:http';

// A keep-alive JSON client for the load driver; the same code drives the hub and the echo baseline.

export interface Reply {
  status: number;
  body: any;
}

export function createClient(maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 4000 });
  return (url: string, body: unknown, auth: string): Promise<Reply> => new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const request = http.request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': payload.length, authorization: auth },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}
