/**
 * A uPlot chart as a component. The chart is created once per series
 * layout and fed with setData() as data streams in (progressive plots do
 * not rebuild it); its width follows the container.
 */
import uPlot from "uplot";
import { useEffect, useRef } from "preact/hooks";
import { html } from "../html.js";

export const PALETTE = ["#2563eb", "#e11d48", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];

export interface ChartSeries {
  label: string;
  color?: string;
  /** Scale key; series on another scale get a right-hand axis. */
  scale?: string;
  /** Unit of the values (from the ontology model), shown in the legend's value. */
  unit?: string;
}

export interface ChartProps {
  data: uPlot.AlignedData;
  series: ChartSeries[];
  height: number;
  xLabel?: string;
  /** Brush mode: dragging selects a range of x (reported, not zoomed). */
  onSelect?: (from: number, to: number) => void;
  /** A highlighted x range (the current selection of a brush). */
  band?: [number, number];
  /** Test hook and a11y label. */
  testid?: string;
  /** Hide the legend (overviews). */
  compact?: boolean;
  /** Hide the legend but keep full axes (the timeline's readout replaces it). */
  noLegend?: boolean;
  /** Draw points, not only lines (sparse data). */
  points?: boolean;
  /** Shown until the first row arrives. */
  emptyText?: string;
  /** Label of the left y axis (its unit). */
  yLabel?: string;
  /** A vertical cursor line at this x (the shared timeline's cursor). */
  cursorX?: number;
  /** A fixed x range (the shared timeline's window), instead of the data's extent. */
  xRange?: [number, number];
  /** A click (not a drag) on the plot, with the x under the pointer. */
  onPick?: (x: number) => void;
}

interface LiveRefs {
  onSelect: { current?: (a: number, b: number) => void };
  band: { current?: [number, number] };
  cursorX: { current?: number };
  xRange: { current?: [number, number] };
}

/** Moves the cursor line to the current cursor x (hidden outside the plotted range). */
function placeCursor(u: uPlot, x: number | undefined): void {
  const line = u.over.querySelector<HTMLDivElement>(".chart-cursor");
  if (!line) return;
  const left = x === undefined ? NaN : u.valToPos(x, "x");
  const visible = Number.isFinite(left) && left >= 0 && left <= u.over.clientWidth;
  line.style.display = visible ? "block" : "none";
  if (visible) line.style.transform = `translateX(${left}px)`;
}

/** Pads or trims the data to one array per series (uPlot throws on a mismatch). */
function fit(data: uPlot.AlignedData, series: number): uPlot.AlignedData {
  const arrays = [data[0] ?? [], ...Array.from({ length: series }, (_, i) => data[i + 1] ?? [])];
  return arrays as unknown as uPlot.AlignedData;
}

function layoutKey(props: ChartProps): string {
  return JSON.stringify([props.series, props.height, !!props.onSelect, props.compact, props.noLegend, props.points, props.yLabel, !!props.xRange]);
}

