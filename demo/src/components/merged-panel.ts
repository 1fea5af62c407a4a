/**
 * Compare tab: this topic and another of the same sequence read as ONE
 * time-ordered stream (client.sequenceReader merges the two DoGets by
 * timestamp_ns), drawn on a shared time axis with one scale each, plus the
 * order in which the merged batches arrived.
 */
import uPlot from "uplot";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { html } from "../html.js";
import { defaultLeaves, leafValues, numericLeaves, secondsColumn } from "../lib/arrow-fields.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { formatCount } from "../lib/format.js";
import type { MosaicoClient, SequenceInfo, SequenceReader, TopicInfo } from "../sdk.js";
import { ErrorCallout, Notice, ProgressBar } from "./feedback.js";
import { Card } from "./page.js";
import { PALETTE, UPlotChart } from "./uplot-chart.js";
import type { TimeRangeNs } from "./range-controls.js";
import { offMainThread } from "../lib/read-options.js";

interface MergeLogEntry {
  topic: string;
  rows: number;
  first: number;
  last: number;
}

interface MergeState {
  status: "loading" | "done" | "cancelled" | "error";
  data: uPlot.AlignedData | null;
  log: MergeLogEntry[];
  rows: Record<string, number>;
  error?: Explanation;
}

function Selector({ label, value, options, onChange, testid }: { label: string; value: string; options: string[]; onChange: (v: string) => void; testid: string }) {
  return html`<label class="field field-inline"><span class="field-label">${label}</span>
    <select class="input select mono" value=${value} data-testid=${testid} onChange=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${options.map((o) => html`<option value=${o}>${o}</option>`)}
    </select></label>`;
}

export interface MergedPanelProps {
  client: MosaicoClient;
  sequence: SequenceInfo;
  topic: TopicInfo;
  baseNs: bigint;
  range: TimeRangeNs;
}

