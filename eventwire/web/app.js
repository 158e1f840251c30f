/* eventwire analyst's desk: filters in the URL drive the timeline, map, network and event list. */
"use strict";

const FILTERS = ["actor", "type", "status", "since", "until", "q", "country", "place"];
const KINDS = ["trigger", "source", "target", "date", "place", "attributed_to"];
const PAGE = 25;
const state = { filters: {}, offset: 0, slice: null, event: null, stats: null };
const tooltip = document.getElementById("tooltip");
let world = null;

// ---- URL state ---------------------------------------------------------------------------

function readUrl() {
  const params = new URLSearchParams(location.search);
  state.filters = {};
  for (const key of FILTERS) if (params.get(key)) state.filters[key] = params.get(key);
  state.event = params.get("event") ? Number(params.get("event")) : null;
}

function writeUrl(push = true) {
  const params = new URLSearchParams(state.filters);
  if (state.event) params.set("event", state.event);
  const url = location.pathname + (params.toString() ? "?" + params : "");
  if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
}

function query(extra = {}) {
  const params = new URLSearchParams({ ...state.filters, ...extra });
  for (const [k, v] of [...params]) if (v === "" || v == null) params.delete(k);
  return params.toString();
}

async function api(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function setFilter(key, value) {
  setFilters({ [key]: value });
}

function setFilters(values) {
  for (const [key, value] of Object.entries(values)) if (value) state.filters[key] = value; else delete state.filters[key];
  state.offset = 0; state.slice = null;
  writeUrl();
  refresh();
}

// "1 event", "2 events": counts read as words.
const plural = (n, word = "event") => `${Number(n).toLocaleString()} ${word}${n === 1 ? "" : "s"}`;

// ---- filters bar -------------------------------------------------------------------------

const form = document.getElementById("filters");

function syncForm() {
  for (const key of FILTERS) {
    const input = form.elements[key];
    if (input) input.value = state.filters[key] || "";
  }
  const known = (state.stats?.countries || []).find(c => c.country === state.filters.country);
  syncChip("country-chip", "country", "Country", known ? known.name : state.filters.country);
  syncChip("place-chip", "place", "Place", state.filters.place);
  const q = query();
  document.getElementById("export-csv").href = "/api/events.csv" + (q ? "?" + q : "");
  document.getElementById("export-jsonl").href = "/api/events.jsonl" + (q ? "?" + q : "");
}

function syncChip(id, key, title, text) {
  // A filter set by clicking the map shows as a chip with a button that removes it.
  const chip = document.getElementById(id);
  if (!state.filters[key]) { chip.hidden = true; return; }
  chip.innerHTML = "";
  chip.append(`${title}: ${text}`);
  const x = document.createElement("button");
  x.type = "button"; x.title = "Remove"; x.textContent = "×";
  x.onclick = () => setFilter(key, null);
  chip.append(x);
  chip.hidden = false;
}

form.addEventListener("change", event => {
  const input = event.target;
  if (FILTERS.includes(input.name)) setFilter(input.name, input.value.trim());
});
form.addEventListener("submit", event => event.preventDefault());
form.elements.q.addEventListener("keydown", event => {
  if (event.key === "Enter") setFilter("q", event.target.value.trim());
});
document.getElementById("clear").onclick = () => {
  state.filters = {}; state.offset = 0; state.slice = null; state.event = null;
  writeUrl(); refresh();
};
let actorTimer = null;
form.elements.actor.addEventListener("input", event => {
  clearTimeout(actorTimer);
  actorTimer = setTimeout(async () => {
    const data = await api("/api/actors?" + new URLSearchParams({ q: event.target.value, limit: 15 }));
    const list = document.getElementById("actor-options");
    list.innerHTML = "";
    for (const a of data.actors) {
      const option = document.createElement("option");
      option.value = a.code; option.label = `${a.name || a.code} · ${a.events}`;
      list.append(option);
    }
  }, 150);
});

// ---- colours -----------------------------------------------------------------------------

let typeColour = () => "#999";

function makeTypeColours(types) {
  // Cooperative types in greens/blues, conflictual in oranges/reds, ordered by their mean Goldstein score.
  const coop = types.filter(t => t.goldstein > 0).sort((a, b) => b.goldstein - a.goldstein);
  const conflict = types.filter(t => t.goldstein < 0).sort((a, b) => a.goldstein - b.goldstein);
  const map = new Map();
  const spread = (list, scheme) => list.forEach((t, i) =>
    map.set(t.type, scheme(list.length === 1 ? 0.7 : 0.9 - 0.55 * i / (list.length - 1))));
  spread(coop, d3.interpolateYlGnBu);
  spread(conflict, d3.interpolateOrRd);
  typeColour = type => map.get(type) || "#9aa5b1";
}

const goldsteinColour = g => g == null ? "#9aa5b1" : d3.interpolateRdYlGn((Math.max(-10, Math.min(10, g)) + 10) / 20);

function showTip(event, html) {
  tooltip.innerHTML = html; tooltip.hidden = false;
  tooltip.style.left = Math.min(event.clientX + 12, window.innerWidth - 260) + "px";
  tooltip.style.top = event.clientY + 12 + "px";
}
const hideTip = () => { tooltip.hidden = true; };
const esc = s => String(s ?? "").replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

function paint(root) {
  // The Content-Security-Policy refuses inline style attributes, so computed colours go in through the CSSOM.
  for (const el of root.querySelectorAll("[data-swatch]")) el.style.setProperty("--swatch", el.dataset.swatch);
}

function webUrl(value) {
  // Only an http(s) address becomes a link: a stored "javascript:" URL must never run on a click.
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (err) {
    return null;
  }
}

// ---- timeline ----------------------------------------------------------------------------

function periodEnd(start, interval) {
  const d = new Date(start + "T00:00:00Z");
  if (interval === "week") d.setUTCDate(d.getUTCDate() + 6);
  else if (interval === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

function allPeriods(present, interval) {
  // Every period from the first to the last, so quiet spells show as gaps rather than vanish.
  const sorted = [...new Set(present)].sort();
  const step = { day: d3.utcDay, week: d3.utcMonday, month: d3.utcMonth }[interval];
  if (!step || sorted.length < 2) return sorted;
  const first = new Date(sorted[0] + "T00:00:00Z"), last = new Date(sorted[sorted.length - 1] + "T00:00:00Z");
  const range = step.range(first, d3.utcDay.offset(last, 1)).map(d => d.toISOString().slice(0, 10));
  return range.length <= 2000 ? [...new Set([...range, ...sorted])].sort() : sorted;
}

function drawTimeline(stats) {
  const el = document.getElementById("timeline");
  const balanceEl = document.getElementById("balance");
  el.innerHTML = ""; balanceEl.innerHTML = "";
  document.getElementById("timeline-interval").textContent = stats.timeline.length ? `events per ${stats.interval}, by PLOVER type` : "";
  const legend = document.getElementById("type-legend");
  legend.innerHTML = stats.types.map(t => `<span data-swatch="${esc(typeColour(t.type))}">${esc(t.type)} ${t.events}</span>`).join("");
  paint(legend);
  if (!stats.timeline.length) { el.innerHTML = `<div class="empty-chart">No dated events match.</div>`; return; }

  const types = stats.types.map(t => t.type);
  const periods = allPeriods(stats.timeline.map(r => r.period), stats.interval);
  const byPeriod = new Map(periods.map(p => [p, { period: p }]));
  const balance = new Map(periods.map(p => [p, { period: p, conflict: 0, cooperation: 0 }]));
  for (const r of stats.timeline) {
    byPeriod.get(r.period)[r.type] = r.events;
    balance.get(r.period).conflict += r.conflict; balance.get(r.period).cooperation += r.cooperation;
  }
  const rows = periods.map(p => byPeriod.get(p));
  const series = d3.stack().keys(types).value((d, k) => d[k] || 0)(rows);

  const width = el.clientWidth || 900, height = 220, m = { t: 8, r: 10, b: 22, l: 36 };
  const x = d3.scaleBand().domain(periods).range([m.l, width - m.r]).padding(periods.length > 60 ? 0.05 : 0.18);
  const y = d3.scaleLinear().domain([0, d3.max(series, s => d3.max(s, d => d[1])) || 1]).nice().range([height - m.b, m.t]);
  const svg = d3.select(el).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img")
    .attr("aria-label", "Events per period by type");
  const every = Math.ceil(periods.length / Math.max(1, Math.floor(width / 80)));
  // The brush reaches down over the axis, where no bar is, so a drag can always start there.
  addTimelineBrush(svg, x, periods, stats.interval, [[m.l, m.t], [width - m.r, height]]);
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.b})`)
    .call(d3.axisBottom(x).tickValues(periods.filter((_, i) => i % every === 0)).tickSizeOuter(0));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(5, "~s"));
  svg.append("g").selectAll("g").data(series).join("g").attr("fill", s => typeColour(s.key))
    .selectAll("rect").data(s => s.map(d => ({ ...d, type: s.key }))).join("rect")
    .filter(d => d[1] > d[0])
    .attr("class", d => "bar" + (state.slice && state.slice.period === d.data.period && state.slice.type === d.type ? " selected" : ""))
    .attr("data-period", d => d.data.period).attr("data-type", d => d.type).attr("data-count", d => d[1] - d[0])
    .attr("x", d => x(d.data.period)).attr("width", x.bandwidth())
    .attr("y", d => y(d[1])).attr("height", d => y(d[0]) - y(d[1]))
    .on("mousemove", (e, d) => showTip(e, `<b>${esc(d.type)}</b> · ${plural(d[1] - d[0])}<br>${stats.interval} of ${d.data.period}`))
    .on("mouseleave", hideTip)
    .on("click", (e, d) => {
      state.slice = { period: d.data.period, type: d.type, until: periodEnd(d.data.period, stats.interval), interval: stats.interval };
      state.offset = 0;
      svg.selectAll(".bar").classed("selected", b => b === d);
      loadEvents();
    });

  // Conflict below the line, cooperation above: the balance at a glance.
  const bh = 70, bRows = periods.map(p => balance.get(p));
  const extent = d3.max(bRows, r => Math.max(r.conflict, r.cooperation)) || 1;
  const by = d3.scaleLinear().domain([-extent, extent]).range([bh - 4, 4]);
  const bsvg = d3.select(balanceEl).append("svg").attr("viewBox", `0 0 ${width} ${bh}`);
  bsvg.append("text").attr("x", 2).attr("y", 14).attr("font-size", 10).attr("fill", "var(--coop)").text("cooperation");
  bsvg.append("text").attr("x", 2).attr("y", bh - 6).attr("font-size", 10).attr("fill", "var(--conflict)").text("conflict");
  bsvg.selectAll("rect.coop").data(bRows).join("rect").attr("class", "coop").attr("fill", "var(--coop)")
    .attr("data-period", d => d.period).attr("data-count", d => d.cooperation)
    .attr("x", d => x(d.period)).attr("width", x.bandwidth()).attr("y", d => by(d.cooperation)).attr("height", d => by(0) - by(d.cooperation));
  bsvg.selectAll("rect.conf").data(bRows).join("rect").attr("class", "conf").attr("fill", "var(--conflict)")
    .attr("data-period", d => d.period).attr("data-count", d => d.conflict)
    .attr("x", d => x(d.period)).attr("width", x.bandwidth()).attr("y", by(0)).attr("height", d => by(-d.conflict) - by(0));
  bsvg.append("line").attr("x1", m.l).attr("x2", width - m.r).attr("y1", by(0)).attr("y2", by(0)).attr("stroke", "#cfd7e1");
}

function addTimelineBrush(svg, x, periods, interval, extent) {
  // Drag across the timeline (beside the bars: the brush lies under them, so a bar's click still lists its
  // events) to zoom to those periods: they become the From and To filters, which every view follows.
  const brush = d3.brushX().extent(extent).on("end", event => {
    if (!event.selection || !event.sourceEvent) return;
    const [a, b] = event.selection;
    const inside = periods.filter(p => x(p) + x.bandwidth() > a && x(p) < b);
    if (!inside.length) { svg.select(".brush").call(brush.move, null); return; }
    setFilters({ since: inside[0], until: periodEnd(inside[inside.length - 1], interval) });
  });
  svg.append("g").attr("class", "brush").call(brush);
}

// ---- map ---------------------------------------------------------------------------------

function drawMap(stats) {
  const el = document.getElementById("map");
  el.innerHTML = "";
  if (!world) { el.innerHTML = `<div class="empty-chart">Map data missing: run <code>npm ci</code>.</div>`; return; }
  const width = el.clientWidth || 700, height = Math.round(width * 0.52);
  const land = topojson.feature(world, world.objects.countries);
  const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const counts = new Map(stats.countries.filter(c => c.numeric).map(c => [c.numeric, c]));
  const max = d3.max(stats.countries, c => c.events) || 1;
  const shade = d3.scaleSequentialSqrt([0, max], d3.interpolateBlues);
  const svg = d3.select(el).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img").attr("aria-label", "World map of events");
  const layer = svg.append("g").attr("class", "zoom-layer");
  layer.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  layer.append("g").selectAll("path").data(land.features).join("path")
    .attr("class", f => "country" + (counts.has(f.id) ? " has" : "") + (state.filters.country && counts.get(f.id)?.country === state.filters.country ? " selected" : ""))
    .attr("d", path)
    .attr("fill", f => counts.has(f.id) ? shade(counts.get(f.id).events * 0.85 + max * 0.15) : "#d9e0e8")
    .attr("data-iso3", f => counts.get(f.id)?.country || null)
    .attr("data-count", f => counts.get(f.id)?.events || 0)
    .on("mousemove", (e, f) => showTip(e, `<b>${esc(f.properties.name)}</b> · ${plural(counts.get(f.id)?.events || 0)}`))
    .on("mouseleave", hideTip)
    .on("click", (e, f) => { if (counts.has(f.id)) setFilter("country", counts.get(f.id).country); });
  const dots = layer.append("g").attr("class", "places");
  const places = stats.points.map(p => ({ ...p, xy: projection([p.lon, p.lat]) }));
  const zoom = d3.zoom().scaleExtent([1, 256]).translateExtent([[0, 0], [width, height]])
    .on("zoom", event => {
      layer.attr("transform", event.transform);
      drawPlaces(dots, places, event.transform.k, [width, height], zoom, svg);
    });
  svg.call(zoom).on("dblclick.zoom", null);
  el.zoom = { svg, zoom };  // for the zoom buttons and tests
  drawPlaces(dots, places, 1, [width, height], zoom, svg);
  mapZoomButtons(el, svg, zoom);
}

function clusterPlaces(places, k, cell) {
  // Places closer than ``cell`` pixels on screen (at zoom ``k``) share one dot; zooming in splits them.
  const groups = new Map();
  for (const p of places) {
    const key = `${Math.floor(p.xy[0] * k / cell)},${Math.floor(p.xy[1] * k / cell)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(p);
  }
  return [...groups.values()].map(members => {
    const events = d3.sum(members, p => p.events);
    return { members, events, xy: [d3.sum(members, p => p.xy[0] * p.events) / events, d3.sum(members, p => p.xy[1] * p.events) / events] };
  });
}

function drawPlaces(dots, places, k, [width, height], zoom, svg) {
  const clusters = clusterPlaces(places, k, 22);
  const rmax = d3.max(clusters, c => c.events) || 1;
  const radius = d3.scaleSqrt([0, rmax], [0, Math.max(5, width / 85)]);
  dots.selectAll("circle").data(clusters).join("circle")
    .attr("class", c => c.members.length > 1 ? "cluster" : "point" + (state.filters.place === c.members[0].name ? " selected" : ""))
    .attr("data-name", c => c.members.length > 1 ? null : c.members[0].name)
    .attr("data-places", c => c.members.length).attr("data-count", c => c.events)
    .attr("cx", c => c.xy[0]).attr("cy", c => c.xy[1])
    .attr("r", c => Math.max(2.5, radius(c.events)) / k)  // the same size on screen at every zoom
    .on("mousemove", (e, c) => showTip(e, c.members.length > 1
      ? `<b>${plural(c.members.length, "place")}</b> · ${plural(c.events)}<br>${esc(c.members.slice(0, 5).map(p => p.name).join(", "))}${c.members.length > 5 ? "…" : ""} · click to zoom in`
      : `<b>${esc(c.members[0].name)}</b> · ${plural(c.events)} · click to filter by this place`))
    .on("mouseleave", hideTip)
    .on("click", (e, c) => {
      hideTip();
      if (c.members.length > 1) {
        // Centre the cluster and zoom in four times: its places come apart.
        const to = d3.zoomIdentity.translate(width / 2, height / 2).scale(Math.min(256, k * 4)).translate(-c.xy[0], -c.xy[1]);
        svg.transition().duration(300).call(zoom.transform, to);
      } else setFilter("place", state.filters.place === c.members[0].name ? null : c.members[0].name);
    });
}

function mapZoomButtons(el, svg, zoom) {
  const bar = document.createElement("div");
  bar.className = "zoom-buttons";
  for (const [label, title, act] of [["+", "Zoom in", () => zoom.scaleBy(svg.transition().duration(250), 2)],
                                     ["−", "Zoom out", () => zoom.scaleBy(svg.transition().duration(250), 0.5)],
                                     ["⟲", "Whole world", () => zoom.transform(svg.transition().duration(250), d3.zoomIdentity)]]) {
    const button = document.createElement("button");
    button.type = "button"; button.className = "ghost"; button.textContent = label; button.title = title;
    button.onclick = act;
    bar.append(button);
  }
  el.append(bar);
}

// ---- network -----------------------------------------------------------------------------

function drawNetwork(stats) {
  const el = document.getElementById("network");
  el.innerHTML = "";
  if (!stats.dyads.length) { el.innerHTML = `<div class="empty-chart">No source–target pairs match.</div>`; return; }
  const names = new Map(stats.top_actors.map(a => [a.code, a.name]));
  for (const d of stats.dyads) { names.set(d.source, d.source_name || names.get(d.source)); names.set(d.target, d.target_name || names.get(d.target)); }
  const nodes = new Map();
  for (const d of stats.dyads) for (const code of [d.source, d.target]) {
    if (!nodes.has(code)) nodes.set(code, { id: code, name: names.get(code) || code, weight: 0 });
    nodes.get(code).weight += d.events;
  }
  const links = stats.dyads.filter(d => d.source !== d.target).map(d => ({ ...d, source: d.source, target: d.target, from: d.source, to: d.target }));
  const width = el.clientWidth || 500, height = Math.round(width * 0.8);
  const nodeList = [...nodes.values()];
  const r = d3.scaleSqrt([0, d3.max(nodeList, n => n.weight)], [5, 22]);
  const w = d3.scaleSqrt([0, d3.max(links, l => l.events) || 1], [1, 9]);
  const sim = d3.forceSimulation(nodeList)
    .force("link", d3.forceLink(links).id(n => n.id).distance(width / 5).strength(0.3))
    .force("charge", d3.forceManyBody().strength(-width * 0.5))
    .force("center", d3.forceCenter(width / 2, height / 2))
    .force("collide", d3.forceCollide(n => r(n.weight) + 22))
    .force("x", d3.forceX(width / 2).strength(0.1)).force("y", d3.forceY(height / 2).strength(0.12))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();  // laid out once, no animation: the picture holds still
  // Frame the laid-out graph (rather than clamping nodes to the edges, which piles them up).
  const pad = 40;
  const [x0, x1] = d3.extent(nodeList, n => n.x), [y0, y1] = d3.extent(nodeList, n => n.y);
  const box = [x0 - pad, y0 - pad, Math.max(x1 - x0 + 2 * pad, width * 0.6), Math.max(y1 - y0 + 2 * pad, height * 0.6)];
  const svg = d3.select(el).append("svg").attr("viewBox", box.join(" ")).attr("preserveAspectRatio", "xMidYMid meet")
    .style("height", height + "px").attr("role", "img").attr("aria-label", "Actor network");
  svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -4 8 8").attr("refX", 8).attr("markerUnits", "userSpaceOnUse")
    .attr("markerWidth", 9).attr("markerHeight", 9).attr("orient", "auto").append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", "#8895a3");
  svg.append("g").selectAll("line").data(links).join("line").attr("class", "edge")
    .attr("data-source", l => l.from).attr("data-target", l => l.to).attr("data-count", l => l.events)
    .attr("stroke", l => goldsteinColour(l.goldstein)).attr("stroke-opacity", .75).attr("stroke-width", l => w(l.events))
    .attr("x1", l => l.source.x).attr("y1", l => l.source.y)
    .attr("x2", l => l.target.x - (l.target.x - l.source.x) * (r(l.target.weight) + 3) / Math.hypot(l.target.x - l.source.x, l.target.y - l.source.y || 1))
    .attr("y2", l => l.target.y - (l.target.y - l.source.y) * (r(l.target.weight) + 3) / Math.hypot(l.target.x - l.source.x, l.target.y - l.source.y || 1))
    .attr("marker-end", "url(#arrow)")
    .on("mousemove", (e, l) => showTip(e, `<b>${esc(l.from)} → ${esc(l.to)}</b><br>${plural(l.events)} · mean Goldstein ${l.goldstein == null ? "n/a" : l.goldstein.toFixed(1)}`))
    .on("mouseleave", hideTip);
  const node = svg.append("g").selectAll("g").data(nodeList).join("g")
    .attr("class", n => "node" + (state.filters.actor === n.id ? " selected" : ""))
    .attr("data-code", n => n.id).attr("transform", n => `translate(${n.x},${n.y})`)
    .on("click", (e, n) => setFilter("actor", state.filters.actor === n.id ? null : n.id))
    .on("mousemove", (e, n) => showTip(e, `<b>${esc(n.name)}</b> (${esc(n.id)})<br>${plural(n.weight)} in the top pairs`))
    .on("mouseleave", hideTip);
  node.append("circle").attr("r", n => r(n.weight)).attr("fill", "#35506e");
  const label = node.append("text").attr("dy", n => r(n.weight) + 12).attr("text-anchor", "middle").text(n => n.id);
  // The actor's name under its code ("USAGOV" over "Antony Blinken"), where the two differ.
  label.filter(n => nodeName(n)).append("tspan").attr("class", "name").attr("x", 0).attr("dy", "1.1em").text(n => nodeName(n));
}

function nodeName(n) {
  // The name shown with a code, cut short; none when the code is its own name.
  if (!n.name || n.name === n.id) return null;
  return n.name.length > 22 ? n.name.slice(0, 21) + "…" : n.name;
}

// ---- events list and evidence ------------------------------------------------------------

function actorLabel(a) {
  if (!a) return "—";
  if (a.members && a.members.length) return a.members.map(actorLabel).join(" + ");
  return a.code || a.country || a.text;
}

async function loadEvents() {
  const extra = { limit: PAGE, offset: state.offset };
  const scope = document.getElementById("list-scope");
  if (state.slice) {
    Object.assign(extra, { type: state.slice.type, since: state.slice.period, until: state.slice.until });
    scope.innerHTML = `${esc(state.slice.type)}, ${state.slice.interval} of ${state.slice.period} <button type="button" class="ghost" id="unslice">show all</button>`;
    document.getElementById("unslice").onclick = () => { state.slice = null; state.offset = 0; drawAll(); loadEvents(); };
  } else scope.textContent = "";
  const data = await api("/api/events?" + query(extra));
  showMatchedActors(data.actors || {});
  const list = document.getElementById("events");
  list.innerHTML = "";
  for (const e of data.events) {
    const li = document.createElement("li");
    li.className = "event" + (e.id === state.event ? " selected" : "");
    li.dataset.id = e.id; li.dataset.type = e.type;
    li.innerHTML = `<div class="meta"><span class="badge" data-swatch="${esc(typeColour(e.type))}">${esc(e.type)}</span>
      <span class="when">${esc(e.date_label || "undated")}</span><span class="status">${esc(e.status)}</span>
      <span class="who">${esc(actorLabel(e.source))} → ${esc(actorLabel(e.target))}</span></div>
      <div class="sentence">${esc(e.sentence.text)}</div>`;
    paint(li);
    li.onclick = () => { state.event = e.id; writeUrl(); showEvidence(e.id); list.querySelectorAll(".event").forEach(x => x.classList.toggle("selected", x === li)); };
    list.append(li);
  }
  if (!data.events.length) list.innerHTML = `<li class="empty-chart">No events match these filters.</li>`;
  const last = Math.min(data.offset + data.events.length, data.total);
  document.getElementById("page").textContent = data.total ? `${data.offset + 1}–${last} of ${data.total.toLocaleString()}` : "";
  document.getElementById("prev").disabled = data.offset === 0;
  document.getElementById("next").disabled = last >= data.total;
}
document.getElementById("prev").onclick = () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); };
document.getElementById("next").onclick = () => { state.offset += PAGE; loadEvents(); };

