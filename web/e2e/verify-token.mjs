// A relying party nobody here wrote: panva's jose reads the gateway's OpenID discovery document and JWK Set and
// verifies a token with them, as any service that trusts the gateway's logins would.
//   node web/e2e/verify-token.mjs <gateway URL> <token> <audience>
// Prints the verified header and claims as JSON and exits 0, or prints jose's error code and message and exits 1;
// exits 2 when the gateway's discovery document cannot be read.
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [base, token, audience] = process.argv.slice(2);
if (!base || !token || !audience) {
  console.error('usage: node verify-token.mjs <gateway URL> <token> <audience>');
  process.exit(2);
}
const TIMEOUT = 10_000;

let discovery;
try {
  const response = await fetch(new URL('/.well-known/openid-configuration', base), { signal: AbortSignal.timeout(TIMEOUT) });
  if (!response.ok) {
    throw new Error(`answered ${response.status}`);
  }
  discovery = await response.json();
} catch (e) {
  console.error(`the discovery document cannot be read: ${e.cause?.message ?? e.message}`);
  process.exit(2);
}
const keys = createRemoteJWKSet(new URL(discovery.jwks_uri), { timeoutDuration: TIMEOUT });
try {
  const { payload, protectedHeader } = await jwtVerify(token, keys, {
    issuer: discovery.issuer,
    audience,
    algorithms: discovery.id_token_signing_alg_values_supported,
  });
  console.log(JSON.stringify({ header: protectedHeader, claims: payload }));
} catch (e) {
  console.log(`${e.code}: ${e.message}`);
  process.exit(1);
}
