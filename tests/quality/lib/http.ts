/**
 * Plain HTTP(S) GETs that show what the server sent: headers as they are, the body undecoded.
 * HTTPS is verified against the test nginx's own certificate (scripts/lib/nginx.ts).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { testCertificate } from '../../../scripts/lib/nginx.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const answer = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) flat[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    };
    const req = url.startsWith('https:') ? httpsRequest(url, { headers, ca: testCertificate().pem }, answer) : httpRequest(url, { headers }, answer);
    req.on('error', reject);
    req.end();
  });
}
