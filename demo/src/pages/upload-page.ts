/**
 * Upload: drop a CSV or Arrow IPC file, map its timestamp column and an
 * ontology tag, and write it as a new sequence (one session, one topic)
 * with a progress bar; or drop a recording (MCAP, ROS 1 bag), which the
 * MCAP bridge imports with one topic per channel (recording-upload.ts). Everything that can be checked is checked before
 * writing (rows that do not parse, no timestamp column, repeated times,
 * times in 1970 until confirmed), so a refusal writes nothing. On a failure
 * while writing, the session's error policy decides what stays on the
 * server, and the page shows what it did.
 */
import { useMemo, useState } from "preact/hooks";
import { useClient } from "../state/connection.js";
import { href } from "../routing/router.js";
import { ErrorCallout, Notice, ProgressBar } from "../components/feedback.js";
import { Icon } from "../components/icons.js";
import { Card, PageHeader } from "../components/page.js";
import { RecordingUpload } from "../components/recording-upload.js";
import { Dropzone, Preview } from "../components/upload-preview.js";
import { EpochNotice, ProblemList, RefusedCallout, rowText, SortNotice } from "../components/upload-notices.js";
import { html } from "../html.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { formatCount } from "../lib/format.js";
import { isRecordingName, readRecordingFile, type RecordingFile } from "../lib/recording-file.js";
import { RefusedFile } from "../lib/refused-file.js";
import { readTabularFile, type TabularFile } from "../lib/tabular-file.js";
import { guessTimestamp, RECOGNISED_TIMESTAMP_NAMES, TIME_UNITS, type TimeUnit } from "../lib/timestamp-column.js";
import { describeAftermath } from "../lib/upload-aftermath.js";
import { planTimestamps, type TimePlan } from "../lib/upload-plan.js";
import { arrowUpload, csvUpload, firstRows, nameFromFile } from "../lib/upload-table.js";
import { MosaicoError, parseJson, topicLocator, type JsonValue, type SessionErrorPolicy } from "../sdk.js";

const KNOWN_TAGS = ["imu", "gps", "pose", "odometry", "floating64", "force_torque", "magnetometer", "temperature", "pressure", "robot_joint", "vector_3_d"];

interface Mapping {
  sequence: string;
  topic: string;
  tag: string;
  timestampColumn: string;
  unit: TimeUnit;
  /** The user's word that times landing in 1970 are meant (epoch-check.ts). */
  acceptTimes: boolean;
  metadata: string;
  policy: SessionErrorPolicy;
  failMidway: boolean;
}

type Phase =
  | { kind: "idle" }
  | { kind: "writing"; rows: number; total: number; sending: boolean }
  | { kind: "done"; rows: number; sequence: string; locator: string; ms: number }
  /** `aftermath` only when a session was opened: before that, no policy had anything to act on. */
  | { kind: "failed"; error: Explanation; aftermath?: { policy: SessionErrorPolicy; lines: string[] } | undefined };

/** What holds the upload back, as sentences, and the parsed user metadata. */
function checkMapping(mapping: Mapping, plan: TimePlan | undefined): { problems: string[]; metadata: JsonValue | undefined } {
  const problems: string[] = [];
  let metadata: JsonValue | undefined;
  try {
    topicLocator(mapping.sequence, mapping.topic);
  } catch (e) {
    problems.push(e instanceof MosaicoError ? e.rawMessage : String(e));
  }
  if (!mapping.tag.trim()) problems.push("choose an ontology tag");
  if (!mapping.timestampColumn) problems.push("pick the timestamp column");
  if (plan) problems.push(...plan.problems.map(rowText));
  if (plan?.epoch && !mapping.acceptTimes) problems.push("the times land before 2000 read as Unix time: confirm them or change the unit (see the warning above)");
  if (mapping.metadata.trim()) {
    try {
      metadata = parseJson(mapping.metadata);
      if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) problems.push("user metadata must be a JSON object");
    } catch {
      problems.push("user metadata is not valid JSON");
    }
  }
  return { problems, metadata };
}

