// A client of Kong's hmac-auth, written from Kong's documentation with Node's own crypto. Its argument describes a
// request: {username, secret, algorithm, method, target, headers: {name: value}, sign: [names or "request-line"],
// body (optional)}. It prints {"authorization", "digest"}: the Authorization header and, for a body, the Digest
// header (SHA-256=…, then signable as "digest").
import { createHash, createHmac } from 'node:crypto';

const request = JSON.parse(process.argv[2]);
const headers = { ...request.headers };
if (request.body !== undefined) {
  headers.digest = `SHA-256=${createHash('sha256').update(request.body).digest('base64')}`;
}
const lines = request.sign.map((name) => name === 'request-line'
  ? `${request.method} ${request.target} HTTP/1.1`
  : `${name}: ${headers[name]}`);
const signature = createHmac(request.algorithm.replace('hmac-', ''), request.secret)
  .update(lines.join('\n')).digest('base64');
process.stdout.write(JSON.stringify({
  authorization: `hmac username="${request.username}", algorithm="${request.algorithm}", `
    + `headers="${request.sign.join(' ')}", signature="${signature}"`,
  digest: headers.digest,
}));