function showMatchedActors(matched) {
  // An actor filter given by name ("Tony Blair") shows the codes it found beside the field.
  const note = document.getElementById("actor-matched");
  const found = matched.actor || [];
  const given = (state.filters.actor || "").toUpperCase();
  const differs = found.some(a => a.code !== given);
  note.hidden = !state.filters.actor || (!differs && found.length > 0);
  note.textContent = !found.length ? "no such actor" : found.map(a => a.name ? `${a.code} (${a.name})` : a.code).join(", ");
}

function highlight(text, spans) {
  // Cut the text at every span boundary; each piece is marked with the most specific span covering it.
  const cuts = [...new Set([0, text.length, ...spans.flatMap(s => [s.start, s.end])])].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i < cuts.length - 1; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const covering = spans.filter(s => s.start <= a && s.end >= b);
    const piece = esc(text.slice(a, b));
    const inSentence = covering.some(s => s.kind === "sentence");
    const inner = covering.filter(s => s.kind !== "sentence").sort((x, y) => (x.end - x.start) - (y.end - y.start))[0];
    let out = inner ? `<mark data-kind="${inner.kind}" title="${inner.kind.replace("_", " ")}">${piece}</mark>` : piece;
    if (inSentence) out = `<span class="in-sentence">${out}</span>`;
    html += out;
  }
  return html;
}

