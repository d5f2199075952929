import { Tracker, Calendar } from "lienthong";
import { figure } from "../../figure.js";

document.getElementById("result").textContent = figure(Tracker, Calendar);
