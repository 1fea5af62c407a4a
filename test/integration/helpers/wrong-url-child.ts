/**
 * Child process of wrong-url.test.ts: connects to each URL it is given (and
 * reads through a resetting proxy), prints one JSON line per case, then
 * stays up for `aliveMs` and prints "alive". An unhandled 'error' event on
 * an HTTP/2 session would kill it before that line.
 */
import { MosaicoClient } from "../../../src/node/index.js";

interface Case {
  name: string;
  url: string;
  protocol: "grpc" | "grpc-web";
  enableTls?: boolean;
  /** Read this topic after connecting (the reset-mid-call case). */
  readTopic?: string;
}

const { cases, aliveMs } = JSON.parse(process.argv[2]!) as { cases: Case[]; aliveMs: number };

async function run(c: Case): Promise<{ code?: number; message?: string; rows?: number }> {
  let rows = 0;
  try {
    const client = await MosaicoClient.connect({ url: c.url, protocol: c.protocol, enableTls: c.enableTls, timeoutMs: 3000 });
    try {
      if (c.readTopic) {
        const reader = await client.topicReader(c.readTopic, { timeoutMs: 5000 });
        for await (const batch of reader) rows += batch.numRows;
      }
    } finally {
      await client.close();
    }
    return { rows };
  } catch (reason) {
    const error = reason as { code?: number; message?: string };
    return { code: error.code, message: error.message, rows };
  }
}

for (const c of cases) console.log(JSON.stringify({ name: c.name, ...(await run(c)) }));
setTimeout(() => console.log("alive"), aliveMs);
