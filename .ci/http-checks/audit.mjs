// graphql-http's GraphQL-over-HTTP audit against a running quotegraph server.
// Usage: node audit.mjs http://127.0.0.1:PORT/graphql
// Prints every audit that did not pass and one line of counts; exits 1 on any error
// (a MUST broken) or warning (a SHOULD broken). Notices (MAYs) are printed, not fatal.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}

const results = await auditServer({ url });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] += 1;
  if (result.status !== 'ok') {
    const status = result.response ? ` (HTTP ${result.response.status})` : '';
    console.log(`${result.status} ${result.id} ${result.name}: ${result.reason}${status}`);
  }
}
console.log(
  `graphql-http audit: ${results.length} audits, ${counts.ok} ok, ` +
    `${counts.error} errors, ${counts.warn} warnings, ${counts.notice} notices`,
);
process.exit(counts.error + counts.warn > 0 ? 1 : 0);
