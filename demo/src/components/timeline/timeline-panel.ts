/** One panel of the shared timeline: its topic, a view switch, and the view itself. */
import { html } from "../../html.js";
import { href } from "../../routing/router.js";
import { VIEW_LABELS, viewsFor } from "../../lib/timeline-views.js";
import type { ViewKind } from "../../lib/timeline-layout.js";
import { Icon } from "../icons.js";
import { TagBadge } from "../page.js";
import { FrameView } from "./frame-view.js";
import { PlotView } from "./plot-view.js";
import { TableView } from "./table-view.js";
import { TrackView } from "./track-view.js";
import { TrajectoryView } from "./trajectory-view.js";
import type { TimelineViewProps } from "./view-props.js";

const VIEWS = { plot: PlotView, frame: FrameView, track: TrackView, trajectory: TrajectoryView, table: TableView };

export function TimelinePanel(props: TimelineViewProps & { onRemove: () => void }) {
  const { topic, spec, onSpec, onRemove } = props;
  const views = viewsFor(topic);
  const View = VIEWS[spec.view];
  return html`<section class="card tl-panel" data-testid="timeline-panel" data-topic=${topic.name} data-view=${spec.view}>
    <div class="card-head">
      <h2 class="card-title"><a class="mono" href=${href.topic(topic.locator)}>${topic.name}</a> <${TagBadge} tag=${topic.ontologyTag} /></h2>
      <div class="card-actions">
        <select class="input input-small" aria-label="View" value=${spec.view} data-testid="panel-view"
          onChange=${(e: Event) => onSpec({ ...spec, view: (e.target as HTMLSelectElement).value as ViewKind, fields: [] })}>
          ${views.map((v) => html`<option value=${v}>${VIEW_LABELS[v]}</option>`)}
        </select>
        <button class="btn btn-icon btn-ghost" type="button" title="Remove this panel" onClick=${onRemove} data-testid="panel-remove"><${Icon} name="x" size=${16} /></button>
      </div>
    </div>
    <div class="card-body">${views.includes(spec.view) ? html`<${View} ...${props} />` : html`<div class="muted">This topic cannot be shown as ${VIEW_LABELS[spec.view]}.</div>`}</div>
  </section>`;
}
