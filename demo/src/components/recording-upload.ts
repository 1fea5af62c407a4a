/**
 * The upload page for recordings (MCAP, ROS 1 bags): the channels found (a
 * bag's connections) and what each becomes (the bridge's mapping, editable per channel: auto,
 * generic or skip, importRecording's `mapping` option), then the import with
 * a progress bar fed by onProgress (messages and bytes) and a Cancel button.
 * importRecording's own error policy ("delete") leaves nothing of a failed
 * import, which the outcome says.
 */
import { useState } from "preact/hooks";
import { href } from "../routing/router.js";
import { useClient } from "../state/connection.js";
import { html } from "../html.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { formatBytes, formatCount } from "../lib/format.js";
import type { ChannelOutcome, RecordingChannel, RecordingFile } from "../lib/recording-file.js";
import { nameFromFile } from "../lib/upload-table.js";
import { loadBridge, type ImportResult, type TopicMapping } from "../sdk.js";
import { ErrorCallout, Notice, ProgressBar } from "./feedback.js";
import { Icon } from "./icons.js";
import { Card, TagBadge } from "./page.js";

type Choice = "auto" | "generic" | "skip";

type Phase =
  | { kind: "idle" }
  | { kind: "importing"; messages: number; bytes: number }
  | { kind: "done"; result: ImportResult; ms: number }
  | { kind: "failed"; error: Explanation };

function outcomeOf(channel: RecordingChannel, choice: Choice): ChannelOutcome {
  return choice === "skip" ? { reason: "skipped" } : channel[choice];
}

function Becomes({ outcome }: { outcome: ChannelOutcome }) {
  if ("reason" in outcome) return html`<span class="muted small" data-testid="channel-not-imported">not imported: ${outcome.reason}</span>`;
  return html`<span class="mono">${outcome.topic}</span> <${TagBadge} tag=${outcome.tag} />
    <span class="muted small">${outcome.mappedType ? `model of ${outcome.mappedType}` : "generic columns"}</span>`;
}

function ChannelsTable({ channels, choices, onChoice, busy }: { channels: RecordingChannel[]; choices: Record<string, Choice>; onChoice: (topic: string, c: Choice) => void; busy: boolean }) {
  return html`<div class="table-wrap"><table class="table compact" data-testid="recording-channels">
    <thead><tr><th>Channel</th><th>Type</th><th class="num">Messages</th><th>Mapping</th><th>Becomes</th></tr></thead>
    <tbody>${channels.map((c) => {
      const choice = choices[c.topic] ?? "auto";
      const importable = !("reason" in c.auto) || !("reason" in c.generic);
      return html`<tr data-testid="recording-channel" data-channel=${c.topic}>
        <td class="mono strong">${c.topic}</td>
        <td><span class="mono small">${c.schemaName || "—"}</span><div class="th-type">${c.messageEncoding}${c.schemaEncoding ? ` · ${c.schemaEncoding}` : ""}</div></td>
        <td class="num">${c.messages === undefined ? "—" : formatCount(c.messages)}</td>
        <td><select class="input select" value=${choice} disabled=${busy || !importable} data-testid="channel-mapping"
          onChange=${(e: Event) => onChoice(c.topic, (e.target as HTMLSelectElement).value as Choice)}>
          <option value="auto">auto</option><option value="generic">generic</option><option value="skip">skip</option></select></td>
        <td data-testid="channel-becomes"><${Becomes} outcome=${outcomeOf(c, choice)} /></td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}

