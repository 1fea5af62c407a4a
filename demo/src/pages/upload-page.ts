/**
 * Upload: drop a CSV or Arrow IPC file, map its timestamp column and an
 * ontology tag, and write it as a new sequence (one session, one topic)
 * with a progress bar. On failure, the session's error policy decides what
 * stays on the server, and the page shows what it did.
 */
import { useMemo, useState } from "preact/hooks";
import { useClient } from "../state/connection.js";
import { href } from "../routing/router.js";
import { ErrorCallout, Notice, ProgressBar } from "../components/feedback.js";
import { Icon } from "../components/icons.js";
import { Card, PageHeader } from "../components/page.js";
import { html } from "../html.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { formatCount } from "../lib/format.js";
import { readTabularFile, type TabularFile } from "../lib/tabular-file.js";
import { formatDuration, formatWallClock } from "../lib/time.js";
import { arrowUpload, csvUpload, guessTimestamp, nameFromFile, TIME_UNITS, timestampsOf, type TimeUnit } from "../lib/upload-table.js";
import { MosaicoError, parseJson, topicLocator, type JsonValue, type MosaicoClient, type SessionErrorPolicy } from "../sdk.js";

const KNOWN_TAGS = ["imu", "gps", "pose", "odometry", "floating64", "force_torque", "magnetometer", "temperature", "pressure", "robot_joint", "vector_3_d"];

interface Mapping {
  sequence: string;
  topic: string;
  tag: string;
  timestampColumn: string;
  unit: TimeUnit;
  metadata: string;
  policy: SessionErrorPolicy;
  failMidway: boolean;
}

type Phase =
  | { kind: "idle" }
  | { kind: "writing"; rows: number; total: number; sending: boolean }
  | { kind: "done"; rows: number; sequence: string; locator: string; ms: number }
  | { kind: "failed"; error: Explanation; policy: SessionErrorPolicy; aftermath: string[] };

function Dropzone({ onFile, busy }: { onFile: (f: File) => void; busy: boolean }) {
  const [over, setOver] = useState(false);
  return html`<label class=${`dropzone ${over ? "over" : ""}`} data-testid="dropzone"
      onDragOver=${(e: DragEvent) => { e.preventDefault(); setOver(true); }} onDragLeave=${() => setOver(false)}
      onDrop=${(e: DragEvent) => { e.preventDefault(); setOver(false); const f = e.dataTransfer?.files[0]; if (f) onFile(f); }}>
    <input type="file" accept=".csv,.arrow,.arrows,.ipc,.feather,text/csv" hidden data-testid="file-input" disabled=${busy}
      onChange=${(e: Event) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) onFile(f); }} />
    <div class="dropzone-icon"><${Icon} name="upload" size=${28} /></div>
    <div class="dropzone-title">Drop a CSV or Arrow IPC file here</div>
    <div class="muted">or click to choose one · one header row; dotted headers such as <code>acceleration.x</code> become nested fields</div>
  </label>`;
}

function Preview({ file, mapping, ns }: { file: TabularFile; mapping: Mapping; ns: bigint[] | Error }) {
  const shown = Math.min(6, file.rowCount);
  const sorted = Array.isArray(ns) && ns.every((t, i) => i === 0 || t >= ns[i - 1]!);
  return html`<div data-testid="upload-preview">
    <div class="muted small">${file.fileName} · ${file.format.toUpperCase()} · ${formatCount(file.rowCount)} rows · ${file.columns.length} columns</div>
    <div class="table-wrap"><table class="table compact">
      <thead><tr>${file.columns.map((c) => html`<th class=${c.name === mapping.timestampColumn ? "mapped" : ""}>${c.name}<div class="th-type">${c.name === mapping.timestampColumn ? `→ timestamp_ns (${mapping.unit})` : c.type}</div></th>`)}</tr></thead>
      <tbody>${Array.from({ length: shown }, (_, r) => html`<tr>${file.columns.map((c) => html`<td class="mono small">${file.cell(r, c.name)}</td>`)}</tr>`)}</tbody>
    </table></div>
    ${ns instanceof Error
      ? html`<div class="inline-error" data-testid="timestamp-error">${ns.message}</div>`
      : ns.length > 0 &&
        html`<div class="muted small" data-testid="upload-span">Time span: ${formatDuration(ns[ns.length - 1]! - ns[0]!)}${
          // Only ISO dates say the column is wall-clock time; a number may be any clock (timestamp_ns is a monotonic timer since the Python SDK 0.6).
          mapping.unit === "iso" ? ` (${formatWallClock(ns[0]!)} → ${formatWallClock(ns[ns.length - 1]!)})` : ` (timestamp_ns ${ns[0]} → ${ns[ns.length - 1]})`}
          ${!sorted && html` · <span class="inline-error">timestamps are not in increasing order</span>`}</div>`}
  </div>`;
}

