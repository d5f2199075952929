import { Tracker } from "lienthong";
import { figure } from "../../figure.js";

document.getElementById("result").textContent = figure(Tracker);
