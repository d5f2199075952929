// Served from the repository root: the package is at /pkg/, used without a bundler.
import init, { Tracker, Calendar } from "/pkg/index.js";
import { figure } from "../figure.js";

await init();
document.getElementById("result").textContent = figure(Tracker, Calendar);