async function showEvidence(id) {
  const card = document.getElementById("evidence");
  const data = await api(`/api/events/${id}`);
  const e = data.event, doc = data.document;
  const loc = e.location ? `${e.location.name}${e.location.country ? " (" + e.location.country + ")" : ""}` : "—";
  const link = webUrl(doc.url);
  card.innerHTML = `<h2>Evidence <small>event ${e.id}</small></h2>
    <div class="meta"><span class="badge" data-swatch="${esc(typeColour(e.type))}">${esc(e.type)}${e.mode ? ":" + esc(e.mode) : ""}</span>
      <span class="status" data-status="${esc(e.status)}">${esc(e.status)}</span></div>
    <dl>
      <dt>Who</dt><dd>${esc(actorLabel(e.source))} → ${esc(actorLabel(e.target))}</dd>
      <dt>When</dt><dd class="when">${esc(e.date_label || "undated")}${e.date_start && e.date_end !== e.date_start ? ` <small>(${esc(e.date_start)} to ${esc(e.date_end)})</small>` : ""}</dd>
      <dt>Where</dt><dd>${esc(loc)}</dd>
      <dt>Claimed by</dt><dd class="attributed">${esc(e.attributed_to ? actorLabel(e.attributed_to) + " — " + (e.attributed_to.text || "") : "the article")}</dd>
      <dt>Scores</dt><dd>confidence ${e.confidence?.toFixed(2) ?? "—"} · Goldstein ${e.goldstein ?? "—"}${e.cameo ? " · CAMEO " + esc(e.cameo) : ""}</dd>
      <dt>Article</dt><dd>${link ? `<a class="article-link" href="${esc(link)}" rel="noreferrer">${esc(doc.title || doc.id)}</a>` : esc(doc.title || doc.id)} <small>${esc(doc.source || "")} ${esc(doc.date || "")}</small>
        ${link ? ` · <a class="source-link" href="${esc(link)}" rel="noreferrer">source</a>` : ""}</dd>
    </dl>
    ${thinNotice(doc)}
    <div class="siblings"></div>
    <div class="keys">${KINDS.filter(k => data.spans.some(s => s.kind === k)).map(k => `<span data-kind="${k}">${k.replace("_", " ")}</span>`).join("")}</div>
    <div class="article">${highlight(doc.text || "", data.spans)}</div>`;
  paint(card);
  showSiblings(card.querySelector(".siblings"), e);
  // Scroll the article (not the page) so the evidence sentence is in view.
  const article = card.querySelector(".article"), sentence = card.querySelector(".in-sentence");
  if (sentence) article.scrollTop = Math.max(0, sentence.offsetTop - article.offsetTop - article.clientHeight / 3);
}