/** A color of the page's theme (light or dark, from the stylesheet's variables), for what uPlot paints itself. */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function buildOptions(props: ChartProps, width: number, live: LiveRefs): uPlot.Options {
  const { onSelect, band } = live;
  const scales = [...new Set(props.series.map((s) => s.scale ?? "y"))];
  const axisText = themeColor("--muted", "#64748b");
  const gridLine = themeColor("--line-2", "#eef2f7");
  const tickLine = themeColor("--line", "#e2e8f0");
  const axes: uPlot.Axis[] = [
    { label: props.compact ? undefined : props.xLabel, stroke: axisText, grid: { stroke: gridLine }, ticks: { stroke: tickLine }, size: props.compact ? 28 : 40 },
    ...scales.map((scale, i): uPlot.Axis => ({
      scale,
      side: i === 0 ? 3 : 1,
      stroke: i === 0 ? axisText : PALETTE[1],
      grid: { show: i === 0, stroke: gridLine },
      ticks: { stroke: tickLine },
      label: i === 0 ? props.yLabel : undefined,
      size: 56,
      // Short overview strips still get a few labelled ticks.
      space: props.compact ? 16 : 30,
    })),
  ];
  return {
    width,
    height: props.height,
    legend: { show: !props.compact && !props.noLegend },
    scales: { x: props.xRange ? { time: false, range: (_u, min, max) => live.xRange.current ?? [min, max] } : { time: false } },
    cursor: props.onSelect ? { drag: { x: true, y: false, setScale: false } } : { drag: { x: true, y: false } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    axes,
    series: [
      { label: props.xLabel ?? "x", value: (_u, v) => (v == null ? "—" : `${v.toFixed(3)} s`) },
      ...props.series.map((s, i): uPlot.Series => ({
        label: s.label,
        scale: s.scale ?? "y",
        stroke: s.color ?? PALETTE[i % PALETTE.length],
        width: 1.25,
        points: { show: props.points ?? false, size: 4 },
        value: (_u, v) => (v == null ? "—" : `${Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(5)}${s.unit ? ` ${s.unit}` : ""}`),
      })),
    ],
    hooks: {
      setSelect: [
        (u) => {
          if (!onSelect.current || u.select.width < 3) return;
          const from = u.posToVal(u.select.left, "x");
          const to = u.posToVal(u.select.left + u.select.width, "x");
          onSelect.current(from, to);
        },
      ],
      draw: [
        (u) => {
          const range = band.current;
          if (!range) return;
          const left = u.valToPos(range[0], "x", true);
          const right = u.valToPos(range[1], "x", true);
          const ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = "rgba(37, 99, 235, 0.12)";
          ctx.fillRect(left, u.bbox.top, Math.max(1, right - left), u.bbox.height);
          ctx.strokeStyle = "rgba(37, 99, 235, 0.6)";
          ctx.strokeRect(left, u.bbox.top, Math.max(1, right - left), u.bbox.height);
          ctx.restore();
        },
        (u) => placeCursor(u, live.cursorX.current),
      ],
    },
  };
}

export function UPlotChart(props: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const onSelect = useRef(props.onSelect);
  const band = useRef(props.band);
  const cursorX = useRef(props.cursorX);
  const xRange = useRef(props.xRange);
  const onPick = useRef(props.onPick);
  onSelect.current = props.onSelect;
  band.current = props.band;
  cursorX.current = props.cursorX;
  xRange.current = props.xRange;
  onPick.current = props.onPick;
  const key = layoutKey(props);
  // uPlot cannot lay out axes of an empty scale: the chart is made at the first row.
  const points = props.data[0]?.length ?? 0;
  const hasData = points > 0;

  useEffect(() => {
    if (!hasData) return;
    const el = host.current!;
    const u = new uPlot(buildOptions(props, Math.max(200, el.clientWidth), { onSelect, band, cursorX, xRange }), fit(props.data, props.series.length), el);
    chart.current = u;
    const line = document.createElement("div");
    line.className = "chart-cursor";
    line.dataset.testid = "chart-cursor";
    u.over.appendChild(line);
    placeCursor(u, cursorX.current);
    let dragStart = -1;
    u.over.addEventListener("mousedown", (e) => (dragStart = e.clientX));
    u.over.addEventListener("click", (e) => {
      // A drag selects a range; only a still click moves the cursor.
      if (!onPick.current || Math.abs(e.clientX - dragStart) > 3) return;
      onPick.current(u.posToVal(e.offsetX, "x"));
    });
    const observer = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: props.height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [key, hasData]);

  useEffect(() => {
    chart.current?.setData(fit(props.data, props.series.length));
  }, [props.data, key]);

  useEffect(() => {
    const u = chart.current;
    if (!u) return;
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    u.redraw(false);
  }, [props.band?.[0], props.band?.[1]]);

  useEffect(() => {
    const u = chart.current;
    if (u && props.xRange) u.setScale("x", { min: props.xRange[0], max: props.xRange[1] });
  }, [props.xRange?.[0], props.xRange?.[1]]);

  useEffect(() => {
    if (chart.current) placeCursor(chart.current, props.cursorX);
  }, [props.cursorX]);

  return html`<div class="chart" ref=${host} data-testid=${props.testid} data-points=${points} aria-label=${props.testid}>
    ${!hasData && html`<div class="chart-empty" style=${`height:${props.height}px`}>${props.emptyText ?? "Waiting for data…"}</div>`}
  </div>`;
}
