/**
 * A sequence on one timeline: several topics as panels (plots, the camera
 * frame at the cursor, a GPS track, a pose trajectory, rows) sharing one
 * brushed window and one cursor, scrubbed or played at 0.5×, 1× or 2×. The
 * layout, window and cursor live in the URL, so a view is a link. Times are
 * offsets from the sequence's first sample (`timestamp_ns` is a monotonic
 * timer); wall-clock time shows only from header stamps.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { useClient } from "../state/connection.js";
import { href } from "../routing/router.js";
import { EmptyState, ErrorCallout, Spinner } from "../components/feedback.js";
import { Card, PageHeader } from "../components/page.js";
import { RangeControls, type TimeRangeNs } from "../components/range-controls.js";
import { TimelinePanel } from "../components/timeline/timeline-panel.js";
import { TimelineStrip } from "../components/timeline/timeline-strip.js";
import { TransportBar } from "../components/timeline/transport-bar.js";
import { html } from "../html.js";
import { roundedEnd } from "../lib/time.js";
import { summarize } from "../lib/catalog-data.js";
import { mapLimit } from "../lib/pool.js";
import { explainError, type Explanation } from "../lib/explain-error.js";
import { formatDuration } from "../lib/time.js";
import { defaultPanels, defaultWindow, followCursor, windowAround } from "../lib/timeline-defaults.js";
import { parseLayout, timelineHref, type PanelSpec, type TimelineLayout } from "../lib/timeline-layout.js";
import { VIEW_LABELS, defaultView, viewsFor } from "../lib/timeline-views.js";
import { usePlayback, type Speed } from "../lib/use-playback.js";
import type { SequenceInfo, TopicInfo } from "../sdk.js";

interface Loaded {
  info: SequenceInfo;
  topics: Map<string, TopicInfo>;
  baseNs: bigint;
  whole: TimeRangeNs;
}

function AddPanel({ topics, onAdd }: { topics: TopicInfo[]; onAdd: (spec: PanelSpec) => void }) {
  const [name, setName] = useState(topics[0]?.name ?? "");
  const topic = topics.find((t) => t.name === name);
  const views = topic ? viewsFor(topic) : [];
  const [view, setView] = useState("");
  const chosen = views.includes(view as never) ? view : views[0];
  return html`<form class="row gap flex-wrap" data-testid="add-panel" onSubmit=${(e: Event) => {
    e.preventDefault();
    if (topic && chosen) onAdd({ topic: topic.name, view: chosen as PanelSpec["view"], fields: [] });
  }}>
    <select class="input input-auto" aria-label="Topic" value=${name} data-testid="add-panel-topic" onChange=${(e: Event) => setName((e.target as HTMLSelectElement).value)}>
      ${topics.map((t) => html`<option value=${t.name}>${t.name}</option>`)}
    </select>
    <select class="input input-auto" aria-label="View" value=${chosen} data-testid="add-panel-view" onChange=${(e: Event) => setView((e.target as HTMLSelectElement).value)}>
      ${views.map((v) => html`<option value=${v}>${VIEW_LABELS[v]}</option>`)}
    </select>
    <button class="btn" type="submit" data-testid="add-panel-submit">Add panel</button>
  </form>`;
}

export function TimelinePage({ name, params }: { name: string; params: URLSearchParams }) {
  const { client } = useClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<Explanation | null>(null);
  // The URL is read once; afterwards the page owns the layout and writes it back.
  const initial = useMemo(() => parseLayout(params), [name]);
  const [panels, setPanels] = useState<PanelSpec[]>(initial.panels);
  const [window, setWindow] = useState<TimeRangeNs | null>(null);
  const [cursorNs, setCursor] = useState<bigint>(initial.cursorNs ?? 0n);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);

  useEffect(() => {
    const abort = new AbortController();
    const signal = abort.signal;
    // A new client (reconnect) starts over: no error or data of the old one stays up.
    setError(null);
    setLoaded(null);
    (async () => {
      const info = await client.sequenceInfo(name, { signal });
      // Views are chosen from each topic's Arrow schema, which only the topic's own description carries.
      const described = await mapLimit(info.topics, 4, async (topic) => ({ ...topic, ...(await client.topicInfo(topic.locator, { signal })) }));
      const summary = summarize({ ...info, topics: described });
      const topics = new Map(described.map((t) => [t.name, t]));
      const baseNs = summary.startNs ?? 0n;
      const whole = { startNs: baseNs, endNs: roundedEnd(summary.endNs ?? baseNs, baseNs) };
      const win = initial.startNs !== undefined && initial.endNs !== undefined && initial.endNs > initial.startNs ? { startNs: initial.startNs, endNs: initial.endNs } : defaultWindow(whole);
      setLoaded({ info, topics, baseNs, whole });
      setPanels((current) => (current.length ? current.filter((p) => topics.has(p.topic)) : defaultPanels(described)));
      setWindow(win);
      setCursor((c) => (initial.cursorNs !== undefined ? c : win.startNs));
    })().catch((reason) => !signal.aborted && setError(explainError(reason, "describe this sequence")));
    return () => abort.abort();
  }, [client, name]);

  // The layout goes back into the URL (without a history entry per change, and not on every playback frame).
  useEffect(() => {
    if (!loaded || !window || playing) return;
    const layout: TimelineLayout = { panels, startNs: window.startNs, endNs: window.endNs, cursorNs };
    history.replaceState(null, "", timelineHref(name, layout));
  }, [loaded, panels, window?.startNs, window?.endNs, cursorNs, playing]);

  usePlayback(playing, speed, (delta) => {
    if (!loaded || !window) return;
    const next = followCursor(cursorNs + delta, window, loaded.whole);
    setCursor(next.cursorNs);
    if (next.window !== window) setWindow(next.window);
    if (next.ended) setPlaying(false);
  });

  const crumbs = [{ label: "Catalog", href: href.catalog() }, { label: name, href: href.sequence(name) }, { label: "Timeline" }];
  if (error) return html`<${PageHeader} title=${name} crumbs=${crumbs} /><${ErrorCallout} error=${error} />`;
  if (!loaded || !window) return html`<${PageHeader} title=${name} crumbs=${crumbs} /><${Spinner} label="Loading…" />`;
  const { topics, baseNs, whole } = loaded;
  const withData = [...topics.values()].filter((t) => t.dataInfo?.interval || t.schema);
  const clampCursor = (ns: bigint) => (ns < whole.startNs ? whole.startNs : ns >= whole.endNs ? whole.endNs - 1n : ns);
  const moveCursor = (ns: bigint) => {
    const c = clampCursor(ns);
    setCursor(c);
    // A cursor outside the window takes the window with it, keeping its width.
    if (c < window.startNs || c >= window.endNs) setWindow(windowAround(c, window.endNs - window.startNs, whole));
  };
  const changeWindow = (range: TimeRangeNs) => {
    const start = range.startNs < whole.startNs ? whole.startNs : range.startNs;
    const end = range.endNs > whole.endNs ? whole.endNs : range.endNs;
    if (end <= start) return;
    setWindow({ startNs: start, endNs: end });
    if (cursorNs < start || cursorNs >= end) setCursor(start);
  };
  const panelTopics = panels.map((p) => topics.get(p.topic)).filter((t): t is TopicInfo => !!t);

  return html`<${PageHeader} crumbs=${crumbs} testid="timeline-header"
      title=${html`<span class="mono">${name}</span> <span class="muted">timeline</span>`}
      subtitle=${html`${panels.length} panels on one time axis · ${formatDuration(whole.endNs - whole.startNs)} of data, times since the first sample`} />
    <div class="tl-controls card" data-testid="timeline-controls">
      <${TimelineStrip} baseNs=${baseNs} whole=${whole} window=${window} cursorNs=${cursorNs} topics=${panelTopics} onCursor=${moveCursor} onRange=${changeWindow} />
      <${TransportBar} baseNs=${baseNs} window=${window} cursorNs=${cursorNs} playing=${playing} speed=${speed} onPlaying=${setPlaying} onSpeed=${setSpeed} onCursor=${moveCursor} />
      <${RangeControls} baseNs=${baseNs} whole=${whole} range=${window} onRange=${changeWindow} overview=${undefined} plain=${true} wholeLabel="Whole sequence" />
    </div>
    ${panels.length === 0 && html`<${Card}><${EmptyState} icon="chart" title="No panels">Add a topic below to see it on the timeline.</${EmptyState}></${Card}>`}
    <div class="tl-grid">${panels.map((spec, i) => {
      const topic = topics.get(spec.topic);
      if (!topic) return null;
      return html`<${TimelinePanel} key=${`${spec.topic}~${spec.view}~${i}`} client=${client} topic=${topic} spec=${spec} baseNs=${baseNs} window=${window} whole=${whole}
        cursorNs=${cursorNs} onCursor=${moveCursor} onRange=${changeWindow}
        onSpec=${(next: PanelSpec) => setPanels(panels.map((p, j) => (j === i ? next : p)))}
        onRemove=${() => setPanels(panels.filter((_, j) => j !== i))} />`;
    })}</div>
    <${Card} title="Add a panel">
      ${withData.length ? html`<${AddPanel} topics=${withData} onAdd=${(spec: PanelSpec) => setPanels([...panels, spec])} />` : html`<div class="muted">This sequence has no topic with data.</div>`}
      <div class="muted small">Each panel reads only the window (camera frames: ten seconds around the cursor), in the SDK's reader worker. Default views: ${[...new Set(withData.map((t) => VIEW_LABELS[defaultView(t)]))].join(", ")}.</div>
    </${Card}>`;
}