async function describeAftermath(client: MosaicoClient, sequence: string, policy: SessionErrorPolicy): Promise<string[]> {
  const lines: string[] = [];
  if (!(await client.sequenceExists(sequence))) {
    return policy === "delete"
      ? [`Nothing kept: the session, its data and the sequence ${sequence} were deleted (policy: delete), so the same name can be used again.`]
      : [`Sequence ${sequence} does not exist.`];
  }
  const info = await client.sequenceInfo(sequence);
  lines.push(`Sequence ${sequence}: ${info.sessions.length} session(s), ${info.topics.length} topic(s) kept.`);
  for (const s of info.sessions) lines.push(`Session ${s.locator.split(":")[1] ?? s.locator}: ${s.locked ? "finalized" : "open"}, ${s.topics.length} topic(s).`);
  const notes = await client.listSequenceNotifications(sequence).catch(() => []);
  for (const n of notes) lines.push(`Notification (${n.type}): ${n.message}`);
  if (policy === "delete" && info.sessions.length === 0) lines.push("The failed session and its data were deleted (policy: delete).");
  return lines;
}

export function UploadPage() {
  const { client } = useClient();
  const [file, setFile] = useState<TabularFile | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const set = (patch: Partial<Mapping>) => mapping && setMapping({ ...mapping, ...patch });

  const onFile = async (f: File) => {
    setPhase({ kind: "idle" });
    setReadError(null);
    try {
      const parsed = await readTabularFile(f);
      const guess = guessTimestamp(parsed);
      const base = nameFromFile(f.name);
      setFile(parsed);
      setMapping({ sequence: base, topic: `/data/${base}`, tag: "floating64", timestampColumn: guess?.column ?? "", unit: guess?.unit ?? "ns", metadata: "", policy: "report", failMidway: false });
    } catch (reason) {
      setFile(null);
      setReadError(`Could not read ${f.name}: ${reason instanceof Error ? reason.message : String(reason)}`);
    }
  };

  const ns = useMemo<bigint[] | Error>(() => {
    if (!file || !mapping?.timestampColumn) return [];
    try {
      return timestampsOf(file, mapping.timestampColumn, mapping.unit);
    } catch (e) {
      return e as Error;
    }
  }, [file, mapping?.timestampColumn, mapping?.unit]);

  const problems: string[] = [];
  let metadata: JsonValue | undefined;
  if (mapping) {
    try {
      topicLocator(mapping.sequence, mapping.topic);
    } catch (e) {
      problems.push(e instanceof MosaicoError ? e.rawMessage : String(e));
    }
    if (!mapping.tag.trim()) problems.push("choose an ontology tag");
    if (ns instanceof Error) problems.push(ns.message);
    if (mapping.metadata.trim()) {
      try {
        metadata = parseJson(mapping.metadata);
        if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) problems.push("user metadata must be a JSON object");
      } catch {
        problems.push("user metadata is not valid JSON");
      }
    }
  }

  const upload = async () => {
    if (!file || !mapping || ns instanceof Error) return;
    const total = file.rowCount;
    const started = performance.now();
    setPhase({ kind: "writing", rows: 0, total, sending: false });
    const locator = topicLocator(mapping.sequence, mapping.topic);
    try {
      await client.writeSequence(
        mapping.sequence,
        {
          userMetadata: (metadata as Record<string, unknown> | undefined) ?? { source: { file: file.fileName }, uploaded_with: "mosaico-web demo" },
          onError: mapping.policy,
          maxBatchRows: 2000,
          onProgress: (p) => setPhase({ kind: "writing", rows: p.rows, total, sending: p.rows >= total }),
        },
        async (writer) => {
          const data = file.format === "csv" ? csvUpload(file, mapping.timestampColumn, ns) : undefined;
          const topic = await writer.topicWriter(mapping.topic, { ontologyTag: mapping.tag.trim(), schema: data?.schema });
          if (mapping.failMidway) {
            await topic.push(data ? data.rows.slice(0, Math.ceil(total / 2)) : arrowUpload(file, mapping.timestampColumn, ns).slice(0, Math.ceil(total / 2)));
            throw new Error("upload interrupted on purpose, halfway through (the “simulate a failure” option)");
          }
          await topic.push(data ? data.rows : arrowUpload(file, mapping.timestampColumn, ns));
          setPhase({ kind: "writing", rows: total, total, sending: true });
        },
      );
      setPhase({ kind: "done", rows: total, sequence: mapping.sequence, locator, ms: performance.now() - started });
    } catch (reason) {
      const aftermath = await describeAftermath(client, mapping.sequence, mapping.policy).catch(() => []);
      setPhase({ kind: "failed", error: explainError(reason, "write this sequence"), policy: mapping.policy, aftermath });
    }
  };

  const busy = phase.kind === "writing";
  return html`<${PageHeader} title="Upload" subtitle="Turn a table of samples into a new sequence." />
    <${Card}><${Dropzone} onFile=${onFile} busy=${busy} />${readError && html`<div class="inline-error">${readError}</div>`}</${Card}>
    ${file && mapping &&
    html`<div class="grid-2 upload-grid">
      <${Card} title="Mapping" testid="upload-mapping">
        <div class="form-grid">
          <label class="field"><span class="field-label">Timestamp column</span>
            <select class="input select" value=${mapping.timestampColumn} data-testid="upload-ts-column" onChange=${(e: Event) => set({ timestampColumn: (e.target as HTMLSelectElement).value })}>
              ${file.columns.map((c) => html`<option value=${c.name}>${c.name}</option>`)}</select></label>
          <label class="field"><span class="field-label">Unit</span>
            <select class="input select" value=${mapping.unit} data-testid="upload-ts-unit" onChange=${(e: Event) => set({ unit: (e.target as HTMLSelectElement).value as TimeUnit })}>
              ${TIME_UNITS.map((u) => html`<option value=${u.unit}>${u.label}</option>`)}</select></label>
        </div>
        <div class="form-grid">
          <label class="field"><span class="field-label">New sequence</span>
            <input class="input mono" value=${mapping.sequence} data-testid="upload-sequence" onInput=${(e: Event) => set({ sequence: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span class="field-label">Topic</span>
            <input class="input mono" value=${mapping.topic} data-testid="upload-topic" onInput=${(e: Event) => set({ topic: (e.target as HTMLInputElement).value })} /></label>
        </div>
        <label class="field"><span class="field-label">Ontology tag</span>
          <input class="input mono" list="upload-tags" value=${mapping.tag} data-testid="upload-tag" onInput=${(e: Event) => set({ tag: (e.target as HTMLInputElement).value })} />
          <datalist id="upload-tags">${KNOWN_TAGS.map((t) => html`<option value=${t} />`)}</datalist>
          <span class="field-hint">Queries address fields as <code>${mapping.tag || "tag"}.field</code>.</span></label>
        <label class="field"><span class="field-label">Sequence user metadata <span class="muted">(JSON, optional)</span></span>
          <textarea class="input mono" rows="3" placeholder='{"vehicle": {"id": "veh-7"}, "site": "lab"}' value=${mapping.metadata} data-testid="upload-metadata"
            onInput=${(e: Event) => set({ metadata: (e.target as HTMLTextAreaElement).value })}></textarea></label>
        <div class="field"><span class="field-label">If writing fails</span>
          <label class="check"><input type="radio" name="policy" checked=${mapping.policy === "report"} onChange=${() => set({ policy: "report" })} /><span><b>report</b>: keep what was written, add an error notification, finalize</span></label>
          <label class="check"><input type="radio" name="policy" checked=${mapping.policy === "delete"} data-testid="policy-delete" onChange=${() => set({ policy: "delete" })} /><span><b>delete</b>: remove the failed session and its data</span></label>
          <label class="check small muted"><input type="checkbox" checked=${mapping.failMidway} data-testid="upload-fail-midway" onChange=${(e: Event) => set({ failMidway: (e.target as HTMLInputElement).checked })} /> simulate a failure halfway (to see the policy at work)</label>
        </div>
        ${problems.length > 0 && html`<ul class="problems" data-testid="upload-problems">${problems.map((p) => html`<li>${p}</li>`)}</ul>`}
        <button class="btn btn-primary btn-block" disabled=${busy || problems.length > 0} onClick=${upload} data-testid="upload-button"><${Icon} name="upload" /> Write ${formatCount(file.rowCount)} rows as a new sequence</button>
        ${phase.kind === "writing" &&
        html`<${ProgressBar} testid="upload-progress" fraction=${phase.sending ? undefined : phase.rows / Math.max(1, phase.total)}
          label=${phase.sending ? "Sending to the server and finalizing…" : `Encoding ${formatCount(phase.rows)} / ${formatCount(phase.total)} rows`} />`}
        ${phase.kind === "done" &&
        html`<${Notice} kind="ok" testid="upload-done">Wrote ${formatCount(phase.rows)} rows to <a class="mono" href=${href.topic(phase.locator)}>${phase.locator}</a> in ${(phase.ms / 1000).toFixed(2)} s.${" "}
          <a href=${href.sequence(phase.sequence)}>Open the sequence</a> · <a href=${href.catalog()} data-testid="upload-to-catalog">see it in the catalog</a></${Notice}>`}
        ${phase.kind === "failed" &&
        html`<div data-testid="upload-failed"><${ErrorCallout} error=${phase.error} />
          <div class="aftermath"><b>Error policy “${phase.policy}”:</b><ul>${phase.aftermath.map((l) => html`<li>${l}</li>`)}</ul></div></div>`}
      </${Card}>
      <${Card} title="Preview"><${Preview} file=${file} mapping=${mapping} ns=${ns} /></${Card}>
    </div>`}`;
}
