/**
 * The sequence page's "Download as MCAP": exportRecording() streamed into a
 * Blob (topics merged by time through the sequence reader), then saved
 * through an object URL. The bytes stay in the page until saved, so the
 * button says how much it has gathered; Cancel aborts the export's reads.
 */
import { useState } from "preact/hooks";
import { useClient } from "../state/connection.js";
import { html } from "../html.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { formatBytes } from "../lib/format.js";
import { loadBridge } from "../sdk.js";
import { Icon } from "./icons.js";

type Stage = { kind: "idle" } | { kind: "busy"; bytes: number; abort: AbortController } | { kind: "failed"; error: Explanation };

/** Gathers an MCAP stream into a Blob, reporting the bytes gathered. */
async function gather(stream: AsyncIterable<Uint8Array>, onBytes: (bytes: number) => void): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  for await (const part of stream) {
    parts.push(part as Uint8Array<ArrayBuffer>);
    bytes += part.byteLength;
    onBytes(bytes);
  }
  return new Blob(parts, { type: "application/x-mcap" });
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the bytes once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function DownloadMcapButton({ name }: { name: string }) {
  const { client } = useClient();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const run = async () => {
    const abort = new AbortController();
    setStage({ kind: "busy", bytes: 0, abort });
    try {
      const { exportRecording } = await loadBridge();
      const stream = exportRecording(client, name, { format: "mcap", signal: abort.signal });
      save(await gather(stream, (bytes) => setStage({ kind: "busy", bytes, abort })), `${name}.mcap`);
      setStage({ kind: "idle" });
    } catch (reason) {
      setStage(abort.signal.aborted ? { kind: "idle" } : { kind: "failed", error: explainError(reason, "export this sequence") });
    }
  };
  return html`<span class="row gap">
    ${stage.kind === "busy"
      ? html`<button class="btn" disabled data-testid="download-mcap-busy"><${Icon} name="download" /> Exporting… ${formatBytes(stage.bytes)}</button>
        <button class="btn btn-small" onClick=${() => stage.abort.abort()} data-testid="download-mcap-cancel">Cancel</button>`
      : html`<button class="btn" onClick=${run} data-testid="download-mcap" title="Export every topic as one MCAP file (ROS 2 CDR for mapped types, JSON otherwise)">
        <${Icon} name="download" /> Download as MCAP</button>`}
    ${stage.kind === "failed" && html`<span class="inline-error" data-testid="download-mcap-error" title=${stage.error.detail}>${stage.error.title}: ${stage.error.detail}</span>`}
  </span>`;
}