//: Below this many characters an article's text is thin: likely a caption or a teaser, not the story.
const THIN_TEXT = 400;

function thinNotice(doc) {
  const n = (doc.text || "").length;
  return n < THIN_TEXT
    ? `<p class="thin-notice" role="note">Only ${plural(n, "character")} of text were found for this article (perhaps a caption or a teaser, not the story): its events may lack context.</p>`
    : "";
}

async function showSiblings(box, event) {
  // The other events of the same article, each a click away.
  const data = await api("/api/events?" + new URLSearchParams({ doc_id: event.doc_id, limit: 100, sort: "id" }));
  const others = data.events.filter(o => o.id !== event.id);
  if (!others.length) { box.innerHTML = `<h3>Other events of this article</h3><p class="empty">None.</p>`; return; }
  box.innerHTML = `<h3>Other events of this article <small>${plural(others.length)}</small></h3><ul></ul>`;
  const list = box.querySelector("ul");
  for (const o of others) {
    const li = document.createElement("li");
    li.className = "sibling"; li.dataset.id = o.id;
    li.innerHTML = `<span class="badge" data-swatch="${esc(typeColour(o.type))}">${esc(o.type)}</span> ${esc(actorLabel(o.source))} → ${esc(actorLabel(o.target))} <small>${esc(o.date_label || "undated")}</small>`;
    li.onclick = () => { state.event = o.id; writeUrl(); showEvidence(o.id); };
    list.append(li);
  }
  paint(box);
}