export function MergedPanel({ client, sequence, topic, baseNs, range }: MergedPanelProps) {
  const others = sequence.topics.filter((t) => t.locator !== topic.locator && t.ontologyTag !== "compressed_image" && t.ontologyTag !== "image");
  const [otherLocator, setOtherLocator] = useState(others.find((t) => t.ontologyTag !== topic.ontologyTag)?.locator ?? others[0]?.locator ?? "");
  const [other, setOther] = useState<TopicInfo | null>(null);
  const leavesA = useMemo(() => (topic.schema ? numericLeaves(topic.schema) : []), [topic.schema]);
  const leavesB = useMemo(() => (other?.schema ? numericLeaves(other.schema) : []), [other]);
  const [fieldA, setFieldA] = useState(() => defaultLeaves(leavesA)[0] ?? "");
  const [fieldB, setFieldB] = useState("");
  const [state, setState] = useState<MergeState | null>(null);
  const readerRef = useRef<SequenceReader | null>(null);
  const cancelledRef = useRef(false);

  useEffect(() => {
    if (!otherLocator) return;
    let live = true;
    client.topicInfo(otherLocator).then((t) => {
      if (!live) return;
      setOther(t);
      setFieldB(t.schema ? (defaultLeaves(numericLeaves(t.schema))[0] ?? "") : "");
    });
    return () => void (live = false);
  }, [client, otherLocator]);

  const pathA = leavesA.find((l) => l.label === fieldA)?.path;
  const pathB = leavesB.find((l) => l.label === fieldB)?.path;
  useEffect(() => {
    if (!other || !pathA || !pathB) return;
    const abort = new AbortController();
    cancelledRef.current = false;
    const series = { [topic.name]: { x: [] as number[], y: [] as (number | null)[] }, [other.name]: { x: [] as number[], y: [] as (number | null)[] } };
    const paths = { [topic.name]: pathA, [other.name]: pathB };
    const log: MergeLogEntry[] = [];
    const rows: Record<string, number> = { [topic.name]: 0, [other.name]: 0 };
    const snapshot = (status: MergeState["status"], error?: Explanation): MergeState => ({
      status,
      log: [...log],
      rows: { ...rows },
      error,
      data: uPlot.join([
        [series[topic.name]!.x, series[topic.name]!.y] as unknown as uPlot.AlignedData,
        [series[other.name]!.x, series[other.name]!.y] as unknown as uPlot.AlignedData,
      ]),
    });
    setState({ status: "loading", data: null, log: [], rows });
    (async () => {
      const reader = await client.sequenceReader(sequence.name, { ...offMainThread, topics: [topic.name, other.name], startNs: range.startNs, endNs: range.endNs, signal: abort.signal });
      readerRef.current = reader;
      for await (const item of reader) {
        const target = series[item.topic]!;
        const x = secondsColumn(item.batch, baseNs);
        const y = leafValues(item.batch, paths[item.topic]!);
        for (let i = 0; i < x.length; i++) {
          target.x.push(x[i]!);
          target.y.push(y[i]!);
        }
        rows[item.topic] = (rows[item.topic] ?? 0) + item.batch.numRows;
        log.push({ topic: item.topic, rows: item.batch.numRows, first: x[0] ?? 0, last: x[x.length - 1] ?? 0 });
      }
      setState(snapshot("done"));
    })().catch((reason) => {
      if (cancelledRef.current) setState(snapshot("cancelled"));
      else if (!abort.signal.aborted) setState(snapshot("error", explainError(reason, "read these topics together")));
    });
    return () => {
      abort.abort();
      void readerRef.current?.cancel();
    };
  }, [client, other, fieldA, fieldB, String(range.startNs), String(range.endNs)]);

  if (others.length === 0) return html`<${Card}><${Notice}>This sequence has no other numeric topic to compare with.</${Notice}></${Card}>`;
  const cancel = () => {
    cancelledRef.current = true;
    void readerRef.current?.cancel();
  };
  return html`<${Card} title="Merged view" testid="merged-card">
    <div class="filter-row">
      <${Selector} label=${topic.name} value=${fieldA} options=${leavesA.map((l) => l.label)} onChange=${setFieldA} testid="merge-field-a" />
      <${Selector} label="with" value=${otherLocator} options=${others.map((t) => t.locator)} onChange=${(v: string) => { setOther(null); setOtherLocator(v); }} testid="merge-topic-b" />
      ${other && html`<${Selector} label="field" value=${fieldB} options=${leavesB.map((l) => l.label)} onChange=${setFieldB} testid="merge-field-b" />`}
    </div>
    ${state?.status === "loading" && html`<${ProgressBar} label="Reading both topics as one time-ordered stream…" onCancel=${cancel} testid="merge-progress" />`}
    ${state?.error && html`<${ErrorCallout} error=${state.error} />`}
    ${state?.data && other &&
    html`<${UPlotChart} data=${state.data} height=${300} xLabel="seconds since the recording started" testid="merged-plot" points=${false}
        series=${[{ label: `${topic.name} ${fieldA}`, color: PALETTE[0], scale: "a" }, { label: `${other.name} ${fieldB}`, color: PALETTE[1], scale: "b" }]} />
      <div class="merge-summary" data-testid="merge-summary">
        ${Object.entries(state.rows).map(([name, n]) => html`<span class="chip"><span class="chip-key">${name}</span><span class="chip-value">${formatCount(n)} rows</span></span>`)}
        <span class="muted small">${state.log.length} batches, delivered in timestamp order</span>
      </div>
      <details class="merge-log"><summary>Arrival order of the merged batches</summary>
        <table class="table compact"><thead><tr><th>#</th><th>Topic</th><th class="num">Rows</th><th class="num">First</th><th class="num">Last</th></tr></thead>
        <tbody>${state.log.slice(0, 40).map((e, i) => html`<tr><td>${i + 1}</td><td class="mono">${e.topic}</td><td class="num">${e.rows}</td><td class="num">${e.first.toFixed(3)} s</td><td class="num">${e.last.toFixed(3)} s</td></tr>`)}</tbody></table>
      </details>`}
  </${Card}>`;
}