function TimestampFields({ file, mapping, set }: { file: TabularFile; mapping: Mapping; set: (patch: Partial<Mapping>) => void }) {
  // Another column or unit means other times: a confirmation given for the old ones does not carry over.
  const pick = (patch: Partial<Mapping>) => set({ ...patch, acceptTimes: false });
  return html`<div class="form-grid">
      <label class="field"><span class="field-label">Timestamp column</span>
        <select class="input select" value=${mapping.timestampColumn} data-testid="upload-ts-column" onChange=${(e: Event) => pick({ timestampColumn: (e.target as HTMLSelectElement).value })}>
          ${!mapping.timestampColumn && html`<option value="">— pick the time column —</option>`}
          ${file.columns.map((c) => html`<option value=${c.name}>${c.name}</option>`)}</select></label>
      <label class="field"><span class="field-label">Unit</span>
        <select class="input select" value=${mapping.unit} data-testid="upload-ts-unit" onChange=${(e: Event) => pick({ unit: (e.target as HTMLSelectElement).value as TimeUnit })}>
          ${TIME_UNITS.map((u) => html`<option value=${u.unit}>${u.label}</option>`)}</select></label>
    </div>
    ${!mapping.timestampColumn &&
    html`<div class="inline-error" data-testid="upload-no-timestamp">No timestamp column: no column of ${file.fileName} has a name recognised as the time
      (${RECOGNISED_TIMESTAMP_NAMES}). Pick the column that holds the time above, and its unit, or name it timestamp_ns in the file. Nothing is written until then.</div>`}`;
}

function Outcome({ phase }: { phase: Phase }) {
  switch (phase.kind) {
    case "writing":
      return html`<${ProgressBar} testid="upload-progress" fraction=${phase.sending ? undefined : phase.rows / Math.max(1, phase.total)}
        label=${phase.sending ? "Sending to the server and finalizing…" : `Encoding ${formatCount(phase.rows)} / ${formatCount(phase.total)} rows`} />`;
    case "done":
      return html`<${Notice} kind="ok" testid="upload-done">Wrote ${formatCount(phase.rows)} rows to <a class="mono" href=${href.topic(phase.locator)}>${phase.locator}</a> in ${(phase.ms / 1000).toFixed(2)} s.${" "}
        <a href=${href.sequence(phase.sequence)}>Open the sequence</a> · <a href=${href.catalog()} data-testid="upload-to-catalog">see it in the catalog</a></${Notice}>`;
    case "failed":
      return html`<div data-testid="upload-failed"><${ErrorCallout} error=${phase.error} />
        ${phase.aftermath &&
        html`<div class="aftermath" data-testid="upload-aftermath"><b>Error policy “${phase.aftermath.policy}”:</b><ul>${phase.aftermath.lines.map((l) => html`<li>${l}</li>`)}</ul></div>`}</div>`;
    default:
      return null;
  }
}