async function evidenceFollowsFilters() {
  // An event the filters no longer match leaves the evidence panel, rather than stay on it unlisted.
  if (!state.event) return;
  const shown = await api(`/api/events/${state.event}`).catch(() => null);
  const matching = shown && await api("/api/events?" + query({ doc_id: shown.event.doc_id, limit: 1000 }));
  if (matching && matching.events.some(e => e.id === state.event)) return;
  state.event = null;
  writeUrl(false);
  document.getElementById("evidence").innerHTML =
    `<h2>Evidence</h2><p class="empty">The event shown before does not match these filters. Pick one from the list.</p>`;
}

function totalLine(stats) {
  const parts = [plural(stats.total)];
  if (stats.date_range[0]) parts.push(`${stats.date_range[0]} – ${stats.date_range[1]}`);
  if (stats.undated) parts.push(`<span class="undated-count">${stats.undated.toLocaleString()} undated</span>`);
  if (stats.coarse) parts.push(`<span class="coarse-count">${stats.coarse.toLocaleString()} dated only to a season or year</span>`);
  return parts.join(" · ");
}

// ---- spikes (eventwire alerts spikes) -----------------------------------------------------

async function loadSpikes() {
  // Of the whole store, like the type menu: a spike is news whatever the filters show.
  const data = await api("/api/spikes");
  const card = document.getElementById("spikes-card"), list = document.getElementById("spikes");
  card.hidden = !data.spikes.length;
  list.innerHTML = "";
  for (const s of data.spikes.slice(0, 12)) {
    const li = document.createElement("li");
    li.className = "spike"; li.dataset.key = s.key; li.dataset.type = s.type;
    li.innerHTML = `<span class="badge" data-swatch="${esc(typeColour(s.type))}">${esc(s.type)}</span>
      <b>${esc(s.key)}</b> <small>${s.by === "country" ? "in" : "as actor"}</small> · ${esc(s.day)}:
      ${s.count} events <small>(baseline ${s.baseline.toFixed(2)} a day, p ${s.p_value.toExponential(1)})</small>`;
    paint(li);
    li.onclick = () => {
      Object.assign(state.filters, { type: s.type, since: s.day, until: s.day });
      if (s.by === "country") { state.filters.country = s.key; delete state.filters.actor; }
      else { state.filters.actor = s.key; delete state.filters.country; }
      state.offset = 0; state.slice = null; writeUrl(); refresh();
    };
    list.append(li);
  }
}