function Outcome({ phase, total, onCancel }: { phase: Phase; total: number | undefined; onCancel: () => void }) {
  switch (phase.kind) {
    case "importing": {
      const of = total ? ` / ${formatCount(total)}` : "";
      return html`<${ProgressBar} testid="recording-progress" fraction=${total ? phase.messages / total : undefined} onCancel=${onCancel}
        label=${`Imported ${formatCount(phase.messages)}${of} messages · ${formatBytes(phase.bytes)} of messages`} />`;
    }
    case "done": {
      const { result } = phase;
      return html`<${Notice} kind="ok" testid="recording-done">Imported ${formatCount(result.messages)} messages into ${result.topics.length} topics of
        <span class="mono">${result.sequence}</span> in ${(phase.ms / 1000).toFixed(2)} s${result.indexed ? " (read through the MCAP index, channel by channel)" : ""}.
        ${result.skipped.length > 0 && html` Left out: ${result.skipped.map((s) => `${s.channel} (${s.reason})`).join(", ")}.`}
        <a href=${href.sequence(result.sequence)} data-testid="recording-open-sequence">Open the sequence</a></${Notice}>`;
    }
    case "failed":
      return html`<div data-testid="recording-failed"><${ErrorCallout} error=${phase.error} />
        <div class="muted small">Nothing of this import was kept (the bridge's error policy “delete”).</div></div>`;
    default:
      return null;
  }
}

export function RecordingUpload({ recording }: { recording: RecordingFile }) {
  const { client } = useClient();
  const [sequence, setSequence] = useState(nameFromFile(recording.file.name));
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [abort, setAbort] = useState<AbortController | null>(null);
  const { channels } = recording;
  // A bag whose connections could not be listed is still offered to the bridge, whose error says what is wrong.
  const unlisted = recording.kind === "bag" && recording.problem !== undefined;
  const imported = channels.filter((c) => !("reason" in outcomeOf(c, choices[c.topic] ?? "auto")));
  const total = imported.every((c) => c.messages !== undefined) ? imported.reduce((n, c) => n + (c.messages ?? 0), 0) : undefined;
  const busy = phase.kind === "importing";

  const run = async () => {
    const controller = new AbortController();
    setAbort(controller);
    setPhase({ kind: "importing", messages: 0, bytes: 0 });
    const started = performance.now();
    try {
      const { importRecording } = await loadBridge();
      const mapping: Record<string, TopicMapping> = { ...choices };
      const result = await importRecording(client, recording.file, {
        sequence: sequence.trim(),
        mapping,
        userMetadata: { source: { file: recording.file.name }, uploaded_with: "mosaico-web demo" },
        onProgress: (p) => setPhase({ kind: "importing", messages: p.messages, bytes: p.bytes }),
        signal: controller.signal,
      });
      setPhase({ kind: "done", result, ms: performance.now() - started });
    } catch (reason) {
      setPhase({ kind: "failed", error: explainError(reason, `import ${recording.file.name}`) });
    }
  };

  const title = recording.kind === "bag" ? `ROS 1 bag${unlisted ? "" : ` · ${channels.length} connections`}` : `MCAP · ${channels.length} channels`;
  const summary = recording.kind === "mcap"
    ? (recording.indexed ? " · indexed: imported channel by channel" : " · no index: read front to back")
    : (unlisted ? "" : " · indexed: imported connection by connection");
  return html`<${Card} title=${title} testid="recording-mapping">
    <div class="muted small" data-testid="recording-summary">${recording.file.name} · ${formatBytes(recording.file.size)}${summary}</div>
    ${unlisted
      ? html`<${Notice} kind="warn" testid="recording-bag">A ROS 1 bag whose connections could not be listed: ${recording.problem}. Importing it shows the bridge's error in full.</${Notice}>`
      : html`<${ChannelsTable} channels=${channels} choices=${choices} busy=${busy} onChoice=${(topic: string, c: Choice) => setChoices({ ...choices, [topic]: c })} />`}
    <label class="field"><span class="field-label">New sequence</span>
      <input class="input mono" value=${sequence} data-testid="recording-sequence" onInput=${(e: Event) => setSequence((e.target as HTMLInputElement).value)} /></label>
    <button class="btn btn-primary btn-block" disabled=${busy || !sequence.trim() || (!unlisted && imported.length === 0)} onClick=${run} data-testid="recording-import">
      <${Icon} name="upload" /> Import ${unlisted ? "the bag" : `${imported.length} ${recording.kind === "bag" ? "connections" : "channels"}`} as a new sequence</button>
    <${Outcome} phase=${phase} total=${total} onCancel=${() => abort?.abort()} />
  </${Card}>`;
}