export function UploadPage() {
  const { client } = useClient();
  const [file, setFile] = useState<TabularFile | null>(null);
  const [refused, setRefused] = useState<{ fileName: string; error: Error } | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [recording, setRecording] = useState<RecordingFile | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const set = (patch: Partial<Mapping>) => mapping && setMapping({ ...mapping, ...patch });

  const onFile = async (f: File) => {
    setPhase({ kind: "idle" });
    setRefused(null);
    setFile(null);
    setRecording(null);
    if (isRecordingName(f.name)) {
      try {
        setRecording(await readRecordingFile(f));
      } catch (reason) {
        setRefused({ fileName: f.name, error: reason instanceof Error ? reason : new Error(String(reason)) });
      }
      return;
    }
    try {
      const parsed = await readTabularFile(f);
      const guess = guessTimestamp(parsed);
      const base = nameFromFile(f.name);
      setFile(parsed);
      setMapping({ sequence: base, topic: `/data/${base}`, tag: "floating64", timestampColumn: guess?.column ?? "", unit: guess?.unit ?? "ns", acceptTimes: false, metadata: "", policy: "report", failMidway: false });
    } catch (reason) {
      const error = reason instanceof RefusedFile ? reason : new Error(`it is not a CSV or Arrow IPC file this page can read (${reason instanceof Error ? reason.message : String(reason)}).`);
      setRefused({ fileName: f.name, error });
    }
  };

  const plan = useMemo(
    () => (file && mapping?.timestampColumn ? planTimestamps(file, mapping.timestampColumn, mapping.unit) : undefined),
    [file, mapping?.timestampColumn, mapping?.unit],
  );
  const { problems, metadata } = mapping ? checkMapping(mapping, plan) : { problems: [], metadata: undefined };

  const upload = async () => {
    if (!file || !mapping || !plan || problems.length > 0) return;
    const total = file.rowCount;
    const started = performance.now();
    const data = file.format === "csv" ? csvUpload(file, mapping.timestampColumn, plan.ns, plan.order) : arrowUpload(file, mapping.timestampColumn, plan.ns);
    const locator = topicLocator(mapping.sequence, mapping.topic);
    setPhase({ kind: "writing", rows: 0, total, sending: false });
    // writeSequence calls back once the sequence and its session exist: only then has the error policy anything to act on.
    let sessionOpened = false;
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
          sessionOpened = true;
          const topic = await writer.topicWriter(mapping.topic, { ontologyTag: mapping.tag.trim(), schema: data.schema });
          if (mapping.failMidway) {
            await topic.push(firstRows(data, Math.ceil(total / 2)));
            throw new Error("upload interrupted on purpose, halfway through (the “simulate a failure” option)");
          }
          await topic.push(data.rows);
          setPhase({ kind: "writing", rows: total, total, sending: true });
        },
      );
      setPhase({ kind: "done", rows: total, sequence: mapping.sequence, locator, ms: performance.now() - started });
    } catch (reason) {
      const aftermath = sessionOpened ? { policy: mapping.policy, lines: await describeAftermath(client, mapping.sequence, mapping.policy).catch(() => []) } : undefined;
      setPhase({ kind: "failed", error: explainError(reason, "write this sequence"), aftermath });
    }
  };

  const busy = phase.kind === "writing";
  return html`<${PageHeader} title="Upload" subtitle="Turn a table of samples, or a recording (MCAP, ROS 1 bag), into a new sequence." />
    <${Card}><${Dropzone} onFile=${onFile} busy=${busy} />${refused && html`<${RefusedCallout} fileName=${refused.fileName} error=${refused.error} />`}</${Card}>
    ${recording && html`<${RecordingUpload} key=${recording.file} recording=${recording} />`}
    ${file && mapping &&
    html`<div class="grid-2 upload-grid">
      <${Card} title="Mapping" testid="upload-mapping">
        <${TimestampFields} file=${file} mapping=${mapping} set=${set} />
        ${plan?.backwardsRow !== undefined && html`<${SortNotice} backwardsRow=${plan.backwardsRow} />`}
        ${plan?.epoch &&
        html`<${EpochNotice} warning=${plan.epoch} column=${mapping.timestampColumn} accepted=${mapping.acceptTimes}
          onAccept=${(acceptTimes: boolean) => set({ acceptTimes })} onUnit=${(unit: TimeUnit) => set({ unit, acceptTimes: false })} />`}
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
        <${ProblemList} items=${problems} testid="upload-problems" />
        <button class="btn btn-primary btn-block" disabled=${busy || problems.length > 0} onClick=${upload} data-testid="upload-button"><${Icon} name="upload" /> Write ${formatCount(file.rowCount)} rows as a new sequence</button>
        <${Outcome} phase=${phase} />
      </${Card}>
      <${Card} title="Preview"><${Preview} file=${file} timestampColumn=${mapping.timestampColumn} unit=${mapping.unit} plan=${plan} /></${Card}>
    </div>`}`;
}
