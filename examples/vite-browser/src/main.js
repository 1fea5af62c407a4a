// mosaico-web in a browser: the web entry of the package (gRPC-Web over
// fetch), bundled by Vite. The server must answer gRPC-Web with CORS: the
// reference server does; a real mosaicod needs a gateway in front (the
// reference server's gateway mode, or Envoy). Browsers hold no API key:
// let the gateway add it (`--upstream-api-key-env`) and forward reads only.
import { MosaicoClient } from "mosaico-web";

const params = new URLSearchParams(location.search);
const server = params.get("server") ?? import.meta.env.VITE_MOSAICO_URL ?? "http://127.0.0.1:6726";
const $ = (selector) => document.querySelector(selector);
$("#server").textContent = server;
addEventListener("error", (event) => fail(event.error ?? event.message));
addEventListener("unhandledrejection", (event) => fail(event.reason));

function fail(error) {
  $("#summary").textContent = `error: ${error}`;
  $("#summary").dataset.status = "error";
}

/** Points of acceleration.x against time since the first sample (timestamp_ns is the recorder's clock). */
const points = [];
function collect(batch) {
  const timestamps = batch.getChild("timestamp_ns");
  const x = batch.getChild("acceleration")?.getChild("x");
  for (let i = 0; i < batch.numRows; i++) {
    const t = timestamps.get(i);
    points.push({ t, value: x ? x.get(i) : 0 });
  }
}

/** The sequence list, the topic's row count, and acceleration.x as an SVG polyline. */
function show({ sequences, topic, rows }) {
  $("#sequences").replaceChildren(...sequences.map((name) => Object.assign(document.createElement("li"), { textContent: name })));
  $("#topic").textContent = topic ? `${topic}: ${rows} rows` : "no topic to plot";
  if (points.length > 1) {
    const t0 = points[0].t;
    const span = Number(points.at(-1).t - t0) || 1;
    const values = points.map((p) => p.value);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const xy = points.map((p) => `${(600 * Number(p.t - t0)) / span},${145 - (140 * (p.value - lo)) / (hi - lo || 1)}`);
    $("#plot").innerHTML = `<polyline fill="none" stroke="steelblue" points="${xy.join(" ")}" />`;
  }
  $("#summary").textContent = JSON.stringify({ example: "vite-browser", sequences: sequences.length, topic, rows, plotted: points.length });
  $("#summary").dataset.status = "done";
}

// #region browser
const client = await MosaicoClient.connect({ url: server }); // gRPC-Web over the browser's fetch
// `await using` needs a browser that runs it (Chromium 134+) or a build step that lowers it.
try {
  const sequences = await client.listSequences();
  const name = params.get("sequence") ?? sequences[0];
  const topic = name ? (await client.sequenceInfo(name)).topics[0] : undefined;
  let rows = 0;
  if (topic) {
    for await (const batch of await client.topicReader(topic.locator)) {
      rows += batch.numRows;
      collect(batch);
    }
  }
  show({ sequences, topic: topic?.locator, rows });
} finally {
  await client.close();
}
// #endregion