// ---- everything --------------------------------------------------------------------------

function showError(err) {
  const banner = document.getElementById("error");
  banner.hidden = !err;
  banner.textContent = err ? `Could not load: ${err.message}` : "";
  if (err) document.body.classList.remove("loading");
}


function drawAll() {
  if (!state.stats) return;
  drawTimeline(state.stats); drawMap(state.stats); drawNetwork(state.stats);
}

async function loadTypes() {
  // Type colours and the type menu come from the whole store, so they do not shift as filters change.
  const all = await api("/api/stats?top=1");
  makeTypeColours(all.types);
  const select = form.elements.type;
  for (const t of all.types) { const o = document.createElement("option"); o.value = o.textContent = t.type; select.append(o); }
}

let generation = 0;

async function refresh() {
  syncForm();
  const mine = ++generation;  // a slower, older answer must not overwrite a newer one
  document.body.classList.add("loading");
  let stats;
  try {
    stats = await api("/api/stats?" + query());
  } catch (err) {
    showError(err);
    return;
  }
  if (mine !== generation) return;
  showError(null);
  state.stats = stats;
  document.getElementById("total").innerHTML = totalLine(stats);
  syncForm();
  drawAll();
  await loadEvents();
  await evidenceFollowsFilters();
  if (state.event) await showEvidence(state.event);
  document.body.classList.remove("loading");
  // Tests wait for this number to grow after each interaction.
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
}

window.addEventListener("popstate", () => { readUrl(); state.offset = 0; state.slice = null; refresh(); });
let resizeTimer = null;
window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawAll, 200); });

(async function start() {
  readUrl();
  try { world = await api("/vendor/countries-110m.json"); } catch (err) { world = null; }
  await loadTypes();
  await refresh();
  try { await loadSpikes(); } catch (err) { showError(err); }
  document.body.dataset.spikes = "loaded";
})();
