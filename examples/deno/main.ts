// mosaico-web from Deno, with the package installed by `npm install` into
// node_modules ("nodeModulesDir": "manual" in deno.json; `import "npm:mosaico-web"`
// works too, fetched by Deno itself). Deno resolves npm packages with the
// `node` condition, so this is the package's Node entry: native gRPC over
// Deno's node:http2. Deno runs `await using` natively (so do Node 24+ and tsx).
//
//   MOSAICO_URL=http://127.0.0.1:6726 deno run --allow-net --allow-env=MOSAICO_URL,MOSAICO_API_KEY main.ts
// #region usage
import { MosaicoClient, Code, MosaicoError } from "mosaico-web";

const url = process.env.MOSAICO_URL ?? "http://127.0.0.1:6726";
await using client = await MosaicoClient.connect({ url, apiKey: process.env.MOSAICO_API_KEY });
console.log("server", (await client.version()).version, client.generation);

await client.createSequence("readme_demo", { userMetadata: { vehicle: { id: "veh-7" } } });
const info = await client.sequenceInfo("readme_demo");
console.log(info.name, info.createdAtNs, (await client.listSequences()).length, "sequences");

try { await client.sequenceInfo("no_such_sequence"); }
catch (e) { if (e instanceof MosaicoError && e.code === Code.NotFound) console.log("not found, as expected"); }
await client.deleteSequence("readme_demo");
// #endregion

// Read-only from here: the rows of one topic (MOSAICO_SEQUENCE, or the first sequence with topics).
const names = await client.listSequences();
const wanted = Deno.env.get("MOSAICO_SEQUENCE");
let counted: { locator: string; rows: number } | undefined;
for (const name of wanted ? [wanted] : names) {
  const topic = (await client.sequenceInfo(name)).topics[0];
  if (!topic) continue;
  let rows = 0;
  for await (const batch of await client.topicReader(topic.locator)) rows += batch.numRows;
  counted = { locator: topic.locator, rows };
  break;
}
console.log(JSON.stringify({ example: "deno", deno: Deno.version.deno, protocol: client.protocol, sequences: names.length, ...counted }));
