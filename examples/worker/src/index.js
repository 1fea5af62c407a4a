// A Cloudflare Worker (module syntax) in front of Mosaico: it answers
// read-only queries as JSON, so the API key stays in the Worker.
//
//   GET /sequences                          -> { sequences: [name, …] }
//   GET /query?sequence=drive_*&tag=imu     -> { query, results: [{ sequence, topics: [{ locator, rows }] }] }
//
// Bindings: MOSAICO_URL (var), MOSAICO_API_KEY (secret, optional). Workers
// get the package's web entry (wrangler bundles with the workerd/worker/browser
// conditions): gRPC-Web over fetch.
import { Code, MosaicoClient, MosaicoError, Query, codeName } from "mosaico-web";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    try {
      // #region fetch
      // One client per request: workerd binds I/O to the request that made it.
      // `await using` works in any Worker: wrangler's bundler (esbuild) lowers it to a close() call.
      await using client = await MosaicoClient.connect({ url: env.MOSAICO_URL, apiKey: env.MOSAICO_API_KEY, timeoutMs: 10_000 });
      if (url.pathname === "/sequences") return json({ sequences: await client.listSequences() });
      if (url.pathname === "/query") {
        const glob = url.searchParams.get("sequence") ?? "*";
        const tag = url.searchParams.get("tag");
        const parts = [Query.sequence().name.match(glob), ...(tag ? [Query.topic().ontologyTag.eq(tag)] : [])];
        const results = await client.query(parts);
        for (const item of results) {
          for (const topic of item.topics) topic.rows = (await client.topicInfo(topic.locator)).dataInfo?.rowCount;
        }
        return json({ query: { sequence: glob, tag }, results });
      }
      // #endregion
      return json({ error: { code: "NOT_FOUND", message: "try /sequences or /query?sequence=<glob>&tag=<ontology tag>" } }, 404);
    } catch (reason) {
      const error = MosaicoError.from(reason);
      return json({ error: { code: codeName(error.code), message: error.message } }, httpStatus(error.code));
    }
  },
};

/** JSON with 64-bit integers (row counts, nanosecond times) as strings. */
function json(body, status = 200) {
  const text = JSON.stringify(body, (_key, value) => (typeof value === "bigint" ? String(value) : value));
  return new Response(text, { status, headers: { "content-type": "application/json" } });
}

function httpStatus(code) {
  if (code === Code.InvalidArgument) return 400;
  if (code === Code.Unauthenticated) return 401;
  if (code === Code.PermissionDenied) return 403;
  if (code === Code.NotFound) return 404;
  return 502;
}
