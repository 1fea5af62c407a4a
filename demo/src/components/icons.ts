/** A few stroke icons (24x24, currentColor), inline so the app ships no icon font. */
import { html } from "../html.js";

const paths: Record<string, string> = {
  catalog: "M4 5h16M4 12h16M4 19h10",
  search: "M11 4a7 7 0 1 1 0 14a7 7 0 0 1 0-14zM20 20l-4-4",
  upload: "M12 16V4M7 9l5-5 5 5M5 20h14",
  download: "M12 4v12M7 11l5 5 5-5M5 20h14",
  key: "M14 10a4 4 0 1 1-8 0a4 4 0 0 1 8 0zM13 12l7 7M17 16l2-2M15 18l2-2",
  plug: "M9 3v5M15 3v5M6 8h12v3a6 6 0 0 1-12 0zM12 17v4",
  chevron: "M9 6l6 6-6 6",
  clock: "M12 7v5l3 2M12 3a9 9 0 1 1 0 18a9 9 0 0 1 0-18z",
  database: "M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3",
  image: "M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9h.01",
  chart: "M4 19h16M6 16l4-6 4 3 5-8",
  tree: "M5 4v16M5 8h6M5 14h6M14 6h6M14 12h6M14 18h6",
  merge: "M6 4v6a4 4 0 0 0 4 4h8M6 20v-6M15 11l3 3-3 3",
  bell: "M6 17V11a6 6 0 0 1 12 0v6l2 2H4zM10 21h4",
  copy: "M8 8h12v12H8zM4 16V4h12",
  x: "M6 6l12 12M18 6L6 18",
  play: "M8 5v14l11-7z",
  pause: "M8 5v14M16 5v14",
  prev: "M15 6l-6 6 6 6",
  next: "M9 6l6 6-6 6",
  alert: "M12 4l9 16H3zM12 10v4M12 17h.01",
  check: "M5 12l5 5L20 7",
  eye: "M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 9a3 3 0 1 1 0 6a3 3 0 0 1 0-6z",
  refresh: "M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6",
  logout: "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10",
};

export function Icon({ name, size = 18 }: { name: keyof typeof paths | string; size?: number }) {
  return html`<svg class="icon" width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d=${paths[name] ?? ""} /></svg>`;
}
