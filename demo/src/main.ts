import { render } from "preact";
import "uplot/dist/uPlot.min.css";
import "./styles/app.css";
import { App } from "./app/app.js";
import { html } from "./html.js";

render(html`<${App} />`, document.getElementById("app")!);
